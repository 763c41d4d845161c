#!/bin/sh
# 1. Build the whole test suite with AddressSanitizer + UndefinedBehaviorSanitizer
#    (-fno-sanitize-recover=all, LeakSanitizer on) and run it.
# 2. Build with ThreadSanitizer (clang, LLVM's OpenMP runtime and its Archer
#    tool, so that OpenMP's own synchronisation is understood) and run the
#    threaded tests: the sweep and sensitivity tests.
# 3. Build the whole tree with GREATGAME_FUZZ (clang, ASan+UBSan, libFuzzer)
#    and fuzz each target for a short while (GG_FUZZ_SECONDS, default 20).
# Usage: scripts/ci-sanitize.sh [ASAN_BUILD_DIR [TSAN_BUILD_DIR [FUZZ_BUILD_DIR]]]
#        GG_SKIP_TSAN=1 skips step 2, GG_SKIP_FUZZ=1 step 3.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$here/build-asan}
tdir=${2:-$dir-tsan}
fdir=${3:-$dir-fuzz}
jobs=$(nproc)

echo "== ASan + UBSan: the whole suite ($dir)"
cmake -S "$here" -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DGREATGAME_SANITIZE=ON -DGREATGAME_WERROR=ON -DGREATGAME_RENDER=OFF \
  -DGREATGAME_BENCH=OFF >/dev/null
cmake --build "$dir" -j"$jobs"
(cd "$dir" &&
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --output-on-failure -j"$jobs" -E '^install_')
# (The install tests build an uninstrumented program against the installed,
# instrumented library, which ASan refuses; the plain build runs them.)

if ! command -v clang >/dev/null 2>&1; then
  echo "ci-sanitize: clang not found: ThreadSanitizer and fuzzing steps skipped" >&2
  exit 0
fi
if [ "${GG_SKIP_FUZZ:-0}" != 1 ]; then
  echo "== Fuzzing: the whole tree with GREATGAME_FUZZ, each target ${GG_FUZZ_SECONDS:-20} s ($fdir)"
  "$here/tests/fuzz/run.sh" "${GG_FUZZ_SECONDS:-20}" "$fdir"
fi
if [ "${GG_SKIP_TSAN:-0}" = 1 ]; then
  exit 0
fi
echo "== ThreadSanitizer: the threaded tests ($tdir)"
cmake -S "$here" -B "$tdir" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGREATGAME_TSAN=ON -DGREATGAME_WERROR=ON \
  -DGREATGAME_RENDER=OFF -DGREATGAME_BENCH=OFF >/dev/null
cmake --build "$tdir" -j"$jobs"
archer=$(clang -print-file-name=libarcher.so)
case $archer in
/*) ;;
*) archer=$(ls /usr/lib/llvm-*/lib/libarcher.so 2>/dev/null | tail -n 1) ;;
esac
(cd "$tdir" &&
  OMP_TOOL_LIBRARIES=$archer TSAN_OPTIONS="halt_on_error=1 ignore_noninstrumented_modules=1 second_deadlock_stack=1" \
    ctest --output-on-failure -j"$jobs" -R 'sweep|sensitivity')
