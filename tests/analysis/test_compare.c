/* The what-if library against the baseline: paired runs with common random
   numbers (replicate r of both uses gg_seed_derive(base seed, 0, r), as
   `greatgame compare` does) and the expected sign of each what-if's effect
   on the final alignment shares. */
#include "harness.h"

#include <greatgame/greatgame.h>

#define CMP_REPLICATES 8
#define CMP_MAX 64

static gg_scenario *cmp_load(const char *name) {
  char path[1024];
  gg_error err;
  snprintf(path, sizeof path, "%s/%s.json", GG_SCENARIO_DIR, name);
  gg_scenario *sc = gg_scenario_load(path, &err);
  if (!sc) fprintf(stderr, "%s\n", err.msg);
  return sc;
}

/* Final shares of every state and component, then the regional shares. */
static int cmp_end(const gg_scenario *sc, uint64_t seed, double *out) {
  gg_sim *sim = gg_sim_create(sc, seed);
  if (!sim) return -1;
  gg_sim_run(sim, NULL);
  int S = gg_scenario_states(sc), K = gg_scenario_powers(sc) + 1;
  for (int s = 0; s < S; s++)
    for (int k = 0; k < K; k++)
      out[s * K + k] = gg_sim_share(sim, s, k);
  for (int k = 0; k < K; k++)
    out[S * K + k] = gg_sim_region(sim, k);
  gg_sim_free(sim);
  return 0;
}

/* Check that, in every replicate, the what-if moves `power`'s final share in
   each listed state (NULL-terminated; "region" for the regional share) in
   the direction `sign` (+1 or -1). Returns the number of violations, or -1. */
static int cmp_sign(const char *whatif, const char *power, const char **states, int sign) {
  gg_scenario *base = cmp_load("central_asia_2020"), *what = cmp_load(whatif);
  int bad = -1;
  if (!base || !what) goto done;
  int S = gg_scenario_states(base), K = gg_scenario_powers(base) + 1;
  int k = gg_power_index(base, power) + 1;
  if (k < 1 || (S + 1) * K > CMP_MAX || gg_scenario_states(what) != S) goto done;
  bad = 0;
  for (int r = 0; r < CMP_REPLICATES; r++) {
    uint64_t seed = gg_seed_derive(gg_scenario_seed(base), 0, (uint64_t)r);
    double e0[CMP_MAX], e1[CMP_MAX];
    if (cmp_end(base, seed, e0) || cmp_end(what, seed, e1)) {
      bad = -1;
      goto done;
    }
    for (const char **id = states; *id; id++) {
      int s = strcmp(*id, "region") == 0 ? S : gg_state_index(base, *id);
      int sw = s == S ? S : gg_state_index(what, *id);
      if (s < 0 || sw < 0 || sw != s) {
        bad = -1;
        goto done;
      }
      double d = e1[s * K + k] - e0[s * K + k];
      if (!(d * sign > 0)) {
        fprintf(stderr, "%s, replicate %d: %s share of %s moved by %+.6f\n", whatif, r, power, *id,
                d);
        bad++;
      }
    }
  }
done:
  gg_scenario_free(what);
  gg_scenario_free(base);
  return bad;
}

static const char *ALL[] = {"KZ", "KG", "TJ", "TM", "UZ", "region", NULL};

static void compare_us_pivot_raises_us_everywhere(void) {
  ENSURE(cmp_sign("us_pivot", "US", ALL, +1) == 0);
}

static void compare_russia_distracted_lowers_russia_everywhere(void) {
  ENSURE(cmp_sign("russia_distracted", "RU", ALL, -1) == 0);
}

static void compare_bri_slowdown_lowers_china_everywhere(void) {
  ENSURE(cmp_sign("bri_slowdown", "CN", ALL, -1) == 0);
}

static void compare_xinjiang_backlash_lowers_china_everywhere(void) {
  ENSURE(cmp_sign("xinjiang_backlash", "CN", ALL, -1) == 0);
}

static void compare_uzbekistan_in_eeu_raises_russia_in_uzbekistan(void) {
  const char *uz[] = {"UZ", "region", NULL};
  ENSURE(cmp_sign("uzbekistan_joins_eeu", "RU", uz, +1) == 0);
  ENSURE(cmp_sign("uzbekistan_joins_eeu", "CN", uz, -1) == 0);
}

static void compare_csto_deployment_raises_russia_in_kazakhstan(void) {
  const char *kz[] = {"KZ", NULL};
  ENSURE(cmp_sign("csto_kazakhstan_2022", "RU", kz, +1) == 0);
}

/* Common random numbers: a scenario compared with itself differs by exactly
   zero in every replicate, noise and shocks included. */
static void compare_self_difference_is_zero(void) {
  gg_scenario *sc = cmp_load("central_asia_2020");
  ENSURE(sc != NULL);
  int S = gg_scenario_states(sc), K = gg_scenario_powers(sc) + 1;
  ENSURE((S + 1) * K <= CMP_MAX);
  for (int r = 0; r < 3; r++) {
    uint64_t seed = gg_seed_derive(gg_scenario_seed(sc), 0, (uint64_t)r);
    double a[CMP_MAX], b[CMP_MAX];
    ENSURE(cmp_end(sc, seed, a) == 0);
    ENSURE(cmp_end(sc, seed, b) == 0);
    for (int i = 0; i < (S + 1) * K; i++)
      ENSURE(a[i] == b[i]);
  }
  gg_scenario_free(sc);
}

/* The great game runs on the same axes and keeps every alignment on the
   simplex. */
static void compare_great_game_on_the_simplex(void) {
  gg_scenario *sc = cmp_load("great_game");
  ENSURE(sc != NULL);
  int S = gg_scenario_states(sc), K = gg_scenario_powers(sc) + 1;
  for (int p = 0; p < K - 1; p++)
    ENSURE(gg_power_strategy(sc, p) == GG_STRATEGY_CONTEST);
  double e[CMP_MAX];
  ENSURE((S + 1) * K <= CMP_MAX);
  ENSURE(cmp_end(sc, gg_scenario_seed(sc), e) == 0);
  for (int s = 0; s < S; s++) {
    double sum = 0;
    for (int k = 0; k < K; k++) {
      ENSURE(e[s * K + k] >= 0);
      sum += e[s * K + k];
    }
    ENSURE_NEAR(sum, 1.0, 1e-9);
  }
  gg_scenario_free(sc);
}

static const gg_test_case tests[] = {
    {"compare_us_pivot_raises_us_everywhere", compare_us_pivot_raises_us_everywhere},
    {"compare_russia_distracted_lowers_russia_everywhere",
     compare_russia_distracted_lowers_russia_everywhere},
    {"compare_bri_slowdown_lowers_china_everywhere", compare_bri_slowdown_lowers_china_everywhere},
    {"compare_xinjiang_backlash_lowers_china_everywhere",
     compare_xinjiang_backlash_lowers_china_everywhere},
    {"compare_uzbekistan_in_eeu_raises_russia_in_uzbekistan",
     compare_uzbekistan_in_eeu_raises_russia_in_uzbekistan},
    {"compare_csto_deployment_raises_russia_in_kazakhstan",
     compare_csto_deployment_raises_russia_in_kazakhstan},
    {"compare_self_difference_is_zero", compare_self_difference_is_zero},
    {"compare_great_game_on_the_simplex", compare_great_game_on_the_simplex},
};
GG_TEST_MAIN(tests)
