/* greatgame backtest: the arguments, the notes and the pooled table; the
   backtest itself is gg_backtest_run's (engine/analysis/backtest.c). */
#include "cli.h"
#include "signals.h"

#include <math.h>
#include <string.h>

static const char bt_usage[] =
    "usage: greatgame backtest [SCENARIO] --observed FILE.csv --fit-until YEAR\n"
    "                          [--param PATH=LO:HI]... [--starts N] [--threads T]\n"
    "                          [--indicators LIST] [--leave-out STATE] [--seed N]\n"
    "                          [--force] --out DIR\n"
    "\n"
    "Fits the scenario's measurement model (its `measurement` section; without one,\n"
    "un_agreement: logit(value) = a_p + b_p * share[state][p] per partner p, and\n"
    "remittances_gdp: value = a + b * share[state][RU]) and any free parameters on the\n"
    "observations dated up to YEAR, forecasts every later observation the run covers, and\n"
    "scores the forecasts against persistence and a linear trend\n"
    "(skill = 1 - RMSE/RMSE_baseline). Terms are means over the observation's ticks of one\n"
    "run (replicate 0).\n"
    "\n"
    "  --observed FILE.csv   date,state,indicator,partner,value (more columns ignored)\n"
    "  --fit-until YEAR      fit on observations dated up to this year\n"
    "  --param PATH=LO:HI    a scenario parameter fitted within [LO, HI] (repeatable)\n"
    "  --starts N            Latin hypercube starts of that fit (default 8)\n"
    "  --threads T           threads of that fit (default: OpenMP's)\n"
    "  --indicators LIST     comma-separated (default: every indicator of the model)\n"
    "  --leave-out STATE     fit without this state's observations, score it alone\n"
    "  --seed N              base seed (default: the scenario's)\n"
    "  --out DIR             write forecasts.csv, scores.csv, measurement.csv, manifest.json\n"
    "  --force               overwrite earlier results in DIR\n";

#define BT_MAX_PARAMS 16

typedef struct bt_args {
  const char *scenario, *observed, *indicators, *leave_out, *out;
  long fit_until, starts, threads;
  int has_fit, has_seed, force;
  const char *params[BT_MAX_PARAMS];
  int n_params;
  uint64_t seed;
} bt_args;

static int bt_parse(int argc, char **argv, bt_args *a) {
  int bad = 0;
  for (int i = 1; i < argc; i++) {
    const char *v;
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(bt_usage, stdout);
      return 0;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--observed", &bad))) {
      a->observed = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--fit-until", &bad))) {
      if (gg_cli_int("--fit-until", v, 1000, 9999, &a->fit_until)) return 2;
      a->has_fit = 1;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--param", &bad))) {
      if (a->n_params == BT_MAX_PARAMS) {
        gg_cli_error("--param: at most %d parameters", BT_MAX_PARAMS);
        return 2;
      }
      a->params[a->n_params++] = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--starts", &bad))) {
      if (gg_cli_int("--starts", v, 1, 100000, &a->starts)) return 2;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--threads", &bad))) {
      if (gg_cli_int("--threads", v, 1, 4096, &a->threads)) return 2;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--indicators", &bad))) {
      a->indicators = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--leave-out", &bad))) {
      a->leave_out = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--seed", &bad))) {
      if (gg_cli_u64("--seed", v, &a->seed)) return 2;
      a->has_seed = 1;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--out", &bad))) {
      a->out = v;
    } else if (bad) {
      return 2;
    } else if (strcmp(argv[i], "--force") == 0) {
      a->force = 1;
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      gg_cli_unknown_option_usage(argv[i], "backtest", bt_usage);
      return 2;
    } else if (!a->scenario) {
      a->scenario = argv[i];
    } else {
      gg_cli_error("%s: unexpected argument (backtest takes one scenario)", argv[i]);
      return 2;
    }
    if (bad) return 2;
  }
  if (!a->observed) {
    gg_cli_error("backtest: --observed FILE is required (see greatgame backtest --help)");
    return 2;
  }
  if (!a->has_fit) {
    gg_cli_error("backtest: --fit-until YEAR is required (see greatgame backtest --help)");
    return 2;
  }
  if (!a->out) {
    gg_cli_error("backtest: --out DIR is required (see greatgame backtest --help)");
    return 2;
  }
  return -1;
}

static int bt_fail(int st, const gg_error *err) {
  switch (st) {
  case GG_BACKTEST_BAD_OPTIONS:
    if (strncmp(err->msg, "leave_out:", 10) == 0)
      gg_cli_error("--leave-out%s", err->msg + 10);
    else if (strncmp(err->msg, "params:", 7) == 0)
      gg_cli_error("--param%s", err->msg + 7);
    else if (strncmp(err->msg, "indicators:", 11) == 0)
      gg_cli_error("--indicators%s", err->msg + 11);
    else
      gg_cli_error("%s", err->msg);
    return 2;
  case GG_BACKTEST_BAD_OBSERVED:
    gg_cli_error("%s", err->msg);
    return 2;
  case GG_BACKTEST_BAD_OUT_DIR:
    gg_cli_error("--out %s", err->msg);
    return 2;
  case GG_BACKTEST_OUT_EXISTS: /* the output folder: exit 1, as every command */
    gg_cli_error("--out %s; use --force to overwrite", err->msg);
    return 1;
  case GG_BACKTEST_OUT_FOREIGN:
    gg_cli_error("--out %s; use --force to write into it anyway", err->msg);
    return 1;
  default:
    gg_cli_error("%s", err->msg);
    return 1;
  }
}

int gg_cmd_backtest(int argc, char **argv) {
  bt_args a;
  memset(&a, 0, sizeof a);
  int rc = bt_parse(argc, argv, &a);
  if (rc >= 0) return rc;
  gg_scenario *sc = gg_cli_load(a.scenario);
  if (!sc) return 2;
  gg_calibrate_param params[BT_MAX_PARAMS];
  for (int j = 0; j < a.n_params; j++) {
    gg_error perr;
    if (gg_calibrate_param_parse(sc, a.params[j], &params[j], &perr) != 0) {
      gg_cli_error("--param %s", perr.msg);
      gg_scenario_free(sc);
      return 2;
    }
  }
  gg_backtest_options o = gg_backtest_defaults();
  o.params = params;
  o.nparams = a.n_params;
  if (a.starts > 0) o.starts = (int)a.starts;
  o.threads = (int)a.threads;
  o.scenario = sc;
  o.observed_path = a.observed;
  o.fit_until = (int)a.fit_until;
  o.indicators = a.indicators;
  o.leave_out = a.leave_out;
  o.has_seed = a.has_seed;
  o.seed = a.seed;
  o.out_dir = a.out;
  o.force = a.force;
  o.argc = argc;
  o.argv = (const char *const *)argv;
  o.temp_file = gg_cli_temp_file;
  gg_cli_signals_install_immediate("backtest", NULL);
  gg_error err;
  gg_backtest_result *res = NULL;
  int st = gg_backtest_run(&o, &res, &err);
  if (st != GG_BACKTEST_OK) {
    gg_scenario_free(sc);
    return bt_fail(st, &err);
  }
  for (int i = 0; i < gg_backtest_notes(res); i++)
    fprintf(stderr, "backtest: note: %s\n", gg_backtest_note_at(res, i));
  const gg_backtest_counts *c = gg_backtest_counts_of(res);
  printf("backtest: %s against %s, fitted up to %ld%s%s\n", gg_scenario_name(sc), a.observed,
         a.fit_until, a.leave_out ? ", leaving out " : "", a.leave_out ? a.leave_out : "");
  printf("  %d rows fitted, %d forecast, %d scored; %d rows outside the run\n", c->fitted,
         c->forecast, c->scored, c->outside_scenario);
  for (int j = 0; j < a.n_params; j++)
    printf("  fitted %s = %.6g (within %.6g to %.6g)\n", params[j].path,
           gg_backtest_fitted_param(res, j), params[j].lo, params[j].hi);
  printf("  %-20s %5s %10s %10s %12s %10s %9s %9s\n", "indicator", "n", "rmse", "mae",
         "persistence", "trend", "skill_p", "skill_t");
  for (int i = 0; i < gg_backtest_scores(res); i++) {
    const gg_backtest_score *s = gg_backtest_score_at(res, i);
    if (strcmp(s->state, "all") != 0) continue;
    printf("  %-20s %5d %10.4g %10.4g %12.4g %10.4g %9.3f %9.3f\n", s->indicator, s->n, s->rmse,
           s->mae, s->rmse_persistence, s->rmse_trend, s->skill_persistence, s->skill_trend);
  }
  printf("  into %s\n", a.out);
  gg_backtest_free(res);
  gg_scenario_free(sc);
  return 0;
}
