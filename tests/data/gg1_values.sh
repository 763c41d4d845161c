#!/bin/sh
# GG-1's results are the same doubles as before GG-2 and the shortest
# number text: every format 1 scenario shipped in scenarios/ is run with two
# replicates into a folder, and the value hash of each CSV file
# (tests/data/value_hash.py: numbers as their doubles, text as text) is
# compared with tests/data/gg1_values.txt, written by the engine of
# version 0.2.0 as it was before model GG-2 existed.
# Usage: gg1_values.sh GREATGAME PYTHON SOURCE_DIR WORKDIR [--write]
set -u
gg=$1 py=$2 src=$3 work=$4
rm -rf "$work"
mkdir -p "$work"
for f in "$src"/scenarios/*.json; do
  grep -q '"format": *2' "$f" && continue
  name=$(basename "$f" .json)
  "$gg" run "$f" --replicates 2 --out "$work/$name" --quiet || { echo "run $f failed"; exit 1; }
  for csv in "$work/$name"/*.csv; do
    printf '%s ' "$name"
    "$py" "$src/tests/data/value_hash.py" "$csv"
  done
done >"$work/values.txt"
if [ "${5:-}" = --write ]; then
  cp "$work/values.txt" "$src/tests/data/gg1_values.txt"
  exit 0
fi
if ! cmp -s "$work/values.txt" "$src/tests/data/gg1_values.txt"; then
  echo "GG-1 results differ from tests/data/gg1_values.txt:"
  diff "$src/tests/data/gg1_values.txt" "$work/values.txt"
  exit 1
fi
echo "$(wc -l <"$work/values.txt") files of $(ls "$work" | grep -vc values.txt) format 1 scenarios: the same values as before"
