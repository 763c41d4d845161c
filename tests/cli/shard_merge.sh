#!/bin/sh
# Shards 0/3, 1/3 and 2/3 of a sweep, joined by `greatgame merge`, give
# files identical to the sweep run in one process; merge refuses a missing
# shard, a duplicate shard, a shard of another sweep and a damaged block,
# and then writes nothing; a shard resumes on its own.
# usage: shard_merge.sh GREATGAME WORKDIR
set -eu
gg=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
args="--param states.KZ.backlash.strength=0:2 --param powers.CN.budget.investment=0:20
      --design lhs --samples 14 --replicates 3 --block-runs 4 --quiet --threads 2
      --metric final.*.* --metric flips.* --metric region.*"
fail() {
  echo "shard_merge: $*" >&2
  exit 1
}
# refused EXPECTED_TEXT OUT_DIR command...: exit status 2 (bad input; $WANT
# when set: 1 for a refused output folder), the text in the one-line
# message, OUT_DIR not created.
refused() {
  text=$1
  out=$2
  shift 2
  set +e
  "$@" >"$work/out.txt" 2>"$work/err.txt"
  rc=$?
  set -e
  [ $rc -eq "${WANT:-2}" ] || fail "expected exit ${WANT:-2}, got $rc: $*"
  grep -q -- "$text" "$work/err.txt" || fail "expected \"$text\", got: $(cat "$work/err.txt")"
  [ "$(wc -l <"$work/err.txt")" -eq 1 ] || fail "expected one error line: $(cat "$work/err.txt")"
  [ ! -e "$out" ] || fail "$out was written"
}

# shellcheck disable=SC2086
"$gg" sweep $args --out "$work/whole" >/dev/null
for i in 0 1 2; do
  # shellcheck disable=SC2086
  "$gg" sweep $args --shard $i/3 --out "$work/s$i" >"$work/shard$i.txt"
  grep -q "shard $i/3" "$work/shard$i.txt"
  test -f "$work/s$i/shard.json"
  test ! -f "$work/s$i/runs.csv"
done
# 42 runs in 11 blocks: shard 0 has blocks 0, 3, 6, 9.
test "$(find "$work/s0/blocks" -name 'block-*.csv' | wc -l)" -eq 4
test "$(find "$work/s2/blocks" -name 'block-*.csv' | wc -l)" -eq 3

"$gg" merge "$work/merged" "$work/s2" "$work/s0" "$work/s1" >"$work/merge.txt"
grep -q "merged 3 shards" "$work/merge.txt"
for f in design.csv runs.csv summary.csv; do
  cmp "$work/whole/$f" "$work/merged/$f"
done
test ! -d "$work/merged/blocks"
# The shards are left as they were.
test -f "$work/s0/blocks/block-00000000.csv"

# A missing shard, a duplicate, a shard of another sweep.
refused "shard 1/3 is missing" "$work/m1" "$gg" merge "$work/m1" "$work/s0" "$work/s2"
cp -R "$work/s1" "$work/s1copy"
refused "s1copy: duplicate of shard 1/3" "$work/m2" \
  "$gg" merge "$work/m2" "$work/s0" "$work/s1" "$work/s1copy" "$work/s2"
# shellcheck disable=SC2086
"$gg" sweep $args --replicates 4 --shard 2/3 --out "$work/other2" >/dev/null
refused "other2: shard of another sweep" "$work/m3" \
  "$gg" merge "$work/m3" "$work/s0" "$work/s1" "$work/other2"
# Split differently.
# shellcheck disable=SC2086
"$gg" sweep $args --shard 1/2 --out "$work/half1" >/dev/null
refused "split differently" "$work/m4" "$gg" merge "$work/m4" "$work/s0" "$work/half1" "$work/s2"
refused "not a folder written by greatgame sweep --shard" "$work/m5" \
  "$gg" merge "$work/m5" "$work/whole" "$work/s1"
WANT=1
refused "already holds results" "$work/s1/runs.csv" \
  "$gg" merge "$work/whole" "$work/s0" "$work/s1" "$work/s2"
WANT=

# A damaged block and a lost one: merge refuses, the shard resumes alone.
blk="$work/s1/blocks/block-00000004.csv"
head -n 3 "$blk" >"$blk.cut" && mv "$blk.cut" "$blk"
refused "block-00000004.csv: block 4 of shard 1/3 is missing or damaged" "$work/m6" \
  "$gg" merge "$work/m6" "$work/s0" "$work/s1" "$work/s2"
rm "$work/s1/blocks/block-00000007.csv"
# Resuming it as another shard, or without --shard, is refused.
WANT=1
# shellcheck disable=SC2086
refused "holds shard 1/3" "$work/none" "$gg" sweep $args --shard 0/3 --resume --out "$work/s1"
# shellcheck disable=SC2086
refused "holds shard 1/3" "$work/none" "$gg" sweep $args --resume --out "$work/s1"
WANT=
# shellcheck disable=SC2086
"$gg" sweep $args --shard 1/3 --resume --out "$work/s1" >"$work/resume.txt"
grep -q "resumed: 2 of the shard's 4 blocks" "$work/resume.txt"
"$gg" merge "$work/merged2" "$work/s0" "$work/s1" "$work/s2" >/dev/null
for f in design.csv runs.csv summary.csv; do
  cmp "$work/whole/$f" "$work/merged2/$f"
done

# Long time series too, with the blocks kept.
targs="--param states.KZ.noise=0:0.05 --design random --samples 5 --replicates 2 --block-runs 3
       --metric region.* --trajectories --quiet --threads 1"
# shellcheck disable=SC2086
"$gg" sweep $targs --out "$work/twhole" >/dev/null
for i in 0 1; do
  # shellcheck disable=SC2086
  "$gg" sweep $targs --shard $i/2 --out "$work/t$i" >/dev/null
done
"$gg" merge --keep-blocks "$work/tmerged" "$work/t0" "$work/t1" >/dev/null
for f in design.csv runs.csv summary.csv trajectories.csv; do
  cmp "$work/twhole/$f" "$work/tmerged/$f"
done
test -f "$work/tmerged/blocks/block-00000003.traj"

# Bad --shard values.
# shellcheck disable=SC2086
refused "--shard 3/3: expected I/N" "$work/bad1" "$gg" sweep $args --shard 3/3 --out "$work/bad1"
# shellcheck disable=SC2086
refused "--shard x: expected I/N" "$work/bad2" "$gg" sweep $args --shard x --out "$work/bad2"
echo "shard_merge: ok"
