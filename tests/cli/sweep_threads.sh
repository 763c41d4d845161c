#!/bin/sh
# Sweeps with 1, 2 and 4 threads write byte-identical files.
# usage: sweep_threads.sh GREATGAME WORKDIR
set -eu
gg=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
args="--param states.KZ.backlash.strength=0:2 --param powers.CN.budget.investment=0:20
      --design lhs --samples 12 --replicates 3 --block-runs 5 --quiet
      --metric final.*.* --metric mean.KZ.* --metric flips.* --metric region.*"
for t in 1 2 4; do
  # shellcheck disable=SC2086
  "$gg" sweep $args --threads $t --out "$work/t$t" >/dev/null
done
for f in design.csv runs.csv summary.csv; do
  cmp "$work/t1/$f" "$work/t2/$f"
  cmp "$work/t1/$f" "$work/t4/$f"
done
# The long time series too.
for t in 1 2; do
  "$gg" sweep --param states.KZ.noise=0:0.05 --design random --samples 4 --replicates 2 \
    --block-runs 3 --metric region.* --trajectories --quiet --threads $t \
    --out "$work/traj$t" >/dev/null
done
cmp "$work/traj1/trajectories.csv" "$work/traj2/trajectories.csv"
test "$(head -n 1 "$work/traj1/trajectories.csv")" = "sample,replicate,seed,tick,date,state,component,share"
# 12 samples x 3 replicates, plus the header.
test "$(wc -l <"$work/t1/runs.csv")" -eq 37
test ! -d "$work/t1/blocks"
echo "sweep_threads: ok"
