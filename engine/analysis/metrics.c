/* Sweep metrics: parsing of metric names and their accumulation over a run. */
#include "gg_util.h"
#include "metrics.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int metrics_push(metric_set *set, metric_kind kind, int state, int comp, const char *name,
                        gg_error *err) {
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
  m->kind = kind;
  m->state = state;
  m->component = comp;
  snprintf(m->name, sizeof m->name, "%s", name);
  return 0;
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

int gga_metrics_add(metric_set *set, const gg_scenario *sc, const char *spec, gg_error *err) {
  char buf[160], *parts[4];
  int np = 0;
  if (strlen(spec) >= sizeof buf) {
    gg_err_set(err, "%.60s...: metric name too long", spec);
    return -1;
  }
  snprintf(buf, sizeof buf, "%s", spec);
  for (char *p = buf, *dot; np < 4; p = dot + 1) {
    parts[np++] = p;
    dot = strchr(p, '.');
    if (!dot) break;
    *dot = '\0';
  }
  int S = gg_scenario_states(sc), K = gg_scenario_powers(sc) + 1;
  int s0 = 0, s1 = 0, k0 = 0, k1 = 0;
  metric_kind kind;
  if ((strcmp(parts[0], "final") == 0 || strcmp(parts[0], "mean") == 0) && np == 3) {
    kind = parts[0][0] == 'f' ? METRIC_FINAL : METRIC_MEAN;
    if (metrics_range(parts[1], S, gg_state_index(sc, parts[1]), &s0, &s1) != 0) {
      gg_err_set(err, "%s: unknown state \"%s\"", spec, parts[1]);
      return -1;
    }
    if (metrics_range(parts[2], K, metrics_component_index(sc, parts[2]), &k0, &k1) != 0) {
      gg_err_set(err, "%s: unknown component \"%s\"", spec, parts[2]);
      return -1;
    }
  } else if (strcmp(parts[0], "region") == 0 && np == 2) {
    kind = METRIC_REGION;
    if (metrics_range(parts[1], K, metrics_component_index(sc, parts[1]), &k0, &k1) != 0) {
      gg_err_set(err, "%s: unknown component \"%s\"", spec, parts[1]);
      return -1;
    }
    s0 = -1;
    s1 = 0;
  } else if (strcmp(parts[0], "flips") == 0 && np == 2) {
    kind = METRIC_FLIPS;
    if (metrics_range(parts[1], S, gg_state_index(sc, parts[1]), &s0, &s1) != 0) {
      gg_err_set(err, "%s: unknown state \"%s\"", spec, parts[1]);
      return -1;
    }
    k0 = -1;
    k1 = 0;
  } else {
    gg_err_set(err,
               "%s: expected final.STATE.COMPONENT, mean.STATE.COMPONENT, region.COMPONENT or "
               "flips.STATE",
               spec);
    return -1;
  }
  static const char *const prefix[] = {"final", "mean", "region", "flips"};
  char name[160];
  for (int s = s0; s < s1; s++) {
    for (int k = k0; k < k1; k++) {
      if (kind == METRIC_REGION)
        snprintf(name, sizeof name, "region.%s", gg_component_id(sc, k));
      else if (kind == METRIC_FLIPS)
        snprintf(name, sizeof name, "flips.%s", gg_state_id(sc, s));
      else
        snprintf(name, sizeof name, "%s.%s.%s", prefix[kind], gg_state_id(sc, s),
                 gg_component_id(sc, k));
      if (metrics_push(set, kind, s, k, name, err) != 0) return -1;
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
  acc->prev = gg_calloc(s, sizeof(int));
  acc->flips = gg_calloc(s, sizeof(int));
  if (!acc->sum || !acc->value || !acc->prev || !acc->flips) {
    gga_metrics_acc_free(acc);
    return -1;
  }
  return 0;
}

void gga_metrics_acc_free(metrics_acc *acc) {
  gg_free(acc->sum);
  gg_free(acc->value);
  gg_free(acc->prev);
  gg_free(acc->flips);
  memset(acc, 0, sizeof *acc);
}

void gga_metrics_acc_reset(metrics_acc *acc) {
  memset(acc->sum, 0, (size_t)(acc->set->n ? acc->set->n : 1) * sizeof(double));
  memset(acc->flips, 0, (size_t)(acc->states ? acc->states : 1) * sizeof(int));
  acc->ticks_seen = 0;
}

int gga_metrics_acc_tick(void *ctx, const gg_sim *sim) {
  metrics_acc *acc = ctx;
  const metric_set *set = acc->set;
  for (int i = 0; i < set->n; i++)
    if (set->m[i].kind == METRIC_MEAN)
      acc->sum[i] += gg_sim_share(sim, set->m[i].state, set->m[i].component);
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
    }
    acc->value[i] = v;
    if (!isfinite(v) && rc == 0) {
      snprintf(reason, size, "non-finite %s", m->name);
      rc = -1;
    }
  }
  return rc;
}
