#!/bin/sh
# Build the engine in Release and run every benchmark, then print one table
# of the measured figures next to their targets (docs/performance.md).
#
# usage: bench/run.sh [BUILD_DIR]   (default: build-bench in the source tree)
# Environment: BENCH_SECONDS (per baseline-run case, default 2),
#              BENCH_SWEEP_RUNS (largest sweep, default 1000000).
# The benchmarks are not part of the test suite: they report, they do not fail.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build-bench}
secs=${BENCH_SECONDS:-2}
sweep_runs=${BENCH_SWEEP_RUNS:-1000000}
res=$build/bench/results

cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DGREATGAME_BENCH=ON >/dev/null
cmake --build "$build" -j2 >/dev/null
mkdir -p "$res"

echo "== machine"
grep -m1 "model name" /proc/cpuinfo | sed 's/.*: /cpu: /'
echo "processors: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "compiler: $(cc --version | head -1)"
echo "commit: $(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo
echo "== baseline runs per second (bench_runs)"
"$build/bench/bench_runs" "$res" "$secs"
echo
echo "== cost per state-tick, floor and scenario load (bench_scale)"
"$build/bench/bench_scale" "$res"
echo
echo "== sweeps: throughput and peak memory (bench_sweep)"
"$build/bench/bench_sweep" "$res" "$sweep_runs"
echo

# One table: measure, target, measured.
awk -F, '
  FILENAME ~ /bench_runs.csv$/ && FNR > 1 {
    key = $1 "_" $2; wall[key] = $6; cpu[key] = $7
  }
  FILENAME ~ /bench_scale.csv$/ && FNR > 1 && $4 == 132 { ns[$1 "_" $2 "_" $3] = $5 }
  FILENAME ~ /bench_floor.csv$/ && FNR > 1 && $1 !~ /^#/ { ratio[$1 "_" $2 "_" $3] = $6; floor_ns[$1 "_" $2 "_" $3] = $4 }
  FILENAME ~ /bench_load.csv$/ && FNR > 1 { nl++; lname[nl] = $1; load[nl] = $3 }
  FILENAME ~ /bench_sweep.csv$/ && FNR > 1 { ns_++; sruns[ns_] = $1; sthr[ns_] = $2; srate[ns_] = $4; srss[ns_] = $5 }
  END {
    fmt = "%-52s %-16s %s\n"
    printf fmt, "measure", "target", "measured"
    printf fmt, "baseline runs/s, 1 thread, outputs off (CPU clock)", ">= 50000", cpu["outputs_off_1"]
    printf fmt, "baseline runs/s, 1 thread, outputs off (wall clock)", "", wall["outputs_off_1"]
    printf fmt, "baseline runs/s, 2 threads, outputs off (wall clock)", "", wall["outputs_off_2"]
    printf fmt, "baseline runs/s, 2 threads, outputs off (CPU clock)", "", cpu["outputs_off_2"]
    if (wall["outputs_off_1"] > 0)
      printf fmt, "2 threads / 1 thread (wall clock)", ">= 1.8", sprintf("%.2f", wall["outputs_off_2"] / wall["outputs_off_1"])
    printf fmt, "baseline runs/s, 1 thread, outputs on (CPU clock)", "", cpu["outputs_on_1"]
    printf fmt, "baseline runs/s, 2 threads, outputs on (wall clock)", "", wall["outputs_on_2"]
    n = split("5_3_3 50_3_3 500_3_3 4096_3_3 5_8_3 50_8_3 500_8_3 4096_8_3 500_3_8 500_8_8 4096_8_8", k, " ")
    for (i = 1; i <= n; i++) {
      split(k[i], d, "_")
      target = (k[i] == "4096_3_3") ? "<= 100" : ""
      printf fmt, sprintf("ns/state-tick, %d states %d powers %d channels", d[1], d[2], d[3]), target, \
        sprintf("%s (floor %s, %sx)", ns[k[i]], floor_ns[k[i]], ratio[k[i]])
    }
    for (i = 1; i <= nl; i++) printf fmt, "scenario load ms, " lname[i], "", load[i]
    for (i = 1; i <= ns_; i++) {
      printf fmt, sprintf("sweep of %d runs, %d threads: runs/s", sruns[i], sthr[i]), "", srate[i]
      printf fmt, sprintf("sweep of %d runs, %d threads: peak RSS kB", sruns[i], sthr[i]), \
        (sruns[i] == 1000000 ? "< 102400" : ""), srss[i]
    }
  }' "$res/bench_runs.csv" "$res/bench_scale.csv" "$res/bench_floor.csv" "$res/bench_load.csv" \
  "$res/bench_sweep.csv"
