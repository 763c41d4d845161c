/* GG-2: one tick of a simulation whose scenario runs GG-2 (docs/model.md,
   "GG-2"). The order is GG-1's: events, blocs, efforts, stocks, targets,
   alignment. GG-2 changes what the utilities are made of (ties with a pull
   of their own, dependence, guarantor presence under unrest,
   conditionality, backlash from visible presence, hedging capacity) and
   lets a power allocate each channel by its own priorities. Everything is
   allocated in ggl_gg2_init; a step allocates nothing. */
#include "internal.h"

#include <greatgame/gg2.h>

#include <float.h>
#include <math.h>
#include <string.h>

#define GG_HUGE 1e300 /* as in sim.c: stocks, budgets and utilities stay within +-GG_HUGE */

void gg_events_begin_tick(gg_sim *sim);

struct gg2_sim {
  double *E; /* [S*P] ties of the last step */
  double *D; /* [S*P] dependence index of the last step */
  double *H; /* [S] hedging capacity of the last step */
  double *G; /* [S*P] guarantor presence of the last step */
};

static double clamp_huge(double x) {
  return x > GG_HUGE ? GG_HUGE : (x < -GG_HUGE ? -GG_HUGE : x);
}

int ggl_gg2_init(gg_sim *sim) {
  const gg_scenario *sc = sim->sc;
  size_t S = (size_t)sc->S, P = (size_t)sc->P;
  struct gg2_sim *g = gg_calloc(1, sizeof *g);
  if (!g) return -1;
  sim->g2 = g;
  g->E = gg_calloc(S * P, sizeof(double));
  g->D = gg_calloc(S * P, sizeof(double));
  g->H = gg_calloc(S, sizeof(double));
  g->G = gg_calloc(S * P, sizeof(double));
  if (!g->E || !g->D || !g->H || !g->G) return -1; /* the caller frees */
  ggl_gg2_reset(sim);
  return 0;
}

void ggl_gg2_reset(gg_sim *sim) {
  struct gg2_sim *g = sim->g2;
  if (!g) return;
  size_t S = (size_t)sim->sc->S, P = (size_t)sim->sc->P;
  memset(g->E, 0, S * P * sizeof(double));
  memset(g->D, 0, S * P * sizeof(double));
  memset(g->H, 0, S * sizeof(double));
  memset(g->G, 0, S * P * sizeof(double));
}

void ggl_gg2_free(gg_sim *sim) {
  struct gg2_sim *g = sim->g2;
  if (!g) return;
  gg_free(g->E);
  gg_free(g->D);
  gg_free(g->H);
  gg_free(g->G);
  gg_free(g);
  sim->g2 = NULL;
}

/* The values of GG-2's parameters in this run (events change them). */
typedef struct g2v {
  const double *vis, *dep, *cprio, *cond, *psi, *mu, *rho, *unrest, *kappa, *eta, *guar, *listed;
} g2v;

static g2v g2_values(const gg_sim *sim) {
  const double *const *a = (const double *const *)sim->v.g2;
  g2v o = {a[GG_P2_VISIBILITY - GG_P2_BASE],
           a[GG_P2_DEPENDENCE - GG_P2_BASE],
           a[GG_P2_CHANNEL_PRIORITY - GG_P2_BASE],
           a[GG_P2_CONDITIONALITY - GG_P2_BASE],
           a[GG_P2_TIES_PULL - GG_P2_BASE],
           a[GG_P2_LEVERAGE - GG_P2_BASE],
           a[GG_P2_REGIME_SECURITY - GG_P2_BASE],
           a[GG_P2_UNREST - GG_P2_BASE],
           a[GG_P2_CONDITIONALITY_AVERSION - GG_P2_BASE],
           a[GG_P2_HEDGING - GG_P2_BASE],
           a[GG_V2_GUARANTOR],
           a[GG_V2_LISTED]};
  return o;
}

/* The allocation weight of state s in power p's channel c: the channel's
   own priorities when the power lists the channel, else its priority. */
static double prio_of(const gg_sim *sim, const g2v *g, int p, int c, int s) {
  const gg_scenario *sc = sim->sc;
  if (g->listed[p * sc->C + c] != 0) return g->cprio[((size_t)p * sc->C + c) * sc->S + s];
  return sim->v.priority[p * sc->S + s];
}

/* ---- utilities and targets (steps 4 to 7) ------------------------------- */

/* The target T of every state from the current stocks. With `live`, draw
   the noise and keep the terms (R, U, xi, backlash, neighbour pull, ties,
   dependence, hedging capacity) for the accessors. */
static void compute_targets(gg_sim *sim, const g2v *g, double *T, int live) {
  const gg_scenario *sc = sim->sc;
  const gg_values *v = &sim->v;
  int S = sc->S, P = sc->P, C = sc->C, K = P + 1;
  double Rl[GG_MAX_POWERS * GG_MAX_CHANNELS], Ul[GG_MAX_POWERS + 1], N[GG_MAX_POWERS + 1];
  double E[GG_MAX_POWERS], D[GG_MAX_POWERS], V[GG_MAX_POWERS], G[GG_MAX_POWERS];
  for (int s = 0; s < S; s++) {
    double *R = live ? &sim->R[s * P * C] : Rl;
    double *U = live ? &sim->U[s * K] : Ul;
    const double *X = &sim->X[s * P * C];
    const double *h = &v->saturation[s * C];
    const double *w = &v->weights[s * C];
    const double *M = &sim->M[s * P * C];
    double gdp = v->gdp[s], vtotal = 0;
    for (int p = 0; p < P; p++) {
      double e = 0, d = 0, vis = 0, gr = 0;
      for (int c = 0; c < C; c++) {
        double x = X[p * C + c];
        double r = x / (x + h[c]);
        R[p * C + c] = r;
        e += w[c] * M[p * C + c] * r;
        d += g->dep[c] * x / (1000.0 * gdp);
        vis += g->vis[c] * r;
        if (g->guar[c] != 0) gr += r;
      }
      E[p] = e < GG_HUGE ? e : GG_HUGE; /* finite, so that 0 * E is 0 */
      D[p] = d < GG_HUGE ? d : GG_HUGE;
      V[p] = vis;
      G[p] = gr;
      vtotal += vis;
    }
    /* hedging capacity: every tie but the strongest (the first of equals) */
    int pmax = 0;
    for (int p = 1; p < P; p++)
      if (E[p] > E[pmax]) pmax = p;
    double H = 0;
    for (int p = 0; p < P; p++)
      if (p != pmax) H += E[p];
    for (int k = 0; k < K; k++)
      N[k] = 0;
    for (int i = sc->nb_start[s]; i < sc->nb_start[s + 1]; i++) {
      const double *an = &sim->a[sc->nb_index[i] * K];
      double wn = sc->nb_weight[i];
      for (int k = 0; k < K; k++)
        N[k] += wn * an[k];
    }
    double nu = v->nu[s], sigma = v->noise[s], beta = v->beta[s], theta = v->theta[s];
    double psi = g->psi[s], mu = g->mu[s], rho = g->rho[s], un = g->unrest[s];
    double kappa = g->kappa[s], eta = g->eta[s];
    double *xi = &sim->xi[s * K];
    if (live) {
      if (sigma > 0)
        for (int k = 0; k < K; k++)
          xi[k] = gg_rng_normal(&sim->rng);
      else
        for (int k = 0; k < K; k++)
          xi[k] = 0.0;
    }
    U[0] = v->autonomy[s] + eta * H + nu * N[0];
    if (live) U[0] += sigma * xi[0];
    for (int p = 0; p < P; p++) {
      double A = v->affinity[s * P + p] + psi * E[p] + mu * D[p] + rho * un * G[p] -
                 kappa * g->cond[p] + sim->kb[s * P + p];
      double pi = vtotal > 0 ? V[p] / vtotal : 0.0;
      double Bk = beta * (pi - theta > 0 ? pi - theta : 0.0);
      A -= Bk;
      double u = A + nu * N[p + 1];
      if (live) {
        u += sigma * xi[p + 1];
        sim->bl[s * P + p] = Bk;
        sim->g2->E[s * P + p] = E[p];
        sim->g2->D[s * P + p] = D[p];
        sim->g2->G[s * P + p] = G[p];
      }
      U[p + 1] = u;
    }
    if (live) sim->g2->H[s] = H;
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
}

/* ---- efforts (step 2) ------------------------------------------------------ */

static void split_fixed(gg_sim *sim, const g2v *g, int p, int c, double budget) {
  const gg_scenario *sc = sim->sc;
  int S = sc->S, P = sc->P, C = sc->C;
  double sum = 0;
  for (int s = 0; s < S; s++)
    sum += prio_of(sim, g, p, c, s);
  for (int s = 0; s < S; s++)
    sim->u[(s * P + p) * C + c] = sum > 0 ? budget * prio_of(sim, g, p, c, s) / sum : 0.0;
}

/* The contest's marginal gain of one more unit in state s (GG-1's rule with
   GG-2's utility: ties pull, guarantor presence under unrest, dependence),
   then GG-1's allocation by gain^focus. */
static void split_contest(gg_sim *sim, const g2v *g, int p, int c, double budget) {
  const gg_scenario *sc = sim->sc;
  const gg_values *v = &sim->v;
  int S = sc->S, P = sc->P, C = sc->C, K = P + 1;
  double mmax = 0;
  int ninf = 0;
  int guar = g->guar[c] != 0;
  for (int s = 0; s < S; s++) {
    int i = (s * P + p) * C + c;
    double T = sim->Tc[s * K + p + 1], h = v->saturation[s * C + c], xh = sim->X[i] + h;
    double slope = g->psi[s] * v->weights[s * C + c] * sim->M[i];
    if (guar) slope += g->rho[s] * g->unrest[s];
    double dm = g->mu[s] * g->dep[c] / (1000.0 * v->gdp[s]);
    double m =
        prio_of(sim, g, p, c, s) * v->decisiveness[s] * T * (1 - T) * (slope * h / (xh * xh) + dm);
    if (!(m >= 0)) m = 0; /* NaN from inf * 0 in extreme but valid inputs */
    if (isinf(m)) ninf++;
    sim->m[s] = m;
    if (m > mmax) mmax = m;
  }
  if (mmax == 0) {
    split_fixed(sim, g, p, c, budget);
    return;
  }
  double focus = v->focus[p], sum = 0;
  for (int s = 0; s < S; s++) {
    double m = sim->m[s], wgt;
    if (ninf)
      wgt = isinf(m) ? 1.0 : 0.0;
    else if (focus == 1.0 && mmax < 1e290 && mmax >= 0x1p-969)
      wgt = m;
    else
      wgt = gg_pow(m / mmax, focus);
    sim->m[s] = wgt;
    sum += wgt;
  }
  for (int s = 0; s < S; s++)
    sim->u[(s * P + p) * C + c] = budget * sim->m[s] / sum;
}

/* ---- blocs -------------------------------------------------------------------- */

/* The memberships at tick t (scenario times, then join/leave overrides) and
   from them each sponsor's bonus and channel multipliers: GG-1's rule
   (docs/model.md, blocs), kept here so that GG-2 depends on no static
   function of sim.c. */
static void update_blocs(gg_sim *sim) {
  const gg_scenario *sc = sim->sc;
  int S = sc->S, P = sc->P, C = sc->C, B = sc->B, t = sim->t;
  int dirty = sim->blocs_dirty;
  for (int i = 0; i < sc->nmembers && !dirty; i++)
    dirty = sc->members[i].from == t || sc->members[i].until == t;
  if (!dirty) return;
  sim->blocs_dirty = 0;
  memset(sim->member, 0, (size_t)B * (size_t)S);
  for (int i = 0; i < sc->nmembers; i++) {
    const gg_member *mb = &sc->members[i];
    if (mb->from <= t && t < mb->until) sim->member[mb->bloc * S + mb->state] = 1;
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
        for (int c = 0; c < C; c++) {
          double *m = &sim->M[(s * P + p) * C + c];
          *m *= sim->v.multipliers[b * C + c];
          if (*m > GG_HUGE) *m = GG_HUGE;
        }
      }
    }
}

/* ---- one tick ---------------------------------------------------------------- */

void ggl_gg2_step(gg_sim *sim) {
  const gg_scenario *sc = sim->sc;
  if (sim->t >= sc->ticks || !sim->g2) return;
  int S = sc->S, P = sc->P, C = sc->C, K = P + 1;
  gg_events_begin_tick(sim); /* step 1 */
  update_blocs(sim);
  g2v g = g2_values(sim);
  int contest = 0;
  for (int p = 0; p < P; p++)
    contest |= sc->strategy[p] == GG_STRATEGY_CONTEST;
  if (contest) compute_targets(sim, &g, sim->Tc, 0);
  for (int p = 0; p < P; p++) /* step 2 */
    for (int c = 0; c < C; c++) {
      double budget = sim->v.budget[p * C + c];
      budget = budget > 0 ? (budget < GG_HUGE ? budget : GG_HUGE) : 0.0;
      if (sc->strategy[p] == GG_STRATEGY_CONTEST)
        split_contest(sim, &g, p, c, budget);
      else
        split_fixed(sim, &g, p, c, budget);
    }
  for (int c = 0; c < C; c++)
    sim->retention[c] = gg_exp2(-1.0 / sim->v.half_life[c]);
  size_t n = (size_t)S * P * C; /* step 3 */
  for (size_t i = 0; i < n; i += (size_t)C)
    for (int c = 0; c < C; c++) {
      double x = sim->retention[c] * sim->X[i + c] + sim->u[i + c];
      sim->X[i + c] = x < GG_HUGE ? x : GG_HUGE;
    }
  compute_targets(sim, &g, sim->T, 1); /* steps 4-7 */
  for (int s = 0; s < S; s++) {        /* step 8 */
    double lambda = sim->v.responsiveness[s];
    for (int k = 0; k < K; k++) {
      double *a = &sim->a[s * K + k];
      *a = (1 - lambda) * *a + lambda * sim->T[s * K + k];
    }
  }
  sim->t++;
  sim->stepped = 1;
}

/* ---- reading a GG-2 run ---------------------------------------------------- */

int gg_scenario_model(const gg_scenario *sc) {
  return sc ? (sc->model == 2 ? 2 : 1) : 0;
}

double gg_sim_ties(const gg_sim *sim, int s, int p) {
  if (!GG_OBJ("gg_sim_ties", "sim", sim) || !GG_IN("gg_sim_ties", "state", s, sim->sc->S) ||
      !GG_IN("gg_sim_ties", "power", p, sim->sc->P))
    return NAN;
  return sim->g2 ? sim->g2->E[s * sim->sc->P + p] : 0.0;
}

double gg_sim_dependence(const gg_sim *sim, int s, int p) {
  if (!GG_OBJ("gg_sim_dependence", "sim", sim) ||
      !GG_IN("gg_sim_dependence", "state", s, sim->sc->S) ||
      !GG_IN("gg_sim_dependence", "power", p, sim->sc->P))
    return NAN;
  return sim->g2 ? sim->g2->D[s * sim->sc->P + p] : 0.0;
}

double gg_sim_hedging_capacity(const gg_sim *sim, int s) {
  if (!GG_OBJ("gg_sim_hedging_capacity", "sim", sim) ||
      !GG_IN("gg_sim_hedging_capacity", "state", s, sim->sc->S))
    return NAN;
  return sim->g2 ? sim->g2->H[s] : 0.0;
}

void gg_sim_gg2_utility(const gg_sim *sim, int s, int k, gg_gg2_utility_terms *out) {
  memset(out, 0, sizeof *out);
  if (!GG_OBJ("gg_sim_gg2_utility", "sim", sim) ||
      !GG_IN("gg_sim_gg2_utility", "state", s, sim->sc->S) ||
      !GG_IN("gg_sim_gg2_utility", "component", k, sim->sc->P + 1))
    return;
  const struct gg2_sim *g2 = sim->g2;
  if (!g2 || !sim->stepped) return;
  const gg_values *v = &sim->v;
  g2v g = g2_values(sim);
  int P = sim->sc->P, K = P + 1;
  out->neighbour = sim->nbp[s * K + k];
  out->noise = v->noise[s] * sim->xi[s * K + k];
  out->total = sim->U[s * K + k];
  if (k == 0) {
    out->affinity = v->autonomy[s];
    out->hedging = g.eta[s] * g2->H[s];
    return;
  }
  int p = k - 1, i = s * P + p;
  out->affinity = v->affinity[i];
  out->ties = g.psi[s] * g2->E[i];
  out->dependence = g.mu[s] * g2->D[i];
  out->regime = g.rho[s] * g.unrest[s] * g2->G[i];
  out->conditionality = -(g.kappa[s] * g.cond[p]);
  out->bloc = sim->kb[i];
  out->backlash = -sim->bl[i];
}
