/* The research toolkit: categorical factors in sweeps (each level's runs
   equal runs of the scenario edited by hand), the open metrics (at, min,
   max, first, stock against a run recorded tick by tick), the guard rails
   (exact messages), PRIM (a known box on a synthetic design, quasi-p-values
   against a direct binomial sum), and one study (a sweep with a factor,
   then discovery) whose files the library and the program write alike (the
   program is named by GG_PROGRAM, set in tests/toolkit.cmake). */
#include "design.h"
#include "harness.h"
#include "prim.h"
#include "sweep_indices.h"

#include <greatgame/discover.h>
#include <greatgame/greatgame.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define SCENARIO GG_SCENARIO_DIR "/central_asia_2020.json"

static void tmpdir(char *buf, size_t size, const char *name) {
  snprintf(buf, size, "%s/gg_test_toolkit_%ld_%s", P_tmpdir, (long)getpid(), name);
  char cmd[2048];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", buf);
  if (system(cmd) != 0) fprintf(stderr, "could not clean %s\n", buf);
}

static void rmtree(const char *dir) {
  char cmd[2048];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *s = malloc((size_t)n + 1);
  if (fread(s, 1, (size_t)n, f) != (size_t)n) n = 0;
  s[n] = '\0';
  fclose(f);
  if (len) *len = (size_t)n;
  return s;
}

/* Field `col` (by header name) of the data line whose first field is
   `sample` and second `rep` (rep < 0: any) in a CSV file; "" if absent. */
static void csv_field(const char *path, long sample, long rep, const char *col, char *out,
                      size_t size) {
  out[0] = '\0';
  char *text = slurp(path, NULL);
  if (!text) return;
  char *save = NULL, *line = strtok_r(text, "\n", &save);
  int want = -1, k = 0;
  for (char *p = line; p; k++) {
    char *c = strchr(p, ',');
    size_t n = c ? (size_t)(c - p) : strlen(p);
    if (strlen(col) == n && strncmp(p, col, n) == 0) want = k;
    p = c ? c + 1 : NULL;
  }
  while (want >= 0 && (line = strtok_r(NULL, "\n", &save)) != NULL) {
    char *end;
    long s = strtol(line, &end, 10), r = strtol(end + 1, NULL, 10);
    if (s != sample || (rep >= 0 && r != rep)) continue;
    char *p = line;
    for (int i = 0; i < want && p; i++) {
      p = strchr(p, ',');
      if (p) p++;
    }
    if (p) {
      size_t n = strcspn(p, ",");
      if (n >= size) n = size - 1;
      memcpy(out, p, n);
      out[n] = '\0';
    }
    break;
  }
  free(text);
}

static double csv_number(const char *path, long sample, long rep, const char *col) {
  char buf[64];
  csv_field(path, sample, rep, col, buf, sizeof buf);
  return buf[0] ? strtod(buf, NULL) : NAN;
}

/* The baseline's text with the first `from` after `anchor` replaced by `to`. */
static char *edit_after(const char *text, const char *anchor, const char *from, const char *to) {
  const char *a = strstr(text, anchor);
  const char *f = a ? strstr(a, from) : NULL;
  if (!f) return NULL;
  size_t n = strlen(text) + strlen(to) + 1;
  char *out = malloc(n);
  size_t head = (size_t)(f - text);
  memcpy(out, text, head);
  snprintf(out + head, n - head, "%s%s", to, f + strlen(from));
  return out;
}

/* Final share KZ.CN of one run of a scenario text with the replicate-0 seed
   of a sweep (common random numbers). */
static double final_kz_cn(const char *json, uint64_t scenario_seed) {
  gg_error err;
  gg_scenario *sc = gg_scenario_parse(json, strlen(json), "edited", &err);
  if (!sc) {
    fprintf(stderr, "edited scenario: %s\n", err.msg);
    return NAN;
  }
  gg_sim *sim = gg_sim_create(sc, gg_seed_derive(scenario_seed, 0, 0));
  gg_sim_run(sim, NULL);
  double v = gg_sim_share(sim, gg_state_index(sc, "KZ"), 2); /* autonomy, US, CN */
  gg_sim_free(sim);
  gg_scenario_free(sc);
  return v;
}

/* A grid over one factor: each level's run equals the run of the scenario
   edited by hand to that level. */
static void test_factor_levels_equal_edited_scenarios(void) {
  char out[1024];
  tmpdir(out, sizeof out, "factor");
  gg_error err;
  gg_scenario *sc = gg_scenario_load(SCENARIO, &err);
  ENSURE(sc != NULL);
  gg_sweep_factor f[2];
  ENSURE(gg_sweep_factor_parse("powers.CN.strategy=fixed,contest", &f[0], &err) == 0);
  ENSURE(gg_sweep_factor_parse("blocs.EEU.enabled=1,0", &f[1], &err) == 0);
  const char *metrics[] = {"final.KZ.CN"};
  gg_sweep_options o = gg_sweep_defaults();
  o.scenario = sc;
  o.factors = f;
  o.nfactors = 2;
  o.metrics = metrics;
  o.nmetrics = 1;
  o.out = out;
  o.threads = 1;
  gg_sweep_result res;
  ENSURE(gg_sweep_run(&o, &res, &err) == 0);
  ENSURE(res.samples == 4);
  char path[1100], lv[64];
  snprintf(path, sizeof path, "%s/design.csv", out);
  csv_field(path, 2, -1, "powers.CN.strategy", lv, sizeof lv);
  ENSURE_STR(lv, "contest");
  csv_field(path, 2, -1, "blocs.EEU.enabled", lv, sizeof lv);
  ENSURE_STR(lv, "1");
  snprintf(path, sizeof path, "%s/runs.csv", out);
  const char *base = gg_scenario_text(sc, NULL);
  uint64_t seed = gg_scenario_seed(sc);
  /* sample 0: fixed, EEU on: the scenario itself */
  ENSURE(csv_number(path, 0, 0, "final.KZ.CN") == final_kz_cn(base, seed));
  /* sample 2: CN contests */
  char *contest =
      edit_after(base, "\"id\": \"CN\"", "\"strategy\": \"fixed\"", "\"strategy\": \"contest\"");
  ENSURE(contest != NULL);
  ENSURE(csv_number(path, 2, 0, "final.KZ.CN") == final_kz_cn(contest, seed));
  ENSURE(csv_number(path, 2, 0, "final.KZ.CN") != csv_number(path, 0, 0, "final.KZ.CN"));
  free(contest);
  /* sample 1: no EEU: the bloc renamed away cannot be, so drop its entry */
  const char *a = strstr(base, "\"id\": \"EEU\"");
  ENSURE(a != NULL);
  const char *open = a;
  while (open > base && *open != '{')
    open--;
  const char *close = strstr(a, "},\n    {");
  ENSURE(close != NULL);
  size_t n = strlen(base);
  char *noeeu = malloc(n + 1);
  size_t head = (size_t)(open - base);
  memcpy(noeeu, base, head);
  snprintf(noeeu + head, n + 1 - head, "%s", close + 7); /* from the next bloc's '{' */
  ENSURE(csv_number(path, 1, 0, "final.KZ.CN") == final_kz_cn(noeeu, seed));
  free(noeeu);
  char *man = slurp((snprintf(path, sizeof path, "%s/manifest.json", out), path), NULL);
  ENSURE(man && strstr(man, "\"factors\""));
  ENSURE(strstr(man, "factors=powers.CN.strategy=fixed,contest|blocs.EEU.enabled=1,0"));
  free(man);
  gg_scenario_free(sc);
  rmtree(out);
}

/* at, min, max, first and stock against the run recorded tick by tick. */
static void test_open_metrics_match_a_recorded_run(void) {
  char out[1024];
  tmpdir(out, sizeof out, "metrics");
  gg_error err;
  gg_scenario *sc = gg_scenario_load(SCENARIO, &err);
  ENSURE(sc != NULL);
  const char *metrics[] = {"at.KZ.RU@2025-01",    "min.UZ.CN",         "max.UZ.CN",
                           "first.UZ.CN>=0.3",    "first.KZ.US>=0.99", "stock.KZ.CN.investment@60",
                           "stock.TJ.RU.security"};
  gg_sweep_factor f;
  ENSURE(gg_sweep_factor_parse("events.1.enabled=1,0", &f, &err) == 0);
  gg_sweep_options o = gg_sweep_defaults();
  o.scenario = sc;
  o.factors = &f;
  o.nfactors = 1;
  o.metrics = metrics;
  o.nmetrics = 7;
  o.out = out;
  ENSURE(gg_sweep_run(&o, NULL, &err) == 0);
  /* Sample 0 is the scenario itself, seed of replicate 0. */
  gg_sim *sim = gg_sim_create(sc, gg_seed_derive(gg_scenario_seed(sc), 0, 0));
  int KZ = gg_state_index(sc, "KZ"), UZ = gg_state_index(sc, "UZ"), TJ = gg_state_index(sc, "TJ");
  int CN = gg_power_index(sc, "CN"), RU = gg_power_index(sc, "RU");
  int inv = gg_channel_index(sc, "investment"), sec = gg_channel_index(sc, "security");
  int t2025 = -1;
  ENSURE(gg_scenario_parse_date(sc, "2025-01", &t2025) == 0);
  double at = NAN, mn = 1e9, mx = -1e9, first = NAN, stock60 = NAN;
  for (int t = 0;; t++) {
    double uz = gg_sim_share(sim, UZ, 1 + CN);
    if (uz < mn) mn = uz;
    if (uz > mx) mx = uz;
    if (isnan(first) && uz >= 0.3) {
      char d[32];
      gg_scenario_date(sc, t, d, sizeof d);
      first = atoi(d) + (atoi(d + 5) - 1) / 12.0;
    }
    if (t == t2025) at = gg_sim_share(sim, KZ, 1 + RU);
    if (t == 60) stock60 = gg_sim_stock(sim, KZ, CN, inv);
    if (t == gg_scenario_ticks(sc)) break;
    gg_sim_step(sim);
  }
  char path[1100];
  snprintf(path, sizeof path, "%s/runs.csv", out);
  ENSURE(csv_number(path, 0, 0, "at.KZ.RU@2025-01") == at);
  ENSURE(csv_number(path, 0, 0, "min.UZ.CN") == mn);
  ENSURE(csv_number(path, 0, 0, "max.UZ.CN") == mx);
  ENSURE(mn < mx);
  ENSURE(csv_number(path, 0, 0, "stock.KZ.CN.investment@60") == stock60);
  ENSURE(csv_number(path, 0, 0, "stock.TJ.RU.security") == gg_sim_stock(sim, TJ, RU, sec));
  char v[64];
  csv_field(path, 0, 0, "first.UZ.CN>=0.3", v, sizeof v);
  if (isnan(first))
    ENSURE_STR(v, "");
  else
    ENSURE_NEAR(strtod(v, NULL), first, 1e-9);
  /* Never crossed: an empty field in an ok run, n = 0 in summary.csv. */
  csv_field(path, 0, 0, "first.KZ.US>=0.99", v, sizeof v);
  ENSURE_STR(v, "");
  csv_field(path, 0, 0, "status", v, sizeof v);
  ENSURE_STR(v, "ok");
  gg_sim_free(sim);
  gg_scenario_free(sc);
  rmtree(out);
}

/* indicator.NAME.STATE[.PARTNER][@DATE]: the measurement model's
   prediction, as gg_measure_value gives it on a run recorded tick by tick. */
static void test_indicator_metric(void) {
  char out[1024];
  tmpdir(out, sizeof out, "indicator");
  gg_error err;
  gg_scenario *sc = gg_scenario_load(GG_SCENARIO_DIR "/history_2005.json", &err);
  ENSURE(sc != NULL);
  const char *metrics[] = {"indicator.un_agreement.KZ.*", "indicator.remittances_gdp.TJ@2010-01"};
  gg_sweep_param p;
  ENSURE(gg_sweep_param_parse("states.KZ.noise=0:0.1:2", &p, &err) == 0);
  gg_sweep_options o = gg_sweep_defaults();
  o.scenario = sc;
  o.params = &p;
  o.nparams = 1;
  o.metrics = metrics;
  o.nmetrics = 2;
  o.out = out;
  ENSURE(gg_sweep_run(&o, NULL, &err) == 0);
  /* Sample 0: noise 0 for KZ. */
  gg_scenario *s0 = gg_scenario_clone(sc);
  ENSURE(gg_scenario_set(s0, "states.KZ.noise", 0, &err) >= 0);
  gg_sim *sim = gg_sim_create(s0, gg_seed_derive(gg_scenario_seed(s0), 0, 0));
  int t2010 = -1, KZ = gg_state_index(s0, "KZ"), TJ = gg_state_index(s0, "TJ");
  ENSURE(gg_scenario_parse_date(s0, "2010-01", &t2010) == 0);
  const gg_measure *rem = NULL, *un_cn = NULL;
  for (int i = 0; i < gg_scenario_measures(s0); i++) {
    const gg_measure *m = gg_scenario_measure(s0, i);
    if (strcmp(m->indicator, "remittances_gdp") == 0) rem = m;
    if (strcmp(m->indicator, "un_agreement") == 0 && m->npartners == 1 &&
        m->partners[0] == gg_power_index(s0, "CN"))
      un_cn = m;
  }
  ENSURE(rem && un_cn);
  double rem2010 = NAN;
  for (int t = 0;; t++) {
    if (t == t2010) rem2010 = gg_measure_value(sim, rem, TJ, -1);
    if (t == gg_scenario_ticks(s0)) break;
    gg_sim_step(sim);
  }
  char path[1100];
  snprintf(path, sizeof path, "%s/runs.csv", out);
  ENSURE(csv_number(path, 0, 0, "indicator.remittances_gdp.TJ@2010-01") == rem2010);
  ENSURE(csv_number(path, 0, 0, "indicator.un_agreement.KZ.CN") ==
         gg_measure_value(sim, un_cn, KZ, gg_power_index(s0, "CN")));
  gg_sim_free(sim);
  gg_scenario_free(s0);
  gg_scenario_free(sc);
  rmtree(out);
}

/* Each guard rail: its exact message and check. */
static void test_guard_rails_exact_messages(void) {
  char out[1024];
  tmpdir(out, sizeof out, "guard");
  gg_error err;
  gg_scenario *sc = gg_scenario_load(SCENARIO, &err);
  ENSURE(sc != NULL);
  static const struct {
    const char *p1, *p2, *set, *factor, *msg;
    gg_sweep_error error;
  } cases[] = {
      {"states.KZ.noise=0:0.1", "states.KZ.noise=0:0.2", NULL, NULL,
       "params states.KZ.noise: given twice", GG_SWEEP_ERR_PARAMS},
      {"states.KZ.noise=0:0.1", "states.*.noise=0:0.2", NULL, NULL,
       "params states.*.noise: overlaps states.KZ.noise (both would set the same parameter)",
       GG_SWEEP_ERR_PARAMS},
      {"states.KZ.noise=0:0.1", NULL, "states.*.noise=0.05", NULL,
       "params states.KZ.noise: also given in sets as states.*.noise=0.05 (a parameter is "
       "either fixed or swept)",
       GG_SWEEP_ERR_PARAMS},
      {"states.KZ.noise=0.1:0.1", NULL, NULL, NULL,
       "params states.KZ.noise: LO equals HI, so nothing varies (fix a value with sets)",
       GG_SWEEP_ERR_PARAMS},
      {"states.KZ.noise=0:0.1", NULL, NULL, "blocs.EEX.enabled=0,1",
       "factors blocs.EEX.enabled: unknown bloc \"EEX\" (the scenario has BRI, EEU, CSTO, SCO, "
       "C5P1)",
       GG_SWEEP_ERR_FACTORS},
      {"states.KZ.noise=0:0.1", NULL, NULL, "events.9.enabled=0,1",
       "factors events.9.enabled: the scenario has 8 events (number them from 1)",
       GG_SWEEP_ERR_FACTORS},
  };
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    gg_sweep_param p[2];
    int np = 0;
    ENSURE(gg_sweep_param_parse(cases[k].p1, &p[np++], &err) == 0);
    if (cases[k].p2) ENSURE(gg_sweep_param_parse(cases[k].p2, &p[np++], &err) == 0);
    gg_sweep_factor f;
    if (cases[k].factor) ENSURE(gg_sweep_factor_parse(cases[k].factor, &f, &err) == 0);
    gg_sweep_options o = gg_sweep_defaults();
    o.scenario = sc;
    o.params = p;
    o.nparams = np;
    o.sets = &cases[k].set;
    o.nsets = cases[k].set ? 1 : 0;
    o.factors = &f;
    o.nfactors = cases[k].factor ? 1 : 0;
    o.out = out;
    gg_sweep_result res;
    ENSURE(gg_sweep_run(&o, &res, &err) == -1);
    ENSURE_STR(err.msg, cases[k].msg);
    ENSURE(res.error == cases[k].error);
    ENSURE(access(out, F_OK) != 0); /* nothing written */
  }
  gg_sweep_factor f;
  ENSURE(gg_sweep_factor_parse("powers.CN.strategy=fixed,bold", &f, &err) == -1);
  ENSURE_STR(err.msg, "powers.CN.strategy=fixed,bold: level \"bold\": expected fixed or contest");
  ENSURE(gg_sweep_factor_parse("powers.CN.budget=1,2", &f, &err) == -1);
  ENSURE_STR(err.msg, "powers.CN.budget=1,2: expected powers.ID.strategy, events.N.enabled, "
                      "blocs.ID.enabled or scenario before '='");
  gg_scenario_free(sc);
}

/* The warnings: a Sobol count that is not a power of two, a set event that
   overwrites a swept parameter. */
static void test_warnings(void) {
  char out[1024];
  tmpdir(out, sizeof out, "warn");
  gg_error err;
  const char *json =
      "{\"format\":1,\"name\":\"w\",\"time\":{\"start\":\"2020-01\",\"step\":\"month\","
      "\"ticks\":4},\"channels\":[{\"id\":\"c\",\"half_life\":1}],"
      "\"powers\":[{\"id\":\"P\",\"name\":\"Power\"}],"
      "\"states\":[{\"id\":\"A\",\"name\":\"A\",\"population\":1,\"gdp\":1,"
      "\"alignment\":{\"autonomy\":1},\"autonomy\":0.5,\"responsiveness\":0.2,"
      "\"decisiveness\":3,\"backlash\":{\"strength\":0.5,\"threshold\":0.5},"
      "\"neighbour_weight\":0,\"noise\":0,\"weights\":{\"c\":1},\"saturation\":{\"c\":1}}],"
      "\"events\":[{\"at\":2,\"type\":\"set\",\"path\":\"states.A.responsiveness\","
      "\"value\":0.3}]}";
  gg_scenario *sc = gg_scenario_parse(json, strlen(json), "w", &err);
  if (!sc) fprintf(stderr, "%s\n", err.msg);
  ENSURE(sc != NULL);
  gg_sweep_param p;
  ENSURE(gg_sweep_param_parse("states.A.responsiveness=0.05:0.5", &p, &err) == 0);
  gg_sweep_options o = gg_sweep_defaults();
  o.scenario = sc;
  o.params = &p;
  o.nparams = 1;
  o.design = GG_DESIGN_SOBOL;
  o.samples = 12;
  o.out = out;
  gg_sweep_result res;
  ENSURE(gg_sweep_run(&o, &res, &err) == 0);
  ENSURE(res.nwarnings == 2);
  ENSURE_STR(res.warnings[0], "params states.A.responsiveness: event 1 of the scenario (a set of "
                              "states.A.responsiveness) overwrites the swept value during the "
                              "run");
  ENSURE_STR(res.warnings[1], "samples 12: not a power of two; Sobol points are balanced only at "
                              "powers of two (e.g. 8)");
  gg_scenario_free(sc);
  rmtree(out);
}

/* A uniform number in [0, 1) from a 64-bit LCG (Knuth's MMIX constants). */
static double lcg(uint64_t *s) {
  *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
  return (double)(*s >> 11) / 9007199254740992.0;
}

/* PRIM finds a known box: interesting iff 0.2 <= x0 <= 0.6, x1 >= 0.5 and
   the factor x2 is level 0 or 1; x3 is noise. */
static void test_prim_finds_known_box(void) {
  enum { N = 6000, D = 4 };
  static double x[N * D];
  static unsigned char y[N];
  int levels[D] = {0, 0, 3, 0};
  uint64_t s = 12345;
  long hits = 0;
  for (int i = 0; i < N; i++) {
    double *r = x + i * D;
    r[0] = lcg(&s);
    r[1] = lcg(&s);
    r[2] = (double)(int)(lcg(&s) * 3);
    r[3] = lcg(&s);
    y[i] = r[0] >= 0.2 && r[0] <= 0.6 && r[1] >= 0.5 && r[2] != 2;
    hits += y[i];
  }
  prim_data pd = {N, D, x, levels, y};
  prim_options po = {0.05, 0.05, 0.02};
  prim_result pr;
  gg_error err;
  ENSURE(gga_prim_peel(&pd, &po, &pr, &err) == 0);
  ENSURE(pr.hits == hits);
  /* The densest box that keeps 90% of the interesting points. */
  int best = 0;
  for (int k = 1; k < pr.steps; k++) {
    const prim_box *b = &pr.boxes[k], *c = &pr.boxes[best];
    if ((double)b->hits / (double)hits >= 0.9 &&
        (double)b->hits / (double)b->n > (double)c->hits / (double)c->n)
      best = k;
  }
  prim_box box;
  ENSURE(gga_prim_paste(&pd, &po, &pr.boxes[best], &box, &err) == 0);
  ENSURE_NEAR(box.lo[0], 0.2, 0.03);
  ENSURE_NEAR(box.hi[0], 0.6, 0.03);
  ENSURE_NEAR(box.lo[1], 0.5, 0.03);
  ENSURE(box.mask[2] == 3u);
  ENSURE(!gga_prim_restricted(&pd, &box, 3) || (box.hi[3] - box.lo[3]) > 0.9);
  ENSURE((double)box.hits / (double)box.n > 0.9);
  ENSURE((double)box.hits / (double)hits >= 0.9);
  /* A restricted limit matters: its quasi-p-value is tiny. */
  ENSURE(gga_prim_quasi_p(&pd, &box, 1) < 1e-6);
  ENSURE(isnan(gga_prim_quasi_p(&pd, &pr.boxes[0], 0)));
  gga_prim_box_free(&box);
  gga_prim_result_free(&pr);
}

/* The quasi-p-value against a direct sum of the binomial tail. */
static void test_prim_quasi_p_by_hand(void) {
  /* 20 points on x0 = 0..19; interesting: x0 < 8, and also x0 = 12, 15. */
  double x[20];
  unsigned char y[20];
  int levels[1] = {0};
  for (int i = 0; i < 20; i++) {
    x[i] = i;
    y[i] = i < 8 || i == 12 || i == 15;
  }
  prim_data pd = {20, 1, x, levels, y};
  double lo = 0, hi = 9;
  uint32_t mask = 0;
  prim_box b = {&lo, &hi, &mask, 10, 8}; /* x0 <= 9: 10 points, 8 interesting */
  /* Without the limit: 20 points, 10 interesting: p = 0.5. P(X >= 8), X ~ B(10, 0.5). */
  double tail = 0;
  for (int k = 8; k <= 10; k++) {
    double c = 1;
    for (int j = 0; j < k; j++)
      c = c * (10 - j) / (j + 1);
    tail += c * pow(0.5, 10);
  }
  ENSURE_NEAR(tail, 56.0 / 1024.0, 1e-15);
  ENSURE_NEAR(gga_prim_quasi_p(&pd, &b, 0), tail, 1e-12);
}

/* eFAST on the Ishigami function (a = 7, b = 0.1; Ishigami and Homma 1990)
   against its analytic indices (Saltelli et al. 2008, Global Sensitivity
   Analysis: The Primer, p. 179): S1 = 0.3139, 0.4424, 0; ST = 0.5576,
   0.4424, 0.2437, computed here from the variances. */
static void test_efast_ishigami(void) {
  const double a = 7, b = 0.1, pi = 3.14159265358979323846;
  double V1 = 0.5 * pow(1 + b * pow(pi, 4) / 5, 2), V2 = a * a / 8;
  double V13 = b * b * pow(pi, 8) * (1.0 / 18 - 1.0 / 50), V = V1 + V2 + V13;
  double S1[3] = {V1 / V, V2 / V, 0}, ST[3] = {(V1 + V13) / V, V2 / V, V13 / V};
  ENSURE_NEAR(S1[0], 0.3139, 1e-4);
  ENSURE_NEAR(ST[2], 0.2437, 1e-4);
  design ds;
  gg_error err;
  ENSURE(gga_design_make(&ds, DESIGN_EFAST, 3, 4000, NULL, 42, 0, 0, &err) == 0);
  ENSURE(ds.n == 12000);
  double *y = malloc((size_t)ds.n * sizeof(double));
  for (long i = 0; i < ds.n; i++) {
    const double *u = design_row(&ds, i);
    double x1 = -pi + 2 * pi * u[0], x2 = -pi + 2 * pi * u[1], x3 = -pi + 2 * pi * u[2];
    y[i] = sin(x1) + a * sin(x2) * sin(x2) + b * pow(x3, 4) * sin(x1);
  }
  double s1[3], st[3];
  ENSURE(gga_efast_analyze(s1, st, y, ds.base, 3, EFAST_M, &err) == 0);
  for (int j = 0; j < 3; j++) {
    ENSURE_NEAR(s1[j], S1[j], 0.01);
    /* eFAST with M = 4 overstates x2's total index by about 0.027 (x1 x3
       interaction harmonics above omega_0 / 2), as SALib's does. */
    ENSURE_NEAR(st[j], ST[j], 0.03);
  }
  /* The points lie in the unit cube, and the curve is the triangle wave. */
  for (long i = 0; i < ds.n * 3; i++)
    ENSURE(ds.u[i] >= 0 && ds.u[i] <= 1);
  free(y);
  gga_design_free(&ds);
}

/* gg_sweep_replay: a run of a finished sweep (factor, parameters,
   independent seeds, a set) repeated on its own gives the same bits. */
static void test_replay_one_run(void) {
  char out[1024];
  tmpdir(out, sizeof out, "replay");
  gg_error err;
  gg_scenario *sc = gg_scenario_load(SCENARIO, &err);
  ENSURE(sc != NULL);
  gg_sweep_param p[2];
  ENSURE(gg_sweep_param_parse("powers.CN.budget.investment=100:700", &p[0], &err) == 0);
  ENSURE(gg_sweep_param_parse("states.KZ.noise=0:0.2", &p[1], &err) == 0);
  gg_sweep_factor f;
  ENSURE(gg_sweep_factor_parse("powers.RU.strategy=fixed,contest", &f, &err) == 0);
  const char *metrics[] = {"final.KZ.CN", "stock.KZ.RU.security"};
  const char *sets[] = {"states.UZ.noise=0.01"};
  gg_sweep_options o = gg_sweep_defaults();
  o.scenario = sc;
  o.params = p;
  o.nparams = 2;
  o.factors = &f;
  o.nfactors = 1;
  o.sets = sets;
  o.nsets = 1;
  o.design = GG_DESIGN_RANDOM;
  o.samples = 6;
  o.replicates = 3;
  o.independent_seeds = 1;
  o.metrics = metrics;
  o.nmetrics = 2;
  o.out = out;
  ENSURE(gg_sweep_run(&o, NULL, &err) == 0);
  char path[1100];
  snprintf(path, sizeof path, "%s/runs.csv", out);
  for (long i = 0; i < 6; i += 5) {
    gg_scenario *rs;
    uint64_t seed;
    int rc = gg_sweep_replay(out, i, 2, &rs, &seed, &err);
    if (rc != 0) fprintf(stderr, "%s\n", err.msg);
    ENSURE(rc == 0);
    char want[64];
    csv_field(path, i, 2, "seed", want, sizeof want);
    ENSURE(strtoull(want, NULL, 10) == seed);
    gg_sim *sim = gg_sim_create(rs, seed);
    gg_sim_run(sim, NULL);
    ENSURE(gg_sim_share(sim, gg_state_index(rs, "KZ"), 2) == csv_number(path, i, 2, "final.KZ.CN"));
    ENSURE(gg_sim_stock(sim, gg_state_index(rs, "KZ"), gg_power_index(rs, "RU"),
                        gg_channel_index(rs, "security")) ==
           csv_number(path, i, 2, "stock.KZ.RU.security"));
    gg_sim_free(sim);
    gg_scenario_free(rs);
  }
  gg_scenario *rs = NULL;
  uint64_t seed;
  ENSURE(gg_sweep_replay(out, 6, 0, &rs, &seed, &err) == -1);
  ENSURE_STR(err.msg, "sample 6: the sweep has samples 0 to 5");
  ENSURE(gg_sweep_replay(out, 0, 3, &rs, &seed, &err) == -1);
  ENSURE_STR(err.msg, "replicate 3: the sweep has replicates 0 to 2");
  gg_scenario_free(sc);
  rmtree(out);
}

/* gg_compare_effects: the difference at the end over the standard
   deviation across a sweep's samples, the latter computed here from
   runs.csv with the textbook formula. */
static void test_compare_effects(void) {
  char out[1024];
  tmpdir(out, sizeof out, "effects");
  gg_error err;
  gg_scenario *base = gg_scenario_load(SCENARIO, &err);
  gg_scenario *what = gg_scenario_load(GG_SCENARIO_DIR "/us_pivot.json", &err);
  ENSURE(base && what);
  gg_sweep_param p;
  ENSURE(gg_sweep_param_parse("powers.US.budget.investment=5:50", &p, &err) == 0);
  const char *metrics[] = {"final.KZ.US"};
  gg_sweep_options o = gg_sweep_defaults();
  o.scenario = base;
  o.params = &p;
  o.nparams = 1;
  o.design = GG_DESIGN_LHS;
  o.samples = 10;
  o.metrics = metrics;
  o.nmetrics = 1;
  o.out = out;
  ENSURE(gg_sweep_run(&o, NULL, &err) == 0);
  gg_compare_options co = gg_compare_defaults();
  co.base = base;
  co.whatif = what;
  co.replicates = 3;
  gg_compare_result *res = NULL;
  ENSURE(gg_compare_run(&co, &res, &err) == GG_STUDY_OK);
  double *eff = malloc((size_t)gg_compare_rows(res) * sizeof(double));
  ENSURE(gg_compare_effects(res, out, eff, &err) == 0);
  char path[1100];
  snprintf(path, sizeof path, "%s/runs.csv", out);
  double x[10], m = 0, ss = 0;
  for (int i = 0; i < 10; i++) {
    x[i] = csv_number(path, i, 0, "final.KZ.US");
    m += x[i] / 10;
  }
  for (int i = 0; i < 10; i++)
    ss += (x[i] - m) * (x[i] - m);
  double sd = sqrt(ss / 9);
  int found = 0;
  for (int r = 0; r < gg_compare_rows(res); r++) {
    const gg_compare_row *w = gg_compare_row_at(res, r);
    if (strcmp(w->state, "KZ") == 0 && strcmp(w->component, "US") == 0) {
      ENSURE_NEAR(eff[r], w->diff_end / sd, 1e-9 * fabs(w->diff_end / sd));
      found = 1;
    } else {
      ENSURE(isnan(eff[r])); /* not recorded by the sweep */
    }
  }
  ENSURE(found);
  free(eff);
  gg_compare_free(res);
  gg_scenario_free(base);
  gg_scenario_free(what);
  rmtree(out);
}

/* Run the program with args; its exit status. */
static int run_program(const char *const *args) {
  const char *prog = getenv("GG_PROGRAM");
  if (!prog || !prog[0]) {
    fprintf(stderr, "GG_PROGRAM is not set (the path of the greatgame program)\n");
    return -1;
  }
  const char *argv[64];
  int n = 0;
  argv[n++] = prog;
  for (int i = 0; args[i] && n < 63; i++)
    argv[n++] = args[i];
  argv[n] = NULL;
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    int fd = open("/dev/null", O_WRONLY);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
    }
    execv(prog, (char *const *)argv);
    _exit(127);
  }
  int st;
  if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st)) return -1;
  return WEXITSTATUS(st);
}

static int same_file(const char *a, const char *b, const char *name) {
  char pa[1200], pb[1200];
  snprintf(pa, sizeof pa, "%s/%s", a, name);
  snprintf(pb, sizeof pb, "%s/%s", b, name);
  size_t na, nb;
  char *x = slurp(pa, &na), *y = slurp(pb, &nb);
  int same = x && y && na == nb && memcmp(x, y, na) == 0;
  if (!same) fprintf(stderr, "%s differs between %s and %s\n", name, a, b);
  free(x);
  free(y);
  return same;
}

/* One study (load, sweep with a factor, PRIM): the library and the program
   write the same files. */
static void test_study_library_matches_program(void) {
  char lib[1024], cli[1024], dlib[1024], dcli[1024];
  tmpdir(lib, sizeof lib, "study_lib");
  tmpdir(cli, sizeof cli, "study_cli");
  tmpdir(dlib, sizeof dlib, "disc_lib");
  tmpdir(dcli, sizeof dcli, "disc_cli");
  gg_error err;
  gg_scenario *sc = gg_scenario_load(SCENARIO, &err);
  ENSURE(sc != NULL);
  gg_sweep_param p[2];
  ENSURE(gg_sweep_param_parse("powers.CN.budget.investment=100:700", &p[0], &err) == 0);
  ENSURE(gg_sweep_param_parse("states.KZ.noise=0:0.2", &p[1], &err) == 0);
  gg_sweep_factor f;
  ENSURE(gg_sweep_factor_parse("blocs.EEU.enabled=0,1", &f, &err) == 0);
  const char *metrics[] = {"final.KZ.CN"};
  gg_sweep_options o = gg_sweep_defaults();
  o.scenario = sc;
  o.params = p;
  o.nparams = 2;
  o.factors = &f;
  o.nfactors = 1;
  o.design = GG_DESIGN_LHS;
  o.samples = 64;
  o.metrics = metrics;
  o.nmetrics = 1;
  o.out = lib;
  ENSURE(gg_sweep_run(&o, NULL, &err) == 0);
  const char *sweep_args[] = {"sweep",     SCENARIO,
                              "--param",   "powers.CN.budget.investment=100:700",
                              "--param",   "states.KZ.noise=0:0.2",
                              "--factor",  "blocs.EEU.enabled=0,1",
                              "--design",  "lhs",
                              "--samples", "64",
                              "--metric",  "final.KZ.CN",
                              "--out",     cli,
                              "--quiet",   NULL};
  ENSURE(run_program(sweep_args) == 0);
  ENSURE(same_file(lib, cli, "design.csv"));
  ENSURE(same_file(lib, cli, "runs.csv"));
  ENSURE(same_file(lib, cli, "summary.csv"));
  gg_discover_options d = gg_discover_defaults();
  d.sweep_dir = lib;
  d.metric = "final.KZ.CN";
  d.where = "final.KZ.CN>=0.135";
  d.out = dlib;
  gg_discover_result dr;
  int rc = gg_discover_run(&d, &dr, &err);
  if (rc != 0) fprintf(stderr, "%s\n", err.msg);
  ENSURE(rc == 0);
  ENSURE(dr.steps > 1 && dr.interesting > 0 && dr.interesting < dr.runs);
  gg_discover_result_free(&dr);
  const char *disc_args[] = {"discover",           cli,     "--metric", "final.KZ.CN", "--where",
                             "final.KZ.CN>=0.135", "--out", dcli,       NULL};
  ENSURE(run_program(disc_args) == 0);
  ENSURE(same_file(dlib, dcli, "trajectory.csv"));
  ENSURE(same_file(dlib, dcli, "box.csv"));
  gg_scenario_free(sc);
  rmtree(lib);
  rmtree(cli);
  rmtree(dlib);
  rmtree(dcli);
}

static const gg_test_case tests[] = {
    {"factor_levels_equal_edited_scenarios", test_factor_levels_equal_edited_scenarios},
    {"open_metrics_match_a_recorded_run", test_open_metrics_match_a_recorded_run},
    {"indicator_metric", test_indicator_metric},
    {"guard_rails_exact_messages", test_guard_rails_exact_messages},
    {"warnings", test_warnings},
    {"prim_finds_known_box", test_prim_finds_known_box},
    {"prim_quasi_p_by_hand", test_prim_quasi_p_by_hand},
    {"efast_ishigami", test_efast_ishigami},
    {"replay_one_run", test_replay_one_run},
    {"compare_effects", test_compare_effects},
    {"study_library_matches_program", test_study_library_matches_program},
};

GG_TEST_MAIN(tests)
