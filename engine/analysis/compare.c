/* gg_compare_run: a paired comparison WHATIF - BASE with common random
   numbers, as `greatgame compare`: per state (and the region) and component,
   the paired differences of the share at the last tick and of its mean over
   ticks, with 95% Student t confidence intervals. */
#include "run_record.h"
#include "gg_util.h"
#include "outfile.h"

#include <cjson/cJSON.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct gg_compare_result {
  int S, K, rows, R; /* rows: S states then the region, each with K components */
  uint64_t seed;
  double *samples;     /* [4][R][rows*K]: gg_compare_value, replicate, cell */
  gg_compare_row *row; /* [rows*K] */
  char *ids;           /* the state and component ids the rows point to */
};

gg_compare_options gg_compare_defaults(void) {
  gg_compare_options o;
  memset(&o, 0, sizeof o);
  o.replicates = 10;
  return o;
}

/* The running sums over the ticks of one run, per row and component. */
typedef struct cmp_acc {
  int S, K;
  double *sum;
  const gg_compare_options *opt;
  int interrupted;
} cmp_acc;

static int cmp_sink_tick(void *ctx, const gg_sim *sim) {
  cmp_acc *acc = ctx;
  const gg_compare_options *o = acc->opt;
  if (o->interrupt && o->interrupt(o->context)) {
    acc->interrupted = 1;
    return 2;
  }
  for (int s = 0; s < acc->S; s++)
    for (int k = 0; k < acc->K; k++)
      acc->sum[s * acc->K + k] += gg_sim_share(sim, s, k);
  for (int k = 0; k < acc->K; k++)
    acc->sum[acc->S * acc->K + k] += gg_sim_region(sim, k);
  return 0;
}

/* Run one replicate of `sc`; store the end and mean values of every cell in
   BASE's order (map: BASE's states and components to this scenario's).
   GG_STUDY_OK or a failure. */
static int cmp_run(const gg_scenario *sc, uint64_t seed, const int *map, cmp_acc *acc, double *end,
                   double *mean) {
  gg_sim *sim = gg_sim_create(sc, seed);
  if (!sim) return GG_STUDY_OUT_OF_MEMORY;
  int S = acc->S, K = acc->K;
  memset(acc->sum, 0, sizeof(double) * (size_t)(S + 1) * (size_t)K);
  gg_sink sink = {cmp_sink_tick, acc};
  gg_sim_run(sim, &sink);
  if (acc->interrupted) {
    gg_sim_free(sim);
    return GG_STUDY_INTERRUPTED;
  }
  double n = (double)gg_scenario_ticks(sc) + 1.0;
  for (int r = 0; r <= S; r++) {
    int src = r < S ? map[r] : S; /* row in this scenario's order */
    for (int k = 0; k < K; k++) {
      int kk = map[S + k];
      end[r * K + k] = r < S ? gg_sim_share(sim, src, kk) : gg_sim_region(sim, kk);
      mean[r * K + k] = acc->sum[src * K + kk] / n;
    }
  }
  gg_sim_free(sim);
  return GG_STUDY_OK;
}

/* Map BASE's states and components onto WHATIF's indices (map[S + k] for
   component k). GG_STUDY_OK or GG_STUDY_MISMATCH with err filled. */
static int cmp_map(const gg_scenario *base, const gg_scenario *what, int *map, gg_error *err) {
  const char *wpath = gg_limits_scenario_file(what);
  int S = gg_scenario_states(base), P = gg_scenario_powers(base);
  if (gg_scenario_states(what) != S || gg_scenario_powers(what) != P) {
    gg_err_set(err, "%s: has %d states and %d powers, BASE has %d and %d", wpath,
               gg_scenario_states(what), gg_scenario_powers(what), S, P);
    return GG_STUDY_MISMATCH;
  }
  for (int s = 0; s < S; s++) {
    map[s] = gg_state_index(what, gg_state_id(base, s));
    if (map[s] < 0) {
      gg_err_set(err, "%s: has no state \"%s\" (BASE has)", wpath, gg_state_id(base, s));
      return GG_STUDY_MISMATCH;
    }
  }
  map[S] = 0;
  for (int p = 0; p < P; p++) {
    int q = gg_power_index(what, gg_power_id(base, p));
    if (q < 0) {
      gg_err_set(err, "%s: has no power \"%s\" (BASE has)", wpath, gg_power_id(base, p));
      return GG_STUDY_MISMATCH;
    }
    map[S + 1 + p] = q + 1;
  }
  if (gg_scenario_ticks(what) != gg_scenario_ticks(base) ||
      gg_scenario_step(what) != gg_scenario_step(base)) {
    gg_err_set(err, "%s: time axis differs from BASE (%d ticks, BASE %d)", wpath,
               gg_scenario_ticks(what), gg_scenario_ticks(base));
    return GG_STUDY_MISMATCH;
  }
  char d1[32], d2[32];
  gg_scenario_date(base, 0, d1, sizeof d1);
  gg_scenario_date(what, 0, d2, sizeof d2);
  if (strcmp(d1, d2) != 0) {
    gg_err_set(err, "%s: starts %s, BASE starts %s", wpath, d2, d1);
    return GG_STUDY_MISMATCH;
  }
  return GG_STUDY_OK;
}

/* Mean and 95% t half-width of x[0..n-1]; NaN half-width if n < 2. 0, or -1
   if the t quantile fails. */
static int cmp_ci(const double *x, int n, double *mean, double *half) {
  double m = 0, ss = 0;
  for (int i = 0; i < n; i++)
    m += x[i];
  m /= n;
  for (int i = 0; i < n; i++) {
    double d = x[i] - m;
    ss += d * d;
  }
  *mean = m;
  *half = NAN;
  if (n < 2) return 0;
  double t = gsl_cdf_tdist_Pinv(0.975, (double)(n - 1));
  if (!isfinite(t)) return -1;
  *half = t * sqrt(ss / (n - 1)) / sqrt((double)n);
  return 0;
}

static double *cmp_values(const gg_compare_result *res, gg_compare_value which, int r) {
  size_t cells = (size_t)res->rows * (size_t)res->K;
  return res->samples + ((size_t)which * (size_t)res->R + (size_t)r) * cells;
}

/* Fill the rows from the samples; `x` is scratch for R values. */
static int cmp_rows(gg_compare_result *res, const gg_scenario *base, double *x, gg_error *err) {
  int K = res->K, R = res->R;
  char *p = res->ids;
  for (int row = 0; row < res->rows; row++) {
    const char *sid = row < res->S ? gg_state_id(base, row) : "region";
    char *state = strcpy(p, sid);
    p += strlen(sid) + 1;
    for (int k = 0; k < K; k++) {
      size_t c = (size_t)row * (size_t)K + (size_t)k;
      gg_compare_row *w = &res->row[c];
      const char *cid = gg_component_id(base, k);
      w->state = state;
      w->state_index = row < res->S ? row : -1;
      w->component = strcpy(p, cid);
      p += strlen(cid) + 1;
      w->component_index = k;
      double half, *v[4];
      for (int j = 0; j < 4; j++)
        v[j] = cmp_values(res, (gg_compare_value)j, 0) + c;
      size_t stride = (size_t)res->rows * (size_t)K;
      int bad = 0;
      for (int i = 0; i < R; i++)
        x[i] = v[GG_COMPARE_BASE_END][i * stride];
      bad |= cmp_ci(x, R, &w->base_end, &half);
      for (int i = 0; i < R; i++)
        x[i] = v[GG_COMPARE_BASE_MEAN][i * stride];
      bad |= cmp_ci(x, R, &w->base_mean, &half);
      for (int i = 0; i < R; i++)
        x[i] = v[GG_COMPARE_WHATIF_END][i * stride] - v[GG_COMPARE_BASE_END][i * stride];
      bad |= cmp_ci(x, R, &w->diff_end, &w->diff_end_half);
      for (int i = 0; i < R; i++)
        x[i] = v[GG_COMPARE_WHATIF_MEAN][i * stride] - v[GG_COMPARE_BASE_MEAN][i * stride];
      bad |= cmp_ci(x, R, &w->diff_mean, &w->diff_mean_half);
      if (bad) {
        gg_err_set(err, "compare: t quantile failed");
        return GG_STUDY_NUMERIC;
      }
      w->whatif_end = w->base_end + w->diff_end;
      w->whatif_mean = w->base_mean + w->diff_mean;
      w->diff_end_lo = w->diff_end_hi = w->diff_mean_lo = w->diff_mean_hi = NAN;
      if (R > 1) {
        w->diff_end_lo = w->diff_end - w->diff_end_half;
        w->diff_end_hi = w->diff_end + w->diff_end_half;
        w->diff_mean_lo = w->diff_mean - w->diff_mean_half;
        w->diff_mean_hi = w->diff_mean + w->diff_mean_half;
      }
    }
  }
  return GG_STUDY_OK;
}

static gg_compare_result *cmp_alloc(const gg_scenario *base, int R) {
  gg_compare_result *res = gg_calloc(1, sizeof *res);
  if (!res) return NULL;
  res->S = gg_scenario_states(base);
  res->K = gg_scenario_powers(base) + 1;
  res->rows = res->S + 1;
  res->R = R;
  size_t cells = (size_t)res->rows * (size_t)res->K, ids = sizeof "region";
  for (int s = 0; s < res->S; s++)
    ids += strlen(gg_state_id(base, s)) + 1;
  for (int k = 0; k < res->K; k++)
    ids += (strlen(gg_component_id(base, k)) + 1) * (size_t)res->rows;
  res->samples = gg_calloc(4 * (size_t)R * cells, sizeof(double));
  res->row = gg_calloc(cells, sizeof(gg_compare_row));
  res->ids = gg_malloc(ids);
  if (!res->samples || !res->row || !res->ids) {
    gg_compare_free(res);
    return NULL;
  }
  return res;
}

void gg_compare_free(gg_compare_result *res) {
  if (!res) return;
  gg_free(res->samples);
  gg_free(res->row);
  gg_free(res->ids);
  gg_free(res);
}

/* Most replicates of one arm stepped together in a batch. */
#define CMP_LANES 64

/* Replicates r0..r0+n-1 of `sc` (seeds[l] for replicate r0 + l) stepped
   together in a batch (greatgame/batch.h): a lane gives the bits of a
   gg_sim, and its sums and end values are read through the same calls in
   the same order as cmp_run's, so each replicate's values are cmp_run's.
   sums: n (S + 1) K doubles of scratch. */
static int cmp_run_lanes(const gg_scenario *sc, const uint64_t *seeds, int n, const int *map,
                         cmp_acc *acc, double *sums, gg_compare_result *res, int r0,
                         gg_compare_value end_v, gg_compare_value mean_v) {
  gg_batch *b = gg_batch_create(sc, n, seeds);
  if (!b) return GG_STUDY_OUT_OF_MEMORY;
  const gg_compare_options *o = acc->opt;
  int S = acc->S, K = acc->K;
  size_t SK = (size_t)(S + 1) * (size_t)K;
  memset(sums, 0, sizeof(double) * SK * (size_t)n);
  for (;;) {
    if (o->interrupt && o->interrupt(o->context)) {
      acc->interrupted = 1;
      gg_batch_free(b);
      return GG_STUDY_INTERRUPTED;
    }
    for (int l = 0; l < n; l++) {
      const gg_sim *sim = gg_batch_lane_shares(b, l);
      double *sum = sums + SK * (size_t)l;
      for (int s = 0; s < S; s++)
        for (int k = 0; k < K; k++)
          sum[s * K + k] += gg_sim_share(sim, s, k);
      for (int k = 0; k < K; k++)
        sum[S * K + k] += gg_sim_region(sim, k);
    }
    if (gg_batch_tick(b) >= gg_batch_ticks(b)) break;
    gg_batch_step(b);
  }
  double nt = (double)gg_scenario_ticks(sc) + 1.0;
  for (int l = 0; l < n; l++) {
    const gg_sim *sim = gg_batch_lane_shares(b, l);
    const double *sum = sums + SK * (size_t)l;
    double *end = cmp_values(res, end_v, r0 + l), *mean = cmp_values(res, mean_v, r0 + l);
    for (int r = 0; r <= S; r++) {
      int src = r < S ? map[r] : S; /* row in this scenario's order */
      for (int k = 0; k < K; k++) {
        int kk = map[S + k];
        end[r * K + k] = r < S ? gg_sim_share(sim, src, kk) : gg_sim_region(sim, kk);
        mean[r * K + k] = sum[src * K + kk] / nt;
      }
    }
  }
  gg_batch_free(b);
  return GG_STUDY_OK;
}

/* The replicate pairs: a single replicate by itself, more in batches of
   CMP_LANES per arm (the same values). */
static int cmp_pairs(gg_compare_result *res, const gg_compare_options *o, const int *map,
                     cmp_acc *acc, gg_error *err) {
  int S = res->S, K = res->K;
  int *ident = gg_malloc(sizeof(int) * (size_t)(S + K)); /* BASE in its own order */
  if (!ident) {
    gg_err_set(err, "compare: out of memory");
    return GG_STUDY_OUT_OF_MEMORY;
  }
  for (int i = 0; i < S; i++)
    ident[i] = i;
  for (int k = 0; k < K; k++)
    ident[S + k] = k;
  int status = GG_STUDY_OK;
  double *sums = NULL;
  if (res->R > 1) {
    int n = res->R < CMP_LANES ? res->R : CMP_LANES;
    sums = gg_malloc(sizeof(double) * (size_t)(S + 1) * (size_t)K * (size_t)n);
    if (!sums) {
      gg_free(ident);
      gg_err_set(err, "compare: out of memory");
      return GG_STUDY_OUT_OF_MEMORY;
    }
  }
  uint64_t seeds[CMP_LANES];
  for (int r = 0; r < res->R && status == GG_STUDY_OK;) {
    int n = res->R - r < CMP_LANES ? res->R - r : CMP_LANES;
    for (int l = 0; l < n; l++)
      seeds[l] = gg_seed_derive(res->seed, 0, (uint64_t)(r + l));
    if (res->R == 1) {
      status = cmp_run(o->base, seeds[0], ident, acc, cmp_values(res, GG_COMPARE_BASE_END, r),
                       cmp_values(res, GG_COMPARE_BASE_MEAN, r));
      if (status == GG_STUDY_OK)
        status = cmp_run(o->whatif, seeds[0], map, acc, cmp_values(res, GG_COMPARE_WHATIF_END, r),
                         cmp_values(res, GG_COMPARE_WHATIF_MEAN, r));
    } else {
      status = cmp_run_lanes(o->base, seeds, n, ident, acc, sums, res, r, GG_COMPARE_BASE_END,
                             GG_COMPARE_BASE_MEAN);
      if (status == GG_STUDY_OK)
        status = cmp_run_lanes(o->whatif, seeds, n, map, acc, sums, res, r, GG_COMPARE_WHATIF_END,
                               GG_COMPARE_WHATIF_MEAN);
    }
    if (status == GG_STUDY_OUT_OF_MEMORY)
      gg_err_set(err, "compare: out of memory creating a simulation");
    else if (status == GG_STUDY_INTERRUPTED)
      gg_err_set(err, "compare: interrupted");
    r += n;
    if (o->progress) o->progress(o->context, (uint64_t)r, (uint64_t)res->R);
  }
  gg_free(sums);
  gg_free(ident);
  return status;
}

int gg_compare_run(const gg_compare_options *o, gg_compare_result **out, gg_error *err) {
  *out = NULL;
  if (!o || !o->base || !o->whatif) {
    gg_err_set(err, "compare: BASE and WHATIF scenarios are required");
    return GG_STUDY_BAD_OPTIONS;
  }
  if (o->replicates < 1 || o->replicates > 1000000) {
    gg_err_set(err, "compare: replicates must be a whole number from 1 to 1000000, got %d",
               o->replicates);
    return GG_STUDY_BAD_OPTIONS;
  }
  gsl_set_error_handler_off();
  gg_compare_result *res = cmp_alloc(o->base, o->replicates);
  int S = gg_scenario_states(o->base), K = gg_scenario_powers(o->base) + 1;
  int *map = gg_malloc(sizeof(int) * (size_t)(S + K));
  double *sum = gg_calloc((size_t)(S + 1) * (size_t)K + (size_t)o->replicates, sizeof(double));
  int status = GG_STUDY_OK;
  if (!res || !map || !sum) {
    gg_err_set(err, "compare: out of memory");
    status = GG_STUDY_OUT_OF_MEMORY;
  }
  if (status == GG_STUDY_OK) status = cmp_map(o->base, o->whatif, map, err);
  if (status == GG_STUDY_OK) {
    res->seed = o->has_seed ? o->seed : gg_scenario_seed(o->base);
    cmp_acc acc = {S, K, sum, o, 0};
    status = cmp_pairs(res, o, map, &acc, err);
  }
  if (status == GG_STUDY_OK) status = cmp_rows(res, o->base, sum + (size_t)(S + 1) * K, err);
  gg_free(sum);
  gg_free(map);
  if (status != GG_STUDY_OK) {
    gg_compare_free(res);
    return status;
  }
  *out = res;
  return GG_STUDY_OK;
}

int gg_compare_rows(const gg_compare_result *res) {
  return res->rows * res->K;
}
const gg_compare_row *gg_compare_row_at(const gg_compare_result *res, int row) {
  return &res->row[row];
}
int gg_compare_replicates(const gg_compare_result *res) {
  return res->R;
}
uint64_t gg_compare_seed(const gg_compare_result *res) {
  return res->seed;
}
double gg_compare_sample(const gg_compare_result *res, int row, int replicate,
                         gg_compare_value which) {
  return cmp_values(res, which, replicate)[row];
}

int gg_compare_print_csv(const gg_compare_result *res, FILE *f) {
  fprintf(f, "state,component,replicates,base_end,whatif_end,diff_end,diff_end_lo,diff_end_hi,"
             "base_mean,whatif_mean,diff_mean,diff_mean_lo,diff_mean_hi\n");
  for (int i = 0; i < gg_compare_rows(res); i++) {
    const gg_compare_row *w = &res->row[i];
    const double v[10] = {w->base_end,     w->whatif_end,  w->diff_end,    w->diff_end_lo,
                          w->diff_end_hi,  w->base_mean,   w->whatif_mean, w->diff_mean,
                          w->diff_mean_lo, w->diff_mean_hi};
    fprintf(f, "%s,%s,%d", w->state, w->component, res->R);
    for (int k = 0; k < 10; k++) {
      char buf[40];
      fprintf(f, ",%s", gg_fmt_csv(buf, sizeof buf, v[k]));
    }
    fputc('\n', f);
  }
  return ferror(f) ? -1 : 0;
}

int gg_compare_write_csv(const gg_compare_result *res, const char *path, gg_error *err) {
  gg_outfile of;
  FILE *f = gg_outfile_open(&of, NULL, path, err);
  if (!f) return GG_STUDY_OUTPUT_FILE;
  gg_compare_print_csv(res, f);
  /* a failed write (ferror), flush, sync or rename */
  return gg_outfile_commit(&of, err) == 0 ? GG_STUDY_OK : GG_STUDY_WRITE_FAILED;
}

/* ---- compare --out DIR: compare.csv and manifest.json -------------------- */

/* The folder's part of `greatgame compare --out DIR`: the scenario files as
   named (NULL: the baseline), the sweep of --design and the effect sizes
   (NULL without), the command line, --force. */
typedef struct compare_dir {
  const char *dir, *base_path, *whatif_path, *design;
  const double *effects;
  int argc;
  const char *const *argv;
  int force;
} compare_dir;

/* compare.csv: the table of gg_compare_print_csv, with the effect sizes as a
   last column when there are some ("nan" where the spread is zero). */
static void compare_dir_csv(FILE *f, const gg_compare_result *res, const double *effects) {
  if (!effects) {
    gg_compare_print_csv(res, f);
    return;
  }
  /* the same table, one more column: write it to memory, then add */
  char *buf = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&buf, &len);
  if (!m) {
    fputs("state\n", f); /* no memory: the set's commit reports the short file */
    clearerr(f);
    return;
  }
  gg_compare_print_csv(res, m);
  fclose(m);
  char *line = buf;
  for (int i = -1; line && *line; i++) {
    char *nl = strchr(line, '\n');
    size_t n = nl ? (size_t)(nl - line) : strlen(line);
    char e[40];
    fwrite(line, 1, n, f);
    fprintf(f, ",%s\n", i < 0 ? "effect" : gg_fmt_csv(e, sizeof e, effects[i]));
    line = nl ? nl + 1 : NULL;
  }
  free(buf);
}

static cJSON *compare_manifest(const gg_compare_result *res, const gg_compare_options *opt,
                               const compare_dir *d) {
  cJSON *root = cJSON_CreateObject();
  int ok = root != NULL;
  uint64_t seed = res->seed;
  if (ok && gga_manifest_head(root, "compare", "compare", "complete", d->argc, d->argv, opt->base,
                              d->base_path, &seed) != 0)
    ok = 0;
  cJSON *c = ok ? cJSON_AddObjectToObject(root, "compare") : NULL;
  char s[32];
  snprintf(s, sizeof s, "%llu", (unsigned long long)res->seed);
  if (!c || !cJSON_AddStringToObject(c, "base", d->base_path ? d->base_path : "(baseline)") ||
      !cJSON_AddStringToObject(c, "base_sha256", gg_scenario_sha256(opt->base)) ||
      !cJSON_AddStringToObject(c, "whatif", d->whatif_path ? d->whatif_path : "(baseline)") ||
      !cJSON_AddStringToObject(c, "whatif_sha256", gg_scenario_sha256(opt->whatif)) ||
      !cJSON_AddNumberToObject(c, "replicates", res->R) || !cJSON_AddStringToObject(c, "seed", s) ||
      !cJSON_AddStringToObject(c, "seeds", "pair r uses gg_seed_derive(seed, 0, r) for both") ||
      !cJSON_AddStringToObject(c, "interval",
                               "95% Student t interval of the mean paired difference: the Monte "
                               "Carlo error of the paired runs, not the uncertainty of the "
                               "parameters") ||
      !(d->design ? cJSON_AddStringToObject(c, "design", d->design)
                  : cJSON_AddNullToObject(c, "design")) ||
      (d->effects && !cJSON_AddStringToObject(c, "effect",
                                              "diff_end over the standard deviation of that "
                                              "share across the design's samples")))
    ok = 0;
  static const char *const files[] = {"compare.csv"};
  if (ok && gga_manifest_tail(root, opt->base, NULL, files, 1) != 0) ok = 0;
  if (!ok) {
    cJSON_Delete(root);
    return NULL;
  }
  return root;
}

int gg_compare_write_dir(const gg_compare_result *res, const gg_compare_options *opt,
                         const char *dir, const char *base_path, const char *whatif_path,
                         const char *design, const double *effects, int argc,
                         const char *const *argv, int force, gg_error *err) {
  compare_dir dd = {dir, base_path, whatif_path, design, effects, argc, argv, force};
  const compare_dir *d = &dd;
  if (gga_outdir_make(dir, err) != 0) return GG_STUDY_OUTPUT_DIR;
  gga_lock lock;
  gg_error e;
  int rc = gga_outdir_lock(&lock, dir, "compare", NULL, NULL, &e);
  if (rc != 0) {
    gg_err_set(err, "%s", e.msg);
    return GG_STUDY_OUTPUT_DIR;
  }
  int had_results = gga_outdir_state_of(dir, NULL, 0) == GGA_OUTDIR_RESULTS;
  rc = gga_outdir_check(dir, d->force, err);
  if (rc != 0) {
    gga_outdir_unlock(&lock);
    return rc == GGA_OUT_HOLDS_RESULTS ? GG_STUDY_OUTPUT_EXISTS : GG_STUDY_OUTPUT_FOREIGN;
  }
  char *text = gga_json_text(compare_manifest(res, opt, d));
  int st = GG_STUDY_WRITE_FAILED;
  gga_outset set;
  gga_outset_begin(&set, dir, NULL, NULL);
  set.clear_others = had_results;
  FILE *f = text ? gga_outset_open(&set, "compare.csv", err) : NULL;
  if (!text) gg_err_set(err, "%s/manifest.json: out of memory", dir);
  if (f) {
    compare_dir_csv(f, res, d->effects);
    if (gga_outset_write(&set, "manifest.json", text, strlen(text), err) == 0 &&
        gga_outset_commit(&set, err) == 0)
      st = GG_STUDY_OK;
  }
  if (st != GG_STUDY_OK) gga_outset_abort(&set);
  gg_free(text);
  gga_outdir_unlock(&lock);
  return st;
}
