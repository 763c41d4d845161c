#!/bin/sh
# `mpirun -np N greatgame sweep` with 1, 2 and 3 ranks writes files
# identical to the sweep run in one process without mpirun; a refused
# sweep (folder already holding results) exits 2 with one error line; an
# interrupted sweep resumes under another number of ranks.
# usage: shard_mpi.sh MPIRUN GREATGAME WORKDIR
set -eu
mpirun=$1
gg=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
args="--param states.KZ.backlash.strength=0:2 --param powers.RU.budget.security=0:10
      --design lhs --samples 11 --replicates 3 --block-runs 4 --quiet --threads 1
      --metric final.*.* --metric region.*"
run() {
  # shellcheck disable=SC2086
  "$mpirun" --allow-run-as-root --oversubscribe -np "$@"
}
# shellcheck disable=SC2086
"$gg" sweep $args --out "$work/plain" >/dev/null
for n in 1 2 3; do
  # shellcheck disable=SC2086
  run $n "$gg" sweep $args --out "$work/np$n" >"$work/np$n.txt"
  for f in design.csv runs.csv summary.csv; do
    cmp "$work/plain/$f" "$work/np$n/$f"
  done
  test ! -d "$work/np$n/blocks"
done
grep -q "x 3 processes" "$work/np3.txt"
# Only rank 0 prints.
test "$(grep -c "samples x" "$work/np3.txt")" -eq 1

# An interrupted sweep (blocks lost, one torn, no final files) resumes
# under a different number of ranks.
# shellcheck disable=SC2086
"$gg" sweep $args --keep-blocks --out "$work/cut" >/dev/null
rm "$work/cut/runs.csv" "$work/cut/summary.csv" "$work/cut/blocks/block-00000002.csv" \
  "$work/cut/blocks/block-00000005.csv"
sed 's/"status":[[:space:]]*"complete"/"status": "running"/' "$work/cut/manifest.json" \
  >"$work/manifest.tmp"
mv "$work/manifest.tmp" "$work/cut/manifest.json"
blk="$work/cut/blocks/block-00000007.csv"
head -n 2 "$blk" >"$blk.cut" && mv "$blk.cut" "$blk"
# shellcheck disable=SC2086
run 3 "$gg" sweep $args --resume --out "$work/cut" >"$work/resume.txt"
grep -q "resumed: 6 of 9 blocks" "$work/resume.txt"
for f in design.csv runs.csv summary.csv; do
  cmp "$work/plain/$f" "$work/cut/$f"
done

set +e
# shellcheck disable=SC2086
run 2 "$gg" sweep $args --out "$work/np2" >/dev/null 2>"$work/err.txt"
rc=$?
set -e
if [ $rc -eq 0 ]; then
  echo "shard_mpi: a sweep into a finished folder was accepted" >&2
  exit 1
fi
grep -q "already holds results" "$work/err.txt"
test "$(grep -c "already holds results" "$work/err.txt")" -eq 1
echo "shard_mpi: ok"
