/* Allocation failures: an allocator hook that fails the Nth allocation is
   driven over every allocation of scenario parsing and loading, cloning,
   parameter setting, simulation creation, sweep setup and a whole
   calibration (gg_calibrate_run, files included). Each failure must give a
   clean error (NULL or -1, with a message where the call takes one), and
   every hooked allocation made before it must be freed. */
#include "harness.h"
#include "metrics.h"
#include "sweep.h"

#include <greatgame/greatgame.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The counting allocator (test-only state). */
static long af_count;    /* allocations made since af_arm */
static long af_fail_at;  /* fail allocation number af_fail_at (1-based); 0: never */
static long af_live;     /* allocations minus frees, through the hook */
static long af_failures; /* allocations refused */

static void *af_alloc(size_t n) {
  af_count++;
  if (af_fail_at > 0 && af_count == af_fail_at) {
    af_failures++;
    return NULL;
  }
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

static void af_arm(long fail_at) {
  af_count = 0;
  af_fail_at = fail_at;
  af_failures = 0;
}

/* One operation under test: 0 when it succeeded (and freed what it made),
   -1 when it failed cleanly, -2 when it failed without a proper message. */
typedef int (*af_op)(void *ctx);

/* Run `op` once to count its allocations, then once per allocation with
   that allocation failing. Returns the number of allocations driven, or -1
   (with a message) on the first leak, silent failure or swallowed error. */
static long af_drive(const char *what, af_op op, void *ctx) {
  long live0 = af_live;
  af_arm(0);
  if (op(ctx) != 0) {
    fprintf(stderr, "%s: fails without any allocation failure\n", what);
    return -1;
  }
  long total = af_count;
  if (af_live != live0) {
    fprintf(stderr, "%s: %ld allocations not freed after success\n", what, af_live - live0);
    return -1;
  }
  for (long n = 1; n <= total; n++) {
    af_arm(n);
    int rc = op(ctx);
    if (af_live != live0) {
      fprintf(stderr, "%s: allocation %ld of %ld failed: %ld allocations leaked\n", what, n, total,
              af_live - live0);
      return -1;
    }
    if (rc == -2) {
      fprintf(stderr, "%s: allocation %ld of %ld failed: no error message\n", what, n, total);
      return -1;
    }
    if (rc == 0) {
      fprintf(stderr, "%s: allocation %ld of %ld failed but the call succeeded\n", what, n, total);
      return -1;
    }
  }
  af_arm(0);
  printf("%s: %ld allocations, each failed once: clean\n", what, total);
  return total;
}

/* ---- the operations ------------------------------------------------------ */

static int af_check_err(const gg_error *err, const char *prefix) {
  if (err->msg[0] == '\0' || strchr(err->msg, '\n')) return -2;
  if (prefix && strncmp(err->msg, prefix, strlen(prefix)) != 0) {
    fprintf(stderr, "message does not start with %s: %s\n", prefix, err->msg);
    return -2;
  }
  return -1;
}

static int op_parse(void *ctx) {
  (void)ctx;
  gg_error err;
  err.msg[0] = '\0';
  const char *text = gg_baseline_json();
  gg_scenario *sc = gg_scenario_parse(text, strlen(text), "baseline.json", &err);
  if (!sc) return af_check_err(&err, "baseline.json");
  gg_scenario_free(sc);
  return 0;
}

static int op_load(void *ctx) {
  const char *path = ctx;
  gg_error err;
  err.msg[0] = '\0';
  gg_scenario *sc = gg_scenario_load(path, &err);
  if (!sc) return af_check_err(&err, path);
  gg_scenario_free(sc);
  return 0;
}

static int op_baseline(void *ctx) {
  (void)ctx;
  gg_error err;
  err.msg[0] = '\0';
  gg_scenario *sc = gg_scenario_baseline(&err);
  if (!sc) return af_check_err(&err, NULL);
  gg_scenario_free(sc);
  return 0;
}

static int op_clone(void *ctx) {
  gg_scenario *sc = gg_scenario_clone(ctx);
  if (!sc) return -1;
  gg_scenario_free(sc);
  return 0;
}

static int op_set(void *ctx) {
  gg_error err;
  err.msg[0] = '\0';
  int n = gg_scenario_set(ctx, "states.*.saturation.*", 2.5, &err);
  if (n < 0) return af_check_err(&err, NULL);
  return 0;
}

static int op_sim(void *ctx) {
  const gg_scenario *sc = ctx;
  gg_sim *sim = gg_sim_create(sc, 7);
  if (!sim) return -1;
  gg_sim_step(sim);
  gg_sim_free(sim);
  return 0;
}

static int op_sweep(void *ctx) {
  sweep_opts *o = ctx;
  sweep sw;
  gg_error err;
  err.msg[0] = '\0';
  if (gga_sweep_init(&sw, o, &err) != 0) return af_check_err(&err, NULL);
  gga_sweep_free(&sw);
  return 0;
}

static int op_calibrate(void *ctx) {
  const gg_calibrate_options *o = ctx;
  gg_error err;
  err.msg[0] = '\0';
  gg_calibrate_result *r = NULL;
  int rc = gg_calibrate_run(o, &r, &err);
  if (rc != GG_CALIBRATE_OK) return r ? -2 : af_check_err(&err, NULL);
  int ok = r && gg_calibrate_result_params(r) == 1 && gg_calibrate_result_scenario(r);
  gg_calibrate_result_free(r);
  return ok ? 0 : -2;
}

/* ---- tests ---------------------------------------------------------------- */

static void test_parse(void) {
  ENSURE(af_drive("gg_scenario_parse(baseline)", op_parse, NULL) > 50);
}

static void test_load(void) {
  static const char *files[] = {"central_asia_2020.json", "great_game.json", "history_2013.json",
                                "csto_kazakhstan_2022.json"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", GG_SCENARIO_DIR, files[i]);
    ENSURE(af_drive(path, op_load, path) > 50);
  }
}

static void test_load_missing(void) {
  gg_error err;
  af_arm(1); /* even the first allocation fails: still "cannot open" */
  gg_scenario *sc = gg_scenario_load("/nonexistent/x.json", &err);
  af_arm(0);
  ENSURE(sc == NULL);
  ENSURE(strncmp(err.msg, "/nonexistent/x.json", 19) == 0);
}

static void test_baseline(void) {
  ENSURE(af_drive("gg_scenario_baseline", op_baseline, NULL) > 50);
}

static void test_clone_set_sim(void) {
  static const char *files[] = {"central_asia_2020.json", "great_game.json"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", GG_SCENARIO_DIR, files[i]);
    gg_error err;
    long live = af_live;
    gg_scenario *sc = gg_scenario_load(path, &err);
    ENSURE(sc != NULL);
    long a = af_drive("gg_scenario_clone", op_clone, sc);
    long b = af_drive("gg_scenario_set(states.*.saturation.*)", op_set, sc);
    long c = af_drive("gg_sim_create", op_sim, sc);
    gg_scenario_free(sc);
    ENSURE(a > 10);
    ENSURE(b >= 1);
    ENSURE(c > 10);
    ENSURE(af_live == live);
  }
}

static void test_sweep_init(void) {
  gg_error err;
  gg_scenario *sc = gg_scenario_baseline(&err);
  ENSURE(sc != NULL);
  metric_set ms;
  memset(&ms, 0, sizeof ms);
  ENSURE(gga_metrics_default(&ms, sc, &err) == 0);
  sweep_param params[2];
  ENSURE(gga_sweep_param_parse(&params[0], "states.*.decisiveness=1:4", &err) == 0);
  ENSURE(gga_sweep_param_parse(&params[1], "powers.CN.budget.investment=0:10", &err) == 0);
  sweep_opts o;
  memset(&o, 0, sizeof o);
  o.sc = sc;
  o.sets = "";
  o.params = params;
  o.nparams = 2;
  o.kind = DESIGN_LHS;
  o.samples = 8;
  o.replicates = 2;
  o.design_seed = 3;
  o.metrics = &ms;
  o.block_runs = 4;
  o.threads = 1;
  o.out = "unused";
  o.command = "greatgame sweep";
  o.started = "2026-01-01T00:00:00Z";
  long n = af_drive("gga_sweep_init", op_sweep, &o);
  gga_metrics_free(&ms);
  gg_scenario_free(sc);
  ENSURE(n >= 1);
}

/* A small calibration: one state, twelve monthly ticks, one parameter and
   one set value, six targets (two held out), one start of a few
   iterations, one thread, every file written. */
static const char af_cal_scenario[] =
    "{\"format\": 1, \"name\": \"alloc fixture\",\n"
    " \"time\": {\"start\": \"2020-01\", \"step\": \"month\", \"ticks\": 12}, \"seed\": 5,\n"
    " \"channels\": [{\"id\": \"inv\", \"half_life\": 24}],\n"
    " \"powers\": [{\"id\": \"P\", \"name\": \"P\", \"budget\": {\"inv\": 10}},\n"
    "   {\"id\": \"Q\", \"name\": \"Q\", \"budget\": {\"inv\": 3}}],\n"
    " \"defaults\": {\"autonomy\": 0.5, \"responsiveness\": 0.1, \"decisiveness\": 2.0,\n"
    "   \"backlash\": {\"strength\": 1.0, \"threshold\": 0.4}, \"neighbour_weight\": 0.2,\n"
    "   \"noise\": 0.01, \"weights\": {\"inv\": 1.0}, \"saturation\": {\"inv\": 50}},\n"
    " \"states\": [{\"id\": \"A\", \"name\": \"A\", \"population\": 1, \"gdp\": 1,\n"
    "   \"alignment\": {\"autonomy\": 0.6, \"P\": 0.2, \"Q\": 0.2}}]}\n";

static const char af_cal_targets[] = "date_or_tick,state,component,value,weight\n"
                                     "2020-04,A,P,0.25,1\n"
                                     "2020-04,A,Q/P,0.9,0.1\n"
                                     "2020-07,A,P,0.27,1\n"
                                     "2020-07,A,autonomy,0.48,1\n"
                                     "2020-10,A,P,0.3,1\n"
                                     "12,A,P+Q,0.52,1\n";

/* The callbacks allocate nothing: they only count. */
static long af_cal_calls;

static void af_cal_warning(void *ctx, const char *message) {
  (void)ctx;
  af_cal_calls += message[0] != '\0';
}

static void af_cal_progress(void *ctx, gg_calibrate_stage stage, int done, int total) {
  (void)ctx;
  (void)stage;
  af_cal_calls += done <= total;
}

static void af_cal_cleanup(const char *dir) {
  static const char *const files[] = {"fit.csv",      "starts.csv",    "residuals.csv",
                                      "profile.csv",  "scenario.json", "calibration.json",
                                      "manifest.json"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    char path[1100];
    snprintf(path, sizeof path, "%s/%s", dir, files[i]);
    remove(path);
  }
  rmdir(dir);
}

static void test_calibrate_run(void) {
  char dir[] = "/tmp/gg_alloc_calibrate_XXXXXX";
  ENSURE(mkdtemp(dir) != NULL);
  gg_calibrate_param param = {"states.*.responsiveness", 0.01, 0.5};
  gg_calibrate_set set = {.path = "states.A.backlash.strength", .value = 1.5};
  gg_calibrate_options o = gg_calibrate_defaults();
  o.scenario_json = af_cal_scenario;
  o.scenario_json_len = strlen(af_cal_scenario);
  o.targets_csv = af_cal_targets;
  o.targets_csv_len = strlen(af_cal_targets);
  o.targets_path = "targets.csv";
  o.params = &param;
  o.n_params = 1;
  o.sets = &set;
  o.n_sets = 1;
  o.starts = 1;
  o.max_iter = 3;
  o.threads = 1;
  o.holdout_from = "2020-10";
  o.out_dir = dir;
  o.force = 1;
  o.command_line = "test_alloc_fail";
  o.callbacks.warning = af_cal_warning; /* the scenario has noise: a warning */
  o.callbacks.progress = af_cal_progress;
  /* Levenberg-Marquardt makes the same allocations through the same calls
     (test_calibrate_opt checks that running out of memory stops it) */
  long n = af_drive("gg_calibrate_run", op_calibrate, &o);
  af_cal_cleanup(dir);
  ENSURE(af_cal_calls > 0);
  ENSURE(n > 1000);
}

static void test_balance(void) {
  ENSURE(af_live == 0);
}

static const gg_test_case tests[] = {
    {"parse", test_parse},
    {"load", test_load},
    {"load_missing", test_load_missing},
    {"baseline", test_baseline},
    {"clone_set_sim", test_clone_set_sim},
    {"gga_sweep_init", test_sweep_init},
    {"gg_calibrate_run", test_calibrate_run},
    {"balance", test_balance},
};

static void af_install(void) __attribute__((constructor));
static void af_install(void) {
  gg_set_allocator(af_alloc, af_free);
}

GG_TEST_MAIN(tests)
