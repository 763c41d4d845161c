/* The `events` list of a scenario: every type, its keys and its times. */
#include "load_util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *EV_NAMES[] = {"budget", "inject", "affinity", "join",
                                 "leave",  "set",    "shock",    "withdraw"};
static const char *K_BUDGET[] = {"type", "at",    "note", "power", "channel",
                                 "set",  "scale", "add",  "until"};
static const char *K_INJECT[] = {"type", "at", "note", "power", "states", "channel", "amount"};
static const char *K_WITHDRAW[] = {"type", "at", "note", "power", "states", "channel", "fraction"};
static const char *K_AFFINITY[] = {"type", "at", "note", "power", "states", "delta", "until"};
static const char *K_JOIN[] = {"type", "at", "note", "state", "bloc"};
static const char *K_SET[] = {"type", "at", "note", "path", "value", "until"};
static const char *K_SHOCK[] = {"type",  "at",     "note",   "hazard",
                                "until", "states", "effect", "once"};
static const char *EFFECT_NAMES[] = {"inject", "affinity", "budget", "set"};
#define NK(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const gg_param_def DEF_SET = {
    {"set", "", "", 0, 1e12, 0, 0, 0, 0, 0}, GG_P_COUNT, 0, 0, "", 0};
static const gg_param_def DEF_SCALE = {
    {"scale", "", "", 0, 1e6, 0, 0, 0, 0, 0}, GG_P_COUNT, 0, 0, "", 0};
static const gg_param_def DEF_SCALE_UNDO = {
    {"scale", "", "", 0, 1e6, 1, 0, 0, 0, 0}, GG_P_COUNT, 0, 0, "", 0};
static const gg_param_def DEF_ADD = {
    {"add", "", "", -1e12, 1e12, 0, 0, 0, 0, 0}, GG_P_COUNT, 0, 0, "", 0};
static const gg_param_def DEF_DELTA = {
    {"delta", "", "", -1e6, 1e6, 0, 0, 0, 0, 0}, GG_P_COUNT, 0, 0, "", 0};
static const gg_param_def DEF_FRACTION = {
    {"fraction", "", "", 0, 1, 0, 0, 0, 0, 0}, GG_P_COUNT, 0, 0, "", 0};
static const gg_param_def DEF_HAZARD = {
    {"hazard", "", "", 0, 1, 0, 0, 0, 0, 0}, GG_P_COUNT, 0, 0, "", 0};

static int req_ref(ld *L, const cJSON *ev, const char *key, const char *p, ld_kind kind,
                   const gg_scenario *sc, int *out) {
  char q[LD_PATH];
  ggl_ld_key(q, p, key);
  const cJSON *it = cJSON_GetObjectItemCaseSensitive(ev, key);
  if (!it) return ggl_ld_fail(L, q, "missing (a %s id)", key);
  return ggl_ld_ref(L, it, q, kind, sc, out);
}

static int load_states_list(ld *L, const cJSON *ev, const char *p, gg_scenario *sc, gg_event *e,
                            int required) {
  char q[LD_PATH];
  ggl_ld_key(q, p, "states");
  const cJSON *it = cJSON_GetObjectItemCaseSensitive(ev, "states");
  int all = 0;
  if (!it) {
    if (required) return ggl_ld_fail(L, q, "missing (a state id, a list of ids, or \"*\")");
    all = 1;
  } else if (cJSON_IsString(it) && strcmp(it->valuestring, "*") == 0) {
    all = 1;
  }
  if (all) { /* every state: no list, states[i] is i */
    e->states = NULL;
    e->nstates = sc->S;
    return 0;
  }
  if (cJSON_IsString(it)) {
    e->states = gg_calloc(1, sizeof(int));
    if (!e->states) return ggl_ld_oom(L);
    e->nstates = 1;
    return ggl_ld_ref(L, it, q, LD_STATE, sc, &e->states[0]);
  }
  if (!cJSON_IsArray(it)) return ggl_ld_type(L, q, it, "a state id, a list of ids, or \"*\"");
  int n = cJSON_GetArraySize(it);
  if (n == 0) return ggl_ld_fail(L, q, "the list names no state");
  e->states = gg_calloc((size_t)n, sizeof(int));
  unsigned char *seen = gg_calloc((size_t)sc->S, 1);
  if (!e->states || !seen) {
    gg_free(seen);
    return ggl_ld_oom(L);
  }
  int i = 0;
  for (const cJSON *x = it->child; x; x = x->next, i++) {
    char r[LD_PATH];
    ggl_ld_index(r, q, i);
    if (ggl_ld_ref(L, x, r, LD_STATE, sc, &e->states[i])) {
      gg_free(seen);
      return -1;
    }
    if (seen[e->states[i]]) {
      gg_free(seen);
      return ggl_ld_fail(L, r, "state \"%s\" is named twice", sc->state_id[e->states[i]]);
    }
    seen[e->states[i]] = 1;
  }
  e->nstates = n;
  gg_free(seen);
  return 0;
}

static int req_value(ld *L, const cJSON *ev, const char *key, const char *p, const gg_param_def *d,
                     double *out) {
  char q[LD_PATH];
  ggl_ld_key(q, p, key);
  return ggl_ld_param(L, ev, key, q, d, out, 1) < 0 ? -1 : 0;
}

static int load_budget_op(ld *L, const cJSON *ev, const char *p, gg_event *e, int has_until) {
  static const char *ops[] = {"set", "scale", "add"};
  int found = -1;
  for (int k = 0; k < 3; k++) {
    if (!cJSON_GetObjectItemCaseSensitive(ev, ops[k])) continue;
    if (found >= 0) {
      char q[LD_PATH];
      ggl_ld_key(q, p, ops[k]);
      return ggl_ld_fail(L, q, "a budget event takes one of set, scale or add, not both %s and %s",
                         ops[found], ops[k]);
    }
    found = k;
  }
  if (found < 0) return ggl_ld_fail(L, p, "a budget event needs one of set, scale or add");
  e->op = (gg_budget_op)found;
  const gg_param_def *d = found == 0   ? &DEF_SET
                          : found == 1 ? (has_until ? &DEF_SCALE_UNDO : &DEF_SCALE)
                                       : &DEF_ADD;
  return req_value(L, ev, ops[found], p, d, &e->value);
}

static int load_set_path(ld *L, const cJSON *ev, const char *p, gg_scenario *sc, gg_event *e) {
  char q[LD_PATH];
  ggl_ld_key(q, p, "path");
  const cJSON *it = cJSON_GetObjectItemCaseSensitive(ev, "path");
  if (!it)
    return ggl_ld_fail(L, q, "missing (a parameter path such as \"states.KZ.responsiveness\")");
  if (!cJSON_IsString(it)) return ggl_ld_type(L, q, it, "a parameter path");
  gg_error perr;
  int n = gg_path_resolve(sc, it->valuestring, &e->targets, &perr);
  if (n < 0) return ggl_ld_fail(L, q, "%s", perr.msg);
  e->ntargets = n;
  const gg_param_def *d = gg_param_def_of((gg_pid)e->targets[0].pid);
  if (!d->info.in_events) {
    char c[100];
    gg_err_clean(c, sizeof c, it->valuestring, 60);
    return ggl_ld_fail(L, q, "\"%s\" cannot be changed by a set event; set it before the run", c);
  }
  char r[LD_PATH];
  ggl_ld_key(r, p, "value");
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(ev, "value");
  if (!v) return ggl_ld_fail(L, r, "missing (a number)");
  return ggl_ld_value(L, v, r, d, &e->value);
}

/* Keys common to events and shock effects, by type. */
static int load_body(ld *L, const cJSON *ev, const char *p, gg_scenario *sc, gg_event *e,
                     int in_effect) {
  switch (e->type) {
  case GG_EV_BUDGET:
    if (req_ref(L, ev, "power", p, LD_POWER, sc, &e->power) ||
        req_ref(L, ev, "channel", p, LD_CHANNEL, sc, &e->channel))
      return -1;
    return load_budget_op(L, ev, p, e, e->until >= 0);
  case GG_EV_INJECT:
    if (req_ref(L, ev, "power", p, LD_POWER, sc, &e->power) ||
        req_ref(L, ev, "channel", p, LD_CHANNEL, sc, &e->channel) ||
        load_states_list(L, ev, p, sc, e, !in_effect))
      return -1;
    return req_value(L, ev, "amount", p, &ggl_ld_stock_def, &e->value);
  case GG_EV_WITHDRAW:
    if (req_ref(L, ev, "power", p, LD_POWER, sc, &e->power) ||
        req_ref(L, ev, "channel", p, LD_CHANNEL, sc, &e->channel) ||
        load_states_list(L, ev, p, sc, e, 1))
      return -1;
    return req_value(L, ev, "fraction", p, &DEF_FRACTION, &e->value);
  case GG_EV_AFFINITY:
    if (req_ref(L, ev, "power", p, LD_POWER, sc, &e->power) ||
        load_states_list(L, ev, p, sc, e, !in_effect))
      return -1;
    return req_value(L, ev, "delta", p, &DEF_DELTA, &e->value);
  case GG_EV_JOIN:
  case GG_EV_LEAVE:
    if (req_ref(L, ev, "state", p, LD_STATE, sc, &e->state) ||
        req_ref(L, ev, "bloc", p, LD_BLOC, sc, &e->bloc))
      return -1;
    return 0;
  case GG_EV_SET:
    return load_set_path(L, ev, p, sc, e);
  case GG_EV_SHOCK:
    break;
  }
  return 0;
}

static int load_type(ld *L, const cJSON *ev, const char *p, const char **names, int n, int *out) {
  char q[LD_PATH];
  ggl_ld_key(q, p, "type");
  return ggl_ld_enum(L, ev, "type", q, names, n, -1, out);
}

static int load_tick(ld *L, const cJSON *ev, const char *key, const char *p, gg_scenario *sc,
                     int *out) {
  char q[LD_PATH];
  ggl_ld_key(q, p, key);
  const cJSON *it = cJSON_GetObjectItemCaseSensitive(ev, key);
  if (!it) return ggl_ld_fail(L, q, "missing (a tick number or a date)");
  return ggl_ld_time(L, it, q, sc, out);
}

static int load_effect(ld *L, const cJSON *ev, const char *p, gg_scenario *sc, gg_event *e) {
  char q[LD_PATH];
  ggl_ld_key(q, p, "effect");
  const cJSON *ef = cJSON_GetObjectItemCaseSensitive(ev, "effect");
  if (!ef)
    return ggl_ld_fail(L, q,
                       "missing (an inject, affinity, budget or set event without at or until)");
  if (!cJSON_IsObject(ef))
    return ggl_ld_type(L, q, ef, "an object (an inject, affinity, budget or set event)");
  e->effect = gg_calloc(1, sizeof *e->effect);
  if (!e->effect) return ggl_ld_oom(L);
  e->effect->until = -1;
  int t;
  if (load_type(L, ef, q, EFFECT_NAMES, NK(EFFECT_NAMES), &t)) return -1;
  static const gg_evtype map[] = {GG_EV_INJECT, GG_EV_AFFINITY, GG_EV_BUDGET, GG_EV_SET};
  e->effect->type = map[t];
  for (const char *k = "at"; k; k = (strcmp(k, "at") == 0 ? "until" : NULL))
    if (cJSON_GetObjectItemCaseSensitive(ef, k)) {
      char r[LD_PATH];
      ggl_ld_key(r, q, k);
      return ggl_ld_fail(L, r, "a shock's effect takes no \"%s\" (the shock's own times apply)", k);
    }
  static const char *K_EF_INJECT[] = {"type", "note", "power", "states", "channel", "amount"};
  static const char *K_EF_AFFINITY[] = {"type", "note", "power", "states", "delta"};
  static const char *K_EF_BUDGET[] = {"type", "note", "power", "channel", "set", "scale", "add"};
  static const char *K_EF_SET[] = {"type", "note", "path", "value"};
  const char **keys[] = {K_EF_INJECT, K_EF_AFFINITY, K_EF_BUDGET, K_EF_SET};
  int nkeys[] = {NK(K_EF_INJECT), NK(K_EF_AFFINITY), NK(K_EF_BUDGET), NK(K_EF_SET)};
  if (ggl_ld_keys(L, ef, q, keys[t], nkeys[t])) return -1;
  if (ggl_ld_string(L, ef, "note", q, &e->effect->note, 0) < 0) return -1;
  return load_body(L, ef, q, sc, e->effect, 1);
}

static int load_event(ld *L, const cJSON *ev, const char *p, gg_scenario *sc, gg_event *e) {
  if (!cJSON_IsObject(ev)) return ggl_ld_type(L, p, ev, "an event object");
  int t;
  if (load_type(L, ev, p, EV_NAMES, NK(EV_NAMES), &t)) return -1;
  e->type = (gg_evtype)t;
  const char **keys[] = {K_BUDGET, K_INJECT, K_AFFINITY, K_JOIN,
                         K_JOIN,   K_SET,    K_SHOCK,    K_WITHDRAW};
  int nkeys[] = {NK(K_BUDGET), NK(K_INJECT), NK(K_AFFINITY), NK(K_JOIN),
                 NK(K_JOIN),   NK(K_SET),    NK(K_SHOCK),    NK(K_WITHDRAW)};
  for (const cJSON *it = ev->child; it; it = it->next)
    if (strcmp(it->string, "until") == 0 &&
        (t == GG_EV_INJECT || t == GG_EV_JOIN || t == GG_EV_LEAVE || t == GG_EV_WITHDRAW)) {
      char q[LD_PATH];
      ggl_ld_key(q, p, "until");
      return ggl_ld_fail(L, q, "%s %s event takes no until (its effect is not undone)",
                         t == GG_EV_INJECT ? "an" : "a", EV_NAMES[t]);
    }
  if (ggl_ld_keys(L, ev, p, keys[t], nkeys[t])) return -1;
  if (ggl_ld_string(L, ev, "note", p, &e->note, 0) < 0) return -1;
  char q[LD_PATH];
  if (load_tick(L, ev, "at", p, sc, &e->at)) return -1;
  if (e->at < 0 || e->at >= sc->ticks) {
    ggl_ld_key(q, p, "at");
    char d0[16], d1[16];
    gg_scenario_date(sc, 0, d0, sizeof d0);
    gg_scenario_date(sc, sc->ticks - 1, d1, sizeof d1);
    return ggl_ld_fail(L, q, "must be within the run, tick 0 to %d (%s to %s), got tick %d",
                       sc->ticks - 1, d0, d1, e->at);
  }
  e->until = -1;
  if (cJSON_GetObjectItemCaseSensitive(ev, "until")) {
    if (load_tick(L, ev, "until", p, sc, &e->until)) return -1;
    if (e->until <= e->at || e->until > sc->ticks) {
      ggl_ld_key(q, p, "until");
      return ggl_ld_fail(L, q,
                         "must be after at (tick %d) and at most the end (tick %d), got tick %d",
                         e->at, sc->ticks, e->until);
    }
  }
  if (e->type == GG_EV_SHOCK) {
    ggl_ld_key(q, p, "hazard");
    if (ggl_ld_param(L, ev, "hazard", q, &DEF_HAZARD, &e->value, 1) < 0 ||
        load_states_list(L, ev, p, sc, e, 0))
      return -1;
    const cJSON *once = cJSON_GetObjectItemCaseSensitive(ev, "once");
    if (once) {
      ggl_ld_key(q, p, "once");
      if (!cJSON_IsBool(once)) return ggl_ld_type(L, q, once, "true or false");
      e->once = cJSON_IsTrue(once);
    }
    return load_effect(L, ev, p, sc, e);
  }
  return load_body(L, ev, p, sc, e, 0);
}

/* The scale factors of the budget events of one power and channel may all
   hold at once; their product must stay where dividing back is harmless
   (a budget scaled past the largest double, or to 0, loses its value). */
#define GG_SCALE_PRODUCT_MAX 1e150
static int check_scale_products(ld *L, const gg_scenario *sc) {
  double up[GG_MAX_POWERS * GG_MAX_CHANNELS], down[GG_MAX_POWERS * GG_MAX_CHANNELS];
  for (int k = 0; k < sc->P * sc->C; k++)
    up[k] = down[k] = 1;
  for (int i = 0; i < sc->E; i++) {
    const gg_event *e = &sc->events[i];
    if (e->type != GG_EV_BUDGET || e->op != GG_BOP_SCALE) continue;
    int k = e->power * sc->C + e->channel;
    if (e->value > 1) up[k] *= e->value;
    if (e->value < 1 && e->value > 0) down[k] *= e->value;
    if (up[k] > GG_SCALE_PRODUCT_MAX || down[k] < 1 / GG_SCALE_PRODUCT_MAX) {
      char path[LD_PATH], got[40], lo[40], hi[40];
      ggl_ld_index(path, "$.events", i);
      return ggl_ld_fail(
          L, path,
          "the scale factors of the budget events of %s.%s multiply to %s; "
          "together they must stay between %s and %s",
          sc->power_id[e->power], sc->channel_id[e->channel],
          gg_fmt_num(got, sizeof got, up[k] > GG_SCALE_PRODUCT_MAX ? up[k] : down[k]),
          gg_fmt_num(lo, sizeof lo, 1 / GG_SCALE_PRODUCT_MAX),
          gg_fmt_num(hi, sizeof hi, GG_SCALE_PRODUCT_MAX));
    }
  }
  return 0;
}

int gg_events_load(ld *L, gg_scenario *sc, const cJSON *arr) {
  if (!arr) return 0;
  if (!cJSON_IsArray(arr)) return ggl_ld_type(L, "$.events", arr, "a list of events");
  int n = cJSON_GetArraySize(arr);
  if (n > 1000000) return ggl_ld_fail(L, "$.events", "at most 1000000 events, got %d", n);
  sc->events = gg_calloc((size_t)n + 1, sizeof *sc->events);
  if (!sc->events) return ggl_ld_oom(L);
  int i = 0;
  for (const cJSON *ev = arr->child; ev; ev = ev->next, i++) {
    char p[LD_PATH];
    ggl_ld_index(p, "$.events", i);
    sc->E = i + 1; /* so that free() sees what was loaded */
    if (load_event(L, ev, p, sc, &sc->events[i])) return -1;
    gg_event *e = &sc->events[i];
    e->undo_base = sc->undo_count;
    if (e->type == GG_EV_BUDGET)
      sc->undo_count += 1;
    else if (e->type == GG_EV_SET)
      sc->undo_count += e->ntargets;
  }
  sc->E = n;
  return check_scale_products(L, sc);
}
