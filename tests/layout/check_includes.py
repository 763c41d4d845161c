#!/usr/bin/env python3
"""The include graph of the source tree follows the architecture (docs/architecture.md).

Rules, checked on every #include line of engine/ and render/:
  core      -> core's own headers and <greatgame/*.h>; no GSL, OpenMP, SDL or MPI
  analysis  -> analysis's own headers, <greatgame/*.h> and core's gg_util.h only
  render    -> render's own headers and <greatgame/*.h> (the library alone)
  cli       -> cli's own headers, <greatgame/*.h> and render's public header
  web       -> (render/web, the WebAssembly edition) its own headers and <greatgame/*.h>
  python, r -> (engine/bindings/*/src) their own headers and <greatgame/*.h>
  include/greatgame (public) -> other public headers and the C library
and the graph between folders has no cycle.

Usage: check_includes.py SOURCE_DIR   (prints one line per violation; exit 1 if any)
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
FORBIDDEN_CORE = ("gsl/", "omp.h", "SDL", "mpi.h")

ALLOWED_LOCAL = {
    "core": {"core"},
    "analysis": {"analysis", "core:gg_util.h"},
    "render": {"render"},
    "cli": {"cli", "render:render.h", "render:viewer.h"},
    "public": {"public"},
    "web": {"web"},
    "python": {"python"},
    "r": {"r"},
}


def folder_of(root, path):
    rel = os.path.relpath(path, root).replace(os.sep, "/")
    for prefix, name in (("engine/core/", "core"), ("engine/analysis/", "analysis"),
                         ("engine/cli/", "cli"), ("engine/include/greatgame/", "public"),
                         ("render/web/", "web"), ("render/", "render"),
                         ("engine/bindings/python/src/", "python"),
                         ("engine/bindings/r/src/", "r")):
        if rel.startswith(prefix) and "/" not in rel[len(prefix):]:
            return name
    return None


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
    dirs = {"core": "engine/core", "analysis": "engine/analysis", "cli": "engine/cli",
            "render": "render", "public": "engine/include/greatgame", "web": "render/web",
            "python": "engine/bindings/python/src", "r": "engine/bindings/r/src"}
    headers = {name: set(f for f in os.listdir(os.path.join(root, d)) if f.endswith(".h"))
               for name, d in dirs.items() if os.path.isdir(os.path.join(root, d))}
    bad = []
    edges = set()
    files = 0
    for name, d in dirs.items():
        full = os.path.join(root, d)
        if not os.path.isdir(full):
            continue
        for f in sorted(os.listdir(full)):
            if not f.endswith((".c", ".h")):
                continue
            files += 1
            path = os.path.join(full, f)
            with open(path, encoding="utf-8") as fh:
                for n, line in enumerate(fh, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    kind, inc = m.groups()
                    where = "%s/%s:%d" % (d, f, n)
                    if kind == "<":
                        if inc.startswith("greatgame/"):
                            if name != "public":
                                edges.add((name, "public"))
                            continue
                        if name == "core" and inc.startswith(FORBIDDEN_CORE):
                            bad.append("%s: core includes <%s> (core depends on cJSON and libm only)"
                                       % (where, inc))
                        if name == "public" and not re.match(r"^(std[a-z]*|stddef|stdint|stdio|"
                                                             r"stdbool|stdarg|stdlib)\.h$", inc):
                            bad.append("%s: a public header includes <%s>" % (where, inc))
                        continue
                    base = os.path.basename(inc)
                    if name == "public":
                        if base not in headers["public"]:
                            bad.append('%s: a public header includes "%s"' % (where, inc))
                        continue
                    owner = None
                    if base in headers.get(name, set()) and "/" not in inc:
                        owner = name
                    else:
                        for other, hs in headers.items():
                            if base in hs and other != name:
                                owner = other
                                break
                    if owner is None:
                        bad.append('%s: "%s" is no header of the tree' % (where, inc))
                        continue
                    if owner == name:
                        continue
                    edges.add((name, owner))
                    if owner not in ALLOWED_LOCAL[name] and "%s:%s" % (owner, base) not in ALLOWED_LOCAL[name]:
                        bad.append('%s: %s includes %s\'s private header "%s"' % (where, name, owner, inc))
    # no cycle between folders
    graph = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
    state = {}

    def visit(v, stack):
        state[v] = 1
        for w in graph.get(v, ()):
            if state.get(w) == 1:
                bad.append("cycle between folders: %s" % " -> ".join(stack + [v, w]))
            elif not state.get(w):
                visit(w, stack + [v])
        state[v] = 2

    for v in list(graph):
        if not state.get(v):
            visit(v, [])
    for line in bad:
        print(line)
    print("include graph: %d files; folder edges: %s" %
          (files, ", ".join("%s->%s" % e for e in sorted(edges))))
    print("layout: %d passed, %d failed" % (1 if not bad else 0, 1 if bad else 0))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
