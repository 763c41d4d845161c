/* Batched runs against single runs, on one thread, in one process: runs per
   CPU-second of the Central Asia baseline (uncontested, fixed strategies)
   and of the contested case (scenarios/great_game.json: the same region with
   every power on the contest strategy), each run recording the sweep's
   default metrics (every final share and every regional share); then
   nanoseconds of CPU time per state-tick of larger worlds (the 193 UN member
   states of bench/data/un193.json and a generated 4,096-state scenario),
   single runs and batches.

   A batch of W lanes is stepped by gg_batch_step (greatgame/batch.h) with
   the widest instruction set the machine has, and with the compiler's
   generic vectors ("generic"); the single run is gg_sim_step. The lanes give
   the same bits as the single runs (tests/core/test_batch.c), so the work
   is the same: the ratio is the speed-up.

   usage: bench_batch [RESULT_DIR] [SECONDS] [LANES]   (CPU seconds per case,
          default 1; lanes per batch, default 64)
   Writes RESULT_DIR/bench_batch.csv:
   case,engine,isa,lanes,states,ticks,runs,cpu_seconds,runs_per_cpu_s,ns_per_state_tick */
#include "bench_util.h"

#include <greatgame/batch.h>
#include <string.h>

static double cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The sweep's default metrics of one run, summed into a checksum so the
   compiler keeps the reads. */
static double sim_metrics(const gg_sim *sim, int S, int K) {
  double sum = 0;
  for (int s = 0; s < S; s++)
    for (int k = 0; k < K; k++)
      sum += gg_sim_share(sim, s, k);
  for (int k = 0; k < K; k++)
    sum += gg_sim_region(sim, k);
  return sum;
}

static double batch_metrics(const gg_batch *b, int lane, int S, int K, double *buf) {
  double sum = 0;
  gg_batch_shares(b, lane, buf);
  for (int i = 0; i < S * K; i++)
    sum += buf[i];
  for (int k = 0; k < K; k++)
    sum += gg_batch_region(b, lane, k);
  return sum;
}

typedef struct result {
  long runs;
  double cpu;
  double check;
} result;

static result time_single(const gg_scenario *sc, double seconds) {
  int S = gg_scenario_states(sc), K = gg_scenario_powers(sc) + 1;
  gg_sim *sim = gg_sim_create(sc, 1);
  result r = {0, 0, 0};
  double c0 = cpu_now();
  while (sim && (r.cpu = cpu_now() - c0) < seconds)
    for (int i = 0; i < 16; i++, r.runs++) {
      gg_sim_reset(sim, gg_seed_derive(gg_scenario_seed(sc), 0, (uint64_t)r.runs));
      gg_sim_run(sim, NULL);
      r.check += sim_metrics(sim, S, K);
    }
  gg_sim_free(sim);
  return r;
}

static result time_batch(const gg_scenario *sc, double seconds, int W, const char *isa, int *ok) {
  int S = gg_scenario_states(sc), K = gg_scenario_powers(sc) + 1;
  uint64_t *seeds = calloc((size_t)W, sizeof *seeds);
  double *buf = calloc((size_t)S * (size_t)K, sizeof *buf);
  for (int l = 0; l < W; l++)
    seeds[l] = gg_seed_derive(gg_scenario_seed(sc), 0, (uint64_t)l);
  gg_batch *b = seeds && buf ? gg_batch_create(sc, W, seeds) : NULL;
  result r = {0, 0, 0};
  *ok = b && gg_batch_set_isa(b, isa) == 0;
  double c0 = cpu_now();
  while (*ok && (r.cpu = cpu_now() - c0) < seconds) {
    for (int l = 0; l < W; l++)
      seeds[l] = gg_seed_derive(gg_scenario_seed(sc), 0, (uint64_t)(r.runs + l));
    gg_batch_reset(b, seeds);
    gg_batch_run(b);
    for (int l = 0; l < W; l++)
      r.check += batch_metrics(b, l, S, K, buf);
    r.runs += W;
  }
  gg_batch_free(b);
  free(seeds);
  free(buf);
  return r;
}

static void report(FILE *csv, const char *name, const char *engine, const char *isa, int W,
                   const gg_scenario *sc, result r, double base_rate) {
  int S = gg_scenario_states(sc), T = gg_scenario_ticks(sc);
  double rate = r.runs / r.cpu, ns = 1e9 * r.cpu / ((double)r.runs * S * T);
  printf("%-22s %-7s %-8s %5d %10.0f %12.1f", name, engine, isa, W, rate, ns);
  if (base_rate > 0) printf("   x%.2f", rate / base_rate);
  printf("\n");
  if (csv)
    fprintf(csv, "%s,%s,%s,%d,%d,%d,%ld,%.4f,%.1f,%.2f\n", name, engine, isa, W, S, T, r.runs,
            r.cpu, rate, ns);
}

static void bench_case(FILE *csv, const char *name, const gg_scenario *sc, double seconds, int W) {
  result one = time_single(sc, seconds);
  double base = one.runs / one.cpu;
  report(csv, name, "gg_sim", "scalar", 1, sc, one, 0);
  const char *isas[] = {"generic", "avx2", "avx512f"};
  for (int i = 0; i < 3; i++) {
    int ok;
    result r = time_batch(sc, seconds, W, isas[i], &ok);
    if (ok) report(csv, name, "batch", isas[i], W, sc, r, base);
  }
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "bench-results";
  double seconds = argc > 2 ? atof(argv[2]) : 1.0;
  int W = argc > 3 ? atoi(argv[3]) : 64;
  if (seconds <= 0 || W < 1) {
    fprintf(stderr, "usage: bench_batch [RESULT_DIR] [SECONDS] [LANES]\n");
    return 2;
  }
  FILE *csv = bench_csv(dir, "bench_batch.csv",
                        "case,engine,isa,lanes,states,ticks,runs,cpu_seconds,runs_per_cpu_s,"
                        "ns_per_state_tick");
  gg_error err;
  printf("widest vector of doubles on this machine: %d\n", gg_batch_width());
  printf("%-22s %-7s %-8s %5s %10s %12s   %s\n", "case", "engine", "isa", "lanes", "runs/cpu-s",
         "ns/state-tick", "x single runs");
  const char *files[][2] = {{"baseline (uncontested)", GG_SCENARIO_DIR "/central_asia_2020.json"},
                            {"contested (great_game)", GG_SCENARIO_DIR "/great_game.json"},
                            {"un193 (193 states)", GG_BENCH_DIR "/data/un193.json"}};
  for (int i = 0; i < 3; i++) {
    gg_scenario *sc = gg_scenario_load(files[i][1], &err);
    if (!sc) {
      fprintf(stderr, "bench_batch: %s\n", err.msg);
      continue;
    }
    bench_case(csv, files[i][0], sc, seconds, i == 2 ? 8 : W);
    gg_scenario_free(sc);
  }
  gg_scenario *big = bench_generated(4096, 3, 3, 132);
  if (big) {
    bench_case(csv, "generated 4096 states", big, seconds, 8);
    gg_scenario_free(big);
  }
  if (csv) fclose(csv);
  return 0;
}
