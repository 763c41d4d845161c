#!/bin/sh
# The Python module from a fresh install, as docs/python.md describes it:
# install the library (cmake --install) into a new prefix, make a virtual
# environment that sees Debian's NumPy, pandas and matplotlib, install the
# package with pip offline (--no-build-isolation --no-index), then run the
# researcher study (load, sweep, plot) and the discovery study (load, sweep
# with a factor, PRIM, plot) and check that their files are byte for byte
# those of `greatgame sweep` and `greatgame discover`, and their plots PNGs.
# Status 77 (skipped) without the venv module or pip.
# usage: fresh_install.sh BUILD_DIR SOURCE_DIR PROGRAM PYTHON WORK
set -u
build=$1
src=$2
program=$3
py=$4
w=$5
if ! "$py" -c 'import venv, ensurepip, pip, pandas, numpy' 2>/dev/null; then
  echo "the venv module, pip, pandas or NumPy is missing for $py: skipped"
  exit 77
fi
fail() {
  echo "fresh_install: $1"
  exit 1
}
rm -rf "$w" && mkdir -p "$w" || exit 1
cmake --install "$build" --prefix "$w/prefix" > "$w/install.log" 2>&1 ||
  fail "cmake --install failed (see $w/install.log)"
"$py" -m venv --system-site-packages "$w/venv" > "$w/venv.log" 2>&1 ||
  fail "python3 -m venv failed (see $w/venv.log)"
# pip builds in the source folder: give it a copy of the package.
cp -R "$src/engine/bindings/python" "$w/pkg" || exit 1
rm -rf "$w/pkg/build" "$w/pkg/"*.egg-info
libdir=$(ls -d "$w/prefix"/lib*/pkgconfig | head -n 1)
PKG_CONFIG_PATH="$libdir" "$w/venv/bin/python" -m pip install --no-build-isolation --no-index \
  --no-deps "$w/pkg" > "$w/pip.log" 2>&1 || fail "pip install failed (see $w/pip.log)"
# Run from elsewhere, with nothing of the build tree on the path.
cd "$w" || exit 1
env -u PYTHONPATH -u LD_LIBRARY_PATH "$w/venv/bin/python" "$src/engine/bindings/python/examples/study.py" \
  "$w/study" > "$w/study.log" 2>&1 || fail "the study failed (see $w/study.log)"
where=$("$w/venv/bin/python" -c 'import greatgame, os; print(os.path.dirname(greatgame.__file__))')
case "$where" in
"$w/venv/"*) ;;
*) fail "greatgame was imported from $where, not from the virtual environment" ;;
esac
"$program" sweep "$src/scenarios/central_asia_2020.json" --param powers.US.budget.diplomacy=0:6:7 \
  --replicates 20 --metric final.KZ.US \
  --metric final.UZ.US --out "$w/cli" -q > /dev/null 2>&1 || fail "greatgame sweep failed"
for f in design.csv runs.csv summary.csv; do
  cmp "$w/cli/$f" "$w/study/sweep/$f" || fail "$f differs from the program's"
done
if "$w/venv/bin/python" -c 'import matplotlib' 2>/dev/null; then
  head -c 8 "$w/study/sweep.png" | od -An -tx1 | tr -d ' \n' | grep -q '^89504e470d0a1a0a$' ||
    fail "sweep.png is not a PNG file"
fi
grep -q '^UZ ' "$w/study.log" || fail "the paired table is missing from the study's output"

# The discovery study (load, sweep with a categorical factor, PRIM, plot)
# against the same two commands of the program: every file byte for byte,
# manifest.json apart from its command line and times.
sc=$src/scenarios/central_asia_2020.json
env -u PYTHONPATH -u LD_LIBRARY_PATH "$w/venv/bin/python" \
  "$src/engine/bindings/python/examples/discovery.py" "$sc" "$w/disc" > "$w/disc.log" 2>&1 ||
  fail "the discovery study failed (see $w/disc.log)"
"$program" sweep "$sc" --param powers.CN.budget.investment=100:700 --factor blocs.EEU.enabled=0,1 \
  --design lhs --samples 200 --metric final.KZ.CN --metric final.KZ.RU --out "$w/cli_disc/sweep" \
  -q > /dev/null 2>&1 || fail "greatgame sweep --factor failed"
"$program" discover "$w/cli_disc/sweep" --metric final.KZ.CN --where 'final.KZ.CN>=0.13' \
  --out "$w/cli_disc/box" > /dev/null 2>&1 || fail "greatgame discover failed"
for f in sweep/design.csv sweep/runs.csv sweep/summary.csv sweep/scenario.json box/trajectory.csv \
  box/box.csv; do
  cmp "$w/cli_disc/$f" "$w/disc/$f" || fail "discovery: $f differs from the program's"
done
for f in sweep/manifest.json box/manifest.json; do
  "$w/venv/bin/python" - "$w/cli_disc/$f" "$w/disc/$f" <<'PY' || fail "discovery: $f differs from the program's"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for m in (a, b):
    for key in ("command_line", "started", "finished"):
        m.pop(key, None)
    if "discover" in m:
        m["discover"].pop("sweep")  # the sweep folder, named as each was given it
sys.exit(0 if a == b else 1)
PY
done
grep -q '^blocs.EEU.enabled' "$w/disc.log" || fail "the discovery study printed no box"
if "$w/venv/bin/python" -c 'import matplotlib' 2>/dev/null; then
  head -c 8 "$w/disc/discover.png" | od -An -tx1 | tr -d ' \n' | grep -q '^89504e470d0a1a0a$' ||
    fail "discover.png is not a PNG file"
fi
echo "fresh install: the studies' files equal the program's"
