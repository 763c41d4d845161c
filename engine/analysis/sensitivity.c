/* Global sensitivity through the public API: a sweep over a Saltelli or
   Morris design, the mean of each metric over the replicates, and Sobol
   indices or Morris elementary effects (SALib's definitions and column
   names) written as indices.csv (and indices2.csv). */
#include "gg_util.h"
#include "outfile.h"
#include "sweep_api.h"
#include "sweep_indices.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

gg_sensitivity_options gg_sensitivity_defaults(void) {
  gg_sensitivity_options o;
  memset(&o, 0, sizeof o);
  o.sweep = gg_sweep_defaults();
  o.sweep.samples = 0; /* the method's default */
  o.method = GG_SENSITIVITY_SOBOL;
  o.levels = 4;
  o.resamples = INDICES_RESAMPLES;
  o.confidence = INDICES_CONF;
  o.bootstrap_seed = 20100101u;
  return o;
}

/* Base points (sobol) or trajectories (morris). */
static long sens_samples(const gg_sensitivity_options *o) {
  if (o->sweep.samples != 0) return o->sweep.samples;
  return o->method == GG_SENSITIVITY_SOBOL ? 512 : o->method == GG_SENSITIVITY_EFAST ? 1000 : 20;
}

int gg_sensitivity_check(const gg_sensitivity_options *o, gg_sweep_result *res, gg_error *err) {
  gg_sweep_result local;
  if (!res) res = &local;
  gga_sweep_api_result_init(res);
  if (!o) {
    gg_err_set(err, "sensitivity: no options");
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_OUT, -1);
  }
  if (o->method != GG_SENSITIVITY_SOBOL && o->method != GG_SENSITIVITY_MORRIS &&
      o->method != GG_SENSITIVITY_EFAST) {
    gg_err_set(err, "method: expected sobol (%d), morris (%d) or efast (%d), got %d",
               GG_SENSITIVITY_SOBOL, GG_SENSITIVITY_MORRIS, GG_SENSITIVITY_EFAST, (int)o->method);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_METHOD, -1);
  }
  if (o->method == GG_SENSITIVITY_SOBOL &&
      o->sweep.nparams + (o->sweep.factors ? o->sweep.nfactors : 0) > DESIGN_MAX_DIM / 2) {
    gg_err_set(err, "params: sobol takes at most %d parameters and factors", DESIGN_MAX_DIM / 2);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_PARAMS, -1);
  }
  if (o->method != GG_SENSITIVITY_SOBOL && o->second_order) {
    gg_err_set(err, "second_order: applies to the sobol method only");
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_SECOND_ORDER, -1);
  }
  long samples = sens_samples(o);
  if (samples < 2) {
    gg_err_set(err, "samples %ld: sensitivity needs at least 2", samples);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_SAMPLES, -1);
  }
  if (o->method == GG_SENSITIVITY_EFAST && samples <= 4L * EFAST_M * EFAST_M) {
    gg_err_set(err, "samples %ld: efast needs more than %d points per parameter", samples,
               4 * EFAST_M * EFAST_M);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_SAMPLES, -1);
  }
  if (samples > 100000000L) {
    gg_err_set(err, "samples %ld: at most 100000000", samples);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_SAMPLES, -1);
  }
  for (int j = 0; o->sweep.params && j < o->sweep.nparams; j++) {
    if (o->sweep.params[j].steps) {
      gg_err_set(err, "params %.255s: steps do not apply to sensitivity", o->sweep.params[j].path);
      return gga_sweep_api_fail(res, GG_SWEEP_ERR_PARAM_STEPS, j);
    }
  }
  if (o->method == GG_SENSITIVITY_MORRIS && (o->levels < 2 || o->levels > 1000)) {
    gg_err_set(err, "levels: expected 2 to 1000, got %d", o->levels);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_LEVELS, -1);
  }
  if (o->resamples < 2 || o->resamples > 1000000 || !(o->confidence > 0 && o->confidence < 1)) {
    gg_err_set(err,
               "resamples %d, confidence %g: expected 2 to 1000000 resamples and a level "
               "between 0 and 1",
               o->resamples, o->confidence);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_BOOTSTRAP, -1);
  }
  if (o->sweep.shard_count > 0 || o->sweep.shard_spec || o->sweep.process_count > 1) {
    gg_err_set(err, "shard: a sensitivity analysis runs as one process");
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_SHARD, -1);
  }
  return 0;
}

void gg_sensitivity_result_free(gg_sensitivity_result *res) {
  if (!res) return;
  for (int m = 0; res->metric_names && m < res->metrics; m++)
    gg_free(res->metric_names[m]);
  for (int j = 0; res->param_paths && j < res->params; j++)
    gg_free(res->param_paths[j]);
  for (int m = 0; res->failed && m < res->metrics; m++)
    gg_free(res->failed[m]);
  gg_free(res->metric_names);
  gg_free(res->param_paths);
  gg_free(res->failed);
  gg_free(res->indices);
  gg_free(res->second);
  gg_sweep_result sweep = res->sweep;
  memset(res, 0, sizeof *res);
  res->sweep = sweep;
}

/* The tables of res for M metrics and D parameters. 0, or -1. */
static int sens_tables(gg_sensitivity_result *res, const gg_sweep *s, int second) {
  int M = s->metrics.n, D = s->sw.o.nparams + s->sw.o.nfactors;
  size_t cells = (size_t)M * (size_t)D;
  res->metric_names = gg_calloc((size_t)M, sizeof(char *));
  res->param_paths = gg_calloc((size_t)D, sizeof(char *));
  res->failed = gg_calloc((size_t)M, sizeof(char *));
  res->indices = gg_malloc(cells * 4 * sizeof(double));
  if (second) res->second = gg_malloc(cells * (size_t)D * 2 * sizeof(double));
  if (!res->metric_names || !res->param_paths || !res->failed || !res->indices ||
      (second && !res->second))
    return -1;
  res->metrics = M;
  res->params = D;
  for (int m = 0; m < M; m++)
    if (!(res->metric_names[m] = gg_strdup(s->metrics.m[m].name))) return -1;
  for (int j = 0; j < D; j++)
    if (!(res->param_paths[j] = gg_strdup(
              j < s->sw.o.nparams ? s->params[j].path : s->factors[j - s->sw.o.nparams].path)))
      return -1;
  for (size_t k = 0; k < cells * 4; k++)
    res->indices[k] = NAN;
  for (size_t k = 0; second && k < cells * (size_t)D * 2; k++)
    res->second[k] = NAN;
  return 0;
}

/* One indices.csv row: metric, parameter and four numbers. */
static void sens_row(FILE *f, const char *metric, const char *param, const double *v) {
  char t[4][40];
  for (int k = 0; k < 4; k++)
    gga_sweep_fmt(t[k], sizeof t[k], v[k]);
  fprintf(f, "%s,%s,%s,%s,%s,%s\n", metric, param, t[0], t[1], t[2], t[3]);
}

/* A metric whose indices could not be computed: rows of nan and the reason
   kept in res. */
static void sens_failed(gg_sensitivity_result *res, FILE *f, int m, const char *why) {
  for (int j = 0; j < res->params; j++)
    fprintf(f, "%s,%s,nan,nan,nan,nan\n", res->metric_names[m], res->param_paths[j]);
  res->failed[m] = gg_strdup(why);
  res->failed_metrics++;
}

static void sens_sobol(const gg_sensitivity_options *o, const gg_sweep *s, const double *y,
                       gg_sensitivity_result *res, FILE *f, FILE *f2) {
  int M = res->metrics, D = res->params;
  char t[2][40];
  fprintf(f, "metric,param,S1,S1_conf,ST,ST_conf\n");
  if (f2) fprintf(f2, "metric,param1,param2,S2,S2_conf\n");
  for (int m = 0; m < M; m++) {
    sobol_indices si;
    gg_error e;
    const char *name = res->metric_names[m];
    if (gga_sobol_analyze(&si, y + (size_t)m * (size_t)s->sw.ds.n, s->sw.ds.base, D,
                          o->second_order ? 1 : 0, o->resamples, o->confidence, o->bootstrap_seed,
                          &e) != 0) {
      sens_failed(res, f, m, e.msg);
      continue;
    }
    for (int j = 0; j < D; j++) {
      double *v = res->indices + ((size_t)m * (size_t)D + (size_t)j) * 4;
      v[0] = si.S1[j];
      v[1] = si.S1_conf[j];
      v[2] = si.ST[j];
      v[3] = si.ST_conf[j];
      sens_row(f, name, res->param_paths[j], v);
    }
    for (int j = 0; f2 && j < D; j++)
      for (int k = j + 1; k < D; k++) {
        double *v = res->second + (((size_t)m * (size_t)D + (size_t)j) * (size_t)D + (size_t)k) * 2;
        v[0] = si.S2[j * D + k];
        v[1] = si.S2_conf[j * D + k];
        gga_sweep_fmt(t[0], sizeof t[0], v[0]);
        gga_sweep_fmt(t[1], sizeof t[1], v[1]);
        fprintf(f2, "%s,%s,%s,%s,%s\n", name, res->param_paths[j], res->param_paths[k], t[0], t[1]);
      }
    gga_sobol_indices_free(&si);
  }
}

/* eFAST: S1 and ST; no confidence half-widths (written as nan). */
static void sens_efast(const gg_sweep *s, const double *y, gg_sensitivity_result *res, FILE *f) {
  int M = res->metrics, D = res->params;
  fprintf(f, "metric,param,S1,S1_conf,ST,ST_conf\n");
  double S1[DESIGN_MAX_DIM], ST[DESIGN_MAX_DIM];
  for (int m = 0; m < M; m++) {
    gg_error e;
    const char *name = res->metric_names[m];
    if (gga_efast_analyze(S1, ST, y + (size_t)m * (size_t)s->sw.ds.n, s->sw.ds.base, D, EFAST_M,
                          &e) != 0) {
      sens_failed(res, f, m, e.msg);
      continue;
    }
    for (int j = 0; j < D; j++) {
      double *v = res->indices + ((size_t)m * (size_t)D + (size_t)j) * 4;
      v[0] = S1[j];
      v[1] = NAN;
      v[2] = ST[j];
      v[3] = NAN;
      sens_row(f, name, res->param_paths[j], v);
    }
  }
}

static void sens_morris(const gg_sensitivity_options *o, const gg_sweep *s, const double *y,
                        gg_sensitivity_result *res, FILE *f) {
  int M = res->metrics, D = res->params;
  fprintf(f, "metric,param,mu,mu_star,sigma,mu_star_conf\n");
  for (int m = 0; m < M; m++) {
    morris_indices mi;
    gg_error e;
    const char *name = res->metric_names[m];
    if (gga_morris_analyze(&mi, s->sw.ds.u, y + (size_t)m * (size_t)s->sw.ds.n, s->sw.ds.base, D,
                           s->sw.ds.delta, o->resamples, o->confidence, o->bootstrap_seed,
                           &e) != 0) {
      sens_failed(res, f, m, e.msg);
      continue;
    }
    for (int j = 0; j < D; j++) {
      double *v = res->indices + ((size_t)m * (size_t)D + (size_t)j) * 4;
      v[0] = mi.mu[j];
      v[1] = mi.mu_star[j];
      v[2] = mi.sigma[j];
      v[3] = mi.mu_star_conf[j];
      sens_row(f, name, res->param_paths[j], v);
    }
    gga_morris_indices_free(&mi);
  }
}

/* The indices of the finished sweep s into res and the files. */
static int sens_analyse(const gg_sensitivity_options *o, const gg_sweep *s,
                        gg_sensitivity_result *res, gg_error *err) {
  int M = s->metrics.n, second = o->method == GG_SENSITIVITY_SOBOL && o->second_order;
  long n = s->sw.ds.n, failed_runs = 0;
  double *y = gg_malloc((size_t)M * (size_t)n * sizeof(double));
  if (!y) {
    gg_err_set(err, "sensitivity: out of memory");
    return gga_sweep_api_fail(&res->sweep, GG_SWEEP_ERR_RUNTIME, -1);
  }
  if (gga_sweep_read_means(s->out, n, M, y, &failed_runs, err) != 0) {
    gg_free(y);
    return gga_sweep_api_fail(&res->sweep, GG_SWEEP_ERR_RUNTIME, -1);
  }
  res->sweep.runs_failed = failed_runs;
  res->runs_read = 1;
  gg_outfile of, of2;
  FILE *f = gg_outfile_open(&of, s->out, "indices.csv", err), *f2 = NULL;
  if (f && second) {
    f2 = gg_outfile_open(&of2, s->out, "indices2.csv", err);
    if (!f2) gg_outfile_abort(&of);
  }
  if (!f || (second && !f2)) {
    gg_free(y);
    return gga_sweep_api_fail(&res->sweep, GG_SWEEP_ERR_RUNTIME, -1);
  }
  if (sens_tables(res, s, second) != 0) {
    gg_outfile_abort(&of);
    if (f2) gg_outfile_abort(&of2);
    gg_free(y);
    gg_err_set(err, "sensitivity: out of memory");
    return gga_sweep_api_fail(&res->sweep, GG_SWEEP_ERR_RUNTIME, -1);
  }
  if (o->method == GG_SENSITIVITY_SOBOL)
    sens_sobol(o, s, y, res, f, f2);
  else if (o->method == GG_SENSITIVITY_EFAST)
    sens_efast(s, y, res, f);
  else
    sens_morris(o, s, y, res, f);
  gg_free(y);
  res->ready = 1;
  if (f2 && gg_outfile_commit(&of2, err) != 0) {
    gg_outfile_abort(&of);
    return gga_sweep_api_fail(&res->sweep, GG_SWEEP_ERR_RUNTIME, -1);
  }
  if (gg_outfile_commit(&of, err) != 0)
    return gga_sweep_api_fail(&res->sweep, GG_SWEEP_ERR_RUNTIME, -1);
  return 0;
}

int gg_sensitivity_run(const gg_sensitivity_options *o, gg_sensitivity_result *res, gg_error *err) {
  if (!res) { /* nobody reads the tables: compute, write, free */
    gg_sensitivity_result local;
    int rc = gg_sensitivity_run(o, &local, err);
    gg_sensitivity_result_free(&local);
    return rc;
  }
  memset(res, 0, sizeof *res);
  gga_sweep_api_result_init(&res->sweep);
  if (gg_sensitivity_check(o, &res->sweep, err) != 0) return -1;
  int sobol = o->method == GG_SENSITIVITY_SOBOL;
  design_kind kind = sobol                               ? DESIGN_SALTELLI
                     : o->method == GG_SENSITIVITY_EFAST ? DESIGN_EFAST
                                                         : DESIGN_MORRIS;
  gg_sweep *s =
      gga_sweep_api_create(&o->sweep, kind, sens_samples(o), sobol && o->second_order ? 1 : 0,
                           sobol ? 0 : o->levels, &res->sweep, err);
  if (!s) return -1;
  int rc = gga_sweep_api_execute(s, &res->sweep, err);
  if (rc == 0) rc = sens_analyse(o, s, res, err);
  gg_sweep_free(s);
  return rc;
}
