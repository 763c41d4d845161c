/* The public accessors check their indices and objects: a programmer error
   reaches the check handler with one line naming the function, the index
   and the valid range, and the accessor returns its documented neutral
   value instead of reading out of bounds. */
#include "harness.h"

#include <greatgame/greatgame.h>

static char last[256];
static int calls;

static void record(const char *message) {
  snprintf(last, sizeof last, "%s", message);
  calls++;
}

static gg_scenario *baseline(void) {
  gg_error err;
  return gg_scenario_baseline(&err);
}

static void test_sim_share_out_of_range_is_reported(void) {
  gg_set_check_handler(record);
  gg_scenario *sc = baseline();
  ENSURE(sc != NULL);
  gg_sim *sim = gg_sim_create(sc, 1);
  ENSURE(sim != NULL);
  calls = 0;
  double v = gg_sim_share(sim, 99, 0);
  ENSURE(isnan(v));
  ENSURE(calls == 1);
  ENSURE_STR(last, "gg_sim_share: state 99 is out of range (the scenario has 5 states)");
  v = gg_sim_share(sim, 0, 4); /* 3 powers: components 0..3 */
  ENSURE(isnan(v));
  ENSURE_STR(last, "gg_sim_share: component 4 is out of range (the scenario has 4 components)");
  v = gg_sim_share(sim, -1, 0);
  ENSURE_STR(last, "gg_sim_share: state -1 is out of range (the scenario has 5 states)");
  /* in range: no call, a real share */
  calls = 0;
  v = gg_sim_share(sim, 4, 3);
  ENSURE(calls == 0);
  ENSURE(v >= 0 && v <= 1);
  gg_sim_free(sim);
  gg_scenario_free(sc);
  gg_set_check_handler(NULL);
}

static void test_every_indexed_accessor_checks(void) {
  gg_set_check_handler(record);
  gg_scenario *sc = baseline();
  ENSURE(sc != NULL);
  gg_sim *sim = gg_sim_create(sc, 1);
  ENSURE(sim != NULL);
  int S = gg_scenario_states(sc), P = gg_scenario_powers(sc), C = gg_scenario_channels(sc);
  calls = 0;
  ENSURE(isnan(gg_sim_stock(sim, 0, P, 0)));
  ENSURE(isnan(gg_sim_stock(sim, 0, 0, C)));
  ENSURE(isnan(gg_sim_effort(sim, S, 0, 0)));
  ENSURE(isnan(gg_sim_affinity(sim, 0, P)));
  ENSURE(isnan(gg_sim_budget(sim, P, 0)));
  ENSURE(isnan(gg_sim_region(sim, P + 1)));
  ENSURE(gg_sim_member(sim, gg_scenario_blocs(sc), 0) == 0);
  ENSURE(gg_sim_dominant(sim, S) == -1);
  gg_sim_set_budget(sim, 0, C, 1.0);
  ENSURE(calls == 9);
  char want[128];
  snprintf(want, sizeof want,
           "gg_sim_set_budget: channel %d is out of range (the scenario has %d channels)", C, C);
  ENSURE_STR(last, want);
  calls = 0;
  ENSURE_STR(gg_state_id(sc, S), "");
  ENSURE_STR(gg_power_id(sc, -2), "");
  ENSURE_STR(gg_channel_id(sc, C), "");
  ENSURE_STR(gg_component_id(sc, P + 1), "");
  ENSURE(gg_event_at(sc, gg_scenario_events(sc)) == -1);
  int n = 7;
  ENSURE(gg_state_outline(sc, S, &n) == NULL && n == 0);
  ENSURE(calls == 6);
  ENSURE_STR(last, "gg_state_outline: state 5 is out of range (the scenario has 5 states)");
  gg_utility_terms terms;
  gg_sim_step(sim);
  calls = 0;
  gg_sim_utility(sim, S, 0, &terms, NULL);
  ENSURE(calls == 1 && terms.total == 0.0);
  ENSURE(gg_sim_tick(NULL) == -1);
  ENSURE_STR(last, "gg_sim_tick: sim is NULL");
  gg_sim_free(sim);
  gg_scenario_free(sc);
  gg_set_check_handler(NULL);
}

static const gg_test_case tests[] = {
    {"sim_share_out_of_range_is_reported", test_sim_share_out_of_range_is_reported},
    {"every_indexed_accessor_checks", test_every_indexed_accessor_checks},
};

GG_TEST_MAIN(tests)
