/* Baseline runs per second: the Central Asia baseline (5 states, 3 powers,
   3 channels, 132 monthly ticks) run again and again with derived seeds,
   with 1 and 2 threads, outputs off (the sweep metrics only: final shares
   and regional shares) and on (every tick's alignment and stocks formatted
   as CSV rows, as `run --out` writes them, into /dev/null).

   Runs per second are counted on the wall clock and on the process's CPU
   clock: on a machine shared with other work, the CPU figure of 1 thread is
   the one to trust, and the 2-thread speed-up needs an otherwise idle
   machine (the load average is printed).

   usage: bench_runs [RESULT_DIR] [SECONDS] [off|on]   (SECONDS per case, default 2;
          off/on: only the cases with outputs off or on)
   Writes RESULT_DIR/bench_runs.csv: case,threads,runs,seconds,cpu_seconds,runs_per_s,runs_per_cpu_s
 */
#include "bench_util.h"
#include "metrics.h"

#include <greatgame/numfmt.h>

#include <pthread.h>
#include <string.h>

typedef struct runs_job {
  const gg_scenario *sc;
  const metric_set *ms;
  int outputs;     /* 1: format CSV rows */
  long first, end; /* replicates first..end-1 */
  int failed;
} runs_job;

typedef struct csv_sink {
  FILE *f;
  char date[32];
} csv_sink;

static int runs_csv_tick(void *ctx, const gg_sim *sim) {
  csv_sink *cs = ctx;
  const gg_scenario *sc = gg_sim_scenario(sim);
  int S = gg_scenario_states(sc), P = gg_scenario_powers(sc), C = gg_scenario_channels(sc);
  int t = gg_sim_tick(sim);
  gg_scenario_date(sc, t, cs->date, sizeof cs->date);
  char a[GG_SHORTEST_MAX], b[GG_SHORTEST_MAX]; /* the files' number text */
  for (int s = 0; s < S; s++)
    for (int k = 0; k <= P; k++) {
      gg_fmt_shortest(a, gg_sim_share(sim, s, k));
      fprintf(cs->f, "%d,%s,%s,%s,%s\n", t, cs->date, gg_state_id(sc, s), gg_component_id(sc, k),
              a);
    }
  for (int s = 0; s < S; s++)
    for (int p = 0; p < P; p++)
      for (int c = 0; c < C; c++) {
        gg_fmt_shortest(a, gg_sim_stock(sim, s, p, c));
        gg_fmt_shortest(b, gg_sim_effort(sim, s, p, c));
        fprintf(cs->f, "%d,%s,%s,%s,%s,%s,%s\n", t, cs->date, gg_state_id(sc, s),
                gg_power_id(sc, p), gg_channel_id(sc, c), a, b);
      }
  return ferror(cs->f) ? 1 : 0;
}

static void *runs_worker(void *arg) {
  runs_job *j = arg;
  gg_sim *sim = gg_sim_create(j->sc, gg_scenario_seed(j->sc));
  metrics_acc acc;
  csv_sink cs = {0};
  if (!sim || gga_metrics_acc_init(&acc, j->ms, gg_scenario_states(j->sc)) != 0) {
    j->failed = 1;
    gg_sim_free(sim);
    return NULL;
  }
  if (j->outputs && !(cs.f = fopen("/dev/null", "w"))) j->failed = 1;
  gg_sink msink = {gga_metrics_acc_tick, &acc}, osink = {runs_csv_tick, &cs};
  for (long r = j->first; r < j->end && !j->failed; r++) {
    gg_sim_reset(sim, gg_seed_derive(gg_scenario_seed(j->sc), 0, (uint64_t)r));
    gga_metrics_acc_reset(&acc);
    if (gg_sim_run(sim, j->outputs ? &osink : &msink) != 0) j->failed = 1;
  }
  if (cs.f) fclose(cs.f);
  gga_metrics_acc_free(&acc);
  gg_sim_free(sim);
  return NULL;
}

static double runs_cpu_clock(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* `runs` runs split over `threads` threads; wall seconds (and CPU seconds
   in *cpu), or -1. */
static double runs_batch(const gg_scenario *sc, const metric_set *ms, int outputs, int threads,
                         long runs, double *cpu) {
  pthread_t tid[2];
  runs_job job[2];
  double t0 = bench_clock(), c0 = runs_cpu_clock();
  for (int i = 0; i < threads; i++) {
    job[i] = (runs_job){sc, ms, outputs, runs * i / threads, runs * (i + 1) / threads, 0};
    if (pthread_create(&tid[i], NULL, runs_worker, &job[i]) != 0) return -1;
  }
  int failed = 0;
  for (int i = 0; i < threads; i++) {
    pthread_join(tid[i], NULL);
    failed |= job[i].failed;
  }
  *cpu = runs_cpu_clock() - c0;
  return failed ? -1 : bench_clock() - t0;
}

int main(int argc, char **argv) {
  const char *out = argc > 1 ? argv[1] : ".";
  double target = argc > 2 ? atof(argv[2]) : 2.0;
  const char *only = argc > 3 ? argv[3] : "";
  gg_error err;
  gg_scenario *sc = gg_scenario_baseline(&err);
  metric_set ms = {0};
  if (!sc || gga_metrics_default(&ms, sc, &err) != 0) {
    fprintf(stderr, "bench_runs: %s\n", err.msg);
    return 1;
  }
  FILE *f = bench_csv(out, "bench_runs.csv",
                      "case,threads,runs,seconds,cpu_seconds,runs_per_s,runs_per_cpu_s");
  if (!f) return 1;
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) < 1) load[0] = -1;
  printf("baseline runs (5 states, 3 powers, 3 channels, 132 ticks); load average %.2f\n", load[0]);
  printf("%-28s %7s %9s %8s %11s %13s\n", "case", "threads", "runs", "seconds", "runs/s",
         "runs/CPU-s");
  int rc = 0;
  double one[2] = {0, 0};
  for (int outputs = 0; outputs < 2; outputs++) {
    if ((outputs && strcmp(only, "off") == 0) || (!outputs && strcmp(only, "on") == 0)) continue;
    for (int threads = 1; threads <= 2; threads++) {
      /* calibrate the count on a short batch, then time about `target` s */
      long runs = outputs ? 20 : 2000;
      double cpu, sec = runs_batch(sc, &ms, outputs, threads, runs, &cpu);
      if (sec > 0) runs = (long)((double)runs * target / sec) + threads;
      sec = runs_batch(sc, &ms, outputs, threads, runs, &cpu);
      if (sec < 0) {
        fprintf(stderr, "bench_runs: a run failed\n");
        rc = 1;
        continue;
      }
      const char *name = outputs ? "outputs on (CSV rows)" : "outputs off (metrics only)";
      double rate = (double)runs / sec;
      if (threads == 1) one[outputs] = rate;
      printf("%-28s %7d %9ld %8.2f %11.0f %13.0f", name, threads, runs, sec, rate,
             (double)runs / cpu);
      if (threads == 2 && one[outputs] > 0) printf("  (%.2fx of 1 thread)", rate / one[outputs]);
      printf("\n");
      fprintf(f, "%s,%d,%ld,%.3f,%.3f,%.0f,%.0f\n", outputs ? "outputs_on" : "outputs_off", threads,
              runs, sec, cpu, rate, (double)runs / cpu);
      fflush(stdout);
    }
  }
  fclose(f);
  gga_metrics_free(&ms);
  gg_scenario_free(sc);
  return rc;
}
