#!/bin/sh
# `greatgame run --from-sweep DIR --sample I --replicate R` repeats one run of
# a sweep bit for bit: its alignment rows equal the sweep's trajectories.csv
# rows of that sample and replicate (with a factor, with common and with
# independent seeds); misuse is refused with exit 2 and one exact line.
# usage: replay_cli.sh GREATGAME WORK SCENARIOS PYTHON
set -u
gg=$1
work=$2
scen=$3
py=${4:-python3}
rm -rf "$work" && mkdir -p "$work" || exit 1
fail() {
  echo "FAIL: $*"
  exit 1
}
for seeds in common independent; do
  extra=""
  [ $seeds = independent ] && extra=--independent-seeds
  "$gg" sweep "$scen/central_asia_2020.json" --param 'powers.CN.budget.investment=100:600' \
    --factor powers.RU.strategy=fixed,contest --design lhs --samples 6 --replicates 2 \
    --trajectories $extra --out "$work/$seeds" >/dev/null 2>&1 || fail "sweep ($seeds)"
  for pick in "0 0" "3 1" "5 1"; do
    set -- $pick
    "$gg" run --from-sweep "$work/$seeds" --sample "$1" --replicate "$2" -o "$work/run.csv" ||
      fail "run --from-sweep $work/$seeds --sample $1 --replicate $2"
    "$py" - "$work/$seeds/trajectories.csv" "$work/run.csv" "$1" "$2" <<'PY' || fail "rows differ ($seeds, $pick)"
import csv, sys
traj, run, sample, rep = sys.argv[1:]
keys = ("seed", "tick", "date", "state", "component", "share")
a = [tuple(r[k] for k in keys) for r in csv.DictReader(open(traj))
     if r["sample"] == sample and r["replicate"] == rep]
b = [tuple(r[k] for k in keys) for r in csv.DictReader(open(run))]
sys.exit(0 if a and a == b else 1)
PY
  done
done
# the manifest says which seed the run used
"$gg" run --from-sweep "$work/common" --sample 2 --out "$work/out" >/dev/null || fail "run --out"
grep -q '"seed_rule":.*one run of a sweep' "$work/out/manifest.json" || fail "seed_rule"
check() { # the expected line, then the arguments
  want=$1
  shift
  "$gg" run "$@" >/dev/null 2>"$work/err"
  rc=$?
  [ $rc -eq 2 ] || fail "exit $rc for run $*"
  [ "$(cat "$work/err")" = "$want" ] || fail "run $*: got '$(cat "$work/err")', want '$want'"
}
check "--from-sweep $work/common: sample 6: the sweep has samples 0 to 5" \
  --from-sweep "$work/common" --sample 6
check "--from-sweep $work/common: --sample I is required (a row of its design.csv, from 0)" \
  --from-sweep "$work/common"
check "--seed: not with --from-sweep (the sweep's run has its own scenario, settings and seed)" \
  --from-sweep "$work/common" --sample 1 --seed 3
check "--sample: needs --from-sweep DIR" --sample 1
echo "replay: ok"
