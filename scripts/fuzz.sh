#!/bin/sh
# Fuzz both libFuzzer targets for SECONDS each (default 600) with clang and
# ASan + UBSan, then print the total fuzzing time this build folder has
# accumulated (BUILD/fuzz-seconds.log). Fails on any finding: copy the
# input from BUILD/fuzz-findings/TARGET/ into tests/fuzz/regressions/.
# Usage: scripts/fuzz.sh [SECONDS] [BUILD_DIR]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-600}
dir=${2:-$here/build-fuzz}
status=0
"$here/tests/fuzz/run.sh" "$secs" "$dir" || status=$?
awk '{ s[$2] += $3; x[$2] += $4; t += $3 } END {
  for (k in s) printf "%s: %d s fuzzed in total, %d inputs\n", k, s[k], x[k]
  printf "all targets: %.2f hours\n", t / 3600 }' "$dir/fuzz-seconds.log"
exit $status
