#!/bin/sh
# The engine's core compiled to WebAssembly and run under Node gives the same
# alignment CSV, byte for byte, as the native program.
#
#   tests/web/wasm_identical.sh NATIVE_GREATGAME REPO BUILD_DIR
#
# Builds the wasm program with REPO/scripts/build-wasm-core.sh into BUILD_DIR
# (reusing an earlier build there), then compares, with 2 replicates each,
# `NATIVE_GREATGAME run [SCENARIO] -o - --replicates 2` with
# `node gg_wasm_run.js [SCENARIO] --replicates 2` for the built-in baseline
# and for shipped scenarios with noise.
# Exit status: 0 all identical, 1 a difference or a failure, 2 bad usage,
# 77 skipped (emcc not installed; CTest's SKIP_RETURN_CODE).
set -eu

me="wasm_identical.sh"
if [ $# -ne 3 ]; then
  echo "usage: tests/web/$me NATIVE_GREATGAME REPO BUILD_DIR" >&2
  exit 2
fi
native=$1
repo=$2
build=$3
replicates=2

if ! command -v emcc >/dev/null 2>&1; then
  echo "skipped: emcc not installed"
  exit 77
fi
[ -x "$native" ] || { echo "$me: $native: no such program" >&2; exit 2; }
[ -x "$repo/scripts/build-wasm-core.sh" ] ||
  { echo "$me: $repo/scripts/build-wasm-core.sh: no such script" >&2; exit 2; }
command -v node >/dev/null 2>&1 || { echo "$me: node not found on PATH" >&2; exit 1; }

mkdir -p "$build"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gg-wasm.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

if ! "$repo/scripts/build-wasm-core.sh" "$build" >"$tmp/build.log" 2>&1; then
  tail -n 20 "$tmp/build.log" >&2
  echo "$me: scripts/build-wasm-core.sh $build failed" >&2
  exit 1
fi
js=$(tail -n 1 "$tmp/build.log")
[ -f "$js" ] || { echo "$me: the wasm build named no program (last line: $js)" >&2; exit 1; }

passed=0
failed=0
# check NAME [SCENARIO]
check() {
  name=$1
  shift
  if ! "$native" run "$@" -o - --replicates "$replicates" >"$tmp/native.csv" 2>"$tmp/native.err"; then
    echo "FAIL $name: native run failed: $(head -n 1 "$tmp/native.err")"
    failed=$((failed + 1))
    return 0
  fi
  if ! node "$js" "$@" --replicates "$replicates" >"$tmp/wasm.csv" 2>"$tmp/wasm.err"; then
    echo "FAIL $name: wasm run failed: $(head -n 1 "$tmp/wasm.err")"
    failed=$((failed + 1))
    return 0
  fi
  lines=$(wc -l <"$tmp/native.csv")
  if [ "$lines" -lt 2 ]; then
    echo "FAIL $name: the native run wrote no rows"
    failed=$((failed + 1))
    return 0
  fi
  if cmp -s "$tmp/native.csv" "$tmp/wasm.csv"; then
    echo "PASS $name: $lines lines identical"
    passed=$((passed + 1))
    return 0
  fi
  failed=$((failed + 1))
  where=$(cd "$tmp" || exit 1; cmp native.csv wasm.csv 2>&1) || true
  echo "FAIL $name: $where"
  line=$(echo "$where" | sed -n 's/.*line \([0-9][0-9]*\).*/\1/p')
  if [ -n "$line" ]; then
    echo "  native: $(sed -n "${line}p" "$tmp/native.csv")"
    echo "  wasm:   $(sed -n "${line}p" "$tmp/wasm.csv")"
  else # one is a prefix of the other (cmp: EOF on ...)
    diff "$tmp/native.csv" "$tmp/wasm.csv" | head -n 4 | sed 's/^/  /'
  fi
  echo "  $(diff "$tmp/native.csv" "$tmp/wasm.csv" | grep -c '^<' || true) of $lines lines differ"
  # glibc picks FMA variants of exp/pow/log on CPUs that have FMA; they round
  # a few hard cases differently from the generic code that musl (emscripten's
  # libc) shares with glibc. Tell whether that is the whole difference.
  if GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA "$native" run "$@" -o - --replicates "$replicates" \
    >"$tmp/native-nofma.csv" 2>/dev/null && cmp -s "$tmp/native-nofma.csv" "$tmp/wasm.csv"; then
    echo "  note: identical to the native run with GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA:" \
      "the difference comes from glibc's FMA variants of exp/pow, not from the wasm build"
  fi
  return 0
}

check baseline
for s in great_game us_pivot csto_kazakhstan_2022; do
  if [ -f "$repo/scenarios/$s.json" ]; then
    check "$s.json" "$repo/scenarios/$s.json"
  else
    echo "FAIL $s.json: $repo/scenarios/$s.json is missing"
    failed=$((failed + 1))
  fi
done

echo "wasm: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
