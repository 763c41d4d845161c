/* The calibration objective over a scenario: set the parameters on a copy,
   run it deterministically with the scenario's seed, read the targets. */
#include "calibrate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int gga_cal_model_init(cal_model *m, const gg_scenario *base, const cal_param *params, int p,
                       const cal_targets *targets, gg_error *err) {
  memset(m, 0, sizeof *m);
  m->base = base;
  m->params = params;
  m->p = p;
  m->targets = targets;
  m->fit_index = gg_malloc((size_t)(targets->n > 0 ? targets->n : 1) * sizeof *m->fit_index);
  if (!m->fit_index) {
    gg_err_set(err, "calibrate: out of memory");
    return -1;
  }
  for (int i = 0; i < targets->n; i++) {
    if (targets->t[i].tick > m->last_tick) m->last_tick = targets->t[i].tick;
    if (!targets->t[i].holdout) m->fit_index[m->n_fit++] = i;
  }
  return 0;
}

void gga_cal_model_free(cal_model *m) {
  gg_free(m->fit_index);
  m->fit_index = NULL;
  m->n_fit = 0;
}

gg_scenario *gga_cal_model_scenario(const cal_model *m, const double *x, gg_error *err) {
  gg_scenario *sc = gg_scenario_clone(m->base);
  if (!sc) {
    gg_err_set(err, "calibrate: out of memory");
    return NULL;
  }
  for (int j = 0; j < m->p; j++) {
    if (gg_scenario_set(sc, m->params[j].path, x[j], err) < 0) {
      gg_scenario_free(sc);
      return NULL;
    }
  }
  return sc;
}

typedef struct cal_sink_ctx {
  const cal_targets *targets;
  double *values;
  int next; /* ticks are visited in order: targets of tick t are read once */
  int last_tick;
} cal_sink_ctx;

static int cal_sink_tick(void *ctx, const gg_sim *sim) {
  cal_sink_ctx *c = ctx;
  int t = gg_sim_tick(sim);
  for (int i = 0; i < c->targets->n; i++)
    if (c->targets->t[i].tick == t) c->values[i] = gga_cal_target_eval(&c->targets->t[i], sim);
  return t >= c->last_tick ? 1 : 0;
}

/* Why gga_cal_model_scenario failed at x: both ends of every interval were
   accepted when the parameter was checked, so inside the intervals only
   memory can run out; outside (rounding at an open end) the value itself
   may be refused. */
static int cal_model_set_failure(const cal_model *m, const double *x) {
  for (int j = 0; j < m->p; j++)
    if (!(x[j] >= m->params[j].lo && x[j] <= m->params[j].hi)) return -1;
  return CAL_ENOMEM;
}

int gga_cal_model_simulate(const cal_model *m, const double *x, double *values) {
  gg_error err;
  gg_scenario *sc = gga_cal_model_scenario(m, x, &err);
  if (!sc) return cal_model_set_failure(m, x);
  gg_sim *sim = gg_sim_create(sc, gg_seed_derive(gg_scenario_seed(sc), 0, 0));
  if (!sim) {
    gg_scenario_free(sc);
    return CAL_ENOMEM;
  }
  for (int i = 0; i < m->targets->n; i++)
    values[i] = NAN;
  cal_sink_ctx ctx = {.targets = m->targets, .values = values, .last_tick = m->last_tick};
  gg_sink sink = {.tick = cal_sink_tick, .ctx = &ctx};
  gg_sim_run(sim, &sink);
  gg_sim_free(sim);
  gg_scenario_free(sc);
  for (int i = 0; i < m->targets->n; i++)
    if (!isfinite(values[i])) return -1;
  return 0;
}

int gga_cal_model_resid(void *ctx, const double *x, double *r) {
  const cal_model *m = ctx;
  double *v = gg_malloc((size_t)m->targets->n * sizeof *v);
  if (!v) return CAL_ENOMEM;
  int rc = gga_cal_model_simulate(m, x, v);
  if (rc == 0) {
    for (int k = 0; k < m->n_fit; k++) {
      const cal_target *t = &m->targets->t[m->fit_index[k]];
      r[k] = sqrt(t->weight) * (v[m->fit_index[k]] - t->value);
    }
  }
  gg_free(v);
  return rc;
}

int gga_cal_model_is_noisy(const gg_scenario *sc) {
  for (int e = 0; e < gg_scenario_events(sc); e++)
    if (strcmp(gg_event_type(sc, e), "shock") == 0) return 1;
  for (int s = 0; s < gg_scenario_states(sc); s++) {
    char path[CAL_PATH_MAX];
    int len = snprintf(path, sizeof path, "states.%s.noise", gg_state_id(sc, s));
    if (len < 0 || (size_t)len >= sizeof path) continue;
    double v = 0.0;
    gg_error err;
    /* ids never hold a '.', so the path exists: only memory can fail */
    if (gg_scenario_get(sc, path, &v, &err) != 0) return CAL_ENOMEM;
    if (v > 0) return 1;
  }
  return 0;
}
