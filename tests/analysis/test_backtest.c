/* gg_backtest_run: a measurement line recovered exactly from observations
   generated from it, the baselines by hand, the left-out state, years outside
   the run, and bad observed files refused with FILE:LINE and nothing written. */
#include "harness.h"

#include <greatgame/greatgame.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#define SCEN GG_SCENARIO_DIR "/history_2013.json"

static gg_scenario *load(void) {
  gg_error err;
  size_t len = 0;
  char *text = gg_read_file(SCEN, &len, &err);
  if (!text) return NULL;
  gg_scenario *sc = gg_scenario_parse(text, len, SCEN, &err);
  gg_free_buffer(text);
  return sc;
}

/* The mean share of state s with component k over the ticks of `year` that
   lie in the run (replicate 0), computed here by stepping a simulation. */
static void year_means(const gg_scenario *sc, int year0, int years, double *x /* [years][S][K] */) {
  int S = gg_scenario_states(sc), K = gg_scenario_powers(sc) + 1, T = gg_scenario_ticks(sc);
  int *cnt = calloc((size_t)years, sizeof *cnt);
  memset(x, 0, sizeof(double) * (size_t)years * S * K);
  gg_sim *sim = gg_sim_create(sc, gg_seed_derive(gg_scenario_seed(sc), 0, 0));
  for (int t = 0; t <= T; t++) {
    if (t > 0) gg_sim_step(sim);
    char d[32];
    gg_scenario_date(sc, t, d, sizeof d);
    int y = atoi(d) - year0;
    if (y < 0 || y >= years) continue;
    cnt[y]++;
    for (int s = 0; s < S; s++)
      for (int k = 0; k < K; k++)
        x[((size_t)y * S + s) * K + k] += gg_sim_share(sim, s, k);
  }
  for (int y = 0; y < years; y++)
    for (int i = 0; i < S * K; i++)
      x[(size_t)y * S * K + i] /= cnt[y];
  gg_sim_free(sim);
  free(cnt);
}

static void write_text(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  fputs(text, f);
  fclose(f);
}

static double sigmoid(double e) {
  return 1.0 / (1.0 + exp(-e));
}

static const gg_backtest_param *param(const gg_backtest_result *r, const char *ind,
                                      const char *partner) {
  for (int i = 0; i < gg_backtest_params(r); i++) {
    const gg_backtest_param *p = gg_backtest_param_at(r, i);
    if (strcmp(p->indicator, ind) == 0 && strcmp(p->partner, partner) == 0) return p;
  }
  return NULL;
}

static const gg_backtest_score *score(const gg_backtest_result *r, const char *ind,
                                      const char *state) {
  for (int i = 0; i < gg_backtest_scores(r); i++) {
    const gg_backtest_score *s = gg_backtest_score_at(r, i);
    if (strcmp(s->indicator, ind) == 0 && strcmp(s->state, state) == 0) return s;
  }
  return NULL;
}

#define Y0 2014
#define NY 7 /* 2014..2020 */
#define FIT 2017

/* Observations made exactly from known lines: the lines come back, the
   forecasts are exact (skill 1), and the persistence RMSE is the one
   computed here. */
static void test_recover(void) {
  gg_scenario *sc = load();
  ENSURE(sc);
  int S = gg_scenario_states(sc), K = gg_scenario_powers(sc) + 1;
  int US = gg_power_index(sc, "US") + 1, CN = gg_power_index(sc, "CN") + 1,
      RU = gg_power_index(sc, "RU") + 1;
  double *x = malloc(sizeof(double) * NY * S * K);
  year_means(sc, Y0, NY, x);
  char path[] = "/tmp/gg_bt_obsXXXXXX";
  int fd = mkstemp(path);
  ENSURE(fd >= 0);
  FILE *f = fdopen(fd, "w");
  fputs("date,state,indicator,partner,value,source\n", f);
  double sp = 0; /* persistence errors of un_agreement, by hand */
  int np = 0;
  for (int y = 0; y < NY; y++)
    for (int s = 0; s < S; s++) {
      const double *xs = x + ((size_t)y * S + s) * K;
      const double *x17 = x + ((size_t)(FIT - Y0) * S + s) * K;
      double us = sigmoid(-1.0 + 3.0 * xs[US]), cn = sigmoid(0.5 + 2.0 * xs[CN]);
      fprintf(f, "%d,%s,un_agreement,US,%.17g,t\n", Y0 + y, gg_state_id(sc, s), us);
      fprintf(f, "%d,%s,un_agreement,CN,%.17g,t\n", Y0 + y, gg_state_id(sc, s), cn);
      fprintf(f, "%d,%s,un_agreement,TR,0.5,t\n", Y0 + y, gg_state_id(sc, s));
      fprintf(f, "%d,%s,remittances_gdp,,%.17g,t\n", Y0 + y, gg_state_id(sc, s),
              2.0 + 10.0 * xs[RU]);
      fprintf(f, "%d,%s,un_common_votes,US,80,t\n", Y0 + y, gg_state_id(sc, s));
      if (Y0 + y > FIT) {
        double pu = sigmoid(-1.0 + 3.0 * x17[US]), pc = sigmoid(0.5 + 2.0 * x17[CN]);
        sp += (us - pu) * (us - pu) + (cn - pc) * (cn - pc);
        np += 2;
      }
    }
  fprintf(f, "2005,KZ,un_agreement,US,0.3,t\n2040,KZ,un_agreement,US,0.3,t\n");
  fclose(f);

  gg_backtest_options o = gg_backtest_defaults();
  o.scenario = sc;
  o.observed_path = path;
  o.fit_until = FIT;
  gg_backtest_result *r = NULL;
  gg_error err;
  int st = gg_backtest_run(&o, &r, &err);
  if (st != 0) fprintf(stderr, "%s\n", err.msg);
  ENSURE(st == GG_BACKTEST_OK);
  const gg_backtest_param *pu = param(r, "un_agreement", "US");
  const gg_backtest_param *pc = param(r, "un_agreement", "CN");
  const gg_backtest_param *pr = param(r, "remittances_gdp", "");
  ENSURE(pu && pc && pr);
  ENSURE_STR(pr->share_of, "RU");
  ENSURE_STR(pu->link, "logit");
  ENSURE(pu->n == S * (FIT - Y0 + 1));
  ENSURE_NEAR(pu->a, -1.0, 1e-8);
  ENSURE_NEAR(pu->b, 3.0, 1e-8);
  ENSURE_NEAR(pc->a, 0.5, 1e-8);
  ENSURE_NEAR(pc->b, 2.0, 1e-8);
  ENSURE_NEAR(pr->a, 2.0, 1e-8);
  ENSURE_NEAR(pr->b, 10.0, 1e-8);
  /* no line for TR (not a power), nothing for un_common_votes */
  ENSURE(param(r, "un_agreement", "TR") == NULL);
  const gg_backtest_counts *c = gg_backtest_counts_of(r);
  ENSURE(c->no_partner == NY * S);
  ENSURE(c->not_selected == NY * S);
  ENSURE(c->outside_scenario == 2);
  ENSURE(c->years_before_start == 1 && c->years_after_end == 1);
  ENSURE(c->forecast == (Y0 + NY - 1 - FIT) * S * 3);
  const gg_backtest_score *su = score(r, "un_agreement", "all");
  ENSURE(su && su->n == np);
  ENSURE(su->rmse < 1e-12);
  ENSURE_NEAR(su->rmse_persistence, sqrt(sp / np), 1e-12);
  ENSURE_NEAR(su->skill_persistence, 1.0, 1e-9);
  ENSURE(score(r, "all", "all")->n == c->forecast);
  ENSURE(score(r, "un_agreement", "KZ")->n == 2 * (Y0 + NY - 1 - FIT));
  int notes_tr = 0;
  for (int i = 0; i < gg_backtest_notes(r); i++)
    notes_tr += strstr(gg_backtest_note_at(r, i), "partner \"TR\"") != NULL;
  ENSURE(notes_tr == 1);
  gg_backtest_free(r);

  /* leave KZ out: its rows do not enter the fit; only KZ is scored */
  o.leave_out = "KZ";
  st = gg_backtest_run(&o, &r, &err);
  ENSURE(st == GG_BACKTEST_OK);
  ENSURE(param(r, "un_agreement", "US")->n == (S - 1) * (FIT - Y0 + 1));
  ENSURE_NEAR(param(r, "un_agreement", "US")->b, 3.0, 1e-8);
  for (int i = 0; i < gg_backtest_forecasts(r); i++)
    ENSURE_STR(gg_backtest_forecast_at(r, i)->state, "KZ");
  ENSURE(score(r, "un_agreement", "UZ") == NULL);
  ENSURE(score(r, "all", "all")->n == 3 * (Y0 + NY - 1 - FIT));
  gg_backtest_free(r);
  unlink(path);
  free(x);
  gg_scenario_free(sc);
}

/* The baselines by hand on one series: 2014..2016 = 1, 2, 4 (fit), 2017 = 5.
   Persistence 4; trend: slope 1.5 through the mean (2015.5, 7/3), at 2017.5
   7/3 + 3 = 16/3. */
static void test_baselines_by_hand(void) {
  gg_scenario *sc = load();
  ENSURE(sc);
  char path[] = "/tmp/gg_bt_obsXXXXXX";
  int fd = mkstemp(path);
  ENSURE(fd >= 0);
  close(fd);
  write_text(path, "date,state,indicator,partner,value\n"
                   "2014,KZ,remittances_gdp,,1\n2015,KZ,remittances_gdp,,2\n"
                   "2016,KZ,remittances_gdp,,4\n2017,KZ,remittances_gdp,,5\n");
  gg_backtest_options o = gg_backtest_defaults();
  o.scenario = sc;
  o.observed_path = path;
  o.fit_until = 2016;
  o.indicators = "remittances_gdp,trade_share";
  gg_backtest_result *r = NULL;
  gg_error err;
  ENSURE(gg_backtest_run(&o, &r, &err) == GG_BACKTEST_OK);
  ENSURE(gg_backtest_forecasts(r) == 1);
  const gg_backtest_forecast *f = gg_backtest_forecast_at(r, 0);
  ENSURE_STR(f->date, "2017");
  ENSURE_STR(f->partner, "");
  ENSURE_NEAR(f->observed, 5.0, 0);
  ENSURE_NEAR(f->persistence, 4.0, 0);
  ENSURE_NEAR(f->trend, 16.0 / 3.0, 1e-12);
  const gg_backtest_score *s = score(r, "remittances_gdp", "KZ");
  ENSURE(s && s->n == 1);
  ENSURE_NEAR(s->rmse_persistence, 1.0, 1e-15);
  ENSURE_NEAR(s->rmse_trend, 1.0 / 3.0, 1e-12);
  ENSURE_NEAR(s->skill_persistence, 1.0 - s->rmse, 1e-12);
  int noted = 0;
  for (int i = 0; i < gg_backtest_notes(r); i++)
    noted += strstr(gg_backtest_note_at(r, i), "\"trade_share\": no rows") != NULL;
  ENSURE(noted == 1);
  gg_backtest_free(r);
  unlink(path);
  gg_scenario_free(sc);
}

/* A bad file: its exact message, status 2, and no output folder. */
static int bad_case(const char *text, const char *expect_tail) {
  gg_scenario *sc = load();
  char path[] = "/tmp/gg_bt_badXXXXXX";
  int fd = mkstemp(path);
  close(fd);
  write_text(path, text);
  char dir[64];
  snprintf(dir, sizeof dir, "%s.out", path);
  gg_backtest_options o = gg_backtest_defaults();
  o.scenario = sc;
  o.observed_path = path;
  o.fit_until = 2016;
  o.out_dir = dir;
  gg_backtest_result *r = NULL;
  gg_error err;
  int st = gg_backtest_run(&o, &r, &err);
  char expect[512];
  snprintf(expect, sizeof expect, "%s%s", path, expect_tail);
  struct stat sb;
  int ok = st == GG_BACKTEST_BAD_OBSERVED && r == NULL && strcmp(err.msg, expect) == 0 &&
           stat(dir, &sb) != 0;
  if (!ok) fprintf(stderr, "status %d, message \"%s\", expected \"%s\"\n", st, err.msg, expect);
  unlink(path);
  rmdir(dir);
  gg_scenario_free(sc);
  return ok;
}

static void test_bad_files(void) {
  ENSURE(bad_case("date,state,indicator,value\n2014,KZ,remittances_gdp,1\n",
                  ":1: missing column \"partner\" (expected date,state,indicator,partner,value)"));
  ENSURE(bad_case("date,state,indicator,partner,value\n2014,KZ,remittances_gdp,,1\n"
                  "2015-13,KZ,remittances_gdp,,1\n",
                  ":3: bad date \"2015-13\": expected YYYY or YYYY-MM"));
  ENSURE(bad_case("date,state,indicator,partner,value\n2014,KZ,remittances_gdp,,abc\n",
                  ":2: value \"abc\" is not a number"));
  ENSURE(bad_case("date,state,indicator,partner,value\n2014,XX,remittances_gdp,,1\n",
                  ":2: unknown state \"XX\" (not in the scenario)"));
  ENSURE(bad_case("date,state,indicator,partner,value\n2014,KZ,remittances_gdp,1\n",
                  ":2: expected 5 fields, got 4"));
  ENSURE(bad_case("date,state,indicator,partner,value\n2014,KZ,remittances_gdp,,1\n"
                  "2014,KZ,remittances_gdp,,2\n",
                  ":3: duplicate of line 2 (same date, state, indicator, partner)"));
}

/* The files: written once, refused a second time without force. */
static void test_files(void) {
  gg_scenario *sc = load();
  ENSURE(sc);
  char dir[] = "/tmp/gg_bt_outXXXXXX";
  ENSURE(mkdtemp(dir));
  gg_backtest_options o = gg_backtest_defaults();
  o.scenario = sc;
  o.observed_path = GG_SCENARIO_DIR "/observed/observed.csv";
  o.fit_until = 2016;
  o.out_dir = dir;
  gg_backtest_result *r = NULL;
  gg_error err;
  ENSURE(gg_backtest_run(&o, &r, &err) == GG_BACKTEST_OK);
  ENSURE(gg_backtest_forecasts(r) > 0);
  ENSURE(strlen(gg_backtest_observed_sha256(r)) == 64);
  gg_backtest_free(r);
  char p[256];
  struct stat sb;
  static const char *const names[] = {"forecasts.csv", "scores.csv", "manifest.json"};
  for (int i = 0; i < 3; i++) {
    snprintf(p, sizeof p, "%s/%s", dir, names[i]);
    ENSURE(stat(p, &sb) == 0 && sb.st_size > 0);
  }
  ENSURE(gg_backtest_run(&o, &r, &err) == GG_BACKTEST_OUT_EXISTS);
  o.force = 1;
  ENSURE(gg_backtest_run(&o, &r, &err) == GG_BACKTEST_OK);
  gg_backtest_free(r);
  for (int i = 0; i < 3; i++) {
    snprintf(p, sizeof p, "%s/%s", dir, names[i]);
    unlink(p);
  }
  rmdir(dir);
  gg_scenario_free(sc);
}

static const gg_test_case tests[] = {
    {"recover", test_recover},
    {"baselines_by_hand", test_baselines_by_hand},
    {"bad_files", test_bad_files},
    {"files", test_files},
};
GG_TEST_MAIN(tests)
