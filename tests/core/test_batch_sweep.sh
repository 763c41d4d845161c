#!/bin/sh
# A sweep and a sensitivity analysis run one run at a time (--lanes 1), in
# batches of the machine's width (--lanes auto), in batches of an odd size,
# and with every instruction set the machine has (GREATGAME_BATCH_ISA), on 1
# and 2 threads: every file must be the same bytes. The sweep has metrics
# read at every tick (mean, min, first, at, flips), a stock at one date,
# trajectories, replicates, a block size that is no multiple of any batch,
# and a factor whose levels change a power's strategy (runs of both levels
# cannot share a batch: they go one by one).
# usage: test_batch_sweep.sh GREATGAME WORKDIR
set -eu
g=$1
w=$2
rm -rf "$w"
mkdir -p "$w"
sweep="--param powers.CN.budget.investment=100:600 --param states.*.noise=0.01:0.1
  --param channels.security.half_life=5:50 --factor powers.US.strategy=fixed,contest --design lhs --samples 24 --replicates 3
  --metric final.*.* --metric mean.KZ.* --metric min.UZ.CN --metric flips.*
  --metric first.KZ.CN>=0.2 --metric at.TJ.RU@2025-01
  --metric stock.KZ.CN.investment@2024-01 --metric region.* --trajectories --block-runs 37 -q"
sens="--param powers.CN.budget.investment=100:600 --param states.*.responsiveness=0.02:0.2
  --method sobol --samples 16 --metric final.KZ.* --metric mean.UZ.CN -q"
files="design.csv runs.csv summary.csv trajectories.csv"
# shellcheck disable=SC2086
"$g" sweep $sweep --threads 2 --lanes 1 --out "$w/one"
# shellcheck disable=SC2086
"$g" sensitivity $sens --threads 2 --lanes 1 --out "$w/sens_one"
check() { # DIR FILES...
  d=$1
  shift
  for f in "$@"; do
    cmp "$w/$d/$f" "$w/$(case $d in sens_*) echo sens_one ;; *) echo one ;; esac)/$f" ||
      { echo "$d/$f differs from the one-run-at-a-time sweep"; exit 1; }
  done
  echo "$d: same bytes"
}
n=0
for isa in "" generic avx2 avx512f; do
  if [ -n "$isa" ] && ! GREATGAME_BATCH_ISA=$isa "$g" sweep $sweep --threads 1 --out "$w/probe_$isa" \
    --samples 1 --replicates 1 >/dev/null 2>"$w/probe_$isa.err"; then
    grep -q "lacks it" "$w/probe_$isa.err" || { cat "$w/probe_$isa.err"; exit 1; }
    echo "$isa: not on this machine"
    continue
  fi
  for lanes in auto 5; do
    for threads in 1 2; do
      n=$((n + 1))
      # shellcheck disable=SC2086
      GREATGAME_BATCH_ISA=$isa "$g" sweep $sweep --threads $threads --lanes $lanes --out "$w/s$n"
      # shellcheck disable=SC2086
      check s$n $files
    done
  done
  # shellcheck disable=SC2086
  GREATGAME_BATCH_ISA=$isa "$g" sensitivity $sens --threads 2 --out "$w/sens_$n"
  check sens_$n design.csv runs.csv summary.csv indices.csv
done
[ "$n" -ge 4 ] || { echo "expected at least the generic instruction set"; exit 1; }
# Samples of different lengths (time.ticks) cannot share a batch; samples of
# one replicate each reuse the last batch with their new values.
for lanes in 1 auto 3; do
  # shellcheck disable=SC2086
  "$g" sweep --param time.ticks=60:200:3 --param powers.US.budget.investment=5:40:4 \
    --replicates 20 --metric final.*.* --metric mean.KZ.CN --metric flips.KZ --trajectories \
    --threads 2 --lanes $lanes -q \
    --out "$w/ticks_$lanes"
  # shellcheck disable=SC2086
  "$g" sweep --param powers.CN.budget.investment=100:600 --design random --samples 40 \
    --threads 1 --lanes $lanes -q --out "$w/one_rep_$lanes"
done
for lanes in auto 3; do
  cmp "$w/ticks_1/trajectories.csv" "$w/ticks_$lanes/trajectories.csv" ||
    { echo "ticks_$lanes/trajectories.csv differs"; exit 1; }
  for f in runs.csv summary.csv; do
    cmp "$w/ticks_1/$f" "$w/ticks_$lanes/$f" || { echo "ticks_$lanes/$f differs"; exit 1; }
    cmp "$w/one_rep_1/$f" "$w/one_rep_$lanes/$f" || { echo "one_rep_$lanes/$f differs"; exit 1; }
  done
done
echo "samples of different lengths, and of one replicate: same bytes"
# A bad --lanes or GREATGAME_BATCH_ISA: exit status 2, one line naming it,
# nothing written.
bad() { # EXPECTED_TEXT ENV_VALUE LANES
  set +e
  GREATGAME_BATCH_ISA=$2 "$g" sweep --param powers.US.budget.investment=1:2 --lanes "$3" \
    --out "$w/bad" >/dev/null 2>"$w/bad.err"
  rc=$?
  set -e
  [ $rc -eq 2 ] || { echo "expected exit 2, got $rc for --lanes $3 ISA $2"; exit 1; }
  grep -q -- "$1" "$w/bad.err" || { echo "expected \"$1\", got: $(cat "$w/bad.err")"; exit 1; }
  [ "$(wc -l <"$w/bad.err")" -eq 1 ] || { echo "expected one line: $(cat "$w/bad.err")"; exit 1; }
  [ ! -e "$w/bad" ] || { echo "$w/bad was written"; exit 1; }
}
bad "--lanes: expected auto or a whole number from 1 to 4096, got \"0\"" "" 0
bad "--lanes: expected auto or a whole number from 1 to 4096, got \"x\"" "" x
bad "GREATGAME_BATCH_ISA=sse9: expected avx512f, avx2 or generic" sse9 auto
echo "bad --lanes and GREATGAME_BATCH_ISA refused"
echo "ok: $n batched sweeps the same bytes as one run at a time"
