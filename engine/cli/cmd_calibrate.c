/* greatgame calibrate: fit scenario parameters to observed targets. */
#include "calibrate.h"
#include "cli.h"
#include "outfile.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CAL_MAX_PARAMS 64
#define CAL_MAX_SETS 256

static const char cal_usage[] =
    "usage: greatgame calibrate [SCENARIO] --targets FILE.csv --param PATH=LO:HI...\n"
    "                           [--starts K] [--holdout-from DATE] [--method nelder-mead|lm]\n"
    "                           [--set PATH=VALUE]... [--seed N] [--threads T] [--max-iter N]\n"
    "                           [--force] [--quiet] --out DIR\n"
    "\n"
    "Fit scenario parameters to observed alignment shares. SCENARIO defaults to\n"
    "the compiled-in baseline. Targets are CSV rows date_or_tick,state,component,\n"
    "value[,weight] after a header line; component is autonomy, a power id, a sum\n"
    "(CN+RU) or a ratio (RU/US). The objective is the weighted sum of squared\n"
    "differences, from one run with the scenario's seed.\n"
    "\n"
    "  --targets FILE       the observations (required)\n"
    "  --param PATH=LO:HI   a parameter to fit within [LO, HI] (repeatable; `*` ids allowed)\n"
    "  --starts K           Latin hypercube starts, run in parallel (default 8)\n"
    "  --holdout-from DATE  leave targets from DATE (or tick) on out of the fit and score\n"
    "                       the fit on them against a persistence forecast\n"
    "  --method M           nelder-mead (default) or lm (Levenberg-Marquardt)\n"
    "  --set PATH=VALUE     change a parameter before fitting (repeatable)\n"
    "  --seed N             seed of the start design (default: the scenario's seed)\n"
    "  --threads T          threads (default: all)\n"
    "  --max-iter N         iterations per start (default 2000)\n"
    "  --force              overwrite earlier results in DIR\n"
    "  --quiet              no summary on stdout\n"
    "  --out DIR            where fit.csv, starts.csv, residuals.csv, profile.csv,\n"
    "                       calibration.json, scenario.json and manifest.json go (required)\n";

typedef struct cal_args {
  const char *scenario, *targets, *out, *holdout, *method;
  const char *params[CAL_MAX_PARAMS];
  int n_params;
  const char *sets[CAL_MAX_SETS];
  int n_sets;
  long starts, threads, max_iter;
  uint64_t seed;
  int has_seed, force, quiet, help;
} cal_args;

static int cal_parse_args(int argc, char **argv, cal_args *a) {
  memset(a, 0, sizeof *a);
  a->starts = 8;
  a->max_iter = 2000;
  a->method = "nelder-mead";
  for (int i = 1; i < argc; i++) {
    int bad = 0;
    const char *v;
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      a->help = 1;
      return 0;
    } else if (strcmp(argv[i], "--force") == 0) {
      a->force = 1;
    } else if (strcmp(argv[i], "--quiet") == 0 || strcmp(argv[i], "-q") == 0) {
      a->quiet = 1;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--targets", &bad))) {
      a->targets = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--out", &bad))) {
      a->out = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--holdout-from", &bad))) {
      a->holdout = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--method", &bad))) {
      if (strcmp(v, "nelder-mead") != 0 && strcmp(v, "lm") != 0) {
        gg_cli_error("--method: expected nelder-mead or lm, got \"%s\"", v);
        return 2;
      }
      a->method = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--param", &bad))) {
      if (a->n_params == CAL_MAX_PARAMS) {
        gg_cli_error("--param: at most %d parameters", CAL_MAX_PARAMS);
        return 2;
      }
      a->params[a->n_params++] = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--set", &bad))) {
      if (a->n_sets == CAL_MAX_SETS) {
        gg_cli_error("--set: at most %d values", CAL_MAX_SETS);
        return 2;
      }
      a->sets[a->n_sets++] = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--starts", &bad))) {
      if (gg_cli_int("--starts", v, 1, 100000, &a->starts) != 0) return 2;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--threads", &bad))) {
      if (gg_cli_int("--threads", v, 1, 4096, &a->threads) != 0) return 2;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--max-iter", &bad))) {
      if (gg_cli_int("--max-iter", v, 1, 10000000, &a->max_iter) != 0) return 2;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--seed", &bad))) {
      if (gg_cli_u64("--seed", v, &a->seed) != 0) return 2;
      a->has_seed = 1;
    } else if (bad) {
      return 2;
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      gg_cli_error("%s: unknown option (see greatgame calibrate --help)", argv[i]);
      return 2;
    } else if (!a->scenario) {
      a->scenario = argv[i];
    } else {
      gg_cli_error("%s: only one scenario may be given", argv[i]);
      return 2;
    }
    if (bad) return 2;
  }
  if (!a->targets) {
    gg_cli_error("--targets: required (see greatgame calibrate --help)");
    return 2;
  }
  if (a->n_params == 0) {
    gg_cli_error("--param: at least one PATH=LO:HI is required");
    return 2;
  }
  if (!a->out) {
    gg_cli_error("--out: required (see greatgame calibrate --help)");
    return 2;
  }
  return 0;
}

static char *cal_join_argv(int argc, char **argv) {
  size_t len = 16;
  for (int i = 0; i < argc; i++)
    len += strlen(argv[i]) + 1;
  char *s = malloc(len);
  if (!s) return NULL;
  strcpy(s, "greatgame");
  for (int i = 0; i < argc; i++) {
    strcat(s, " ");
    strcat(s, argv[i]);
  }
  return s;
}

/* Parse the --set arguments into fixed entries for the calibrated copy. */
static int cal_sets_as_params(const cal_args *a, cal_param *out) {
  for (int i = 0; i < a->n_sets; i++) {
    const char *eq = strrchr(a->sets[i], '=');
    size_t pl = eq ? (size_t)(eq - a->sets[i]) : 0;
    if (!eq || pl >= sizeof out[i].path) return -1;
    memcpy(out[i].path, a->sets[i], pl);
    out[i].path[pl] = '\0';
    char *end = NULL;
    out[i].lo = out[i].hi = strtod(eq + 1, &end);
  }
  return 0;
}

static void cal_print_summary(const cal_report *r, const cal_args *a) {
  const cal_stats *st = r->stats;
  const double *x = r->fit->x + (size_t)r->fit->best * (size_t)r->p;
  int held = r->holdout ? r->holdout->n_heldout : 0;
  printf("calibrate: %s\n", gg_scenario_name(r->scenario));
  printf("  %d targets fitted", st->n);
  if (held) printf(" (%d held out)", held);
  printf(", %d parameter%s, %s from %d start%s\n", r->p, r->p == 1 ? "" : "s", a->method,
         r->fit->starts, r->fit->starts == 1 ? "" : "s");
  printf("  best start %d: objective %.6g", r->fit->best, st->ssr);
  if (isfinite(st->sigma2)) printf(", residual sd %.4g", sqrt(st->sigma2));
  printf(", Jacobian rank %d of %d\n\n", st->rank, r->p);
  printf("  %-40s %12s %12s  %-25s %s\n", "parameter", "value", "se", "approx. 95% interval",
         "identified");
  for (int j = 0; j < r->p; j++) {
    char ci[64] = "-";
    if (isfinite(st->se[j]))
      snprintf(ci, sizeof ci, "[%.4g, %.4g]", x[j] - 1.96 * st->se[j], x[j] + 1.96 * st->se[j]);
    char se[32] = "-";
    if (isfinite(st->se[j])) snprintf(se, sizeof se, "%.4g", st->se[j]);
    const char *id = st->identified[j] > 0    ? "yes"
                     : st->identified[j] == 0 ? "NO: the Jacobian is rank-deficient"
                                              : "NO: flat profile";
    printf("  %-40s %12.6g %12s  %-25s %s\n", r->params[j].path, x[j], se, ci, id);
  }
  if (r->holdout) {
    char date[32];
    gg_scenario_date(r->scenario, r->holdout_from, date, sizeof date);
    const cal_holdout *h = r->holdout;
    printf("\n  hold-out from %s: %d targets, %d with a persistence forecast\n", date, h->n_heldout,
           h->n_scored);
    if (h->n_scored > 0) {
      printf("    RMSE model %.4g, persistence %.4g; skill %.3g (%s)\n", h->rmse_model,
             h->rmse_persistence, h->skill,
             h->sse_model < h->sse_persistence ? "the model beats persistence"
                                               : "the model does NOT beat persistence");
    }
  }
  printf("\n  wrote %s/{fit,starts,residuals,profile}.csv, calibration.json, scenario.json\n",
         a->out);
}

static int cal_verify_copy(const char *text, const cal_model *m, double objective) {
  gg_error err;
  gg_scenario *sc = gg_scenario_parse(text, strlen(text), "scenario.json", &err);
  if (!sc) {
    gg_cli_error("%s", err.msg);
    return -1;
  }
  cal_model m2 = *m;
  m2.base = sc;
  m2.p = 0;
  double *r = malloc((size_t)(m->n_fit > 0 ? m->n_fit : 1) * sizeof *r);
  int ok = r && gga_cal_model_resid(&m2, NULL, r) == 0;
  double s = 0.0;
  for (int k = 0; ok && k < m->n_fit; k++)
    s += r[k] * r[k];
  free(r);
  gg_scenario_free(sc);
  if (!ok || !(fabs(s - objective) <= 1e-9 * (1.0 + objective))) {
    gg_cli_error("scenario.json: the calibrated copy does not reproduce the fit (objective %.17g, "
                 "expected %.17g)",
                 s, objective);
    return -1;
  }
  return 0;
}

static int cal_execute(const cal_args *a, int argc, char **argv) {
  int rc = 2;
  gg_error err;
  gg_scenario *sc = gg_cli_load(a->scenario);
  cal_targets tg = {0};
  cal_param params[CAL_MAX_PARAMS], all[CAL_MAX_PARAMS + CAL_MAX_SETS];
  cal_model model = {0};
  cal_fit fit = {0};
  cal_stats st = {0};
  char *json_file = NULL, *calibrated = NULL, *cmdline = NULL;
  const char *json = NULL;
  double *values = NULL, *persist = NULL;
  if (!sc) return 2;
  for (int i = 0; i < a->n_sets; i++)
    if (gg_cli_apply_set(sc, a->sets[i]) != 0) goto done;
  for (int j = 0; j < a->n_params; j++) {
    if (gga_cal_param_parse(sc, a->params[j], &params[j], &err) != 0) {
      gg_cli_error("%s", err.msg);
      goto done;
    }
  }
  if (gga_cal_targets_load(sc, a->targets, &tg, &err) != 0) {
    gg_cli_error("%s", err.msg);
    goto done;
  }
  int from = 0;
  if (a->holdout) {
    if (gga_cal_parse_tick(sc, a->holdout, &from) != 0 || from < 1 ||
        from > gg_scenario_ticks(sc)) {
      gg_cli_error("--holdout-from: \"%s\" is not a date or tick within the run", a->holdout);
      goto done;
    }
    if (gga_cal_targets_holdout(&tg, from) == 0) {
      gg_cli_error("--holdout-from: no target is at or after %s", a->holdout);
      goto done;
    }
  }
  if (gga_cal_model_init(&model, sc, params, a->n_params, &tg, &err) != 0) {
    gg_cli_error("%s", err.msg);
    goto done;
  }
  cal_options opt;
  gga_cal_options_default(&opt);
  opt.method = strcmp(a->method, "lm") == 0 ? CAL_LM : CAL_NELDER_MEAD;
  opt.starts = (int)a->starts;
  opt.threads = (int)a->threads;
  opt.max_iter = (int)a->max_iter;
  opt.seed = a->has_seed ? a->seed : gg_scenario_seed(sc);
  if (opt.method == CAL_LM && model.n_fit < a->n_params) {
    gg_cli_error("--method lm: %d fitted targets for %d parameters; it needs at least as many "
                 "targets as parameters",
                 model.n_fit, a->n_params);
    goto done;
  }
  if (a->scenario) {
    size_t json_len;
    json_file = gg_read_file(a->scenario, &json_len, &err);
    if (!json_file) {
      gg_cli_error("%s", err.msg);
      goto done;
    }
  }
  json = json_file ? json_file : gg_baseline_json();
  int noisy = gga_cal_model_is_noisy(sc);
  if (noisy)
    fprintf(stderr,
            "warning: %s has noise or shock events: the objective uses one run with the "
            "scenario's seed, so the fit depends on that seed\n",
            a->scenario ? a->scenario : "the baseline");
  if (gg_outdir_prepare(a->out, a->force, &err) != 0) {
    gg_cli_error("--out %s", err.msg);
    goto done;
  }
  rc = 1;
  cal_problem pr = {
      .p = a->n_params, .n = model.n_fit, .resid = gga_cal_model_resid, .ctx = &model};
  double lo[CAL_MAX_PARAMS], hi[CAL_MAX_PARAMS];
  for (int j = 0; j < a->n_params; j++) {
    lo[j] = params[j].lo;
    hi[j] = params[j].hi;
  }
  pr.lo = lo;
  pr.hi = hi;
  if (gga_cal_fit_run(&pr, &opt, &fit, &err) != 0 ||
      gga_cal_stats_compute(&pr, &opt, fit.x + (size_t)fit.best * (size_t)pr.p, &st, &err) != 0) {
    gg_cli_error("%s", err.msg);
    goto done;
  }
  const double *xbest = fit.x + (size_t)fit.best * (size_t)pr.p;
  values = malloc((size_t)tg.n * sizeof *values);
  persist = malloc((size_t)tg.n * sizeof *persist);
  if (!values || !persist || gga_cal_model_simulate(&model, xbest, values) != 0) {
    gg_cli_error("calibrate: the fitted scenario could not be run");
    goto done;
  }
  cal_holdout ho;
  gga_cal_holdout_score(&tg, values, persist, &ho);
  int ns = a->n_sets;
  double xall[CAL_MAX_PARAMS + CAL_MAX_SETS];
  if (cal_sets_as_params(a, all) != 0) {
    gg_cli_error("--set: cannot be written into the calibrated scenario");
    goto done;
  }
  for (int i = 0; i < ns; i++)
    xall[i] = all[i].lo;
  for (int j = 0; j < pr.p; j++) {
    all[ns + j] = params[j];
    xall[ns + j] = xbest[j];
  }
  calibrated = gga_cal_scenario_write(json, all, xall, ns + pr.p, gg_scenario_seed(sc), &err);
  if (!calibrated) {
    gg_cli_error("%s", err.msg);
    goto done;
  }
  if (cal_verify_copy(calibrated, &model, st.ssr) != 0) goto done;
  cmdline = cal_join_argv(argc, argv);
  cal_report rep = {.scenario = sc,
                    .params = params,
                    .p = pr.p,
                    .targets = &tg,
                    .simulated = values,
                    .persistence = persist,
                    .fit = &fit,
                    .stats = &st,
                    .holdout = a->holdout ? &ho : NULL,
                    .options = &opt,
                    .holdout_from = from,
                    .noisy = noisy,
                    .calibrated_json = calibrated,
                    .command_line = cmdline};
  if (gga_cal_report_write(&rep, a->out, &err) != 0) {
    gg_cli_error("%s", err.msg);
    goto done;
  }
  if (!a->quiet) cal_print_summary(&rep, a);
  rc = 0;
done:
  free(values);
  free(persist);
  gg_free_buffer(json_file);
  free(calibrated);
  free(cmdline);
  gga_cal_stats_free(&st);
  gga_cal_fit_free(&fit);
  gga_cal_model_free(&model);
  gga_cal_targets_free(&tg);
  gg_scenario_free(sc);
  return rc;
}

int gg_cmd_calibrate(int argc, char **argv) {
  cal_args a;
  int rc = cal_parse_args(argc, argv, &a);
  if (rc != 0) return rc;
  if (a.help) {
    fputs(cal_usage, stdout);
    return 0;
  }
  return cal_execute(&a, argc, argv);
}
