/* gg_calibrate_run: a whole calibration in one call. The scenario and the
   set values, the fitted parameters, the targets and the hold-out are
   checked first (nothing is written until they pass), then the output
   folder is prepared, the starts are fitted, the statistics and the
   hold-out score computed, the calibrated copy written and checked to
   reproduce the fit, and the files written. The result's accessors
   follow. */
#include "calibrate.h"
#include "outfile.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

gg_calibrate_options gg_calibrate_defaults(void) {
  gg_calibrate_options o;
  memset(&o, 0, sizeof o);
  o.method = GG_CALIBRATE_NELDER_MEAD;
  o.starts = 8;
  o.max_iter = 2000;
  return o;
}

/* One run in progress: the options, the result being filled, the error. */
typedef struct cal_run {
  const gg_calibrate_options *o;
  gg_calibrate_result *r;
  gg_error *err;
  gg_calibrate_callbacks cb;
  char holdout_text[64]; /* the hold-out as given, for messages */
  gga_lock lock;         /* out_dir's, for the whole call */
  int had_results;       /* out_dir held greatgame results (replaced with force) */
} cal_run;

static int cal_oom(cal_run *run) {
  gg_err_set(run->err, "calibrate: out of memory");
  return GG_CALIBRATE_FAILED;
}

static int cal_run_check_options(const gg_calibrate_options *o, gg_error *err) {
  const char *bad = NULL;
  if (!o->params || o->n_params < 1)
    bad = "no parameter to fit (params, n_params)";
  else if (o->n_sets < 0 || (o->n_sets > 0 && !o->sets))
    bad = "n_sets is negative, or sets is NULL";
  else if (o->starts < 1)
    bad = "starts must be at least 1";
  else if (o->max_iter < 1)
    bad = "max_iter must be at least 1";
  else if (o->threads < 0)
    bad = "threads must be 0 (all) or more";
  else if (o->method != GG_CALIBRATE_NELDER_MEAD && o->method != GG_CALIBRATE_LM)
    bad = "method is neither Nelder-Mead nor LM";
  else if (!o->targets_path && !o->targets_csv)
    bad = "no targets (targets_path or targets_csv)";
  else if (o->holdout_tick < 0)
    bad = "holdout_tick is negative";
  if (!bad) return 0;
  gg_err_set(err, "calibrate options: %s", bad);
  return GG_CALIBRATE_BAD_OPTIONS;
}

/* The scenario (a copy of the caller's, or loaded) with the sets applied. */
static int cal_run_scenario(cal_run *run) {
  const gg_calibrate_options *o = run->o;
  gg_calibrate_result *r = run->r;
  if (o->scenario) {
    r->scenario = gg_scenario_clone(o->scenario);
    if (!r->scenario) return cal_oom(run);
  } else {
    if (o->scenario_json)
      r->scenario = gg_scenario_parse(o->scenario_json, o->scenario_json_len,
                                      o->scenario_path ? o->scenario_path : "scenario", run->err);
    else if (o->scenario_path)
      r->scenario = gg_scenario_load(o->scenario_path, run->err);
    else
      r->scenario = gg_scenario_baseline(run->err);
    if (!r->scenario) return GG_CALIBRATE_BAD_SCENARIO;
  }
  for (int i = 0; i < o->n_sets; i++) {
    const gg_calibrate_set *s = &o->sets[i];
    if (!s->path) {
      gg_err_set(run->err, "calibrate options: sets[%d] has no path", i);
      return GG_CALIBRATE_BAD_OPTIONS;
    }
    if (strcmp(s->path, "seed") == 0)
      gg_scenario_set_seed(r->scenario, s->seed);
    else if (gg_scenario_set(r->scenario, s->path, s->value, run->err) < 0)
      return GG_CALIBRATE_BAD_SET;
  }
  return 0;
}

/* The fitted parameters, each checked against the scenario. */
static int cal_run_params(cal_run *run) {
  const gg_calibrate_options *o = run->o;
  gg_calibrate_result *r = run->r;
  r->params = gg_malloc((size_t)o->n_params * sizeof *r->params);
  if (!r->params) return cal_oom(run);
  r->p = o->n_params;
  for (int j = 0; j < r->p; j++) {
    r->params[j] = o->params[j];
    if (!memchr(r->params[j].path, '\0', sizeof r->params[j].path)) {
      gg_err_set(run->err, "calibrate options: params[%d].path is not NUL-terminated", j);
      return GG_CALIBRATE_BAD_OPTIONS;
    }
    char lo[32], hi[32], label[CAL_PATH_MAX + 80];
    snprintf(label, sizeof label, "%s=%s:%s", r->params[j].path,
             gg_fmt_num(lo, sizeof lo, r->params[j].lo),
             gg_fmt_num(hi, sizeof hi, r->params[j].hi));
    if (gga_cal_param_check(r->scenario, &r->params[j], label, run->err) != 0)
      return GG_CALIBRATE_BAD_PARAM;
  }
  return 0;
}

/* The targets, the hold-out and the objective over the fitted targets. */
static int cal_run_targets(cal_run *run) {
  const gg_calibrate_options *o = run->o;
  gg_calibrate_result *r = run->r;
  const gg_scenario *sc = r->scenario;
  int rc = o->targets_csv ? gga_cal_targets_parse(sc, o->targets_csv, o->targets_csv_len,
                                                  o->targets_path ? o->targets_path : "targets",
                                                  &r->targets, run->err)
                          : gga_cal_targets_load(sc, o->targets_path, &r->targets, run->err);
  if (rc != 0) return GG_CALIBRATE_BAD_TARGETS;
  int ticks = gg_scenario_ticks(sc);
  if (o->holdout_from || o->holdout_tick > 0) {
    int from = o->holdout_tick;
    if (o->holdout_from) {
      gg_err_clean(run->holdout_text, sizeof run->holdout_text, o->holdout_from, 40);
      if (gga_cal_parse_tick(sc, o->holdout_from, &from) != 0) from = -1;
    } else {
      snprintf(run->holdout_text, sizeof run->holdout_text, "%d", from);
    }
    if (from < 1 || from > ticks) {
      gg_err_set(run->err, "hold-out \"%s\": not a date or tick within the run (1..%d)",
                 run->holdout_text, ticks);
      return GG_CALIBRATE_BAD_HOLDOUT;
    }
    if (gga_cal_targets_holdout(&r->targets, from) == 0) {
      gg_err_set(run->err, "hold-out from %s: no target is at or after it", run->holdout_text);
      return GG_CALIBRATE_EMPTY_HOLDOUT;
    }
    r->has_holdout = 1;
    r->holdout_from = from;
  }
  if (gga_cal_model_init(&r->model, sc, r->params, r->p, &r->targets, run->err) != 0)
    return cal_oom(run);
  if (r->model.n_fit == 0) {
    gg_err_set(run->err, "hold-out from %s: every target is held out", run->holdout_text);
    return GG_CALIBRATE_ALL_HELD_OUT;
  }
  if (o->method == GG_CALIBRATE_LM && r->model.n_fit < r->p) {
    gg_err_set(run->err,
               "lm: %d fitted targets for %d parameters; it needs at least as many targets as "
               "parameters",
               r->model.n_fit, r->p);
    return GG_CALIBRATE_TOO_FEW_TARGETS;
  }
  return 0;
}

/* How messages name the scenario. */
static void cal_run_scenario_name(const cal_run *run, char *buf, size_t size) {
  const gg_scenario *sc = run->r->scenario;
  if (run->o->scenario_path)
    snprintf(buf, size, "%s", run->o->scenario_path);
  else if (strcmp(gg_scenario_text(sc, NULL), gg_baseline_json()) == 0)
    snprintf(buf, size, "the baseline");
  else
    snprintf(buf, size, "scenario \"%s\"", gg_scenario_name(sc));
}

/* Warn when the objective depends on the scenario's seed. */
static int cal_run_noise(cal_run *run) {
  gg_calibrate_result *r = run->r;
  r->noisy = gga_cal_model_is_noisy(r->scenario);
  if (r->noisy == CAL_ENOMEM) {
    r->noisy = 0;
    return cal_oom(run);
  }
  if (!r->noisy || !run->cb.warning) return 0;
  static const char tail[] = " has noise or shock events: the objective uses one run with the "
                             "scenario's seed, so the fit depends on that seed";
  const char *name = run->o->scenario_path ? run->o->scenario_path : gg_scenario_name(r->scenario);
  size_t size = strlen(name) + sizeof tail + 32; /* room for `scenario "NAME"` */
  char *msg = gg_malloc(size);
  if (!msg) return cal_oom(run);
  cal_run_scenario_name(run, msg, size);
  strcat(msg, tail);
  run->cb.warning(run->cb.ctx, msg);
  gg_free(msg);
  return 0;
}

/* Create out_dir, take its lock (until the end of the call) and check what
   it holds. Nothing in it changes before the results are written. */
static int cal_run_out_dir(cal_run *run) {
  const char *dir = run->o->out_dir;
  if (!dir) return 0;
  if (gga_outdir_make(dir, run->err) != 0) return GG_CALIBRATE_BAD_OUT_DIR;
  int rc = gga_outdir_lock(&run->lock, dir, "calibrate", run->cb.temp_file, run->cb.ctx, run->err);
  if (rc != 0) return rc == GGA_OUT_BUSY ? GG_CALIBRATE_OUT_BUSY : GG_CALIBRATE_BAD_OUT_DIR;
  run->had_results = gga_outdir_state_of(dir, NULL, 0) == GGA_OUTDIR_RESULTS;
  rc = gga_outdir_check(dir, run->o->force, run->err);
  if (rc == GGA_OUT_HOLDS_RESULTS) return GG_CALIBRATE_OUT_EXISTS;
  if (rc == GGA_OUT_FOREIGN) return GG_CALIBRATE_OUT_FOREIGN;
  return 0;
}

static void cal_run_progress(void *ctx, int stage, int done, int total) {
  const gg_calibrate_callbacks *cb = ctx;
  cb->progress(cb->ctx, (gg_calibrate_stage)stage, done, total);
}

/* The fit, its statistics, the values at the best fit and the hold-out. */
static int cal_run_fit(cal_run *run) {
  const gg_calibrate_options *o = run->o;
  gg_calibrate_result *r = run->r;
  cal_options *opt = &r->options;
  gga_cal_options_default(opt);
  opt->method = o->method == GG_CALIBRATE_LM ? CAL_LM : CAL_NELDER_MEAD;
  opt->starts = o->starts;
  opt->threads = o->threads;
  opt->max_iter = o->max_iter;
  opt->seed = o->has_seed ? o->seed : gg_scenario_seed(r->scenario);
  if (run->cb.progress) {
    opt->progress = cal_run_progress;
    opt->progress_ctx = &run->cb;
  }
  double *bounds = gg_malloc((size_t)r->p * 2 * sizeof *bounds);
  if (!bounds) return cal_oom(run);
  for (int j = 0; j < r->p; j++) {
    bounds[j] = r->params[j].lo;
    bounds[r->p + j] = r->params[j].hi;
  }
  cal_problem pr = {.p = r->p,
                    .n = r->model.n_fit,
                    .lo = bounds,
                    .hi = bounds + r->p,
                    .resid = gga_cal_model_resid,
                    .ctx = &r->model};
  int rc = gga_cal_fit_run(&pr, opt, &r->fit, run->err);
  if (rc == 0)
    rc = gga_cal_stats_compute(&pr, opt, r->fit.x + (size_t)r->fit.best * (size_t)r->p, &r->stats,
                               run->err);
  gg_free(bounds);
  opt->progress = NULL;
  opt->progress_ctx = NULL;
  if (rc != 0) return GG_CALIBRATE_FAILED;
  const double *xbest = r->fit.x + (size_t)r->fit.best * (size_t)r->p;
  size_t nt = (size_t)r->targets.n;
  r->simulated = gg_malloc(nt * sizeof *r->simulated);
  r->persistence = gg_malloc(nt * sizeof *r->persistence);
  if (!r->simulated || !r->persistence) return cal_oom(run);
  rc = gga_cal_model_simulate(&r->model, xbest, r->simulated);
  if (rc == CAL_ENOMEM) return cal_oom(run);
  if (rc != 0) {
    gg_err_set(run->err, "calibrate: the fitted scenario could not be run");
    return GG_CALIBRATE_FAILED;
  }
  gga_cal_holdout_score(&r->targets, r->simulated, r->persistence, &r->holdout);
  return 0;
}

/* The calibrated copy: the set values, then the fitted ones, written into
   the scenario's JSON. */
static int cal_run_copy(cal_run *run) {
  const gg_calibrate_options *o = run->o;
  gg_calibrate_result *r = run->r;
  int ns = o->n_sets, n = ns + r->p;
  for (int i = 0; i < ns; i++) {
    if (strlen(o->sets[i].path) >= CAL_PATH_MAX) {
      gg_err_set(run->err, "%.300s...: cannot be written into the calibrated scenario",
                 o->sets[i].path);
      return GG_CALIBRATE_BAD_COPY;
    }
  }
  cal_param *all = gg_malloc((size_t)n * sizeof *all);
  double *x = gg_malloc((size_t)n * sizeof *x);
  if (!all || !x) {
    gg_free(all);
    gg_free(x);
    return cal_oom(run);
  }
  for (int i = 0; i < ns; i++) {
    const gg_calibrate_set *s = &o->sets[i];
    snprintf(all[i].path, sizeof all[i].path, "%s", s->path);
    x[i] = strcmp(s->path, "seed") == 0 ? (double)s->seed : s->value;
    all[i].lo = all[i].hi = x[i];
  }
  const double *xbest = r->fit.x + (size_t)r->fit.best * (size_t)r->p;
  for (int j = 0; j < r->p; j++) {
    all[ns + j] = r->params[j];
    x[ns + j] = xbest[j];
  }
  int rc = gga_cal_scenario_write(gg_scenario_text(r->scenario, NULL), all, x, n,
                                  gg_scenario_seed(r->scenario), &r->calibrated_json, run->err);
  gg_free(all);
  gg_free(x);
  if (rc == -1) return GG_CALIBRATE_BAD_COPY;
  return rc == 0 ? 0 : GG_CALIBRATE_FAILED;
}

/* The copy must reproduce the fit's objective by itself. */
static int cal_run_verify(cal_run *run) {
  gg_calibrate_result *r = run->r;
  const char *text = r->calibrated_json;
  r->calibrated = gg_scenario_parse(text, strlen(text), "scenario.json", run->err);
  if (!r->calibrated) return GG_CALIBRATE_FAILED;
  cal_model m2 = r->model;
  m2.base = r->calibrated;
  m2.p = 0;
  double *res = gg_malloc((size_t)(m2.n_fit > 0 ? m2.n_fit : 1) * sizeof *res);
  if (!res) return cal_oom(run);
  int rc = gga_cal_model_resid(&m2, NULL, res);
  double s = 0.0, objective = r->stats.ssr;
  for (int k = 0; rc == 0 && k < m2.n_fit; k++)
    s += res[k] * res[k];
  gg_free(res);
  if (rc == CAL_ENOMEM) return cal_oom(run);
  if (rc != 0 || !(fabs(s - objective) <= 1e-9 * (1.0 + objective))) {
    gg_err_set(run->err,
               "scenario.json: the calibrated copy does not reproduce the fit (objective %.17g, "
               "expected %.17g)",
               s, objective);
    return GG_CALIBRATE_FAILED;
  }
  return 0;
}

static int cal_run_write(cal_run *run) {
  const gg_calibrate_result *r = run->r;
  if (!run->o->out_dir) return 0;
  cal_report rep = {.scenario = r->scenario,
                    .params = r->params,
                    .p = r->p,
                    .targets = &r->targets,
                    .simulated = r->simulated,
                    .persistence = r->persistence,
                    .fit = &r->fit,
                    .stats = &r->stats,
                    .holdout = r->has_holdout ? &r->holdout : NULL,
                    .options = &r->options,
                    .holdout_from = r->holdout_from,
                    .noisy = r->noisy,
                    .calibrated_json = r->calibrated_json,
                    .command_line = run->o->command_line,
                    .temp_file = run->cb.temp_file,
                    .temp_ctx = run->cb.ctx,
                    .clear_others = run->had_results};
  return gga_cal_report_write(&rep, run->o->out_dir, run->err) == 0 ? 0 : GG_CALIBRATE_FAILED;
}

int gg_calibrate_run(const gg_calibrate_options *opt, gg_calibrate_result **out, gg_error *err) {
  gg_error scratch;
  if (!err) err = &scratch;
  err->msg[0] = '\0';
  if (!out) {
    gg_err_set(err, "calibrate: no place for the result (out is NULL)");
    return GG_CALIBRATE_BAD_OPTIONS;
  }
  *out = NULL;
  if (!opt) {
    gg_err_set(err, "calibrate: no options");
    return GG_CALIBRATE_BAD_OPTIONS;
  }
  int rc = cal_run_check_options(opt, err);
  if (rc != 0) return rc;
  gsl_set_error_handler_off();
  cal_run run = {.o = opt, .err = err, .cb = opt->callbacks};
  run.r = gg_calloc(1, sizeof *run.r);
  if (!run.r) return cal_oom(&run);
  /* each stage runs only when the ones before it succeeded; the output
     folder is taken (and refused) before any warning about the fit */
  int (*const stages[])(cal_run *) = {cal_run_scenario, cal_run_params, cal_run_targets,
                                      cal_run_out_dir,  cal_run_noise,  cal_run_fit,
                                      cal_run_copy,     cal_run_verify, cal_run_write};
  for (size_t i = 0; rc == 0 && i < sizeof stages / sizeof stages[0]; i++)
    rc = stages[i](&run);
  gga_outdir_unlock(&run.lock);
  if (rc != 0) {
    gg_calibrate_result_free(run.r);
    return rc;
  }
  *out = run.r;
  return GG_CALIBRATE_OK;
}

/* ---- the result's accessors -------------------------------------------- */

void gg_calibrate_result_free(gg_calibrate_result *r) {
  if (!r) return;
  gg_scenario_free(r->calibrated);
  gg_free(r->calibrated_json);
  gg_free(r->simulated);
  gg_free(r->persistence);
  gga_cal_stats_free(&r->stats);
  gga_cal_fit_free(&r->fit);
  gga_cal_model_free(&r->model);
  gga_cal_targets_free(&r->targets);
  gg_free(r->params);
  gg_scenario_free(r->scenario);
  gg_free(r);
}

const gg_scenario *gg_calibrate_result_scenario(const gg_calibrate_result *r) {
  return r->calibrated;
}

const char *gg_calibrate_result_scenario_json(const gg_calibrate_result *r) {
  return r->calibrated_json;
}

gg_calibrate_method gg_calibrate_result_method(const gg_calibrate_result *r) {
  return r->options.method == CAL_LM ? GG_CALIBRATE_LM : GG_CALIBRATE_NELDER_MEAD;
}

int gg_calibrate_result_noisy(const gg_calibrate_result *r) {
  return r->noisy;
}

uint64_t gg_calibrate_result_design_seed(const gg_calibrate_result *r) {
  return r->options.seed;
}

int gg_calibrate_result_targets(const gg_calibrate_result *r) {
  return r->targets.n;
}

int gg_calibrate_result_targets_fitted(const gg_calibrate_result *r) {
  return r->model.n_fit;
}

int gg_calibrate_result_params(const gg_calibrate_result *r) {
  return r->p;
}

const gg_calibrate_param *gg_calibrate_result_param(const gg_calibrate_result *r, int j) {
  return j >= 0 && j < r->p ? &r->params[j] : NULL;
}

static const double *cal_best(const gg_calibrate_result *r) {
  return r->fit.x + (size_t)r->fit.best * (size_t)r->p;
}

double gg_calibrate_result_value(const gg_calibrate_result *r, int j) {
  return j >= 0 && j < r->p ? cal_best(r)[j] : NAN;
}

double gg_calibrate_result_se(const gg_calibrate_result *r, int j) {
  return j >= 0 && j < r->p ? r->stats.se[j] : NAN;
}

gg_calibrate_identified gg_calibrate_result_identified(const gg_calibrate_result *r, int j) {
  if (j < 0 || j >= r->p) return GG_CALIBRATE_FLAT;
  int v = r->stats.identified[j];
  return v > 0                     ? GG_CALIBRATE_YES
         : v == 0                  ? GG_CALIBRATE_RANK
         : v == GG_CALIBRATE_BOUND ? GG_CALIBRATE_BOUND
                                   : GG_CALIBRATE_FLAT;
}

void gg_calibrate_result_profile(const gg_calibrate_result *r, int j, const double **values,
                                 const double **objectives) {
  int ok = j >= 0 && j < r->p;
  size_t off = ok ? (size_t)j * CAL_PROFILE_POINTS : 0;
  if (values) *values = ok ? r->stats.profile_x + off : NULL;
  if (objectives) *objectives = ok ? r->stats.profile_obj + off : NULL;
}

double gg_calibrate_result_objective(const gg_calibrate_result *r) {
  return r->stats.ssr;
}

double gg_calibrate_result_sigma2(const gg_calibrate_result *r) {
  return r->stats.sigma2;
}

int gg_calibrate_result_rank(const gg_calibrate_result *r) {
  return r->stats.rank;
}

double gg_calibrate_result_singular_value(const gg_calibrate_result *r, int k) {
  return k >= 0 && k < r->p ? r->stats.sv[k] : NAN;
}

int gg_calibrate_result_starts(const gg_calibrate_result *r) {
  return r->fit.starts;
}

int gg_calibrate_result_best_start(const gg_calibrate_result *r) {
  return r->fit.best;
}

void gg_calibrate_result_start(const gg_calibrate_result *r, int s, gg_calibrate_start *out) {
  memset(out, 0, sizeof *out);
  if (s < 0 || s >= r->fit.starts) {
    out->objective = NAN;
    out->status = GG_CALIBRATE_START_FAILED;
    return;
  }
  size_t off = (size_t)s * (size_t)r->p;
  out->initial = r->fit.x0 + off;
  out->fitted = r->fit.x + off;
  out->objective = r->fit.objective[s];
  out->iterations = r->fit.iterations[s];
  int st = r->fit.status[s];
  out->status = st < 0    ? GG_CALIBRATE_START_FAILED
                : st == 0 ? GG_CALIBRATE_START_CONVERGED
                          : GG_CALIBRATE_START_MAX_ITER;
}

int gg_calibrate_result_holdout(const gg_calibrate_result *r, gg_calibrate_holdout *out) {
  memset(out, 0, sizeof *out);
  if (!r->has_holdout) return 0;
  const cal_holdout *h = &r->holdout;
  out->from_tick = r->holdout_from;
  gg_scenario_date(r->scenario, r->holdout_from, out->from_date, sizeof out->from_date);
  out->targets = h->n_heldout;
  out->scored = h->n_scored;
  out->sse_model = h->sse_model;
  out->sse_persistence = h->sse_persistence;
  out->rmse_model = h->rmse_model;
  out->rmse_persistence = h->rmse_persistence;
  out->skill = h->skill;
  return 1;
}
