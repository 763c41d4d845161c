/* greatgame explain: the terms of every component's utility in one state
   (affinity, each channel's response, each bloc's bonus, backlash, neighbour
   pull, noise; GG-2's terms for a GG-2 scenario) at a tick, or at both ends
   of a window with their change.
   The arguments (ticks as numbers or dates) and the printing are here; the
   decomposition is gg_explain_run's (engine/analysis/explain.c). */
#include "cli.h"

#include <ctype.h>
#include <string.h>

static const char exp_usage[] =
    "usage: greatgame explain [SCENARIO] --state ID [--tick T | --from T1 --to T2]\n"
    "                         [--seed N] [--set PATH=VALUE]...\n"
    "\n"
    "Prints, for autonomy and each power, the terms of its utility in state ID as\n"
    "used by the step that produced tick T: affinity (alpha for autonomy), each\n"
    "channel's response, each bloc's bonus, backlash, neighbour pull and noise,\n"
    "which add up to the utility. For a GG-2 scenario the terms are GG-2's:\n"
    "affinity (alpha for autonomy), ties, dependence, regime, conditionality,\n"
    "blocs and backlash for a power, hedging for autonomy, then neighbour pull\n"
    "and noise. With a window, prints the terms at T1 and T2 and their change.\n"
    "Ticks are numbers (1..ticks) or dates in the scenario's step format.\n"
    "Default window: from 1 to the last tick. Without SCENARIO, the\n"
    "compiled-in baseline.\n"
    "\n"
    "  --state ID     the state to explain (required)\n"
    "  --tick T       one tick\n"
    "  --from T1      start of the window\n"
    "  --to T2        end of the window\n"
    "  --seed N       seed of the run (default: the scenario's)\n"
    "  --set P=V      change a parameter before the run (repeatable)\n";

#define EXP_MAX_SETS 256

typedef struct exp_args {
  const char *path, *state, *tick, *from, *to;
  const char *sets[EXP_MAX_SETS];
  int nsets;
  uint64_t seed;
  int has_seed;
} exp_args;

static int exp_parse(int argc, char **argv, exp_args *a) {
  int bad = 0;
  for (int i = 1; i < argc; i++) {
    const char *v;
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(exp_usage, stdout);
      return 0;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--state", &bad))) {
      a->state = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--tick", &bad))) {
      a->tick = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--from", &bad))) {
      a->from = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--to", &bad))) {
      a->to = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--seed", &bad))) {
      if (gg_cli_u64("--seed", v, &a->seed)) return 2;
      a->has_seed = 1;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--set", &bad))) {
      if (a->nsets == EXP_MAX_SETS) {
        gg_cli_error("--set: at most %d", EXP_MAX_SETS);
        return 2;
      }
      a->sets[a->nsets++] = v;
    } else if (bad) {
      return 2;
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      gg_cli_unknown_option_usage(argv[i], "explain", exp_usage);
      return 2;
    } else if (!a->path) {
      a->path = argv[i];
    } else {
      gg_cli_error("%s: unexpected argument (explain takes one SCENARIO)", argv[i]);
      return 2;
    }
    if (bad) return 2;
  }
  if (!a->state) {
    gg_cli_error("--state: required (see greatgame explain --help)");
    return 2;
  }
  if (a->tick && (a->from || a->to)) {
    gg_cli_error("--tick: cannot be combined with --from/--to");
    return 2;
  }
  return -1;
}

/* A tick given as a number or a date (gg_scenario_parse_time, the reading
   every command shares); must lie in 1..ticks. */
static int exp_tick(const gg_scenario *sc, const char *opt, const char *text, int *out) {
  int n = gg_scenario_ticks(sc), t;
  gg_error err;
  if (gg_scenario_parse_time(sc, text, &t, &err) != 0) {
    gg_cli_error("%s: %s", opt, err.msg);
    return 2;
  }
  int digits = strspn(text, "0123456789") == strlen(text);
  if (t < 1 || t > n) {
    if (digits && gg_scenario_step(sc) != GG_STEP_YEAR)
      gg_cli_error("%s: expected a whole number from 1 to %d, got \"%s\"", opt, n, text);
    else
      gg_cli_error("%s: %s is tick %d, outside 1..%d (the utilities of a step are recorded with "
                   "the tick it produces)",
                   opt, text, t, n);
    return 2;
  }
  *out = t;
  return 0;
}

/* The table of one component: the terms at T1 (and T2 with their change). */
static void exp_print(const gg_scenario *sc, const gg_explain_result *res) {
  int K = gg_explain_components(res), T = gg_explain_terms(res);
  int t1 = gg_explain_from(res), t2 = gg_explain_to(res), window = t2 != t1;
  char d1[32], d2[32];
  gg_scenario_date(sc, t1, d1, sizeof d1);
  gg_scenario_date(sc, t2, d2, sizeof d2);
  for (int k = 0; k < K; k++) {
    if (window)
      printf("\n%-22s %12s %12s %12s\n", gg_component_id(sc, k), d1, d2, "change");
    else
      printf("\n%-22s %12s\n", gg_component_id(sc, k), d1);
    for (int i = 0; i < T; i++) {
      const gg_explain_term *t = gg_explain_term_at(res, k, i);
      /* Skip terms that are zero at both ends (blocs of other sponsors,
         channels of autonomy) to keep the table short. */
      if ((t->kind == GG_EXPLAIN_CHANNEL || t->kind == GG_EXPLAIN_BLOC) && t->from == 0 &&
          t->to == 0)
        continue;
      /* GG-2: the terms a component does not have (autonomy's ties,
         dependence, regime, conditionality and backlash; a power's hedging)
         and the GG-2 terms that are 0 at both ends */
      if (gg_scenario_model(sc) == 2 && t->from == 0 && t->to == 0 &&
          ((int)t->kind > GG_EXPLAIN_SHARE || (k == 0 && t->kind == GG_EXPLAIN_BACKLASH)))
        continue;
      if (window)
        printf("  %-20s %12.6f %12.6f %+12.6f\n", t->label, t->from, t->to, t->to - t->from);
      else
        printf("  %-20s %12.6f\n", t->label, t->from);
    }
  }
}

int gg_cmd_explain(int argc, char **argv) {
  exp_args a;
  memset(&a, 0, sizeof a);
  int rc = exp_parse(argc, argv, &a);
  if (rc >= 0) return rc;
  gg_scenario *sc = gg_cli_load(a.path);
  if (!sc) return 2;
  int status = 2;
  gg_explain_result *res = NULL;
  for (int i = 0; i < a.nsets; i++)
    if (gg_cli_apply_set(sc, a.sets[i]) != 0) goto done;
  gg_explain_options eo = gg_explain_defaults();
  eo.scenario = sc;
  eo.state = gg_state_index(sc, a.state);
  if (eo.state < 0) {
    gg_cli_error("--state: no state \"%s\" in %s", a.state, a.path ? a.path : "the baseline");
    goto done;
  }
  int n = gg_scenario_ticks(sc);
  eo.from = 1;
  eo.to = n;
  if (a.tick) {
    if (exp_tick(sc, "--tick", a.tick, &eo.from)) goto done;
    eo.to = eo.from;
  }
  if (a.from && exp_tick(sc, "--from", a.from, &eo.from)) goto done;
  if (a.to && exp_tick(sc, "--to", a.to, &eo.to)) goto done;
  if (eo.to < eo.from) {
    gg_cli_error("--to: tick %d is before --from tick %d", eo.to, eo.from);
    goto done;
  }
  eo.has_seed = a.has_seed;
  eo.seed = a.seed;
  gg_error err;
  int st = gg_explain_run(&eo, &res, &err);
  if (st != GG_STUDY_OK) {
    gg_cli_error("%s", err.msg);
    status = st == GG_STUDY_BAD_OPTIONS ? 2 : 1;
    goto done;
  }
  int s = eo.state;
  printf("%s (%s) in %s, seed %llu: utility terms of each component", gg_state_name(sc, s),
         gg_state_id(sc, s), gg_scenario_name(sc), (unsigned long long)gg_explain_seed(res));
  if (eo.from == eo.to)
    printf(" in the step to tick %d\n", eo.from);
  else
    printf(" in the steps to ticks %d and %d\n", eo.from, eo.to);
  exp_print(sc, res);
  status = 0;
done:
  gg_explain_free(res);
  gg_scenario_free(sc);
  return status;
}
