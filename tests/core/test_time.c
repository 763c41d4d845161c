/* One reading of a time given as text (gg_scenario_parse_time), the same for
   every command: dates in the scenario's step format, tick numbers, and a
   bare year only where a year is the date form. Expected ticks by hand from
   each scenario's start. */
#include "harness.h"

#include <greatgame/greatgame.h>

static gg_scenario *with_time(const char *step, const char *start) {
  char json[1200];
  snprintf(json, sizeof json,
           "{\"format\": 1, \"name\": \"t\", \"time\": {\"start\": \"%s\", \"step\": \"%s\", "
           "\"ticks\": 40},"
           "\"channels\": [{\"id\": \"inv\", \"half_life\": 10}],"
           "\"powers\": [{\"id\": \"US\", \"name\": \"U\", \"budget\": {\"inv\": 1}}],"
           "\"defaults\": {\"autonomy\": 1, \"responsiveness\": 0.5, \"decisiveness\": 1,"
           " \"backlash\": {\"strength\": 0, \"threshold\": 0.5}, \"neighbour_weight\": 0,"
           " \"noise\": 0, \"weights\": {\"inv\": 1}, \"saturation\": {\"inv\": 1}},"
           "\"states\": [{\"id\": \"KZ\", \"name\": \"K\", \"population\": 1, \"gdp\": 1,"
           " \"alignment\": {\"autonomy\": 1}}]}",
           start, step);
  gg_error err;
  gg_scenario *sc = gg_scenario_parse(json, strlen(json), "t.json", &err);
  if (!sc) fprintf(stderr, "%s\n", err.msg);
  return sc;
}

static void test_monthly_dates_and_ticks(void) {
  gg_scenario *sc = with_time("month", "2020-02");
  ENSURE(sc != NULL);
  gg_error err;
  int t = -99;
  ENSURE(gg_scenario_parse_time(sc, "2021-06", &t, &err) == 0 && t == 16); /* 11 + 5 */
  ENSURE(gg_scenario_parse_time(sc, "2020-02", &t, &err) == 0 && t == 0);
  ENSURE(gg_scenario_parse_time(sc, "2020-01", &t, &err) == 0 && t == -1);
  ENSURE(gg_scenario_parse_time(sc, "17", &t, &err) == 0 && t == 17);
  ENSURE(gg_scenario_parse_time(sc, "2025", &t, &err) == 0 && t == 2025); /* a tick here */
  ENSURE(gg_scenario_parse_time(sc, "2021-13", &t, &err) == -1);
  ENSURE_STR(err.msg, "expected a tick number or a date like 2021-06, got \"2021-13\"");
  ENSURE(gg_scenario_parse_time(sc, "", &t, &err) == -1);
  ENSURE(gg_scenario_parse_time(sc, "-3", &t, &err) == -1);
  ENSURE(gg_scenario_parse_time(sc, "1234567890", &t, &err) == -1);
  gg_scenario_free(sc);
}

static void test_quarterly_dates(void) {
  gg_scenario *sc = with_time("quarter", "2019-Q3");
  ENSURE(sc != NULL);
  gg_error err;
  int t = -99;
  ENSURE(gg_scenario_parse_time(sc, "2021-Q2", &t, &err) == 0 && t == 7); /* Q3,Q4,Q1..Q4,Q1,Q2 */
  ENSURE(gg_scenario_parse_time(sc, "2021", &t, &err) == 0 && t == 2021);
  ENSURE(gg_scenario_parse_time(sc, "2021-06", &t, &err) == -1);
  ENSURE_STR(err.msg, "expected a tick number or a date like 2021-Q2, got \"2021-06\"");
  gg_scenario_free(sc);
}

static void test_yearly_four_digits_are_a_year(void) {
  gg_scenario *sc = with_time("year", "2005");
  ENSURE(sc != NULL);
  gg_error err;
  int t = -99;
  ENSURE(gg_scenario_parse_time(sc, "2025", &t, &err) == 0 && t == 20);
  ENSURE(gg_scenario_parse_time(sc, "12", &t, &err) == 0 && t == 12);
  ENSURE(gg_scenario_parse_time(sc, "2025-01", &t, &err) == -1);
  ENSURE_STR(err.msg, "expected a tick number or a date like 2021, got \"2025-01\"");
  gg_scenario_free(sc);
}

static const gg_test_case tests[] = {
    {"monthly_dates_and_ticks", test_monthly_dates_and_ticks},
    {"quarterly_dates", test_quarterly_dates},
    {"yearly_four_digits_are_a_year", test_yearly_four_digits_are_a_year},
};

GG_TEST_MAIN(tests)
