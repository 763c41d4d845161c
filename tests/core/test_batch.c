/* Batched simulations (greatgame/batch.h): every lane of a batch equals a
   gg_sim of the same scenario and seed bit for bit, at every tick, for every
   batch width and every instruction set the machine has.

   Without arguments: the shipped scenarios and the reference cases (every
   feature: shocks of each effect, `once`, `until`, contest with subnormal
   and stiff gains, noise). With arguments: those scenario files (the
   generated ones of tests/speed.cmake). */
#include <greatgame/batch.h>
#include <greatgame/greatgame.h>

#include <dirent.h>

#include "harness.h"

static const char *const isas[] = {"generic", "avx2", "avx512f"};

/* memcmp of n doubles, reporting the first that differs. */
static int same_bits(const char *what, const double *x, const double *y, size_t n, const char *ctx,
                     int lane, int t) {
  for (size_t i = 0; i < n; i++)
    if (memcmp(&x[i], &y[i], sizeof(double)) != 0) {
      fprintf(stderr, "%s: lane %d tick %d: %s[%zu] = %.17g (batch) vs %.17g (gg_sim)\n", ctx, lane,
              t, what, i, x[i], y[i]);
      return 0;
    }
  return 1;
}

/* Step W lanes of `scs` in a batch with instruction set `isa` next to W
   gg_sims; 1 when every share, stock and effort has the same bits at every
   tick, -1 when the machine lacks the instruction set. */
static int lanes_match(const gg_scenario *const *scs, int W, const char *isa, const char *ctx) {
  uint64_t *seeds = calloc((size_t)W, sizeof *seeds);
  gg_sim **sims = calloc((size_t)W, sizeof *sims);
  int S = gg_scenario_states(scs[0]), P = gg_scenario_powers(scs[0]),
      C = gg_scenario_channels(scs[0]);
  size_t nk = (size_t)S * (size_t)(P + 1), nx = (size_t)S * (size_t)P * (size_t)C;
  double *mine = calloc(2 * nx + nk, sizeof(double)), *ref = calloc(2 * nx + nk, sizeof(double));
  for (int l = 0; l < W; l++) {
    seeds[l] = gg_seed_derive(gg_scenario_seed(scs[l]), (uint64_t)l, 7);
    sims[l] = gg_sim_create(scs[l], seeds[l]);
  }
  gg_error err = {0};
  gg_batch *b = gg_batch_create_lanes(scs, W, seeds, &err);
  int ok = b != NULL;
  if (!b) fprintf(stderr, "%s: %s\n", ctx, err.msg);
  if (ok && gg_batch_set_isa(b, isa) != 0) ok = -1;
  for (int t = 0; ok == 1; t++) {
    for (int l = 0; l < W && ok == 1; l++) {
      gg_batch_shares(b, l, mine);
      for (size_t i = 0; i < nk; i++)
        ref[i] = gg_sim_share(sims[l], (int)(i / (size_t)(P + 1)), (int)(i % (size_t)(P + 1)));
      ok = same_bits("share", mine, ref, nk, ctx, l, t);
      for (int s = 0; s < S && ok; s++)
        for (int p = 0; p < P; p++)
          for (int c = 0; c < C; c++) {
            size_t i = ((size_t)s * P + p) * C + c;
            mine[i] = gg_batch_stock(b, l, s, p, c);
            ref[i] = gg_sim_stock(sims[l], s, p, c);
            mine[nx + i] = gg_batch_effort(b, l, s, p, c);
            ref[nx + i] = gg_sim_effort(sims[l], s, p, c);
          }
      if (ok) ok = same_bits("stock", mine, ref, nx, ctx, l, t);
      if (ok) ok = same_bits("effort", mine + nx, ref + nx, nx, ctx, l, t);
    }
    if (ok != 1 || t == gg_scenario_ticks(scs[0])) break;
    gg_batch_step(b);
    for (int l = 0; l < W; l++)
      gg_sim_step(sims[l]);
  }
  /* the lane seen as a gg_sim: the same shares, stocks, members and budgets */
  for (int l = 0; l < W && ok == 1; l++) {
    const gg_sim *v = gg_batch_lane_sim(b, l);
    for (int s = 0; s < S && ok == 1; s++) {
      if (gg_sim_dominant(v, s) != gg_sim_dominant(sims[l], s) ||
          gg_batch_dominant(b, l, s) != gg_sim_dominant(sims[l], s))
        ok = 0;
      for (int k = 0; k <= P; k++) {
        double x = gg_sim_region(v, k), y = gg_sim_region(sims[l], k), z = gg_batch_region(b, l, k);
        if (memcmp(&x, &y, sizeof x) != 0 || memcmp(&z, &y, sizeof z) != 0) ok = 0;
      }
      for (int bl = 0; bl < gg_scenario_blocs(scs[0]); bl++)
        if (gg_sim_member(v, bl, s) != gg_sim_member(sims[l], bl, s)) ok = 0;
    }
    if (gg_sim_tick(v) != gg_sim_tick(sims[l])) ok = 0;
    if (!ok) fprintf(stderr, "%s: lane %d read as a gg_sim differs\n", ctx, l);
  }
  gg_batch_free(b);
  for (int l = 0; l < W; l++)
    gg_sim_free(sims[l]);
  free(sims);
  free(seeds);
  free(mine);
  free(ref);
  return ok;
}

/* Every width and every instruction set for one scenario file. */
static int file_matches(const char *path) {
  gg_error err = {0};
  gg_scenario *sc = gg_scenario_load(path, &err);
  if (!sc) {
    fprintf(stderr, "%s\n", err.msg);
    return 0;
  }
  int widths[] = {1, 2, 4, 8, 16, gg_batch_width(), 13};
  int ok = 1;
  for (size_t w = 0; w < sizeof widths / sizeof widths[0] && ok; w++) {
    const gg_scenario **scs = calloc((size_t)widths[w], sizeof *scs);
    for (int l = 0; l < widths[w]; l++)
      scs[l] = sc;
    for (size_t i = 0; i < sizeof isas / sizeof isas[0] && ok; i++) {
      char ctx[600];
      snprintf(ctx, sizeof ctx, "%s (W = %d, %s)", path, widths[w], isas[i]);
      if (lanes_match(scs, widths[w], isas[i], ctx) == 0) ok = 0;
    }
    free((void *)scs);
  }
  gg_scenario_free(sc);
  return ok;
}

static int ends_with(const char *s, const char *tail) {
  size_t n = strlen(s), m = strlen(tail);
  return n >= m && strcmp(s + n - m, tail) == 0;
}

/* Every *.json of a folder (but schema files). */
static void folder_matches(const char *dir, const char *prefix) {
  DIR *d = opendir(dir);
  ENSURE(d != NULL);
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (!ends_with(e->d_name, ".json") || strncmp(e->d_name, prefix, strlen(prefix)) != 0 ||
        strstr(e->d_name, "schema"))
      continue;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    if (!file_matches(path)) gg_test_failures++;
    n++;
  }
  closedir(d);
  ENSURE(n > 0);
}

static void test_batch_shipped_scenarios_every_width(void) {
  folder_matches(GG_SCENARIO_DIR, "");
}

static void test_batch_reference_cases_every_width(void) {
  folder_matches(GG_TEST_DIR "/reference", "case_");
}

/* Lanes that run different parameter values of one scenario (a sweep's
   samples), with the contest strategy on for some powers. */
static void test_batch_lanes_with_their_own_values(void) {
  gg_error err = {0};
  gg_scenario *base = gg_scenario_load(GG_SCENARIO_DIR "/great_game.json", &err);
  ENSURE(base != NULL);
  enum { W = 11 };
  gg_scenario *own[W];
  const gg_scenario *scs[W];
  for (int l = 0; l < W; l++) {
    own[l] = gg_scenario_clone(base);
    ENSURE(own[l] != NULL);
    ENSURE(gg_scenario_set(own[l], "states.*.noise", 0.02 * l, &err) > 0);
    ENSURE(gg_scenario_set(own[l], "powers.*.focus", l % 3 == 0 ? 1.0 : 0.5 + 0.25 * l, &err) > 0);
    ENSURE(gg_scenario_set(own[l], "states.*.decisiveness", 1.0 + l, &err) > 0);
    scs[l] = own[l];
  }
  for (size_t i = 0; i < sizeof isas / sizeof isas[0]; i++)
    ENSURE(lanes_match(scs, W, isas[i], "great_game.json with values per lane") != 0);
  for (int l = 0; l < W; l++)
    gg_scenario_free(own[l]);
  gg_scenario_free(base);
}

/* Lanes of scenarios of different shapes are refused with a message that
   names the lane. */
static void test_batch_refuses_lanes_of_another_shape(void) {
  gg_error err = {0};
  gg_scenario *a = gg_scenario_load(GG_SCENARIO_DIR "/central_asia_2020.json", &err);
  gg_scenario *h = gg_scenario_load(GG_SCENARIO_DIR "/history_2005.json", &err);
  ENSURE(a && h);
  const gg_scenario *scs[2] = {a, h};
  uint64_t seeds[2] = {1, 2};
  gg_batch *b = gg_batch_create_lanes(scs, 2, seeds, &err);
  ENSURE(b == NULL);
  ENSURE(strstr(err.msg, "lane 1") != NULL);
  ENSURE(strstr(err.msg, "not the shape of lane 0") != NULL);
  ENSURE(gg_batch_create_lanes(scs, 0, seeds, &err) == NULL);
  gg_scenario_free(a);
  gg_scenario_free(h);
}

/* Reset gives the same run again; a run to the end reaches the last tick. */
static void test_batch_reset_repeats_the_run(void) {
  gg_error err = {0};
  gg_scenario *sc = gg_scenario_load(GG_SCENARIO_DIR "/central_asia_2020.json", &err);
  ENSURE(sc != NULL);
  uint64_t seeds[3] = {5, 6, 7};
  gg_batch *b = gg_batch_create(sc, 3, seeds);
  ENSURE(b != NULL);
  ENSURE(gg_batch_lanes(b) == 3);
  gg_batch_run(b);
  ENSURE(gg_batch_tick(b) == gg_scenario_ticks(sc));
  double first = gg_batch_share(b, 2, 0, 1);
  gg_batch_step(b); /* nothing happens past the last tick */
  ENSURE(gg_batch_tick(b) == gg_scenario_ticks(sc));
  gg_batch_reset(b, seeds);
  ENSURE(gg_batch_tick(b) == 0);
  ENSURE(gg_batch_effort(b, 0, 0, 0, 0) == 0.0);
  gg_batch_run(b);
  double again = gg_batch_share(b, 2, 0, 1);
  ENSURE(memcmp(&first, &again, sizeof first) == 0);
  ENSURE(gg_batch_seed(b, 1) == 6);
  ENSURE(gg_batch_set_isa(b, "no such set") == -1);
  ENSURE(strcmp(gg_batch_isa(b), "generic") == 0 || strcmp(gg_batch_isa(b), "avx2") == 0 ||
         strcmp(gg_batch_isa(b), "avx512f") == 0);
  gg_batch_free(b);
  gg_scenario_free(sc);
}

/* A counting allocator that fails allocation number af_fail_at (test-only). */
static long af_count, af_fail_at, af_live;
static void *af_alloc(size_t n) {
  if (++af_count == af_fail_at) return NULL;
  void *p = malloc(n);
  if (p) af_live++;
  return p;
}
static void af_free(void *p) {
  if (p) {
    af_live--;
    free(p);
  }
}

/* Every allocation of gg_batch_create_lanes failing in turn: NULL with a
   message, and everything allocated before it freed. */
static void test_batch_create_survives_each_allocation_failure(void) {
  gg_error err = {0};
  gg_scenario *sc = gg_scenario_load(GG_SCENARIO_DIR "/great_game.json", &err);
  ENSURE(sc != NULL);
  const gg_scenario *scs[5] = {sc, sc, sc, sc, sc};
  uint64_t seeds[5] = {1, 2, 3, 4, 5};
  gg_set_allocator(af_alloc, af_free);
  af_count = 0, af_fail_at = 0, af_live = 0;
  gg_batch *b = gg_batch_create_lanes(scs, 5, seeds, &err);
  long total = af_count;
  int ok = b != NULL;
  gg_batch_free(b);
  ok = ok && af_live == 0 && total > 10;
  for (long n = 1; n <= total && ok; n++) {
    af_count = 0, af_fail_at = n, af_live = 0;
    err.msg[0] = 0;
    b = gg_batch_create_lanes(scs, 5, seeds, &err);
    if (b || af_live != 0 || strstr(err.msg, "out of memory") == NULL) {
      fprintf(stderr, "allocation %ld of %ld: batch %p, %ld blocks left, \"%s\"\n", n, total,
              (void *)b, af_live, err.msg);
      ok = 0;
    }
    gg_batch_free(b);
  }
  gg_set_allocator(NULL, NULL);
  gg_scenario_free(sc);
  ENSURE(ok);
}

/* gg_compare_run steps its replicates in batches: every replicate's values
   (end share and mean share over ticks of every state, the region and
   every component, both arms) have the bits of a gg_sim run by hand with
   the replicate's seed. 70 replicates: a full batch and a partial one. */
static int bits_equal(double a, double b) {
  return memcmp(&a, &b, sizeof a) == 0;
}

static void test_batch_compare_replicates_match_single_runs(void) {
  gg_error err = {0};
  gg_scenario *base = gg_scenario_load(GG_SCENARIO_DIR "/great_game.json", &err);
  ENSURE(base != NULL);
  gg_scenario *what = gg_scenario_clone(base);
  ENSURE(what != NULL);
  ENSURE(gg_scenario_set(what, "powers.US.budget.investment", 49.5, &err) == 1);
  gg_compare_options o = gg_compare_defaults();
  o.base = base;
  o.whatif = what;
  o.replicates = 70;
  gg_compare_result *res = NULL;
  ENSURE(gg_compare_run(&o, &res, &err) == GG_STUDY_OK);
  int S = gg_scenario_states(base), K = gg_scenario_powers(base) + 1, T = gg_scenario_ticks(base);
  double *sum = calloc((size_t)(S + 1) * (size_t)K, sizeof(double));
  int bad = 0;
  const int reps[] = {0, 1, 63, 64, 69};
  for (size_t i = 0; i < sizeof reps / sizeof reps[0]; i++) {
    for (int arm = 0; arm < 2; arm++) {
      const gg_scenario *sc = arm ? what : base;
      gg_sim *sim = gg_sim_create(sc, gg_seed_derive(gg_compare_seed(res), 0, (uint64_t)reps[i]));
      memset(sum, 0, sizeof(double) * (size_t)(S + 1) * (size_t)K);
      for (;;) {
        for (int s = 0; s <= S; s++)
          for (int k = 0; k < K; k++)
            sum[s * K + k] += s < S ? gg_sim_share(sim, s, k) : gg_sim_region(sim, k);
        if (gg_sim_tick(sim) >= T) break;
        gg_sim_step(sim);
      }
      for (int s = 0; s <= S; s++)
        for (int k = 0; k < K; k++) {
          double end = s < S ? gg_sim_share(sim, s, k) : gg_sim_region(sim, k);
          double mean = sum[s * K + k] / ((double)T + 1.0);
          gg_compare_value e = arm ? GG_COMPARE_WHATIF_END : GG_COMPARE_BASE_END;
          gg_compare_value m = arm ? GG_COMPARE_WHATIF_MEAN : GG_COMPARE_BASE_MEAN;
          if (!bits_equal(gg_compare_sample(res, s * K + k, reps[i], e), end) ||
              !bits_equal(gg_compare_sample(res, s * K + k, reps[i], m), mean)) {
            fprintf(stderr, "replicate %d arm %d row %d: differs\n", reps[i], arm, s * K + k);
            bad++;
          }
        }
      gg_sim_free(sim);
    }
  }
  free(sum);
  gg_compare_free(res);
  gg_scenario_free(what);
  gg_scenario_free(base);
  ENSURE(bad == 0);
}

static const gg_test_case tests[] = {
    {"batch_shipped_scenarios_every_width", test_batch_shipped_scenarios_every_width},
    {"batch_reference_cases_every_width", test_batch_reference_cases_every_width},
    {"batch_lanes_with_their_own_values", test_batch_lanes_with_their_own_values},
    {"batch_refuses_lanes_of_another_shape", test_batch_refuses_lanes_of_another_shape},
    {"batch_reset_repeats_the_run", test_batch_reset_repeats_the_run},
    {"batch_create_survives_each_allocation_failure",
     test_batch_create_survives_each_allocation_failure},
    {"batch_compare_replicates_match_single_runs", test_batch_compare_replicates_match_single_runs},
};

int gg_test_failures = 0;

/* With arguments, the given scenario files at every width; without, the
   tests above (or the one named by GG_BATCH_TEST). */
int main(int argc, char **argv) {
  if (argc > 1) {
    for (int i = 1; i < argc; i++)
      if (!file_matches(argv[i])) gg_test_failures++;
    printf("%d scenario files, %d failed\n", argc - 1, gg_test_failures);
    return gg_test_failures ? 1 : 0;
  }
  const char *only = getenv("GG_BATCH_TEST");
  for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
    if (only && strcmp(only, tests[i].name) != 0) continue;
    int before = gg_test_failures;
    tests[i].fn();
    printf("%s: %s\n", tests[i].name, gg_test_failures == before ? "ok" : "FAILED");
  }
  return gg_test_failures ? 1 : 0;
}
