#!/bin/sh
# The library example of docs/library.md (docs/examples/library_study.c)
# runs, and its sweep writes the same files as the program given the same
# options.
# usage: docs_example.sh EXAMPLE GREATGAME SCENARIO_DIR WORK_DIR
set -eu
ex=$1
gg=$2
scen=$3
work=$4
rm -rf "$work"
mkdir -p "$work"
"$ex" "$scen" "$work/lib" >"$work/out.txt"
grep -q '^UZ, US share at the end: +0\.[0-9]* (95% CI ' "$work/out.txt" || { cat "$work/out.txt"; exit 1; }
"$gg" sweep "$scen/central_asia_2020.json" --param powers.CN.budget.investment=100:600 --design lhs \
  --samples 16 --replicates 2 --metric final.KZ.CN --metric region.CN --threads 1 --quiet \
  --out "$work/cli" >/dev/null
for f in design.csv runs.csv summary.csv; do
  cmp "$work/lib/$f" "$work/cli/$f"
done
echo "docs example: 2 passed, 0 failed"
