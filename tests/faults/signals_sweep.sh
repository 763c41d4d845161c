#!/bin/sh
# SIGINT and SIGTERM during a sweep: exit 1, finished blocks kept, no
# temporary file left, the message says how to resume; --resume then gives
# files identical to an uninterrupted sweep.
# Usage: signals_sweep.sh GREATGAME WORKDIR
set -u
gg=$1
work=$2
. "$(dirname "$0")/lib.sh"
rm -rf "$work"
mkdir -p "$work"
args="--param states.KZ.backlash.strength=0:2 --param powers.CN.budget.investment=0:20
      --design sobol --samples 2000 --replicates 5 --block-runs 20 --threads 2 --quiet"
# shellcheck disable=SC2086
"$gg" sweep $args --out "$work/whole" >/dev/null || fail "uninterrupted sweep failed"

for sig in INT TERM; do
  out=$work/cut_$sig
  # shellcheck disable=SC2086
  "$gg" sweep $args --out "$out" >/dev/null 2>"$work/$sig.err" &
  pid=$!
  i=0
  while [ "$(find "$out/blocks" -name 'block-*.csv' 2>/dev/null | wc -l)" -lt 3 ]; do
    i=$((i + 1))
    [ $i -le 2000 ] || fail "SIG$sig: the sweep made no blocks"
    sleep 0.01
  done
  kill -"$sig" $pid
  wait $pid
  rc=$?
  [ ! -f "$out/runs.csv" ] || {
    echo "SIG$sig: the sweep finished before the signal; nothing tested"
    continue
  }
  [ $rc -eq 1 ] || fail "SIG$sig: exit $rc, expected 1"
  grep -q "SIG$sig" "$work/$sig.err" || fail "SIG$sig: message does not name the signal"
  grep -q -- "--resume" "$work/$sig.err" || fail "SIG$sig: message does not say how to resume"
  check_no_temps "$out"
  # shellcheck disable=SC2086
  "$gg" sweep $args --out "$out" --resume >/dev/null || fail "SIG$sig: resume failed"
  for f in design.csv runs.csv summary.csv; do
    cmp -s "$work/whole/$f" "$out/$f" || fail "SIG$sig: $f differs after resume"
  done
done
echo "signals during sweep: clean"
rm -rf "$work"
