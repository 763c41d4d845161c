#!/bin/sh
# A sweep killed with SIGKILL midway, with one finished block then damaged
# as by a power loss, resumes to files identical to an uninterrupted sweep;
# resuming with other options is refused and writes nothing.
# usage: sweep_resume.sh GREATGAME WORKDIR
set -eu
gg=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
args="--param states.KZ.backlash.strength=0:2 --param powers.CN.budget.investment=0:20
      --design sobol --samples 2000 --replicates 5 --block-runs 20 --threads 2 --quiet"
# shellcheck disable=SC2086
"$gg" sweep $args --out "$work/whole" >/dev/null

# shellcheck disable=SC2086
"$gg" sweep $args --out "$work/cut" >/dev/null 2>&1 &
pid=$!
i=0
while [ "$(find "$work/cut/blocks" -name 'block-*.csv' 2>/dev/null | wc -l)" -lt 4 ]; do
  i=$((i + 1))
  if [ $i -gt 2000 ]; then
    echo "sweep_resume: the sweep made no blocks" >&2
    exit 1
  fi
  sleep 0.01
done
kill -9 $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
if [ -f "$work/cut/runs.csv" ]; then
  echo "sweep_resume: the sweep finished before it was killed; nothing tested" >&2
  exit 1
fi
# Damage one finished block (its last lines lost).
first=$(find "$work/cut/blocks" -name 'block-*.csv' | sort | head -n 1)
head -n 5 "$first" >"$first.cut" && mv "$first.cut" "$first"

# Other options: refused, nothing changed.
# shellcheck disable=SC2086
if "$gg" sweep $args --replicates 6 --out "$work/cut" --resume 2>"$work/err.txt"; then
  echo "sweep_resume: a resume with other options was accepted" >&2
  exit 1
fi
grep -q "different sweep" "$work/err.txt"
test ! -f "$work/cut/runs.csv"

# shellcheck disable=SC2086
"$gg" sweep $args --out "$work/cut" --resume >"$work/resume.txt"
grep -q "resumed" "$work/resume.txt"
for f in design.csv runs.csv summary.csv; do
  cmp "$work/whole/$f" "$work/cut/$f"
done
# Resuming a finished sweep does nothing.
# shellcheck disable=SC2086
"$gg" sweep $args --out "$work/cut" --resume | grep -q "already complete"
echo "sweep_resume: ok"
