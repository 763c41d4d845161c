/* Each mechanism of GG-1 against values computed by hand for tiny
   scenarios (the arithmetic is written out in the comments). */
#include "harness.h"

#include <greatgame/greatgame.h>

#define TOL 1e-12

/* One state S, powers from `powers`, one channel "c" with half-life 1
   (retention 1/2), saturation 2, weight 1, autonomy 0, lambda 1/2, tau 1,
   beta 1, theta 0.6, no neighbours. */
static gg_scenario *tiny(const char *powers, const char *state_extra, const char *extra) {
  char buf[8192];
  snprintf(buf, sizeof buf,
           "{\"format\":1,\"name\":\"tiny\",\"time\":{\"start\":\"2020-01\",\"step\":\"month\","
           "\"ticks\":4},"
           "\"channels\":[{\"id\":\"c\",\"half_life\":1}],\"powers\":[%s],"
           "\"defaults\":{\"autonomy\":0,\"responsiveness\":0.5,\"decisiveness\":1,"
           "\"backlash\":{\"strength\":1,\"threshold\":0.6},\"neighbour_weight\":0,\"noise\":0,"
           "\"weights\":{\"c\":1},\"saturation\":{\"c\":2}},"
           "\"states\":[{\"id\":\"S\",\"name\":\"S\",\"population\":1,\"gdp\":1,"
           "\"alignment\":{\"autonomy\":1}%s}]%s}",
           powers, state_extra, extra);
  gg_error err;
  gg_scenario *sc = gg_scenario_parse(buf, strlen(buf), "tiny.json", &err);
  if (!sc) fprintf(stderr, "parse failed: %s\n", err.msg);
  return sc;
}

static void one_power_one_tick(void) {
  gg_scenario *sc = tiny("{\"id\":\"P\",\"name\":\"P\",\"budget\":{\"c\":2}}", "", "");
  ENSURE(sc);
  gg_sim *sim = gg_sim_create(sc, 1);
  gg_sim_step(sim);
  /* X = 0.5*0 + 2 = 2; R = 2/(2+2) = 0.5; pi = 1, backlash = 1*(1-0.6) = 0.4;
     A = 0 + 0.5 - 0.4 = 0.1; U = (0, 0.1); T1 = e^0.1/(1+e^0.1);
     a1 = 0.5*0 + 0.5*T1. */
  double T1 = exp(0.1) / (1 + exp(0.1));
  ENSURE_NEAR(gg_sim_stock(sim, 0, 0, 0), 2.0, TOL);
  ENSURE_NEAR(gg_sim_effort(sim, 0, 0, 0), 2.0, TOL);
  ENSURE_NEAR(gg_sim_share(sim, 0, 1), 0.5 * T1, TOL);
  ENSURE_NEAR(gg_sim_share(sim, 0, 0), 0.5 + 0.5 * (1 - T1), TOL);
  /* tick 2: X = 0.5*2 + 2 = 3; R = 3/5 = 0.6; A = 0.6 - 0.4 = 0.2 */
  gg_sim_step(sim);
  double T2 = exp(0.2) / (1 + exp(0.2));
  ENSURE_NEAR(gg_sim_stock(sim, 0, 0, 0), 3.0, TOL);
  ENSURE_NEAR(gg_sim_share(sim, 0, 1), 0.5 * (0.5 * T1) + 0.5 * T2, TOL);
  gg_sim_free(sim);
  gg_scenario_free(sc);
}

static void backlash_and_presence_share(void) {
  /* Two powers: P budget 2 (R=0.5 after a tick), Q budget 6 (X=6, R=0.75).
     pi_P = 0.5/1.25 = 0.4 (no backlash), pi_Q = 0.6 (threshold: none).
     A_P = 0.5, A_Q = 0.75. */
  gg_scenario *sc = tiny("{\"id\":\"P\",\"name\":\"P\",\"budget\":{\"c\":2}},"
                         "{\"id\":\"Q\",\"name\":\"Q\",\"budget\":{\"c\":6}}",
                         ",\"backlash\":{\"strength\":2,\"threshold\":0.5}", "");
  ENSURE(sc);
  gg_sim *sim = gg_sim_create(sc, 1);
  gg_sim_step(sim);
  /* with theta 0.5: B_Q = 2*(0.6-0.5) = 0.2, so A_Q = 0.55; B_P = 0 */
  double eP = exp(0.5), eQ = exp(0.55), z = 1 + eP + eQ;
  ENSURE_NEAR(gg_sim_share(sim, 0, 1), 0.5 * eP / z, TOL);
  ENSURE_NEAR(gg_sim_share(sim, 0, 2), 0.5 * eQ / z, TOL);
  gg_utility_terms u;
  gg_sim_utility(sim, 0, 2, &u, NULL);
  ENSURE_NEAR(u.backlash, -0.2, TOL);
  ENSURE_NEAR(u.channel[0], 0.75, TOL);
  ENSURE_NEAR(u.total, 0.55, TOL);
  gg_sim_free(sim);
  gg_scenario_free(sc);
}

static void affinity_and_autonomy(void) {
  /* No budget: R = 0, pi = 0 (denominator 0), A = g = 0.3; alpha = -0.2. */
  gg_scenario *sc =
      tiny("{\"id\":\"P\",\"name\":\"P\"}", ",\"autonomy\":-0.2,\"affinity\":{\"P\":0.3}", "");
  ENSURE(sc);
  gg_sim *sim = gg_sim_create(sc, 1);
  gg_sim_step(sim);
  double T1 = exp(0.3) / (exp(-0.2) + exp(0.3));
  ENSURE_NEAR(gg_sim_share(sim, 0, 1), 0.5 * T1, TOL);
  gg_sim_free(sim);
  gg_scenario_free(sc);
}

/* Two states A, B for allocation and neighbours. */
static gg_scenario *pair(const char *powers, const char *a_extra, const char *b_extra,
                         const char *extra) {
  char buf[8192];
  snprintf(buf, sizeof buf,
           "{\"format\":1,\"name\":\"pair\",\"time\":{\"start\":\"2020-Q1\",\"step\":\"quarter\","
           "\"ticks\":8},"
           "\"channels\":[{\"id\":\"c\",\"half_life\":1}],\"powers\":[%s],"
           "\"defaults\":{\"autonomy\":0,\"responsiveness\":1,\"decisiveness\":1,"
           "\"backlash\":{\"strength\":0,\"threshold\":1},\"neighbour_weight\":0,\"noise\":0,"
           "\"weights\":{\"c\":1},\"saturation\":{\"c\":1}},"
           "\"states\":[{\"id\":\"A\",\"name\":\"A\",\"population\":1,\"gdp\":1,"
           "\"alignment\":{\"autonomy\":1}%s},"
           "{\"id\":\"B\",\"name\":\"B\",\"population\":3,\"gdp\":1,\"alignment\":{\"P\":1}%s}]%s}",
           powers, a_extra, b_extra, extra);
  gg_error err;
  gg_scenario *sc = gg_scenario_parse(buf, strlen(buf), "pair.json", &err);
  if (!sc) fprintf(stderr, "parse failed: %s\n", err.msg);
  return sc;
}

static void fixed_split_by_priority(void) {
  gg_scenario *sc =
      pair("{\"id\":\"P\",\"name\":\"P\",\"budget\":{\"c\":8},\"priority\":{\"A\":1,\"B\":3}}", "",
           "", "");
  ENSURE(sc);
  gg_sim *sim = gg_sim_create(sc, 1);
  gg_sim_step(sim);
  ENSURE_NEAR(gg_sim_effort(sim, 0, 0, 0), 2.0, TOL);
  ENSURE_NEAR(gg_sim_effort(sim, 1, 0, 0), 6.0, TOL);
  /* region weights population 1 and 3 */
  double expect = (1 * gg_sim_share(sim, 0, 1) + 3 * gg_sim_share(sim, 1, 1)) / 4;
  ENSURE_NEAR(gg_sim_region(sim, 1), expect, TOL);
  gg_sim_free(sim);
  gg_scenario_free(sc);
}

static void contest_split(void) {
  /* Contest, eta 2, at tick 0: X = 0, h = 1, w = 1, M = 1, tau = 1,
     priority 1. Noise-free targets at tick 0 with R = 0: U = (0, g).
     A: g = 0 -> T = 1/2, T(1-T) = 0.25; B: g = ln 3 -> T = 3/4, T(1-T) = 0.1875.
     m = T(1-T) * h/(X+h)^2 = T(1-T). u_A = 4 * 0.25^2/(0.25^2+0.1875^2) = 2.56. */
  gg_scenario *sc = pair(
      "{\"id\":\"P\",\"name\":\"P\",\"strategy\":\"contest\",\"focus\":2,\"budget\":{\"c\":4}}", "",
      ",\"affinity\":{\"P\":1.0986122886681098}", "");
  ENSURE(sc);
  gg_sim *sim = gg_sim_create(sc, 1);
  gg_sim_step(sim);
  double ma = 0.25, mb = 0.75 * 0.25;
  ENSURE_NEAR(gg_sim_effort(sim, 0, 0, 0), 4 * ma * ma / (ma * ma + mb * mb), 1e-9);
  ENSURE_NEAR(gg_sim_effort(sim, 1, 0, 0), 4 * mb * mb / (ma * ma + mb * mb), 1e-9);
  gg_sim_free(sim);
  gg_scenario_free(sc);
}

static void neighbours_symmetric_max_and_normalised(void) {
  /* A names B with weight 2; B names A with 0.5 -> W = 1 each way (one
     neighbour each, normalised). nu = 1 for A: U_A = (0 + 1*a_B0, 0 + 1*a_B1)
     with a_B = (0, 1) at tick 0, so T_A = (1, e)/(1+e), lambda 1. */
  gg_scenario *sc =
      pair("{\"id\":\"P\",\"name\":\"P\"}", ",\"neighbour_weight\":1,\"neighbours\":{\"B\":2}",
           ",\"neighbours\":{\"A\":0.5}", "");
  ENSURE(sc);
  gg_sim *sim = gg_sim_create(sc, 1);
  gg_sim_step(sim);
  ENSURE_NEAR(gg_sim_share(sim, 0, 1), exp(1) / (1 + exp(1)), TOL);
  gg_utility_terms u;
  gg_sim_utility(sim, 0, 1, &u, NULL);
  ENSURE_NEAR(u.neighbour, 1.0, TOL);
  gg_sim_free(sim);
  gg_scenario_free(sc);
}

static void bloc_bonus_multiplier_and_member_times(void) {
  /* Bloc K sponsored by P: bonus 0.5, multiplier 3 on c; A is a member from
     tick 1 (2020-Q2) until tick 2. P budget 1 on A only: X = 1, R = 1/2.
     tick 0: not a member: A = 0.5. tick 1: member: A = 0.5 + 3*0.5 = 2
     (wait: R at tick 1 is X=1.5 -> R = 0.6): A = 0.5 + 3*0.6 = 2.3. */
  gg_scenario *sc =
      pair("{\"id\":\"P\",\"name\":\"P\",\"budget\":{\"c\":1},\"priority\":{\"A\":1}}", "", "",
           ",\"blocs\":[{\"id\":\"K\",\"name\":\"K\",\"sponsors\":[\"P\"],\"bonus\":0.5,"
           "\"multipliers\":{\"c\":3},\"members\":[{\"state\":\"A\",\"from\":\"2020-Q2\",\"until\":"
           "2}]}]");
  ENSURE(sc);
  gg_sim *sim = gg_sim_create(sc, 1);
  gg_sim_step(sim); /* t 0 -> 1: X = 1, R = 0.5, not a member */
  ENSURE_NEAR(gg_sim_share(sim, 0, 1), exp(0.5) / (1 + exp(0.5)), TOL);
  gg_sim_step(sim); /* t 1 -> 2: X = 1.5, R = 0.6, member */
  ENSURE(gg_sim_member(sim, 0, 0) == 1);
  ENSURE_NEAR(gg_sim_share(sim, 0, 1), exp(2.3) / (1 + exp(2.3)), TOL);
  gg_sim_step(sim); /* t 2 -> 3: X = 1.75, R = 0.6363.., no longer a member */
  double R = 1.75 / 2.75;
  ENSURE(gg_sim_member(sim, 0, 0) == 0);
  ENSURE_NEAR(gg_sim_share(sim, 0, 1), exp(R) / (1 + exp(R)), TOL);
  gg_sim_free(sim);
  gg_scenario_free(sc);
}

static void budget_events_and_undo(void) {
  /* budget 2; at tick 1 scale 3 until tick 3; at tick 2 add 1 (no until).
     efforts: t0: 2, t1: 6, t2: 7, t3: 7/3 + ... : undo divides back: (6+1)/3 = 7/3. */
  gg_scenario *sc = tiny(
      "{\"id\":\"P\",\"name\":\"P\",\"budget\":{\"c\":2}}", "",
      ",\"events\":[{\"at\":1,\"until\":3,\"type\":\"budget\",\"power\":\"P\",\"channel\":\"c\","
      "\"scale\":3},{\"at\":\"2020-03\",\"type\":\"budget\",\"power\":\"P\",\"channel\":\"c\","
      "\"add\":1}]");
  ENSURE(sc);
  gg_sim *sim = gg_sim_create(sc, 1);
  double expect[] = {2, 6, 7, 7.0 / 3.0};
  for (int t = 0; t < 4; t++) {
    gg_sim_step(sim);
    ENSURE_NEAR(gg_sim_effort(sim, 0, 0, 0), expect[t], TOL);
  }
  gg_sim_free(sim);
  gg_scenario_free(sc);
}

static void budget_set_restores_replaced_value(void) {
  gg_scenario *sc = tiny(
      "{\"id\":\"P\",\"name\":\"P\",\"budget\":{\"c\":2}}", "",
      ",\"events\":[{\"at\":1,\"until\":2,\"type\":\"budget\",\"power\":\"P\",\"channel\":\"c\","
      "\"set\":10}]");
  ENSURE(sc);
  gg_sim *sim = gg_sim_create(sc, 1);
  double expect[] = {2, 10, 2, 2};
  for (int t = 0; t < 4; t++) {
    gg_sim_step(sim);
    ENSURE_NEAR(gg_sim_effort(sim, 0, 0, 0), expect[t], TOL);
  }
  gg_sim_free(sim);
  gg_scenario_free(sc);
}

static void inject_affinity_set_events(void) {
  /* inject 4 at tick 0 (before stocks update): X1 = 0.5*4 + 0 = 2.
     affinity +1 from tick 0 until 1; set responsiveness 1 with `*` at tick 1. */
  gg_scenario *sc = tiny(
      "{\"id\":\"P\",\"name\":\"P\",\"color\":\"#010203\"}",
      ",\"backlash\":{\"strength\":0,\"threshold\":1}",
      ",\"events\":[{\"at\":0,\"type\":\"inject\",\"power\":\"P\",\"states\":\"*\",\"channel\":"
      "\"c\",\"amount\":4},{\"at\":0,\"until\":1,\"type\":\"affinity\",\"power\":\"P\",\"states\":"
      "[\"S\"],\"delta\":1},{\"at\":1,\"type\":\"set\",\"path\":\"states.*.responsiveness\","
      "\"value\":1}]");
  ENSURE(sc);
  ENSURE(gg_power_color(sc, 0) == 0x010203);
  gg_sim *sim = gg_sim_create(sc, 1);
  gg_sim_step(sim);
  ENSURE_NEAR(gg_sim_stock(sim, 0, 0, 0), 2.0, TOL);
  ENSURE_NEAR(gg_sim_affinity(sim, 0, 0), 1.0, TOL);
  double A = 1 + 0.5; /* g = 1, R = 2/4 */
  double a1 = 0.5 * exp(A) / (1 + exp(A));
  ENSURE_NEAR(gg_sim_share(sim, 0, 1), a1, TOL);
  gg_sim_step(sim); /* affinity undone; lambda = 1: a = T; X = 1, R = 1/3 */
  ENSURE_NEAR(gg_sim_affinity(sim, 0, 0), 0.0, TOL);
  double R = 1.0 / 3.0;
  ENSURE_NEAR(gg_sim_share(sim, 0, 1), exp(R) / (1 + exp(R)), TOL);
  gg_sim_free(sim);
  gg_scenario_free(sc);
}

static void join_and_leave_override_member_times(void) {
  gg_scenario *sc = pair("{\"id\":\"P\",\"name\":\"P\"}", "", "",
                         ",\"blocs\":[{\"id\":\"K\",\"name\":\"K\",\"sponsors\":[\"P\"],\"bonus\":"
                         "1,\"members\":[\"A\"]}],"
                         "\"events\":[{\"at\":1,\"type\":\"leave\",\"state\":\"A\",\"bloc\":\"K\"},"
                         "{\"at\":2,\"type\":\"join\",\"state\":\"B\",\"bloc\":\"K\"}]");
  ENSURE(sc);
  gg_sim *sim = gg_sim_create(sc, 1);
  gg_sim_step(sim);
  ENSURE(gg_sim_member(sim, 0, 0) == 1 && gg_sim_member(sim, 0, 1) == 0);
  ENSURE_NEAR(gg_sim_share(sim, 0, 1), exp(1) / (1 + exp(1)), TOL);
  gg_sim_step(sim);
  ENSURE(gg_sim_member(sim, 0, 0) == 0 && gg_sim_member(sim, 0, 1) == 0);
  ENSURE_NEAR(gg_sim_share(sim, 0, 1), 0.5, TOL);
  gg_sim_step(sim);
  ENSURE(gg_sim_member(sim, 0, 0) == 0 && gg_sim_member(sim, 0, 1) == 1);
  gg_sim_free(sim);
  gg_scenario_free(sc);
}

static void set_event_until_restores(void) {
  gg_scenario *sc =
      tiny("{\"id\":\"P\",\"name\":\"P\"}", "",
           ",\"events\":[{\"at\":1,\"until\":2,\"type\":\"set\",\"path\":\"states.S.autonomy\","
           "\"value\":5}]");
  ENSURE(sc);
  gg_sim *sim = gg_sim_create(sc, 1);
  gg_sim_step(sim);
  gg_sim_step(sim);
  gg_utility_terms u;
  gg_sim_utility(sim, 0, 0, &u, NULL);
  ENSURE_NEAR(u.affinity, 5.0, TOL);
  gg_sim_step(sim);
  gg_sim_utility(sim, 0, 0, &u, NULL);
  ENSURE_NEAR(u.affinity, 0.0, TOL);
  gg_sim_free(sim);
  gg_scenario_free(sc);
}

static void dates_map_to_ticks(void) {
  gg_scenario *sc = pair("{\"id\":\"P\",\"name\":\"P\"}", "", "", "");
  ENSURE(sc);
  int t;
  ENSURE(gg_scenario_parse_date(sc, "2021-Q3", &t) == 0 && t == 6);
  ENSURE(gg_scenario_parse_date(sc, "2019-Q4", &t) == 0 && t == -1);
  ENSURE(gg_scenario_parse_date(sc, "2021-07", &t) != 0);
  char d[16];
  gg_scenario_date(sc, 7, d, sizeof d);
  ENSURE_STR(d, "2021-Q4");
  gg_scenario_free(sc);
}

static void paths_with_star(void) {
  gg_scenario *sc = pair("{\"id\":\"P\",\"name\":\"P\"},{\"id\":\"Q\",\"name\":\"Q\"}", "", "", "");
  ENSURE(sc);
  gg_error err;
  ENSURE(gg_scenario_set(sc, "states.*.affinity.*", 0.25, &err) == 4);
  double v;
  ENSURE(gg_scenario_get(sc, "states.B.affinity.Q", &v, &err) == 0 && v == 0.25);
  ENSURE(gg_scenario_set(sc, "powers.*.budget.c", 3, &err) == 2);
  ENSURE(gg_scenario_set(sc, "states.A.backlash.threshold", 1.5, &err) == -1);
  ENSURE(strstr(err.msg, "states.A.backlash.threshold: must be") != NULL);
  ENSURE(gg_scenario_set(sc, "states.X.autonomy", 1, &err) == -1);
  ENSURE_STR(err.msg, "states.X.autonomy: no state with id \"X\"");
  ENSURE(gg_scenario_set(sc, "states.A.nonsense", 1, &err) == -1);
  ENSURE(gg_scenario_set(sc, "time.ticks", 20, &err) == 1 && gg_scenario_ticks(sc) == 20);
  gg_scenario_free(sc);
}

static const gg_test_case tests[] = {
    {"one_power_one_tick", one_power_one_tick},
    {"backlash_and_presence_share", backlash_and_presence_share},
    {"affinity_and_autonomy", affinity_and_autonomy},
    {"fixed_split_by_priority", fixed_split_by_priority},
    {"contest_split", contest_split},
    {"neighbours_symmetric_max_and_normalised", neighbours_symmetric_max_and_normalised},
    {"bloc_bonus_multiplier_and_member_times", bloc_bonus_multiplier_and_member_times},
    {"budget_events_and_undo", budget_events_and_undo},
    {"budget_set_restores_replaced_value", budget_set_restores_replaced_value},
    {"inject_affinity_set_events", inject_affinity_set_events},
    {"join_and_leave_override_member_times", join_and_leave_override_member_times},
    {"set_event_until_restores", set_event_until_restores},
    {"dates_map_to_ticks", dates_map_to_ticks},
    {"paths_with_star", paths_with_star},
};

GG_TEST_MAIN(tests)
