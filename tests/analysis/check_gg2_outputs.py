#!/usr/bin/env python3
"""The output files and commands of a GG-2 run, checked from outside.

usage: check_gg2_outputs.py GREATGAME SCENARIO GG1_SCENARIO WORK

Runs the GG-2 SCENARIO with `greatgame run --out` and checks:

- manifest.json names model GG-2, lists ties.csv, and records every GG-2
  parameter with the value the scenario file gives it (or its default);
- utility.csv has GG-2's terms, and in every (run, tick, state, component)
  the terms add up to the utility;
- ties.csv equals the ties, dependence index and hedging capacity
  recomputed here from stocks.csv and the scenario file by the formulas of
  docs/model.md (5.5.3, 5.5.4, 5.5.7);
- `greatgame explain` prints the same terms as utility.csv;
- `greatgame params --model GG-2 --json` lists GG-1's rows then GG-2's,
  and `--model` refuses other values;
- a GG-1 run (GG1_SCENARIO) into the same folder says model GG-1 and
  leaves no ties.csv behind.

Prints one line per check and exits 0, or names the first failure and
exits 1. Only the standard library is used."""
import csv
import json
import os
import shutil
import subprocess
import sys

TOL = 1e-12


def fail(msg):
    print("check_gg2_outputs: " + msg, file=sys.stderr)
    sys.exit(1)


def close(a, b, tol=TOL):
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def run(args, expect=0):
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != expect:
        fail("%s: exit %d, expected %d; stderr: %s" % (" ".join(args), p.returncode, expect,
                                                       p.stderr.strip()))
    return p


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def state_value(doc, state, key, default):
    if key in state:
        return state[key]
    return doc.get("defaults", {}).get(key, default)


def nested(doc, state, key, sub, default):
    """weights/saturation of a state: the state's, else the defaults'."""
    if key in state and sub in state[key]:
        return state[key][sub]
    return doc.get("defaults", {}).get(key, {}).get(sub, default)


def check_manifest(doc, out):
    with open(os.path.join(out, "manifest.json")) as f:
        man = json.load(f)
    if man.get("model") != "GG-2":
        fail("manifest.json: model %r, expected 'GG-2'" % man.get("model"))
    if "ties.csv" not in man.get("files", []):
        fail("manifest.json: files %r do not list ties.csv" % man.get("files"))
    want = {}
    for c in doc["channels"]:
        want["channels.%s.visibility" % c["id"]] = c.get("visibility", 1)
        want["channels.%s.dependence" % c["id"]] = c.get("dependence", 0)
    for p in doc["powers"]:
        want["powers.%s.conditionality" % p["id"]] = p.get("conditionality", 0)
        for ch, weights in p.get("channel_priority", {}).items():
            for s in doc["states"]:
                want["powers.%s.channel_priority.%s.%s" % (p["id"], ch, s["id"])] = \
                    weights.get(s["id"], 0)
    defaults = {"ties_pull": 1, "leverage": 0, "regime_security": 0, "unrest": 0,
                "conditionality_aversion": 0, "hedging": 0}
    for s in doc["states"]:
        for key, d in defaults.items():
            want["states.%s.%s" % (s["id"], key)] = state_value(doc, s, key, d)
    got = man.get("parameters", {})
    for path, value in want.items():
        if path not in got:
            fail("manifest.json: parameters has no %s" % path)
        if not close(got[path], value):
            fail("manifest.json: %s is %r, the scenario gives %r" % (path, got[path], value))
    # a channel a power does not list has no channel_priority path
    for p in doc["powers"]:
        for c in doc["channels"]:
            if c["id"] not in p.get("channel_priority", {}):
                for s in doc["states"]:
                    path = "powers.%s.channel_priority.%s.%s" % (p["id"], c["id"], s["id"])
                    if path in got:
                        fail("manifest.json: %s listed, but %s does not list %s"
                             % (path, p["id"], c["id"]))
    print("manifest: model GG-2, ties.csv listed, %d GG-2 parameters as in the scenario"
          % len(want))


POWER_TERMS = ["affinity", "ties", "dependence", "regime", "conditionality", "bloc", "backlash",
               "neighbour", "noise"]
AUTONOMY_TERMS = ["autonomy", "hedging", "neighbour", "noise"]


def check_utility(doc, out):
    groups = {}
    order = {}
    for r in rows(os.path.join(out, "utility.csv")):
        key = (r["run"], r["tick"], r["state"], r["power"])
        groups.setdefault(key, {})[r["term"]] = float(r["value"])
        order.setdefault(key, []).append(r["term"])
    S, P, T = len(doc["states"]), len(doc["powers"]), doc["time"]["ticks"]
    if len(groups) != T * S * (P + 1):
        fail("utility.csv: %d term sets, expected %d" % (len(groups), T * S * (P + 1)))
    for key, terms in groups.items():
        names = AUTONOMY_TERMS if key[3] == "autonomy" else POWER_TERMS
        if order[key] != names + ["utility"]:
            fail("utility.csv %s: terms %s, expected %s" % (key, order[key], names + ["utility"]))
        total = sum(terms[n] for n in names)
        if not close(total, terms["utility"]):
            fail("utility.csv %s: terms sum to %.17g, utility %.17g" % (key, total,
                                                                        terms["utility"]))
    print("utility.csv: %d term sets, each summing to its utility" % len(groups))
    return groups


def check_ties(doc, out):
    states = {s["id"]: s for s in doc["states"]}
    powers = [p["id"] for p in doc["powers"]]
    channels = {c["id"]: c for c in doc["channels"]}
    # bloc multiplier M[s][p][c]: product over the blocs s belongs to and p sponsors
    mult = {}
    for b in doc.get("blocs", []):
        for m in b.get("members", []):
            sid = m if isinstance(m, str) else m["state"]
            if not isinstance(m, str) and ("from" in m or "until" in m):
                fail("the test scenario's memberships must hold for the whole run")
            for p in b["sponsors"]:
                for c, f in b.get("multipliers", {}).items():
                    mult[(sid, p, c)] = mult.get((sid, p, c), 1.0) * f
    stock = {}
    for r in rows(os.path.join(out, "stocks.csv")):
        stock[(r["run"], r["tick"], r["state"], r["power"], r["channel"])] = float(r["stock"])
    ties = rows(os.path.join(out, "ties.csv"))
    S, P, T = len(states), len(powers), doc["time"]["ticks"]
    if len(ties) != T * S * P:
        fail("ties.csv: %d rows, expected %d (ticks 1..%d)" % (len(ties), T * S * P, T))
    E = {}
    for r in ties:
        s = states[r["state"]]
        e = d = 0.0
        for cid, c in channels.items():
            x = stock[(r["run"], r["tick"], r["state"], r["power"], cid)]
            w = nested(doc, s, "weights", cid, 0.0)
            h = nested(doc, s, "saturation", cid, None)
            e += w * mult.get((r["state"], r["power"], cid), 1.0) * x / (x + h)
            d += c.get("dependence", 0.0) * x / (1000.0 * s["gdp"])
        if not close(float(r["ties"]), e):
            fail("ties.csv %s: ties %s, recomputed %.17g" % (dict(r), r["ties"], e))
        if not close(float(r["dependence"]), d):
            fail("ties.csv %s: dependence %s, recomputed %.17g" % (dict(r), r["dependence"], d))
        E.setdefault((r["run"], r["tick"], r["state"]), []).append((e, r["hedging_capacity"]))
    for key, es in E.items():
        vals = [e for e, _ in es]
        strongest = vals.index(max(vals))
        h = sum(v for i, v in enumerate(vals) if i != strongest)
        for _, got in es:
            if not close(float(got), h):
                fail("ties.csv %s: hedging_capacity %s, recomputed %.17g" % (key, got, h))
    print("ties.csv: %d rows equal the ties, dependence and hedging capacity recomputed "
          "from stocks.csv" % len(ties))


def check_explain(prog, scen, doc, groups):
    state, tick = doc["states"][-1]["id"], 6
    p = run([prog, "explain", scen, "--state", state, "--tick", str(tick)])
    lines = p.stdout.splitlines()
    label = {"autonomy (alpha)": "autonomy", "affinity": "affinity", "ties": "ties",
             "dependence": "dependence", "regime": "regime", "conditionality": "conditionality",
             "blocs": "bloc", "backlash": "backlash", "hedging": "hedging",
             "neighbour pull": "neighbour", "noise": "noise", "= utility": "utility"}
    comp, seen = None, 0
    for line in lines[1:]:
        if not line.strip():
            continue
        if not line.startswith("  "):
            comp = line.split()[0]
            continue
        name, value = line[2:22].strip(), float(line[22:].split()[0])
        if name == "share (after step)":
            continue
        if name not in label:
            fail("explain: unknown term %r" % name)
        want = groups[("0", str(tick), state, comp)][label[name]]
        if abs(value - want) > 5e-7:
            fail("explain %s %s: %.6f, utility.csv has %.17g" % (comp, name, value, want))
        seen += 1
    if "ties" not in [ln[2:22].strip() for ln in lines]:
        fail("explain: no ties term in\n" + p.stdout)
    print("explain: %d terms of state %s at tick %d as in utility.csv" % (seen, state, tick))


def check_params(prog):
    g1 = json.loads(run([prog, "params", "--json"]).stdout)
    g2 = json.loads(run([prog, "params", "--model", "GG-2", "--json"]).stdout)
    same = json.loads(run([prog, "params", "--model=GG-1", "--json"]).stdout)
    if same != g1:
        fail("params --model=GG-1 differs from params")
    if g2[:len(g1)] != g1 or len(g2) <= len(g1):
        fail("params --model GG-2: GG-1's rows are not first, or no GG-2 rows")
    paths = [r["path"] for r in g2[len(g1):]]
    for want in ("states.<state>.hedging", "states.<state>.unrest",
                 "powers.<power>.channel_priority.<channel>.<state>"):
        if want not in paths:
            fail("params --model GG-2: no row %s" % want)
    table = run([prog, "params", "--model", "GG-2"]).stdout.splitlines()
    if len(table) != 2 + len(g2):
        fail("params --model GG-2: %d table lines, expected %d" % (len(table), 2 + len(g2)))
    p = run([prog, "params", "--model", "GG-3"], expect=2)
    if p.stdout or p.stderr.strip() != \
            '--model: expected GG-1 or GG-2, got "GG-3"':
        fail("params --model GG-3: stdout %r, stderr %r" % (p.stdout, p.stderr))
    print("params: --model GG-2 adds %d rows after GG-1's %d" % (len(paths), len(g1)))


def main():
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    prog, scen, gg1, work = sys.argv[1:]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    with open(scen) as f:
        doc = json.load(f)
    out = os.path.join(work, "out")
    run([prog, "run", scen, "--quiet", "--out", out])
    check_manifest(doc, out)
    groups = check_utility(doc, out)
    check_ties(doc, out)
    check_explain(prog, scen, doc, groups)
    check_params(prog)
    # A GG-1 run into the same folder: no GG-2 file is left behind.
    run([prog, "run", gg1, "--quiet", "--force", "--out", out])
    with open(os.path.join(out, "manifest.json")) as f:
        man = json.load(f)
    if man.get("model") != "GG-1" or "ties.csv" in man["files"]:
        fail("GG-1 run: model %r, files %r" % (man.get("model"), man["files"]))
    if os.path.exists(os.path.join(out, "ties.csv")):
        fail("GG-1 run into a GG-2 run's folder left ties.csv behind")
    if any(k.endswith(".hedging") for k in man["parameters"]):
        fail("GG-1 run: manifest lists GG-2 parameters")
    print("GG-1 run: model GG-1, no ties.csv, no GG-2 parameters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
