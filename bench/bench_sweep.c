/* Sweep throughput and memory: runs per second of a baseline sweep with 1
   and 2 threads, and the peak resident memory of sweeps of growing size
   (each in a child process), which should stay flat.

   usage: bench_sweep [RESULT_DIR] [MAX_RUNS]   (MAX_RUNS default 1000000)
   Writes RESULT_DIR/bench_sweep.csv: runs,threads,seconds,runs_per_s,peak_rss_kb */
#include "metrics.h"
#include "sweep.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double bench_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void bench_rmdir(const char *dir) {
  char cmd[4300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "bench_sweep: could not remove %s\n", dir);
}

/* One sweep of `runs` baseline runs (samples x 10 replicates) into dir. */
static int bench_one(const char *dir, long runs, int threads) {
  gg_error err;
  gg_scenario *sc = gg_scenario_baseline(&err);
  if (!sc) {
    fprintf(stderr, "bench_sweep: %s\n", err.msg);
    return 1;
  }
  metric_set ms = {0};
  sweep_param p[2];
  if (gga_metrics_default(&ms, sc, &err) != 0 ||
      gga_sweep_param_parse(&p[0], "states.KZ.backlash.strength=0:2", &err) != 0 ||
      gga_sweep_param_parse(&p[1], "powers.CN.budget.investment=0:20", &err) != 0) {
    fprintf(stderr, "bench_sweep: %s\n", err.msg);
    return 1;
  }
  sweep_opts o = {0};
  o.sc = sc;
  o.sets = "";
  o.params = p;
  o.nparams = 2;
  o.kind = DESIGN_LHS;
  o.replicates = 10;
  o.samples = runs / o.replicates;
  o.design_seed = 1;
  o.metrics = &ms;
  o.block_runs = SWEEP_BLOCK_RUNS;
  o.threads = threads;
  o.out = dir;
  o.command = "bench_sweep";
  sweep sw;
  int rc = gga_sweep_init(&sw, &o, &err) == 0 && gga_sweep_execute(&sw, &err) == 0 ? 0 : 1;
  if (rc) fprintf(stderr, "bench_sweep: %s\n", err.msg);
  gga_sweep_free(&sw);
  gga_metrics_free(&ms);
  gg_scenario_free(sc);
  return rc;
}

/* Run bench_one in a child; its wall time and peak RSS. */
static int bench_child(const char *base, long runs, int threads, double *sec, long *rss_kb) {
  char dir[4200];
  snprintf(dir, sizeof dir, "%s/sweep-%ld-%d", base, runs, threads);
  bench_rmdir(dir);
  double t0 = bench_now();
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) _exit(bench_one(dir, runs, threads));
  int status;
  struct rusage ru;
  if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return -1;
  *sec = bench_now() - t0;
  *rss_kb = ru.ru_maxrss;
  bench_rmdir(dir);
  return 0;
}

int main(int argc, char **argv) {
  const char *out = argc > 1 ? argv[1] : ".";
  long max_runs = argc > 2 ? atol(argv[2]) : 1000000;
  mkdir(out, 0777);
  char path[4200];
  snprintf(path, sizeof path, "%s/bench_sweep.csv", out);
  FILE *f = fopen(path, "w");
  if (!f) {
    fprintf(stderr, "bench_sweep: cannot write %s\n", path);
    return 1;
  }
  fprintf(f, "runs,threads,seconds,runs_per_s,peak_rss_kb\n");
  printf("%10s %8s %10s %12s %12s\n", "runs", "threads", "seconds", "runs/s", "peak RSS kB");
  struct {
    long runs;
    int threads;
  } cases[] = {{100000, 1}, {100000, 2}, {10000, 2}, {1000000, 2}};
  int rc = 0;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    if (cases[i].runs > max_runs) continue;
    double sec;
    long rss;
    if (bench_child(out, cases[i].runs, cases[i].threads, &sec, &rss) != 0) {
      fprintf(stderr, "bench_sweep: the sweep of %ld runs failed\n", cases[i].runs);
      rc = 1;
      continue;
    }
    printf("%10ld %8d %10.2f %12.0f %12ld\n", cases[i].runs, cases[i].threads, sec,
           (double)cases[i].runs / sec, rss);
    fprintf(f, "%ld,%d,%.3f,%.0f,%ld\n", cases[i].runs, cases[i].threads, sec,
            (double)cases[i].runs / sec, rss);
    fflush(stdout);
  }
  fclose(f);
  return rc;
}
