/* The claims of the analysis the baseline was built to examine, as tests on
   the shipped baseline (scenarios/central_asia_2020.json). Each threshold is
   explained in docs/claims.md. Every claim is checked in each of
   CLAIM_REPLICATES replicates (seeds derived from the scenario's seed). */
#include "harness.h"

#include <greatgame/greatgame.h>

#define CLAIM_REPLICATES 20
#define CLAIM_MARGIN 0.01      /* claim 1: max(CN, RU) - US at every tick */
#define CLAIM_CNRU_REGION 0.5  /* claim 2: CN + RU regional share at every tick */
#define CLAIM_US_REGION 0.15   /* claim 2: US regional share at every tick */
#define CLAIM_BLOC_EFFECT 0.03 /* claim 2: CN + RU regional share owed to the blocs */
#define CLAIM_TM_AUTONOMY 0.5  /* claim 3: Turkmenistan's autonomy share */
#define CLAIM_PUSH_STATE 0.05  /* claim 4: largest US gain in a state at the end */
#define CLAIM_PUSH_REGION 0.03 /* claim 4: largest US gain in the region at the end */

static gg_scenario *claim_load(void) {
  gg_error err;
  gg_scenario *sc = gg_scenario_load(GG_SCENARIO_DIR "/central_asia_2020.json", &err);
  if (!sc) fprintf(stderr, "%s\n", err.msg);
  return sc;
}

/* What one run records: the worst values of the claims' quantities. */
typedef struct claim_obs {
  int us, cn, ru, tm; /* component indices and Turkmenistan's state index */
  double min_margin;  /* min over ticks and states of max(CN, RU) - US */
  double min_cnru;    /* min over ticks of region CN + RU */
  double max_us;      /* max over ticks of region US */
  double min_tm_auto; /* min over ticks of TM's autonomy share */
  int us_dominant;    /* ticks x states where the US is the dominant component */
  int tm_not_auto;    /* ticks where TM's dominant component is not autonomy */
} claim_obs;

static int claim_tick(void *ctx, const gg_sim *sim) {
  claim_obs *o = ctx;
  const gg_scenario *sc = gg_sim_scenario(sim);
  for (int s = 0; s < gg_scenario_states(sc); s++) {
    double us = gg_sim_share(sim, s, o->us);
    double cn = gg_sim_share(sim, s, o->cn), ru = gg_sim_share(sim, s, o->ru);
    double m = (cn > ru ? cn : ru) - us;
    if (m < o->min_margin) o->min_margin = m;
    if (gg_sim_dominant(sim, s) == o->us) o->us_dominant++;
  }
  double cnru = gg_sim_region(sim, o->cn) + gg_sim_region(sim, o->ru);
  if (cnru < o->min_cnru) o->min_cnru = cnru;
  if (gg_sim_region(sim, o->us) > o->max_us) o->max_us = gg_sim_region(sim, o->us);
  double tm = gg_sim_share(sim, o->tm, 0);
  if (tm < o->min_tm_auto) o->min_tm_auto = tm;
  if (gg_sim_dominant(sim, o->tm) != 0) o->tm_not_auto++;
  return 0;
}

/* Run replicate r of sc; fill obs, and the end shares into end[S*K]. */
static int claim_run(const gg_scenario *sc, int r, claim_obs *o, double *end) {
  o->us = gg_power_index(sc, "US") + 1;
  o->cn = gg_power_index(sc, "CN") + 1;
  o->ru = gg_power_index(sc, "RU") + 1;
  o->tm = gg_state_index(sc, "TM");
  o->min_margin = o->min_cnru = o->min_tm_auto = INFINITY;
  o->max_us = -INFINITY;
  o->us_dominant = o->tm_not_auto = 0;
  if (o->us < 1 || o->cn < 1 || o->ru < 1 || o->tm < 0) return -1;
  gg_sim *sim = gg_sim_create(sc, gg_seed_derive(gg_scenario_seed(sc), 0, (uint64_t)r));
  if (!sim) return -1;
  gg_sink sink = {claim_tick, o};
  gg_sim_run(sim, &sink);
  int S = gg_scenario_states(sc), K = gg_scenario_powers(sc) + 1;
  if (end) {
    for (int s = 0; s < S; s++)
      for (int k = 0; k < K; k++)
        end[s * K + k] = gg_sim_share(sim, s, k);
    end[S * K] = gg_sim_region(sim, o->us);
    end[S * K + 1] = gg_sim_region(sim, o->cn) + gg_sim_region(sim, o->ru);
  }
  gg_sim_free(sim);
  return 0;
}

/* Claim 1: no state sides with the US against its powerful neighbours. */
static void claim_no_state_sides_with_us(void) {
  gg_scenario *sc = claim_load();
  ENSURE(sc != NULL);
  ENSURE_STR(gg_scenario_name(sc), "Central Asia 2020 baseline");
  ENSURE(gg_scenario_ticks(sc) == 132);
  double worst = INFINITY;
  for (int r = 0; r < CLAIM_REPLICATES; r++) {
    claim_obs o;
    ENSURE(claim_run(sc, r, &o, NULL) == 0);
    worst = fmin(worst, o.min_margin);
    if (o.min_margin < CLAIM_MARGIN || o.us_dominant != 0)
      fprintf(stderr, "replicate %d: min margin %.4f, US dominant %d times\n", r, o.min_margin,
              o.us_dominant);
    ENSURE(o.min_margin >= CLAIM_MARGIN);
    ENSURE(o.us_dominant == 0);
  }
  printf("claim 1: smallest max(CN, RU) - US over states, ticks and replicates: %.4f (threshold "
         "%.2f)\n",
         worst, CLAIM_MARGIN);
  gg_scenario_free(sc);
}

/* Claim 2a: China and Russia together hold most of the region's alignment
   and the US stays marginal. */
static void claim_china_russia_dominant(void) {
  gg_scenario *sc = claim_load();
  ENSURE(sc != NULL);
  double cnru = INFINITY, us = -INFINITY;
  for (int r = 0; r < CLAIM_REPLICATES; r++) {
    claim_obs o;
    ENSURE(claim_run(sc, r, &o, NULL) == 0);
    ENSURE(o.min_cnru >= CLAIM_CNRU_REGION);
    ENSURE(o.max_us <= CLAIM_US_REGION);
    cnru = fmin(cnru, o.min_cnru);
    us = fmax(us, o.max_us);
  }
  printf("claim 2a: smallest regional CN + RU share %.4f (threshold %.2f), largest regional US "
         "share %.4f (threshold %.2f)\n",
         cnru, CLAIM_CNRU_REGION, us, CLAIM_US_REGION);
  gg_scenario_free(sc);
}

/* Claim 2b: the Belt and Road and the Russia-led blocs (EEU, CSTO, with the
   SCO) are part of why: without their bonuses and multipliers China's and
   Russia's regional share at the end falls by at least CLAIM_BLOC_EFFECT. */
static void claim_blocs_sustain_china_russia(void) {
  gg_scenario *sc = claim_load();
  gg_scenario *nb = sc ? gg_scenario_clone(sc) : NULL;
  ENSURE(nb != NULL);
  gg_error err;
  const char *blocs[] = {"BRI", "EEU", "CSTO", "SCO"};
  for (int i = 0; i < 4; i++) {
    char path[128];
    snprintf(path, sizeof path, "blocs.%s.bonus", blocs[i]);
    ENSURE(gg_scenario_set(nb, path, 0.0, &err) == 1);
    snprintf(path, sizeof path, "blocs.%s.multipliers.*", blocs[i]);
    ENSURE(gg_scenario_set(nb, path, 1.0, &err) == 3);
  }
  int S = gg_scenario_states(sc), K = gg_scenario_powers(sc) + 1;
  double e0[64], e1[64], least = INFINITY;
  ENSURE(S * K + 2 <= 64);
  for (int r = 0; r < CLAIM_REPLICATES; r++) {
    claim_obs o;
    ENSURE(claim_run(sc, r, &o, e0) == 0);
    ENSURE(claim_run(nb, r, &o, e1) == 0);
    double drop = e0[S * K + 1] - e1[S * K + 1];
    least = fmin(least, drop);
    if (drop < CLAIM_BLOC_EFFECT)
      fprintf(stderr, "replicate %d: the blocs add only %.4f\n", r, drop);
    ENSURE(drop >= CLAIM_BLOC_EFFECT);
  }
  printf("claim 2b: smallest fall of the regional CN + RU share at the end without the blocs: "
         "%.4f (threshold %.2f)\n",
         least, CLAIM_BLOC_EFFECT);
  gg_scenario_free(nb);
  gg_scenario_free(sc);
}

/* Claim 3: Turkmenistan stays mostly non-aligned. */
static void claim_turkmenistan_non_aligned(void) {
  gg_scenario *sc = claim_load();
  ENSURE(sc != NULL);
  double least = INFINITY;
  for (int r = 0; r < CLAIM_REPLICATES; r++) {
    claim_obs o;
    ENSURE(claim_run(sc, r, &o, NULL) == 0);
    ENSURE(o.min_tm_auto > CLAIM_TM_AUTONOMY);
    ENSURE(o.tm_not_auto == 0);
    least = fmin(least, o.min_tm_auto);
  }
  printf("claim 3: smallest autonomy share of TM: %.4f (threshold %.2f)\n", least,
         CLAIM_TM_AUTONOMY);
  gg_scenario_free(sc);
}

/* Claim 4: a US push (investment and diplomacy budgets doubled or tripled
   from January 2020) raises US alignment only modestly and flips no state. */
static void claim_us_push_modest(void) {
  gg_scenario *sc = claim_load();
  ENSURE(sc != NULL);
  int S = gg_scenario_states(sc), K = gg_scenario_powers(sc) + 1;
  int us = gg_power_index(sc, "US") + 1;
  double inv, dip;
  gg_error err;
  ENSURE(gg_scenario_get(sc, "powers.US.budget.investment", &inv, &err) == 0);
  ENSURE(gg_scenario_get(sc, "powers.US.budget.diplomacy", &dip, &err) == 0);
  double e0[64], e1[64];
  ENSURE(S * K + 2 <= 64);
  for (int factor = 2; factor <= 3; factor++) {
    double most = 0, most_region = 0;
    int most_s = 0;
    gg_scenario *push = gg_scenario_clone(sc);
    ENSURE(push != NULL);
    ENSURE(gg_scenario_set(push, "powers.US.budget.investment", inv * factor, &err) == 1);
    ENSURE(gg_scenario_set(push, "powers.US.budget.diplomacy", dip * factor, &err) == 1);
    for (int r = 0; r < CLAIM_REPLICATES; r++) {
      claim_obs o;
      ENSURE(claim_run(sc, r, &o, e0) == 0);
      ENSURE(claim_run(push, r, &o, e1) == 0);
      ENSURE(o.min_margin >= CLAIM_MARGIN); /* still no state sides with the US */
      for (int s = 0; s < S; s++) {
        double gain = e1[s * K + us] - e0[s * K + us];
        if (!(gain > 0 && gain <= CLAIM_PUSH_STATE))
          fprintf(stderr, "x%d replicate %d %s: US gain %.4f\n", factor, r, gg_state_id(sc, s),
                  gain);
        ENSURE(gain > 0);
        ENSURE(gain <= CLAIM_PUSH_STATE);
        if (gain > most) {
          most = gain;
          most_s = s;
        }
        int d0 = 0, d1 = 0;
        for (int k = 1; k < K; k++) {
          if (e0[s * K + k] > e0[s * K + d0]) d0 = k;
          if (e1[s * K + k] > e1[s * K + d1]) d1 = k;
        }
        ENSURE(d0 == d1); /* no flip of the dominant component */
      }
      double rg = e1[S * K] - e0[S * K];
      ENSURE(rg > 0);
      ENSURE(rg <= CLAIM_PUSH_REGION);
      most_region = fmax(most_region, rg);
    }
    printf("claim 4: US budgets x%d: largest US gain %.4f in %s (threshold %.2f), in the region "
           "%.4f (threshold %.2f); no flips\n",
           factor, most, gg_state_id(sc, most_s), CLAIM_PUSH_STATE, most_region, CLAIM_PUSH_REGION);
    gg_scenario_free(push);
  }
  gg_scenario_free(sc);
}

static const gg_test_case tests[] = {
    {"claim_no_state_sides_with_us", claim_no_state_sides_with_us},
    {"claim_china_russia_dominant", claim_china_russia_dominant},
    {"claim_blocs_sustain_china_russia", claim_blocs_sustain_china_russia},
    {"claim_turkmenistan_non_aligned", claim_turkmenistan_non_aligned},
    {"claim_us_push_modest", claim_us_push_modest},
};
GG_TEST_MAIN(tests)
