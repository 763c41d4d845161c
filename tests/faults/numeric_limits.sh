#!/bin/sh
# Extreme but valid values must give finite outputs (or a validation error
# naming the limit): no nan or inf in any output file.
# Usage: numeric_limits.sh GREATGAME GEN_BLOCS WORKDIR
set -u
gg=$1
gen=$2
work=$3
. "$(dirname "$0")/lib.sh"
rm -rf "$work"
mkdir -p "$work"

# Scan every output of a results folder for non-finite numbers.
scan() {
  if grep -Eiqw 'nan|inf|infinity' "$1"/*.csv "$1"/*.json; then
    grep -Eiwn 'nan|inf|infinity' "$1"/*.csv "$1"/*.json | head -5 >&2
    fail "$2: a non-finite value reached an output"
  fi
}

n=0
# run NAME [SCENARIO] [--set ...]: must succeed with clean outputs.
case_ok() {
  name=$1
  shift
  n=$((n + 1))
  out=$work/$name
  if ! "$gg" run "$@" --replicates 2 --out "$out" -q 2>"$work/$name.err"; then
    cat "$work/$name.err" >&2
    fail "$name: run failed"
  fi
  scan "$out" "$name"
  check_no_temps "$out"
  rm -rf "$out" # keep the disk use small
}

case_ok budgets --set 'powers.*.budget.*=1e12' --set 'powers.*.priority.*=1e12'
case_ok saturation --set 'states.*.saturation.*=1e-300'
case_ok saturation_budget --set 'states.*.saturation.*=1e-300' --set 'powers.*.budget.*=1e12'
case_ok saturation_huge --set 'states.*.saturation.*=1e15' --set 'powers.*.budget.*=0'
case_ok decisiveness --set 'states.*.decisiveness=1e6'
case_ok half_life --set 'channels.*.half_life=1e-3'
case_ok half_life_long --set 'channels.*.half_life=1e12' --set 'powers.*.budget.*=1e12'
case_ok affinity --set 'states.*.affinity.*=1e6' --set 'states.*.decisiveness=1e6'
case_ok affinity_neg --set 'states.*.affinity.*=-1e6' --set 'states.*.autonomy=-1e6'
case_ok noise --set 'states.*.noise=1e6'
case_ok backlash --set 'states.*.backlash.strength=1e6' --set 'states.*.backlash.threshold=0'
case_ok neighbour --set 'states.*.neighbour_weight=1e6' --set 'states.*.weights.*=1e6'
case_ok focus --set 'powers.*.focus=1e6' --set 'powers.*.budget.*=1e12'
case_ok focus_tiny --set 'powers.*.focus=1e-6'
case_ok weights_tiny --set 'states.*.weights.*=0' --set 'states.*.responsiveness=1e-300'
case_ok population --set 'states.*.population=1e7' --set 'states.*.gdp=1e9'
case_ok population_tiny --set 'states.*.population=1e-300' --set 'states.*.gdp=1e-300'
case_ok everything --set 'powers.*.budget.*=1e12' --set 'states.*.saturation.*=1e-300' \
  --set 'states.*.decisiveness=1e6' --set 'channels.*.half_life=1e-3' --set 'states.*.affinity.*=1e6' \
  --set 'blocs.*.multipliers.*=1e6' --set 'blocs.*.bonus=1e6' --set 'states.*.noise=1e6'

# The contest strategy (great_game.json) at the same extremes.
contest=$(dirname "$0")/../../scenarios/great_game.json
case_ok contest_budgets "$contest" --set 'powers.*.budget.*=1e12' --set 'powers.*.focus=1e6'
case_ok contest_saturation "$contest" --set 'states.*.saturation.*=1e-300' --set 'powers.*.budget.*=1e12'
case_ok contest_multipliers "$contest" --set 'blocs.*.multipliers.*=1e6' --set 'states.*.decisiveness=1e6'
case_ok contest_focus_tiny "$contest" --set 'powers.*.focus=1e-6' --set 'channels.*.half_life=1e-3'

# Many blocs, every power sponsoring each and every state a member.
"$gen" "$work/blocs.json" 64 1e6 || fail "could not generate the bloc scenario"
"$gen" "$work/blocs50.json" 50 1e6 || fail "could not generate the bloc scenario"
case_ok many_blocs "$work/blocs50.json"
case_ok many_blocs_extreme "$work/blocs50.json" --set 'powers.*.budget.*=1e12' \
  --set 'states.*.saturation.*=1e-300' --set 'states.*.decisiveness=1e6'
# 64 blocs: a product of multipliers past the largest double
# (tests/fuzz/regressions/scenario/bloc_multiplier_overflow.json).
case_ok many_blocs_overflow "$work/blocs.json"
case_ok many_blocs_overflow_zero_weight "$work/blocs.json" --set 'states.*.weights.*=0'
"$gen" "$work/blocs_neg.json" 64 -1e6 >/dev/null 2>&1 # negative multipliers: must be refused
if [ -f "$work/blocs_neg.json" ]; then
  "$gg" run "$work/blocs_neg.json" -q >/dev/null 2>"$work/neg.err" && fail "negative multipliers accepted"
  check_err "$work/neg.err" "$work/blocs_neg.json"
fi

# Just past a limit: a validation error that names the limit, exit 2.
past() {
  n=$((n + 1))
  "$gg" run --set "$1" -q >/dev/null 2>"$work/past.err"
  rc=$?
  [ $rc -eq 2 ] || fail "--set $1: exit $rc, expected 2"
  check_err "$work/past.err" "--set ${1%%=*}"
  grep -q "$2" "$work/past.err" || fail "--set $1: the message does not name the limit $2: $(cat "$work/past.err")"
}
past 'powers.*.budget.*=1.1e12' 1000000000000
past 'states.*.decisiveness=2e6' 1000000
past 'states.*.saturation.*=0' 0
past 'channels.*.half_life=0' 0
past 'states.*.affinity.*=-2e6' 1000000
past 'blocs.*.multipliers.*=1e7' 1000000
past 'states.*.noise=nan' ''
past 'powers.*.budget.*=inf' ''

echo "numeric limits: $n cases, no non-finite value in any output"
rm -rf "$work"
