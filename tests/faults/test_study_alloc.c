/* Allocation failures in the study API (greatgame/study.h): a hook that
   fails the Nth allocation is driven over every allocation of gg_run_study
   (statistics only, and with the five output files: the cJSON documents of
   summary.json and manifest.json), gg_compare_run and gg_explain_run. Each
   failure must give a failure status with a one-line message, and every
   hooked allocation made before it must be freed. */
#include "harness.h"

#include <greatgame/greatgame.h>

/* A scenario file (in dir) cut to `ticks` ticks. */
static gg_scenario *load_ticks(const char *dir, const char *name, int ticks) {
  char path[1024];
  gg_error err;
  snprintf(path, sizeof path, "%s/%s.json", dir, name);
  gg_scenario *sc = gg_scenario_load(path, &err);
  if (sc && gg_scenario_set(sc, "time.ticks", ticks, &err) != 1) {
    gg_scenario_free(sc);
    sc = NULL;
  }
  if (!sc) fprintf(stderr, "%s\n", err.msg);
  return sc;
}

/* A counting allocator installed before main (as tests/faults does): the Nth
   allocation fails when armed. */
static long af_count, af_fail_at, af_live;
static void *af_alloc(size_t n) {
  if (++af_count == af_fail_at) return NULL;
  void *p = malloc(n);
  if (p) af_live++;
  return p;
}
static void af_free(void *p) {
  if (p) af_live--;
  free(p);
}
static void af_install(void) __attribute__((constructor));
static void af_install(void) {
  gg_set_allocator(af_alloc, af_free);
}

typedef struct af_case {
  gg_scenario *base, *what;
  const char *dir; /* run: the output folder, or NULL */
} af_case;

/* One study: its status (GG_STUDY_OK or a failure with a one-line message). */
static int af_op(const af_case *c, int which, gg_error *err) {
  err->msg[0] = '\0';
  int st;
  if (which == 0) {
    gg_run_options o = gg_run_defaults();
    o.scenario = c->base;
    o.replicates = 2;
    o.out_dir = c->dir;
    o.force = 1;
    gg_run_stats *rs = NULL;
    st = gg_run_study(&o, &rs, err);
    gg_run_stats_free(rs);
  } else if (which == 1) {
    gg_compare_options o = gg_compare_defaults();
    o.base = c->base;
    o.whatif = c->what;
    o.replicates = 2;
    gg_compare_result *res = NULL;
    st = gg_compare_run(&o, &res, err);
    gg_compare_free(res);
  } else {
    gg_explain_options o = gg_explain_defaults();
    o.scenario = c->base;
    o.state = 0;
    gg_explain_result *res = NULL;
    st = gg_explain_run(&o, &res, err);
    gg_explain_free(res);
  }
  return st;
}

/* Every allocation of each study, failed once: a clean failure with a
   message, and nothing leaked. */
static void allocation_failures_are_clean(void) {
  gg_scenario *base = load_ticks(GG_SCENARIO_DIR, "central_asia_2020", 6);
  gg_scenario *what = load_ticks(GG_SCENARIO_DIR, "us_pivot", 6);
  /* with files: a small scenario with one of each kind of id, so that the
     allocations of summary.json and manifest.json stay few (each failure
     writes and syncs files) */
  gg_scenario *small = load_ticks(GG_TEST_DIR "/good", "one_of_each", 3);
  ENSURE(base && what && small);
  gg_error err;
  const char *dir = "study_alloc_work"; /* in the test's working folder */
  af_case cases[] = {{base, what, NULL}, {small, NULL, dir}};
  const char *names[] = {"run", "compare", "explain"};
  for (int c = 0; c < 2; c++)
    for (int which = 0; which < 3; which++) {
      if (c == 1 && which > 0) continue;
      long live0 = af_live;
      af_count = 0;
      af_fail_at = 0;
      ENSURE(af_op(&cases[c], which, &err) == GG_STUDY_OK && af_live == live0);
      long total = af_count;
      ENSURE(total > 0);
      for (long n = 1; n <= total; n++) {
        af_count = 0;
        af_fail_at = n;
        int st = af_op(&cases[c], which, &err);
        af_fail_at = 0;
        if (st == GG_STUDY_OK || !err.msg[0] || strchr(err.msg, '\n') || af_live != live0) {
          fprintf(stderr, "%s%s: allocation %ld of %ld: status %d, leaked %ld, message \"%s\"\n",
                  names[which], cases[c].dir ? " (files)" : "", n, total, st, af_live - live0,
                  err.msg);
          gg_test_failures++;
          return;
        }
      }
      printf("%s%s: %ld allocations, each failed once: clean\n", names[which],
             cases[c].dir ? " (files)" : "", total);
    }
  gg_scenario_free(small);
  gg_scenario_free(what);
  gg_scenario_free(base);
  ENSURE(system("rm -rf study_alloc_work") == 0);
}

static const gg_test_case tests[] = {
    {"allocation_failures_are_clean", allocation_failures_are_clean},
};
GG_TEST_MAIN(tests)
