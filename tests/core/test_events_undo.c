/* Events with `until` undo cleanly whatever their values (F2 of the attack
   review): a property test over random sets of overlapping budget (set,
   scale, add), affinity and set events, each with an `until`. Once every
   one has ended, every parameter of the run is bit for bit what the scenario
   gave (the route: the scenario's own values, untouched by the run). Also
   the two reported cases: overlapping scales that underflowed the budget to
   0 for good, and 52 scales that overflowed it to infinity, are refused at
   load with a message. */
#include "harness.h"
#include "internal.h"

#include <greatgame/greatgame.h>

static uint64_t lcg(uint64_t *s) {
  *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
  return *s >> 11;
}

static double unit(uint64_t *s) {
  return (double)lcg(s) * 0x1.0p-53;
}

static const char *BASE =
    "{\"format\": 1, \"name\": \"undo\", \"seed\": 3,"
    "\"time\": {\"start\": \"2020-01\", \"step\": \"month\", \"ticks\": 60},"
    "\"channels\": [{\"id\": \"inv\", \"half_life\": 12},"
    " {\"id\": \"sec\", \"half_life\": 30}],"
    "\"powers\": [{\"id\": \"US\", \"name\": \"U\", \"budget\": {\"inv\": 16.5, "
    "\"sec\": 3}}, {\"id\": \"CN\", \"name\": \"C\", \"budget\": {\"inv\": 50.3}}],"
    "\"defaults\": {\"autonomy\": 1, \"responsiveness\": 0.3, \"decisiveness\": 2,"
    " \"backlash\": {\"strength\": 0.5, \"threshold\": 0.6}, \"neighbour_weight\": 0.2,"
    " \"noise\": 0.1, \"weights\": {\"inv\": 1, \"sec\": 0.7},"
    " \"saturation\": {\"inv\": 40, \"sec\": 5}},"
    "\"states\": [{\"id\": \"KZ\", \"name\": \"K\", \"population\": 19, \"gdp\": 180,"
    " \"alignment\": {\"autonomy\": 0.5, \"US\": 0.2, \"CN\": 0.3},"
    " \"affinity\": {\"US\": 0.1, \"CN\": -0.3}},"
    " {\"id\": \"UZ\", \"name\": \"U\", \"population\": 34, \"gdp\": 60,"
    " \"alignment\": {\"autonomy\": 1}}],"
    "\"events\": [%s]}";

/* One random event with an `until`, as JSON. */
static int random_event(uint64_t *s, char *out, size_t size) {
  int at = (int)(unit(s) * 40), until = at + 1 + (int)(unit(s) * (60 - at - 1));
  const char *powers[] = {"US", "CN"}, *channels[] = {"inv", "sec"};
  const char *pw = powers[lcg(s) % 2], *ch = channels[lcg(s) % 2];
  switch (lcg(s) % 6) {
  case 0: /* scale by an awkward factor: b * f / f is not b in doubles */
    return snprintf(out, size,
                    "{\"at\": %d, \"until\": %d, \"type\": \"budget\", \"power\": \"%s\", "
                    "\"channel\": \"%s\", \"scale\": %.17g}",
                    at, until, pw, ch, 0.001 + unit(s) * 7);
  case 1:
    return snprintf(out, size,
                    "{\"at\": %d, \"until\": %d, \"type\": \"budget\", \"power\": \"%s\", "
                    "\"channel\": \"%s\", \"add\": %.17g}",
                    at, until, pw, ch, unit(s) * 1e3);
  case 2:
    return snprintf(out, size,
                    "{\"at\": %d, \"until\": %d, \"type\": \"budget\", \"power\": \"%s\", "
                    "\"channel\": \"%s\", \"set\": %.17g}",
                    at, until, pw, ch, unit(s) * 100);
  case 3:
    return snprintf(out, size,
                    "{\"at\": %d, \"until\": %d, \"type\": \"affinity\", \"power\": \"%s\", "
                    "\"states\": \"*\", \"delta\": %.17g}",
                    at, until, pw, (unit(s) - 0.5) * 3.3);
  case 4:
    return snprintf(out, size,
                    "{\"at\": %d, \"until\": %d, \"type\": \"set\", \"path\": "
                    "\"states.*.decisiveness\", \"value\": %.17g}",
                    at, until, 0.1 + unit(s) * 9);
  default:
    return snprintf(out, size,
                    "{\"at\": %d, \"until\": %d, \"type\": \"set\", \"path\": "
                    "\"powers.%s.budget.%s\", \"value\": %.17g}",
                    at, until, pw, ch, unit(s) * 70);
  }
}

static void every_value_restored_after_all_events_end(void) {
  uint64_t seed = 12345;
  static char events[64 * 400], json[64 * 400 + 4096];
  for (int trial = 0; trial < 300; trial++) {
    int n = 1 + (int)(lcg(&seed) % 40);
    size_t o = 0;
    for (int i = 0; i < n; i++) {
      if (i) events[o++] = ',';
      o += (size_t)random_event(&seed, events + o, sizeof events - o);
    }
    events[o] = '\0';
    snprintf(json, sizeof json, BASE, events);
    gg_error err;
    gg_scenario *sc = gg_scenario_parse(json, strlen(json), "undo.json", &err);
    if (!sc) fprintf(stderr, "%s\n", err.msg);
    ENSURE(sc != NULL);
    gg_sim *sim = gg_sim_create(sc, 1);
    ENSURE(sim != NULL);
    gg_sim_run(sim, NULL);
    /* every event ended at or before tick 59 < 60: all values as given */
    ENSURE(sim->v.count == sc->v.count);
    ENSURE(memcmp(sim->v.block, sc->v.block, sc->v.count * sizeof(double)) == 0);
    ENSURE(gg_sim_budget(sim, 0, 0) == 16.5 && gg_sim_budget(sim, 1, 0) == 50.3);
    ENSURE(gg_sim_affinity(sim, 0, 1) == -0.3);
    gg_sim_free(sim);
    gg_scenario_free(sc);
  }
}

/* A lasting change in the window keeps the format's inverse rule: scale
   divides back, add subtracts (here exact in binary: 16.5 * 2 + 1, then
   / 2 = 17). */
static void lasting_change_in_the_window_keeps_the_inverse_rule(void) {
  static char json[8192];
  snprintf(
      json, sizeof json, BASE,
      "{\"at\": 1, \"until\": 10, \"type\": \"budget\", \"power\": \"US\", \"channel\": "
      "\"inv\", \"scale\": 2},"
      "{\"at\": 3, \"type\": \"budget\", \"power\": \"US\", \"channel\": \"inv\", \"add\": 1}");
  gg_error err;
  gg_scenario *sc = gg_scenario_parse(json, strlen(json), "undo.json", &err);
  ENSURE(sc != NULL);
  gg_sim *sim = gg_sim_create(sc, 1);
  ENSURE(sim != NULL);
  while (gg_sim_tick(sim) < 5)
    gg_sim_step(sim);
  ENSURE(gg_sim_budget(sim, 0, 0) == 34.0);
  while (gg_sim_tick(sim) < 12)
    gg_sim_step(sim);
  ENSURE(gg_sim_budget(sim, 0, 0) == 17.0);
  gg_sim_free(sim);
  gg_scenario_free(sc);
}

static void reported_overflow_and_underflow_are_refused(void) {
  static char events[52 * 200], json[52 * 200 + 4096];
  gg_error err;
  snprintf(json, sizeof json, BASE,
           "{\"at\": 5, \"until\": 50, \"type\": \"budget\", \"power\": \"US\", \"channel\": "
           "\"inv\", \"scale\": 1e-100},"
           "{\"at\": 6, \"until\": 40, \"type\": \"budget\", \"power\": \"US\", \"channel\": "
           "\"inv\", \"scale\": 1e-100}");
  ENSURE(gg_scenario_parse(json, strlen(json), "undo.json", &err) == NULL);
  ENSURE_STR(err.msg, "undo.json: $.events[1]: the scale factors of the budget events of US.inv "
                      "multiply to 1e-200; together they must stay between "
                      "1e-150 and 1e+150");
  size_t o = 0;
  for (int i = 0; i < 52; i++)
    o += (size_t)snprintf(events + o, sizeof events - o,
                          "%s{\"at\": 5, \"until\": 50, \"type\": \"budget\", \"power\": \"US\", "
                          "\"channel\": \"inv\", \"scale\": 1e6}",
                          i ? "," : "");
  snprintf(json, sizeof json, BASE, events);
  ENSURE(gg_scenario_parse(json, strlen(json), "undo.json", &err) == NULL);
  ENSURE(strstr(err.msg, "$.events[24]: the scale factors of the budget events of US.inv "
                         "multiply to 1.0000000000000002e+150") != NULL);
}

static const gg_test_case tests[] = {
    {"every_value_restored_after_all_events_end", every_value_restored_after_all_events_end},
    {"lasting_change_in_the_window_keeps_the_inverse_rule",
     lasting_change_in_the_window_keeps_the_inverse_rule},
    {"reported_overflow_and_underflow_are_refused", reported_overflow_and_underflow_are_refused},
};

GG_TEST_MAIN(tests)
