#!/bin/sh
# A failed merge does not block its retry (finding F8): a merge that cannot
# write its files (a full disk) exits 1 and removes what it wrote, so the
# same merge run again succeeds; a merge that was killed (its folder holds
# a "running" manifest of the same sweep and some blocks) is redone by the
# same command. Both give files identical to the sweep run in one process.
# Usage: merge_retry.sh GREATGAME WORKDIR
set -u
gg=$1
work=$2
fail() {
  echo "merge_retry: $*" >&2
  exit 1
}
rm -rf "$work"
mkdir -p "$work"
args="--param states.KZ.backlash.strength=0:2 --param powers.CN.budget.investment=0:20
      --design lhs --samples 200 --replicates 3 --block-runs 40 --quiet --threads 2"
# shellcheck disable=SC2086
"$gg" sweep $args --out "$work/whole" >/dev/null || fail "whole sweep failed"
for i in 0 1 2; do
  # shellcheck disable=SC2086
  "$gg" sweep $args --shard $i/3 --out "$work/s$i" >/dev/null || fail "shard $i failed"
done

# 1. The merge's files do not fit (a file size limit: runs.csv cannot be
#    written): exit 1, one line, and the folder holds nothing of the merge.
(
  trap '' XFSZ
  ulimit -f 64
  "$gg" merge "$work/m" "$work/s0" "$work/s1" "$work/s2" >/dev/null 2>"$work/err"
  echo $? >"$work/rc"
)
[ "$(cat "$work/rc")" -eq 1 ] || fail "merge on a full disk: exit $(cat "$work/rc"), expected 1"
[ "$(wc -l <"$work/err")" -eq 1 ] || fail "merge on a full disk: not one line: $(cat "$work/err")"
[ -z "$(ls -A "$work/m" 2>/dev/null)" ] ||
  fail "merge on a full disk left files behind: $(ls -A "$work/m")"
# ... so the same merge, run again, succeeds.
"$gg" merge "$work/m" "$work/s0" "$work/s1" "$work/s2" >"$work/out.txt" 2>"$work/err" ||
  fail "retry after a failed merge refused: $(cat "$work/err")"
grep -q "merged 3 shards" "$work/out.txt" || fail "retry: $(cat "$work/out.txt")"
for f in design.csv runs.csv summary.csv; do
  cmp -s "$work/whole/$f" "$work/m/$f" || fail "retry: $f differs from the whole sweep"
done
[ ! -e "$work/m/.greatgame.lock" ] || fail "retry: lock left behind"

# 2. A merge that was killed: "running" manifest of the same sweep, part of
#    the blocks and a temporary file of the dead process. Redone.
mkdir -p "$work/k/blocks"
sed 's/"shard-complete"/"running"/' "$work/s0/manifest.json" >"$work/k/manifest.json"
grep -q '"running"' "$work/k/manifest.json" || fail "could not make a running manifest"
cp "$work/s0/blocks/block-00000000.csv" "$work/k/blocks/"
: >"$work/k/runs.csv.tmp.999999999"
"$gg" merge "$work/k" "$work/s0" "$work/s1" "$work/s2" >/dev/null 2>"$work/err" ||
  fail "merge into the folder of a killed merge refused: $(cat "$work/err")"
for f in design.csv runs.csv summary.csv; do
  cmp -s "$work/whole/$f" "$work/k/$f" || fail "redone merge: $f differs from the whole sweep"
done
find "$work/k" -name '*.tmp.*' | grep -q . && fail "redone merge: temporary file left"

# 3. A finished merge is not redone: its folder holds results.
"$gg" merge "$work/k" "$work/s0" "$work/s1" "$work/s2" >/dev/null 2>"$work/err" &&
  fail "merge over a finished merge accepted"
grep -q "already holds results; merge into a new folder" "$work/err" || fail "$(cat "$work/err")"
echo "merge_retry: ok"
