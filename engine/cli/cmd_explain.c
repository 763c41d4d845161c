/* greatgame explain: the terms of every component's utility in one state
   (affinity, each channel's response, each bloc's bonus, backlash, neighbour
   pull, noise) at a tick, or at both ends of a window with their change. */
#include "cli.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char exp_usage[] =
    "usage: greatgame explain [SCENARIO] --state ID [--tick T | --from T1 --to T2]\n"
    "                         [--seed N] [--set PATH=VALUE]...\n"
    "\n"
    "Prints, for autonomy and each power, the terms of its utility in state ID as\n"
    "used by the step that produced tick T: affinity (alpha for autonomy), each\n"
    "channel's response, each bloc's bonus, backlash, neighbour pull and noise,\n"
    "which add up to the utility. With a window, prints the terms at T1 and T2\n"
    "and their change. Ticks are numbers (1..ticks) or dates in the scenario's\n"
    "step format. Default window: from 1 to the last tick. Without SCENARIO,\n"
    "the compiled-in baseline.\n"
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
      gg_cli_error("%s: unknown option (see greatgame explain --help)", argv[i]);
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

/* A tick given as a number or a date; must lie in 1..ticks. */
static int exp_tick(const gg_scenario *sc, const char *opt, const char *text, int *out) {
  int n = gg_scenario_ticks(sc), t;
  int digits = *text != '\0';
  for (const char *p = text; *p; p++)
    digits = digits && isdigit((unsigned char)*p);
  if (digits) {
    long v;
    if (gg_cli_int(opt, text, 1, n, &v)) return 2;
    *out = (int)v;
    return 0;
  }
  if (gg_scenario_parse_date(sc, text, &t) != 0) {
    gg_cli_error("%s: expected a tick number or a date like %s, got \"%s\"", opt,
                 gg_scenario_step(sc) == GG_STEP_MONTH     ? "2021-06"
                 : gg_scenario_step(sc) == GG_STEP_QUARTER ? "2021-Q2"
                                                           : "2021",
                 text);
    return 2;
  }
  if (t < 1 || t > n) {
    gg_cli_error("%s: %s is tick %d, outside 1..%d (the utilities of a step are recorded with "
                 "the tick it produces)",
                 opt, text, t, n);
    return 2;
  }
  *out = t;
  return 0;
}

/* Terms of every component at the current tick: rows of (C + B + 6). */
static int exp_rows(const gg_scenario *sc) {
  return gg_scenario_channels(sc) + gg_scenario_blocs(sc) + 5;
}

static void exp_capture(const gg_sim *sim, int s, double *dst, double *blocbuf) {
  const gg_scenario *sc = gg_sim_scenario(sim);
  int K = gg_scenario_powers(sc) + 1, C = gg_scenario_channels(sc), B = gg_scenario_blocs(sc);
  int rows = exp_rows(sc);
  for (int k = 0; k < K; k++) {
    gg_utility_terms u;
    memset(&u, 0, sizeof u);
    for (int b = 0; b < B; b++)
      blocbuf[b] = 0;
    gg_sim_utility(sim, s, k, &u, blocbuf);
    double *row = dst + (size_t)k * (size_t)(rows + 1);
    int i = 0;
    row[i++] = u.affinity;
    for (int c = 0; c < C; c++)
      row[i++] = u.channel[c];
    for (int b = 0; b < B; b++)
      row[i++] = blocbuf[b];
    row[i++] = u.backlash;
    row[i++] = u.neighbour;
    row[i++] = u.noise;
    row[i++] = u.total;
    row[i++] = gg_sim_share(sim, s, k);
    for (int j = 0; j < i; j++)
      row[j] += 0.0; /* print -0 as 0 */
  }
}

static void exp_print(const gg_scenario *sc, const double *v1, const double *v2, int t1, int t2) {
  int K = gg_scenario_powers(sc) + 1, C = gg_scenario_channels(sc), B = gg_scenario_blocs(sc);
  int rows = exp_rows(sc), window = t2 != t1;
  char d1[32], d2[32];
  gg_scenario_date(sc, t1, d1, sizeof d1);
  gg_scenario_date(sc, t2, d2, sizeof d2);
  for (int k = 0; k < K; k++) {
    const double *a = v1 + (size_t)k * (size_t)(rows + 1);
    const double *b = v2 + (size_t)k * (size_t)(rows + 1);
    if (window)
      printf("\n%-22s %12s %12s %12s\n", gg_component_id(sc, k), d1, d2, "change");
    else
      printf("\n%-22s %12s\n", gg_component_id(sc, k), d1);
    for (int i = 0; i <= rows; i++) {
      char label[64];
      int is_bloc = i > C && i <= C + B;
      if (i == 0)
        snprintf(label, sizeof label, "%s", k == 0 ? "autonomy (alpha)" : "affinity");
      else if (i <= C)
        snprintf(label, sizeof label, "%s", gg_channel_id(sc, i - 1));
      else if (is_bloc)
        snprintf(label, sizeof label, "bloc %s", gg_bloc_id(sc, i - 1 - C));
      else if (i == C + B + 1)
        snprintf(label, sizeof label, "backlash");
      else if (i == C + B + 2)
        snprintf(label, sizeof label, "neighbour pull");
      else if (i == C + B + 3)
        snprintf(label, sizeof label, "noise");
      else if (i == C + B + 4)
        snprintf(label, sizeof label, "= utility");
      else
        snprintf(label, sizeof label, "share (after step)");
      /* Skip terms that are zero at both ends (blocs of other sponsors,
         channels of autonomy) to keep the table short. */
      if (i > 0 && i < C + B + 1 && a[i] == 0 && b[i] == 0) continue;
      if (window)
        printf("  %-20s %12.6f %12.6f %+12.6f\n", label, a[i], b[i], b[i] - a[i]);
      else
        printf("  %-20s %12.6f\n", label, a[i]);
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
  double *buf = NULL;
  gg_sim *sim = NULL;
  for (int i = 0; i < a.nsets; i++)
    if (gg_cli_apply_set(sc, a.sets[i]) != 0) goto done;
  int s = gg_state_index(sc, a.state);
  if (s < 0) {
    gg_cli_error("--state: no state \"%s\" in %s", a.state, a.path ? a.path : "the baseline");
    goto done;
  }
  int n = gg_scenario_ticks(sc), t1 = 1, t2 = n;
  if (a.tick) {
    if (exp_tick(sc, "--tick", a.tick, &t1)) goto done;
    t2 = t1;
  }
  if (a.from && exp_tick(sc, "--from", a.from, &t1)) goto done;
  if (a.to && exp_tick(sc, "--to", a.to, &t2)) goto done;
  if (t2 < t1) {
    gg_cli_error("--to: tick %d is before --from tick %d", t2, t1);
    goto done;
  }
  status = 1;
  int K = gg_scenario_powers(sc) + 1, rows = exp_rows(sc), B = gg_scenario_blocs(sc);
  size_t block = (size_t)K * (size_t)(rows + 1);
  buf = calloc(2 * block + (size_t)B + 1, sizeof(double));
  /* the stream of `run` replicate 0, so explain decomposes what run wrote */
  sim = gg_sim_create(sc, gg_seed_derive(a.has_seed ? a.seed : gg_scenario_seed(sc), 0, 0));
  if (!buf || !sim) {
    gg_cli_error("explain: out of memory");
    goto done;
  }
  while (gg_sim_tick(sim) < t1)
    gg_sim_step(sim);
  exp_capture(sim, s, buf, buf + 2 * block);
  while (gg_sim_tick(sim) < t2)
    gg_sim_step(sim);
  exp_capture(sim, s, buf + block, buf + 2 * block);
  printf("%s (%s) in %s, seed %llu: utility terms of each component", gg_state_name(sc, s),
         gg_state_id(sc, s), gg_scenario_name(sc), (unsigned long long)gg_sim_seed(sim));
  if (t1 == t2)
    printf(" in the step to tick %d\n", t1);
  else
    printf(" in the steps to ticks %d and %d\n", t1, t2);
  exp_print(sc, buf, buf + block, t1, t2);
  status = 0;
done:
  gg_sim_free(sim);
  free(buf);
  gg_scenario_free(sc);
  return status;
}
