/* Batched simulations (greatgame/batch.h): W runs of scenarios of one shape,
   stepped together. Each lane keeps a gg_sim of its own for what is rare and
   per run (events, shocks, bloc membership, the undo of events with `until`,
   its parameter values); the arithmetic of every tick runs on blocks of as
   many runs as a vector register of the instruction set in use holds (2, 4
   or 8), stored as structures of arrays (batch_simd.c).
   Every lane performs the operations of sim.c in the same order, so it gives
   the bits of gg_sim_step. */
#include "batch_internal.h"

#include <math.h>
#include <string.h>

void gg_events_begin_tick(gg_sim *sim);

/* ---- shape and per-tick flags --------------------------------------------- */

static int same_shape(const gg_scenario *a, const gg_scenario *b) {
  if (a->S != b->S || a->P != b->P || a->C != b->C || a->B != b->B || a->ticks != b->ticks ||
      a->model != b->model)
    return 0;
  for (int p = 0; p < a->P; p++)
    if (a->strategy[p] != b->strategy[p]) return 0;
  int nn = a->nb_start[a->S];
  if (memcmp(a->nb_start, b->nb_start, ((size_t)a->S + 1) * sizeof(int)) != 0 ||
      memcmp(a->nb_index, b->nb_index, (size_t)nn * sizeof(int)) != 0 ||
      memcmp(a->nb_weight, b->nb_weight, (size_t)nn * sizeof(double)) != 0)
    return 0;
  return 1;
}

static void mark(gg_batch *b, int t, unsigned char f, uint32_t touch) {
  if (t >= 0 && t < b->ticks) {
    b->flags[t] |= f;
    b->touch[t] |= touch;
  }
}

/* The parameter arrays (bits 1 << gg_pid) an event's apply or undo writes. */
static uint32_t touches(const gg_event *ev) {
  uint32_t m = 0;
  if (ev->type == GG_EV_BUDGET) m |= 1u << GG_P_BUDGET;
  if (ev->type == GG_EV_AFFINITY) m |= 1u << GG_P_AFFINITY;
  if (ev->type == GG_EV_SET)
    for (int i = 0; i < ev->ntargets; i++)
      m |= ev->targets[i].pid < 32 ? 1u << ev->targets[i].pid : ~0u; /* GG-2 ids: all */
  return m;
}

/* What may happen at each tick in any lane: events to apply (GGB_EV), stocks
   they may change (GGB_XF), values restored by an `until` (GGB_UNTIL), bloc
   membership that starts or ends (GGB_BLOC). */
static void tick_flags(gg_batch *b, const gg_scenario *sc) {
  int T = sc->ticks;
  /* The injections of shocks are applied to the blocks from the list of
     what fired (lanes_events), unless that list can be cut short (more
     firings in a tick than gg_sim keeps): then the stocks are copied. */
  size_t firings = 0;
  for (int e = 0; e < sc->E; e++)
    if (sc->events[e].type == GG_EV_SHOCK) firings += (size_t)sc->events[e].nstates;
  int listed = firings <= 65536;
  for (int e = 0; e < sc->E; e++) {
    const gg_event *ev = &sc->events[e];
    if (ev->type == GG_EV_SHOCK) {
      int end = ev->until >= 0 ? ev->until : T;
      unsigned char f = GGB_EV;
      if (ev->effect &&
          (ev->effect->type == GG_EV_WITHDRAW || (ev->effect->type == GG_EV_INJECT && !listed)))
        f |= GGB_XF;
      uint32_t m = ev->effect ? touches(ev->effect) : 0;
      for (int t = ev->at > 0 ? ev->at : 0; t < end && t < T; t++)
        mark(b, t, f, m);
      continue;
    }
    unsigned char f = GGB_EV;
    if (ev->type == GG_EV_INJECT || ev->type == GG_EV_WITHDRAW) f |= GGB_XF;
    mark(b, ev->at, f, touches(ev));
    if (ev->until >= 0) mark(b, ev->until, GGB_EV | GGB_UNTIL, touches(ev));
  }
  for (int i = 0; i < sc->nmembers; i++) {
    mark(b, sc->members[i].from, GGB_BLOC, 0);
    mark(b, sc->members[i].until, GGB_BLOC, 0);
  }
}

/* ---- create and free ---------------------------------------------------------- */

static size_t block_doubles(const gg_scenario *sc, int L) {
  size_t S = (size_t)sc->S, P = (size_t)sc->P, C = (size_t)sc->C, K = P + 1;
  size_t n = 3 * S * P * C /* X u M */ + 3 * S * K /* a T Tc */ + 2 * S * C /* sat wts */ +
             2 * S * P /* aff kb */ + 8 * S /* per-state values */ + P * C /* budget */ +
             P * S /* prio */ + P /* focus */ + C /* ret */ + S /* m */ + P * C /* R */ +
             S * P /* Ac */;
  return n * (size_t)L + 4 * (size_t)L; /* + the random streams */
}

static void block_layout(gg_batch *b, ggb_block *k, double *base) {
  size_t S = (size_t)b->S, P = (size_t)b->P, C = (size_t)b->C, K = P + 1, L = (size_t)b->L;
  double *q = base;
#define TAKE(field, count)                                                                         \
  do {                                                                                             \
    k->field = q;                                                                                  \
    q += (count)*L;                                                                                \
  } while (0)
  TAKE(X, S * P * C);
  TAKE(u, S * P * C);
  TAKE(M, S * P * C);
  TAKE(a, S * K);
  TAKE(T, S * K);
  TAKE(Tc, S * K);
  TAKE(sat, S * C);
  TAKE(wts, S * C);
  TAKE(aff, S * P);
  TAKE(kb, S * P);
  TAKE(autonomy, S);
  TAKE(lambda, S);
  TAKE(tau, S);
  TAKE(beta, S);
  TAKE(theta, S);
  TAKE(nu, S);
  TAKE(sigma, S);
  TAKE(spare, S);
  TAKE(budget, P * C);
  TAKE(prio, P * S);
  TAKE(focus, P);
  TAKE(ret, C);
  TAKE(m, S);
  TAKE(R, P * C);
  TAKE(Ac, S * P);
#undef TAKE
  k->rng = (uint64_t *)q;
}

static void layout_free(gg_batch *b) {
  gg_free(b->blocks);
  gg_free(b->mem);
  b->blocks = NULL;
  b->mem = NULL;
}

void gg_batch_reset(gg_batch *b, const uint64_t *seeds);

/* Blocks of b->L lanes for the lanes, then tick 0 with the lanes' seeds. */
int ggb_relayout(gg_batch *b) {
  layout_free(b);
  const gg_scenario *sc = b->sims[0]->sc;
  b->nblocks = (b->W + b->L - 1) / b->L;
  b->Wp = b->nblocks * b->L;
  b->per_block = block_doubles(sc, b->L);
  b->blocks = gg_calloc((size_t)b->nblocks, sizeof *b->blocks);
  b->mem = gg_calloc((size_t)b->nblocks * b->per_block, sizeof(double));
  if (!b->blocks || !b->mem) {
    layout_free(b);
    return -1;
  }
  for (int k = 0; k < b->nblocks; k++)
    block_layout(b, &b->blocks[k], b->mem + (size_t)k * b->per_block);
  gg_batch_reset(b, b->seeds);
  return 0;
}

void gg_batch_free(gg_batch *b) {
  if (!b) return;
  if (b->sims)
    for (int l = 0; l < b->Wmax; l++)
      gg_sim_free(b->sims[l]);
  gg_free(b->sims);
  layout_free(b);
  gg_free(b->flags);
  gg_free(b->touch);
  gg_free(b->member_old);
  gg_free(b->seeds);
  gg_free(b);
}

gg_batch *gg_batch_create_lanes(const gg_scenario *const *scs, int W, const uint64_t *seeds,
                                gg_error *err) {
  if (W < 1 || !scs || !seeds) {
    gg_err_set(err, "a batch needs at least one lane, its scenarios and seeds");
    return NULL;
  }
  for (int l = 0; l < W; l++) {
    if (!scs[l]) {
      gg_err_set(err, "lane %d: no scenario", l);
      return NULL;
    }
    if (!same_shape(scs[0], scs[l])) {
      gg_err_set(err,
                 "lane %d: %s: not the shape of lane 0 (states, powers, channels, blocs, "
                 "strategies, neighbours and ticks must match)",
                 l, scs[l]->file ? scs[l]->file : "scenario");
      return NULL;
    }
  }
  const gg_scenario *sc = scs[0];
  gg_batch *b = gg_calloc(1, sizeof *b);
  if (!b) goto oom;
  b->W = W;
  b->Wmax = (W + GGB_MAX_L - 1) / GGB_MAX_L * GGB_MAX_L;
  b->S = sc->S;
  b->P = sc->P;
  b->C = sc->C;
  b->ticks = sc->ticks;
  b->scalar = sc->model != 1;
  b->isa = ggb_isa_best();
  b->L = ggb_isa_lanes(b->isa);
  for (int p = 0; p < sc->P; p++)
    b->contest |= sc->strategy[p] == GG_STRATEGY_CONTEST;
  b->sims = gg_calloc((size_t)b->Wmax, sizeof *b->sims);
  b->seeds = gg_calloc((size_t)b->Wmax, sizeof *b->seeds);
  b->flags = gg_calloc((size_t)sc->ticks + 1, 1);
  b->touch = gg_calloc((size_t)sc->ticks + 1, sizeof *b->touch);
  b->member_old = gg_calloc((size_t)sc->B * (size_t)sc->S + 1, 1);
  if (!b->sims || !b->seeds || !b->flags || !b->touch || !b->member_old) goto oom;
  for (int l = 0; l < b->Wmax; l++) {
    /* the lanes that pad the last block repeat the last run */
    const gg_scenario *s = scs[l < W ? l : W - 1];
    b->sims[l] = gg_sim_create(s, seeds[l < W ? l : W - 1]);
    if (!b->sims[l]) goto oom;
    if (l < W && (l == 0 || s != scs[l - 1])) tick_flags(b, s);
  }
  for (int l = 0; l < W; l++)
    b->seeds[l] = seeds[l];
  if (ggb_relayout(b) != 0) goto oom;
  return b;
oom:
  gg_batch_free(b);
  gg_err_set(err, "out of memory for a batch of %d runs", W);
  return NULL;
}

gg_batch *gg_batch_create(const gg_scenario *sc, int W, const uint64_t *seeds) {
  if (!GG_OBJ("gg_batch_create", "scenario", sc) || W < 1) return NULL;
  const gg_scenario **scs = gg_calloc((size_t)W, sizeof *scs);
  if (!scs) return NULL;
  for (int l = 0; l < W; l++)
    scs[l] = sc;
  gg_batch *b = gg_batch_create_lanes(scs, W, seeds, NULL);
  gg_free(scs);
  return b;
}

/* ---- moving a lane between its gg_sim and its block ------------------------- */

#define LANE(b, lane) (&(b)->blocks[(lane) / (b)->L])
#define SLOT(lane) ((lane) % b->L)

/* x[i] of lane l in a block array of L lanes: x[i * L + l]. */
#define put(dst, src, n, l) put_(dst, src, n, l, b->L)
#define get(dst, src, n, l) get_(dst, src, n, l, b->L)
static void put_(double *dst, const double *src, size_t n, int l, int L) {
  for (size_t i = 0; i < n; i++)
    dst[i * (size_t)L + (size_t)l] = src[i];
}
static void get_(double *dst, const double *src, size_t n, int l, int L) {
  for (size_t i = 0; i < n; i++)
    dst[i] = src[i * (size_t)L + (size_t)l];
}

/* The lane's parameter values (its gg_sim's, after events) into its block:
   the arrays of the gg_pids in `mask`. */
static void gather_values(gg_batch *b, int lane, uint32_t mask) {
  ggb_block *k = LANE(b, lane);
  const gg_values *v = &b->sims[lane]->v;
  size_t S = (size_t)b->S, P = (size_t)b->P, C = (size_t)b->C;
  int l = SLOT(lane);
#define WANT(pid) (mask & (1u << (pid)))
  if (WANT(GG_P_SATURATION)) put(k->sat, v->saturation, S * C, l);
  if (WANT(GG_P_WEIGHTS)) put(k->wts, v->weights, S * C, l);
  if (WANT(GG_P_AFFINITY)) put(k->aff, v->affinity, S * P, l);
  if (WANT(GG_P_AUTONOMY)) put(k->autonomy, v->autonomy, S, l);
  if (WANT(GG_P_RESPONSIVENESS)) put(k->lambda, v->responsiveness, S, l);
  if (WANT(GG_P_DECISIVENESS)) put(k->tau, v->decisiveness, S, l);
  if (WANT(GG_P_BACKLASH_STRENGTH)) put(k->beta, v->beta, S, l);
  if (WANT(GG_P_BACKLASH_THRESHOLD)) put(k->theta, v->theta, S, l);
  if (WANT(GG_P_NEIGHBOUR_WEIGHT)) put(k->nu, v->nu, S, l);
  if (WANT(GG_P_NOISE)) put(k->sigma, v->noise, S, l);
  if (WANT(GG_P_BUDGET)) put(k->budget, v->budget, P * C, l);
  if (WANT(GG_P_PRIORITY)) put(k->prio, v->priority, P * S, l);
  if (WANT(GG_P_FOCUS)) put(k->focus, v->focus, P, l);
  if (WANT(GG_P_HALF_LIFE)) /* step 3's retention 2^(-1/half-life), as sim.c computes it */
    for (size_t c = 0; c < C; c++)
      k->ret[c * (size_t)b->L + (size_t)l] = gg_exp2(-1.0 / v->half_life[c]);
#undef WANT
}

static void rng_put(ggb_block *k, const gg_rng *r, int l, int L) {
  for (int j = 0; j < 4; j++)
    k->rng[j * L + l] = r->s[j];
}
static void rng_get(gg_rng *r, const ggb_block *k, int l, int L) {
  for (int j = 0; j < 4; j++)
    r->s[j] = k->rng[j * L + l];
}

void gg_batch_reset(gg_batch *b, const uint64_t *seeds) {
  if (!GG_OBJ("gg_batch_reset", "batch", b)) return;
  size_t S = (size_t)b->S, P = (size_t)b->P, C = (size_t)b->C, K = P + 1;
  b->t = 0;
  b->stepped = 0;
  b->events_last = 0;
  for (int lane = 0; lane < b->Wp; lane++) {
    gg_sim *sim = b->sims[lane];
    uint64_t seed = seeds[lane < b->W ? lane : b->W - 1];
    b->seeds[lane] = seed;
    gg_sim_reset(sim, seed);
    if (b->scalar) continue;
    ggb_block *k = LANE(b, lane);
    int l = SLOT(lane);
    put(k->X, sim->X, S * P * C, l);
    put(k->a, sim->a, S * K, l);
    memset(sim->u, 0, S * P * C * sizeof(double));
    put(k->u, sim->u, S * P * C, l);
    rng_put(k, &sim->rng, l, b->L);
    gather_values(b, lane, ~0u);
    k->ac_ok = 0;
  }
}

int gg_batch_reload(gg_batch *b, const uint64_t *seeds) {
  if (!GG_OBJ("gg_batch_reload", "batch", b)) return -1;
  const gg_scenario *s0 = b->sims[0]->sc;
  if (s0->ticks != b->ticks || s0->S != b->S || s0->P != b->P || s0->C != b->C) return -1;
  for (int l = 1; l < b->W; l++)
    if (!same_shape(s0, b->sims[l]->sc)) return -1;
  memset(b->flags, 0, (size_t)b->ticks + 1);
  memset(b->touch, 0, ((size_t)b->ticks + 1) * sizeof *b->touch);
  for (int l = 0; l < b->W; l++)
    if (l == 0 || b->sims[l]->sc != b->sims[l - 1]->sc) tick_flags(b, b->sims[l]->sc);
  gg_batch_reset(b, seeds);
  return 0;
}

/* ---- blocs of one lane (update_blocs of sim.c, on the lane's gg_sim) ---------- */

#define GGB_HUGE 1e300

/* update_blocs of sim.c on a lane's gg_sim, and the new multipliers and
   bonuses into its block. When only membership dates pass (no event touched
   the blocs), only the states whose membership changed are recomputed: each
   state's products and sums run over the blocs in the same order either
   way, so the values are the same. 1 when a state's terms changed. */
static int lane_blocs(gg_batch *bt, int lane) {
  gg_sim *sim = bt->sims[lane];
  const gg_scenario *sc = sim->sc;
  ggb_block *k = LANE(bt, lane);
  size_t L = (size_t)bt->L, l = (size_t)(lane % bt->L);
  int S = sc->S, P = sc->P, C = sc->C, B = sc->B, t = sim->t;
  int all = sim->blocs_dirty, dirty = all;
  for (int i = 0; i < sc->nmembers && !dirty; i++)
    dirty = sc->members[i].from == t || sc->members[i].until == t;
  if (!dirty) return 0;
  sim->blocs_dirty = 0;
  memcpy(bt->member_old, sim->member, (size_t)B * (size_t)S);
  memset(sim->member, 0, (size_t)B * (size_t)S);
  for (int i = 0; i < sc->nmembers; i++) {
    const gg_member *m = &sc->members[i];
    if (m->from <= t && t < m->until) sim->member[m->bloc * S + m->state] = 1;
  }
  if (sim->noverride)
    for (int i = 0; i < B * S; i++)
      if (sim->override[i] >= 0) sim->member[i] = (unsigned char)sim->override[i];
  int changed = 0;
  for (int s = 0; s < S; s++) {
    int moved = all;
    for (int b = 0; b < B && !moved; b++)
      moved = bt->member_old[b * S + s] != sim->member[b * S + s];
    if (!moved) continue;
    changed = 1;
    double *M = &sim->M[(size_t)s * P * C], *kb = &sim->kb[(size_t)s * P];
    for (int i = 0; i < P * C; i++)
      M[i] = 1.0;
    for (int p = 0; p < P; p++)
      kb[p] = 0.0;
    for (int b = 0; b < B; b++) {
      if (!sim->member[b * S + s]) continue;
      for (int p = 0; p < P; p++) {
        if (!sc->sponsor[b * P + p]) continue;
        kb[p] += sim->v.bonus[b];
        for (int c = 0; c < C; c++) {
          double *m = &M[p * C + c];
          *m *= sim->v.multipliers[b * C + c];
          if (*m > GGB_HUGE) *m = GGB_HUGE;
        }
      }
    }
    for (size_t i = 0; i < (size_t)P * C; i++)
      k->M[((size_t)s * P * C + i) * L + l] = M[i];
    for (size_t p = 0; p < (size_t)P; p++)
      k->kb[((size_t)s * P + p) * L + l] = kb[p];
  }
  return changed;
}

/* ---- one tick ------------------------------------------------------------------- */

/* After step 1 of a lane whose stocks were not copied to its gg_sim: what
   fired, applied to the block. A shock's injection adds to the stock of the
   firing state as events.c does (and the same clamp); a shock's affinity
   change or budget change is copied from the lane's values; anything else
   (events at this tick, `set` effects) copies every array the tick's events
   can write. */
static void lane_fired(gg_batch *b, int lane, int t) {
  gg_sim *sim = b->sims[lane];
  const gg_scenario *sc = sim->sc;
  ggb_block *k = LANE(b, lane);
  size_t L = (size_t)b->L, l = (size_t)SLOT(lane);
  int P = b->P, C = b->C, full = (b->flags[t] & GGB_UNTIL) != 0;
  for (int i = 0; i < sim->nfired; i++) { /* every injection, even when all is copied */
    const gg_event *e = &sc->events[sim->fired_ev[i]];
    int fs = sim->fired_st[i];
    if (e->type != GG_EV_SHOCK || !e->effect || fs < 0) {
      full = 1;
      continue;
    }
    const gg_event *x = e->effect;
    if (x->type == GG_EV_INJECT) {
      double *v = &k->X[(size_t)((fs * P + x->power) * C + x->channel) * L + l];
      *v += x->value;
      if (*v > 1e300) *v = 1e300;
    } else if (x->type == GG_EV_AFFINITY) {
      size_t j = (size_t)(fs * P + x->power);
      k->aff[j * L + l] = sim->v.affinity[j];
    } else if (x->type == GG_EV_BUDGET) {
      put(k->budget, sim->v.budget, (size_t)P * (size_t)C, (int)l);
    } else if (x->type != GG_EV_JOIN && x->type != GG_EV_LEAVE) {
      full = 1;
    }
  }
  if (full) gather_values(b, lane, b->touch[t]);
}

/* Step 1 and the blocs, lane by lane on the lanes' gg_sims. */
static void lanes_events(gg_batch *b) {
  int t = b->t;
  unsigned char f = b->flags[t];
  size_t SPC = (size_t)b->S * (size_t)b->P * (size_t)b->C;
  b->events_last = (f & GGB_EV) != 0;
  for (int lane = 0; lane < b->Wp; lane++) {
    gg_sim *sim = b->sims[lane];
    ggb_block *k = LANE(b, lane);
    int l = SLOT(lane);
    sim->t = t;
    if (f & GGB_EV) {
      rng_get(&sim->rng, k, l, b->L);
      if (f & GGB_XF) get(sim->X, k->X, SPC, l);
      gg_events_begin_tick(sim);
      rng_put(k, &sim->rng, l, b->L);
      if (f & GGB_XF) {
        put(k->X, sim->X, SPC, l);
        if (sim->nfired > 0 || (f & GGB_UNTIL)) gather_values(b, lane, b->touch[t]);
      } else if (sim->nfired > 0 || (f & GGB_UNTIL))
        lane_fired(b, lane, t);
      if (sim->nfired > 0 || (f & GGB_UNTIL)) k->ac_ok = 0;
    }
    if (((f & GGB_BLOC) || sim->blocs_dirty) && lane_blocs(b, lane)) k->ac_ok = 0;
  }
}

void gg_batch_step(gg_batch *b) {
  if (!GG_OBJ("gg_batch_step", "batch", b) || b->t >= b->ticks) return;
  if (b->scalar) {
    for (int lane = 0; lane < b->Wp; lane++)
      gg_sim_step(b->sims[lane]);
  } else {
    lanes_events(b);
    ggb_step_blocks(b);
  }
  b->t++;
  b->stepped = 1;
}

void gg_batch_run(gg_batch *b) {
  if (!GG_OBJ("gg_batch_run", "batch", b)) return;
  while (b->t < b->ticks)
    gg_batch_step(b);
}

/* ---- reading ------------------------------------------------------------------ */

#define B_OK(fn) GG_OBJ(fn, "batch", b)
#define LANE_OK(fn) GG_IN(fn, "lane", lane, b->W)
#define STATE_OK(fn) GG_IN(fn, "state", s, b->S)
#define POWER_OK(fn) GG_IN(fn, "power", p, b->P)
#define CHANNEL_OK(fn) GG_IN(fn, "channel", c, b->C)
#define COMPONENT_OK(fn) GG_IN(fn, "component", k, b->P + 1)
#define AT(arr, i, lane) (arr)[(size_t)(i) * (size_t)b->L + (size_t)SLOT(lane)]

int gg_batch_lanes(const gg_batch *b) {
  return B_OK("gg_batch_lanes") ? b->W : 0;
}
int gg_batch_tick(const gg_batch *b) {
  return B_OK("gg_batch_tick") ? b->t : -1;
}
int gg_batch_ticks(const gg_batch *b) {
  return B_OK("gg_batch_ticks") ? b->ticks : -1;
}
uint64_t gg_batch_seed(const gg_batch *b, int lane) {
  if (!B_OK("gg_batch_seed") || !LANE_OK("gg_batch_seed")) return 0;
  return b->seeds[lane];
}

double gg_batch_share(const gg_batch *b, int lane, int s, int k) {
  if (!B_OK("gg_batch_share") || !LANE_OK("gg_batch_share") || !STATE_OK("gg_batch_share") ||
      !COMPONENT_OK("gg_batch_share"))
    return NAN;
  int K = b->P + 1;
  if (b->scalar) return b->sims[lane]->a[s * K + k];
  return AT(LANE(b, lane)->a, s * K + k, lane);
}

void gg_batch_shares(const gg_batch *b, int lane, double *out) {
  if (!B_OK("gg_batch_shares") || !LANE_OK("gg_batch_shares")) return;
  size_t n = (size_t)b->S * (size_t)(b->P + 1);
  if (b->scalar)
    memcpy(out, b->sims[lane]->a, n * sizeof(double));
  else
    get(out, LANE(b, lane)->a, n, SLOT(lane));
}

double gg_batch_stock(const gg_batch *b, int lane, int s, int p, int c) {
  if (!B_OK("gg_batch_stock") || !LANE_OK("gg_batch_stock") || !STATE_OK("gg_batch_stock") ||
      !POWER_OK("gg_batch_stock") || !CHANNEL_OK("gg_batch_stock"))
    return NAN;
  int i = (s * b->P + p) * b->C + c;
  if (b->scalar) return b->sims[lane]->X[i];
  return AT(LANE(b, lane)->X, i, lane);
}

double gg_batch_effort(const gg_batch *b, int lane, int s, int p, int c) {
  if (!B_OK("gg_batch_effort") || !LANE_OK("gg_batch_effort") || !STATE_OK("gg_batch_effort") ||
      !POWER_OK("gg_batch_effort") || !CHANNEL_OK("gg_batch_effort"))
    return NAN;
  if (!b->stepped) return 0.0;
  int i = (s * b->P + p) * b->C + c;
  if (b->scalar) return b->sims[lane]->u[i];
  return AT(LANE(b, lane)->u, i, lane);
}

int gg_batch_dominant(const gg_batch *b, int lane, int s) {
  if (!B_OK("gg_batch_dominant") || !LANE_OK("gg_batch_dominant") || !STATE_OK("gg_batch_dominant"))
    return -1;
  int K = b->P + 1, best = 0;
  for (int k = 1; k < K; k++)
    if (gg_batch_share(b, lane, s, k) > gg_batch_share(b, lane, s, best)) best = k;
  return best;
}

double gg_batch_region(const gg_batch *b, int lane, int k) {
  if (!B_OK("gg_batch_region") || !LANE_OK("gg_batch_region") || !COMPONENT_OK("gg_batch_region"))
    return NAN;
  const gg_sim *sim = b->sims[lane];
  const gg_scenario *sc = sim->sc;
  double num = 0, den = 0;
  for (int s = 0; s < sc->S; s++) {
    double w = sc->weight == GG_WEIGHT_POPULATION ? sim->v.population[s]
               : sc->weight == GG_WEIGHT_GDP      ? sim->v.gdp[s]
                                                  : 1.0;
    num += w * gg_batch_share(b, lane, s, k);
    den += w;
  }
  return den > 0 ? num / den : 0.0;
}

const gg_sim *gg_batch_lane_sim(gg_batch *b, int lane) {
  if (!B_OK("gg_batch_lane_sim") || !LANE_OK("gg_batch_lane_sim")) return NULL;
  gg_sim *sim = b->sims[lane];
  if (b->scalar) return sim;
  size_t S = (size_t)b->S, P = (size_t)b->P, C = (size_t)b->C;
  const ggb_block *k = LANE(b, lane);
  int l = SLOT(lane);
  get(sim->X, k->X, S * P * C, l);
  get(sim->u, k->u, S * P * C, l);
  get(sim->a, k->a, S * (P + 1), l);
  rng_get(&sim->rng, k, l, b->L);
  sim->t = b->t;
  sim->stepped = b->stepped;
  if (!b->events_last) sim->nfired = 0;
  return sim;
}

const gg_sim *gg_batch_lane_shares(gg_batch *b, int lane) {
  if (!B_OK("gg_batch_lane_shares") || !LANE_OK("gg_batch_lane_shares")) return NULL;
  gg_sim *sim = b->sims[lane];
  if (b->scalar) return sim;
  get(sim->a, LANE(b, lane)->a, (size_t)b->S * (size_t)(b->P + 1), SLOT(lane));
  sim->t = b->t;
  return sim;
}
