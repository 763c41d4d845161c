/* Attribution: the utility decomposition of gg_sim_utility (used by
   `greatgame explain`) adds up to the utility of the step and matches terms
   computed by hand for a tiny scenario. */
#include "harness.h"

#include <greatgame/greatgame.h>

/* Two states, two powers, one channel, one bloc. After one step:
   P's stock in A is 0.5 * 4 + 2 = 4 (half-life 1 tick, budget 2, all of it
   to A), so R = 4 / (4 + 4) = 0.5; Q has no stock. */
static const char tiny_json[] =
    "{\"format\": 1, \"name\": \"tiny\", \"time\": {\"start\": \"2020-01\", \"step\": \"month\", "
    "\"ticks\": 3},"
    " \"channels\": [{\"id\": \"inv\", \"half_life\": 1}],"
    " \"powers\": [{\"id\": \"P\", \"name\": \"P\", \"budget\": {\"inv\": 2}, \"priority\": "
    "{\"A\": "
    "1}},"
    "              {\"id\": \"Q\", \"name\": \"Q\"}],"
    " \"defaults\": {\"autonomy\": 0.7, \"responsiveness\": 0.2, \"decisiveness\": 1.5,"
    "   \"backlash\": {\"strength\": 0.4, \"threshold\": 0.6}, \"neighbour_weight\": 0.3, "
    "\"noise\": "
    "0,"
    "   \"weights\": {\"inv\": 2}, \"saturation\": {\"inv\": 4}},"
    " \"states\": ["
    "  {\"id\": \"A\", \"name\": \"A\", \"population\": 1, \"gdp\": 1,"
    "   \"alignment\": {\"autonomy\": 0.5, \"P\": 0.25, \"Q\": 0.25}, \"affinity\": {\"P\": 0.1},"
    "   \"stocks\": {\"P\": {\"inv\": 4}}, \"neighbours\": {\"B\": 1}},"
    "  {\"id\": \"B\", \"name\": \"B\", \"population\": 1, \"gdp\": 1,"
    "   \"alignment\": {\"autonomy\": 0.4, \"P\": 0.6}}],"
    " \"blocs\": [{\"id\": \"X\", \"name\": \"X\", \"sponsors\": [\"P\"], \"bonus\": 0.25,"
    "   \"multipliers\": {\"inv\": 1.5}, \"members\": [\"A\"]}]}";

static gg_scenario *tiny(void) {
  gg_error err;
  gg_scenario *sc = gg_scenario_parse(tiny_json, sizeof tiny_json - 1, "tiny", &err);
  if (!sc) fprintf(stderr, "%s\n", err.msg);
  return sc;
}

static double terms_sum(const gg_utility_terms *u, int C) {
  double s = u->affinity + u->bloc_total + u->backlash + u->neighbour + u->noise;
  for (int c = 0; c < C; c++)
    s += u->channel[c];
  return s;
}

/* Hand computation of P's terms in A after the first step. */
static void explain_terms_by_hand_tiny(void) {
  gg_scenario *sc = tiny();
  ENSURE(sc != NULL);
  gg_sim *sim = gg_sim_create(sc, 1);
  ENSURE(sim != NULL);
  gg_sim_step(sim);
  int A = gg_state_index(sc, "A"), P = gg_power_index(sc, "P") + 1, Q = gg_power_index(sc, "Q") + 1;
  ENSURE_NEAR(gg_sim_stock(sim, A, P - 1, 0), 4.0, 1e-12);
  gg_utility_terms u;
  double bloc[1] = {0};
  gg_sim_utility(sim, A, P, &u, bloc);
  ENSURE_NEAR(u.affinity, 0.1, 1e-12);
  ENSURE_NEAR(u.channel[0], 2.0 * 1.5 * 0.5, 1e-12); /* w * M * R */
  ENSURE_NEAR(bloc[0], 0.25, 1e-12);                 /* kappa */
  ENSURE_NEAR(u.bloc_total, 0.25, 1e-12);
  ENSURE_NEAR(u.backlash, -0.4 * (1.0 - 0.6), 1e-12); /* -beta * (pi - theta), pi = 1 */
  ENSURE_NEAR(u.neighbour, 0.3 * 0.6, 1e-12);         /* nu * a[B][P] at tick 0 */
  ENSURE_NEAR(u.noise, 0.0, 0.0);
  double up = 0.1 + 1.5 + 0.25 - 0.16 + 0.18;
  ENSURE_NEAR(u.total, up, 1e-12);

  gg_utility_terms u0, uq;
  gg_sim_utility(sim, A, 0, &u0, NULL);
  ENSURE_NEAR(u0.affinity, 0.7, 1e-12); /* alpha */
  ENSURE_NEAR(u0.neighbour, 0.3 * 0.4, 1e-12);
  ENSURE_NEAR(u0.total, 0.82, 1e-12);
  gg_sim_utility(sim, A, Q, &uq, NULL);
  ENSURE_NEAR(uq.total, 0.0, 1e-12); /* no affinity, stock, bloc or neighbour share */

  /* The totals are the utilities of the step: the share follows from them. */
  double tau = 1.5, lam = 0.2;
  double e0 = exp(tau * u0.total), ep = exp(tau * up), eq = exp(tau * uq.total);
  double z = e0 + ep + eq;
  ENSURE_NEAR(gg_sim_share(sim, A, 0), (1 - lam) * 0.5 + lam * e0 / z, 1e-12);
  ENSURE_NEAR(gg_sim_share(sim, A, P), (1 - lam) * 0.25 + lam * ep / z, 1e-12);
  ENSURE_NEAR(gg_sim_share(sim, A, Q), (1 - lam) * 0.25 + lam * eq / z, 1e-12);
  gg_sim_free(sim);
  gg_scenario_free(sc);
}

/* On the baseline, with noise and shocks, at every tick: the terms add up to
   the total within 1e-12 and the per-bloc bonuses add up to bloc_total. */
static void explain_terms_sum_to_total_baseline(void) {
  gg_error err;
  gg_scenario *sc = gg_scenario_load(GG_SCENARIO_DIR "/central_asia_2020.json", &err);
  ENSURE(sc != NULL);
  int S = gg_scenario_states(sc), K = gg_scenario_powers(sc) + 1, C = gg_scenario_channels(sc);
  int B = gg_scenario_blocs(sc);
  ENSURE(B <= 64);
  gg_sim *sim = gg_sim_create(sc, 12345);
  ENSURE(sim != NULL);
  int noisy = 0;
  for (int t = 1; t <= gg_scenario_ticks(sc); t++) {
    gg_sim_step(sim);
    for (int s = 0; s < S; s++)
      for (int k = 0; k < K; k++) {
        gg_utility_terms u;
        double bloc[64], bsum = 0;
        gg_sim_utility(sim, s, k, &u, bloc);
        ENSURE_NEAR(terms_sum(&u, C), u.total, 1e-12);
        for (int b = 0; b < B; b++)
          bsum += bloc[b];
        ENSURE_NEAR(bsum, u.bloc_total, 1e-12);
        ENSURE(u.backlash <= 0);
        if (k == 0) {
          for (int c = 0; c < C; c++)
            ENSURE(u.channel[c] == 0);
          ENSURE(u.bloc_total == 0 && u.backlash == 0);
        }
        noisy += u.noise != 0;
      }
  }
  ENSURE(noisy > 0); /* the baseline's noise is attributed */
  gg_sim_free(sim);
  gg_scenario_free(sc);
}

static const gg_test_case tests[] = {
    {"explain_terms_by_hand_tiny", explain_terms_by_hand_tiny},
    {"explain_terms_sum_to_total_baseline", explain_terms_sum_to_total_baseline},
};
GG_TEST_MAIN(tests)
