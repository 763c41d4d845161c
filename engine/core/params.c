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

/* GG-2's rows (docs/model.md, "GG-2"): reachable by path only in scenarios
   that run GG-2, and listed apart (gg_gg2_param_at), so that everything a
   GG-1 scenario shows is unchanged. Ranges are the model's domains (shares,
   flags) or the same generous bound as GG-1's utility weights. */
/* A GG-2 row: the definition, and a third id where the path has one. */
typedef struct gg2_row {
  gg_param_def d;
  gg_scope scope3;
} gg2_row;

static const gg2_row gg2_params[GG_P2_COUNT] = {
    {{{"channels.<channel>.visibility",
       "How visible the channel's presence is to the public: its weight in the visible presence "
       "share that drives backlash",
       "", 0, 1, 0, 0, 1, 1, 0},
      (gg_pid)GG_P2_VISIBILITY,
      GG_SC_CHANNEL,
      GG_SC_NONE,
      "visibility",
      0},
     GG_SC_NONE},
    {{{"channels.<channel>.dependence",
       "Weight d of the channel's stock, relative to the state's GDP, in the dependence index",
       "GDP share per stock share", 0, 1e6, 0, 0, 0, 1, 0},
      (gg_pid)GG_P2_DEPENDENCE,
      GG_SC_CHANNEL,
      GG_SC_NONE,
      "dependence",
      0},
     GG_SC_NONE},
    {{{"powers.<power>.channel_priority.<channel>.<state>",
       "Weight of the state in the power's allocation of this channel (only for channels the power "
       "lists in channel_priority; others use priority)",
       "", 0, BIG, 0, 0, 0, 1, 0},
      (gg_pid)GG_P2_CHANNEL_PRIORITY,
      GG_SC_POWER,
      GG_SC_CHANNEL,
      "channel_priority",
      0},
     GG_SC_STATE},
    {{{"powers.<power>.conditionality",
       "Democracy and human-rights conditions attached to the power's engagement", "", 0, 1e6, 0, 0,
       0, 1, 0},
      (gg_pid)GG_P2_CONDITIONALITY,
      GG_SC_POWER,
      GG_SC_NONE,
      "conditionality",
      0},
     GG_SC_NONE},
    {{{"states.<state>.ties_pull", "Weight psi of the ties (engagement) in a power's utility",
       "utility", 0, 1e6, 0, 0, 1, 1, 0},
      (gg_pid)GG_P2_TIES_PULL,
      GG_SC_STATE,
      GG_SC_NONE,
      "ties_pull",
      1},
     GG_SC_NONE},
    {{{"states.<state>.leverage", "Weight mu of the dependence index in a power's utility",
       "utility", 0, 1e6, 0, 0, 0, 1, 0},
      (gg_pid)GG_P2_LEVERAGE,
      GG_SC_STATE,
      GG_SC_NONE,
      "leverage",
      1},
     GG_SC_NONE},
    {{{"states.<state>.regime_security",
       "Weight rho of a guarantor's presence in its utility, per unit of unrest", "utility", 0, 1e6,
       0, 0, 0, 1, 0},
      (gg_pid)GG_P2_REGIME_SECURITY,
      GG_SC_STATE,
      GG_SC_NONE,
      "regime_security",
      1},
     GG_SC_NONE},
    {{{"states.<state>.unrest", "Threat u to the regime from unrest (0 calm, 1 open revolt)",
       "share", 0, 1, 0, 0, 0, 1, 0},
      (gg_pid)GG_P2_UNREST,
      GG_SC_STATE,
      GG_SC_NONE,
      "unrest",
      1},
     GG_SC_NONE},
    {{{"states.<state>.conditionality_aversion",
       "Utility kappa lost per unit of a power's conditionality", "utility", 0, 1e6, 0, 0, 0, 1, 0},
      (gg_pid)GG_P2_CONDITIONALITY_AVERSION,
      GG_SC_STATE,
      GG_SC_NONE,
      "conditionality_aversion",
      1},
     GG_SC_NONE},
    {{{"states.<state>.hedging",
       "Weight eta of the hedging capacity (ties beyond the strongest) in the utility of autonomy",
       "utility", 0, 1e6, 0, 0, 0, 1, 0},
      (gg_pid)GG_P2_HEDGING,
      GG_SC_STATE,
      GG_SC_NONE,
      "hedging",
      1},
     GG_SC_NONE},
};

int gg_gg2_param_count(void) {
  return GG_P2_COUNT;
}

const gg_param_info *gg_gg2_param_at(int i) {
  return (i >= 0 && i < GG_P2_COUNT) ? &gg2_params[i].d.info : NULL;
}

int gg_param_count(void) {
  return GG_P_COUNT;
}

const gg_param_info *gg_param_at(int i) {
  return (i >= 0 && i < GG_P_COUNT) ? &gg_params[i].info : NULL;
}

const gg_param_def *gg_param_def_of(gg_pid pid) {
  if ((int)pid >= GG_P2_BASE) return &gg2_params[(int)pid - GG_P2_BASE].d;
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

/* Doubles per value of scope1 (the [i] of an array [i][j]). */
static gg_scope scope3_of(const gg_param_def *d) {
  return (int)d->pid >= GG_P2_BASE ? gg2_params[(int)d->pid - GG_P2_BASE].scope3 : GG_SC_NONE;
}

static size_t row_len(const gg_param_def *d, size_t S, size_t P, size_t C, size_t B) {
  return scope_size(d->scope2, S, P, C, B) * scope_size(scope3_of(d), S, P, C, B);
}

int gg_values_alloc(gg_values *v, int S, int P, int C, int B) {
  return gg_values_alloc_model(v, S, P, C, B, 1);
}

int gg_values_alloc_model(gg_values *v, int S, int P, int C, int B, int model) {
  size_t s = (size_t)S, p = (size_t)P, c = (size_t)C, b = (size_t)B, n = 0;
  size_t len[GG_P_VALUES], len2[GG_P2_COUNT + 2];
  for (int d = 0; d < GG_P_VALUES; d++) {
    len[d] = scope_size(gg_params[d].scope1, s, p, c, b) * row_len(&gg_params[d], s, p, c, b);
    n += len[d];
  }
  if (model == 2) {
    for (int d = 0; d < GG_P2_COUNT; d++) {
      len2[d] =
          scope_size(gg2_params[d].d.scope1, s, p, c, b) * row_len(&gg2_params[d].d, s, p, c, b);
      n += len2[d];
    }
    len2[GG_V2_GUARANTOR] = c;
    len2[GG_V2_LISTED] = p * c;
    n += c + p * c;
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
  if (model == 2)
    for (int d = 0; d < GG_P2_COUNT + 2; d++) {
      v->g2[d] = q;
      q += len2[d];
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
  for (int d = 0; d < GG_P2_COUNT + 2; d++)
    if (src->g2[d]) dst->g2[d] = block + (src->g2[d] - src->block);
  dst->block = block;
  return 0;
}

void gg_values_free(gg_values *v) {
  gg_free(v->block);
  memset(v, 0, sizeof *v);
}

double *gg_values_ref(const gg_scenario *sc, gg_values *v, gg_target t) {
  size_t S = (size_t)sc->S, P = (size_t)sc->P, C = (size_t)sc->C, B = (size_t)sc->B;
  if (t.pid >= GG_P2_BASE && t.pid < GG_P2_END && v->g2[t.pid - GG_P2_BASE]) {
    size_t n2 = row_len(&gg2_params[t.pid - GG_P2_BASE].d, S, P, C, B);
    return &v->g2[t.pid - GG_P2_BASE][(size_t)t.i * n2 + (size_t)t.j];
  }
  if (t.pid < 0 || t.pid >= GG_P_VALUES) return NULL;
  size_t n2 = row_len(&gg_params[t.pid], S, P, C, B);
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

/* The scenario's id of scope `s` nearest to `id` (ggl_closest; none for a
   single character), or NULL. */
static const char *scope_nearest(const gg_scenario *sc, gg_scope s, const char *id) {
  char **ids = s == GG_SC_CHANNEL ? sc->channel_id
               : s == GG_SC_POWER ? sc->power_id
               : s == GG_SC_STATE ? sc->state_id
               : s == GG_SC_BLOC  ? sc->bloc_id
                                  : NULL;
  int n = s == GG_SC_CHANNEL ? sc->C : s == GG_SC_POWER ? sc->P : s == GG_SC_STATE ? sc->S : sc->B;
  if (!ids || strlen(id) <= 1) return NULL;
  return ggl_closest(id, (const char *const *)ids, n);
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

/* Match the split path against row `def`. 1 with the targets in *out and
   their number in *count, 0 when the row does not match, -1 with err. */
static int match_row(const gg_scenario *sc, const gg_param_def *def, char **tok, int n,
                     const char *clean, gg_target **out, int *count, gg_error *err) {
  char pbuf[128], *ptok[MAX_TOKENS];
  strcpy(pbuf, def->info.path);
  int pn = split_path(pbuf, ptok);
  if (pn != n) return 0;
  int idx[3] = {0, 0, 0}, all[3] = {0, 0, 0}, k = 0;
  gg_scope scopes[3] = {def->scope1, def->scope2, scope3_of(def)};
  int lit = 1; /* the literal parts match */
  for (int j = 0; j < n; j++)
    if (ptok[j][0] != '<' && strcmp(ptok[j], tok[j]) != 0) lit = 0;
  if (!lit) return 0;
  if ((int)def->pid >= GG_P2_BASE && sc->model != 2) {
    gg_err_set(err,
               "%s: a GG-2 parameter, but this scenario runs GG-1 (GG-2 needs \"format\": 2 and "
               "\"model\": \"GG-2\")",
               clean);
    return -1;
  }
  for (int i = 0; i < n; i++) {
    if (ptok[i][0] != '<') continue;
    if (strcmp(tok[i], "*") == 0) {
      all[k] = 1;
    } else {
      idx[k] = scope_index(sc, scopes[k], tok[i]);
      if (idx[k] < 0) {
        char cid[80];
        gg_err_clean(cid, sizeof cid, tok[i], 60);
        const char *near = scope_nearest(sc, scopes[k], tok[i]);
        if (near)
          gg_err_set(err, "%s: no %s with id \"%s\"; did you mean \"%s\"?", clean,
                     scope_name(scopes[k]), cid, near);
        else
          gg_err_set(err, "%s: no %s with id \"%s\"", clean, scope_name(scopes[k]), cid);
        return -1;
      }
    }
    k++;
  }
  int cnt[3];
  for (int a = 0; a < 3; a++)
    cnt[a] = scopes[a] == GG_SC_NONE ? 1 : (all[a] ? scope_count(sc, scopes[a]) : 1);
  /* channel_priority: only the channels a power lists have weights of their own */
  const double *listed = def->pid == (gg_pid)GG_P2_CHANNEL_PRIORITY ? sc->v.g2[GG_V2_LISTED] : NULL;
  if (listed && !all[0] && !all[1] && !listed[idx[0] * sc->C + idx[1]]) {
    gg_err_set(err,
               "%s: power \"%s\" gives no channel_priority for channel \"%s\" (it allocates that "
               "channel by priority); list the channel in the power's channel_priority first",
               clean, sc->power_id[idx[0]], sc->channel_id[idx[1]]);
    return -1;
  }
  size_t total = (size_t)cnt[0] * (size_t)cnt[1] * (size_t)cnt[2];
  gg_target *t = gg_calloc(total + 1, sizeof *t);
  if (!t) {
    gg_err_set(err, "%s: out of memory", clean);
    return -1;
  }
  int m = 0, n3 = scopes[2] == GG_SC_NONE ? 1 : scope_count(sc, scopes[2]);
  t[0].pid = def->pid; /* even when a `*` matches nothing */
  for (int a = 0; a < cnt[0]; a++)
    for (int b = 0; b < cnt[1]; b++)
      for (int c = 0; c < cnt[2]; c++) {
        int i0 = all[0] ? a : idx[0], i1 = all[1] ? b : idx[1], i2 = all[2] ? c : idx[2];
        if (listed && !listed[i0 * sc->C + i1]) continue;
        t[m].pid = def->pid;
        t[m].i = i0;
        t[m].j = scopes[2] == GG_SC_NONE ? i1 : i1 * n3 + i2;
        m++;
      }
  *out = t;
  *count = m;
  return 1;
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
  for (int d = 0; n > 0 && d < GG_P_COUNT + GG_P2_COUNT; d++) {
    const gg_param_def *def = d < GG_P_COUNT ? &gg_params[d] : &gg2_params[d - GG_P_COUNT].d;
    int count = 0, rc = match_row(sc, def, tok, n, clean, out, &count, err);
    if (rc < 0) return -1;
    if (rc > 0) return count;
  }
  /* did you mean: the pattern, with the path's own ids in place, nearest to the path */
  const char *best = NULL;
  char cand[512], best_text[512];
  int bestd = 99, rows = GG_P_COUNT + (sc->model == 2 ? GG_P2_COUNT : 0);
  for (int d = 0; n > 0 && d < rows; d++) {
    const gg_param_def *def = d < GG_P_COUNT ? &gg_params[d] : &gg2_params[d - GG_P_COUNT].d;
    strcpy(pbuf, def->info.path);
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
      best = def->info.path;
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
