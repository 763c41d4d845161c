/* Sweep metrics: parsing of metric names and their accumulation over a run. */
#include "gg_util.h"
#include "metrics.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int metrics_push(metric_set *set, const metric *proto, const char *name, gg_error *err) {
  for (int i = 0; i < set->n; i++)
    if (strcmp(set->m[i].name, name) == 0) return 0; /* already present: keep the first */
  if (set->n == set->cap) {
    int cap = set->cap ? 2 * set->cap : 16;
    metric *m = gg_malloc((size_t)cap * sizeof *m);
    if (!m) {
      gg_err_set(err, "%s: out of memory", name);
      return -1;
    }
    if (set->n) memcpy(m, set->m, (size_t)set->n * sizeof *m);
    gg_free(set->m);
    set->m = m;
    set->cap = cap;
  }
  metric *m = &set->m[set->n++];
  *m = *proto;
  snprintf(m->name, sizeof m->name, "%s", name);
  return 0;
}

int gga_metric_may_miss(const metric *m) {
  return m->kind == METRIC_FIRST;
}

/* "unknown WHAT "ID"" with the nearest of the n ids (`id_at`), when close. */
static void metrics_unknown(gg_error *err, const char *spec, const char *what, const char *id,
                            const gg_scenario *sc, int n,
                            const char *(*id_at)(const gg_scenario *, int)) {
  const char *near = NULL;
  int best = 99;
  for (int i = 0; i < n; i++) {
    int d = gg_edit_distance(id, id_at(sc, i));
    if (d < best) {
      best = d;
      near = id_at(sc, i);
    }
  }
  if (near && best <= 2 && best < (int)strlen(id))
    gg_err_set(err, "%s: unknown %s \"%s\"; did you mean \"%s\"?", spec, what, id, near);
  else
    gg_err_set(err, "%s: unknown %s \"%s\"", spec, what, id);
}

/* Resolve "*" or one id against a list; returns [lo, hi) or -1. */
static int metrics_range(const char *id, int count, int index, int *lo, int *hi) {
  if (strcmp(id, "*") == 0) {
    *lo = 0;
    *hi = count;
    return 0;
  }
  if (index < 0) return -1;
  *lo = index;
  *hi = index + 1;
  return 0;
}

static int metrics_component_index(const gg_scenario *sc, const char *id) {
  int k = gg_scenario_powers(sc) + 1;
  for (int i = 0; i < k; i++)
    if (strcmp(gg_component_id(sc, i), id) == 0) return i;
  return -1;
}

static const char *metrics_power_at(const gg_scenario *sc, int p) {
  return gg_power_id(sc, p);
}

static const char *metrics_channel_at(const gg_scenario *sc, int c) {
  return gg_channel_id(sc, c);
}

static const char *metrics_forms =
    "expected final.STATE.COMPONENT, mean., min., max.STATE.COMPONENT, "
    "at.STATE.COMPONENT@DATE, first.STATE.COMPONENT>=X, stock.STATE.POWER.CHANNEL[@DATE], "
    "utility.STATE.COMPONENT[@DATE], indicator.NAME.STATE[.PARTNER][@DATE], region.COMPONENT "
    "or flips.STATE";

/* indicator.NAME.STATE[.PARTNER]: the entry named NAME of the scenario's
   measurement section; PARTNER (a power id or `*`) exactly when the entry
   has partners. */
static int metrics_add_indicator(metric_set *set, const gg_scenario *sc, const char *spec,
                                 char **parts, int np, metric *proto, gg_error *err) {
  int n = gg_scenario_measures(sc), found = 0, partners = 0;
  for (int i = 0; i < n; i++) {
    const gg_measure *m = gg_scenario_measure(sc, i);
    if (strcmp(m->indicator, parts[1]) != 0) continue;
    found = 1;
    partners |= m->npartners > 0;
  }
  if (!found) {
    char list[400];
    size_t len = 0;
    list[0] = '\0';
    for (int i = 0; i < n && len + 1 < sizeof list; i++) {
      const char *name = gg_scenario_measure(sc, i)->indicator;
      int seen = 0;
      for (int j = 0; j < i; j++)
        seen |= strcmp(gg_scenario_measure(sc, j)->indicator, name) == 0;
      if (!seen)
        len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", len ? ", " : "", name);
    }
    gg_err_set(err, "%s: no indicator \"%s\" in the scenario's measurement section (%s)", spec,
               parts[1], n ? list : "the scenario has none");
    return -1;
  }
  if (partners != (np == 4)) {
    gg_err_set(err, "%s: indicator %s %s", spec, parts[1],
               partners ? "has one value per partner: add .PARTNER (a power id or *)"
                        : "has one value per state: no partner");
    return -1;
  }
  int S = gg_scenario_states(sc), s0, s1;
  if (metrics_range(parts[2], S, gg_state_index(sc, parts[2]), &s0, &s1) != 0) {
    metrics_unknown(err, spec, "state", parts[2], sc, S, gg_state_id);
    return -1;
  }
  const char *suffix = spec + strcspn(spec, "@");
  char name[200];
  int matched = 0;
  for (int st = s0; st < s1; st++)
    for (int e = 0; e < n; e++) {
      const gg_measure *m = gg_scenario_measure(sc, e);
      if (strcmp(m->indicator, parts[1]) != 0) continue;
      for (int k = 0; k < (m->npartners > 0 ? m->npartners : 1); k++) {
        int partner = m->npartners > 0 ? m->partners[k] : -1;
        if (partner >= 0 && strcmp(parts[3], "*") != 0 &&
            strcmp(parts[3], gg_power_id(sc, partner)) != 0)
          continue;
        proto->measure = e;
        proto->state = st;
        proto->component = partner;
        matched = 1;
        if (partner >= 0)
          snprintf(name, sizeof name, "indicator.%s.%s.%s%s", parts[1], gg_state_id(sc, st),
                   gg_power_id(sc, partner), suffix);
        else
          snprintf(name, sizeof name, "indicator.%s.%s%s", parts[1], gg_state_id(sc, st), suffix);
        if (strlen(name) >= sizeof proto->name) {
          gg_err_set(err, "%.60s...: metric name too long", name);
          return -1;
        }
        if (metrics_push(set, proto, name, err) != 0) return -1;
      }
    }
  if (!matched && s1 > s0) {
    gg_err_set(err, "%s: %s is not a partner of indicator %s", spec, parts[3], parts[1]);
    return -1;
  }
  return 0;
}

int gga_metrics_add(metric_set *set, const gg_scenario *sc, const char *spec, gg_error *err) {
  char buf[160], *parts[5], *date = NULL, *thr = NULL;
  int np = 0;
  if (strlen(spec) >= sizeof buf) {
    gg_err_set(err, "%.60s...: metric name too long", spec);
    return -1;
  }
  snprintf(buf, sizeof buf, "%s", spec);
  char *ge = strstr(buf, ">=");
  if (ge) {
    *ge = '\0';
    thr = ge + 2;
  }
  char *at = strchr(buf, '@');
  if (at) {
    *at = '\0';
    date = at + 1;
  }
  for (char *p = buf, *dot; np < 5; p = dot + 1) {
    parts[np++] = p;
    dot = strchr(p, '.');
    if (!dot) break;
    *dot = '\0';
  }
  static const struct {
    const char *prefix;
    metric_kind kind;
    int parts; /* with the prefix */
    int date;  /* 0 none, 1 optional, 2 required */
    int thr;   /* a threshold is required */
  } forms[] = {{"final", METRIC_FINAL, 3, 0, 0},
               {"mean", METRIC_MEAN, 3, 0, 0},
               {"region", METRIC_REGION, 2, 0, 0},
               {"flips", METRIC_FLIPS, 2, 0, 0},
               {"at", METRIC_AT, 3, 2, 0},
               {"min", METRIC_MIN, 3, 0, 0},
               {"max", METRIC_MAX, 3, 0, 0},
               {"first", METRIC_FIRST, 3, 0, 1},
               {"stock", METRIC_STOCK, 4, 1, 0},
               {"utility", METRIC_UTILITY, 3, 1, 0},
               {"indicator", METRIC_INDICATOR, 3, 1, 0}};
  int f = -1;
  for (int k = 0; k < (int)(sizeof forms / sizeof forms[0]); k++)
    if (strcmp(parts[0], forms[k].prefix) == 0) f = k;
  if (f < 0 || (np != forms[f].parts && !(forms[f].kind == METRIC_INDICATOR && np == 4)) ||
      (date && forms[f].date == 0) || (!date && forms[f].date == 2) ||
      (thr != NULL) != (forms[f].thr != 0) || (ge && at && at > ge)) {
    gg_err_set(err, "%s: %s", spec, metrics_forms);
    return -1;
  }
  metric proto = {forms[f].kind, -1, -1, -1, -1, 0.0, -1, ""};
  if (thr &&
      (gg_parse_number(thr, &proto.threshold) != 0 || proto.threshold < 0 || proto.threshold > 1)) {
    gg_err_set(err, "%s: expected a share from 0 to 1 after >=, got \"%s\"", spec, thr);
    return -1;
  }
  if (date) {
    gg_error e;
    int T = gg_scenario_ticks(sc), lo = proto.kind == METRIC_UTILITY ? 1 : 0;
    if (gg_scenario_parse_time(sc, date, &proto.tick, &e) != 0) {
      gg_err_set(err, "%s: %s", spec, e.msg);
      return -1;
    }
    if (proto.tick < lo || proto.tick > T) {
      char d0[32], d1[32];
      gg_scenario_date(sc, lo, d0, sizeof d0);
      gg_scenario_date(sc, T, d1, sizeof d1);
      gg_err_set(err, "%s: the date must lie from %s to %s (ticks %d to %d)", spec, d0, d1, lo, T);
      return -1;
    }
  }
  if (proto.kind == METRIC_INDICATOR)
    return metrics_add_indicator(set, sc, spec, parts, np, &proto, err);
  int S = gg_scenario_states(sc), K = gg_scenario_powers(sc) + 1;
  int P = gg_scenario_powers(sc), C = gg_scenario_channels(sc);
  int s0 = -1, s1 = 0, k0 = -1, k1 = 0, c0 = -1, c1 = 0;
  metric_kind kind = proto.kind;
  if (kind != METRIC_REGION) {
    if (metrics_range(parts[1], S, gg_state_index(sc, parts[1]), &s0, &s1) != 0) {
      metrics_unknown(err, spec, "state", parts[1], sc, S, gg_state_id);
      return -1;
    }
  }
  const char *comp = kind == METRIC_REGION ? parts[1] : kind == METRIC_FLIPS ? NULL : parts[2];
  if (kind == METRIC_STOCK) {
    if (metrics_range(parts[2], P, gg_power_index(sc, parts[2]), &k0, &k1) != 0) {
      metrics_unknown(err, spec, "power", parts[2], sc, P, metrics_power_at);
      return -1;
    }
    if (metrics_range(parts[3], C, gg_channel_index(sc, parts[3]), &c0, &c1) != 0) {
      metrics_unknown(err, spec, "channel", parts[3], sc, C, metrics_channel_at);
      return -1;
    }
  } else if (comp) {
    if (metrics_range(comp, K, metrics_component_index(sc, comp), &k0, &k1) != 0) {
      metrics_unknown(err, spec, "component", comp, sc, K, gg_component_id);
      return -1;
    }
  }
  /* The suffix as given ("@2025-01", ">=0.5"), after the ids. */
  const char *suffix = spec + strcspn(spec, "@>");
  char name[200];
  if (kind == METRIC_STOCK)
    for (int s = s0; s < s1; s++)
      for (int k = k0; k < k1; k++)
        for (int c = c0; c < c1; c++) {
          proto.state = s;
          proto.component = k;
          proto.channel = c;
          snprintf(name, sizeof name, "stock.%s.%s.%s%s", gg_state_id(sc, s), gg_power_id(sc, k),
                   gg_channel_id(sc, c), suffix);
          if (strlen(name) >= sizeof proto.name) {
            gg_err_set(err, "%.60s...: metric name too long", name);
            return -1;
          }
          if (metrics_push(set, &proto, name, err) != 0) return -1;
        }
  if (kind == METRIC_REGION) {
    for (int k = k0; k < k1; k++) {
      proto.component = k;
      snprintf(name, sizeof name, "region.%s", gg_component_id(sc, k));
      if (metrics_push(set, &proto, name, err) != 0) return -1;
    }
  } else if (kind == METRIC_FLIPS) {
    for (int s = s0; s < s1; s++) {
      proto.state = s;
      snprintf(name, sizeof name, "flips.%s", gg_state_id(sc, s));
      if (metrics_push(set, &proto, name, err) != 0) return -1;
    }
  } else if (kind != METRIC_STOCK) {
    for (int s = s0; s < s1; s++)
      for (int k = k0; k < k1; k++) {
        proto.state = s;
        proto.component = k;
        snprintf(name, sizeof name, "%s.%s.%s%s", parts[0], gg_state_id(sc, s),
                 gg_component_id(sc, k), suffix);
        if (strlen(name) >= sizeof proto.name) {
          gg_err_set(err, "%.60s...: metric name too long", name);
          return -1;
        }
        if (metrics_push(set, &proto, name, err) != 0) return -1;
      }
  }
  return 0;
}

int gga_metrics_default(metric_set *set, const gg_scenario *sc, gg_error *err) {
  if (gga_metrics_add(set, sc, "final.*.*", err) != 0) return -1;
  return gga_metrics_add(set, sc, "region.*", err);
}

void gga_metrics_free(metric_set *set) {
  gg_free(set->m);
  memset(set, 0, sizeof *set);
}

int gga_metrics_acc_init(metrics_acc *acc, const metric_set *set, int states) {
  memset(acc, 0, sizeof *acc);
  acc->set = set;
  acc->states = states;
  size_t n = set->n ? (size_t)set->n : 1, s = states ? (size_t)states : 1;
  acc->sum = gg_calloc(n, sizeof(double));
  acc->value = gg_calloc(n, sizeof(double));
  acc->track = gg_calloc(n, sizeof(double));
  acc->prev = gg_calloc(s, sizeof(int));
  acc->flips = gg_calloc(s, sizeof(int));
  if (!acc->sum || !acc->value || !acc->track || !acc->prev || !acc->flips) {
    gga_metrics_acc_free(acc);
    return -1;
  }
  return 0;
}

void gga_metrics_acc_free(metrics_acc *acc) {
  gg_free(acc->sum);
  gg_free(acc->value);
  gg_free(acc->track);
  gg_free(acc->prev);
  gg_free(acc->flips);
  memset(acc, 0, sizeof *acc);
}

void gga_metrics_acc_reset(metrics_acc *acc) {
  const metric_set *set = acc->set;
  memset(acc->sum, 0, (size_t)(set->n ? set->n : 1) * sizeof(double));
  memset(acc->flips, 0, (size_t)(acc->states ? acc->states : 1) * sizeof(int));
  for (int i = 0; i < set->n; i++)
    acc->track[i] = set->m[i].kind == METRIC_MIN   ? INFINITY
                    : set->m[i].kind == METRIC_MAX ? -INFINITY
                                                   : NAN;
  acc->ticks_seen = 0;
}

/* Tick t's date as a decimal year: 2021-04 is 2021.25, 2021-Q3 is 2021.5. */
static double metrics_year(const gg_scenario *sc, int t) {
  char d[32];
  gg_scenario_date(sc, t, d, sizeof d);
  char *end;
  double y = strtod(d, &end);
  if (end[0] == '-' && end[1] == 'Q') return y + (atoi(end + 2) - 1) / 4.0;
  if (end[0] == '-') return y + (atoi(end + 1) - 1) / 12.0;
  return y;
}

/* The value of a metric that reads the simulation at one tick. */
static double metrics_read(const metric *m, const gg_sim *sim) {
  if (m->kind == METRIC_STOCK) return gg_sim_stock(sim, m->state, m->component, m->channel);
  if (m->kind == METRIC_INDICATOR)
    return gg_measure_value(sim, gg_scenario_measure(gg_sim_scenario(sim), m->measure), m->state,
                            m->component);
  if (m->kind == METRIC_UTILITY) {
    gg_utility_terms u;
    gg_sim_utility(sim, m->state, m->component, &u, NULL);
    return u.total;
  }
  return gg_sim_share(sim, m->state, m->component);
}

int gga_metrics_acc_tick(void *ctx, const gg_sim *sim) {
  metrics_acc *acc = ctx;
  const metric_set *set = acc->set;
  int t = gg_sim_tick(sim);
  for (int i = 0; i < set->n; i++) {
    const metric *m = &set->m[i];
    double x;
    switch (m->kind) {
    case METRIC_MEAN:
      acc->sum[i] += gg_sim_share(sim, m->state, m->component);
      break;
    case METRIC_MIN:
    case METRIC_MAX:
      x = gg_sim_share(sim, m->state, m->component);
      if (isnan(x) || (m->kind == METRIC_MIN ? x < acc->track[i] : x > acc->track[i]))
        acc->track[i] = x;
      break;
    case METRIC_FIRST:
      if (isnan(acc->track[i]) && gg_sim_share(sim, m->state, m->component) >= m->threshold)
        acc->track[i] = metrics_year(gg_sim_scenario(sim), t);
      break;
    case METRIC_AT:
    case METRIC_STOCK:
    case METRIC_UTILITY:
    case METRIC_INDICATOR:
      if (m->tick == t) acc->track[i] = metrics_read(m, sim);
      break;
    default:
      break;
    }
  }
  for (int s = 0; s < acc->states; s++) {
    int d = gg_sim_dominant(sim, s);
    if (acc->ticks_seen > 0 && d != acc->prev[s]) acc->flips[s]++;
    acc->prev[s] = d;
  }
  acc->ticks_seen++;
  return 0;
}

int gga_metrics_acc_finish(metrics_acc *acc, const gg_sim *sim, char *reason, size_t size) {
  const metric_set *set = acc->set;
  int rc = 0;
  const gg_scenario *sc = gg_sim_scenario(sim);
  int K = gg_scenario_powers(sc) + 1;
  for (int s = 0; s < acc->states && rc == 0; s++) {
    for (int k = 0; k < K; k++) {
      if (!isfinite(gg_sim_share(sim, s, k))) {
        snprintf(reason, size, "non-finite share %s.%s at the last tick", gg_state_id(sc, s),
                 gg_component_id(sc, k));
        rc = -1;
        break;
      }
    }
  }
  for (int i = 0; i < set->n; i++) {
    const metric *m = &set->m[i];
    double v = 0.0;
    switch (m->kind) {
    case METRIC_FINAL:
      v = gg_sim_share(sim, m->state, m->component);
      break;
    case METRIC_MEAN:
      v = acc->ticks_seen > 0 ? acc->sum[i] / acc->ticks_seen : NAN;
      break;
    case METRIC_REGION:
      v = gg_sim_region(sim, m->component);
      break;
    case METRIC_FLIPS:
      v = (double)acc->flips[m->state];
      break;
    case METRIC_STOCK:
    case METRIC_UTILITY:
    case METRIC_INDICATOR:
      v = m->tick < 0 ? metrics_read(m, sim) : acc->track[i];
      break;
    default:
      v = acc->track[i];
      break;
    }
    acc->value[i] = v;
    if (!isfinite(v) && rc == 0 && !(gga_metric_may_miss(m) && isnan(v))) {
      snprintf(reason, size, "non-finite %s", m->name);
      rc = -1;
    }
  }
  return rc;
}
