/* The public sweep API (<greatgame/sweep.h>): gg_sweep_run,
   gg_sensitivity_run and gg_merge_run write, byte for byte, the files of
   the program (`greatgame sweep`, `sensitivity`, `merge`) given the same
   options; bad options are refused with one line and nothing written; the
   step functions (processes sharing a folder), resume, force and the
   interruption callback. The program is named by the GG_PROGRAM
   environment variable (tests/sweep.cmake sets it). */
#include "harness.h"

#include <greatgame/greatgame.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define SCENARIO GG_SCENARIO_DIR "/central_asia_2020.json"
#define P1 "states.KZ.backlash.strength=0:2"
#define P2 "powers.CN.budget.investment=0:20"

static void tmpdir(char *buf, size_t size, const char *name) {
  snprintf(buf, size, "%s/gg_test_sweep_api_%ld_%s", P_tmpdir, (long)getpid(), name);
  char cmd[2048];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", buf);
  if (system(cmd) != 0) fprintf(stderr, "could not clean %s\n", buf);
}

static void rmtree(const char *dir) {
  char cmd[2048];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

static int exists(const char *dir, const char *name) {
  char path[2048];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return access(path, F_OK) == 0;
}

static char *slurp(const char *dir, const char *name, size_t *len) {
  char path[2048];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *s = malloc((size_t)n + 1);
  if (fread(s, 1, (size_t)n, f) != (size_t)n) n = 0;
  s[n] = '\0';
  fclose(f);
  *len = (size_t)n;
  return s;
}

/* manifest.json without the fields that legitimately differ between two
   runs of the same sweep: the command line (`command`, `command_line`) and the times
   (`started`, `finished`), each a top-level line of cJSON_Print's output.
   Exactly those lines are removed, nothing else. */
static void drop_manifest_fields(char *text, size_t *len) {
  static const char *const keys[] = {
      "\t\"command\":", "\t\"command_line\":", "\t\"started\":", "\t\"finished\":"};
  char *w = text;
  for (char *l = text; *l;) {
    char *nl = strchr(l, '\n');
    size_t n = nl ? (size_t)(nl - l) + 1 : strlen(l);
    int drop = 0;
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
      drop |= strncmp(l, keys[k], strlen(keys[k])) == 0;
    if (!drop) {
      memmove(w, l, n);
      w += n;
    }
    l += n;
  }
  *w = '\0';
  *len = (size_t)(w - text);
}

/* Are dir_a/name and dir_b/name the same bytes (manifest.json: but for
   command and times)? Prints the first difference. */
static int same_file(const char *a, const char *b, const char *name) {
  size_t la, lb;
  char *x = slurp(a, name, &la), *y = slurp(b, name, &lb);
  int same = x && y;
  if (same && strstr(name, "manifest.json")) {
    drop_manifest_fields(x, &la);
    drop_manifest_fields(y, &lb);
  }
  if (same) same = la == lb && memcmp(x, y, la) == 0;
  if (!same) fprintf(stderr, "%s/%s and %s/%s differ\n", a, name, b, name);
  free(x);
  free(y);
  return same;
}

/* Run the program with args (NULL-terminated), output thrown away; its exit
   status, or -1 when it cannot run. */
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

/* The sweep of these tests: 2 parameters, lhs, 16 samples, 2 replicates. */
static gg_sweep_param params[2];
static gg_scenario *scenario;

static gg_sweep_options small_sweep(const char *out) {
  gg_error err;
  if (!scenario) scenario = gg_scenario_load(SCENARIO, &err);
  gg_sweep_param_parse(P1, &params[0], &err);
  gg_sweep_param_parse(P2, &params[1], &err);
  gg_sweep_options o = gg_sweep_defaults();
  o.scenario = scenario;
  o.params = params;
  o.nparams = 2;
  o.design = GG_DESIGN_LHS;
  o.samples = 16;
  o.replicates = 2;
  o.threads = 2;
  o.out = out;
  return o;
}

static void test_defaults_are_the_programs(void) {
  gg_sweep_options o = gg_sweep_defaults();
  ENSURE(o.design == GG_DESIGN_GRID && o.samples == 100 && o.replicates == 1);
  ENSURE(o.block_runs == GG_SWEEP_BLOCK_RUNS && o.threads == 0 && !o.design_seed_given);
  ENSURE(o.nmetrics == 0 && o.nsets == 0 && !o.resume && !o.force && o.shard_count == 0);
  gg_sensitivity_options s = gg_sensitivity_defaults();
  ENSURE(s.method == GG_SENSITIVITY_SOBOL && s.sweep.samples == 0 && s.levels == 4);
  ENSURE(s.resamples == 100 && s.confidence == 0.95 && s.bootstrap_seed == 20100101u);
  gg_merge_options m = gg_merge_defaults();
  ENSURE(m.out == NULL && m.ndirs == 0 && !m.keep_blocks);
  gg_design d;
  ENSURE(gg_design_from_name("lhs", &d) == 0 && d == GG_DESIGN_LHS);
  ENSURE(gg_design_from_name("saltelli", &d) == -1);
  ENSURE_STR(gg_design_name(GG_DESIGN_SOBOL), "sobol");
}

/* One refusal: -1, the error, one line starting with `prefix`, no folder. */
static int refused(const gg_sweep_options *o, gg_sweep_error want, int index, const char *prefix) {
  gg_sweep_result res;
  gg_error err = {{0}};
  int rc = gg_sweep_run(o, &res, &err);
  int ok = rc == -1 && res.error == want && res.fault_index == index &&
           strncmp(err.msg, prefix, strlen(prefix)) == 0 && !strchr(err.msg, '\n') &&
           (!o || !o->out || access(o->out, F_OK) != 0);
  if (!ok)
    fprintf(stderr, "refusal: rc %d, error %d (want %d), index %d (want %d): %s\n", rc,
            (int)res.error, (int)want, res.fault_index, index, err.msg);
  return ok;
}

static void test_bad_options_are_refused_in_one_line(void) {
  char dir[512];
  tmpdir(dir, sizeof dir, "bad");
  gg_sweep_options o = small_sweep(dir);
  ENSURE(refused(NULL, GG_SWEEP_ERR_OUT, -1, "sweep: no options"));
  gg_sweep_param p[2];
  memcpy(p, params, sizeof p);
  o.params = p;
  p[0].lo = 3; /* LO > HI */
  ENSURE(refused(&o, GG_SWEEP_ERR_PARAMS, 0, "params states.KZ.backlash.strength:"));
  p[0].lo = 0;
  snprintf(p[1].path, sizeof p[1].path, "states.KZ.noyse");
  p[1].hi = 1;
  ENSURE(refused(&o, GG_SWEEP_ERR_PARAMS, 1, "params states.KZ.noyse: unknown parameter path"));
  gg_sweep_result res;
  gg_error err;
  ENSURE(gg_sweep_run(&o, &res, &err) == -1 && strstr(err.msg, "did you mean") != NULL);
  memcpy(p, params, sizeof p);
  p[1].steps = 3;
  ENSURE(refused(&o, GG_SWEEP_ERR_PARAM_STEPS, 1, "params powers.CN.budget.investment:"));
  o.params = params;
  o.nparams = 0;
  ENSURE(refused(&o, GG_SWEEP_ERR_PARAMS, -1, "params:"));
  o = small_sweep(dir);
  o.samples = 0;
  ENSURE(refused(&o, GG_SWEEP_ERR_SAMPLES, -1, "samples:"));
  o = small_sweep(dir);
  o.replicates = 0;
  ENSURE(refused(&o, GG_SWEEP_ERR_REPLICATES, -1, "replicates:"));
  o = small_sweep(dir);
  o.threads = -1;
  ENSURE(refused(&o, GG_SWEEP_ERR_THREADS, -1, "threads:"));
  o = small_sweep(dir);
  o.out = NULL;
  ENSURE(refused(&o, GG_SWEEP_ERR_OUT, -1, "out:"));
  o = small_sweep(dir);
  const char *sets[] = {"states.KZ.noise=0.1", "states.XX.noise=1"};
  o.sets = sets;
  o.nsets = 2;
  ENSURE(refused(&o, GG_SWEEP_ERR_SETS, 1, "sets states.XX.noise:"));
  o = small_sweep(dir);
  const char *metrics[] = {"final.KZ.XX"};
  o.metrics = metrics;
  o.nmetrics = 1;
  ENSURE(refused(&o, GG_SWEEP_ERR_METRICS, 0, "metrics final.KZ.XX:"));
  o = small_sweep(dir);
  o.shard_index = 3;
  o.shard_count = 3;
  ENSURE(refused(&o, GG_SWEEP_ERR_SHARD, -1, "shard 3/3:"));
  o = small_sweep(dir);
  o.shard_spec = "x";
  ENSURE(refused(&o, GG_SWEEP_ERR_SHARD, -1, "shard x:"));
  o = small_sweep(dir);
  o.force = o.resume = 1;
  ENSURE(refused(&o, GG_SWEEP_ERR_OUT, -1, "force:"));
  o = small_sweep(dir);
  o.design = (gg_design)4;
  ENSURE(refused(&o, GG_SWEEP_ERR_DESIGN, -1, "design:"));
  o = small_sweep(dir);
  const char *bad_args[] = {"--param", NULL};
  o.shard_count = 2;
  o.shard_args = bad_args;
  o.nshard_args = 2;
  ENSURE(refused(&o, GG_SWEEP_ERR_SHARD, -1, "shard_args[1]: NULL"));
  bad_args[1] = "states.KZ.noise=0:1";
  ENSURE(refused(&o, GG_SWEEP_ERR_SHARD, -1, "shard_args: they describe another sweep"));
  o = small_sweep(dir);
  o.process_count = 2;
  ENSURE(refused(&o, GG_SWEEP_ERR_SHARD, -1, "process_count:"));
  gg_sweep_param q;
  ENSURE(gg_sweep_param_parse("states.KZ.noise=1:0", &q, &err) == -1);
  ENSURE_STR(err.msg, "states.KZ.noise=1:0: LO must not exceed HI");
  gg_sensitivity_options s = gg_sensitivity_defaults();
  s.sweep = small_sweep(dir);
  s.sweep.samples = 1;
  ENSURE(gg_sensitivity_check(&s, &res, &err) == -1 && res.error == GG_SWEEP_ERR_SAMPLES);
  ENSURE_STR(err.msg, "samples 1: sensitivity needs at least 2");
  s.sweep.samples = 0;
  s.method = GG_SENSITIVITY_MORRIS;
  s.second_order = 1;
  ENSURE(gg_sensitivity_check(&s, &res, &err) == -1 && res.error == GG_SWEEP_ERR_SECOND_ORDER);
  gg_merge_options m = gg_merge_defaults();
  m.out = dir;
  ENSURE(gg_merge_run(&m, &res, &err) == -1 && res.error == GG_SWEEP_ERR_SHARDS);
  const char *dirs[] = {GG_SCENARIO_DIR};
  m.dirs = dirs;
  m.ndirs = 1;
  ENSURE(gg_merge_run(&m, &res, &err) == -1 && res.error == GG_SWEEP_ERR_NOT_SHARD);
  ENSURE(res.fault_index == 0 && access(dir, F_OK) != 0);
}

static void test_sweep_matches_the_program(void) {
  char api[512], cli[512];
  tmpdir(api, sizeof api, "sweep_api");
  tmpdir(cli, sizeof cli, "sweep_cli");
  gg_sweep_options o = small_sweep(api);
  o.command = "test_sweep_api";
  gg_sweep_result res;
  gg_error err;
  ENSURE(gg_sweep_run(&o, &res, &err) == 0);
  ENSURE(res.error == GG_SWEEP_OK && res.samples == 16 && res.runs == 32 && res.runs_run == 32);
  ENSURE(res.blocks == 1 && res.runs_failed == 0 && !res.was_complete && res.threads == 2);
  const char *args[] = {
      "sweep",     SCENARIO, "--param",      P1,  "--param",   P2,  "--design", "lhs",
      "--samples", "16",     "--replicates", "2", "--threads", "2", "--quiet",  "--out",
      cli,         NULL};
  ENSURE(run_program(args) == 0);
  const char *files[] = {"design.csv", "runs.csv", "summary.csv", "manifest.json"};
  for (size_t k = 0; k < sizeof files / sizeof files[0]; k++)
    ENSURE(same_file(api, cli, files[k]));
  ENSURE(!exists(api, "blocks") && !exists(cli, "blocks"));
  /* The same sweep again: refused, finished with resume, redone with force. */
  ENSURE(gg_sweep_run(&o, &res, &err) == -1 && res.error == GG_SWEEP_ERR_OUT_HOLDS_RESULTS);
  ENSURE(strncmp(err.msg, "out ", 4) == 0);
  o.resume = 1;
  ENSURE(gg_sweep_run(&o, &res, &err) == 0 && res.was_complete && res.runs_run == 0);
  o.resume = 0;
  o.force = 1;
  ENSURE(gg_sweep_run(&o, &res, &err) == 0 && !res.was_complete && res.runs_run == 32);
  ENSURE(same_file(api, cli, "runs.csv"));
  rmtree(api);
  rmtree(cli);
}

static void test_sensitivity_matches_the_program(void) {
  char api[512], cli[512];
  tmpdir(api, sizeof api, "sens_api");
  tmpdir(cli, sizeof cli, "sens_cli");
  gg_sensitivity_options s = gg_sensitivity_defaults();
  s.sweep = small_sweep(api);
  s.sweep.samples = 16;
  s.sweep.replicates = 1;
  const char *metrics[] = {"final.KZ.CN", "region.CN", "flips.KZ"};
  s.sweep.metrics = metrics;
  s.sweep.nmetrics = 3;
  s.second_order = 1;
  gg_sensitivity_result res;
  gg_error err;
  ENSURE(gg_sensitivity_run(&s, &res, &err) == 0);
  ENSURE(res.ready && res.metrics == 3 && res.params == 2 && res.sweep.runs == 16 * 6);
  ENSURE_STR(res.metric_names[0], "final.KZ.CN");
  ENSURE_STR(res.param_paths[1], "powers.CN.budget.investment");
  ENSURE(isfinite(res.indices[0]) && !res.failed[0]);
  ENSURE(res.failed[2] != NULL && res.failed_metrics == 1); /* flips.KZ does not vary */
  ENSURE(isnan(res.indices[(2 * 2 + 0) * 4]));
  ENSURE(isfinite(res.second[((0 * 2 + 0) * 2 + 1) * 2]));
  gg_sensitivity_result_free(&res);
  const char *args[] = {
      "sensitivity", SCENARIO,   "--param",        P1,          "--param",  P2,
      "--method",    "sobol",    "--second-order", "--samples", "16",       "--metric",
      "final.KZ.CN", "--metric", "region.CN",      "--metric",  "flips.KZ", "--threads",
      "2",           "--quiet",  "--out",          cli,         NULL};
  ENSURE(run_program(args) == 0);
  const char *files[] = {"design.csv",    "runs.csv",    "summary.csv",
                         "manifest.json", "indices.csv", "indices2.csv"};
  for (size_t k = 0; k < sizeof files / sizeof files[0]; k++)
    ENSURE(same_file(api, cli, files[k]));
  rmtree(api);
  rmtree(cli);
}

static void test_morris_matches_the_program(void) {
  char api[512], cli[512];
  tmpdir(api, sizeof api, "morris_api");
  tmpdir(cli, sizeof cli, "morris_cli");
  gg_sensitivity_options s = gg_sensitivity_defaults();
  s.sweep = small_sweep(api);
  s.sweep.samples = 0; /* morris: 20 trajectories */
  s.sweep.replicates = 1;
  s.method = GG_SENSITIVITY_MORRIS;
  s.levels = 6;
  gg_sensitivity_result res;
  gg_error err;
  ENSURE(gg_sensitivity_run(&s, &res, &err) == 0);
  ENSURE(res.ready && res.sweep.runs == 20 * 3 && res.second == NULL);
  gg_sensitivity_result_free(&res);
  const char *args[] = {"sensitivity", SCENARIO,   "--param", P1,        "--param", P2,  "--method",
                        "morris",      "--levels", "6",       "--quiet", "--out",   cli, NULL};
  ENSURE(run_program(args) == 0);
  const char *files[] = {"design.csv", "runs.csv", "summary.csv", "manifest.json", "indices.csv"};
  for (size_t k = 0; k < sizeof files / sizeof files[0]; k++)
    ENSURE(same_file(api, cli, files[k]));
  rmtree(api);
  rmtree(cli);
}

static void test_shards_and_merge_match_the_program(void) {
  char whole[512], api[2][512], cli[2][512], merged_api[512], merged_cli[512];
  tmpdir(whole, sizeof whole, "whole");
  tmpdir(merged_api, sizeof merged_api, "merged_api");
  tmpdir(merged_cli, sizeof merged_cli, "merged_cli");
  gg_sweep_result res;
  gg_error err;
  gg_sweep_options o = small_sweep(whole);
  o.block_runs = 5;
  ENSURE(gg_sweep_run(&o, &res, &err) == 0 && res.blocks == 7);
  for (int i = 0; i < 2; i++) {
    char name[32], spec[8];
    snprintf(name, sizeof name, "shard_api%d", i);
    tmpdir(api[i], sizeof api[i], name);
    snprintf(name, sizeof name, "shard_cli%d", i);
    tmpdir(cli[i], sizeof cli[i], name);
    o.out = api[i];
    o.shard_index = i;
    o.shard_count = 2;
    ENSURE(gg_sweep_run(&o, &res, &err) == 0);
    ENSURE(res.shard_index == i && res.shard_count == 2 && res.part_blocks == (i ? 3 : 4));
    ENSURE(exists(api[i], "shard.json") && !exists(api[i], "runs.csv"));
    snprintf(spec, sizeof spec, "%d/2", i);
    /* The recorded options in the canonical order, so shard.json is the same. */
    const char *args[] = {"sweep",        SCENARIO, "--param",   P1,   "--param",      P2,
                          "--design",     "lhs",    "--samples", "16", "--replicates", "2",
                          "--block-runs", "5",      "--shard",   spec, "--threads",    "2",
                          "--quiet",      "--out",  cli[i],      NULL};
    ENSURE(run_program(args) == 0);
    const char *files[] = {"shard.json", "scenario.json", "manifest.json"};
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++)
      ENSURE(same_file(api[i], cli[i], files[k]));
    for (int b = i; b < 7; b += 2) {
      char block[64];
      snprintf(block, sizeof block, "blocks/block-%08d.csv", b);
      ENSURE(same_file(api[i], cli[i], block));
    }
  }
  gg_merge_options m = gg_merge_defaults();
  const char *dirs[] = {api[1], api[0]};
  m.out = merged_api;
  m.dirs = dirs;
  m.ndirs = 2;
  ENSURE(gg_merge_run(&m, &res, &err) == 0);
  ENSURE(res.shard_count == 2 && res.runs == 32 && res.blocks == 7 && res.samples == 16);
  const char *args[] = {"merge", "--quiet", merged_cli, cli[1], cli[0], NULL};
  ENSURE(run_program(args) == 0);
  const char *files[] = {"design.csv", "runs.csv", "summary.csv", "manifest.json"};
  for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
    ENSURE(same_file(merged_api, merged_cli, files[k]));
    if (k < 3) ENSURE(same_file(merged_api, whole, files[k]));
  }
  /* Merging again into the same folder is refused; one shard is missing. */
  ENSURE(gg_merge_run(&m, &res, &err) == -1 && res.error == GG_SWEEP_ERR_MERGE_OUT);
  m.ndirs = 1;
  m.out = whole;
  ENSURE(gg_merge_run(&m, &res, &err) == -1 && res.error == GG_SWEEP_ERR_SHARDS);
  ENSURE(strstr(err.msg, "shard 0/2 is missing") != NULL);
  rmtree(whole);
  rmtree(merged_api);
  rmtree(merged_cli);
  for (int i = 0; i < 2; i++) {
    rmtree(api[i]);
    rmtree(cli[i]);
  }
}

/* Two "processes" sharing one folder through the step functions give the
   files of one process. */
static void test_steps_of_processes_sharing_a_folder(void) {
  char one[512], two[512];
  tmpdir(one, sizeof one, "one");
  tmpdir(two, sizeof two, "two");
  gg_sweep_result res;
  gg_error err;
  gg_sweep_options o = small_sweep(one);
  o.block_runs = 3;
  ENSURE(gg_sweep_run(&o, &res, &err) == 0);
  o.out = two;
  gg_sweep *p[2];
  for (int r = 0; r < 2; r++) {
    o.process_index = r;
    o.process_count = 2;
    p[r] = gg_sweep_create(&o, &res, &err);
    ENSURE(p[r] != NULL);
  }
  ENSURE(gg_sweep_prepare(p[0], &res, &err) == 0 && !res.was_complete);
  long runs = 0;
  for (int r = 1; r >= 0; r--) {
    ENSURE(gg_sweep_run_part(p[r], &res, &err) == 0);
    runs += res.runs_run;
  }
  ENSURE(runs == 32);
  ENSURE(gg_sweep_finish(p[0], &res, &err) == 0);
  gg_sweep_free(p[0]);
  gg_sweep_free(p[1]);
  const char *files[] = {"design.csv", "runs.csv", "summary.csv"};
  for (size_t k = 0; k < sizeof files / sizeof files[0]; k++)
    ENSURE(same_file(one, two, files[k]));
  rmtree(one);
  rmtree(two);
}

typedef struct stopper {
  int calls, stop_after, progress;
} stopper;

static int stop_now(void *ctx) {
  stopper *s = ctx;
  return __atomic_add_fetch(&s->calls, 1, __ATOMIC_SEQ_CST) > s->stop_after;
}

static void count_progress(void *ctx, uint64_t done, uint64_t total) {
  stopper *s = ctx;
  if (done <= total) s->progress++;
}

static void fixed_now(void *ctx, char *buf, size_t size) {
  (void)ctx;
  snprintf(buf, size, "2000-01-01T00:00:00Z");
}

static void test_interrupted_sweep_resumes(void) {
  char whole[512], cut[512];
  tmpdir(whole, sizeof whole, "uncut");
  tmpdir(cut, sizeof cut, "cut");
  gg_sweep_result res;
  gg_error err;
  gg_sweep_options o = small_sweep(whole);
  o.block_runs = 2;
  o.threads = 1;
  ENSURE(gg_sweep_run(&o, &res, &err) == 0);
  stopper st = {0, 3, 0};
  o.out = cut;
  o.interrupted = stop_now;
  o.progress = count_progress;
  o.now = fixed_now;
  o.callback_ctx = &st;
  ENSURE(gg_sweep_run(&o, &res, &err) == -1 && res.error == GG_SWEEP_ERR_INTERRUPTED);
  ENSURE(st.progress >= 1 && !exists(cut, "runs.csv") && exists(cut, "blocks/block-00000002.csv"));
  ENSURE(!exists(cut, "blocks/block-00000003.csv"));
  st.stop_after = 1000000;
  o.resume = 1;
  ENSURE(gg_sweep_run(&o, &res, &err) == 0 && res.blocks_reused == 3 && res.runs_run == 26);
  ENSURE(same_file(whole, cut, "runs.csv") && same_file(whole, cut, "summary.csv"));
  size_t len;
  char *man = slurp(cut, "manifest.json", &len);
  ENSURE(man && strstr(man, "\"finished\":\t\"2000-01-01T00:00:00Z\""));
  free(man);
  rmtree(whole);
  rmtree(cut);
}

/* The temp_file callback: what was created and removed. */
typedef struct temps {
  int created, removed, lock_created, lock_removed;
} temps;

static void note_temp(void *ctx, const char *path, int exists) {
  temps *t = ctx;
  int lock = strstr(path, "/.greatgame.lock") != NULL;
  if (exists) {
    t->created++;
    t->lock_created += lock;
  } else {
    t->removed++;
    t->lock_removed += lock;
  }
}

/* F1: a second sweep into a folder that a sweep holds is refused at once,
   naming the holder; the holder's lock is released when it is freed. */
static void test_two_sweeps_into_one_folder(void) {
  char dir[512], whole[512];
  tmpdir(dir, sizeof dir, "shared");
  tmpdir(whole, sizeof whole, "alone");
  gg_sweep_result res;
  gg_error err;
  gg_sweep_options o = small_sweep(whole);
  ENSURE(gg_sweep_run(&o, &res, &err) == 0);
  temps t = {0, 0, 0, 0};
  o.out = dir;
  o.temp_file = note_temp;
  o.callback_ctx = &t;
  gg_sweep *a = gg_sweep_create(&o, &res, &err);
  ENSURE(a != NULL && gg_sweep_prepare(a, &res, &err) == 0);
  ENSURE(t.lock_created == 1 && exists(dir, ".greatgame.lock"));
  const char *sets[] = {"states.KZ.noise=0.2"};
  gg_sweep_options ob = o;
  ob.sets = sets;
  ob.nsets = 1;
  ob.temp_file = NULL;
  ENSURE(gg_sweep_run(&ob, &res, &err) == -1 && res.error == GG_SWEEP_ERR_OUT_BUSY);
  char want[700];
  snprintf(want, sizeof want, "out %s: in use by greatgame sweep, process %ld on ", dir,
           (long)getpid());
  ENSURE(strncmp(err.msg, want, strlen(want)) == 0 && !strchr(err.msg, '\n'));
  ob.resume = 1;
  ENSURE(gg_sweep_run(&ob, &res, &err) == -1 && res.error == GG_SWEEP_ERR_OUT_BUSY);
  ENSURE(gg_sweep_run_part(a, &res, &err) == 0 && gg_sweep_finish(a, &res, &err) == 0);
  ENSURE(exists(dir, ".greatgame.lock")); /* held until freed */
  gg_sweep_free(a);
  ENSURE(!exists(dir, ".greatgame.lock") && t.lock_removed == 1 && t.created == t.removed);
  ENSURE(t.created > 1); /* the final files' temporary files were announced too */
  const char *files[] = {"design.csv", "runs.csv", "summary.csv"};
  for (size_t k = 0; k < sizeof files / sizeof files[0]; k++)
    ENSURE(same_file(dir, whole, files[k]));
  rmtree(dir);
  rmtree(whole);
}

/* F1: a block of another sweep under one of this sweep's names is found
   when the files are assembled: the call fails naming the block, nothing
   is put in place, and a resume redoes the block. */
static void test_foreign_block_stops_the_assembly(void) {
  char dir[512], other[512], whole[512], from[700], to[700];
  tmpdir(dir, sizeof dir, "planted");
  tmpdir(other, sizeof other, "other");
  tmpdir(whole, sizeof whole, "clean");
  gg_sweep_result res;
  gg_error err;
  gg_sweep_options o = small_sweep(whole);
  o.block_runs = 8;
  ENSURE(gg_sweep_run(&o, &res, &err) == 0 && res.blocks == 4);
  const char *sets[] = {"states.KZ.noise=0.2"};
  gg_sweep_options ob = o;
  ob.out = other;
  ob.sets = sets;
  ob.nsets = 1;
  ob.keep_blocks = 1;
  ENSURE(gg_sweep_run(&ob, &res, &err) == 0);
  o.out = dir;
  gg_sweep *a = gg_sweep_create(&o, &res, &err);
  ENSURE(a && gg_sweep_prepare(a, &res, &err) == 0 && gg_sweep_run_part(a, &res, &err) == 0);
  snprintf(from, sizeof from, "%s/blocks/block-00000002.csv", other);
  snprintf(to, sizeof to, "%s/blocks/block-00000002.csv", dir);
  ENSURE(rename(from, to) == 0);
  ENSURE(gg_sweep_finish(a, &res, &err) == -1 && res.error == GG_SWEEP_ERR_RUNTIME);
  ENSURE(strstr(err.msg, "block-00000002.csv: a block of another sweep") != NULL);
  ENSURE(!exists(dir, "runs.csv") && !exists(dir, "summary.csv") && !exists(dir, "design.csv"));
  size_t len;
  char *man = slurp(dir, "manifest.json", &len);
  ENSURE(man && strstr(man, "\"running\"")); /* still visibly unfinished */
  free(man);
  gg_sweep_free(a);
  o.resume = 1;
  ENSURE(gg_sweep_run(&o, &res, &err) == 0 && res.blocks_run == 1 && res.blocks_reused == 3);
  const char *files[] = {"design.csv", "runs.csv", "summary.csv"};
  for (size_t k = 0; k < sizeof files / sizeof files[0]; k++)
    ENSURE(same_file(dir, whole, files[k]));
  rmtree(dir);
  rmtree(other);
  rmtree(whole);
}

static const gg_test_case tests[] = {
    {"defaults_are_the_programs", test_defaults_are_the_programs},
    {"bad_options_are_refused_in_one_line", test_bad_options_are_refused_in_one_line},
    {"sweep_matches_the_program", test_sweep_matches_the_program},
    {"sensitivity_matches_the_program", test_sensitivity_matches_the_program},
    {"morris_matches_the_program", test_morris_matches_the_program},
    {"shards_and_merge_match_the_program", test_shards_and_merge_match_the_program},
    {"steps_of_processes_sharing_a_folder", test_steps_of_processes_sharing_a_folder},
    {"interrupted_sweep_resumes", test_interrupted_sweep_resumes},
    {"two_sweeps_into_one_folder", test_two_sweeps_into_one_folder},
    {"foreign_block_stops_the_assembly", test_foreign_block_stops_the_assembly},
};
GG_TEST_MAIN(tests)
