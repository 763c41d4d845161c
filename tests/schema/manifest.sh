#!/bin/sh
# Every command that writes a results folder writes a manifest.json that
# satisfies scenarios/schema/manifest.json, and the schema rejects a manifest
# that lacks a shared field. Exit 77 (skipped) when node is absent.
#   manifest.sh GREATGAME SCENARIO_DIR WORK_DIR
gg=$1 dir=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
schema=$dir/schema/manifest.json
command -v node >/dev/null 2>&1 || { echo "node not found: skipped"; exit 77; }
if [ ! -d "$here/node_modules/ajv" ]; then
  echo "$here/node_modules: missing; run npm ci --prefix tests/schema" >&2
  exit 1
fi
fail() {
  echo "manifest: $*" >&2
  exit 1
}
rm -rf "$work" && mkdir -p "$work" || exit 1
cd "$work" || exit 1
sc=$dir/central_asia_2020.json
# Each command into its own folder (quiet; a failure names the command).
"$gg" run -q --set 'powers.US.budget.investment=20' --out run || fail "run"
"$gg" run "$dir/central_asia_2020_gg2.json" -q --replicates 2 --out run_gg2 || fail "run (GG-2)"
"$gg" sweep "$sc" --param 'powers.CN.budget.investment=100:600' \
  --factor powers.CN.strategy=fixed,contest --design lhs --samples 8 -q --out sweep >/dev/null ||
  fail "sweep"
"$gg" sweep "$sc" --param 'powers.CN.budget.investment=100:600' --design lhs --samples 4 -q \
  --shard 0/2 --out shard1 >/dev/null || fail "sweep --shard 0/2"
"$gg" sweep "$sc" --param 'powers.CN.budget.investment=100:600' --design lhs --samples 4 -q \
  --shard 1/2 --out shard2 >/dev/null || fail "sweep --shard 1/2"
"$gg" merge merged shard1 shard2 -q >/dev/null || fail "merge"
"$gg" sensitivity "$sc" --param 'powers.CN.budget.investment=100:600' \
  --param 'powers.US.budget.investment=10:30' --method morris --samples 4 \
  --metric final.KZ.CN -q --out sens >/dev/null || fail "sensitivity"
"$gg" discover sweep --metric final.KZ.CN --where 'final.KZ.CN>=0.13' --out box >/dev/null ||
  fail "discover"
"$gg" compare "$sc" "$dir/us_pivot.json" --replicates 3 --design sweep -q --out cmp >/dev/null ||
  fail "compare --out DIR"
"$gg" calibrate --targets "$dir/targets/central_asia_example.csv" \
  --param 'states.*.responsiveness=0.01:0.3' --starts 1 --method lm -q --out cal \
  >/dev/null 2>&1 || fail "calibrate"
"$gg" backtest "$dir/history_2005.json" --observed "$dir/observed/observed.csv" \
  --fit-until 2016 --out bt >/dev/null 2>&1 || fail "backtest"
"$gg" run --from-sweep sweep --sample 3 --replicate 0 -q --out replay || fail "run --from-sweep"

set --
for d in run run_gg2 sweep shard1 shard2 merged sens box cmp cal bt replay; do
  set -- "$@" "$work/$d/manifest.json"
done
node "$here/check.mjs" valid "$schema" "$@" || fail "a manifest does not satisfy the schema"

# Each folder's manifest says which kind it is, and lists files that exist.
for pair in run:run run_gg2:run sweep:sweep shard1:sweep merged:sweep sens:sensitivity box:discover \
  cmp:compare cal:calibrate bt:backtest replay:run; do
  d=${pair%%:*} kind=${pair#*:}
  grep -q "\"kind\":[[:space:]]*\"$kind\"" "$d/manifest.json" || fail "$d: kind is not $kind"
  files=$(node -e 'const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
                   console.log(m.files.join("\n"))' "$d/manifest.json") || fail "$d: unreadable"
  for f in $files; do
    [ -s "$d/$f" ] || fail "$d: manifest lists $f, which is missing"
  done
done
grep -q '"command":[[:space:]]*"merge"' merged/manifest.json || fail "merged: command is not merge"

# The schema rejects a manifest without a shared field, and one whose seed
# is a number rather than text.
node -e 'const fs = require("fs");
  const m = JSON.parse(fs.readFileSync("run/manifest.json", "utf8"));
  delete m.scenario_sha256;
  fs.writeFileSync("no_sha.json", JSON.stringify(m));
  const s = JSON.parse(fs.readFileSync("sweep/manifest.json", "utf8"));
  s.base_seed = 20200203;
  fs.writeFileSync("seed_number.json", JSON.stringify(s));
  const c = JSON.parse(fs.readFileSync("cmp/manifest.json", "utf8"));
  delete c.compare.interval;
  fs.writeFileSync("no_interval.json", JSON.stringify(c));' || fail "cannot write the broken copies"
node "$here/check.mjs" invalid "$schema" no_sha.json seed_number.json no_interval.json ||
  fail "the schema accepts a broken manifest"
echo "manifest: every command's manifest.json satisfies the schema"
