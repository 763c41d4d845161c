/* Step 1 of a tick: undo the effects whose `until` is now, then apply the
   events whose `at` is now and draw the shocks, in file order. */
#include "internal.h"

#include <math.h>

static void record(gg_sim *sim, int e, int s) {
  if (sim->nfired < sim->cap_fired) {
    sim->fired_ev[sim->nfired] = e;
    sim->fired_st[sim->nfired] = s;
    sim->nfired++;
  }
}

/* ---- events with `until` --------------------------------------------------
   An event with `until` undoes its change by the inverse (scale divides back,
   add subtracts, set restores what it replaced), as the format says. Rounding,
   underflow and overflow could leave a trace of an event after it ended, so
   each value also remembers what it was before the first event with `until`
   that holds it: when the last such event ends and no lasting change touched
   the value in between, that value is restored exactly. */

static size_t slot(const gg_sim *sim, const double *x) {
  return (size_t)(x - sim->v.block);
}

static void temp_begin(gg_sim *sim, double *x) {
  size_t i = slot(sim, x);
  if (sim->tmp_active[i]++ == 0) {
    sim->tmp_base[i] = *x;
    sim->tmp_dirty[i] = 0;
  }
}

static void temp_end(gg_sim *sim, double *x) {
  size_t i = slot(sim, x);
  if (sim->tmp_active[i] > 0 && --sim->tmp_active[i] == 0 && !sim->tmp_dirty[i])
    *x = sim->tmp_base[i];
}

/* A lasting change (an event without `until`, a shock's effect, a slider). */
void gg_events_touch(gg_sim *sim, const double *x) {
  size_t i = slot(sim, x);
  if (sim->tmp_active[i] > 0) sim->tmp_dirty[i] = 1;
}

static void note_change(gg_sim *sim, double *x, int temporary) {
  if (temporary)
    temp_begin(sim, x);
  else
    gg_events_touch(sim, x);
}

static int touches_blocs(int pid) {
  return pid == GG_P_BONUS || pid == GG_P_MULTIPLIERS;
}

/* Apply an event (or a shock's effect, with the firing state `fs`). */
static void apply(gg_sim *sim, const gg_event *e, int fs, int keep_undo) {
  const gg_scenario *sc = sim->sc;
  int P = sc->P, C = sc->C, S = sc->S;
  switch (e->type) {
  case GG_EV_BUDGET: {
    double *b = &sim->v.budget[e->power * C + e->channel];
    if (keep_undo) sim->undo[e->undo_base] = *b;
    note_change(sim, b, keep_undo);
    if (e->op == GG_BOP_SET)
      *b = e->value;
    else if (e->op == GG_BOP_SCALE)
      *b *= e->value;
    else
      *b += e->value;
    break;
  }
  case GG_EV_INJECT:
    for (int i = 0; i < (fs >= 0 ? 1 : e->nstates); i++) {
      int s = fs >= 0 ? fs : GG_EV_STATE(e, i);
      double *x = &sim->X[(s * P + e->power) * C + e->channel];
      *x += e->value;
      if (*x > 1e300) *x = 1e300;
    }
    break;
  case GG_EV_WITHDRAW:
    /* the power takes away this fraction of its stock (a base closed) */
    for (int i = 0; i < e->nstates; i++) {
      int s = GG_EV_STATE(e, i);
      double *x = &sim->X[(s * P + e->power) * C + e->channel];
      *x *= 1.0 - e->value;
    }
    break;
  case GG_EV_AFFINITY:
    for (int i = 0; i < (fs >= 0 ? 1 : e->nstates); i++) {
      int s = fs >= 0 ? fs : GG_EV_STATE(e, i);
      double *g = &sim->v.affinity[s * P + e->power];
      note_change(sim, g, keep_undo);
      *g += e->value;
    }
    break;
  case GG_EV_JOIN:
  case GG_EV_LEAVE: {
    signed char *o = &sim->override[e->bloc * S + e->state];
    if (*o < 0) sim->noverride++;
    *o = e->type == GG_EV_JOIN ? 1 : 0;
    sim->blocs_dirty = 1;
    break;
  }
  case GG_EV_SET:
    for (int i = 0; i < e->ntargets; i++) {
      double *x = gg_values_ref(sc, &sim->v, e->targets[i]);
      if (keep_undo) sim->undo[e->undo_base + i] = *x;
      note_change(sim, x, keep_undo);
      *x = e->value;
      if (touches_blocs(e->targets[i].pid)) sim->blocs_dirty = 1;
    }
    break;
  case GG_EV_SHOCK:
    break;
  }
}

static void undo(gg_sim *sim, const gg_event *e) {
  const gg_scenario *sc = sim->sc;
  int P = sc->P, C = sc->C;
  switch (e->type) {
  case GG_EV_BUDGET: {
    double *b = &sim->v.budget[e->power * C + e->channel];
    if (e->op == GG_BOP_SET)
      *b = sim->undo[e->undo_base];
    else if (e->op == GG_BOP_SCALE)
      *b /= e->value;
    else
      *b -= e->value;
    temp_end(sim, b);
    break;
  }
  case GG_EV_AFFINITY:
    for (int i = 0; i < e->nstates; i++) {
      double *g = &sim->v.affinity[GG_EV_STATE(e, i) * P + e->power];
      *g -= e->value;
      temp_end(sim, g);
    }
    break;
  case GG_EV_SET:
    for (int i = e->ntargets - 1; i >= 0; i--) {
      double *x = gg_values_ref(sc, &sim->v, e->targets[i]);
      *x = sim->undo[e->undo_base + i];
      temp_end(sim, x);
      if (touches_blocs(e->targets[i].pid)) sim->blocs_dirty = 1;
    }
    break;
  default:
    break;
  }
}

static void draw_shock(gg_sim *sim, int idx) {
  const gg_event *e = &sim->sc->events[idx];
  unsigned char *once = &sim->fired_once[sim->once_base[idx]];
  for (int i = 0; i < e->nstates; i++) {
    double u = gg_rng_uniform(&sim->rng); /* one draw per state, always */
    if (u < e->value && !(e->once && once[i])) {
      if (e->once) once[i] = 1;
      apply(sim, e->effect, GG_EV_STATE(e, i), 0);
      record(sim, idx, GG_EV_STATE(e, i));
    }
  }
}

void gg_events_begin_tick(gg_sim *sim) {
  const gg_scenario *sc = sim->sc;
  int t = sim->t;
  sim->nfired = 0;
  while (sim->pos_until < sim->n_until && sc->events[sim->order_until[sim->pos_until]].until <= t) {
    int e = sim->order_until[sim->pos_until++];
    if (sc->events[e].until == t) undo(sim, &sc->events[e]);
  }
  /* Events at t (file order) merged with the shocks active at t (file order). */
  int k = 0;
  while (sim->pos_at < sim->n_at && sc->events[sim->order_at[sim->pos_at]].at < t)
    sim->pos_at++;
  for (;;) {
    int next_at = (sim->pos_at < sim->n_at && sc->events[sim->order_at[sim->pos_at]].at == t)
                      ? sim->order_at[sim->pos_at]
                      : -1;
    while (k < sim->n_shocks) {
      const gg_event *se = &sc->events[sim->shocks[k]];
      int end = se->until >= 0 ? se->until : sc->ticks;
      if (se->at <= t && t < end) break;
      k++;
    }
    int next_shock = k < sim->n_shocks ? sim->shocks[k] : -1;
    if (next_at < 0 && next_shock < 0) break;
    if (next_shock < 0 || (next_at >= 0 && next_at < next_shock)) {
      const gg_event *e = &sc->events[next_at];
      apply(sim, e, -1, e->until >= 0);
      record(sim, next_at, -1);
      sim->pos_at++;
    } else {
      draw_shock(sim, next_shock);
      k++;
    }
  }
}
