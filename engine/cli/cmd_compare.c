/* greatgame compare BASE WHATIF: paired replicates with common random numbers
   and the per-state, per-component differences with 95% confidence intervals. */
#include "cli.h"
#include "outfile.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char cmp_usage[] =
    "usage: greatgame compare BASE WHATIF [--replicates N] [--seed N] [--out FILE.csv] [--quiet]\n"
    "\n"
    "Runs BASE and WHATIF in pairs with common random numbers (replicate r of both\n"
    "uses the seed derived from (seed, 0, r); seed is BASE's unless --seed) and\n"
    "reports, per state and component, the paired difference WHATIF - BASE of the\n"
    "share at the last tick and of its mean over ticks 0..N, with a 95% confidence\n"
    "interval (Student t). The two scenarios must have the same states, powers and\n"
    "time axis.\n"
    "\n"
    "  --replicates N   pairs of runs (default 10)\n"
    "  --seed N         base seed of the replicates (default: BASE's seed)\n"
    "  --out FILE.csv   also write the table as CSV (written atomically)\n"
    "  --quiet          no progress bar\n";

/* Per replicate, per row (state or region) and component: the end share and
   the mean over ticks, for both scenarios. */
typedef struct cmp_acc {
  int S, K, rows;
  double *sum; /* rows x K running sum over ticks of the current run */
} cmp_acc;

static int cmp_sink_tick(void *ctx, const gg_sim *sim) {
  cmp_acc *acc = ctx;
  for (int s = 0; s < acc->S; s++)
    for (int k = 0; k < acc->K; k++)
      acc->sum[s * acc->K + k] += gg_sim_share(sim, s, k);
  for (int k = 0; k < acc->K; k++)
    acc->sum[acc->S * acc->K + k] += gg_sim_region(sim, k);
  return 0;
}

/* Run one replicate; store end and mean values (rows x K each). 0 or -1. */
static int cmp_run(const gg_scenario *sc, uint64_t seed, const int *map, cmp_acc *acc, double *end,
                   double *mean) {
  gg_sim *sim = gg_sim_create(sc, seed);
  if (!sim) return -1;
  memset(acc->sum, 0, sizeof(double) * (size_t)acc->rows * (size_t)acc->K);
  gg_sink sink = {cmp_sink_tick, acc};
  gg_sim_run(sim, &sink);
  double n = (double)gg_scenario_ticks(sc) + 1.0;
  for (int r = 0; r < acc->rows; r++) {
    int src = r < acc->S ? map[r] : acc->S; /* row in this scenario's order */
    for (int k = 0; k < acc->K; k++) {
      int kk = map[acc->S + k];
      double e = r < acc->S ? gg_sim_share(sim, src, kk) : gg_sim_region(sim, kk);
      end[r * acc->K + k] = e;
      mean[r * acc->K + k] = acc->sum[src * acc->K + kk] / n;
    }
  }
  gg_sim_free(sim);
  return 0;
}

/* Map BASE's states and components onto WHATIF's indices; -1 if they differ. */
static int cmp_map(const gg_scenario *base, const gg_scenario *what, int *map, const char *wpath) {
  int S = gg_scenario_states(base), P = gg_scenario_powers(base);
  if (gg_scenario_states(what) != S || gg_scenario_powers(what) != P) {
    gg_cli_error("%s: has %d states and %d powers, BASE has %d and %d", wpath,
                 gg_scenario_states(what), gg_scenario_powers(what), S, P);
    return -1;
  }
  for (int s = 0; s < S; s++) {
    map[s] = gg_state_index(what, gg_state_id(base, s));
    if (map[s] < 0) {
      gg_cli_error("%s: has no state \"%s\" (BASE has)", wpath, gg_state_id(base, s));
      return -1;
    }
  }
  map[S] = 0;
  for (int p = 0; p < P; p++) {
    int q = gg_power_index(what, gg_power_id(base, p));
    if (q < 0) {
      gg_cli_error("%s: has no power \"%s\" (BASE has)", wpath, gg_power_id(base, p));
      return -1;
    }
    map[S + 1 + p] = q + 1;
  }
  if (gg_scenario_ticks(what) != gg_scenario_ticks(base) ||
      gg_scenario_step(what) != gg_scenario_step(base)) {
    gg_cli_error("%s: time axis differs from BASE (%d ticks, BASE %d)", wpath,
                 gg_scenario_ticks(what), gg_scenario_ticks(base));
    return -1;
  }
  char d1[32], d2[32];
  gg_scenario_date(base, 0, d1, sizeof d1);
  gg_scenario_date(what, 0, d2, sizeof d2);
  if (strcmp(d1, d2) != 0) {
    gg_cli_error("%s: starts %s, BASE starts %s", wpath, d2, d1);
    return -1;
  }
  return 0;
}

typedef struct cmp_stat {
  double mean, lo, hi;
} cmp_stat;

/* Mean and 95% t interval of x[0..n-1] (stride apart). NaN bounds if n < 2. */
static int cmp_ci(const double *x, int n, size_t stride, cmp_stat *out) {
  double m = 0, ss = 0;
  for (int i = 0; i < n; i++)
    m += x[(size_t)i * stride];
  m /= n;
  for (int i = 0; i < n; i++) {
    double d = x[(size_t)i * stride] - m;
    ss += d * d;
  }
  out->mean = m;
  out->lo = out->hi = NAN;
  if (n < 2) return 0;
  double t = gsl_cdf_tdist_Pinv(0.975, (double)(n - 1));
  if (!isfinite(t)) return -1;
  double half = t * sqrt(ss / (n - 1)) / sqrt((double)n);
  out->lo = m - half;
  out->hi = m + half;
  return 0;
}

static int cmp_parse(int argc, char **argv, const char **paths, long *reps, uint64_t *seed,
                     int *has_seed, const char **out, int *quiet) {
  int npos = 0, bad = 0;
  for (int i = 1; i < argc; i++) {
    const char *v;
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(cmp_usage, stdout);
      return 0;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--replicates", &bad))) {
      if (gg_cli_int("--replicates", v, 1, 1000000, reps)) return 2;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--seed", &bad))) {
      if (gg_cli_u64("--seed", v, seed)) return 2;
      *has_seed = 1;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--out", &bad))) {
      *out = v;
    } else if (bad) {
      return 2;
    } else if (strcmp(argv[i], "--quiet") == 0 || strcmp(argv[i], "-q") == 0) {
      *quiet = 1;
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      gg_cli_error("%s: unknown option (see greatgame compare --help)", argv[i]);
      return 2;
    } else if (npos < 2) {
      paths[npos++] = argv[i];
    } else {
      gg_cli_error("%s: unexpected argument (compare takes BASE and WHATIF)", argv[i]);
      return 2;
    }
    if (bad) return 2;
  }
  if (npos != 2) {
    gg_cli_error("compare: expected BASE and WHATIF scenarios (see greatgame compare --help)");
    return 2;
  }
  return -1; /* go on */
}

static void cmp_fmt_ci(char *buf, size_t n, const cmp_stat *st) {
  if (isnan(st->lo))
    snprintf(buf, n, "%+.4f", st->mean);
  else
    snprintf(buf, n, "%+.4f [%+.4f, %+.4f]%s", st->mean, st->lo, st->hi,
             (st->lo > 0 || st->hi < 0) ? " *" : "");
}

int gg_cmd_compare(int argc, char **argv) {
  const char *paths[2] = {NULL, NULL}, *out = NULL;
  long reps = 10;
  uint64_t seed = 0;
  int has_seed = 0, quiet = 0;
  int rc = cmp_parse(argc, argv, paths, &reps, &seed, &has_seed, &out, &quiet);
  if (rc >= 0) return rc;
  gsl_set_error_handler_off();

  gg_scenario *base = gg_cli_load(paths[0]);
  if (!base) return 2;
  gg_scenario *what = gg_cli_load(paths[1]);
  if (!what) {
    gg_scenario_free(base);
    return 2;
  }
  int S = gg_scenario_states(base), K = gg_scenario_powers(base) + 1, rows = S + 1;
  int *map = malloc(sizeof(int) * (size_t)(S + K));
  size_t cells = (size_t)rows * (size_t)K, R = (size_t)reps;
  double *buf = calloc(cells * (4 * R + 1), sizeof(double));
  cmp_acc acc = {S, K, rows, NULL};
  int status = 0;
  if (!map || !buf) {
    gg_cli_error("compare: out of memory");
    status = 1;
    goto done;
  }
  if (cmp_map(base, what, map, paths[1]) != 0) {
    status = 2;
    goto done;
  }
  if (!has_seed) seed = gg_scenario_seed(base);
  /* BASE uses its own order: identity map. */
  int *ident = malloc(sizeof(int) * (size_t)(S + K));
  if (!ident) {
    gg_cli_error("compare: out of memory");
    status = 1;
    goto done;
  }
  for (int i = 0; i < S; i++)
    ident[i] = i;
  for (int k = 0; k < K; k++)
    ident[S + k] = k;
  double *b_end = buf, *b_mean = buf + cells * R, *w_end = buf + 2 * cells * R,
         *w_mean = buf + 3 * cells * R;
  acc.sum = buf + 4 * cells * R;
  gg_progress pr;
  gg_progress_begin(&pr, (uint64_t)reps, quiet);
  for (size_t r = 0; r < R && status == 0; r++) {
    uint64_t sr = gg_seed_derive(seed, 0, r);
    if (cmp_run(base, sr, ident, &acc, b_end + r * cells, b_mean + r * cells) != 0 ||
        cmp_run(what, sr, map, &acc, w_end + r * cells, w_mean + r * cells) != 0) {
      gg_cli_error("compare: out of memory creating a simulation");
      status = 1;
    }
    gg_progress_update(&pr, r + 1);
  }
  gg_progress_end(&pr);
  free(ident);
  if (status) goto done;
  /* Differences in place: w_end <- w_end - b_end, w_mean <- w_mean - b_mean. */
  for (size_t i = 0; i < cells * R; i++) {
    w_end[i] -= b_end[i];
    w_mean[i] -= b_mean[i];
  }
  gg_outfile of;
  gg_error err;
  FILE *csv = NULL;
  if (out) {
    csv = gg_outfile_open(&of, NULL, out, &err);
    if (!csv) {
      gg_cli_error("--out %s: %s", out, err.msg);
      status = 1;
      goto done;
    }
    fprintf(csv, "state,component,replicates,base_end,whatif_end,diff_end,diff_end_lo,diff_end_hi,"
                 "base_mean,whatif_mean,diff_mean,diff_mean_lo,diff_mean_hi\n");
  }
  printf("compare: %s vs %s, %ld replicate%s, seed %llu; WHATIF - BASE, 95%% CI (* excludes 0)\n",
         gg_scenario_name(what), gg_scenario_name(base), reps, reps == 1 ? "" : "s",
         (unsigned long long)seed);
  printf("%-8s %-10s %9s %9s  %-36s %-36s\n", "state", "component", "base end", "what end",
         "diff at end", "diff of mean over ticks");
  for (int row = 0; row < rows; row++) {
    const char *sid = row < S ? gg_state_id(base, row) : "region";
    for (int k = 0; k < K; k++) {
      size_t c = (size_t)row * K + (size_t)k;
      cmp_stat be, bm, de, dm;
      if (cmp_ci(b_end + c, (int)R, cells, &be) || cmp_ci(b_mean + c, (int)R, cells, &bm) ||
          cmp_ci(w_end + c, (int)R, cells, &de) || cmp_ci(w_mean + c, (int)R, cells, &dm)) {
        gg_cli_error("compare: t quantile failed");
        status = 1;
        break;
      }
      char t1[64], t2[64];
      cmp_fmt_ci(t1, sizeof t1, &de);
      cmp_fmt_ci(t2, sizeof t2, &dm);
      printf("%-8s %-10s %9.4f %9.4f  %-36s %-36s\n", sid, gg_component_id(base, k), be.mean,
             be.mean + de.mean, t1, t2);
      if (csv)
        fprintf(csv, "%s,%s,%ld,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g\n", sid,
                gg_component_id(base, k), reps, be.mean, be.mean + de.mean, de.mean, de.lo, de.hi,
                bm.mean, bm.mean + dm.mean, dm.mean, dm.lo, dm.hi);
    }
    if (status) break;
  }
  if (csv) {
    if (status) {
      gg_outfile_abort(&of);
    } else if (gg_outfile_commit(&of, &err) != 0) {
      gg_cli_error("--out %s: %s", out, err.msg);
      status = 1;
    }
  }
done:
  free(buf);
  free(map);
  gg_scenario_free(what);
  gg_scenario_free(base);
  return status;
}
