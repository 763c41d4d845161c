#!/bin/sh
# Build the whole test suite with AddressSanitizer + UndefinedBehaviorSanitizer
# (-fno-sanitize-recover=all) and run it. Usage: scripts/ci-sanitize.sh [BUILD_DIR]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$here/build-asan}
cmake -S "$here" -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DGREATGAME_SANITIZE=ON -DGREATGAME_RENDER=OFF \
  -DGREATGAME_BENCH=OFF >/dev/null
cmake --build "$dir" -j"$(nproc)"
cd "$dir"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --output-on-failure -j"$(nproc)"
