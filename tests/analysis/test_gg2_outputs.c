/* GG-2's outputs through the library: the memory estimate covers GG-2's
   arrays, the output estimate covers ties.csv and GG-2's manifest rows, and
   gg_explain_run decomposes with GG-2's terms, which add up to the utility
   (tests/good/gg2_outputs.json). */
#include "harness.h"
#include <greatgame/greatgame.h>
#include <greatgame/limits.h>

#include <stdint.h>
#include <sys/stat.h>

static gg_scenario *load(void) {
  gg_error err;
  gg_scenario *sc = gg_scenario_load(GG_TEST_DIR "/good/gg2_outputs.json", &err);
  if (!sc) fprintf(stderr, "%s\n", err.msg);
  return sc;
}

/* Every block the simulation allocates, counted as limits.c counts it. */
static size_t hook_bytes;
static void *hook_alloc(size_t n) {
  hook_bytes += (n + 16 + 15) / 16 * 16;
  return malloc(n);
}

static void memory_estimate_covers_gg2(void) {
  gg_scenario *sc = load();
  ENSURE(sc != NULL);
  ENSURE(gg_scenario_model(sc) == 2);
  gg_set_allocator(hook_alloc, free);
  hook_bytes = 0;
  gg_sim *sim = gg_sim_create(sc, 1);
  size_t used = hook_bytes;
  gg_sim_free(sim);
  gg_set_allocator(NULL, NULL);
  size_t e = gg_sim_memory_estimate(sc);
  printf("GG-2 gg_sim_create: %zu bytes through the hook, estimate %zu\n", used, e);
  ENSURE(sim != NULL);
  ENSURE(e >= used);
  ENSURE(e <= 2 * used + 4096);
  gg_scenario_free(sc);
}

static uint64_t file_size(const char *dir, const char *name) {
  char path[600];
  struct stat st;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
}

static void output_estimate_covers_ties(void) {
  gg_scenario *sc = load();
  ENSURE(sc != NULL);
  const char *dir = "gg2_outputs_study";
  char cmd[200];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  ENSURE(system(cmd) == 0);
  const char *argv[] = {"test_gg2_outputs"};
  gg_run_options o = gg_run_defaults();
  o.scenario = sc;
  o.scenario_path = GG_TEST_DIR "/good/gg2_outputs.json";
  o.replicates = 3;
  o.out_dir = dir;
  o.argc = 1;
  o.argv = argv;
  o.started = "2000-01-01T00:00:00Z";
  uint64_t est = gg_run_output_estimate(sc, &o);
  gg_error err;
  ENSURE(gg_run_study(&o, NULL, &err) == GG_STUDY_OK);
  const char *names[] = {"alignment.csv", "stocks.csv",    "utility.csv",
                         "summary.json",  "manifest.json", "ties.csv"};
  uint64_t total = 0;
  for (int i = 0; i < 6; i++) {
    uint64_t n = file_size(dir, names[i]);
    ENSURE(n > 0);
    total += n;
  }
  uint64_t ties = file_size(dir, "ties.csv");
  printf("GG-2 run --out: %llu bytes written (ties.csv %llu), estimate %llu\n",
         (unsigned long long)total, (unsigned long long)ties, (unsigned long long)est);
  ENSURE(est >= total);
  ENSURE(est <= 3 * total);
  ENSURE(system(cmd) == 0);
  gg_scenario_free(sc);
}

/* explain's GG-2 terms: the labels of GG-2, the terms before "= utility"
   summing to it, and the same values as gg_sim_gg2_utility in the step. */
static void explain_uses_gg2_terms(void) {
  gg_scenario *sc = load();
  ENSURE(sc != NULL);
  gg_explain_options o = gg_explain_defaults();
  o.scenario = sc;
  o.state = gg_state_index(sc, "B");
  o.from = 5;
  o.to = 7;
  gg_explain_result *res = NULL;
  gg_error err;
  ENSURE(gg_explain_run(&o, &res, &err) == GG_STUDY_OK);
  int K = gg_explain_components(res), T = gg_explain_terms(res);
  ENSURE(K == gg_scenario_powers(sc) + 1);
  ENSURE(T == 12);
  ENSURE_STR(gg_explain_term_at(res, 0, 0)->label, "autonomy (alpha)");
  ENSURE_STR(gg_explain_term_at(res, 1, 1)->label, "ties");
  ENSURE_STR(gg_explain_term_at(res, 1, 7)->label, "hedging");
  ENSURE(gg_explain_term_at(res, 1, 10)->kind == GG_EXPLAIN_UTILITY);
  for (int k = 0; k < K; k++) {
    double from = 0, to = 0;
    for (int i = 0; i < 10; i++) {
      from += gg_explain_term_at(res, k, i)->from;
      to += gg_explain_term_at(res, k, i)->to;
    }
    ENSURE_NEAR(from, gg_explain_term_at(res, k, 10)->from, 1e-12);
    ENSURE_NEAR(to, gg_explain_term_at(res, k, 10)->to, 1e-12);
  }
  /* the same run stepped here: the terms of the step to tick 7 */
  gg_sim *sim = gg_sim_create(sc, gg_explain_seed(res));
  ENSURE(sim != NULL);
  while (gg_sim_tick(sim) < 7)
    gg_sim_step(sim);
  gg_gg2_utility_terms u;
  gg_sim_gg2_utility(sim, o.state, 1, &u);
  ENSURE(gg_explain_term_at(res, 1, 1)->to == u.ties);
  ENSURE(gg_explain_term_at(res, 1, 3)->to == u.regime);
  ENSURE(gg_explain_term_at(res, 1, 10)->to == u.total);
  ENSURE(u.regime > 0); /* B's unrest is 0.7 from tick 4 to 8 and N is its guarantor */
  gg_sim_gg2_utility(sim, o.state, 0, &u);
  ENSURE(gg_explain_term_at(res, 0, 7)->to == u.hedging && u.hedging > 0);
  ENSURE(gg_explain_term_at(res, 0, 11)->to == gg_sim_share(sim, o.state, 0));
  gg_sim_free(sim);
  gg_explain_free(res);
  gg_scenario_free(sc);
}

static const gg_test_case tests[] = {
    {"memory_estimate_covers_gg2", memory_estimate_covers_gg2},
    {"output_estimate_covers_ties", output_estimate_covers_ties},
    {"explain_uses_gg2_terms", explain_uses_gg2_terms},
};

GG_TEST_MAIN(tests)
