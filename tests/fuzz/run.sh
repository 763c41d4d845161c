#!/bin/sh
# Build the libFuzzer targets with clang (ASan + UBSan) and run each for a
# bounded time; fail on any finding. Crashing inputs are left in
# BUILD/fuzz-findings/TARGET/ to be copied into tests/fuzz/regressions/.
# The seconds fuzzed and inputs run are added to BUILD/fuzz-seconds.log.
# Usage: tests/fuzz/run.sh [SECONDS_PER_TARGET] [BUILD_DIR]
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-60}
dir=${2:-$here/build-fuzz}
mkdir -p "$dir" && dir=$(cd "$dir" && pwd)
jobs=${GG_FUZZ_JOBS:-1} # parallel fuzzing processes per target (their logs: BUILD/fuzz-N.log)
# The whole tree builds with GREATGAME_FUZZ (the program, the viewer, the
# tests), instrumented; the targets are run below.
CC=clang cmake -S "$here" -B "$dir" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DGREATGAME_FUZZ=ON -DGREATGAME_SANITIZE=ON -DGREATGAME_BENCH=OFF >/dev/null
cmake --build "$dir" -j"$(nproc)"
status=0
for t in fuzz_scenario fuzz_param; do
  corpus=$dir/fuzz-corpus/$t
  findings=$dir/fuzz-findings/$t
  mkdir -p "$corpus" "$findings"
  case $t in
  fuzz_scenario)
    seeds="$here/scenarios $here/tests/schema/invalid $here/tests/fuzz/regressions/scenario"
    [ -d "$here/tests/bad" ] && seeds="$seeds $here/tests/bad"
    dict="-dict=$here/tests/fuzz/scenario.dict"
    ;;
  fuzz_param)
    seeds="$here/tests/fuzz/seeds/param $here/tests/fuzz/regressions/param"
    dict="-dict=$here/tests/fuzz/param.dict"
    ;;
  esac
  echo "== $t: $secs s"
  t0=$(date +%s)
  par=""
  [ "$jobs" -gt 1 ] && par="-jobs=$jobs -workers=$jobs"
  # shellcheck disable=SC2086
  if ! cd "$dir" || ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$dir/tests/$t" "$corpus" $seeds $dict -max_total_time="$secs" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 $par -artifact_prefix="$findings/" -print_final_stats=1 \
    >"$dir/$t.log" 2>&1; then
    echo "$t: FINDING (see $dir/$t.log and $findings)" >&2
    tail -40 "$dir/$t.log" >&2
    status=1
  fi
  grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$dir/$t.log" | tail -3 || true
  # The seconds really fuzzed (a finding ends a run early) and the inputs run.
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/$t.log" | tail -n 1)
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $t $(($(date +%s) - t0)) ${execs:-0}" >>"$dir/fuzz-seconds.log"
done
exit $status
