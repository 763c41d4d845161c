/* GG-1: one simulation, stepped tick by tick (docs/model.md). Everything a run
   needs is allocated in gg_sim_create; gg_sim_step allocates nothing. */
#include "internal.h"

#include <float.h>
#include <math.h>
#include <string.h>

#define GG_HUGE 1e300 /* stocks, budgets and utilities are kept within +-GG_HUGE */

void gg_events_begin_tick(gg_sim *sim);
void gg_events_touch(gg_sim *sim, const double *x);

static double clamp_huge(double x) {
  return x > GG_HUGE ? GG_HUGE : (x < -GG_HUGE ? -GG_HUGE : x);
}

/* Indices of the non-shock events (with an `until`, when by_until) sorted
   by at (or until), stable in file order. Returns their number. */
static int sort_by_tick(gg_sim *sim, int by_until) {
  const gg_scenario *sc = sim->sc;
  int T = sc->ticks, *cnt = sim->count, n = 0;
  int *out = by_until ? sim->order_until : sim->order_at;
  memset(cnt, 0, ((size_t)T + 2) * sizeof(int));
  for (int e = 0; e < sc->E; e++) {
    const gg_event *ev = &sc->events[e];
    int key = by_until ? ev->until : ev->at;
    if (ev->type == GG_EV_SHOCK || key < 0) continue;
    cnt[(key < T ? key : T) + 1]++;
    n++;
  }
  for (int t = 0; t <= T; t++)
    cnt[t + 1] += cnt[t];
  for (int e = 0; e < sc->E; e++) {
    const gg_event *ev = &sc->events[e];
    int key = by_until ? ev->until : ev->at;
    if (ev->type == GG_EV_SHOCK || key < 0) continue;
    out[cnt[key < T ? key : T]++] = e;
  }
  return n;
}

gg_sim *gg_sim_create(const gg_scenario *sc, uint64_t seed) {
  gg_sim *sim = gg_calloc(1, sizeof *sim);
  if (!sim) return NULL;
  size_t S = (size_t)sc->S, P = (size_t)sc->P, C = (size_t)sc->C, B = (size_t)sc->B,
         E = (size_t)sc->E;
  size_t SPC = S * P * C, SK = S * (P + 1), SP = S * P;
  sim->sc = sc;
  size_t fired_cap = E, once_total = 0;
  for (int e = 0; e < sc->E; e++)
    if (sc->events[e].type == GG_EV_SHOCK) {
      fired_cap += (size_t)sc->events[e].nstates;
      if (sc->events[e].once) once_total += (size_t)sc->events[e].nstates;
    }
  if (fired_cap > E + 65536) fired_cap = E + 65536; /* the ticker keeps the first ones of a tick */
  sim->cap_fired = (int)fired_cap;
  sim->X = gg_calloc(SPC, sizeof(double));
  sim->u = gg_calloc(SPC, sizeof(double));
  sim->R = gg_calloc(SPC, sizeof(double));
  sim->M = gg_calloc(SPC, sizeof(double));
  sim->a = gg_calloc(SK, sizeof(double));
  sim->T = gg_calloc(SK, sizeof(double));
  sim->U = gg_calloc(SK, sizeof(double));
  sim->Tc = gg_calloc(SK, sizeof(double));
  sim->Ac = gg_calloc(SP + 1, sizeof(double));
  sim->xi = gg_calloc(SK, sizeof(double));
  sim->nbp = gg_calloc(SK, sizeof(double));
  sim->kb = gg_calloc(SP, sizeof(double));
  sim->bl = gg_calloc(SP, sizeof(double));
  sim->m = gg_calloc(S, sizeof(double));
  sim->retention = gg_calloc(C, sizeof(double));
  sim->member = gg_calloc(B * S + 1, 1);
  sim->override = gg_calloc(B * S + 1, 1);
  sim->undo = gg_calloc((size_t)sc->undo_count + 1, sizeof(double));
  sim->tmp_active = gg_calloc(sc->v.count + 1, sizeof(int));
  sim->tmp_base = gg_calloc(sc->v.count + 1, sizeof(double));
  sim->tmp_dirty = gg_calloc(sc->v.count + 1, 1);
  sim->fired_once = gg_calloc(once_total + 1, 1);
  sim->once_base = gg_calloc(E + 1, sizeof(int));
  sim->fired_ev = gg_calloc(fired_cap + 1, sizeof(int));
  sim->fired_st = gg_calloc(fired_cap + 1, sizeof(int));
  sim->order_at = gg_calloc(E + 1, sizeof(int));
  sim->order_until = gg_calloc(E + 1, sizeof(int));
  sim->shocks = gg_calloc(E + 1, sizeof(int));
  sim->count = gg_calloc((size_t)sc->ticks + 2, sizeof(int));
  if (!sim->X || !sim->u || !sim->R || !sim->M || !sim->a || !sim->T || !sim->U || !sim->Tc ||
      !sim->Ac || !sim->xi || !sim->nbp || !sim->kb || !sim->bl || !sim->m || !sim->retention ||
      !sim->member || !sim->override || !sim->undo || !sim->tmp_active || !sim->tmp_base ||
      !sim->tmp_dirty || !sim->fired_once || !sim->once_base || !sim->fired_ev || !sim->fired_st ||
      !sim->order_at || !sim->order_until || !sim->shocks || !sim->count ||
      gg_values_copy(&sim->v, &sc->v) != 0) {
    gg_sim_free(sim);
    return NULL;
  }
  /* Events by tick, file order kept within a tick: stable counting sorts. */
  int ns = 0, ob = 0;
  for (int e = 0; e < sc->E; e++) {
    const gg_event *ev = &sc->events[e];
    sim->once_base[e] = ob;
    if (ev->type == GG_EV_SHOCK) {
      sim->shocks[ns++] = e;
      if (ev->once) ob += ev->nstates;
    }
  }
  sim->n_shocks = ns;
  sim->once_total = (size_t)ob;
  sim->n_at = sort_by_tick(sim, 0);
  sim->n_until = sort_by_tick(sim, 1);
  if (sc->model == 2 && ggl_gg2_init(sim) != 0) {
    gg_sim_free(sim);
    return NULL;
  }
  gg_sim_reset(sim, seed);
  return sim;
}

void gg_sim_reset(gg_sim *sim, uint64_t seed) {
  const gg_scenario *sc = sim->sc;
  size_t S = (size_t)sc->S, P = (size_t)sc->P, C = (size_t)sc->C, B = (size_t)sc->B;
  sim->t = 0;
  sim->seed = seed;
  gg_rng_seed(&sim->rng, seed);
  memcpy(sim->v.block, sc->v.block, sc->v.count * sizeof(double));
  memcpy(sim->X, sc->stocks, S * P * C * sizeof(double));
  memcpy(sim->a, sc->alignment, S * (P + 1) * sizeof(double));
  memset(sim->u, 0, S * P * C * sizeof(double));
  memset(sim->R, 0, S * P * C * sizeof(double));
  memset(sim->U, 0, S * (P + 1) * sizeof(double));
  memset(sim->xi, 0, S * (P + 1) * sizeof(double));
  memset(sim->nbp, 0, S * (P + 1) * sizeof(double));
  memset(sim->bl, 0, S * P * sizeof(double));
  memset(sim->override, 0xff, B * S + 1);
  memset(sim->fired_once, 0, sim->once_total + 1);
  memset(sim->tmp_active, 0, (sc->v.count + 1) * sizeof(int));
  memset(sim->tmp_dirty, 0, sc->v.count + 1);
  sim->noverride = 0;
  sim->nfired = 0;
  sim->pos_at = 0;
  sim->pos_until = 0;
  sim->blocs_dirty = 1;
  sim->stepped = 0;
  sim->ac_ok = 0;
  if (sc->model == 2) ggl_gg2_reset(sim);
}

void gg_sim_free(gg_sim *sim) {
  if (!sim) return;
  void *arrays[] = {
      sim->X,           sim->u,         sim->R,          sim->M,         sim->a,
      sim->T,           sim->U,         sim->Tc,         sim->xi,        sim->nbp,
      sim->kb,          sim->bl,        sim->m,          sim->retention, sim->member,
      sim->override,    sim->undo,      sim->tmp_active, sim->tmp_base,  sim->tmp_dirty,
      sim->fired_once,  sim->once_base, sim->fired_ev,   sim->fired_st,  sim->order_at,
      sim->order_until, sim->shocks,    sim->count,      sim->Ac};
  for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++)
    gg_free(arrays[i]);
  ggl_gg2_free(sim);
  gg_values_free(&sim->v);
  gg_free(sim);
}

/* ---- blocs ----------------------------------------------------------------- */

/* Membership, multipliers and bonuses at tick t; 1 when they were
   recomputed. */
static int update_blocs(gg_sim *sim) {
  const gg_scenario *sc = sim->sc;
  int S = sc->S, P = sc->P, C = sc->C, B = sc->B, t = sim->t;
  int dirty = sim->blocs_dirty;
  for (int i = 0; i < sc->nmembers && !dirty; i++)
    dirty = sc->members[i].from == t || sc->members[i].until == t;
  if (!dirty) return 0;
  sim->blocs_dirty = 0;
  memset(sim->member, 0, (size_t)B * (size_t)S);
  for (int i = 0; i < sc->nmembers; i++) {
    const gg_member *m = &sc->members[i];
    if (m->from <= t && t < m->until) sim->member[m->bloc * S + m->state] = 1;
  }
  if (sim->noverride)
    for (int i = 0; i < B * S; i++)
      if (sim->override[i] >= 0) sim->member[i] = (unsigned char)sim->override[i];
  for (size_t i = 0; i < (size_t)S * P * C; i++)
    sim->M[i] = 1.0;
  memset(sim->kb, 0, (size_t)S * P * sizeof(double));
  for (int b = 0; b < B; b++)
    for (int s = 0; s < S; s++) {
      if (!sim->member[b * S + s]) continue;
      for (int p = 0; p < P; p++) {
        if (!sc->sponsor[b * P + p]) continue;
        sim->kb[s * P + p] += sim->v.bonus[b];
        for (int c = 0; c < C; c++) { /* kept finite however many blocs multiply */
          double *m = &sim->M[(s * P + p) * C + c];
          *m *= sim->v.multipliers[b * C + c];
          if (*m > GG_HUGE) *m = GG_HUGE;
        }
      }
    }
  return 1;
}

/* ---- utilities and targets (steps 4 to 7) ------------------------------- */

/* Compute the target T of every state from the current stocks, affinities
   and alignments. With `live`, draw the noise and keep the decomposition
   (R, U, xi, backlash, neighbour pull) for attribution, and each utility
   but its neighbour pull and noise in Ac. Without `live` (the contest
   strategy's noise-free pass), when nothing changed the stocks, values or
   blocs since the live pass of the previous tick (ac_ok), those terms are
   the ones in Ac: the same operations on the same inputs, so the same bits,
   without the responses' divisions. */
static void compute_targets(gg_sim *sim, double *T, int live) {
  const gg_scenario *sc = sim->sc;
  const gg_values *v = &sim->v;
  int S = sc->S, P = sc->P, C = sc->C, K = P + 1;
  double Rl[GG_MAX_POWERS * GG_MAX_CHANNELS], Ul[GG_MAX_POWERS + 1], N[GG_MAX_POWERS + 1];
  if (!live && sim->ac_ok) {
    for (int s = 0; s < S; s++) {
      for (int k = 0; k < K; k++)
        N[k] = 0;
      for (int i = sc->nb_start[s]; i < sc->nb_start[s + 1]; i++) {
        const double *an = &sim->a[sc->nb_index[i] * K];
        double wn = sc->nb_weight[i];
        for (int k = 0; k < K; k++)
          N[k] += wn * an[k];
      }
      double nu = v->nu[s], umax = -DBL_MAX, tau = v->decisiveness[s], z = 0;
      Ul[0] = clamp_huge(v->autonomy[s] + nu * N[0]);
      umax = Ul[0] > umax ? Ul[0] : umax;
      for (int p = 0; p < P; p++) {
        Ul[p + 1] = clamp_huge(sim->Ac[s * P + p] + nu * N[p + 1]);
        if (Ul[p + 1] > umax) umax = Ul[p + 1];
      }
      double *Ts = &T[s * K];
      for (int k = 0; k < K; k++) {
        Ts[k] = gg_exp(tau * (Ul[k] - umax));
        z += Ts[k];
      }
      for (int k = 0; k < K; k++)
        Ts[k] /= z;
    }
    return;
  }
  for (int s = 0; s < S; s++) {
    /* the live pass writes its terms where attribution reads them */
    double *R = live ? &sim->R[s * P * C] : Rl;
    double *U = live ? &sim->U[s * K] : Ul;
    const double *X = &sim->X[s * P * C];
    const double *h = &v->saturation[s * C];
    const double *w = &v->weights[s * C];
    const double *M = &sim->M[s * P * C];
    double pres[GG_MAX_POWERS], total = 0;
    for (int p = 0; p < P; p++) {
      double sum = 0;
      for (int c = 0; c < C; c++) {
        double x = X[p * C + c];
        double r = x / (x + h[c]);
        R[p * C + c] = r;
        sum += r;
      }
      pres[p] = sum;
      total += sum;
    }
    for (int k = 0; k < K; k++)
      N[k] = 0;
    for (int i = sc->nb_start[s]; i < sc->nb_start[s + 1]; i++) {
      const double *an = &sim->a[sc->nb_index[i] * K];
      double wn = sc->nb_weight[i];
      for (int k = 0; k < K; k++)
        N[k] += wn * an[k];
    }
    double nu = v->nu[s], sigma = v->noise[s], beta = v->beta[s], theta = v->theta[s];
    double *xi = &sim->xi[s * K];
    if (live) {
      if (sigma > 0)
        for (int k = 0; k < K; k++)
          xi[k] = gg_rng_normal(&sim->rng);
      else
        for (int k = 0; k < K; k++)
          xi[k] = 0.0;
    }
    U[0] = v->autonomy[s] + nu * N[0];
    if (live) U[0] += sigma * xi[0];
    for (int p = 0; p < P; p++) {
      double A = v->affinity[s * P + p];
      for (int c = 0; c < C; c++)
        A += w[c] * M[p * C + c] * R[p * C + c];
      A += sim->kb[s * P + p];
      double pi = total > 0 ? pres[p] / total : 0.0;
      double Bk = beta * (pi - theta > 0 ? pi - theta : 0.0);
      A -= Bk;
      double u = A + nu * N[p + 1];
      if (live) {
        u += sigma * xi[p + 1];
        sim->bl[s * P + p] = Bk;
        sim->Ac[s * P + p] = A;
      }
      U[p + 1] = u;
    }
    double umax = -DBL_MAX;
    for (int k = 0; k < K; k++) {
      U[k] = clamp_huge(U[k]);
      if (U[k] > umax) umax = U[k];
    }
    double tau = v->decisiveness[s], z = 0;
    double *Ts = &T[s * K];
    for (int k = 0; k < K; k++) {
      Ts[k] = gg_exp(tau * (U[k] - umax));
      z += Ts[k];
    }
    for (int k = 0; k < K; k++)
      Ts[k] /= z;
    if (live)
      for (int k = 0; k < K; k++)
        sim->nbp[s * K + k] = nu * N[k];
  }
  if (live) sim->ac_ok = 1;
}

/* ---- efforts (step 2) ------------------------------------------------------ */

static void split_fixed(gg_sim *sim, int p, int c, double budget) {
  const gg_scenario *sc = sim->sc;
  int S = sc->S, P = sc->P, C = sc->C;
  const double *prio = &sim->v.priority[p * S];
  double sum = 0;
  for (int s = 0; s < S; s++)
    sum += prio[s];
  for (int s = 0; s < S; s++)
    sim->u[(s * P + p) * C + c] = sum > 0 ? budget * prio[s] / sum : 0.0;
}

/* split_fixed for every fixed power and channel in one pass over the
   states, writing u in memory order (the same arithmetic, so the same bits). */
static void split_fixed_all(gg_sim *sim) {
  const gg_scenario *sc = sim->sc;
  int S = sc->S, P = sc->P, C = sc->C;
  double sum[GG_MAX_POWERS], budget[GG_MAX_POWERS * GG_MAX_CHANNELS];
  int nfixed = 0;
  for (int p = 0; p < P; p++) {
    if (sc->strategy[p] == GG_STRATEGY_CONTEST) continue;
    nfixed++;
    const double *prio = &sim->v.priority[p * S];
    sum[p] = 0;
    for (int s = 0; s < S; s++)
      sum[p] += prio[s];
    for (int c = 0; c < C; c++) {
      double b = sim->v.budget[p * C + c];
      budget[p * C + c] = b > 0 ? (b < GG_HUGE ? b : GG_HUGE) : 0.0;
    }
  }
  if (nfixed == 0) return;
  for (int s = 0; s < S; s++)
    for (int p = 0; p < P; p++) {
      if (sc->strategy[p] == GG_STRATEGY_CONTEST) continue;
      double prio = sim->v.priority[p * S + s];
      double *u = &sim->u[(s * P + p) * C];
      for (int c = 0; c < C; c++)
        u[c] = sum[p] > 0 ? budget[p * C + c] * prio / sum[p] : 0.0;
    }
}

static void split_contest(gg_sim *sim, int p, int c, double budget) {
  const gg_scenario *sc = sim->sc;
  const gg_values *v = &sim->v;
  int S = sc->S, P = sc->P, C = sc->C, K = P + 1;
  double mmax = 0;
  int ninf = 0;
  for (int s = 0; s < S; s++) {
    int i = (s * P + p) * C + c;
    double T = sim->Tc[s * K + p + 1], h = v->saturation[s * C + c], xh = sim->X[i] + h;
    double m = v->priority[p * S + s] * v->decisiveness[s] * T * (1 - T) * v->weights[s * C + c] *
               sim->M[i] * h / (xh * xh);
    if (!(m >= 0)) m = 0; /* NaN from inf * 0 in extreme but valid inputs */
    if (isinf(m)) ninf++;
    sim->m[s] = m;
    if (m > mmax) mmax = m;
  }
  if (mmax == 0) {
    split_fixed(sim, p, c, budget);
    return;
  }
  double eta = v->focus[p], sum = 0;
  for (int s = 0; s < S; s++) {
    double m = sim->m[s], wgt;
    if (ninf)
      wgt = isinf(m) ? 1.0 : 0.0;
    else if (eta == 1.0 && mmax < 1e290 && mmax >= 0x1p-969)
      wgt = m; /* below 2^-969 (subnormal products), fall through to m / mmax */
    else
      wgt = gg_pow(m / mmax, eta);
    sim->m[s] = wgt;
    sum += wgt;
  }
  for (int s = 0; s < S; s++)
    sim->u[(s * P + p) * C + c] = budget * sim->m[s] / sum;
}

/* ---- one tick ---------------------------------------------------------------- */

void gg_sim_step(gg_sim *sim) {
  const gg_scenario *sc = sim->sc;
  if (sc->model == 2) { /* GG-2 (sim_gg2.c) */
    ggl_gg2_step(sim);
    return;
  }
  if (sim->t >= sc->ticks) return;
  int S = sc->S, P = sc->P, C = sc->C, K = P + 1;
  int pos_until = sim->pos_until;
  gg_events_begin_tick(sim); /* step 1 */
  /* an event applied or undone, a shock fired, or new blocs: Ac is stale */
  if (update_blocs(sim) || sim->nfired > 0 || sim->pos_until != pos_until) sim->ac_ok = 0;
  int contest = 0;
  for (int p = 0; p < P; p++)
    contest |= sc->strategy[p] == GG_STRATEGY_CONTEST;
  if (contest) compute_targets(sim, sim->Tc, 0);
  for (int p = 0; p < P; p++) /* step 2: contest powers */
    for (int c = 0; c < C && sc->strategy[p] == GG_STRATEGY_CONTEST; c++) {
      double budget = sim->v.budget[p * C + c];
      budget = budget > 0 ? (budget < GG_HUGE ? budget : GG_HUGE) : 0.0;
      split_contest(sim, p, c, budget);
    }
  split_fixed_all(sim); /* step 2: fixed powers */
  for (int c = 0; c < C; c++)
    sim->retention[c] = gg_exp2(-1.0 / sim->v.half_life[c]);
  size_t n = (size_t)S * P * C; /* step 3 (no i % C: an integer division per stock) */
  for (size_t i = 0; i < n; i += (size_t)C)
    for (int c = 0; c < C; c++) {
      double x = sim->retention[c] * sim->X[i + c] + sim->u[i + c];
      sim->X[i + c] = x < GG_HUGE ? x : GG_HUGE;
    }
  compute_targets(sim, sim->T, 1); /* steps 4-7 */
  for (int s = 0; s < S; s++) {    /* step 8 */
    double lambda = sim->v.responsiveness[s];
    for (int k = 0; k < K; k++) {
      double *a = &sim->a[s * K + k];
      *a = (1 - lambda) * *a + lambda * sim->T[s * K + k];
    }
  }
  sim->t++;
  sim->stepped = 1;
}

int gg_sim_run(gg_sim *sim, const gg_sink *sink) {
  if (sink && sink->tick) {
    int rc = sink->tick(sink->ctx, sim);
    if (rc) return rc;
  }
  while (sim->t < sim->sc->ticks) {
    gg_sim_step(sim);
    if (sink && sink->tick) {
      int rc = sink->tick(sink->ctx, sim);
      if (rc) return rc;
    }
  }
  return 0;
}

/* ---- reading a simulation ------------------------------------------------ */

int gg_sim_tick(const gg_sim *sim) {
  if (!GG_OBJ("gg_sim_tick", "sim", sim)) return -1;
  return sim->t;
}
uint64_t gg_sim_seed(const gg_sim *sim) {
  if (!GG_OBJ("gg_sim_seed", "sim", sim)) return 0;
  return sim->seed;
}
const gg_scenario *gg_sim_scenario(const gg_sim *sim) {
  if (!GG_OBJ("gg_sim_scenario", "sim", sim)) return NULL;
  return sim->sc;
}

/* The checks of the accessors below: the object, then each index. */
#define SIM_OK(fn) GG_OBJ(fn, "sim", sim)
#define STATE_OK(fn) GG_IN(fn, "state", s, sim->sc->S)
#define POWER_OK(fn) GG_IN(fn, "power", p, sim->sc->P)
#define CHANNEL_OK(fn) GG_IN(fn, "channel", c, sim->sc->C)
#define COMPONENT_OK(fn) GG_IN(fn, "component", k, sim->sc->P + 1)

double gg_sim_share(const gg_sim *sim, int s, int k) {
  if (!SIM_OK("gg_sim_share") || !STATE_OK("gg_sim_share") || !COMPONENT_OK("gg_sim_share"))
    return NAN;
  return sim->a[s * (sim->sc->P + 1) + k];
}

double gg_sim_stock(const gg_sim *sim, int s, int p, int c) {
  if (!SIM_OK("gg_sim_stock") || !STATE_OK("gg_sim_stock") || !POWER_OK("gg_sim_stock") ||
      !CHANNEL_OK("gg_sim_stock"))
    return NAN;
  return sim->X[(s * sim->sc->P + p) * sim->sc->C + c];
}

double gg_sim_effort(const gg_sim *sim, int s, int p, int c) {
  if (!SIM_OK("gg_sim_effort") || !STATE_OK("gg_sim_effort") || !POWER_OK("gg_sim_effort") ||
      !CHANNEL_OK("gg_sim_effort"))
    return NAN;
  return sim->stepped ? sim->u[(s * sim->sc->P + p) * sim->sc->C + c] : 0.0;
}

double gg_sim_affinity(const gg_sim *sim, int s, int p) {
  if (!SIM_OK("gg_sim_affinity") || !STATE_OK("gg_sim_affinity") || !POWER_OK("gg_sim_affinity"))
    return NAN;
  return sim->v.affinity[s * sim->sc->P + p];
}

double gg_sim_budget(const gg_sim *sim, int p, int c) {
  if (!SIM_OK("gg_sim_budget") || !POWER_OK("gg_sim_budget") || !CHANNEL_OK("gg_sim_budget"))
    return NAN;
  return sim->v.budget[p * sim->sc->C + c];
}

void gg_sim_set_budget(gg_sim *sim, int p, int c, double value) {
  if (!SIM_OK("gg_sim_set_budget") || !POWER_OK("gg_sim_set_budget") ||
      !CHANNEL_OK("gg_sim_set_budget"))
    return;
  if (isnan(value)) value = 0.0;
  gg_events_touch(sim, &sim->v.budget[p * sim->sc->C + c]);
  sim->v.budget[p * sim->sc->C + c] = value > 0 ? (value < 1e12 ? value : 1e12) : 0.0;
}

int gg_sim_member(const gg_sim *sim, int b, int s) {
  if (!SIM_OK("gg_sim_member") || !GG_IN("gg_sim_member", "bloc", b, sim->sc->B) ||
      !STATE_OK("gg_sim_member"))
    return 0;
  return sim->member[b * sim->sc->S + s];
}

int gg_sim_dominant(const gg_sim *sim, int s) {
  if (!SIM_OK("gg_sim_dominant") || !STATE_OK("gg_sim_dominant")) return -1;
  int K = sim->sc->P + 1, best = 0;
  const double *a = &sim->a[s * K];
  for (int k = 1; k < K; k++)
    if (a[k] > a[best]) best = k;
  return best;
}

double gg_sim_region(const gg_sim *sim, int k) {
  if (!SIM_OK("gg_sim_region") || !COMPONENT_OK("gg_sim_region")) return NAN;
  const gg_scenario *sc = sim->sc;
  double num = 0, den = 0;
  for (int s = 0; s < sc->S; s++) {
    double w = sc->weight == GG_WEIGHT_POPULATION ? sim->v.population[s]
               : sc->weight == GG_WEIGHT_GDP      ? sim->v.gdp[s]
                                                  : 1.0;
    num += w * sim->a[s * (sc->P + 1) + k];
    den += w;
  }
  return den > 0 ? num / den : 0.0;
}

int gg_sim_fired(const gg_sim *sim, const int **events, const int **states) {
  *events = NULL;
  *states = NULL;
  if (!SIM_OK("gg_sim_fired")) return 0;
  *events = sim->fired_ev;
  *states = sim->fired_st;
  return sim->nfired;
}

void gg_sim_utility(const gg_sim *sim, int s, int k, gg_utility_terms *out, double *bloc) {
  memset(out, 0, sizeof *out);
  if (!SIM_OK("gg_sim_utility") || !STATE_OK("gg_sim_utility") || !COMPONENT_OK("gg_sim_utility"))
    return;
  const gg_scenario *sc = sim->sc;
  int P = sc->P, C = sc->C, K = P + 1;
  out->neighbour = sim->nbp[s * K + k];
  out->noise = sim->v.noise[s] * sim->xi[s * K + k];
  out->total = sim->U[s * K + k];
  if (bloc)
    for (int b = 0; b < sc->B; b++)
      bloc[b] = 0;
  if (k == 0) {
    out->affinity = sim->v.autonomy[s];
    return;
  }
  int p = k - 1;
  out->affinity = sim->v.affinity[s * P + p];
  for (int c = 0; c < C; c++) {
    int i = (s * P + p) * C + c;
    out->channel[c] = sim->v.weights[s * C + c] * sim->M[i] * sim->R[i];
  }
  out->bloc_total = sim->kb[s * P + p];
  out->backlash = -sim->bl[s * P + p];
  if (bloc)
    for (int b = 0; b < sc->B; b++)
      if (sim->member[b * sc->S + s] && sc->sponsor[b * P + p]) bloc[b] = sim->v.bonus[b];
}
