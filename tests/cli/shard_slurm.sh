#!/bin/sh
# `greatgame sweep --shard auto` takes its shard from the Slurm array
# variables: tasks 3, 5 and 7 of an array --array=3-7:2 are shards 0/3, 1/3
# and 2/3, and their merge equals the sweep run in one process. Missing or
# inconsistent variables are refused with a clear message.
# usage: shard_slurm.sh GREATGAME WORKDIR
set -eu
gg=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
args="--param states.UZ.backlash.strength=0:1 --design sobol --samples 8 --replicates 2
      --block-runs 3 --quiet --threads 1"
fail() {
  echo "shard_slurm: $*" >&2
  exit 1
}
unset SLURM_ARRAY_TASK_ID SLURM_ARRAY_TASK_MIN SLURM_ARRAY_TASK_STEP SLURM_ARRAY_TASK_COUNT \
  || true
# shellcheck disable=SC2086
"$gg" sweep $args --out "$work/whole" >/dev/null
for id in 3 5 7; do
  # shellcheck disable=SC2086
  SLURM_ARRAY_TASK_ID=$id SLURM_ARRAY_TASK_MIN=3 SLURM_ARRAY_TASK_STEP=2 \
    SLURM_ARRAY_TASK_COUNT=3 "$gg" sweep $args --shard auto --out "$work/task$id" \
    >"$work/task$id.txt"
done
grep -q "shard 0/3" "$work/task3.txt"
grep -q "shard 1/3" "$work/task5.txt"
grep -q "shard 2/3" "$work/task7.txt"
grep -q '"shard":[[:space:]]*1,' "$work/task5/shard.json"
"$gg" merge "$work/merged" "$work/task3" "$work/task5" "$work/task7" >/dev/null
for f in design.csv runs.csv summary.csv; do
  cmp "$work/whole/$f" "$work/merged/$f"
done

# refused TEXT VARIABLES...: exit 2, the message, nothing written.
refused() {
  text=$1
  shift
  set +e
  # shellcheck disable=SC2086
  env "$@" "$gg" sweep $args --shard auto --out "$work/bad" >/dev/null 2>"$work/err.txt"
  rc=$?
  set -e
  [ $rc -eq 2 ] || fail "expected exit 2, got $rc with $*"
  grep -q -- "$text" "$work/err.txt" || fail "expected \"$text\", got: $(cat "$work/err.txt")"
  [ ! -e "$work/bad" ] || fail "$work/bad was written"
}
refused "--shard auto: SLURM_ARRAY_TASK_ID is not set"
refused "--shard auto: SLURM_ARRAY_TASK_STEP is not set" SLURM_ARRAY_TASK_ID=1 \
  SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_COUNT=2
refused "SLURM_ARRAY_TASK_ID=4 is not one of the 3 tasks" SLURM_ARRAY_TASK_ID=4 \
  SLURM_ARRAY_TASK_MIN=3 SLURM_ARRAY_TASK_STEP=2 SLURM_ARRAY_TASK_COUNT=3
refused "SLURM_ARRAY_TASK_ID=9 is not one of the 3 tasks" SLURM_ARRAY_TASK_ID=9 \
  SLURM_ARRAY_TASK_MIN=3 SLURM_ARRAY_TASK_STEP=2 SLURM_ARRAY_TASK_COUNT=3
refused "SLURM_ARRAY_TASK_COUNT=x is not a whole number" SLURM_ARRAY_TASK_ID=1 \
  SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_STEP=1 SLURM_ARRAY_TASK_COUNT=x
echo "shard_slurm: ok"
