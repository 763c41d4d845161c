/* Unit tests of the parameter table and parameter paths (engine/core/params.c):

   - the table: 20 rows, in gg_pid order, each row as docs/scenarios.md
     ("Parameter table") states it (path, range, open ends, default,
     `set` events, whole numbers, unit), copied here by hand; path patterns
     unique, lo <= hi, every default inside its range, the placeholders of a
     pattern matching its scopes;
   - gg_path_resolve on a small scenario built from JSON in this file
     (channels inv, dip; powers East, West; states A, B, C; blocs U, V):
     the exact target of one path per pattern, the count and order of `*`
     expansions, unknown ids, did-you-mean, too long paths, too many
     segments;
   - gg_values_ref: the slot of each target in the values block, against
     offsets worked out by hand from the layout in internal.h; a value set
     with gg_scenario_set changes that slot and no other, and reads back
     through gg_scenario_get and through the simulation (budgets,
     affinities, half-lives, populations);
   - gg_param_in_range at open and closed ends, whole numbers and non-finite
     values; gg_param_range_text for every kind of range. */
#include "harness.h"
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- the table -------------------------------------------------------------- */

#define REQ NAN
typedef struct row {
  const char *path;
  double lo, hi;
  int lo_open, hi_open;
  double def;
  int in_events, integer;
  const char *unit;
} row;

/* docs/scenarios.md, "Parameter table", row by row ("-" unit is "") */
static const row DOC_TABLE[] = {
    {"channels.<channel>.half_life", 0, 1e12, 1, 0, REQ, 1, 0, "ticks"},
    {"powers.<power>.budget.<channel>", 0, 1e12, 0, 0, 0, 1, 0, "channel unit per tick"},
    {"powers.<power>.priority.<state>", 0, 1e12, 0, 0, 0, 1, 0, ""},
    {"powers.<power>.focus", 0, 1e6, 1, 0, 1, 1, 0, ""},
    {"states.<state>.autonomy", -1e6, 1e6, 0, 0, REQ, 1, 0, "utility"},
    {"states.<state>.responsiveness", 0, 1, 1, 0, REQ, 1, 0, ""},
    {"states.<state>.decisiveness", 0, 1e6, 1, 0, REQ, 1, 0, "1/utility"},
    {"states.<state>.backlash.strength", 0, 1e6, 0, 0, REQ, 1, 0, "utility"},
    {"states.<state>.backlash.threshold", 0, 1, 0, 0, REQ, 1, 0, "share"},
    {"states.<state>.neighbour_weight", 0, 1e6, 0, 0, REQ, 1, 0, "utility"},
    {"states.<state>.noise", 0, 1e6, 0, 0, REQ, 1, 0, "utility"},
    {"states.<state>.population", 0, 1e7, 1, 0, REQ, 1, 0, "million"},
    {"states.<state>.gdp", 0, 1e9, 1, 0, REQ, 1, 0, "USD billion"},
    {"states.<state>.weights.<channel>", 0, 1e6, 0, 0, REQ, 1, 0, "utility"},
    {"states.<state>.saturation.<channel>", 0, 1e15, 1, 0, REQ, 1, 0, "channel unit"},
    {"states.<state>.affinity.<power>", -1e6, 1e6, 0, 0, 0, 1, 0, "utility"},
    {"blocs.<bloc>.bonus", -1e6, 1e6, 0, 0, 0, 1, 0, "utility"},
    {"blocs.<bloc>.multipliers.<channel>", 0, 1e6, 0, 0, 1, 1, 0, ""},
    {"seed", 0, 1.8446744073709552e+19, 0, 0, 1, 0, 1, ""},
    {"time.ticks", 1, 1e6, 0, 0, REQ, 0, 1, "ticks"},
};
#define NROWS ((int)(sizeof DOC_TABLE / sizeof DOC_TABLE[0]))

static void table_matches_the_docs(void) {
  ENSURE(gg_param_count() == NROWS);
  ENSURE(GG_P_COUNT == NROWS);
  ENSURE(gg_param_at(-1) == NULL);
  ENSURE(gg_param_at(NROWS) == NULL);
  for (int i = 0; i < NROWS; i++) {
    const gg_param_info *in = gg_param_at(i);
    const row *r = &DOC_TABLE[i];
    ENSURE(in != NULL);
    ENSURE_STR(in->path, r->path);
    ENSURE(in->lo == r->lo && in->hi == r->hi);
    ENSURE(in->lo_open == r->lo_open && in->hi_open == r->hi_open);
    ENSURE(isnan(r->def) ? isnan(in->def) : in->def == r->def);
    ENSURE(in->in_events == r->in_events && in->integer == r->integer);
    ENSURE_STR(in->unit, r->unit);
    ENSURE(in->doc && in->doc[0] != '\0');
    /* gg_param_def_of(i) is the same row, for pid i */
    const gg_param_def *d = gg_param_def_of((gg_pid)i);
    ENSURE(&d->info == in);
    ENSURE((int)d->pid == i);
  }
}

static int count_char(const char *s, char c) {
  int n = 0;
  for (; *s; s++)
    n += *s == c;
  return n;
}

static void table_is_consistent(void) {
  static const char *scope_text[] = {"", "<channel>", "<power>", "<state>", "<bloc>"};
  for (int i = 0; i < gg_param_count(); i++) {
    const gg_param_def *d = gg_param_def_of((gg_pid)i);
    const gg_param_info *in = &d->info;
    /* unique patterns */
    for (int j = 0; j < i; j++)
      ENSURE(strcmp(gg_param_at(j)->path, in->path) != 0);
    /* a sensible range, open ends only where there is an end */
    ENSURE(in->lo <= in->hi);
    ENSURE(isfinite(in->lo) && isfinite(in->hi));
    ENSURE(in->lo_open == 0 || in->lo_open == 1);
    ENSURE(in->hi_open == 0 || in->hi_open == 1);
    /* a default lies inside the range, and is whole when it must be */
    if (!isnan(in->def)) {
      ENSURE(gg_param_in_range(d, in->def));
      if (in->integer) ENSURE(in->def == floor(in->def));
    }
    /* whole-number parameters have whole ends */
    if (in->integer) ENSURE(in->lo == floor(in->lo) && in->hi == floor(in->hi));
    /* the placeholders are the scopes, in order */
    int holes = count_char(in->path, '<');
    ENSURE(holes == (d->scope1 != GG_SC_NONE) + (d->scope2 != GG_SC_NONE));
    if (d->scope1 != GG_SC_NONE) {
      const char *first = strchr(in->path, '<');
      ENSURE(strncmp(first, scope_text[d->scope1], strlen(scope_text[d->scope1])) == 0);
      if (d->scope2 != GG_SC_NONE) {
        const char *second = strchr(first + 1, '<');
        ENSURE(strncmp(second, scope_text[d->scope2], strlen(scope_text[d->scope2])) == 0);
      }
    } else {
      ENSURE(d->scope2 == GG_SC_NONE);
    }
    /* the key appears in the pattern right after the first id */
    ENSURE(d->key && strstr(in->path, d->key) != NULL);
  }
  /* exactly the model parameters a state or `defaults` may give are
     state parameters: autonomy .. noise, weights, saturation, affinity */
  static const gg_pid state_params[] = {
      GG_P_AUTONOMY,           GG_P_RESPONSIVENESS,   GG_P_DECISIVENESS, GG_P_BACKLASH_STRENGTH,
      GG_P_BACKLASH_THRESHOLD, GG_P_NEIGHBOUR_WEIGHT, GG_P_NOISE,        GG_P_WEIGHTS,
      GG_P_SATURATION,         GG_P_AFFINITY};
  int n_state = 0;
  for (int i = 0; i < gg_param_count(); i++)
    n_state += gg_param_def_of((gg_pid)i)->state_param;
  ENSURE(n_state == (int)(sizeof state_params / sizeof state_params[0]));
  for (size_t k = 0; k < sizeof state_params / sizeof state_params[0]; k++)
    ENSURE(gg_param_def_of(state_params[k])->state_param == 1);
  /* only the seed and the length are whole numbers, and only they are
     closed to `set` events */
  for (int i = 0; i < gg_param_count(); i++) {
    int special = i == GG_P_SEED || i == GG_P_TICKS;
    ENSURE(gg_param_at(i)->integer == special);
    ENSURE(gg_param_at(i)->in_events == !special);
  }
}

/* ---- the scenario of the path tests ----------------------------------------- */

/* C = 2 (inv, dip), P = 2 (East, West), S = 3 (A, B, C), B = 2 (U, V).
   Initial alignments: A all autonomy, B half autonomy half East, C all
   West; populations 1, 1, 2. East has 8 units of inv stock in A. */
static const char SCEN[] =
    "{\"format\":1,\"name\":\"paths\",\"time\":{\"start\":\"2020-01\",\"step\":\"month\","
    "\"ticks\":12},"
    "\"channels\":[{\"id\":\"inv\",\"half_life\":12},{\"id\":\"dip\",\"half_life\":6}],"
    "\"powers\":[{\"id\":\"East\",\"name\":\"E\",\"budget\":{\"inv\":5}},"
    "{\"id\":\"West\",\"name\":\"W\",\"budget\":{\"inv\":2,\"dip\":1}}],"
    "\"defaults\":{\"autonomy\":0,\"responsiveness\":0.5,\"decisiveness\":1,"
    "\"backlash\":{\"strength\":1,\"threshold\":0.6},\"neighbour_weight\":0,\"noise\":0,"
    "\"weights\":{\"inv\":1,\"dip\":1},\"saturation\":{\"inv\":10,\"dip\":10}},"
    "\"states\":["
    "{\"id\":\"A\",\"name\":\"A\",\"population\":1,\"gdp\":1,\"alignment\":{\"autonomy\":1},"
    "\"stocks\":{\"East\":{\"inv\":8}}},"
    "{\"id\":\"B\",\"name\":\"B\",\"population\":1,\"gdp\":1,"
    "\"alignment\":{\"autonomy\":0.5,\"East\":0.5}},"
    "{\"id\":\"C\",\"name\":\"C\",\"population\":2,\"gdp\":1,\"alignment\":{\"West\":1}}],"
    "\"blocs\":[{\"id\":\"U\",\"name\":\"U\",\"sponsors\":[\"East\"],\"members\":[\"A\"]},"
    "{\"id\":\"V\",\"name\":\"V\",\"sponsors\":[\"West\"],\"members\":[\"B\",\"C\"]}]}";

static gg_scenario *scen(void) {
  gg_error err;
  gg_scenario *sc = gg_scenario_parse(SCEN, strlen(SCEN), "paths.json", &err);
  if (!sc) fprintf(stderr, "parse failed: %s\n", err.msg);
  return sc;
}

/* One path per pattern, its target, and its slot in the values block.
   Layout (internal.h, gg_values_alloc), C = 2, P = 2, S = 3, B = 2:
   half_life 0, budget 2 (P*C), priority 6 (P*S), focus 12 (P), autonomy 14,
   responsiveness 17, decisiveness 20, beta 23, theta 26, nu 29, noise 32,
   population 35, gdp 38 (S each), weights 41 (S*C), saturation 47 (S*C),
   affinity 53 (S*P), bonus 59 (B), multipliers 61 (B*C); 65 slots used. */
static const struct {
  const char *path;
  int pid, i, j;
  long slot; /* -1: seed and time.ticks live outside the block */
} TARGETS[] = {
    {"channels.dip.half_life", GG_P_HALF_LIFE, 1, 0, 0 + 1},
    {"powers.West.budget.inv", GG_P_BUDGET, 1, 0, 2 + 1 * 2 + 0},
    {"powers.East.priority.C", GG_P_PRIORITY, 0, 2, 6 + 0 * 3 + 2},
    {"powers.West.priority.B", GG_P_PRIORITY, 1, 1, 6 + 1 * 3 + 1},
    {"powers.West.focus", GG_P_FOCUS, 1, 0, 12 + 1},
    {"states.B.autonomy", GG_P_AUTONOMY, 1, 0, 14 + 1},
    {"states.C.responsiveness", GG_P_RESPONSIVENESS, 2, 0, 17 + 2},
    {"states.A.decisiveness", GG_P_DECISIVENESS, 0, 0, 20 + 0},
    {"states.B.backlash.strength", GG_P_BACKLASH_STRENGTH, 1, 0, 23 + 1},
    {"states.C.backlash.threshold", GG_P_BACKLASH_THRESHOLD, 2, 0, 26 + 2},
    {"states.A.neighbour_weight", GG_P_NEIGHBOUR_WEIGHT, 0, 0, 29 + 0},
    {"states.B.noise", GG_P_NOISE, 1, 0, 32 + 1},
    {"states.C.population", GG_P_POPULATION, 2, 0, 35 + 2},
    {"states.A.gdp", GG_P_GDP, 0, 0, 38 + 0},
    {"states.B.weights.dip", GG_P_WEIGHTS, 1, 1, 41 + 1 * 2 + 1},
    {"states.C.saturation.inv", GG_P_SATURATION, 2, 0, 47 + 2 * 2 + 0},
    {"states.B.affinity.West", GG_P_AFFINITY, 1, 1, 53 + 1 * 2 + 1},
    {"blocs.V.bonus", GG_P_BONUS, 1, 0, 59 + 1},
    {"blocs.V.multipliers.dip", GG_P_MULTIPLIERS, 1, 1, 61 + 1 * 2 + 1},
    {"seed", GG_P_SEED, 0, 0, -1},
    {"time.ticks", GG_P_TICKS, 0, 0, -1},
};
#define NTARGETS ((int)(sizeof TARGETS / sizeof TARGETS[0]))

static void resolve_exact_targets(void) {
  gg_scenario *sc = scen();
  ENSURE(sc);
  int seen[GG_P_COUNT] = {0};
  for (int k = 0; k < NTARGETS; k++) {
    gg_target *t = NULL;
    gg_error err;
    int n = gg_path_resolve(sc, TARGETS[k].path, &t, &err);
    ENSURE(n == 1);
    ENSURE(t != NULL);
    ENSURE(t[0].pid == TARGETS[k].pid && t[0].i == TARGETS[k].i && t[0].j == TARGETS[k].j);
    seen[t[0].pid] = 1;
    gg_free(t);
  }
  for (int p = 0; p < GG_P_COUNT; p++) /* every pattern was tried */
    ENSURE(seen[p]);
  gg_scenario_free(sc);
}

static void resolve_star_expansion(void) {
  gg_scenario *sc = scen();
  ENSURE(sc);
  gg_target *t;
  gg_error err;
  /* one `*`: every id of the list, in list order */
  ENSURE(gg_path_resolve(sc, "states.*.noise", &t, &err) == 3);
  for (int s = 0; s < 3; s++)
    ENSURE(t[s].pid == GG_P_NOISE && t[s].i == s);
  gg_free(t);
  ENSURE(gg_path_resolve(sc, "channels.*.half_life", &t, &err) == 2);
  gg_free(t);
  ENSURE(gg_path_resolve(sc, "blocs.*.bonus", &t, &err) == 2);
  gg_free(t);
  ENSURE(gg_path_resolve(sc, "powers.*.focus", &t, &err) == 2);
  gg_free(t);
  /* a `*` in the second place */
  ENSURE(gg_path_resolve(sc, "powers.East.priority.*", &t, &err) == 3);
  for (int s = 0; s < 3; s++)
    ENSURE(t[s].pid == GG_P_PRIORITY && t[s].i == 0 && t[s].j == s);
  gg_free(t);
  ENSURE(gg_path_resolve(sc, "blocs.*.multipliers.inv", &t, &err) == 2);
  ENSURE(t[0].i == 0 && t[0].j == 0 && t[1].i == 1 && t[1].j == 0);
  gg_free(t);
  /* two: P*C = 4 in row-major order, S*P = 6, S*C = 6 */
  ENSURE(gg_path_resolve(sc, "powers.*.budget.*", &t, &err) == 4);
  static const int order[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
  for (int k = 0; k < 4; k++)
    ENSURE(t[k].pid == GG_P_BUDGET && t[k].i == order[k][0] && t[k].j == order[k][1]);
  gg_free(t);
  ENSURE(gg_path_resolve(sc, "states.*.affinity.*", &t, &err) == 6);
  ENSURE(t[5].i == 2 && t[5].j == 1);
  gg_free(t);
  ENSURE(gg_path_resolve(sc, "states.*.saturation.dip", &t, &err) == 3);
  ENSURE(t[2].i == 2 && t[2].j == 1);
  gg_free(t);
  gg_scenario_free(sc);

  /* a `*` over an empty list: no target, but the pattern is known */
  static const char no_blocs[] =
      "{\"format\":1,\"name\":\"n\",\"time\":{\"start\":\"2020\",\"step\":\"year\",\"ticks\":2},"
      "\"channels\":[{\"id\":\"c\",\"half_life\":1}],\"powers\":[{\"id\":\"P\",\"name\":\"P\"}],"
      "\"states\":[{\"id\":\"S\",\"name\":\"S\",\"population\":1,\"gdp\":1,"
      "\"alignment\":{\"autonomy\":1},\"autonomy\":0,\"responsiveness\":1,\"decisiveness\":1,"
      "\"backlash\":{\"strength\":0,\"threshold\":1},\"neighbour_weight\":0,\"noise\":0,"
      "\"weights\":{\"c\":1},\"saturation\":{\"c\":1}}]}";
  sc = gg_scenario_parse(no_blocs, strlen(no_blocs), "n.json", &err);
  ENSURE(sc);
  ENSURE(gg_path_resolve(sc, "blocs.*.bonus", &t, &err) == 0);
  ENSURE(t != NULL && t[0].pid == GG_P_BONUS);
  gg_free(t);
  ENSURE(gg_scenario_set(sc, "blocs.*.multipliers.*", 2, &err) == 0);
  double v;
  ENSURE(gg_scenario_get(sc, "blocs.*.bonus", &v, &err) == -1);
  ENSURE_STR(err.msg, "blocs.*.bonus: names 0 parameters, expected exactly one");
  gg_scenario_free(sc);
}

/* The message of a refused path, or "(resolved)". */
static const char *resolve_error(const gg_scenario *sc, const char *path) {
  static gg_error err;
  static gg_target sentinel;
  gg_target *t = &sentinel; /* must come back NULL */
  int n = gg_path_resolve(sc, path, &t, &err);
  if (n >= 0) {
    gg_free(t);
    return "(resolved)";
  }
  if (t != NULL) return "(error without *out = NULL)";
  return err.msg;
}

static void resolve_unknown_ids(void) {
  gg_scenario *sc = scen();
  ENSURE(sc);
  /* the literal parts match, so the id is at fault; named by its list */
  ENSURE_STR(resolve_error(sc, "states.Q.noise"), "states.Q.noise: no state with id \"Q\"");
  ENSURE_STR(resolve_error(sc, "states.a.backlash.strength"),
             "states.a.backlash.strength: no state with id \"a\"");
  ENSURE_STR(resolve_error(sc, "powers.North.budget.inv"),
             "powers.North.budget.inv: no power with id \"North\"");
  ENSURE_STR(resolve_error(sc, "powers.East.budget.gold"),
             "powers.East.budget.gold: no channel with id \"gold\"");
  ENSURE_STR(resolve_error(sc, "powers.East.priority.D"),
             "powers.East.priority.D: no state with id \"D\"");
  ENSURE_STR(resolve_error(sc, "states.A.affinity.South"),
             "states.A.affinity.South: no power with id \"South\"");
  ENSURE_STR(resolve_error(sc, "blocs.W.bonus"), "blocs.W.bonus: no bloc with id \"W\"");
  ENSURE_STR(resolve_error(sc, "blocs.U.multipliers.x"),
             "blocs.U.multipliers.x: no channel with id \"x\"");
  ENSURE_STR(resolve_error(sc, "channels.investment.half_life"),
             "channels.investment.half_life: no channel with id \"investment\"");
  /* an id of the wrong list is unknown in the list the pattern names */
  ENSURE_STR(resolve_error(sc, "powers.A.focus"), "powers.A.focus: no power with id \"A\"");
  /* the first unknown id is named */
  ENSURE_STR(resolve_error(sc, "states.Q.weights.gold"),
             "states.Q.weights.gold: no state with id \"Q\"");
  /* a control character in an id is escaped */
  ENSURE_STR(resolve_error(sc, "states.\x01.noise"),
             "states.\\x01.noise: no state with id \"\\x01\"");
  gg_scenario_free(sc);
}

static void resolve_did_you_mean(void) {
  gg_scenario *sc = scen();
  ENSURE(sc);
  /* the nearest pattern with the path's own ids in place, within 3 edits */
  ENSURE_STR(resolve_error(sc, "states.A.responsivenes"),
             "states.A.responsivenes: unknown parameter path; did you mean "
             "\"states.A.responsiveness\"?");
  ENSURE_STR(resolve_error(sc, "state.A.noise"),
             "state.A.noise: unknown parameter path; did you mean \"states.A.noise\"?");
  ENSURE_STR(resolve_error(sc, "states.A.weight.inv"),
             "states.A.weight.inv: unknown parameter path; did you mean \"states.A.weights.inv\"?");
  ENSURE_STR(resolve_error(sc, "states.B.backlash.strenght"),
             "states.B.backlash.strenght: unknown parameter path; did you mean "
             "\"states.B.backlash.strength\"?");
  ENSURE_STR(resolve_error(sc, "power.East.focus"),
             "power.East.focus: unknown parameter path; did you mean \"powers.East.focus\"?");
  ENSURE_STR(resolve_error(sc, "seeds"), "seeds: unknown parameter path; did you mean \"seed\"?");
  ENSURE_STR(resolve_error(sc, "time.tick"),
             "time.tick: unknown parameter path; did you mean \"time.ticks\"?");
  /* an unknown id and a misspelt name: the suggestion keeps the id */
  ENSURE_STR(resolve_error(sc, "states.Q.nois"),
             "states.Q.nois: unknown parameter path; did you mean \"states.Q.noise\"?");
  /* nothing within 3 edits */
  ENSURE_STR(resolve_error(sc, "states.A.patience"),
             "states.A.patience: unknown parameter path (see `greatgame params` for the list)");
  ENSURE_STR(resolve_error(sc, "powers.East.budget"),
             "powers.East.budget: unknown parameter path (see `greatgame params` for the list)");
  ENSURE_STR(resolve_error(sc, ""),
             ": unknown parameter path (see `greatgame params` for the list)");
  ENSURE_STR(resolve_error(sc, "states"),
             "states: unknown parameter path (see `greatgame params` for the list)");
  gg_scenario_free(sc);
}

static void resolve_long_and_deep_paths(void) {
  gg_scenario *sc = scen();
  ENSURE(sc);
  /* 8 segments: splits, matches no pattern; 9: more than a path may have */
  ENSURE_STR(resolve_error(sc, "a.b.c.d.e.f.g.h"),
             "a.b.c.d.e.f.g.h: unknown parameter path (see `greatgame params` for the list)");
  ENSURE_STR(resolve_error(sc, "states.A.b.c.d.e.f.g.h"),
             "states.A.b.c.d.e.f.g.h: unknown parameter path (see `greatgame params` for the "
             "list)");
  ENSURE_STR(resolve_error(sc, "........."),
             ".........: unknown parameter path (see `greatgame params` for the list)");
  /* 512 bytes or more: refused at once; the message shows 120 bytes and "..." */
  char path[700], expect[1024];
  memset(path, 'x', 600);
  path[600] = '\0';
  memset(expect, 'x', 120);
  strcpy(expect + 120, "...: unknown parameter path");
  ENSURE_STR(resolve_error(sc, path), expect);
  memset(path, 'x', 512);
  path[512] = '\0';
  ENSURE_STR(resolve_error(sc, path), expect);
  /* 511 bytes in one segment: resolved against the patterns, none close */
  path[511] = '\0';
  strcpy(expect + 120, "...: unknown parameter path (see `greatgame params` for the list)");
  ENSURE_STR(resolve_error(sc, path), expect);
  /* a long unknown id is cut to 60 bytes and "..." in the message */
  char id[101];
  memset(id, 'x', 100);
  id[100] = '\0';
  snprintf(path, sizeof path, "states.%s.noise", id);
  char cid[80];
  memset(cid, 'x', 60);
  strcpy(cid + 60, "...");
  snprintf(expect, sizeof expect, "%s: no state with id \"%s\"", path, cid);
  ENSURE_STR(resolve_error(sc, path), expect);
  gg_scenario_free(sc);
}

/* ---- values by reference ----------------------------------------------------- */

static void values_ref_slots(void) {
  gg_scenario *sc = scen();
  ENSURE(sc);
  ENSURE(sc->v.count >= 65);
  for (int k = 0; k < NTARGETS; k++) {
    gg_target t = {TARGETS[k].pid, TARGETS[k].i, TARGETS[k].j};
    double *p = gg_values_ref(sc, &sc->v, t);
    if (TARGETS[k].slot < 0) {
      ENSURE(p == NULL);
    } else {
      ENSURE(p != NULL);
      ENSURE(p - sc->v.block == TARGETS[k].slot);
    }
  }
  /* the last slot of each array, for the largest indices */
  gg_target last_mult = {GG_P_MULTIPLIERS, 1, 1}, last_aff = {GG_P_AFFINITY, 2, 1};
  ENSURE(gg_values_ref(sc, &sc->v, last_mult) - sc->v.block == 64);
  ENSURE(gg_values_ref(sc, &sc->v, last_aff) - sc->v.block == 58);
  gg_scenario_free(sc);
}

static void set_changes_one_slot(void) {
  gg_scenario *sc = scen();
  ENSURE(sc);
  double before[128], value = 0.375; /* inside every range in TARGETS but ticks */
  size_t n = sc->v.count;
  ENSURE(n <= 128);
  for (int k = 0; k < NTARGETS; k++) {
    if (TARGETS[k].slot < 0) continue;
    memcpy(before, sc->v.block, n * sizeof(double));
    gg_error err;
    ENSURE(gg_scenario_set(sc, TARGETS[k].path, value, &err) == 1);
    for (size_t q = 0; q < n; q++) {
      if ((long)q == TARGETS[k].slot)
        ENSURE(sc->v.block[q] == value);
      else
        ENSURE(sc->v.block[q] == before[q]);
    }
    double got = -1;
    ENSURE(gg_scenario_get(sc, TARGETS[k].path, &got, &err) == 0);
    ENSURE(got == value);
    value += 0.0625; /* a new value each time, still below 1 */
  }
  /* seed and time.ticks are fields of the scenario */
  gg_error err;
  ENSURE(gg_scenario_set(sc, "seed", 12345, &err) == 1);
  ENSURE(gg_scenario_seed(sc) == 12345);
  ENSURE(gg_scenario_set(sc, "time.ticks", 24, &err) == 1);
  ENSURE(gg_scenario_ticks(sc) == 24);
  double v;
  ENSURE(gg_scenario_get(sc, "time.ticks", &v, &err) == 0 && v == 24);
  ENSURE(gg_scenario_get(sc, "seed", &v, &err) == 0 && v == 12345);
  /* through `*`, every match */
  ENSURE(gg_scenario_set(sc, "states.*.noise", 0.25, &err) == 3);
  ENSURE(gg_scenario_get(sc, "states.A.noise", &v, &err) == 0 && v == 0.25);
  ENSURE(gg_scenario_get(sc, "states.C.noise", &v, &err) == 0 && v == 0.25);
  ENSURE(gg_scenario_get(sc, "states.*.noise", &v, &err) == -1);
  ENSURE_STR(err.msg, "states.*.noise: names 3 parameters, expected exactly one");
  gg_scenario_free(sc);
}

static void set_reads_back_through_the_sim(void) {
  gg_scenario *sc = scen();
  ENSURE(sc);
  gg_error err;
  ENSURE(gg_scenario_set(sc, "powers.West.budget.dip", 7.5, &err) == 1);
  ENSURE(gg_scenario_set(sc, "states.B.affinity.West", -0.75, &err) == 1);
  ENSURE(gg_scenario_set(sc, "states.A.affinity.East", 0.5, &err) == 1);
  gg_sim *sim = gg_sim_create(sc, 1);
  ENSURE(sim);
  ENSURE(gg_sim_budget(sim, 1, 1) == 7.5); /* West, dip */
  ENSURE(gg_sim_budget(sim, 0, 0) == 5.0); /* East, inv: from the file */
  ENSURE(gg_sim_budget(sim, 0, 1) == 0.0); /* East, dip: absent */
  ENSURE(gg_sim_affinity(sim, 1, 1) == -0.75);
  ENSURE(gg_sim_affinity(sim, 0, 0) == 0.5);
  ENSURE(gg_sim_affinity(sim, 2, 0) == 0.0);
  /* region share of autonomy at tick 0, population-weighted:
     (1*1 + 1*0.5 + 2*0) / 4 = 0.375 */
  ENSURE_NEAR(gg_sim_region(sim, 0), 0.375, 1e-15);
  gg_sim_free(sim);
  /* C's population 2 -> 6: (1 + 0.5 + 0) / 8 = 0.1875 */
  ENSURE(gg_scenario_set(sc, "states.C.population", 6, &err) == 1);
  /* no budgets, and a half-life of 1 tick: A's East stock 8 halves to 4 */
  ENSURE(gg_scenario_set(sc, "powers.*.budget.*", 0, &err) == 4);
  ENSURE(gg_scenario_set(sc, "channels.inv.half_life", 1, &err) == 1);
  sim = gg_sim_create(sc, 1);
  ENSURE(sim);
  ENSURE_NEAR(gg_sim_region(sim, 0), 0.1875, 1e-15);
  ENSURE(gg_sim_stock(sim, 0, 0, 0) == 8.0);
  gg_sim_step(sim);
  ENSURE_NEAR(gg_sim_stock(sim, 0, 0, 0), 4.0, 1e-12);
  gg_sim_free(sim);
  gg_scenario_free(sc);
}

static void set_refusals_change_nothing(void) {
  gg_scenario *sc = scen();
  ENSURE(sc);
  double before[128];
  size_t n = sc->v.count;
  ENSURE(n <= 128);
  memcpy(before, sc->v.block, n * sizeof(double));
  gg_error err;
  ENSURE(gg_scenario_set(sc, "states.*.responsiveness", 0, &err) == -1);
  ENSURE_STR(err.msg,
             "states.*.responsiveness: must be a number between 0 (exclusive) and 1, got 0");
  ENSURE(gg_scenario_set(sc, "states.A.responsiveness", 2, &err) == -1);
  ENSURE_STR(err.msg,
             "states.A.responsiveness: must be a number between 0 (exclusive) and 1, got 2");
  ENSURE(gg_scenario_set(sc, "states.A.noise", NAN, &err) == -1);
  ENSURE_STR(err.msg, "states.A.noise: must be a number between 0 and 1000000, got nan");
  ENSURE(gg_scenario_set(sc, "powers.*.budget.inv", INFINITY, &err) == -1);
  ENSURE(gg_scenario_set(sc, "time.ticks", 1.5, &err) == -1);
  ENSURE_STR(err.msg, "time.ticks: must be a whole number between 1 and 1000000, got 1.5");
  ENSURE(gg_scenario_set(sc, "seed", -1, &err) == -1);
  ENSURE_STR(err.msg, "seed: must be a whole number between 0 and 1.8446744073709552e+19, got -1");
  ENSURE(gg_scenario_set(sc, "states.Q.noise", 0, &err) == -1);
  ENSURE_STR(err.msg, "states.Q.noise: no state with id \"Q\"");
  ENSURE(gg_scenario_set(sc, "states.A.nois", 0, &err) == -1);
  ENSURE_STR(err.msg, "states.A.nois: unknown parameter path; did you mean \"states.A.noise\"?");
  for (size_t q = 0; q < n; q++)
    ENSURE(sc->v.block[q] == before[q]);
  ENSURE(gg_scenario_ticks(sc) == 12 && gg_scenario_seed(sc) == 1);
  gg_scenario_free(sc);
}

/* ---- ranges ------------------------------------------------------------------- */

static void in_range_bounds(void) {
  const gg_param_def *resp = gg_param_def_of(GG_P_RESPONSIVENESS); /* (0, 1] */
  ENSURE(!gg_param_in_range(resp, 0.0));
  ENSURE(!gg_param_in_range(resp, -0.0));
  ENSURE(gg_param_in_range(resp, 4.9406564584124654e-324)); /* the smallest double above 0 */
  ENSURE(gg_param_in_range(resp, 0.5));
  ENSURE(gg_param_in_range(resp, 1.0));
  ENSURE(!gg_param_in_range(resp, 1.0000000000000002)); /* the next double after 1 */
  ENSURE(!gg_param_in_range(resp, NAN));
  ENSURE(!gg_param_in_range(resp, INFINITY));
  ENSURE(!gg_param_in_range(resp, -INFINITY));
  const gg_param_def *theta = gg_param_def_of(GG_P_BACKLASH_THRESHOLD); /* [0, 1] */
  ENSURE(gg_param_in_range(theta, 0.0));
  ENSURE(gg_param_in_range(theta, -0.0)); /* -0 == 0 */
  ENSURE(gg_param_in_range(theta, 1.0));
  ENSURE(!gg_param_in_range(theta, -4.9406564584124654e-324));
  const gg_param_def *aut = gg_param_def_of(GG_P_AUTONOMY); /* [-1e6, 1e6] */
  ENSURE(gg_param_in_range(aut, -1e6) && gg_param_in_range(aut, 1e6));
  ENSURE(!gg_param_in_range(aut, -1000000.0000000001) &&
         !gg_param_in_range(aut, 1000000.0000000001));
  const gg_param_def *hl = gg_param_def_of(GG_P_HALF_LIFE); /* (0, 1e12] */
  ENSURE(gg_param_in_range(hl, 1e12) && !gg_param_in_range(hl, 1.0000000000000002e12));
  ENSURE(!gg_param_in_range(hl, 0));
  const gg_param_def *ticks = gg_param_def_of(GG_P_TICKS); /* whole, [1, 1e6] */
  ENSURE(!gg_param_in_range(ticks, 0) && gg_param_in_range(ticks, 1));
  ENSURE(!gg_param_in_range(ticks, 1.5) && !gg_param_in_range(ticks, 2.0000000000000004));
  ENSURE(gg_param_in_range(ticks, 1e6) && !gg_param_in_range(ticks, 1e6 + 1));
  const gg_param_def *seed = gg_param_def_of(GG_P_SEED); /* whole, [0, 2^64 as a double] */
  ENSURE(gg_param_in_range(seed, 0) && !gg_param_in_range(seed, -1));
  ENSURE(!gg_param_in_range(seed, 0.5));
  ENSURE(gg_param_in_range(seed, 9007199254740992.0));      /* 2^53 */
  ENSURE(!gg_param_in_range(seed, 36893488147419103232.0)); /* 2^65 */
  /* an upper end that is open (no table row has one) */
  gg_param_def half_open = *gg_param_def_of(GG_P_NOISE);
  half_open.info.lo = 0.5;
  half_open.info.hi = 2.25;
  half_open.info.hi_open = 1;
  ENSURE(gg_param_in_range(&half_open, 0.5) && gg_param_in_range(&half_open, 2.2499999999999996));
  ENSURE(!gg_param_in_range(&half_open, 2.25));
  half_open.info.lo_open = 1;
  ENSURE(!gg_param_in_range(&half_open, 0.5));
}

static void range_texts(void) {
  char buf[200];
  static const struct {
    gg_pid pid;
    const char *text;
  } cases[] = {
      {GG_P_RESPONSIVENESS, "a number between 0 (exclusive) and 1"},
      {GG_P_BACKLASH_THRESHOLD, "a number between 0 and 1"},
      {GG_P_HALF_LIFE, "a number between 0 (exclusive) and 1000000000000"},
      {GG_P_SATURATION, "a number between 0 (exclusive) and 1000000000000000"},
      {GG_P_AUTONOMY, "a number between -1000000 and 1000000"},
      {GG_P_POPULATION, "a number between 0 (exclusive) and 10000000"},
      {GG_P_GDP, "a number between 0 (exclusive) and 1000000000"},
      {GG_P_MULTIPLIERS, "a number between 0 and 1000000"},
      {GG_P_TICKS, "a whole number between 1 and 1000000"},
      {GG_P_SEED, "a whole number between 0 and 1.8446744073709552e+19"},
  };
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    gg_param_range_text(gg_param_def_of(cases[k].pid), buf, sizeof buf);
    ENSURE_STR(buf, cases[k].text);
  }
  gg_param_def d = *gg_param_def_of(GG_P_NOISE);
  d.info.lo = 0.5;
  d.info.hi = 2.25;
  d.info.lo_open = 1;
  d.info.hi_open = 1;
  gg_param_range_text(&d, buf, sizeof buf);
  ENSURE_STR(buf, "a number between 0.5 (exclusive) and 2.25 (exclusive)");
  d.info.lo = -0.1;
  d.info.lo_open = 0;
  d.info.hi = 1e16; /* from 1e16 on, the shortest form that reads back */
  d.info.hi_open = 0;
  gg_param_range_text(&d, buf, sizeof buf);
  ENSURE_STR(buf, "a number between -0.1 and 1e+16");
  /* a short buffer is cut, not overrun: 9 characters and the NUL */
  memset(buf, '#', sizeof buf);
  gg_param_range_text(gg_param_def_of(GG_P_NOISE), buf, 10);
  ENSURE_STR(buf, "a number ");
  ENSURE(buf[10] == '#');
}

/* Regression: the did-you-mean of a long unknown path with several segments
   built its candidate past the end of a 512-byte buffer (ASan:
   stack-buffer-overflow). The path is refused with a plain message. */
static void long_unknown_path_is_refused_safely(void) {
  gg_scenario *sc = scen();
  ENSURE(sc != NULL);
  char path[600] = "a.";
  memset(path + 2, 'x', 500);
  strcpy(path + 502, ".b.c");
  gg_error err;
  ENSURE(gg_scenario_set(sc, path, 1.0, &err) == -1);
  ENSURE(strstr(err.msg, "unknown parameter path") != NULL);
  gg_scenario_free(sc);
}

/* Regression: 18446744073709551615.0 is 2^64 as a double; it passed the
   seed's range check and was then converted to uint64_t (undefined). */
static void seed_of_two_to_the_64_is_refused(void) {
  gg_scenario *sc = scen();
  ENSURE(sc != NULL);
  uint64_t before = gg_scenario_seed(sc);
  gg_error err;
  ENSURE(gg_scenario_set(sc, "seed", 18446744073709551615.0, &err) == -1);
  ENSURE(strncmp(err.msg, "seed: must be", 13) == 0);
  ENSURE(gg_scenario_seed(sc) == before);
  ENSURE(gg_scenario_set(sc, "seed", 18446744073709549568.0, &err) ==
         1); /* 2^64 - 2048: one target */
  ENSURE(gg_scenario_seed(sc) == 18446744073709549568ULL);
  gg_scenario_free(sc);
}

static const gg_test_case tests[] = {
    {"long_unknown_path_is_refused_safely", long_unknown_path_is_refused_safely},
    {"seed_of_two_to_the_64_is_refused", seed_of_two_to_the_64_is_refused},
    {"table_matches_the_docs", table_matches_the_docs},
    {"table_is_consistent", table_is_consistent},
    {"resolve_exact_targets", resolve_exact_targets},
    {"resolve_star_expansion", resolve_star_expansion},
    {"resolve_unknown_ids", resolve_unknown_ids},
    {"resolve_did_you_mean", resolve_did_you_mean},
    {"resolve_long_and_deep_paths", resolve_long_and_deep_paths},
    {"values_ref_slots", values_ref_slots},
    {"set_changes_one_slot", set_changes_one_slot},
    {"set_reads_back_through_the_sim", set_reads_back_through_the_sim},
    {"set_refusals_change_nothing", set_refusals_change_nothing},
    {"in_range_bounds", in_range_bounds},
    {"range_texts", range_texts},
};

GG_TEST_MAIN(tests)
