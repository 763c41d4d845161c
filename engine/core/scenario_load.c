/* Scenario formats 1 (GG-1) and 2 (GG-2): from JSON text to a validated
   gg_scenario. Every rule of the formats is checked here; an error names the
   file and the JSON path. */
#include "internal.h"
#include "load_util.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *TOP_KEYS[] = {"format",  "name",     "description", "time",     "seed",
                                 "outputs", "channels", "powers",      "defaults", "states",
                                 "blocs",   "events",   "measurement"};
static const char *TIME_KEYS[] = {"start", "step", "ticks"};
static const char *OUTPUT_KEYS[] = {"weight"};
static const char *CHANNEL_KEYS[] = {"id", "half_life", "unit", "name"};
static const char *POWER_KEYS[] = {"id",    "name",   "color",   "strategy",
                                   "focus", "budget", "priority"};
static const char *STATE_KEYS[] = {"id",
                                   "name",
                                   "population",
                                   "gdp",
                                   "alignment",
                                   "affinity",
                                   "stocks",
                                   "neighbours",
                                   "outline",
                                   "autonomy",
                                   "responsiveness",
                                   "decisiveness",
                                   "backlash",
                                   "neighbour_weight",
                                   "noise",
                                   "weights",
                                   "saturation"};
static const char *DEFAULT_KEYS[] = {"autonomy", "responsiveness",   "decisiveness",
                                     "backlash", "neighbour_weight", "noise",
                                     "weights",  "saturation",       "affinity"};
static const char *BACKLASH_KEYS[] = {"strength", "threshold"};
static const char *BLOC_KEYS[] = {"id", "name", "sponsors", "bonus", "multipliers", "members"};
static const char *MEMBER_KEYS[] = {"state", "from", "until"};
#define NK(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Format 2 (GG-2): every key of format 1, and these. */
static const char *TOP_KEYS_MODEL[] = {"format",  "name",     "description", "time",     "seed",
                                       "outputs", "channels", "powers",      "defaults", "states",
                                       "blocs",   "events",   "measurement", "model"};
static const char *CHANNEL_KEYS2[] = {"id",         "half_life",  "unit",     "name",
                                      "visibility", "dependence", "guarantor"};
static const char *POWER_KEYS2[] = {"id",
                                    "name",
                                    "color",
                                    "strategy",
                                    "focus",
                                    "budget",
                                    "priority",
                                    "channel_priority",
                                    "conditionality"};
static const char *STATE_KEYS2[] = {"id",
                                    "name",
                                    "population",
                                    "gdp",
                                    "alignment",
                                    "affinity",
                                    "stocks",
                                    "neighbours",
                                    "outline",
                                    "autonomy",
                                    "responsiveness",
                                    "decisiveness",
                                    "backlash",
                                    "neighbour_weight",
                                    "noise",
                                    "weights",
                                    "saturation",
                                    "ties_pull",
                                    "leverage",
                                    "regime_security",
                                    "unrest",
                                    "conditionality_aversion",
                                    "hedging"};
static const char *DEFAULT_KEYS2[] = {"autonomy",         "responsiveness",
                                      "decisiveness",     "backlash",
                                      "neighbour_weight", "noise",
                                      "weights",          "saturation",
                                      "affinity",         "ties_pull",
                                      "leverage",         "regime_security",
                                      "unrest",           "conditionality_aversion",
                                      "hedging"};
/* GG-2's state parameters: optional, with the table's defaults. */
static const gg_p2id STATE_SCALARS2[] = {GG_P2_TIES_PULL,
                                         GG_P2_LEVERAGE,
                                         GG_P2_REGIME_SECURITY,
                                         GG_P2_UNREST,
                                         GG_P2_CONDITIONALITY_AVERSION,
                                         GG_P2_HEDGING};
#define NS2 ((int)(sizeof STATE_SCALARS2 / sizeof STATE_SCALARS2[0]))

/* The keys of an object: format 2's list in a GG-2 scenario; in a GG-1
   scenario format 1's, with a message that says so for a GG-2 key. */
static int check_keys(ld *L, const gg_scenario *sc, const cJSON *obj, const char *path,
                      const char **k1, int n1, const char **k2, int n2) {
  if (sc->model == 2) return ggl_ld_keys(L, obj, path, k2, n2);
  for (const cJSON *it = obj->child; it; it = it->next) {
    int in1 = 0, in2 = 0;
    for (int i = 0; i < n1 && !in1; i++)
      in1 = strcmp(it->string, k1[i]) == 0;
    for (int i = 0; i < n2 && !in2; i++)
      in2 = strcmp(it->string, k2[i]) == 0;
    if (in2 && !in1) {
      char p[LD_PATH];
      ggl_ld_key(p, path, it->string);
      return ggl_ld_fail(L, p,
                         "a GG-2 key, but this scenario runs GG-1 (GG-2 needs \"format\": 2 and "
                         "\"model\": \"GG-2\")");
    }
  }
  return ggl_ld_keys(L, obj, path, k1, n1);
}

static double *g2_array(gg_scenario *sc, gg_p2id id) {
  return sc->v.g2[id - GG_P2_BASE];
}

/* ---- ids ---------------------------------------------------------------- */

static int collect_ids(ld *L, const cJSON *arr, const char *path, const char *what, int min,
                       int max, char ***ids_out, int *n_out) {
  char one[32]; /* "channels" -> "channel" */
  snprintf(one, sizeof one, "%.*s", (int)strlen(what) - 1, what);
  if (!cJSON_IsArray(arr)) return ggl_ld_type(L, path, arr, "an array");
  int n = cJSON_GetArraySize(arr);
  if (n < min || n > max)
    return ggl_ld_fail(L, path, "must hold %d to %d %s, got %d", min, max, what, n);
  char **ids = gg_calloc((size_t)(n ? n : 1), sizeof *ids);
  if (!ids) return ggl_ld_oom(L);
  *ids_out = ids;
  *n_out = n;
  int i = 0;
  for (const cJSON *it = arr->child; it; it = it->next, i++) {
    char p[LD_PATH], q[LD_PATH];
    ggl_ld_index(p, path, i);
    if (!cJSON_IsObject(it)) return ggl_ld_type(L, p, it, "an object");
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(it, "id");
    ggl_ld_key(q, p, "id");
    if (!id) return ggl_ld_fail(L, q, "missing (every %s needs an id)", one);
    if (!cJSON_IsString(id)) return ggl_ld_type(L, q, id, "a string");
    if (ggl_ld_check_id(L, q, id->valuestring) != 0) return -1;
    ids[i] = gg_strdup(id->valuestring);
    if (!ids[i]) return ggl_ld_oom(L);
  }
  /* uniqueness: sort a copy of the indices */
  for (int a = 0; a < n; a++)
    for (int b = a + 1; b < n && n <= 1024; b++)
      if (strcmp(ids[a], ids[b]) == 0) {
        char p[LD_PATH], q[LD_PATH];
        ggl_ld_index(p, path, b);
        ggl_ld_key(q, p, "id");
        return ggl_ld_fail(L, q, "duplicate id \"%s\" (also %s[%d])", ids[b], path, a);
      }
  return 0;
}

static int build_state_hash(ld *L, gg_scenario *sc, const char *path) {
  int cap = 16;
  while (cap < 2 * sc->S)
    cap *= 2;
  sc->state_hash = gg_calloc((size_t)cap, sizeof(int));
  if (!sc->state_hash) return ggl_ld_oom(L);
  sc->state_hash_cap = cap;
  for (int s = 0; s < sc->S; s++) {
    unsigned h = ggl_ld_hash(sc->state_id[s]) & (unsigned)(cap - 1);
    while (sc->state_hash[h]) {
      int o = sc->state_hash[h] - 1;
      if (strcmp(sc->state_id[o], sc->state_id[s]) == 0) {
        char p[LD_PATH], q[LD_PATH];
        ggl_ld_index(p, path, s);
        ggl_ld_key(q, p, "id");
        return ggl_ld_fail(L, q, "duplicate id \"%s\" (also %s[%d])", sc->state_id[s], path, o);
      }
      h = (h + 1) & (unsigned)(cap - 1);
    }
    sc->state_hash[h] = s + 1;
  }
  return 0;
}

/* ---- time ---------------------------------------------------------------- */

static int load_time(ld *L, gg_scenario *sc, const cJSON *root) {
  const cJSON *t = cJSON_GetObjectItemCaseSensitive(root, "time");
  if (!t) return ggl_ld_fail(L, "$.time", "missing (an object with start, step and ticks)");
  if (!cJSON_IsObject(t)) return ggl_ld_type(L, "$.time", t, "an object");
  if (ggl_ld_keys(L, t, "$.time", TIME_KEYS, NK(TIME_KEYS))) return -1;
  static const char *steps[] = {"month", "quarter", "year"};
  int step;
  if (ggl_ld_enum(L, t, "step", "$.time.step", steps, 3, -1, &step)) return -1;
  sc->step = (gg_step)step;
  const cJSON *start = cJSON_GetObjectItemCaseSensitive(t, "start");
  if (!start) return ggl_ld_fail(L, "$.time.start", "missing (a date like \"2020-01\")");
  if (!cJSON_IsString(start)) return ggl_ld_type(L, "$.time.start", start, "a string");
  static const char *forms[] = {"\"YYYY-MM\" (step month)", "\"YYYY-Qn\" (step quarter)",
                                "\"YYYY\" (step year)"};
  if (ggl_ld_parse_date_form(sc->step, start->valuestring, &sc->start_year, &sc->start_sub) != 0) {
    char c[120];
    gg_err_clean(c, sizeof c, start->valuestring, 60);
    return ggl_ld_fail(L, "$.time.start", "expected a date of the form %s, got \"%s\"",
                       forms[sc->step], c);
  }
  double ticks;
  if (ggl_ld_number(L, t, "ticks", "$.time.ticks", &ticks, 1) < 0) return -1;
  if (ggl_ld_check_param(L, "$.time.ticks", ticks, gg_param_def_of(GG_P_TICKS))) return -1;
  sc->ticks = (int)ticks;
  return 0;
}

static int load_seed(ld *L, gg_scenario *sc, const cJSON *root, const char *text, size_t len) {
  const cJSON *s = cJSON_GetObjectItemCaseSensitive(root, "seed");
  sc->seed = 1;
  if (!s) return 0;
  if (!cJSON_IsNumber(s)) return ggl_ld_type(L, "$.seed", s, "an unsigned 64-bit integer");
  char raw[1024] = "";
  if (gg_json_top_number(text, len, "seed", raw, sizeof raw) == 0 &&
      strspn(raw, "0123456789") == strlen(raw)) {
    char *end;
    errno = 0;
    unsigned long long v = strtoull(raw, &end, 10);
    if (errno || *end)
      return ggl_ld_fail(L, "$.seed",
                         "must be an unsigned 64-bit integer (0 to 18446744073709551615), got %s",
                         raw);
    sc->seed = (uint64_t)v;
    return 0;
  }
  double d = s->valuedouble;
  if (!(d >= 0 && d < 18446744073709551616.0 && d == floor(d)))
    return ggl_ld_fail(L, "$.seed",
                       "must be an unsigned 64-bit integer (0 to 18446744073709551615), got %.17g",
                       d);
  /* A non-zero number too small for a double (1e-400) reads as 0: refuse it. */
  if (d == 0 && raw[0] && strcspn(raw, "123456789") < strcspn(raw, "eE"))
    return ggl_ld_fail(
        L, "$.seed", "must be an unsigned 64-bit integer (0 to 18446744073709551615), got %s", raw);
  sc->seed = (uint64_t)d;
  return 0;
}

/* ---- channels and powers ------------------------------------------------- */

/* A channel's GG-2 keys: visibility, dependence, guarantor. */
static int load_channel_gg2(ld *L, gg_scenario *sc, const cJSON *it, const char *p, int i) {
  char q[LD_PATH];
  static const gg_p2id ids[] = {GG_P2_VISIBILITY, GG_P2_DEPENDENCE};
  for (int k = 0; k < 2; k++) {
    const gg_param_def *d = gg_param_def_of((gg_pid)ids[k]);
    double *dst = &g2_array(sc, ids[k])[i];
    *dst = d->info.def;
    ggl_ld_key(q, p, d->key);
    if (ggl_ld_param(L, it, d->key, q, d, dst, 0) < 0) return -1;
  }
  const cJSON *g = cJSON_GetObjectItemCaseSensitive(it, "guarantor");
  ggl_ld_key(q, p, "guarantor");
  if (g && !cJSON_IsBool(g)) return ggl_ld_type(L, q, g, "true or false");
  sc->v.g2[GG_V2_GUARANTOR][i] = g && cJSON_IsTrue(g) ? 1.0 : 0.0;
  return 0;
}

static int load_channels(ld *L, gg_scenario *sc, const cJSON *arr) {
  int i = 0;
  for (const cJSON *it = arr->child; it; it = it->next, i++) {
    char p[LD_PATH], q[LD_PATH];
    ggl_ld_index(p, "$.channels", i);
    if (check_keys(L, sc, it, p, CHANNEL_KEYS, NK(CHANNEL_KEYS), CHANNEL_KEYS2, NK(CHANNEL_KEYS2)))
      return -1;
    ggl_ld_key(q, p, "half_life");
    if (ggl_ld_param(L, it, "half_life", q, gg_param_def_of(GG_P_HALF_LIFE), &sc->v.half_life[i],
                     1) < 0)
      return -1;
    if (ggl_ld_string(L, it, "name", p, &sc->channel_name[i], 0) < 0 ||
        ggl_ld_string(L, it, "unit", p, &sc->channel_unit[i], 0) < 0)
      return -1;
    if (sc->model == 2 && load_channel_gg2(L, sc, it, p, i)) return -1;
  }
  return 0;
}

/* A power's GG-2 keys: conditionality and channel_priority (channel ->
   state -> weight; states not named in a listed channel get 0, channels not
   listed are allocated by priority). */
static int load_power_gg2(ld *L, gg_scenario *sc, const cJSON *it, const char *p, int i) {
  char q[LD_PATH];
  const gg_param_def *d = gg_param_def_of((gg_pid)GG_P2_CONDITIONALITY);
  ggl_ld_key(q, p, "conditionality");
  if (ggl_ld_param(L, it, "conditionality", q, d, &g2_array(sc, GG_P2_CONDITIONALITY)[i], 0) < 0)
    return -1;
  const cJSON *cp = cJSON_GetObjectItemCaseSensitive(it, "channel_priority");
  ggl_ld_key(q, p, "channel_priority");
  if (!cp) return 0;
  if (!cJSON_IsObject(cp))
    return ggl_ld_type(L, q, cp, "an object of channel -> {state -> weight}");
  const gg_param_def *dp = gg_param_def_of((gg_pid)GG_P2_CHANNEL_PRIORITY);
  for (const cJSON *ch = cp->child; ch; ch = ch->next) {
    char r[LD_PATH];
    ggl_ld_key(r, q, ch->string);
    int c = gg_channel_index(sc, ch->string);
    if (c < 0) return ggl_ld_unknown_ref(L, r, "channel", ch->string, sc->channel_id, sc->C, NULL);
    if (!cJSON_IsObject(ch)) return ggl_ld_type(L, r, ch, "an object of state -> weight");
    double *dst = &g2_array(sc, GG_P2_CHANNEL_PRIORITY)[((size_t)i * sc->C + c) * sc->S];
    if (ggl_ld_map(L, cp, ch->string, r, LD_STATE, sc, dp, dst, NULL, 1) < 0) return -1;
    sc->v.g2[GG_V2_LISTED][i * sc->C + c] = 1.0;
  }
  return 0;
}

static int load_powers(ld *L, gg_scenario *sc, const cJSON *arr) {
  int i = 0;
  for (const cJSON *it = arr->child; it; it = it->next, i++) {
    char p[LD_PATH], q[LD_PATH];
    ggl_ld_index(p, "$.powers", i);
    if (check_keys(L, sc, it, p, POWER_KEYS, NK(POWER_KEYS), POWER_KEYS2, NK(POWER_KEYS2)))
      return -1;
    if (ggl_ld_string(L, it, "name", p, &sc->power_name[i], 1) < 0) return -1;
    const cJSON *color = cJSON_GetObjectItemCaseSensitive(it, "color");
    ggl_ld_key(q, p, "color");
    if (color) {
      if (!cJSON_IsString(color)) return ggl_ld_type(L, q, color, "a colour \"#rrggbb\"");
      if (ggl_ld_parse_color(color->valuestring, &sc->power_color[i]) != 0) {
        char c[80];
        gg_err_clean(c, sizeof c, color->valuestring, 40);
        return ggl_ld_fail(L, q, "expected a colour \"#rrggbb\", got \"%s\"", c);
      }
      sc->power_color_set[i] = 1;
    }
    static const char *strategies[] = {"fixed", "contest"};
    int st;
    ggl_ld_key(q, p, "strategy");
    if (ggl_ld_enum(L, it, "strategy", q, strategies, 2, 0, &st)) return -1;
    sc->strategy[i] = (gg_strategy)st;
    ggl_ld_key(q, p, "focus");
    sc->v.focus[i] = 1.0;
    if (ggl_ld_param(L, it, "focus", q, gg_param_def_of(GG_P_FOCUS), &sc->v.focus[i], 0) < 0)
      return -1;
    ggl_ld_key(q, p, "budget");
    if (ggl_ld_map(L, it, "budget", q, LD_CHANNEL, sc, gg_param_def_of(GG_P_BUDGET),
                   &sc->v.budget[i * sc->C], NULL, 1) < 0)
      return -1;
    ggl_ld_key(q, p, "priority");
    const cJSON *prio = cJSON_GetObjectItemCaseSensitive(it, "priority");
    if (!prio) {
      for (int s = 0; s < sc->S; s++)
        sc->v.priority[i * sc->S + s] = 1.0;
    } else if (ggl_ld_map(L, it, "priority", q, LD_STATE, sc, gg_param_def_of(GG_P_PRIORITY),
                          &sc->v.priority[i * sc->S], NULL, 1) < 0) {
      return -1;
    }
    if (sc->model == 2 && load_power_gg2(L, sc, it, p, i)) return -1;
  }
  return 0;
}

/* ---- states -------------------------------------------------------------- */

static const gg_pid STATE_SCALARS[] = {
    GG_P_AUTONOMY,           GG_P_RESPONSIVENESS,   GG_P_DECISIVENESS, GG_P_BACKLASH_STRENGTH,
    GG_P_BACKLASH_THRESHOLD, GG_P_NEIGHBOUR_WEIGHT, GG_P_NOISE};

static double *scalar_array(gg_scenario *sc, gg_pid pid) {
  gg_target t = {pid, 0, 0};
  return gg_values_ref(sc, &sc->v, t);
}

/* Look up a state parameter by its key ("backlash.strength") in an object. */
static const cJSON *param_item(const cJSON *obj, const char *key, char *path, const char *base) {
  const char *dot = strchr(key, '.');
  if (!obj) return NULL;
  if (!dot) {
    ggl_ld_key(path, base, key);
    return cJSON_GetObjectItemCaseSensitive(obj, key);
  }
  char head[32];
  snprintf(head, sizeof head, "%.*s", (int)(dot - key), key);
  const cJSON *sub = cJSON_GetObjectItemCaseSensitive(obj, head);
  char mid[LD_PATH];
  ggl_ld_key(mid, base, head);
  ggl_ld_key(path, mid, dot + 1);
  return cJSON_IsObject(sub) ? cJSON_GetObjectItemCaseSensitive(sub, dot + 1) : NULL;
}

/* Check the shape shared by a state and `defaults` (backlash object, maps). */
static int check_param_shapes(ld *L, gg_scenario *sc, const cJSON *obj, const char *base,
                              int is_default) {
  char q[LD_PATH];
  const cJSON *bl = cJSON_GetObjectItemCaseSensitive(obj, "backlash");
  ggl_ld_key(q, base, "backlash");
  if (bl) {
    if (!cJSON_IsObject(bl)) return ggl_ld_type(L, q, bl, "an object with strength and threshold");
    if (ggl_ld_keys(L, bl, q, BACKLASH_KEYS, NK(BACKLASH_KEYS))) return -1;
  }
  for (size_t k = 0; k < sizeof STATE_SCALARS / sizeof STATE_SCALARS[0]; k++) {
    const gg_param_def *d = gg_param_def_of(STATE_SCALARS[k]);
    const cJSON *item = param_item(obj, d->key, q, base);
    if (item) {
      double v;
      if (ggl_ld_value(L, item, q, d, &v)) return -1;
    }
  }
  double scratch[GG_MAX_POWERS > GG_MAX_CHANNELS ? GG_MAX_POWERS : GG_MAX_CHANNELS];
  ggl_ld_key(q, base, "weights");
  if (ggl_ld_map(L, obj, "weights", q, LD_CHANNEL, sc, gg_param_def_of(GG_P_WEIGHTS), scratch, NULL,
                 0) < 0)
    return -1;
  ggl_ld_key(q, base, "saturation");
  if (ggl_ld_map(L, obj, "saturation", q, LD_CHANNEL, sc, gg_param_def_of(GG_P_SATURATION), scratch,
                 NULL, 0) < 0)
    return -1;
  ggl_ld_key(q, base, "affinity");
  if (ggl_ld_map(L, obj, "affinity", q, LD_POWER, sc, gg_param_def_of(GG_P_AFFINITY), scratch, NULL,
                 0) < 0)
    return -1;
  for (int k = 0; k < NS2 && sc->model == 2; k++) {
    const gg_param_def *d = gg_param_def_of((gg_pid)STATE_SCALARS2[k]);
    ggl_ld_key(q, base, d->key);
    if (ggl_ld_param(L, obj, d->key, q, d, scratch, 0) < 0) return -1;
  }
  (void)is_default;
  return 0;
}

static int load_state_params(ld *L, gg_scenario *sc, const cJSON *st, const char *p,
                             const cJSON *defs, int s) {
  char q[LD_PATH], dq[LD_PATH];
  for (int k = 0; k < NS2 && sc->model == 2; k++) { /* optional: state, defaults, table */
    const gg_param_def *d = gg_param_def_of((gg_pid)STATE_SCALARS2[k]);
    double *dst = &g2_array(sc, STATE_SCALARS2[k])[s];
    *dst = d->info.def;
    ggl_ld_key(q, p, d->key);
    ggl_ld_key(dq, "$.defaults", d->key);
    int rc = ggl_ld_param(L, st, d->key, q, d, dst, 0);
    if (rc < 0 || (rc == 0 && defs && ggl_ld_param(L, defs, d->key, dq, d, dst, 0) < 0)) return -1;
  }
  for (size_t k = 0; k < sizeof STATE_SCALARS / sizeof STATE_SCALARS[0]; k++) {
    const gg_param_def *d = gg_param_def_of(STATE_SCALARS[k]);
    const cJSON *item = param_item(st, d->key, q, p);
    const cJSON *ditem = param_item(defs, d->key, dq, "$.defaults");
    const cJSON *use = item ? item : ditem;
    if (!use) return ggl_ld_fail(L, q, "missing: set it in the state or in %s", dq);
    if (ggl_ld_value(L, use, item ? q : dq, d, &scalar_array(sc, d->pid)[s])) return -1;
  }
  static const gg_pid maps[] = {GG_P_WEIGHTS, GG_P_SATURATION, GG_P_AFFINITY};
  for (int k = 0; k < 3; k++) {
    const gg_param_def *d = gg_param_def_of(maps[k]);
    int per_power = maps[k] == GG_P_AFFINITY;
    int n = per_power ? sc->P : sc->C;
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(st, d->key);
    const cJSON *dm = defs ? cJSON_GetObjectItemCaseSensitive(defs, d->key) : NULL;
    double *dst = per_power                 ? &sc->v.affinity[s * sc->P]
                  : maps[k] == GG_P_WEIGHTS ? &sc->v.weights[s * sc->C]
                                            : &sc->v.saturation[s * sc->C];
    for (int j = 0; j < n; j++) {
      const char *id = per_power ? sc->power_id[j] : sc->channel_id[j];
      const cJSON *item = m ? cJSON_GetObjectItemCaseSensitive(m, id) : NULL;
      const cJSON *ditem = dm ? cJSON_GetObjectItemCaseSensitive(dm, id) : NULL;
      char base[LD_PATH], dbase[LD_PATH];
      ggl_ld_key(base, p, d->key);
      ggl_ld_key(q, base, id);
      ggl_ld_key(dbase, "$.defaults", d->key);
      ggl_ld_key(dq, dbase, id);
      const cJSON *use = item ? item : ditem;
      if (!use) {
        if (per_power) {
          dst[j] = 0.0;
          continue;
        }
        return ggl_ld_fail(L, q, "missing: set it in the state or in %s", dq);
      }
      if (ggl_ld_value(L, use, item ? q : dq, d, &dst[j])) return -1;
    }
  }
  return 0;
}

static int load_alignment(ld *L, gg_scenario *sc, const cJSON *st, const char *p, int s) {
  char q[LD_PATH];
  ggl_ld_key(q, p, "alignment");
  const cJSON *al = cJSON_GetObjectItemCaseSensitive(st, "alignment");
  if (!al) return ggl_ld_fail(L, q, "missing (component -> share, e.g. {\"autonomy\": 1})");
  if (!cJSON_IsObject(al)) return ggl_ld_type(L, q, al, "an object of component -> share");
  double *a = &sc->alignment[s * (sc->P + 1)];
  double sum = 0;
  for (const cJSON *it = al->child; it; it = it->next) {
    char r[LD_PATH];
    ggl_ld_key(r, q, it->string);
    int k = strcmp(it->string, "autonomy") == 0 ? 0 : gg_power_index(sc, it->string) + 1;
    if (k == 0 && strcmp(it->string, "autonomy") != 0)
      return ggl_ld_unknown_ref(L, r, "component", it->string, sc->power_id, sc->P, "autonomy");
    if (!cJSON_IsNumber(it) || !isfinite(it->valuedouble)) return ggl_ld_type(L, r, it, "a number");
    double v = it->valuedouble;
    if (!(v >= 0 && v <= 1))
      return ggl_ld_fail(L, r, "must be between 0 and 1, got %s",
                         gg_fmt_num(L->scratch, sizeof L->scratch, v));
    a[k] = v;
    sum += v;
  }
  if (!(fabs(sum - 1.0) <= 1e-6))
    return ggl_ld_fail(L, q, "shares must sum to 1 (within 1e-6), got %s",
                       gg_fmt_num(L->scratch, sizeof L->scratch, sum));
  return 0;
}

static int load_stocks(ld *L, gg_scenario *sc, const cJSON *st, const char *p, int s) {
  char q[LD_PATH];
  ggl_ld_key(q, p, "stocks");
  const cJSON *so = cJSON_GetObjectItemCaseSensitive(st, "stocks");
  if (!so) return 0;
  if (!cJSON_IsObject(so)) return ggl_ld_type(L, q, so, "an object of power -> channel -> amount");
  for (const cJSON *it = so->child; it; it = it->next) {
    char r[LD_PATH];
    ggl_ld_key(r, q, it->string);
    int pw = gg_power_index(sc, it->string);
    if (pw < 0) return ggl_ld_unknown_ref(L, r, "power", it->string, sc->power_id, sc->P, NULL);
    if (!cJSON_IsObject(it)) return ggl_ld_type(L, r, it, "an object of channel -> amount");
    if (ggl_ld_map(L, so, it->string, r, LD_CHANNEL, sc, &ggl_ld_stock_def,
                   &sc->stocks[(s * sc->P + pw) * sc->C], NULL, 0) < 0)
      return -1;
  }
  return 0;
}

static int load_outline(ld *L, gg_scenario *sc, const cJSON *st, const char *p, int s) {
  char q[LD_PATH];
  ggl_ld_key(q, p, "outline");
  const cJSON *o = cJSON_GetObjectItemCaseSensitive(st, "outline");
  if (!o) return 0;
  if (!cJSON_IsArray(o)) return ggl_ld_type(L, q, o, "an array of [longitude, latitude] pairs");
  int n = cJSON_GetArraySize(o);
  if (n > 100000) return ggl_ld_fail(L, q, "at most 100000 points, got %d", n);
  sc->outline[s] = gg_calloc((size_t)(2 * n + 2), sizeof(double));
  if (!sc->outline[s]) return ggl_ld_oom(L);
  sc->outline_n[s] = n;
  int i = 0;
  for (const cJSON *pt = o->child; pt; pt = pt->next, i++) {
    char r[LD_PATH];
    ggl_ld_index(r, q, i);
    if (!cJSON_IsArray(pt) || cJSON_GetArraySize(pt) != 2 || !cJSON_IsNumber(pt->child) ||
        !cJSON_IsNumber(pt->child->next))
      return ggl_ld_type(L, r, pt, "a [longitude, latitude] pair of numbers");
    double lon = pt->child->valuedouble, lat = pt->child->next->valuedouble;
    if (!(lon >= -180 && lon <= 180))
      return ggl_ld_fail(L, r, "longitude must be between -180 and 180, got %.17g", lon);
    if (!(lat >= -90 && lat <= 90))
      return ggl_ld_fail(L, r, "latitude must be between -90 and 90, got %.17g", lat);
    sc->outline[s][2 * i] = lon;
    sc->outline[s][2 * i + 1] = lat;
  }
  return 0;
}

typedef struct nb_pair {
  int s, n;
  double w;
} nb_pair;

static int cmp_pair(const void *a, const void *b) {
  const nb_pair *x = a, *y = b;
  if (x->s != y->s) return x->s < y->s ? -1 : 1;
  return x->n < y->n ? -1 : x->n > y->n;
}

static int load_neighbours(ld *L, gg_scenario *sc, const cJSON *states) {
  size_t count = 0;
  for (const cJSON *st = states->child; st; st = st->next) {
    const cJSON *nb = cJSON_GetObjectItemCaseSensitive(st, "neighbours");
    if (nb) count += (size_t)cJSON_GetArraySize(nb);
  }
  nb_pair *pairs = gg_calloc(2 * count + 1, sizeof *pairs);
  if (!pairs) return ggl_ld_oom(L);
  size_t np = 0;
  int s = 0;
  for (const cJSON *st = states->child; st; st = st->next, s++) {
    char p[LD_PATH], q[LD_PATH];
    ggl_ld_index(p, "$.states", s);
    ggl_ld_key(q, p, "neighbours");
    const cJSON *nb = cJSON_GetObjectItemCaseSensitive(st, "neighbours");
    if (!nb) continue;
    if (!cJSON_IsObject(nb)) {
      gg_free(pairs);
      return ggl_ld_type(L, q, nb, "an object of state -> weight");
    }
    for (const cJSON *it = nb->child; it; it = it->next) {
      char r[LD_PATH];
      ggl_ld_key(r, q, it->string);
      int n = gg_state_index(sc, it->string);
      if (n < 0) {
        gg_free(pairs);
        return ggl_ld_unknown_ref(L, r, "state", it->string, sc->state_id, sc->S <= 64 ? sc->S : 0,
                                  NULL);
      }
      double w;
      if (ggl_ld_value(L, it, r, &ggl_ld_neighbour_def, &w)) {
        gg_free(pairs);
        return -1;
      }
      pairs[np++] = (nb_pair){s, n, w};
      pairs[np++] = (nb_pair){n, s, w};
    }
  }
  qsort(pairs, np, sizeof *pairs, cmp_pair);
  size_t m = 0; /* merge duplicates, keeping the larger weight; drop zeros */
  for (size_t i = 0; i < np; i++) {
    if (m > 0 && pairs[m - 1].s == pairs[i].s && pairs[m - 1].n == pairs[i].n) {
      if (pairs[i].w > pairs[m - 1].w) pairs[m - 1].w = pairs[i].w;
    } else {
      pairs[m++] = pairs[i];
    }
  }
  sc->nb_start = gg_calloc((size_t)sc->S + 1, sizeof(int));
  sc->nb_index = gg_calloc(m + 1, sizeof(int));
  sc->nb_weight = gg_calloc(m + 1, sizeof(double));
  if (!sc->nb_start || !sc->nb_index || !sc->nb_weight) {
    gg_free(pairs);
    return ggl_ld_oom(L);
  }
  size_t k = 0;
  for (int i = 0; i < sc->S; i++) {
    sc->nb_start[i] = (int)k;
    size_t first = k;
    double sum = 0;
    while (k < m && pairs[k].s == i) {
      sc->nb_index[k] = pairs[k].n;
      sc->nb_weight[k] = pairs[k].w;
      sum += pairs[k].w;
      k++;
    }
    for (size_t j = first; j < k; j++)
      sc->nb_weight[j] = sum > 0 ? sc->nb_weight[j] / sum : 0.0;
  }
  sc->nb_start[sc->S] = (int)k;
  gg_free(pairs);
  return 0;
}

static int load_states(ld *L, gg_scenario *sc, const cJSON *arr, const cJSON *defs) {
  if (defs) {
    if (!cJSON_IsObject(defs)) return ggl_ld_type(L, "$.defaults", defs, "an object");
    if (check_keys(L, sc, defs, "$.defaults", DEFAULT_KEYS, NK(DEFAULT_KEYS), DEFAULT_KEYS2,
                   NK(DEFAULT_KEYS2)))
      return -1;
    if (check_param_shapes(L, sc, defs, "$.defaults", 1)) return -1;
  }
  int s = 0;
  for (const cJSON *st = arr->child; st; st = st->next, s++) {
    char p[LD_PATH], q[LD_PATH];
    ggl_ld_index(p, "$.states", s);
    if (check_keys(L, sc, st, p, STATE_KEYS, NK(STATE_KEYS), STATE_KEYS2, NK(STATE_KEYS2)))
      return -1;
    if (ggl_ld_string(L, st, "name", p, &sc->state_name[s], 1) < 0) return -1;
    ggl_ld_key(q, p, "population");
    if (ggl_ld_param(L, st, "population", q, gg_param_def_of(GG_P_POPULATION), &sc->v.population[s],
                     1) < 0)
      return -1;
    ggl_ld_key(q, p, "gdp");
    if (ggl_ld_param(L, st, "gdp", q, gg_param_def_of(GG_P_GDP), &sc->v.gdp[s], 1) < 0) return -1;
    if (load_alignment(L, sc, st, p, s) || check_param_shapes(L, sc, st, p, 0) ||
        load_state_params(L, sc, st, p, defs, s) || load_stocks(L, sc, st, p, s) ||
        load_outline(L, sc, st, p, s))
      return -1;
  }
  return load_neighbours(L, sc, arr);
}

/* ---- blocs --------------------------------------------------------------- */

static int load_blocs(ld *L, gg_scenario *sc, const cJSON *arr) {
  int total = 0;
  for (const cJSON *it = arr ? arr->child : NULL; it; it = it->next) {
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(it, "members");
    if (cJSON_IsArray(m)) total += cJSON_GetArraySize(m);
  }
  sc->members = gg_calloc((size_t)total + 1, sizeof *sc->members);
  if (!sc->members) return ggl_ld_oom(L);
  int b = 0;
  for (const cJSON *it = arr ? arr->child : NULL; it; it = it->next, b++) {
    char p[LD_PATH], q[LD_PATH];
    ggl_ld_index(p, "$.blocs", b);
    if (ggl_ld_keys(L, it, p, BLOC_KEYS, NK(BLOC_KEYS))) return -1;
    if (ggl_ld_string(L, it, "name", p, &sc->bloc_name[b], 1) < 0) return -1;
    ggl_ld_key(q, p, "sponsors");
    const cJSON *sp = cJSON_GetObjectItemCaseSensitive(it, "sponsors");
    if (!sp) return ggl_ld_fail(L, q, "missing (a list of 1 or more power ids)");
    if (!cJSON_IsArray(sp)) return ggl_ld_type(L, q, sp, "a list of power ids");
    if (cJSON_GetArraySize(sp) < 1)
      return ggl_ld_fail(L, q, "must name 1 or more powers, got none");
    int k = 0;
    for (const cJSON *x = sp->child; x; x = x->next, k++) {
      char r[LD_PATH];
      ggl_ld_index(r, q, k);
      int pw;
      if (ggl_ld_ref(L, x, r, LD_POWER, sc, &pw)) return -1;
      if (sc->sponsor[b * sc->P + pw])
        return ggl_ld_fail(L, r, "power \"%s\" is named twice", sc->power_id[pw]);
      sc->sponsor[b * sc->P + pw] = 1;
    }
    ggl_ld_key(q, p, "bonus");
    if (ggl_ld_param(L, it, "bonus", q, gg_param_def_of(GG_P_BONUS), &sc->v.bonus[b], 0) < 0)
      return -1;
    for (int c = 0; c < sc->C; c++)
      sc->v.multipliers[b * sc->C + c] = 1.0;
    ggl_ld_key(q, p, "multipliers");
    if (ggl_ld_map(L, it, "multipliers", q, LD_CHANNEL, sc, gg_param_def_of(GG_P_MULTIPLIERS),
                   &sc->v.multipliers[b * sc->C], NULL, 0) < 0)
      return -1;
    ggl_ld_key(q, p, "members");
    const cJSON *ms = cJSON_GetObjectItemCaseSensitive(it, "members");
    if (!ms)
      return ggl_ld_fail(
          L, q, "missing (a list of state ids or {\"state\", \"from\", \"until\"} objects)");
    if (!cJSON_IsArray(ms)) return ggl_ld_type(L, q, ms, "a list of members");
    k = 0;
    for (const cJSON *x = ms->child; x; x = x->next, k++) {
      char r[LD_PATH], t[LD_PATH];
      ggl_ld_index(r, q, k);
      gg_member *mb = &sc->members[sc->nmembers];
      mb->bloc = b;
      mb->from = INT_MIN;
      mb->until = INT_MAX;
      if (cJSON_IsString(x)) {
        if (ggl_ld_ref(L, x, r, LD_STATE, sc, &mb->state)) return -1;
      } else if (cJSON_IsObject(x)) {
        if (ggl_ld_keys(L, x, r, MEMBER_KEYS, NK(MEMBER_KEYS))) return -1;
        const cJSON *sid = cJSON_GetObjectItemCaseSensitive(x, "state");
        ggl_ld_key(t, r, "state");
        if (!sid) return ggl_ld_fail(L, t, "missing (the member's state id)");
        if (ggl_ld_ref(L, sid, t, LD_STATE, sc, &mb->state)) return -1;
        const cJSON *f = cJSON_GetObjectItemCaseSensitive(x, "from");
        const cJSON *u = cJSON_GetObjectItemCaseSensitive(x, "until");
        ggl_ld_key(t, r, "from");
        if (f && ggl_ld_time(L, f, t, sc, &mb->from)) return -1;
        ggl_ld_key(t, r, "until");
        if (u && ggl_ld_time(L, u, t, sc, &mb->until)) return -1;
        if (f && u && mb->until <= mb->from)
          return ggl_ld_fail(L, t, "must come after from (tick %d), got tick %d", mb->from,
                             mb->until);
      } else {
        return ggl_ld_type(L, r, x, "a state id or {\"state\", \"from\", \"until\"}");
      }
      sc->nmembers++;
    }
  }
  return 0;
}

/* ---- the whole file ------------------------------------------------------ */

int gg_events_load(ld *L, gg_scenario *sc, const cJSON *arr);

static int alloc_arrays(ld *L, gg_scenario *sc) {
  size_t S = (size_t)sc->S, P = (size_t)sc->P, C = (size_t)sc->C, B = (size_t)sc->B;
  sc->channel_name = gg_calloc(C, sizeof(char *));
  sc->channel_unit = gg_calloc(C, sizeof(char *));
  sc->power_name = gg_calloc(P, sizeof(char *));
  sc->power_color = gg_calloc(P, sizeof(uint32_t));
  sc->power_color_set = gg_calloc(P, sizeof(int));
  sc->strategy = gg_calloc(P, sizeof(gg_strategy));
  sc->state_name = gg_calloc(S, sizeof(char *));
  sc->alignment = gg_calloc(S * (P + 1), sizeof(double));
  sc->stocks = gg_calloc(S * P * C, sizeof(double));
  sc->outline = gg_calloc(S, sizeof(double *));
  sc->outline_n = gg_calloc(S, sizeof(int));
  sc->bloc_name = gg_calloc(B + 1, sizeof(char *));
  sc->sponsor = gg_calloc(B * P + 1, 1);
  if (!sc->channel_name || !sc->channel_unit || !sc->power_name || !sc->power_color ||
      !sc->power_color_set || !sc->strategy || !sc->state_name || !sc->alignment || !sc->stocks ||
      !sc->outline || !sc->outline_n || !sc->bloc_name || !sc->sponsor ||
      gg_values_alloc_model(&sc->v, sc->S, sc->P, sc->C, sc->B, sc->model) != 0)
    return ggl_ld_oom(L);
  return 0;
}

static int load_root(ld *L, gg_scenario *sc, const cJSON *root, const char *text, size_t len) {
  if (!cJSON_IsObject(root)) return ggl_ld_type(L, "$", root, "an object");
  const cJSON *model = cJSON_GetObjectItemCaseSensitive(root, "model");
  /* "model" is a key of its own only where it is given, so that format 1's
     messages about unknown keys stay as they were */
  if (model ? ggl_ld_keys(L, root, "$", TOP_KEYS_MODEL, NK(TOP_KEYS_MODEL))
            : ggl_ld_keys(L, root, "$", TOP_KEYS, NK(TOP_KEYS)))
    return -1;
  const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
  if (!fmt) return ggl_ld_fail(L, "$.format", "missing (this engine reads formats 1 and 2)");
  if (!cJSON_IsNumber(fmt) || (fmt->valuedouble != 1.0 && fmt->valuedouble != 2.0))
    return ggl_ld_fail(L, "$.format", "must be 1 (GG-1) or 2 (GG-2), got %s",
                       ggl_ld_describe(fmt, L->scratch, sizeof L->scratch));
  sc->model = fmt->valuedouble == 2.0 ? 2 : 1;
  const char *want = sc->model == 2 ? "GG-2" : "GG-1";
  if (!model && sc->model == 2)
    return ggl_ld_fail(L, "$.model", "missing (format 2 scenarios say \"model\": \"GG-2\")");
  if (model && !cJSON_IsString(model)) return ggl_ld_type(L, "$.model", model, "a string");
  if (model && strcmp(model->valuestring, want) != 0) {
    char c[80];
    gg_err_clean(c, sizeof c, model->valuestring, 40);
    return ggl_ld_fail(L, "$.model", "must be \"%s\" in a format %d scenario, got \"%s\"", want,
                       sc->model, c);
  }
  if (ggl_ld_string(L, root, "name", "$", &sc->name, 1) < 0 ||
      ggl_ld_string(L, root, "description", "$", &sc->description, 0) < 0)
    return -1;
  if (load_time(L, sc, root) || load_seed(L, sc, root, text, len)) return -1;
  const cJSON *out = cJSON_GetObjectItemCaseSensitive(root, "outputs");
  sc->weight = GG_WEIGHT_POPULATION;
  if (out) {
    if (!cJSON_IsObject(out)) return ggl_ld_type(L, "$.outputs", out, "an object");
    if (ggl_ld_keys(L, out, "$.outputs", OUTPUT_KEYS, NK(OUTPUT_KEYS))) return -1;
    static const char *weights[] = {"population", "gdp", "equal"};
    int w;
    if (ggl_ld_enum(L, out, "weight", "$.outputs.weight", weights, 3, 0, &w)) return -1;
    sc->weight = (gg_weight)w;
  }
  const cJSON *channels = cJSON_GetObjectItemCaseSensitive(root, "channels");
  const cJSON *powers = cJSON_GetObjectItemCaseSensitive(root, "powers");
  const cJSON *states = cJSON_GetObjectItemCaseSensitive(root, "states");
  const cJSON *blocs = cJSON_GetObjectItemCaseSensitive(root, "blocs");
  if (!channels)
    return ggl_ld_fail(L, "$.channels", "missing (a list of 1 to %d channels)", GG_MAX_CHANNELS);
  if (!powers)
    return ggl_ld_fail(L, "$.powers", "missing (a list of 1 to %d powers)", GG_MAX_POWERS);
  if (!states)
    return ggl_ld_fail(L, "$.states", "missing (a list of 1 to %d states)", GG_MAX_STATES);
  if (collect_ids(L, channels, "$.channels", "channels", 1, GG_MAX_CHANNELS, &sc->channel_id,
                  &sc->C) ||
      collect_ids(L, powers, "$.powers", "powers", 1, GG_MAX_POWERS, &sc->power_id, &sc->P) ||
      collect_ids(L, states, "$.states", "states", 1, GG_MAX_STATES, &sc->state_id, &sc->S))
    return -1;
  if (build_state_hash(L, sc, "$.states")) return -1;
  if (blocs && collect_ids(L, blocs, "$.blocs", "blocs", 0, 1024, &sc->bloc_id, &sc->B)) return -1;
  if (alloc_arrays(L, sc)) return -1;
  if (load_channels(L, sc, channels) || load_powers(L, sc, powers) ||
      load_states(L, sc, states, cJSON_GetObjectItemCaseSensitive(root, "defaults")) ||
      load_blocs(L, sc, blocs))
    return -1;
  if (gg_events_load(L, sc, cJSON_GetObjectItemCaseSensitive(root, "events"))) return -1;
  return ggl_measures_load(L, sc, cJSON_GetObjectItemCaseSensitive(root, "measurement"));
}

gg_scenario *gg_scenario_parse(const char *json, size_t len, const char *name, gg_error *err) {
  if (!name) name = "(scenario)";
  if (!json) {
    gg_err_set(err, "%s: no text", name);
    return NULL;
  }
  if (gg_json_check(json, len, name, err) != 0) return NULL;
  size_t skip = (len >= 3 && memcmp(json, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
  cJSON *root = cJSON_ParseWithLength(json + skip, len - skip);
  ld L = {name, err, {0}};
  if (!root) {
    gg_err_set(err, "%s: out of memory while parsing", name);
    return NULL;
  }
  gg_scenario *sc = gg_calloc(1, sizeof *sc);
  if (!sc || !(sc->file = gg_strdup(name))) {
    gg_free(sc);
    cJSON_Delete(root);
    gg_err_set(err, "%s: out of memory", name);
    return NULL;
  }
  int rc = ggl_ld_duplicates(&L, root, "$");
  if (rc == 0) rc = load_root(&L, sc, root, json, len);
  cJSON_Delete(root);
  if (rc != 0) {
    gg_scenario_free(sc);
    return NULL;
  }
  gg_sha256_hex(json, len, sc->sha256);
  sc->text = gg_malloc(len + 1);
  if (!sc->text) {
    gg_scenario_free(sc);
    gg_err_set(err, "%s: out of memory", name);
    return NULL;
  }
  memcpy(sc->text, json, len);
  sc->text[len] = '\0';
  sc->text_len = len;
  return sc;
}

gg_scenario *gg_scenario_load(const char *path, gg_error *err) {
  return gg_scenario_load_ex(path, NULL, err);
}

gg_scenario *gg_scenario_load_ex(const char *path, const gg_read_options *o, gg_error *err) {
  gg_read_options ro = {GG_SCENARIO_MAX_BYTES, 0};
  if (o) ro = *o;
  if (!ro.max_bytes) ro.max_bytes = GG_SCENARIO_MAX_BYTES;
  size_t len;
  char *buf = gg_read_file_ex(path, &ro, &len, err);
  if (!buf) return NULL;
  if (len == 0) {
    char clean[600];
    gg_err_clean(clean, sizeof clean, path, 500);
    gg_free(buf);
    gg_err_set(err, "%s:1:1: empty file, expected a JSON object", clean);
    return NULL;
  }
  gg_scenario *sc = gg_scenario_parse(buf, len, path, err);
  gg_free(buf);
  return sc;
}

gg_scenario *gg_scenario_baseline(gg_error *err) {
  const char *j = gg_baseline_json();
  return gg_scenario_parse(j, strlen(j), "(baseline)", err);
}
