#!/bin/sh
# Build the engine in Release and run every benchmark, then print one table
# of the measured figures next to their targets (docs/performance.md).
#
# usage: bench/run.sh [BUILD_DIR]   (default: build-bench in the source tree)
# Environment: BENCH_SECONDS (per baseline-run case, default 2),
#              BENCH_SWEEP_RUNS (largest sweep, default 1000000),
#              BENCH_PEER_RUNS (runs of each side-by-side case, default 20000),
#              BENCH_ONLY=peers (only the side-by-side comparison, the last section).
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
peers() {
  echo "== side by side, one core, one run of each (bench_batch, peer_numpy.py, greatgame sweep)"
  "$build/bench/bench_batch" "$res" "$secs" 64
  n=${BENCH_PEER_RUNS:-20000}
  py=/usr/bin/python3
  [ -x "$py" ] || py=python3
  for case in great_game central_asia_2020; do
    sc=$src/scenarios/$case.json
    rm -rf "$build/bench/sweep_$case"
    # two samples that differ only in the scenario seed: the same arithmetic
    # as the other rows (a changed focus would take the contest's pow path)
    # runs per CPU-second of the whole command (start, load, runs, files),
    # as the other rows count CPU time; the wall-clock rate besides
    /usr/bin/time -f '%U %S' -o "$res/cli_time_$case.txt" \
      "$build/engine/cli/greatgame" sweep "$sc" --param 'seed=1:2:2' \
      --replicates $((n / 2)) --threads 1 --quiet --out "$build/bench/sweep_$case" |
      sed -n 's/.* in \([0-9.]*\) s, \([0-9]*\) runs.s.*/\2/p' >"$res/cli_wall_$case.txt"
    awk -v n=$((n / 2 * 2)) '{ printf "%.1f\n", n / ($1 + $2) }' "$res/cli_time_$case.txt" \
      >"$res/cli_$case.txt"
    "$py" "$src/bench/peer_numpy.py" "$sc" --seconds "$secs" | tee "$res/peer_$case.txt"
  done
  # ratios from this one run: engine rates over the NumPy peer's
  awk -F, -v cli_c="$(cat "$res/cli_great_game.txt")" -v cli_u="$(cat "$res/cli_central_asia_2020.txt")" \
    -v peer_c="$(sed -n 's/.*: \([0-9.]*\) runs per CPU-second.*/\1/p' "$res/peer_great_game.txt")" \
    -v peer_u="$(sed -n 's/.*: \([0-9.]*\) runs per CPU-second.*/\1/p' "$res/peer_central_asia_2020.txt")" '
    FNR > 1 && $1 ~ /^baseline/ && ($3 == "scalar" || rate_u[$3] == "") { rate_u[$3] = $9 }
    FNR > 1 && $1 ~ /^contested/ && ($3 == "scalar" || rate_c[$3] == "") { rate_c[$3] = $9 }
    FNR > 1 && $1 ~ /^un193/ { ns193[$3] = $10 }
    FNR > 1 && $1 ~ /^generated 4096/ { ns4096[$3] = $10 }
    END {
      best = ("avx512f" in rate_c) ? "avx512f" : (("avx2" in rate_c) ? "avx2" : "generic")
      fmt = "%-58s %-10s %12s %10s\n"
      printf fmt, "measure (runs per CPU-second unless said)", "target", "measured", "x NumPy"
      printf fmt, "contested: NumPy peer, vectorised across runs", "", peer_c, "1.00"
      printf fmt, "contested: greatgame sweep (CLI, 1 thread)", ">= 20x", cli_c, sprintf("%.2f", cli_c / peer_c)
      printf fmt, "contested: gg_sim, one run at a time", "", rate_c["scalar"], sprintf("%.2f", rate_c["scalar"] / peer_c)
      printf fmt, "contested: gg_batch, " best ", 64 lanes", "", rate_c[best], sprintf("%.2f", rate_c[best] / peer_c)
      printf fmt, "contested: sweep bookkeeping, 1 - CLI / batch", "< 10%", sprintf("%.0f%%", 100 * (1 - cli_c / rate_c[best])), ""
      printf fmt, "uncontested: NumPy peer", "", peer_u, "1.00"
      printf fmt, "uncontested: greatgame sweep (CLI, 1 thread)", ">= 50000", cli_u, sprintf("%.2f", cli_u / peer_u)
      printf fmt, "uncontested: gg_sim, one run at a time", "", rate_u["scalar"], sprintf("%.2f", rate_u["scalar"] / peer_u)
      printf fmt, "uncontested: gg_batch, " best ", 64 lanes", "", rate_u[best], sprintf("%.2f", rate_u[best] / peer_u)
      printf fmt, "uncontested: sweep bookkeeping, 1 - CLI / batch", "< 10%", sprintf("%.0f%%", 100 * (1 - cli_u / rate_u[best])), ""
      printf fmt, "ns/state-tick, 193 UN states: gg_sim", "<= 100", ns193["scalar"], ""
      printf fmt, "ns/state-tick, 193 UN states: gg_batch " best ", 8 lanes", "<= 100", ns193[best], ""
      printf fmt, "ns/state-tick, 4,096 states: gg_sim", "<= 100", ns4096["scalar"], ""
      printf fmt, "ns/state-tick, 4,096 states: gg_batch " best ", 8 lanes", "<= 100", ns4096[best], ""
    }' "$res/bench_batch.csv"
}

if [ "${BENCH_ONLY:-}" = peers ]; then
  peers
  exit 0
fi

echo "== baseline runs per second (bench_runs)"
"$build/bench/bench_runs" "$res" "$secs"
echo
echo "== cost per state-tick, floor and scenario load (bench_scale)"
"$build/bench/bench_scale" "$res"
echo
echo "== writing numbers: shortest text against %.17g (bench_numfmt)"
"$build/bench/bench_numfmt" "$res"
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
echo
peers
