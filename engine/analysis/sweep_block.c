/* Running a sweep's blocks on OpenMP threads. Each thread owns a clone of
   the scenario, a simulation and a metrics accumulator; each block becomes
   one file, written under a temporary name and renamed when complete:

     # greatgame sweep block;hash=H;block=B;first=I;runs=N
     sample,replicate,seed,status,reason,metric...   (N lines, runs.csv rows)
     # end;lines=N;fnv=F

   F is the FNV-1a 64 of the N lines, so a block cut short or damaged is
   recognised and redone, and H the sweep hash, so a block of another sweep
   is never taken for one of this sweep. With trajectories, block-B.traj
   has the same frame ("# greatgame sweep trajectories;..." and the end
   line) around its trajectories.csv rows. */
#include "gg_util.h"
#include "outfile.h"
#include "sweep_batch.h"

#include <errno.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void gga_sweep_block_name(char *buf, size_t size, long b, const char *ext) {
  snprintf(buf, size, "block-%08ld.%s", b, ext);
}

void gga_sweep_traj_tick(sweep_worker *w, const gg_scenario *sc, int t, long i, long r,
                         uint64_t seed, const double *a) {
  int S = gg_scenario_states(sc), K = gg_scenario_powers(sc) + 1;
  char date[32], v[40], line[512];
  gg_scenario_date(sc, t, date, sizeof date);
  for (int s = 0; s < S; s++)
    for (int k = 0; k < K; k++) {
      gga_sweep_fmt(v, sizeof v, a[s * K + k]);
      int n = snprintf(line, sizeof line, "%ld,%ld,%llu,%d,%s,%s,%s,%s\n", i, r,
                       (unsigned long long)seed, t, date, gg_state_id(sc, s),
                       gg_component_id(sc, k), v);
      size_t len = n < 0 ? 0 : (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
      w->traj_h = gga_sweep_fnv(w->traj_h, line, len);
      w->traj_lines++;
      fwrite(line, 1, len, w->traj);
    }
}

/* sweep_output.c: the stocks, indicators and ties of a tick, as tagged
   lines of the block's .traj (--trajectories=stocks,indicators,ties). */
int gga_sweep_traj_more(sweep_worker *w, const gg_sim *sim);

/* Sink: metrics, and the long time series when asked. */
static int sweep_tick(void *ctx, const gg_sim *sim) {
  sweep_worker *w = ctx;
  gga_metrics_acc_tick(&w->acc, sim);
  if (w->traj && (w->sw->o.trajectories & ~1) && gga_sweep_traj_more(w, sim) != 0) return -1;
  if (w->traj && (w->sw->o.trajectories & 1)) {
    const gg_scenario *sc = gg_sim_scenario(sim);
    int S = gg_scenario_states(sc), K = gg_scenario_powers(sc) + 1;
    double a[256];
    double *buf = S * K <= 256 ? a : gg_malloc((size_t)S * (size_t)K * sizeof(double));
    if (!buf) return -1;
    for (int s = 0; s < S; s++)
      for (int k = 0; k < K; k++)
        buf[s * K + k] = gg_sim_share(sim, s, k);
    gga_sweep_traj_tick(w, sc, gg_sim_tick(sim), w->sample, w->replicate, w->seed, buf);
    if (buf != a) gg_free(buf);
  }
  return 0;
}

static void sweep_worker_free(sweep_worker *w) {
  gga_sweep_lanes_free(w);
  gg_sim_free(w->sim);
  gg_scenario_free(w->sc);
  gga_metrics_acc_free(&w->acc);
  gg_free(w->line);
  memset(w, 0, sizeof *w);
}

static int sweep_worker_init(sweep_worker *w, const sweep *sw) {
  memset(w, 0, sizeof *w);
  w->sw = sw;
  w->sim_sample = -1;
  w->variant = -1;
  w->sc = gg_scenario_clone(sw->o.sc);
  w->cap = 1024 + (size_t)sw->o.metrics->n * 32; /* room for the longest reason */
  w->line = gg_malloc(w->cap);
  if (!w->sc || !w->line ||
      gga_metrics_acc_init(&w->acc, sw->o.metrics, gg_scenario_states(w->sc)) ||
      gga_sweep_lanes_init(w) != 0) {
    sweep_worker_free(w);
    return -1;
  }
  if (sw->o.trajectories & ~1) gga_sweep_lanes_free(w); /* stocks, indicators, ties: run by run */
  return 0;
}

int gga_sweep_setup(const sweep *sw, long i, gg_scenario **sc, int *variant, char *err,
                    size_t size) {
  err[0] = '\0';
  if (sw->o.nvariants > 0) {
    int v = gga_sweep_variant(sw, i);
    if (v != *variant) {
      gg_scenario *c = gg_scenario_clone(sw->o.variants[v]);
      if (!c) return -1;
      gg_scenario_free(*sc);
      *sc = c;
      *variant = v;
    }
  }
  for (int j = 0; j < sw->o.nparams; j++) {
    gg_error e;
    if (gg_scenario_set(*sc, sw->o.params[j].path, gga_sweep_value(sw, i, j), &e) < 0) {
      snprintf(err, size, "cannot set %.500s", e.msg);
      for (char *c = err; *c; c++)
        if (*c == ',' || *c == '\n' || *c == '\r' || *c == '"') *c = ';';
      break;
    }
  }
  return 0;
}

uint64_t gga_sweep_seed(const sweep *sw, const gg_scenario *sc, long i, long r) {
  /* Common random numbers: replicate r draws the same seed in every sample
     (the seed `run` gives replicate r), unless independent seeds are asked. */
  uint64_t slot = sw->o.independent_seeds ? (uint64_t)i : 0u;
  return gg_seed_derive(gg_scenario_seed(sc), slot, (uint64_t)r);
}

/* Set the scenario up for sample i; a value the scenario refuses makes the
   sample's runs fail with the reason. -1 when out of memory. */
static int sweep_worker_sample(sweep_worker *w, long i) {
  if (w->sim_sample == i) return 0;
  gg_sim_free(w->sim);
  w->sim = NULL;
  if (gga_sweep_setup(w->sw, i, &w->sc, &w->variant, w->set_error, sizeof w->set_error) != 0)
    return -1;
  w->sim_sample = i;
  if (!w->set_error[0]) {
    w->sim = gg_sim_create(w->sc, 0);
    if (!w->sim) return -1;
  }
  return 0;
}

long gga_sweep_line(sweep_worker *w, long i, long r, uint64_t seed, const char *reason,
                    const metrics_acc *acc) {
  const sweep *sw = w->sw;
  int failed = reason[0] != '\0';
  int n = snprintf(w->line, w->cap, "%ld,%ld,%llu,%s,%s", i, r, (unsigned long long)seed,
                   failed ? "failed" : "ok", reason);
  size_t len = n < 0 ? 0 : (size_t)n < w->cap ? (size_t)n : w->cap - 1;
  for (int m = 0; m < sw->o.metrics->n; m++) {
    char v[40] = "";
    /* A metric that may have no value (first: never crossed) is left empty. */
    if (!failed && !(gga_metric_may_miss(&sw->o.metrics->m[m]) && isnan(acc->value[m])))
      gga_sweep_fmt(v, sizeof v, acc->value[m]);
    size_t vn = strlen(v), need = vn + 3;
    if (len + need >= w->cap) {
      size_t cap = 2 * w->cap + need;
      char *t = gg_malloc(cap);
      if (!t) return -1;
      memcpy(t, w->line, len);
      gg_free(w->line);
      w->line = t;
      w->cap = cap;
    }
    w->line[len++] = ',';
    memcpy(w->line + len, v, vn);
    len += vn;
  }
  w->line[len++] = '\n';
  w->line[len] = '\0';
  return (long)len;
}

/* One run by itself; its runs.csv line into w->line. Returns the line
   length, -1 when out of memory. */
static long sweep_one(sweep_worker *w, long run, int *failed) {
  const sweep *sw = w->sw;
  long i = run / sw->o.replicates, r = run % sw->o.replicates;
  if (sweep_worker_sample(w, i) != 0) return -1;
  uint64_t seed = gga_sweep_seed(sw, w->sc, i, r);
  char reason[700] = "";
  w->sample = i;
  w->replicate = r;
  w->seed = seed;
  if (w->set_error[0]) {
    snprintf(reason, sizeof reason, "%s", w->set_error);
  } else {
    gg_sim_reset(w->sim, seed);
    gga_metrics_acc_reset(&w->acc);
    gg_sink sink = {sweep_tick, w};
    if (gg_sim_run(w->sim, &sink) != 0) return -1;
    gga_metrics_acc_finish(&w->acc, w->sim, reason, sizeof reason);
  }
  *failed = reason[0] != '\0';
  return gga_sweep_line(w, i, r, seed, reason, &w->acc);
}

/* Runs first..last-1 of a block, their lines to f (and trajectories to
   w->traj): in batches when the worker has them, else one by one. 0, or -1
   when out of memory. */
static int sweep_runs(sweep_worker *w, long first, long last, FILE *f, uint64_t *h, long *failed) {
  long run = first;
  while (run < last) {
    if (w->lanes.G > 1) {
      long end = run + w->lanes.G < last ? run + w->lanes.G : last;
      int rc = gga_sweep_lanes_run(w, run, &end, f, h, failed);
      if (rc < 0) return -1;
      if (rc == 0) {
        run = end;
        continue;
      }
      for (; run < end; run++) { /* the batch cannot take them */
        int bad;
        long len = sweep_one(w, run, &bad);
        if (len < 0) return -1;
        *failed += bad;
        *h = gga_sweep_fnv(*h, w->line, (size_t)len);
        fwrite(w->line, 1, (size_t)len, f);
      }
      continue;
    }
    int bad;
    long len = sweep_one(w, run, &bad);
    if (len < 0) return -1;
    *failed += bad;
    *h = gga_sweep_fnv(*h, w->line, (size_t)len);
    fwrite(w->line, 1, (size_t)len, f);
    run++;
  }
  return 0;
}

/* Run block b and commit its file(s). 0, or -1 with err filled. */
static int sweep_block(sweep_worker *w, const char *blockdir, long b, long *failed, gg_error *err) {
  const sweep *sw = w->sw;
  long first = b * sw->o.block_runs, last = first + sw->o.block_runs;
  if (last > sw->runs) last = sw->runs;
  char name[64];
  gg_outfile tof = {0}, of;
  if (sw->o.trajectories) {
    gga_sweep_block_name(name, sizeof name, b, "traj");
    if (!gg_outfile_open(&tof, blockdir, name, err)) return -1;
    w->traj = tof.f;
    w->traj_h = SWEEP_FNV_INIT;
    w->traj_lines = 0;
    fprintf(w->traj, "# greatgame sweep trajectories;hash=%s;block=%ld;first=%ld;runs=%ld\n",
            sw->hash_hex, b, first, last - first);
  }
  gga_sweep_block_name(name, sizeof name, b, "csv");
  FILE *f = gg_outfile_open(&of, blockdir, name, err);
  if (!f) {
    if (w->traj) gg_outfile_abort(&tof);
    w->traj = NULL;
    return -1;
  }
  fprintf(f, "# greatgame sweep block;hash=%s;block=%ld;first=%ld;runs=%ld\n", sw->hash_hex, b,
          first, last - first);
  uint64_t h = SWEEP_FNV_INIT;
  if (sweep_runs(w, first, last, f, &h, failed) != 0) {
    gg_err_set(err, "sweep: out of memory");
    gg_outfile_abort(&of);
    if (w->traj) gg_outfile_abort(&tof);
    w->traj = NULL;
    return -1;
  }
  fprintf(f, "# end;lines=%ld;fnv=%016llx\n", last - first, (unsigned long long)h);
  if (w->traj)
    fprintf(w->traj, "# end;lines=%ld;fnv=%016llx\n", w->traj_lines, (unsigned long long)w->traj_h);
  w->traj = NULL;
  if (sw->o.trajectories && gg_outfile_commit(&tof, err) != 0) {
    gg_outfile_abort(&of);
    return -1;
  }
  return gg_outfile_commit(&of, err);
}

void gga_sweep_block_head(const sweep *sw, long b, int traj, char *buf, size_t size) {
  long first = b * sw->o.block_runs;
  snprintf(buf, size, "# greatgame sweep %s;hash=%s;block=%ld;first=%ld;runs=%ld\n",
           traj ? "trajectories" : "block", sw->hash_hex, b, first, gga_sweep_block_runs(sw, b));
}

int gga_sweep_read_block(const sweep *sw, const char *path, long b, int traj, gga_sweep_line_fn fn,
                         void *ctx, gg_error *err) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    gg_err_set(err, "%.900s: cannot open: %s", path, strerror(errno));
    return 1;
  }
  char want[256];
  gga_sweep_block_head(sw, b, traj, want, sizeof want);
  char *line = NULL;
  size_t cap = 0;
  ssize_t n = getline(&line, &cap, f);
  int rc = 0;
  if (n <= 0 || strcmp(line, want) != 0) {
    const char *key = ";hash=", *h = n > 0 ? strstr(line, key) : NULL;
    if (n > 0 && strncmp(line, "# greatgame sweep ", 18) == 0 && h &&
        strncmp(h + 6, sw->hash_hex, 16) != 0)
      gg_err_set(err,
                 "%.900s: a block of another sweep (hash %.16s, this sweep's is %s); "
                 "refusing to mix results",
                 path, h + 6, sw->hash_hex);
    else
      gg_err_set(err, "%.900s: not block %ld of this sweep (its first line differs)", path, b);
    rc = 1;
  }
  uint64_t h = SWEEP_FNV_INIT;
  long lines = 0, expect = traj ? -1 : gga_sweep_block_runs(sw, b);
  int ended = 0;
  while (rc == 0 && (n = getline(&line, &cap, f)) > 0) {
    if (line[0] == '#') {
      snprintf(want, sizeof want, "# end;lines=%ld;fnv=%016llx\n", lines, (unsigned long long)h);
      if ((expect >= 0 && lines != expect) || strcmp(line, want) != 0) {
        gg_err_set(err, "%.900s: damaged (%ld lines, or a checksum, differ from its end line)",
                   path, lines);
        rc = 1;
      }
      ended = 1;
      break;
    }
    if (line[n - 1] != '\n') break; /* cut short */
    h = gga_sweep_fnv(h, line, (size_t)n);
    lines++;
    if (fn && fn(ctx, line, (size_t)n, err) != 0) rc = -1;
  }
  if (rc == 0 && !ended) {
    gg_err_set(err, "%.900s: incomplete (no end line after %ld lines)", path, lines);
    rc = 1;
  }
  if (rc == 0 && getline(&line, &cap, f) > 0) {
    gg_err_set(err, "%.900s: damaged (lines after its end line)", path);
    rc = 1;
  }
  free(line);
  fclose(f);
  return rc;
}

int gga_sweep_block_valid(const sweep *sw, const char *path, long b) {
  gg_error e;
  if (gga_sweep_read_block(sw, path, b, 0, NULL, NULL, &e) != 0) return 0;
  if (!sw->o.trajectories) return 1;
  char tp[4300], name[64];
  gga_sweep_block_name(name, sizeof name, b, "traj");
  const char *slash = strrchr(path, '/');
  snprintf(tp, sizeof tp, "%.*s%s", slash ? (int)(slash - path + 1) : 0, path, name);
  return gga_sweep_read_block(sw, tp, b, 1, NULL, NULL, &e) == 0;
}

int gga_sweep_run_blocks(sweep *sw, const char *blockdir, const unsigned char *done,
                         gg_error *err) {
  long todo_n = 0;
  long *todo = gg_malloc((size_t)(sw->blocks ? sw->blocks : 1) * sizeof(long));
  if (!todo) {
    gg_err_set(err, "sweep: out of memory");
    return -1;
  }
  uint64_t done_runs = 0;
  for (long b = 0; b < sw->blocks; b++) {
    if (!gga_sweep_mine(sw, b)) continue;
    if (!done[b])
      todo[todo_n++] = b;
    else
      done_runs += (uint64_t)gga_sweep_block_runs(sw, b);
  }
  int threads = sw->o.threads > 0 ? sw->o.threads : 1;
  if (threads > todo_n) threads = todo_n > 0 ? (int)todo_n : 1;
  int failed_flag = 0, stopped = 0;
  long failed_runs = 0;
  gg_error first_err = {{0}};
  uint64_t done_before = done_runs;
  if (sw->o.progress) sw->o.progress(sw->o.progress_ctx, done_runs, (uint64_t)sw->my_runs);
#pragma omp parallel num_threads(threads) reduction(+ : failed_runs)
  {
    sweep_worker w;
    int ok = sweep_worker_init(&w, sw) == 0;
    if (!ok) {
#pragma omp critical(sweep_err)
      {
        if (!failed_flag) gg_err_set(&first_err, "sweep: out of memory");
        failed_flag = 1;
      }
    }
#pragma omp for schedule(dynamic, 1)
    for (long k = 0; k < todo_n; k++) {
      int stop;
#pragma omp atomic read
      stop = failed_flag;
      if (stop || !ok) continue;
      if (sw->o.interrupted && sw->o.interrupted(sw->o.hook_ctx)) {
#pragma omp critical(sweep_err)
        {
          if (!failed_flag) {
            gg_err_set(&first_err, "sweep: interrupted");
            stopped = 1;
          }
          failed_flag = 1;
        }
        continue;
      }
      gg_error e;
      long b = todo[k], bf = 0;
      if (sweep_block(&w, blockdir, b, &bf, &e) != 0) {
#pragma omp critical(sweep_err)
        {
          if (!failed_flag) first_err = e;
          failed_flag = 1;
        }
        continue;
      }
      failed_runs += bf;
      uint64_t n = (uint64_t)gga_sweep_block_runs(sw, b);
#pragma omp critical(sweep_progress)
      {
        done_runs += n;
        if (sw->o.progress) sw->o.progress(sw->o.progress_ctx, done_runs, (uint64_t)sw->my_runs);
      }
    }
    if (ok) sweep_worker_free(&w);
  }
  gg_free(todo);
  sw->blocks_run = todo_n;
  sw->runs_run = sw->my_runs - (long)done_before;
  if (failed_flag) {
    *err = first_err;
    if (stopped) sw->error = GG_SWEEP_ERR_INTERRUPTED;
    return -1;
  }
  return 0;
}
