/* greatgame calibrate: fit scenario parameters to observed targets. The
   calibration is one library call, gg_calibrate_run; this file parses the
   arguments, names the option at fault when the library refuses an input,
   and prints the summary from the result. */
#include "cli.h"
#include "signals.h"

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
      gg_cli_unknown_option_usage(argv[i], "calibrate", cal_usage);
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

/* A --set argument (checked by gg_cli_apply_set) as the library's value;
   the path is copied into `path` (512 bytes, as gg_cli_apply_set allows). */
static void cal_set_value(const char *arg, char *path, gg_calibrate_set *out) {
  const char *eq = strchr(arg, '=');
  size_t n = (size_t)(eq - arg);
  memcpy(path, arg, n);
  path[n] = '\0';
  out->path = path;
  out->value = strtod(eq + 1, NULL);
  out->seed = strcmp(path, "seed") == 0 ? strtoull(eq + 1, NULL, 10) : 0;
}

/* The library's message after the option it is about, cut where a message
   of the library's own length (gg_error) would be. */
static void cal_error_after(const char *option, const gg_error *err) {
  char buf[sizeof err->msg];
  if (snprintf(buf, sizeof buf, "%s%s", option, err->msg) < 0) buf[0] = '\0';
  gg_cli_error("%s", buf);
}

static void cal_warning(void *ctx, const char *message) {
  (void)ctx;
  fprintf(stderr, "warning: %s\n", message);
}

/* The exit status and the one line for a status of gg_calibrate_run: the
   inputs are bad input (2) up to the output folder, the rest runtime
   failures (1). */
static int cal_failure(int status, const gg_error *err, const cal_args *a) {
  switch (status) {
  case GG_CALIBRATE_BAD_SET:
    gg_cli_error("--set %s", err->msg);
    return 2;
  case GG_CALIBRATE_BAD_PARAM:
    cal_error_after("--param ", err);
    return 2;
  case GG_CALIBRATE_BAD_HOLDOUT:
    gg_cli_error("--holdout-from: \"%s\" is not a date or tick within the run", a->holdout);
    return 2;
  case GG_CALIBRATE_EMPTY_HOLDOUT:
    gg_cli_error("--holdout-from: no target is at or after %s", a->holdout);
    return 2;
  case GG_CALIBRATE_ALL_HELD_OUT:
    gg_cli_error("--holdout-from: every target is held out");
    return 2;
  case GG_CALIBRATE_TOO_FEW_TARGETS:
    cal_error_after("--method ", err);
    return 2;
  case GG_CALIBRATE_BAD_OUT_DIR:
    gg_cli_error("--out %s", err->msg);
    return 2;
  case GG_CALIBRATE_OUT_EXISTS: {
    char buf[sizeof err->msg];
    if (snprintf(buf, sizeof buf, "%s; use --force to overwrite", err->msg) < 0) buf[0] = '\0';
    gg_cli_error("--out %s", buf);
    return 1; /* the output folder: exit 1, as every command */
  }
  case GG_CALIBRATE_OUT_FOREIGN: {
    char buf[sizeof err->msg];
    if (snprintf(buf, sizeof buf, "%s; use --force to write into it anyway", err->msg) < 0)
      buf[0] = '\0';
    gg_cli_error("--out %s", buf);
    return 1;
  }
  case GG_CALIBRATE_OUT_BUSY:
    gg_cli_error("--out %s", err->msg);
    return 1;
  case GG_CALIBRATE_BAD_COPY:
    for (int i = 0; i < a->n_sets; i++) {
      const char *eq = strchr(a->sets[i], '=');
      if (eq && (size_t)(eq - a->sets[i]) >= GG_CALIBRATE_PATH_MAX) {
        gg_cli_error("--set: cannot be written into the calibrated scenario");
        return 1;
      }
    }
    cal_error_after("--param ", err);
    return 1;
  case GG_CALIBRATE_FAILED:
    gg_cli_error("%s", err->msg);
    return 1;
  default: /* the scenario, the targets: the message starts with the file */
    gg_cli_error("%s", err->msg);
    return 2;
  }
}

static void cal_print_summary(const gg_calibrate_result *r, const cal_args *a) {
  const gg_scenario *sc = gg_calibrate_result_scenario(r);
  int p = gg_calibrate_result_params(r), starts = gg_calibrate_result_starts(r);
  double sigma2 = gg_calibrate_result_sigma2(r);
  gg_calibrate_holdout h;
  int has_holdout = gg_calibrate_result_holdout(r, &h);
  int held = has_holdout ? h.targets : 0;
  printf("calibrate: %s\n", gg_scenario_name(sc));
  printf("  %d targets fitted", gg_calibrate_result_targets_fitted(r));
  if (held) printf(" (%d held out)", held);
  printf(", %d parameter%s, %s from %d start%s\n", p, p == 1 ? "" : "s", a->method, starts,
         starts == 1 ? "" : "s");
  printf("  best start %d: objective %.6g", gg_calibrate_result_best_start(r),
         gg_calibrate_result_objective(r));
  if (isfinite(sigma2)) printf(", residual sd %.4g", sqrt(sigma2));
  printf(", Jacobian rank %d of %d\n\n", gg_calibrate_result_rank(r), p);
  printf("  %-40s %12s %12s  %-25s %s\n", "parameter", "value", "se", "approx. 95% interval",
         "identified");
  for (int j = 0; j < p; j++) {
    double x = gg_calibrate_result_value(r, j), sej = gg_calibrate_result_se(r, j);
    char ci[64] = "-";
    if (isfinite(sej)) snprintf(ci, sizeof ci, "[%.4g, %.4g]", x - 1.96 * sej, x + 1.96 * sej);
    char se[32] = "-";
    if (isfinite(sej)) snprintf(se, sizeof se, "%.4g", sej);
    gg_calibrate_identified idj = gg_calibrate_result_identified(r, j);
    const char *id = idj == GG_CALIBRATE_YES    ? "yes"
                     : idj == GG_CALIBRATE_RANK ? "NO: the Jacobian is rank-deficient"
                     : idj == GG_CALIBRATE_FLAT ? "NO: flat profile"
                                                : "NO: at an end of its interval";
    printf("  %-40s %12.6g %12s  %-25s %s\n", gg_calibrate_result_param(r, j)->path, x, se, ci, id);
  }
  for (int j = 0; j < p; j++) {
    const gg_calibrate_param *pj = gg_calibrate_result_param(r, j);
    if (gg_calibrate_result_identified(r, j) == GG_CALIBRATE_BOUND)
      fprintf(stderr,
              "warning: %s: the fitted value %.6g sits at an end of its interval [%.6g, %.6g]: "
              "not identified (the targets push it further; widen the interval or drop it)\n",
              pj->path, gg_calibrate_result_value(r, j), pj->lo, pj->hi);
  }
  if (has_holdout) {
    printf("\n  hold-out from %s: %d targets, %d with a persistence forecast\n", h.from_date,
           h.targets, h.scored);
    if (h.scored > 0) {
      printf("    RMSE model %.4g, persistence %.4g; skill %.3g (%s)\n", h.rmse_model,
             h.rmse_persistence, h.skill,
             h.sse_model < h.sse_persistence ? "the model beats persistence"
                                             : "the model does NOT beat persistence");
    }
  }
  printf("\n  wrote %s/{fit,starts,residuals,profile}.csv, calibration.json, scenario.json\n",
         a->out);
}

static int cal_execute(const cal_args *a, int argc, char **argv) {
  int rc = 2;
  gg_error err;
  gg_calibrate_param params[CAL_MAX_PARAMS];
  gg_calibrate_set sets[CAL_MAX_SETS];
  char(*set_paths)[512] = NULL;
  char *cmdline = NULL;
  gg_calibrate_result *res = NULL;
  /* the scenario, the --set and the --param arguments are checked here, in
     the order of the command line's messages; gg_calibrate_run checks them
     again on its own copy */
  gg_scenario *sc = gg_cli_load(a->scenario);
  if (!sc) return 2;
  set_paths = malloc((size_t)(a->n_sets > 0 ? a->n_sets : 1) * sizeof *set_paths);
  if (!set_paths) {
    gg_cli_error("calibrate: out of memory");
    rc = 1;
    goto done;
  }
  for (int i = 0; i < a->n_sets; i++) {
    if (gg_cli_apply_set(sc, a->sets[i]) != 0) goto done;
    cal_set_value(a->sets[i], set_paths[i], &sets[i]);
  }
  for (int j = 0; j < a->n_params; j++) {
    if (gg_calibrate_param_parse(sc, a->params[j], &params[j], &err) != 0) {
      cal_error_after("--param ", &err);
      goto done;
    }
  }
  cmdline = cal_join_argv(argc, argv);
  gg_calibrate_options o = gg_calibrate_defaults();
  o.scenario = sc; /* the sets are applied again to the library's copy: no change */
  o.scenario_path = a->scenario;
  o.targets_path = a->targets;
  o.params = params;
  o.n_params = a->n_params;
  o.sets = sets;
  o.n_sets = a->n_sets;
  o.method = strcmp(a->method, "lm") == 0 ? GG_CALIBRATE_LM : GG_CALIBRATE_NELDER_MEAD;
  o.starts = (int)a->starts;
  o.threads = (int)a->threads;
  o.max_iter = (int)a->max_iter;
  o.has_seed = a->has_seed;
  o.seed = a->seed;
  o.holdout_from = a->holdout;
  o.out_dir = a->out;
  o.force = a->force;
  o.command_line = cmdline;
  o.callbacks.warning = cal_warning;
  /* The fit does not stop in between: a signal removes the temporary files
     and the folder's lock at once (earlier results stay as they were). */
  o.callbacks.temp_file = gg_cli_temp_file;
  gg_cli_signals_install_immediate("calibrate", NULL);
  int status = gg_calibrate_run(&o, &res, &err);
  if (status != GG_CALIBRATE_OK) {
    rc = cal_failure(status, &err, a);
    goto done;
  }
  if (!a->quiet) cal_print_summary(res, a);
  rc = 0;
done:
  gg_calibrate_result_free(res);
  free(cmdline);
  free(set_paths);
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
