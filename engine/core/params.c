/* The one parameter table: validation, --set, sweep paths, `set` events, the
   JSON Schema and the docs all come from it. */
#include "internal.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REQ NAN
#define BIG 1e12

/* path, doc, unit, lo, hi, lo_open, hi_open, default, in_events, integer */
static const gg_param_def gg_params[GG_P_COUNT] = {
    {{"channels.<channel>.half_life",
      "Half-life of a stock in the channel: retention 2^(-1/half_life)", "ticks", 0, BIG, 1, 0, REQ,
      1, 0},
     GG_P_HALF_LIFE,
     GG_SC_CHANNEL,
     GG_SC_NONE,
     "half_life",
     0},
    {{"powers.<power>.budget.<channel>",
      "Stock units the power adds per tick in the channel, before allocation",
      "channel unit per tick", 0, BIG, 0, 0, 0, 1, 0},
     GG_P_BUDGET,
     GG_SC_POWER,
     GG_SC_CHANNEL,
     "budget",
     0},
    {{"powers.<power>.priority.<state>",
      "Weight of the state in the power's allocation (1 for every state when priority is absent, "
      "else 0 for states not named)",
      "", 0, BIG, 0, 0, 0, 1, 0},
     GG_P_PRIORITY,
     GG_SC_POWER,
     GG_SC_STATE,
     "priority",
     0},
    {{"powers.<power>.focus", "Exponent eta of the contest strategy's allocation", "", 0, 1e6, 1, 0,
      1, 1, 0},
     GG_P_FOCUS,
     GG_SC_POWER,
     GG_SC_NONE,
     "focus",
     0},
    {{"states.<state>.autonomy", "Utility alpha of staying non-aligned", "utility", -1e6, 1e6, 0, 0,
      REQ, 1, 0},
     GG_P_AUTONOMY,
     GG_SC_STATE,
     GG_SC_NONE,
     "autonomy",
     1},
    {{"states.<state>.responsiveness", "Share lambda of the gap to the target closed each tick", "",
      0, 1, 1, 0, REQ, 1, 0},
     GG_P_RESPONSIVENESS,
     GG_SC_STATE,
     GG_SC_NONE,
     "responsiveness",
     1},
    {{"states.<state>.decisiveness", "Logit sharpness tau of the target alignment", "1/utility", 0,
      1e6, 1, 0, REQ, 1, 0},
     GG_P_DECISIVENESS,
     GG_SC_STATE,
     GG_SC_NONE,
     "decisiveness",
     1},
    {{"states.<state>.backlash.strength",
      "Utility beta lost per unit of presence share above the threshold", "utility", 0, 1e6, 0, 0,
      REQ, 1, 0},
     GG_P_BACKLASH_STRENGTH,
     GG_SC_STATE,
     GG_SC_NONE,
     "backlash.strength",
     1},
    {{"states.<state>.backlash.threshold", "Presence share theta above which backlash starts",
      "share", 0, 1, 0, 0, REQ, 1, 0},
     GG_P_BACKLASH_THRESHOLD,
     GG_SC_STATE,
     GG_SC_NONE,
     "backlash.threshold",
     1},
    {{"states.<state>.neighbour_weight",
      "Weight nu of the neighbours' mean alignment in the utilities", "utility", 0, 1e6, 0, 0, REQ,
      1, 0},
     GG_P_NEIGHBOUR_WEIGHT,
     GG_SC_STATE,
     GG_SC_NONE,
     "neighbour_weight",
     1},
    {{"states.<state>.noise", "Standard deviation sigma of the Gaussian utility shocks", "utility",
      0, 1e6, 0, 0, REQ, 1, 0},
     GG_P_NOISE,
     GG_SC_STATE,
     GG_SC_NONE,
     "noise",
     1},
    {{"states.<state>.population", "Population, a weight of the region measure", "million", 0, 1e7,
      1, 0, REQ, 1, 0},
     GG_P_POPULATION,
     GG_SC_STATE,
     GG_SC_NONE,
     "population",
     0},
    {{"states.<state>.gdp", "GDP, a weight of the region measure", "USD billion", 0, 1e9, 1, 0, REQ,
      1, 0},
     GG_P_GDP,
     GG_SC_STATE,
     GG_SC_NONE,
     "gdp",
     0},
    {{"states.<state>.weights.<channel>", "Weight w of the channel's response in the utilities",
      "utility", 0, 1e6, 0, 0, REQ, 1, 0},
     GG_P_WEIGHTS,
     GG_SC_STATE,
     GG_SC_CHANNEL,
     "weights",
     1},
    {{"states.<state>.saturation.<channel>", "Stock h at which the channel's response is one half",
      "channel unit", 0, 1e15, 1, 0, REQ, 1, 0},
     GG_P_SATURATION,
     GG_SC_STATE,
     GG_SC_CHANNEL,
     "saturation",
     1},
    {{"states.<state>.affinity.<power>",
      "Affinity g: utility offset for the power (history, culture, language)", "utility", -1e6, 1e6,
      0, 0, 0, 1, 0},
     GG_P_AFFINITY,
     GG_SC_STATE,
     GG_SC_POWER,
     "affinity",
     1},
    {{"blocs.<bloc>.bonus", "Utility kappa added to each sponsor for each member state", "utility",
      -1e6, 1e6, 0, 0, 0, 1, 0},
     GG_P_BONUS,
     GG_SC_BLOC,
     GG_SC_NONE,
     "bonus",
     0},
    {{"blocs.<bloc>.multipliers.<channel>",
      "Factor m on a sponsor's channel response in member states", "", 0, 1e6, 0, 0, 1, 1, 0},
     GG_P_MULTIPLIERS,
     GG_SC_BLOC,
     GG_SC_CHANNEL,
     "multipliers",
     0},
    {{"seed", "Seed of the run's random numbers (unsigned 64-bit)", "", 0, 18446744073709551615.0,
      0, 0, 1, 0, 1},
     GG_P_SEED,
     GG_SC_NONE,
     GG_SC_NONE,
     "seed",
     0},
    {{"time.ticks", "Number of ticks a run steps (it records ticks 0..ticks)", "ticks", 1,
      GG_MAX_TICKS, 0, 0, REQ, 0, 1},
     GG_P_TICKS,
     GG_SC_NONE,
     GG_SC_NONE,
     "ticks",
     0},
};

int gg_param_count(void) {
  return GG_P_COUNT;
}

const gg_param_info *gg_param_at(int i) {
  return (i >= 0 && i < GG_P_COUNT) ? &gg_params[i].info : NULL;
}

const gg_param_def *gg_param_def_of(gg_pid pid) {
  return &gg_params[pid];
}

int gg_param_in_range(const gg_param_def *d, double v) {
  const gg_param_info *in = &d->info;
  if (!isfinite(v)) return 0;
  if (in->lo_open ? !(v > in->lo) : !(v >= in->lo)) return 0;
  if (in->hi_open ? !(v < in->hi) : !(v <= in->hi)) return 0;
  if (in->integer && v != floor(v)) return 0;
  return 1;
}

void gg_param_range_text(const gg_param_def *d, char *buf, size_t size) {
  const gg_param_info *in = &d->info;
  const char *kind = in->integer ? "a whole number" : "a number";
  char lo[40], hi[40];
  snprintf(buf, size, "%s between %s%s and %s%s", kind, gg_fmt_num(lo, sizeof lo, in->lo),
           in->lo_open ? " (exclusive)" : "", gg_fmt_num(hi, sizeof hi, in->hi),
           in->hi_open ? " (exclusive)" : "");
}

/* ---- the values block ---------------------------------------------------- */

/* The names and the table agree: the named arrays are the table's, in the
   table's order. */
_Static_assert(offsetof(gg_values, half_life) == offsetof(gg_values, field[GG_P_HALF_LIFE]),
               "gg_values: half_life");
_Static_assert(offsetof(gg_values, autonomy) == offsetof(gg_values, field[GG_P_AUTONOMY]),
               "gg_values: autonomy");
_Static_assert(offsetof(gg_values, beta) == offsetof(gg_values, field[GG_P_BACKLASH_STRENGTH]),
               "gg_values: beta");
_Static_assert(offsetof(gg_values, gdp) == offsetof(gg_values, field[GG_P_GDP]), "gg_values: gdp");
_Static_assert(offsetof(gg_values, multipliers) == offsetof(gg_values, field[GG_P_MULTIPLIERS]),
               "gg_values: multipliers");
_Static_assert(sizeof(((gg_values *)0)->field) == offsetof(gg_values, multipliers) +
                                                      sizeof(double *) -
                                                      offsetof(gg_values, half_life),
               "gg_values: one name per array");

/* How many ids a scope has in a scenario of these sizes (1 for none). */
static size_t scope_size(gg_scope s, size_t S, size_t P, size_t C, size_t B) {
  switch (s) {
  case GG_SC_CHANNEL:
    return C;
  case GG_SC_POWER:
    return P;
  case GG_SC_STATE:
    return S;
  case GG_SC_BLOC:
    return B;
  default:
    return 1;
  }
}

int gg_values_alloc(gg_values *v, int S, int P, int C, int B) {
  size_t s = (size_t)S, p = (size_t)P, c = (size_t)C, b = (size_t)B, n = 0;
  size_t len[GG_P_VALUES];
  for (int d = 0; d < GG_P_VALUES; d++) {
    len[d] =
        scope_size(gg_params[d].scope1, s, p, c, b) * scope_size(gg_params[d].scope2, s, p, c, b);
    n += len[d];
  }
  memset(v, 0, sizeof *v);
  v->block = gg_calloc(n, sizeof(double));
  if (!v->block) return -1;
  v->count = n;
  double *q = v->block;
  for (int d = 0; d < GG_P_VALUES; d++) {
    v->field[d] = q;
    q += len[d];
  }
  return 0;
}

int gg_values_copy(gg_values *dst, const gg_values *src) {
  /* Same layout: rebase every array on the new block. */
  double *block = gg_malloc(src->count * sizeof(double));
  if (!block) return -1;
  memcpy(block, src->block, src->count * sizeof(double));
  *dst = *src;
  for (int d = 0; d < GG_P_VALUES; d++)
    dst->field[d] = block + (src->field[d] - src->block);
  dst->block = block;
  return 0;
}

void gg_values_free(gg_values *v) {
  gg_free(v->block);
  memset(v, 0, sizeof *v);
}

double *gg_values_ref(const gg_scenario *sc, gg_values *v, gg_target t) {
  if (t.pid < 0 || t.pid >= GG_P_VALUES) return NULL;
  size_t n2 = scope_size(gg_params[t.pid].scope2, (size_t)sc->S, (size_t)sc->P, (size_t)sc->C,
                         (size_t)sc->B);
  return &v->field[t.pid][(size_t)t.i * n2 + (size_t)t.j];
}

/* ---- paths ----------------------------------------------------------------- */

static int scope_count(const gg_scenario *sc, gg_scope s) {
  switch (s) {
  case GG_SC_CHANNEL:
    return sc->C;
  case GG_SC_POWER:
    return sc->P;
  case GG_SC_STATE:
    return sc->S;
  case GG_SC_BLOC:
    return sc->B;
  default:
    return 1;
  }
}

static int scope_index(const gg_scenario *sc, gg_scope s, const char *id) {
  switch (s) {
  case GG_SC_CHANNEL:
    return gg_channel_index(sc, id);
  case GG_SC_POWER:
    return gg_power_index(sc, id);
  case GG_SC_STATE:
    return gg_state_index(sc, id);
  case GG_SC_BLOC:
    for (int b = 0; b < sc->B; b++)
      if (strcmp(sc->bloc_id[b], id) == 0) return b;
    return -1;
  default:
    return -1;
  }
}

static const char *scope_name(gg_scope s) {
  static const char *names[] = {"", "channel", "power", "state", "bloc"};
  return names[s];
}

#define MAX_TOKENS 8

static int split_path(char *buf, char **tok) {
  int n = 0;
  char *p = buf;
  for (;;) {
    if (n == MAX_TOKENS) return -1;
    tok[n++] = p;
    char *dot = strchr(p, '.');
    if (!dot) break;
    *dot = '\0';
    p = dot + 1;
  }
  return n;
}

int gg_path_resolve(const gg_scenario *sc, const char *path, gg_target **out, gg_error *err) {
  char clean[160];
  gg_err_clean(clean, sizeof clean, path, 120);
  char buf[512], pbuf[128];
  *out = NULL;
  if (strlen(path) >= sizeof buf) {
    gg_err_set(err, "%s: unknown parameter path", clean);
    return -1;
  }
  strcpy(buf, path);
  char *tok[MAX_TOKENS], *ptok[MAX_TOKENS];
  int n = split_path(buf, tok);
  for (int d = 0; n > 0 && d < GG_P_COUNT; d++) {
    const gg_param_def *def = &gg_params[d];
    strcpy(pbuf, def->info.path);
    int pn = split_path(pbuf, ptok);
    if (pn != n) continue;
    int idx[2] = {0, 0}, all[2] = {0, 0}, k = 0, ok = 1;
    gg_scope scopes[2] = {def->scope1, def->scope2};
    for (int i = 0; i < n && ok; i++) {
      if (ptok[i][0] == '<') {
        if (strcmp(tok[i], "*") == 0) {
          all[k] = 1;
        } else {
          idx[k] = scope_index(sc, scopes[k], tok[i]);
          if (idx[k] < 0) {
            /* the literal parts must match before an id error is right */
            int lit = 1;
            for (int j = 0; j < n; j++)
              if (ptok[j][0] != '<' && strcmp(ptok[j], tok[j]) != 0) lit = 0;
            if (lit) {
              char cid[80];
              gg_err_clean(cid, sizeof cid, tok[i], 60);
              gg_err_set(err, "%s: no %s with id \"%s\"", clean, scope_name(scopes[k]), cid);
              return -1;
            }
            ok = 0;
          }
        }
        k++;
      } else if (strcmp(ptok[i], tok[i]) != 0) {
        ok = 0;
      }
    }
    if (!ok) continue;
    int n1 = scopes[0] == GG_SC_NONE ? 1 : (all[0] ? scope_count(sc, scopes[0]) : 1);
    int n2 = scopes[1] == GG_SC_NONE ? 1 : (all[1] ? scope_count(sc, scopes[1]) : 1);
    gg_target *t = gg_calloc((size_t)n1 * (size_t)n2 + 1, sizeof *t);
    if (!t) {
      gg_err_set(err, "%s: out of memory", clean);
      return -1;
    }
    int m = 0;
    t[0].pid = def->pid; /* even when a `*` matches nothing */
    for (int a = 0; a < n1; a++)
      for (int b = 0; b < n2; b++) {
        t[m].pid = def->pid;
        t[m].i = all[0] ? a : idx[0];
        t[m].j = all[1] ? b : idx[1];
        m++;
      }
    *out = t;
    return m;
  }
  /* did you mean: the pattern, with the path's own ids in place, nearest to the path */
  const char *best = NULL;
  char cand[512], best_text[512];
  int bestd = 99;
  for (int d = 0; n > 0 && d < GG_P_COUNT; d++) {
    strcpy(pbuf, gg_params[d].info.path);
    int pn = split_path(pbuf, ptok);
    if (pn != n) continue;
    size_t o = 0;
    for (int i = 0; i < n && o < sizeof cand; i++) /* snprintf may report more than fits */
      o += (size_t)snprintf(cand + o, sizeof cand - o, "%s%s", i ? "." : "",
                            ptok[i][0] == '<' ? tok[i] : ptok[i]);
    char whole[512];
    snprintf(whole, sizeof whole, "%s", path);
    int dist = gg_edit_distance(whole, cand);
    if (dist < bestd) {
      bestd = dist;
      best = gg_params[d].info.path;
      snprintf(best_text, sizeof best_text, "%s", cand);
    }
  }
  if (best && bestd <= 3) {
    char cb[200];
    gg_err_clean(cb, sizeof cb, best_text, 150);
    gg_err_set(err, "%s: unknown parameter path; did you mean \"%s\"?", clean, cb);
  } else {
    gg_err_set(err, "%s: unknown parameter path (see `greatgame params` for the list)", clean);
  }
  return -1;
}
