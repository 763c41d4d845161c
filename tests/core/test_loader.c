/* Unit tests of the scenario loader (gg_scenario_parse and helpers, from
   in-memory JSON text; no files except one gg_scenario_load round trip):

   - the worked example of docs/scenarios.md, copied byte for byte: every
     value the docs say it sets, defaults filled in as the docs say
     (description, seed, weight, strategy, focus, budget, priority, affinity,
     stocks, multipliers, neighbours both ways, member times, event ticks
     from dates), and the eight error messages of the docs' "Error
     messages" table, each after the same deliberate mistake;
   - a minimal scenario with every optional section absent and its
     defaults;
   - dates and ticks for month, quarter and year steps
     (gg_scenario_parse_date, gg_scenario_date, event `at`/`until` and
     member `from`/`until` as dates or ticks);
   - about sixty invalid variants of the worked example, one mistake each
     (missing keys, wrong types, ranges, unknown ids with and without
     did-you-mean, duplicate ids and keys, ids, bloc members and their
     intervals, events), each with its exact one-line message and JSON
     path; a failed parse returns NULL and frees every allocation it made
     (a counting allocator, besides ASan in CI);
   - gg_scenario_set / gg_scenario_get round trips and refusals, clones;
   - the SHA-256 of the text: the same for the same text parsed twice or
     loaded from a file, equal to digests computed with another tool
     (Python's hashlib), different when one byte changes.

   Expected messages follow the rules of docs/scenarios.md and the format of
   the messages it lists; numbers in them are worked out by hand. */
#include "harness.h"
#include "internal.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- a counting allocator: allocations minus frees ------------------------ */

static long live_blocks;

static void *counting_alloc(size_t n) {
  void *p = malloc(n);
  if (p) live_blocks++;
  return p;
}

static void counting_free(void *p) {
  if (p) {
    live_blocks--;
    free(p);
  }
}

/* Every test starts with this; installing the same pair again is harmless. */
static void count_allocations(void) {
  gg_set_allocator(counting_alloc, counting_free);
}

/* ---- texts ----------------------------------------------------------------- */

/* docs/scenarios.md, "A worked example", byte for byte. SHA-256 (hashlib):
   22c15024581c6d3c3249ea8b6341540cc371e6b570ebf4c09d9fe38dca676ccc */
static const char EXAMPLE[] =
    "{\n"
    "  \"format\": 1,\n"
    "  \"name\": \"Highland and Lowland\",\n"
    "  \"description\": \"Two states between two powers: a small example of every part of the "
    "format.\",\n"
    "  \"time\": { \"start\": \"2024-01\", \"step\": \"month\", \"ticks\": 60 },\n"
    "  \"seed\": 7,\n"
    "  \"outputs\": { \"weight\": \"equal\" },\n"
    "  \"channels\": [\n"
    "    { \"id\": \"investment\", \"half_life\": 120, \"unit\": \"USD million\" },\n"
    "    { \"id\": \"diplomacy\", \"half_life\": 6, \"unit\": \"engagement points\" }\n"
    "  ],\n"
    "  \"powers\": [\n"
    "    { \"id\": \"East\", \"name\": \"Eastern power\", \"color\": \"#c0392b\",\n"
    "      \"budget\": { \"investment\": 50, \"diplomacy\": 1 } },\n"
    "    { \"id\": \"West\", \"name\": \"Western power\", \"color\": \"#2f6fdb\",\n"
    "      \"strategy\": \"contest\", \"focus\": 2,\n"
    "      \"budget\": { \"investment\": 20, \"diplomacy\": 2 },\n"
    "      \"priority\": { \"Highland\": 1, \"Lowland\": 2 } }\n"
    "  ],\n"
    "  \"defaults\": {\n"
    "    \"autonomy\": 1.0, \"responsiveness\": 0.05, \"decisiveness\": 2.0,\n"
    "    \"backlash\": { \"strength\": 1.0, \"threshold\": 0.6 },\n"
    "    \"neighbour_weight\": 0.3, \"noise\": 0.0,\n"
    "    \"weights\": { \"investment\": 1.0, \"diplomacy\": 0.5 },\n"
    "    \"saturation\": { \"investment\": 2000, \"diplomacy\": 10 }\n"
    "  },\n"
    "  \"states\": [\n"
    "    { \"id\": \"Highland\", \"name\": \"Highland Republic\", \"population\": 7, \"gdp\": 9,\n"
    "      \"alignment\": { \"autonomy\": 0.5, \"East\": 0.3, \"West\": 0.2 },\n"
    "      \"affinity\": { \"East\": 0.3 },\n"
    "      \"stocks\": { \"East\": { \"investment\": 1500 } },\n"
    "      \"saturation\": { \"investment\": 800 },\n"
    "      \"neighbours\": { \"Lowland\": 1 } },\n"
    "    { \"id\": \"Lowland\", \"name\": \"Lowland Republic\", \"population\": 30, \"gdp\": 60,\n"
    "      \"alignment\": { \"autonomy\": 0.6, \"East\": 0.2, \"West\": 0.2 },\n"
    "      \"noise\": 0.1 }\n"
    "  ],\n"
    "  \"blocs\": [\n"
    "    { \"id\": \"Union\", \"name\": \"Eastern Customs Union\", \"sponsors\": [\"East\"],\n"
    "      \"bonus\": 0.2, \"multipliers\": { \"investment\": 1.2 },\n"
    "      \"members\": [\"Highland\", { \"state\": \"Lowland\", \"from\": \"2026-01\" }] }\n"
    "  ],\n"
    "  \"events\": [\n"
    "    { \"at\": \"2024-03\", \"type\": \"inject\", \"power\": \"West\", \"states\": "
    "[\"Lowland\"],\n"
    "      \"channel\": \"diplomacy\", \"amount\": 8, \"note\": \"summit in Lowland's capital\" "
    "},\n"
    "    { \"at\": \"2025-01\", \"until\": \"2027-01\", \"type\": \"budget\", \"power\": "
    "\"West\",\n"
    "      \"channel\": \"investment\", \"scale\": 2.0, \"note\": \"two-year investment push\" },\n"
    "    { \"at\": 24, \"type\": \"affinity\", \"power\": \"East\", \"states\": \"*\", \"delta\": "
    "-0.1 },\n"
    "    { \"at\": \"2027-06\", \"type\": \"leave\", \"state\": \"Highland\", \"bloc\": \"Union\" "
    "},\n"
    "    { \"at\": 0, \"type\": \"shock\", \"hazard\": 0.01, \"states\": \"*\", \"once\": true,\n"
    "      \"effect\": { \"type\": \"affinity\", \"power\": \"East\", \"delta\": -0.2 },\n"
    "      \"note\": \"protest against a foreign-owned mine\" },\n"
    "    { \"at\": 36, \"until\": 48, \"type\": \"set\", \"path\": "
    "\"states.Lowland.responsiveness\",\n"
    "      \"value\": 0.1 }\n"
    "  ]\n"
    "}\n";
#define EXAMPLE_SHA256 "22c15024581c6d3c3249ea8b6341540cc371e6b570ebf4c09d9fe38dca676ccc"

/* One state, two powers, one channel; nothing optional. SHA-256 (hashlib):
   f5b27448e2200a6ce6884db9490c91d83190adb65d2b7819c12cc1f287355f46; with a
   UTF-8 byte order mark in front:
   4c2eed1c8629ad0b6aa0c2e4fb23b8ddb95091bce747b1d2d1c3e0596e3ed39e; with a
   newline at the end:
   a3c2c789d8d4c273ec2a24a0eef5f071def64b0e29efe9e2f8b18720007efbac */
static const char MINIMAL[] =
    "{\"format\":1,\"name\":\"Min\",\"time\":{\"start\":\"2020-01\",\"step\":\"month\","
    "\"ticks\":12},\"channels\":[{\"id\":\"c\",\"half_life\":10}],\"powers\":[{\"id\":\"P\","
    "\"name\":\"Power P\"},{\"id\":\"Q\",\"name\":\"Power Q\"}],\"states\":[{\"id\":\"S\","
    "\"name\":\"State S\",\"population\":2,\"gdp\":3,\"alignment\":{\"autonomy\":1},"
    "\"autonomy\":0.5,\"responsiveness\":0.1,\"decisiveness\":1.5,\"backlash\":{\"strength\":0.2,"
    "\"threshold\":0.7},\"neighbour_weight\":0.4,\"noise\":0,\"weights\":{\"c\":1},"
    "\"saturation\":{\"c\":100}}]}";
#define MINIMAL_SHA256 "f5b27448e2200a6ce6884db9490c91d83190adb65d2b7819c12cc1f287355f46"

/* `text` with its only occurrence of `find` replaced (malloc'ed; NULL if
   `find` does not occur exactly once, a mistake in the test itself). */
static char *replaced(const char *text, const char *find, const char *repl) {
  const char *at = strstr(text, find);
  if (!at || strstr(at + 1, find)) {
    fprintf(stderr, "test bug: \"%s\" does not occur exactly once\n", find);
    return NULL;
  }
  size_t n = strlen(text), lf = strlen(find), lr = strlen(repl);
  char *out = malloc(n - lf + lr + 1);
  if (!out) return NULL;
  memcpy(out, text, (size_t)(at - text));
  memcpy(out + (at - text), repl, lr);
  strcpy(out + (at - text) + lr, at + lf);
  return out;
}

static gg_scenario *parse(const char *text, const char *name) {
  gg_error err;
  gg_scenario *sc = gg_scenario_parse(text, strlen(text), name, &err);
  if (!sc) fprintf(stderr, "parse failed: %s\n", err.msg);
  return sc;
}

/* The message of a parse that must fail, checking that it returned NULL and
   left no allocation behind; "(parsed)" or "(leak)" otherwise. */
static const char *parse_error(const char *text, size_t len, const char *name) {
  static gg_error err;
  memset(&err, 0, sizeof err);
  long before = live_blocks;
  gg_scenario *sc = gg_scenario_parse(text, len, name, &err);
  if (sc) {
    gg_scenario_free(sc);
    return "(parsed)";
  }
  if (live_blocks != before) return "(leak)";
  return err.msg;
}

/* The message for the worked example with one mistake made in it. */
static const char *example_error(const char *find, const char *repl) {
  static char msg[sizeof(gg_error)];
  char *text = replaced(EXAMPLE, find, repl);
  if (!text) return "(test bug)";
  snprintf(msg, sizeof msg, "%s", parse_error(text, strlen(text), "example.json"));
  free(text);
  return msg;
}

/* ---- the worked example ---------------------------------------------------- */

static void example_loads_as_documented(void) {
  count_allocations();
  long before = live_blocks;
  gg_scenario *sc = parse(EXAMPLE, "example.json");
  ENSURE(sc);
  /* `greatgame validate`: 2 states, 2 powers, 2 channels, 1 blocs, 6 events, 60 ticks */
  ENSURE(gg_scenario_states(sc) == 2 && gg_scenario_powers(sc) == 2);
  ENSURE(gg_scenario_channels(sc) == 2 && gg_scenario_blocs(sc) == 1);
  ENSURE(gg_scenario_events(sc) == 6 && gg_scenario_ticks(sc) == 60);
  ENSURE_STR(gg_scenario_name(sc), "Highland and Lowland");
  ENSURE_STR(gg_scenario_description(sc),
             "Two states between two powers: a small example of every part of the format.");
  ENSURE(gg_scenario_seed(sc) == 7);
  ENSURE(gg_scenario_step(sc) == GG_STEP_MONTH);
  ENSURE(gg_scenario_weight(sc) == GG_WEIGHT_EQUAL);
  ENSURE_STR(gg_state_id(sc, 0), "Highland");
  ENSURE_STR(gg_state_name(sc, 1), "Lowland Republic");
  ENSURE_STR(gg_power_name(sc, 0), "Eastern power");
  ENSURE_STR(gg_channel_id(sc, 1), "diplomacy");
  ENSURE_STR(gg_channel_unit(sc, 0), "USD million");
  ENSURE_STR(gg_bloc_id(sc, 0), "Union");
  ENSURE_STR(gg_bloc_name(sc, 0), "Eastern Customs Union");
  ENSURE_STR(gg_component_id(sc, 0), "autonomy");
  ENSURE_STR(gg_component_id(sc, 2), "West");
  ENSURE(gg_state_index(sc, "Lowland") == 1 && gg_state_index(sc, "lowland") == -1);
  ENSURE(gg_power_index(sc, "West") == 1 && gg_channel_index(sc, "investment") == 0);
  /* "color": "#c0392b" and "#2f6fdb" */
  ENSURE(gg_power_color(sc, 0) == 0xc0392bu && gg_power_color(sc, 1) == 0x2f6fdbu);
  /* East: strategy fixed (default), focus 1 (default), no priority: 1 each;
     West: contest, focus 2, priority Highland 1, Lowland 2 */
  ENSURE(gg_power_strategy(sc, 0) == GG_STRATEGY_FIXED);
  ENSURE(gg_power_strategy(sc, 1) == GG_STRATEGY_CONTEST);
  static const struct {
    const char *path;
    double value;
  } values[] = {
      {"channels.investment.half_life", 120},
      {"channels.diplomacy.half_life", 6},
      {"powers.East.focus", 1},
      {"powers.West.focus", 2},
      {"powers.East.budget.investment", 50},
      {"powers.West.budget.diplomacy", 2},
      {"powers.East.priority.Highland", 1},
      {"powers.East.priority.Lowland", 1},
      {"powers.West.priority.Highland", 1},
      {"powers.West.priority.Lowland", 2},
      /* from defaults, for both states */
      {"states.Highland.autonomy", 1.0},
      {"states.Lowland.responsiveness", 0.05},
      {"states.Highland.decisiveness", 2.0},
      {"states.Lowland.backlash.strength", 1.0},
      {"states.Highland.backlash.threshold", 0.6},
      {"states.Lowland.neighbour_weight", 0.3},
      {"states.Highland.noise", 0.0},
      {"states.Lowland.weights.diplomacy", 0.5},
      /* Highland's own investment saturation; diplomacy from defaults */
      {"states.Highland.saturation.investment", 800},
      {"states.Highland.saturation.diplomacy", 10},
      {"states.Lowland.saturation.investment", 2000},
      /* Lowland's own noise */
      {"states.Lowland.noise", 0.1},
      {"states.Highland.population", 7},
      {"states.Lowland.gdp", 60},
      /* affinity: Highland's for East is 0.3, every other 0 */
      {"states.Highland.affinity.East", 0.3},
      {"states.Highland.affinity.West", 0},
      {"states.Lowland.affinity.East", 0},
      /* the Union: bonus 0.2, investment x1.2, diplomacy x1 (default) */
      {"blocs.Union.bonus", 0.2},
      {"blocs.Union.multipliers.investment", 1.2},
      {"blocs.Union.multipliers.diplomacy", 1},
      {"seed", 7},
      {"time.ticks", 60},
  };
  for (size_t k = 0; k < sizeof values / sizeof values[0]; k++) {
    double v = -12345;
    gg_error err;
    ENSURE(gg_scenario_get(sc, values[k].path, &v, &err) == 0);
    if (v != values[k].value) fprintf(stderr, "%s = %.17g\n", values[k].path, v);
    ENSURE(v == values[k].value);
  }
  /* initial stocks: 1500 of Eastern investment in Highland, 0 elsewhere;
     initial alignments as written */
  gg_sim *sim = gg_sim_create(sc, 7);
  ENSURE(sim);
  ENSURE(gg_sim_stock(sim, 0, 0, 0) == 1500);
  ENSURE(gg_sim_stock(sim, 0, 0, 1) == 0 && gg_sim_stock(sim, 0, 1, 0) == 0);
  ENSURE(gg_sim_stock(sim, 1, 0, 0) == 0);
  ENSURE(gg_sim_share(sim, 0, 0) == 0.5 && gg_sim_share(sim, 0, 1) == 0.3);
  ENSURE(gg_sim_share(sim, 1, 2) == 0.2);
  gg_sim_free(sim);
  /* neighbours: Highland lists Lowland, so each is the other's only
     neighbour, with the normalised weight 1 */
  ENSURE(sc->nb_start[0] == 0 && sc->nb_start[1] == 1 && sc->nb_start[2] == 2);
  ENSURE(sc->nb_index[0] == 1 && sc->nb_index[1] == 0);
  ENSURE(sc->nb_weight[0] == 1.0 && sc->nb_weight[1] == 1.0);
  /* members: Highland for the whole run, Lowland from 2026-01 = tick 24 */
  ENSURE(sc->nmembers == 2);
  ENSURE(sc->members[0].bloc == 0 && sc->members[0].state == 0);
  ENSURE(sc->members[0].from == INT_MIN && sc->members[0].until == INT_MAX);
  ENSURE(sc->members[1].state == 1 && sc->members[1].from == 24);
  ENSURE(sc->members[1].until == INT_MAX);
  ENSURE(sc->sponsor[0] == 1 && sc->sponsor[1] == 0);
  /* events: 2024-03 is tick 2; 2025-01 tick 12, 2027-01 tick 36;
     2027-06 is tick (2027 - 2024) * 12 + 5 = 41 */
  static const struct {
    const char *type;
    int at, until;
    const char *note;
  } ev[] = {
      {"inject", 2, -1, "summit in Lowland's capital"},
      {"budget", 12, 36, "two-year investment push"},
      {"affinity", 24, -1, NULL},
      {"leave", 41, -1, NULL},
      {"shock", 0, -1, "protest against a foreign-owned mine"},
      {"set", 36, 48, NULL},
  };
  for (int e = 0; e < 6; e++) {
    ENSURE_STR(gg_event_type(sc, e), ev[e].type);
    ENSURE(gg_event_at(sc, e) == ev[e].at && gg_event_until(sc, e) == ev[e].until);
    if (ev[e].note)
      ENSURE_STR(gg_event_note(sc, e), ev[e].note);
    else
      ENSURE(gg_event_note(sc, e) == NULL);
  }
  const gg_event *E = sc->events;
  ENSURE(E[0].power == 1 && E[0].channel == 1 && E[0].value == 8);
  ENSURE(E[0].nstates == 1 && E[0].states && E[0].states[0] == 1);
  ENSURE(E[1].op == GG_BOP_SCALE && E[1].value == 2.0 && E[1].power == 1 && E[1].channel == 0);
  ENSURE(E[2].power == 0 && E[2].value == -0.1 && E[2].states == NULL && E[2].nstates == 2);
  ENSURE(E[3].state == 0 && E[3].bloc == 0);
  ENSURE(E[4].value == 0.01 && E[4].once == 1 && E[4].states == NULL && E[4].nstates == 2);
  ENSURE(E[4].effect && E[4].effect->type == GG_EV_AFFINITY && E[4].effect->power == 0);
  ENSURE(E[4].effect->value == -0.2 && E[4].effect->until == -1);
  ENSURE(E[5].ntargets == 1 && E[5].targets[0].pid == GG_P_RESPONSIVENESS);
  ENSURE(E[5].targets[0].i == 1 && E[5].value == 0.1);
  /* the text is kept as given */
  size_t len = 0;
  ENSURE_STR(gg_scenario_text(sc, &len), EXAMPLE);
  ENSURE(len == sizeof EXAMPLE - 1);
  gg_scenario_free(sc);
  ENSURE(live_blocks == before);
}

static void docs_error_table(void) {
  count_allocations();
  /* docs/scenarios.md, "Error messages": the mistake and the message */
  ENSURE_STR(example_error("\"responsiveness\": 0.05", "\"responsivness\": 0.05"),
             "example.json: $.defaults.responsivness: unknown key \"responsivness\"; did you "
             "mean \"responsiveness\"?");
  ENSURE_STR(example_error("\"threshold\": 0.6", "\"threshold\": 1.5"),
             "example.json: $.defaults.backlash.threshold: must be a number between 0 and 1, got "
             "1.5");
  ENSURE_STR(example_error("\"seed\": 7,", "\"seed\": 7"),
             "example.json:7:3: expected ',' or '}', found '\"'");
  ENSURE_STR(example_error("\"autonomy\": 1.0, ", ""),
             "example.json: $.states[0].autonomy: missing: set it in the state or in "
             "$.defaults.autonomy");
  ENSURE_STR(example_error("\"until\": 48", "\"until\": 70"),
             "example.json: $.events[5].until: must be after at (tick 36) and at most the end "
             "(tick 60), got tick 70");
  /* 0.5 + 0.3 + 0.3: the sum is the double nearest 1.1 */
  ENSURE_STR(example_error("\"East\": 0.3, \"West\": 0.2", "\"East\": 0.3, \"West\": 0.3"),
             "example.json: $.states[0].alignment: shares must sum to 1 (within 1e-6), got 1.1");
  ENSURE_STR(example_error("{ \"Lowland\": 1 }", "{ \"Lowlands\": 1 }"),
             "example.json: $.states[0].neighbours.Lowlands: unknown state \"Lowlands\"; did you "
             "mean \"Lowland\"?");
  ENSURE_STR(example_error("\"seed\": 7,", "\"seed\": 7, \"seed\": 7,"),
             "example.json: $.seed: key \"seed\" appears twice in the same object");
}

/* ---- a minimal scenario and its defaults -------------------------------------- */

static void minimal_defaults(void) {
  count_allocations();
  long before = live_blocks;
  gg_scenario *sc = parse(MINIMAL, "min.json");
  ENSURE(sc);
  ENSURE(gg_scenario_states(sc) == 1 && gg_scenario_powers(sc) == 2);
  ENSURE(gg_scenario_channels(sc) == 1);
  ENSURE(gg_scenario_blocs(sc) == 0 && gg_scenario_events(sc) == 0); /* blocs, events: empty */
  ENSURE_STR(gg_scenario_description(sc), "");                       /* description: empty */
  ENSURE(gg_scenario_seed(sc) == 1);                                 /* seed: 1 */
  ENSURE(gg_scenario_weight(sc) == GG_WEIGHT_POPULATION);            /* outputs.weight */
  ENSURE_STR(gg_channel_unit(sc, 0), "");                            /* unit: empty */
  for (int p = 0; p < 2; p++)
    ENSURE(gg_power_strategy(sc, p) == GG_STRATEGY_FIXED); /* strategy: fixed */
  int n = -1;
  ENSURE(gg_state_outline(sc, 0, &n) == NULL && n == 0); /* outline: none */
  ENSURE(sc->nb_start[0] == 0 && sc->nb_start[1] == 0);  /* neighbours: none */
  static const struct {
    const char *path;
    double value;
  } values[] = {
      {"powers.P.focus", 1}, /* focus: 1 */
      {"powers.Q.focus", 1},
      {"powers.P.budget.c", 0},   /* budget: 0 for each channel */
      {"powers.Q.priority.S", 1}, /* priority: 1 for every state */
      {"states.S.affinity.P", 0}, /* affinity: 0 */
      {"states.S.affinity.Q", 0},
      {"states.S.autonomy", 0.5}, /* the state's own values */
      {"states.S.responsiveness", 0.1},
      {"states.S.decisiveness", 1.5},
      {"states.S.backlash.strength", 0.2},
      {"states.S.backlash.threshold", 0.7},
      {"states.S.neighbour_weight", 0.4},
      {"states.S.noise", 0},
      {"states.S.weights.c", 1},
      {"states.S.saturation.c", 100},
      {"states.S.population", 2},
      {"states.S.gdp", 3},
      {"channels.c.half_life", 10},
  };
  for (size_t k = 0; k < sizeof values / sizeof values[0]; k++) {
    double v = -12345;
    gg_error err;
    ENSURE(gg_scenario_get(sc, values[k].path, &v, &err) == 0);
    ENSURE(v == values[k].value);
  }
  gg_sim *sim = gg_sim_create(sc, 1);
  ENSURE(sim);
  ENSURE(gg_sim_stock(sim, 0, 0, 0) == 0 && gg_sim_stock(sim, 0, 1, 0) == 0); /* stocks: 0 */
  ENSURE(gg_sim_share(sim, 0, 0) == 1 && gg_sim_share(sim, 0, 1) == 0);       /* omitted: 0 */
  ENSURE(gg_sim_share(sim, 0, 2) == 0);
  gg_sim_free(sim);
  gg_scenario_free(sc);
  ENSURE(live_blocks == before);

  /* priority given: the states it does not name get 0 */
  char *text = replaced(EXAMPLE, "\"priority\": { \"Highland\": 1, \"Lowland\": 2 }",
                        "\"priority\": { \"Lowland\": 2 }");
  ENSURE(text);
  sc = parse(text, "example.json");
  free(text);
  ENSURE(sc);
  double v;
  gg_error err;
  ENSURE(gg_scenario_get(sc, "powers.West.priority.Highland", &v, &err) == 0 && v == 0);
  ENSURE(gg_scenario_get(sc, "powers.West.priority.Lowland", &v, &err) == 0 && v == 2);
  ENSURE(gg_scenario_get(sc, "powers.East.priority.Highland", &v, &err) == 0 && v == 1);
  gg_scenario_free(sc);

  /* a bloc without bonus and multipliers: 0 and 1 */
  text = replaced(EXAMPLE, "\"bonus\": 0.2, \"multipliers\": { \"investment\": 1.2 },", "");
  ENSURE(text);
  sc = parse(text, "example.json");
  free(text);
  ENSURE(sc);
  ENSURE(gg_scenario_get(sc, "blocs.Union.bonus", &v, &err) == 0 && v == 0);
  ENSURE(gg_scenario_get(sc, "blocs.Union.multipliers.investment", &v, &err) == 0 && v == 1);
  gg_scenario_free(sc);
}

static void seeds_are_exact(void) {
  count_allocations();
  static const struct {
    const char *text;
    uint64_t seed;
  } seeds[] = {
      {"\"seed\": 18446744073709551615,", UINT64_MAX},    /* 2^64 - 1 */
      {"\"seed\": 9007199254740993,", 9007199254740993u}, /* 2^53 + 1, no double */
      {"\"seed\": 0,", 0},
      {"\"seed\": 1e3,", 1000}, /* a whole number as a double */
      {"\"seed\": 7.0,", 7},
  };
  for (size_t k = 0; k < sizeof seeds / sizeof seeds[0]; k++) {
    char *text = replaced(EXAMPLE, "\"seed\": 7,", seeds[k].text);
    ENSURE(text);
    gg_scenario *sc = parse(text, "example.json");
    free(text);
    ENSURE(sc);
    ENSURE(gg_scenario_seed(sc) == seeds[k].seed);
    gg_scenario_free(sc);
  }
  /* gg_scenario_set_seed keeps all 64 bits */
  gg_scenario *sc = parse(MINIMAL, "min.json");
  ENSURE(sc);
  gg_scenario_set_seed(sc, UINT64_MAX - 1);
  ENSURE(gg_scenario_seed(sc) == UINT64_MAX - 1);
  gg_scenario_free(sc);
}

/* ---- dates and ticks ----------------------------------------------------------- */

/* MINIMAL with another `time` and extra top-level members (blocs, events). */
static gg_scenario *timed(const char *time, const char *extra) {
  char t[128];
  snprintf(t, sizeof t, "\"time\":%s", time);
  char *a =
      replaced(MINIMAL, "\"time\":{\"start\":\"2020-01\",\"step\":\"month\",\"ticks\":12}", t);
  if (!a) return NULL;
  char tail[1024];
  snprintf(tail, sizeof tail, "}]%s}", extra);
  char *b = replaced(a, "}]}", tail);
  free(a);
  if (!b) return NULL;
  gg_scenario *sc = parse(b, "t.json");
  free(b);
  return sc;
}

static void dates_month_quarter_year(void) {
  count_allocations();
  char buf[32];
  int tick = 999;
  /* month, from 2020-11: 2021-02 is 12 + (2 - 11) = 3; 2019-12 is -11 */
  gg_scenario *sc = timed("{\"start\":\"2020-11\",\"step\":\"month\",\"ticks\":24}", "");
  ENSURE(sc);
  ENSURE(gg_scenario_parse_date(sc, "2020-11", &tick) == 0 && tick == 0);
  ENSURE(gg_scenario_parse_date(sc, "2020-12", &tick) == 0 && tick == 1);
  ENSURE(gg_scenario_parse_date(sc, "2021-02", &tick) == 0 && tick == 3);
  ENSURE(gg_scenario_parse_date(sc, "2019-12", &tick) == 0 && tick == -11);
  ENSURE(gg_scenario_parse_date(sc, "2030-11", &tick) == 0 && tick == 120);
  static const char *bad_month[] = {"2020-13", "2020-00", "2020-1", "2020/01",  "202-01",
                                    "2020-Q1", "2020",    "",       "2020-011", "x020-01"};
  for (size_t k = 0; k < sizeof bad_month / sizeof bad_month[0]; k++)
    ENSURE(gg_scenario_parse_date(sc, bad_month[k], &tick) == -1);
  gg_scenario_date(sc, 0, buf, sizeof buf);
  ENSURE_STR(buf, "2020-11");
  gg_scenario_date(sc, 3, buf, sizeof buf);
  ENSURE_STR(buf, "2021-02");
  gg_scenario_date(sc, -11, buf, sizeof buf);
  ENSURE_STR(buf, "2019-12");
  gg_scenario_date(sc, -12, buf, sizeof buf);
  ENSURE_STR(buf, "2019-11");
  gg_scenario_date(sc, 24, buf, sizeof buf);
  ENSURE_STR(buf, "2022-11");
  gg_scenario_free(sc);

  /* quarter, from 2020-Q3: 2021-Q1 is 4 + (1 - 3) = 2; 2019-Q4 is -4 + 1 = -3 */
  sc = timed("{\"start\":\"2020-Q3\",\"step\":\"quarter\",\"ticks\":8}", "");
  ENSURE(sc);
  ENSURE(gg_scenario_step(sc) == GG_STEP_QUARTER);
  ENSURE(gg_scenario_parse_date(sc, "2020-Q3", &tick) == 0 && tick == 0);
  ENSURE(gg_scenario_parse_date(sc, "2021-Q1", &tick) == 0 && tick == 2);
  ENSURE(gg_scenario_parse_date(sc, "2019-Q4", &tick) == 0 && tick == -3);
  static const char *bad_quarter[] = {"2020-Q0", "2020-Q5", "2020-q1", "2020-01",
                                      "2020-Q",  "2020Q1",  "2020"};
  for (size_t k = 0; k < sizeof bad_quarter / sizeof bad_quarter[0]; k++)
    ENSURE(gg_scenario_parse_date(sc, bad_quarter[k], &tick) == -1);
  gg_scenario_date(sc, 2, buf, sizeof buf);
  ENSURE_STR(buf, "2021-Q1");
  gg_scenario_date(sc, -3, buf, sizeof buf);
  ENSURE_STR(buf, "2019-Q4");
  gg_scenario_date(sc, 8, buf, sizeof buf);
  ENSURE_STR(buf, "2022-Q3");
  gg_scenario_free(sc);

  /* year, from 1999: 2030 is 31 */
  sc = timed("{\"start\":\"1999\",\"step\":\"year\",\"ticks\":40}", "");
  ENSURE(sc);
  ENSURE(gg_scenario_step(sc) == GG_STEP_YEAR);
  ENSURE(gg_scenario_parse_date(sc, "1999", &tick) == 0 && tick == 0);
  ENSURE(gg_scenario_parse_date(sc, "2030", &tick) == 0 && tick == 31);
  ENSURE(gg_scenario_parse_date(sc, "1998", &tick) == 0 && tick == -1);
  static const char *bad_year[] = {"20301", "2030-01", "abcd", "203", "2030-Q1"};
  for (size_t k = 0; k < sizeof bad_year / sizeof bad_year[0]; k++)
    ENSURE(gg_scenario_parse_date(sc, bad_year[k], &tick) == -1);
  gg_scenario_date(sc, 31, buf, sizeof buf);
  ENSURE_STR(buf, "2030");
  gg_scenario_date(sc, -1, buf, sizeof buf);
  ENSURE_STR(buf, "1998");
  gg_scenario_free(sc);
}

static void event_and_member_times(void) {
  count_allocations();
  /* quarters from 2020-Q3, 8 ticks: `at` as a date or a tick, `until` too */
  static const char ev_q[] =
      ",\"blocs\":[{\"id\":\"B\",\"name\":\"B\",\"sponsors\":[\"P\"],\"members\":["
      "{\"state\":\"S\",\"from\":\"2019-Q1\",\"until\":\"2021-Q2\"}]}],"
      "\"events\":[{\"at\":\"2021-Q1\",\"until\":\"2022-Q3\",\"type\":\"affinity\","
      "\"power\":\"P\",\"states\":\"S\",\"delta\":1},"
      "{\"at\":5,\"until\":7,\"type\":\"budget\",\"power\":\"Q\",\"channel\":\"c\",\"add\":1},"
      "{\"at\":\"2020-Q3\",\"type\":\"leave\",\"state\":\"S\",\"bloc\":\"B\"}]";
  gg_scenario *sc = timed("{\"start\":\"2020-Q3\",\"step\":\"quarter\",\"ticks\":8}", ev_q);
  ENSURE(sc);
  ENSURE(gg_event_at(sc, 0) == 2 && gg_event_until(sc, 0) == 8); /* 2022-Q3 is the end */
  ENSURE(gg_event_at(sc, 1) == 5 && gg_event_until(sc, 1) == 7);
  ENSURE(gg_event_at(sc, 2) == 0 && gg_event_until(sc, 2) == -1);
  /* 2019-Q1 is -4 + (1 - 3) = -6; 2021-Q2 is 4 - 1 = 3 */
  ENSURE(sc->nmembers == 1 && sc->members[0].from == -6 && sc->members[0].until == 3);
  gg_scenario_free(sc);

  /* years from 2000, 10 ticks; members as ticks, one before the start */
  static const char ev_y[] =
      ",\"blocs\":[{\"id\":\"B\",\"name\":\"B\",\"sponsors\":[\"P\"],\"members\":["
      "{\"state\":\"S\",\"from\":-3,\"until\":\"2004\"},{\"state\":\"S\",\"from\":\"2008\"},"
      "{\"state\":\"S\",\"until\":-1}]}],"
      "\"events\":[{\"at\":\"2009\",\"type\":\"inject\",\"power\":\"P\",\"states\":[\"S\"],"
      "\"channel\":\"c\",\"amount\":1}]";
  sc = timed("{\"start\":\"2000\",\"step\":\"year\",\"ticks\":10}", ev_y);
  ENSURE(sc);
  ENSURE(gg_event_at(sc, 0) == 9);
  ENSURE(sc->nmembers == 3);
  ENSURE(sc->members[0].from == -3 && sc->members[0].until == 4);
  ENSURE(sc->members[1].from == 8 && sc->members[1].until == INT_MAX);
  ENSURE(sc->members[2].from == INT_MIN && sc->members[2].until == -1);
  /* a membership from before the start holds from tick 0 (docs: "Blocs"):
     the step from tick t uses the memberships of tick t, so P's bloc bonus
     (1, set below) is in the utilities of the steps from ticks 0 and 8,
     not in that from tick 4 */
  gg_error err;
  ENSURE(gg_scenario_set(sc, "blocs.B.bonus", 1, &err) == 1);
  gg_sim *sim = gg_sim_create(sc, 1);
  ENSURE(sim);
  gg_utility_terms u;
  gg_sim_step(sim); /* from tick 0 */
  gg_sim_utility(sim, 0, 1, &u, NULL);
  ENSURE(u.bloc_total == 1);
  for (int t = 1; t <= 4; t++)
    gg_sim_step(sim); /* the last from tick 4 */
  gg_sim_utility(sim, 0, 1, &u, NULL);
  ENSURE(u.bloc_total == 0);
  for (int t = 5; t <= 8; t++)
    gg_sim_step(sim); /* the last from tick 8 */
  gg_sim_utility(sim, 0, 1, &u, NULL);
  ENSURE(u.bloc_total == 1);
  gg_sim_free(sim);
  gg_scenario_free(sc);

  /* times in the wrong form for the step */
  long before = live_blocks;
  const char *q = "{\"start\":\"2020-Q3\",\"step\":\"quarter\",\"ticks\":8}";
  char t[128];
  snprintf(t, sizeof t, "\"time\":%s", q);
  char *a =
      replaced(MINIMAL, "\"time\":{\"start\":\"2020-01\",\"step\":\"month\",\"ticks\":12}", t);
  ENSURE(a);
  char *b = replaced(a, "}]}",
                     "}],\"events\":[{\"at\":\"2020-09\",\"type\":\"inject\",\"power\":\"P\","
                     "\"states\":\"*\",\"channel\":\"c\",\"amount\":1}]}");
  free(a);
  ENSURE(b);
  ENSURE(gg_scenario_parse(b, strlen(b), "q.json", &err) == NULL);
  free(b);
  ENSURE(live_blocks == before);
  ENSURE_STR(err.msg, "q.json: $.events[0].at: expected a date of the form \"YYYY-Qn\" (the "
                      "scenario's step) or a tick number, got \"2020-09\"");
}

/* ---- errors, one mistake at a time ------------------------------------------------ */

typedef struct mistake {
  const char *find, *repl, *msg;
} mistake;

static int run_mistakes(const mistake *m, size_t n) {
  int bad = 0;
  for (size_t k = 0; k < n; k++) {
    const char *got = example_error(m[k].find, m[k].repl);
    if (strcmp(got, m[k].msg) != 0) {
      fprintf(stderr, "mistake %zu (%s -> %s):\n  got      %s\n  expected %s\n", k, m[k].find,
              m[k].repl, got, m[k].msg);
      bad++;
    }
  }
  return bad;
}

#define RUN_MISTAKES(list) ENSURE(run_mistakes((list), sizeof(list) / sizeof((list)[0])) == 0)

static void errors_missing_keys(void) {
  count_allocations();
  static const mistake list[] = {
      {"  \"name\": \"Highland and Lowland\",\n", "", "example.json: $.name: missing (a string)"},
      {"  \"format\": 1,\n", "",
       "example.json: $.format: missing (this engine reads formats 1 and 2)"},
      {", \"ticks\": 60", "", "example.json: $.time.ticks: missing (a number)"},
      {"\"population\": 30, \"gdp\": 60,", "\"population\": 30,",
       "example.json: $.states[1].gdp: missing (a number)"},
      {"\"power\": \"East\", \"states\": \"*\"", "\"states\": \"*\"",
       "example.json: $.events[2].power: missing (a power id)"},
      {", \"diplomacy\": 10 }", " }",
       "example.json: $.states[0].saturation.diplomacy: missing: set it in the state or in "
       "$.defaults.saturation.diplomacy"},
      {"\"sponsors\": [\"East\"],", "",
       "example.json: $.blocs[0].sponsors: missing (a list of 1 or more power ids)"},
      {"{ \"id\": \"diplomacy\", ", "{ ",
       "example.json: $.channels[1].id: missing (every channel needs an id)"},
      {"\"amount\": 8, ", "", "example.json: $.events[0].amount: missing (a number)"},
  };
  RUN_MISTAKES(list);
}

static void errors_wrong_types(void) {
  count_allocations();
  static const mistake list[] = {
      {"\"seed\": 7,", "\"seed\": \"7\",",
       "example.json: $.seed: expected an unsigned 64-bit integer, got the string \"7\""},
      {"\"population\": 7,", "\"population\": [7],",
       "example.json: $.states[0].population: expected a number, got an array of 1 number"},
      {"\"strategy\": \"contest\"", "\"strategy\": 1",
       "example.json: $.powers[1].strategy: expected one of \"fixed\" or \"contest\", got 1"},
      {"\"states\": \"*\", \"delta\"", "\"states\": 5, \"delta\"",
       "example.json: $.events[2].states: expected a state id, a list of ids, or \"*\", got 5"},
      {"\"once\": true", "\"once\": \"yes\"",
       "example.json: $.events[4].once: expected true or false, got the string \"yes\""},
      {"\"outputs\": { \"weight\": \"equal\" }", "\"outputs\": [\"equal\"]",
       "example.json: $.outputs: expected an object, got an array of 1 item"},
      {"\"format\": 1,", "\"format\": \"1\",",
       "example.json: $.format: must be 1 (GG-1) or 2 (GG-2), got the string \"1\""},
      {"\"half_life\": 120,", "\"half_life\": null,",
       "example.json: $.channels[0].half_life: expected a number, got null"},
      {"\"backlash\": { \"strength\": 1.0, \"threshold\": 0.6 }", "\"backlash\": true",
       "example.json: $.defaults.backlash: expected an object with strength and threshold, got "
       "true"},
      {"\"at\": 24,", "\"at\": false,",
       "example.json: $.events[2].at: expected a tick number or a date \"YYYY-MM\", got false"},
  };
  RUN_MISTAKES(list);
}

static void errors_ranges(void) {
  count_allocations();
  static const mistake list[] = {
      {"\"responsiveness\": 0.05", "\"responsiveness\": 0",
       "example.json: $.defaults.responsiveness: must be a number between 0 (exclusive) and 1, "
       "got 0"},
      {"\"ticks\": 60", "\"ticks\": 1000001",
       "example.json: $.time.ticks: must be a whole number between 1 and 1000000, got 1000001"},
      {"\"ticks\": 60", "\"ticks\": 12.5",
       "example.json: $.time.ticks: must be a whole number between 1 and 1000000, got 12.5"},
      {"\"seed\": 7,", "\"seed\": 18446744073709551616,",
       "example.json: $.seed: must be an unsigned 64-bit integer (0 to 18446744073709551615), "
       "got 18446744073709551616"},
      {"\"seed\": 7,", "\"seed\": -1,",
       "example.json: $.seed: must be an unsigned 64-bit integer (0 to 18446744073709551615), "
       "got -1"},
      {"\"hazard\": 0.01", "\"hazard\": 1.5",
       "example.json: $.events[4].hazard: must be a number between 0 and 1, got 1.5"},
      {"\"#c0392b\"", "\"#c0392\"",
       "example.json: $.powers[0].color: expected a colour \"#rrggbb\", got \"#c0392\""},
      {"\"half_life\": 6,", "\"half_life\": 0,",
       "example.json: $.channels[1].half_life: must be a number between 0 (exclusive) and "
       "1000000000000, got 0"},
      {"\"focus\": 2", "\"focus\": -2",
       "example.json: $.powers[1].focus: must be a number between 0 (exclusive) and 1000000, got "
       "-2"},
      {"{ \"investment\": 1500 }", "{ \"investment\": -1500 }",
       "example.json: $.states[0].stocks.East.investment: must be a number between 0 and "
       "1000000000000000, got -1500"},
      {"\"gdp\": 9,", "\"gdp\": 1e400,",
       "example.json: $.states[0].gdp: expected a finite number, got a number too large for a "
       "double"},
      {"\"autonomy\": 0.6, \"East\": 0.2", "\"autonomy\": 0.6, \"East\": -0.2",
       "example.json: $.states[1].alignment.East: must be between 0 and 1, got -0.2"},
      {"\"weights\": { \"investment\": 1.0,", "\"weights\": { \"investment\": -1,",
       "example.json: $.defaults.weights.investment: must be a number between 0 and 1000000, got "
       "-1"},
  };
  RUN_MISTAKES(list);
}

static void errors_unknown_ids(void) {
  count_allocations();
  static const mistake list[] = {
      {"\"budget\": { \"investment\": 50,", "\"budget\": { \"investmnt\": 50,",
       "example.json: $.powers[0].budget.investmnt: unknown channel \"investmnt\"; did you mean "
       "\"investment\"?"},
      {"\"sponsors\": [\"East\"]", "\"sponsors\": [\"Eats\"]",
       "example.json: $.blocs[0].sponsors[0]: unknown power \"Eats\"; did you mean \"East\"?"},
      {"\"type\": \"inject\", \"power\": \"West\"", "\"type\": \"inject\", \"power\": \"North\"",
       "example.json: $.events[0].power: unknown power \"North\""},
      {"\"alignment\": { \"autonomy\": 0.6,", "\"alignment\": { \"autonomi\": 0.6,",
       "example.json: $.states[1].alignment.autonomi: unknown component \"autonomi\"; did you "
       "mean \"autonomy\"?"},
      {"\"outputs\":", "\"output\":",
       "example.json: $.output: unknown key \"output\"; did you mean \"outputs\"?"},
      {"\"channels\": [\n", "\"channels\": [],\"x\": [\n",
       "example.json: $.x: unknown key \"x\" (expected one of: format, name, description, time, "
       "seed, outputs, channels, powers, defaults, states, blocs, events, measurement)"},
      {"{ \"id\": \"investment\", \"half_life\": 120,",
       "{ \"id\": \"investment\", \"size\": 3, \"half_life\": 120,",
       "example.json: $.channels[0].size: unknown key \"size\" (expected one of: id, half_life, "
       "unit, name)"},
      {"\"path\": \"states.Lowland.responsiveness\"", "\"path\": \"states.Lowland.responsivenes\"",
       "example.json: $.events[5].path: states.Lowland.responsivenes: unknown parameter path; did "
       "you mean \"states.Lowland.responsiveness\"?"},
      {"\"path\": \"states.Lowland.responsiveness\"",
       "\"path\": \"states.Lowlands.responsiveness\"",
       "example.json: $.events[5].path: states.Lowlands.responsiveness: no state with id "
       "\"Lowlands\"; did you mean \"Lowland\"?"},
      {"\"bloc\": \"Union\"", "\"bloc\": \"Unoin\"",
       "example.json: $.events[3].bloc: unknown bloc \"Unoin\"; did you mean \"Union\"?"},
      {"\"members\": [\"Highland\",", "\"members\": [\"Highlnd\",",
       "example.json: $.blocs[0].members[0]: unknown state \"Highlnd\"; did you mean "
       "\"Highland\"?"},
      {"\"affinity\": { \"East\": 0.3 }", "\"affinity\": { \"Esat\": 0.3 }",
       "example.json: $.states[0].affinity.Esat: unknown power \"Esat\"; did you mean \"East\"?"},
      {"\"stocks\": { \"East\": { \"investment\": 1500 } }",
       "\"stocks\": { \"East\": { \"security\": 1500 } }",
       "example.json: $.states[0].stocks.East.security: unknown channel \"security\""},
      {"\"step\": \"month\"", "\"step\": \"months\"",
       "example.json: $.time.step: expected one of \"month\", \"quarter\" or \"year\", got "
       "\"months\"; did you mean \"month\"?"},
      {"\"type\": \"leave\"", "\"type\": \"quit\"",
       "example.json: $.events[3].type: expected one of \"budget\", \"inject\", \"affinity\", "
       "\"join\", \"leave\", \"set\", \"shock\" or \"withdraw\", got \"quit\""},
  };
  RUN_MISTAKES(list);
}

static void errors_duplicates_and_ids(void) {
  count_allocations();
  static const mistake list[] = {
      {"{ \"id\": \"diplomacy\", \"half_life\": 6,", "{ \"id\": \"investment\", \"half_life\": 6,",
       "example.json: $.channels[1].id: duplicate id \"investment\" (also $.channels[0])"},
      {"\"id\": \"Lowland\", \"name\"", "\"id\": \"Highland\", \"name\"",
       "example.json: $.states[1].id: duplicate id \"Highland\" (also $.states[0])"},
      {"{ \"id\": \"West\",", "{ \"id\": \"East\",",
       "example.json: $.powers[1].id: duplicate id \"East\" (also $.powers[0])"},
      {"\"population\": 30,", "\"population\": 30, \"population\": 31,",
       "example.json: $.states[1].population: key \"population\" appears twice in the same "
       "object"},
      /* the same key, once written with an escape */
      {"\"weight\": \"equal\"", "\"weight\": \"equal\", \"w\\u0065ight\": \"gdp\"",
       "example.json: $.outputs.weight: key \"weight\" appears twice in the same object"},
      {"\"sponsors\": [\"East\"]", "\"sponsors\": [\"East\", \"East\"]",
       "example.json: $.blocs[0].sponsors[1]: power \"East\" is named twice"},
      {"\"states\": [\"Lowland\"]", "\"states\": [\"Lowland\", \"Lowland\"]",
       "example.json: $.events[0].states[1]: state \"Lowland\" is named twice"},
      {"{ \"id\": \"West\",", "{ \"id\": \"autonomy\",",
       "example.json: $.powers[1].id: the id \"autonomy\" is reserved (it names the non-aligned "
       "component)"},
      {"\"id\": \"Union\"", "\"id\": \"2Union\"",
       "example.json: $.blocs[0].id: invalid id \"2Union\" (expected a letter, then letters, "
       "digits, '_' or '-')"},
      {"\"id\": \"Union\"", "\"id\": \"Union Jack\"",
       "example.json: $.blocs[0].id: invalid id \"Union Jack\" (expected a letter, then letters, "
       "digits, '_' or '-')"},
  };
  RUN_MISTAKES(list);
}

static void errors_bloc_members(void) {
  count_allocations();
  static const mistake list[] = {
      {"{ \"state\": \"Lowland\", \"from\": \"2026-01\" }",
       "{ \"state\": \"Lowland\", \"from\": \"2026-01\", \"until\": 12 }",
       "example.json: $.blocs[0].members[1].until: must come after from (tick 24), got tick 12"},
      {"{ \"state\": \"Lowland\", \"from\": \"2026-01\" }",
       "{ \"state\": \"Lowland\", \"from\": \"2026-01\", \"until\": \"2026-01\" }",
       "example.json: $.blocs[0].members[1].until: must come after from (tick 24), got tick 24"},
      {"\"from\": \"2026-01\"", "\"from\": \"2026-13\"",
       "example.json: $.blocs[0].members[1].from: expected a date of the form \"YYYY-MM\" (the "
       "scenario's step) or a tick number, got \"2026-13\""},
      {"\"from\": \"2026-01\"", "\"from\": 2.5",
       "example.json: $.blocs[0].members[1].from: expected a whole tick number or a date "
       "\"YYYY-MM\", got 2.5"},
      {"\"from\": \"2026-01\"", "\"form\": \"2026-01\"",
       "example.json: $.blocs[0].members[1].form: unknown key \"form\"; did you mean \"from\"?"},
      {"{ \"state\": \"Lowland\", \"from\"", "{ \"from\"",
       "example.json: $.blocs[0].members[1].state: missing (the member's state id)"},
      {"\"members\": [\"Highland\",", "\"members\": [7,",
       "example.json: $.blocs[0].members[0]: expected a state id or {\"state\", \"from\", "
       "\"until\"}, got 7"},
      {"\"members\": [\"Highland\", { \"state\": \"Lowland\", \"from\": \"2026-01\" }]",
       "\"members\": {}",
       "example.json: $.blocs[0].members: expected a list of members, got an object"},
  };
  RUN_MISTAKES(list);
}

static void errors_events(void) {
  count_allocations();
  static const mistake list[] = {
      {"\"at\": 24,", "\"at\": 60,",
       "example.json: $.events[2].at: must be within the run, tick 0 to 59 (2024-01 to 2028-12), "
       "got tick 60"},
      {"\"at\": \"2024-03\"", "\"at\": \"2023-12\"",
       "example.json: $.events[0].at: must be within the run, tick 0 to 59 (2024-01 to 2028-12), "
       "got tick -1"},
      {"\"at\": 24,", "\"at\": 1.5,",
       "example.json: $.events[2].at: expected a whole tick number or a date \"YYYY-MM\", got "
       "1.5"},
      {"\"until\": \"2027-01\"", "\"until\": \"2025-01\"",
       "example.json: $.events[1].until: must be after at (tick 12) and at most the end (tick "
       "60), got tick 12"},
      {"\"amount\": 8,", "\"amount\": 8, \"until\": 5,",
       "example.json: $.events[0].until: an inject event takes no until (its effect is not "
       "undone)"},
      {"\"bloc\": \"Union\" }", "\"bloc\": \"Union\", \"until\": 50 }",
       "example.json: $.events[3].until: a leave event takes no until (its effect is not "
       "undone)"},
      {"\"scale\": 2.0", "\"scale\": 2.0, \"add\": 1",
       "example.json: $.events[1].add: a budget event takes one of set, scale or add, not both "
       "scale and add"},
      {"\"scale\": 2.0, ", "",
       "example.json: $.events[1]: a budget event needs one of set, scale or add"},
      /* with `until` the factor must be undoable, so not 0 */
      {"\"scale\": 2.0", "\"scale\": 0",
       "example.json: $.events[1].scale: must be a number between 0 (exclusive) and 1000000, got "
       "0"},
      {"\"path\": \"states.Lowland.responsiveness\"", "\"path\": \"seed\"",
       "example.json: $.events[5].path: \"seed\" cannot be changed by a set event; set it "
       "before the run"},
      {"\"value\": 0.1 }", "\"value\": 2 }",
       "example.json: $.events[5].value: must be a number between 0 (exclusive) and 1, got 2"},
      {"\"effect\": { \"type\": \"affinity\",", "\"effect\": { \"at\": 3, \"type\": \"affinity\",",
       "example.json: $.events[4].effect.at: a shock's effect takes no \"at\" (the shock's own "
       "times apply)"},
      {"\"effect\": { \"type\": \"affinity\",", "\"effect\": { \"type\": \"join\",",
       "example.json: $.events[4].effect.type: expected one of \"inject\", \"affinity\", "
       "\"budget\" or \"set\", got \"join\""},
      {"\"states\": [\"Lowland\"]", "\"states\": []",
       "example.json: $.events[0].states: the list names no state"},
      {"\"channel\": \"diplomacy\", \"amount\": 8,", "\"channel\": \"diplomacy\", \"ammount\": 8,",
       "example.json: $.events[0].ammount: unknown key \"ammount\"; did you mean \"amount\"?"},
      {"\"type\": \"affinity\", \"power\": \"East\", \"states\": \"*\", \"delta\": -0.1",
       "\"type\": \"affinity\", \"power\": \"East\", \"states\": \"*\", \"delta\": -0.1, "
       "\"channel\": \"x\"",
       "example.json: $.events[2].channel: unknown key \"channel\" (expected one of: type, at, "
       "note, power, states, delta, until)"},
      {"\"note\": \"summit in Lowland's capital\"", "\"note\": 5",
       "example.json: $.events[0].note: expected a string, got 5"},
  };
  RUN_MISTAKES(list);
}

static void errors_text_and_root(void) {
  count_allocations();
  /* not JSON: "NAME:LINE:COLUMN: message" */
  ENSURE_STR(parse_error("{", 1, "x.json"),
             "x.json:1:2: unexpected end of file, expected a string key or '}'");
  ENSURE_STR(parse_error("", 0, "x.json"), "x.json:1:1: unexpected end of file, expected a value");
  ENSURE_STR(example_error("\"autonomy\": 1.0,", "\"autonomy\": 01.0,"),
             "example.json:21:17: invalid number (leading zero)");
  /* JSON, but not a scenario */
  ENSURE_STR(parse_error("[1,2]", 5, "x.json"), "x.json: $: expected an object, got an array of 2 "
                                                "numbers");
  ENSURE_STR(parse_error("{}", 2, "x.json"),
             "x.json: $.format: missing (this engine reads formats 1 and 2)");
  ENSURE_STR(parse_error("{\"format\":3}", 12, "x.json"),
             "x.json: $.format: must be 1 (GG-1) or 2 (GG-2), got 3");
  /* no text, no name */
  gg_error err;
  ENSURE(gg_scenario_parse(NULL, 0, "x.json", &err) == NULL);
  ENSURE_STR(err.msg, "x.json: no text");
  ENSURE(gg_scenario_parse("[", 1, NULL, &err) == NULL);
  ENSURE_STR(err.msg, "(scenario):1:2: unexpected end of file, expected a value");
  /* a line break in the name is escaped in both kinds of message */
  ENSURE_STR(parse_error("[1]", 3, "a\nb"), "a\\x0ab: $: expected an object, got an array of 1 "
                                            "number");
  /* list sizes */
  char *text = replaced(MINIMAL, "[{\"id\":\"c\",\"half_life\":10}]", "[]");
  ENSURE(text);
  ENSURE_STR(parse_error(text, strlen(text), "min.json"),
             "min.json: $.channels: must hold 1 to 16 channels, got 0");
  free(text);
  char chans[2048] = "[";
  for (int c = 0; c < 17; c++) {
    char one[64];
    snprintf(one, sizeof one, "%s{\"id\":\"c%d\",\"half_life\":1}", c ? "," : "", c);
    strcat(chans, one);
  }
  strcat(chans, "]");
  text = replaced(MINIMAL, "[{\"id\":\"c\",\"half_life\":10}]", chans);
  ENSURE(text);
  ENSURE_STR(parse_error(text, strlen(text), "min.json"),
             "min.json: $.channels: must hold 1 to 16 channels, got 17");
  free(text);
}

/* ---- set, get, clone ------------------------------------------------------------ */

static void set_get_round_trips(void) {
  count_allocations();
  long before = live_blocks;
  gg_scenario *sc = parse(EXAMPLE, "example.json");
  ENSURE(sc);
  gg_error err;
  double v;
  ENSURE(gg_scenario_set(sc, "states.Highland.responsiveness", 0.2, &err) == 1);
  ENSURE(gg_scenario_get(sc, "states.Highland.responsiveness", &v, &err) == 0 && v == 0.2);
  ENSURE(gg_scenario_get(sc, "states.Lowland.responsiveness", &v, &err) == 0 && v == 0.05);
  ENSURE(gg_scenario_set(sc, "powers.*.budget.diplomacy", 3, &err) == 2);
  ENSURE(gg_scenario_get(sc, "powers.East.budget.diplomacy", &v, &err) == 0 && v == 3);
  ENSURE(gg_scenario_get(sc, "powers.West.budget.diplomacy", &v, &err) == 0 && v == 3);
  ENSURE(gg_scenario_get(sc, "powers.West.budget.investment", &v, &err) == 0 && v == 20);
  ENSURE(gg_scenario_set(sc, "states.*.affinity.*", -0.5, &err) == 4);
  ENSURE(gg_scenario_get(sc, "states.Lowland.affinity.West", &v, &err) == 0 && v == -0.5);
  ENSURE(gg_scenario_set(sc, "blocs.Union.multipliers.diplomacy", 0, &err) == 1);
  ENSURE(gg_scenario_get(sc, "blocs.Union.multipliers.diplomacy", &v, &err) == 0 && v == 0);
  ENSURE(gg_scenario_set(sc, "seed", 99, &err) == 1 && gg_scenario_seed(sc) == 99);
  ENSURE(gg_scenario_set(sc, "time.ticks", 120, &err) == 1 && gg_scenario_ticks(sc) == 120);
  /* the closed ends of a range are accepted */
  ENSURE(gg_scenario_set(sc, "states.Lowland.backlash.threshold", 1, &err) == 1);
  ENSURE(gg_scenario_set(sc, "states.Lowland.backlash.threshold", 0, &err) == 1);
  ENSURE(gg_scenario_set(sc, "states.Lowland.responsiveness", 1, &err) == 1);

  /* a clone keeps the changed values, the seed and the length */
  gg_scenario *cl = gg_scenario_clone(sc);
  ENSURE(cl);
  ENSURE(gg_scenario_get(cl, "states.Highland.responsiveness", &v, &err) == 0 && v == 0.2);
  ENSURE(gg_scenario_get(cl, "powers.East.budget.diplomacy", &v, &err) == 0 && v == 3);
  ENSURE(gg_scenario_seed(cl) == 99 && gg_scenario_ticks(cl) == 120);
  ENSURE_STR(gg_scenario_sha256(cl), EXAMPLE_SHA256);
  /* and is separate from the original */
  ENSURE(gg_scenario_set(cl, "states.Highland.responsiveness", 0.3, &err) == 1);
  ENSURE(gg_scenario_get(sc, "states.Highland.responsiveness", &v, &err) == 0 && v == 0.2);
  gg_scenario_free(cl);
  gg_scenario_free(sc);
  ENSURE(live_blocks == before);
}

static void set_get_refusals(void) {
  count_allocations();
  gg_scenario *sc = parse(EXAMPLE, "example.json");
  ENSURE(sc);
  gg_error err;
  double v = 42;
  long before = live_blocks;
  /* docs/scenarios.md: the --set messages, without the option in front */
  ENSURE(gg_scenario_set(sc, "states.Highland.responsiveness", 2, &err) == -1);
  ENSURE_STR(err.msg, "states.Highland.responsiveness: must be a number between 0 (exclusive) "
                      "and 1, got 2");
  ENSURE(gg_scenario_set(sc, "states.Highland.responsivenes", 0.2, &err) == -1);
  ENSURE_STR(err.msg, "states.Highland.responsivenes: unknown parameter path; did you mean "
                      "\"states.Highland.responsiveness\"?");
  ENSURE(gg_scenario_set(sc, "states.Highland.backlash.threshold", 1.5, &err) == -1);
  ENSURE_STR(err.msg,
             "states.Highland.backlash.threshold: must be a number between 0 and 1, got 1.5");
  ENSURE(gg_scenario_set(sc, "powers.Middle.focus", 1, &err) == -1);
  ENSURE_STR(err.msg, "powers.Middle.focus: no power with id \"Middle\"");
  ENSURE(gg_scenario_set(sc, "time.ticks", 0, &err) == -1);
  ENSURE_STR(err.msg, "time.ticks: must be a whole number between 1 and 1000000, got 0");
  /* get: unknown, and more than one */
  ENSURE(gg_scenario_get(sc, "states.Highland.noize", &v, &err) == -1);
  ENSURE_STR(err.msg, "states.Highland.noize: unknown parameter path; did you mean "
                      "\"states.Highland.noise\"?");
  ENSURE(gg_scenario_get(sc, "powers.*.focus", &v, &err) == -1);
  ENSURE_STR(err.msg, "powers.*.focus: names 2 parameters, expected exactly one");
  ENSURE(v == 42); /* untouched */
  ENSURE(live_blocks == before);
  /* nothing changed */
  ENSURE(gg_scenario_get(sc, "states.Highland.responsiveness", &v, &err) == 0 && v == 0.05);
  ENSURE(gg_scenario_get(sc, "states.Highland.backlash.threshold", &v, &err) == 0 && v == 0.6);
  ENSURE(gg_scenario_ticks(sc) == 60);
  gg_scenario_free(sc);
}

/* ---- SHA-256 ----------------------------------------------------------------------- */

static void sha256_of_the_text(void) {
  count_allocations();
  gg_scenario *a = parse(MINIMAL, "one.json");
  gg_scenario *b = parse(MINIMAL, "two.json"); /* the name is not hashed */
  ENSURE(a && b);
  ENSURE_STR(gg_scenario_sha256(a), MINIMAL_SHA256);
  ENSURE_STR(gg_scenario_sha256(b), gg_scenario_sha256(a));
  gg_scenario_free(b);
  /* one more byte (a newline after the object) changes the digest */
  char text[sizeof MINIMAL + 1];
  memcpy(text, MINIMAL, sizeof MINIMAL - 1);
  text[sizeof MINIMAL - 1] = '\n';
  text[sizeof MINIMAL] = '\0';
  b = parse(text, "nl.json");
  ENSURE(b);
  ENSURE_STR(gg_scenario_sha256(b),
             "a3c2c789d8d4c273ec2a24a0eef5f071def64b0e29efe9e2f8b18720007efbac");
  gg_scenario_free(b);
  /* a byte order mark is read past but hashed */
  char bom[sizeof MINIMAL + 3] = "\xEF\xBB\xBF";
  memcpy(bom + 3, MINIMAL, sizeof MINIMAL);
  b = parse(bom, "bom.json");
  ENSURE(b);
  ENSURE_STR(gg_scenario_sha256(b),
             "4c2eed1c8629ad0b6aa0c2e4fb23b8ddb95091bce747b1d2d1c3e0596e3ed39e");
  ENSURE_STR(gg_scenario_name(b), "Min");
  gg_scenario_free(b);
  gg_scenario_free(a);
  /* the worked example, parsed twice */
  a = parse(EXAMPLE, "example.json");
  b = parse(EXAMPLE, "example.json");
  ENSURE(a && b);
  ENSURE_STR(gg_scenario_sha256(a), EXAMPLE_SHA256);
  ENSURE_STR(gg_scenario_sha256(b), EXAMPLE_SHA256);
  gg_scenario_free(a);
  gg_scenario_free(b);
}

static void load_from_a_file(void) {
  count_allocations();
  char path[] = "/tmp/gg_test_loader_XXXXXX";
  int fd = mkstemp(path);
  ENSURE(fd >= 0);
  ssize_t w = write(fd, EXAMPLE, sizeof EXAMPLE - 1);
  close(fd);
  ENSURE(w == (ssize_t)(sizeof EXAMPLE - 1));
  gg_error err;
  gg_scenario *sc = gg_scenario_load(path, &err);
  ENSURE(sc);
  ENSURE_STR(gg_scenario_sha256(sc), EXAMPLE_SHA256);
  ENSURE(gg_scenario_events(sc) == 6);
  gg_scenario_free(sc);
  /* an empty file has its own message */
  FILE *f = fopen(path, "w");
  ENSURE(f);
  fclose(f);
  long before = live_blocks;
  ENSURE(gg_scenario_load(path, &err) == NULL);
  ENSURE(live_blocks == before);
  char expect[200];
  snprintf(expect, sizeof expect, "%s:1:1: empty file, expected a JSON object", path);
  ENSURE_STR(err.msg, expect);
  /* errors in a file name the file */
  f = fopen(path, "w");
  ENSURE(f);
  fputs("{\n  \"format\": 2\n}\n", f);
  fclose(f);
  ENSURE(gg_scenario_load(path, &err) == NULL);
  snprintf(expect, sizeof expect,
           "%s: $.model: missing (format 2 scenarios say \"model\": \"GG-2\")", path);
  ENSURE_STR(err.msg, expect);
  unlink(path);
}

static const gg_test_case tests[] = {
    {"example_loads_as_documented", example_loads_as_documented},
    {"docs_error_table", docs_error_table},
    {"minimal_defaults", minimal_defaults},
    {"seeds_are_exact", seeds_are_exact},
    {"dates_month_quarter_year", dates_month_quarter_year},
    {"event_and_member_times", event_and_member_times},
    {"errors_missing_keys", errors_missing_keys},
    {"errors_wrong_types", errors_wrong_types},
    {"errors_ranges", errors_ranges},
    {"errors_unknown_ids", errors_unknown_ids},
    {"errors_duplicates_and_ids", errors_duplicates_and_ids},
    {"errors_bloc_members", errors_bloc_members},
    {"errors_events", errors_events},
    {"errors_text_and_root", errors_text_and_root},
    {"set_get_round_trips", set_get_round_trips},
    {"set_get_refusals", set_get_refusals},
    {"sha256_of_the_text", sha256_of_the_text},
    {"load_from_a_file", load_from_a_file},
};

GG_TEST_MAIN(tests)
