/* Calibration through the public API, gg_calibrate_run: it writes the same
   files as `greatgame calibrate` with the same inputs (the program's path
   comes from CMake as GG_PROGRAM), recovers known parameter values from
   synthetic targets, reports progress, and refuses bad inputs with a status
   and a message that names the input (never a command-line option). */
#include "harness.h"

#include <greatgame/greatgame.h>

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef GG_PROGRAM
#error "GG_PROGRAM (the greatgame program) must be defined by the build"
#endif

#define EXAMPLE_TARGETS GG_SCENARIO_DIR "/targets/central_asia_example.csv"

static const char *const api_files[] = {"fit.csv",      "starts.csv",       "residuals.csv",
                                        "profile.csv",  "calibration.json", "scenario.json",
                                        "manifest.json"};
#define API_FILES (sizeof api_files / sizeof api_files[0])

static char *slurp(const char *dir, const char *name) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, len = 0;
  char *buf = malloc(cap);
  for (size_t n; buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0;) {
    len += n;
    if (len + 1 == cap) {
      char *nb = realloc(buf, cap *= 2);
      if (!nb) free(buf);
      buf = nb;
    }
  }
  fclose(f);
  if (buf) buf[len] = '\0';
  return buf;
}

static void remove_dir(const char *dir) {
  for (size_t i = 0; i < API_FILES; i++) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, api_files[i]);
    remove(path);
  }
  rmdir(dir);
}

/* Run the program with argv (argv[0] is replaced by GG_PROGRAM); its exit
   status, or -1. Its stdout goes to /dev/null. */
static int run_program(char **argv) {
  argv[0] = (char *)GG_PROGRAM;
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    if (!freopen("/dev/null", "w", stdout)) _exit(126);
    execv(argv[0], argv);
    _exit(127);
  }
  int st = 0;
  if (waitpid(pid, &st, 0) != pid) return -1;
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* manifest.json without the member that legitimately differs between the
   program and a library call: the command line (calibration manifests
   record no times). */
static char *manifest_without_command_line(const char *text) {
  cJSON *doc = text ? cJSON_Parse(text) : NULL;
  if (!doc) return NULL;
  cJSON_DeleteItemFromObjectCaseSensitive(doc, "command_line");
  char *out = cJSON_PrintUnformatted(doc);
  cJSON_Delete(doc);
  return out;
}

static void test_library_writes_what_the_program_writes(void) {
  char base[] = "/tmp/gg_calibrate_api_XXXXXX";
  ENSURE(mkdtemp(base) != NULL);
  char cli_dir[512], lib_dir[512];
  snprintf(cli_dir, sizeof cli_dir, "%s/cli", base);
  snprintf(lib_dir, sizeof lib_dir, "%s/lib", base);
  char *argv[] = {NULL,
                  "calibrate",
                  "--targets",
                  EXAMPLE_TARGETS,
                  "--param",
                  "states.*.responsiveness=0.01:0.3",
                  "--param",
                  "states.*.backlash.strength=0:4",
                  "--set",
                  "states.*.decisiveness=2.5",
                  "--starts",
                  "2",
                  "--max-iter",
                  "60",
                  "--holdout-from",
                  "2024-01",
                  "--method",
                  "lm",
                  "--seed",
                  "11",
                  "--quiet",
                  "--out",
                  cli_dir,
                  NULL};
  int cli_rc = run_program(argv);

  gg_error err;
  gg_scenario *sc = gg_scenario_baseline(&err);
  ENSURE(sc);
  gg_calibrate_param params[2];
  int parsed =
      gg_calibrate_param_parse(sc, "states.*.responsiveness=0.01:0.3", &params[0], &err) == 0 &&
      gg_calibrate_param_parse(sc, "states.*.backlash.strength=0:4", &params[1], &err) == 0;
  gg_scenario_free(sc);
  ENSURE(parsed);
  gg_calibrate_set set = {.path = "states.*.decisiveness", .value = 2.5};
  gg_calibrate_options o = gg_calibrate_defaults();
  o.targets_path = EXAMPLE_TARGETS;
  o.params = params;
  o.n_params = 2;
  o.sets = &set;
  o.n_sets = 1;
  o.starts = 2;
  o.max_iter = 60;
  o.holdout_from = "2024-01";
  o.method = GG_CALIBRATE_LM;
  o.has_seed = 1;
  o.seed = 11;
  o.out_dir = lib_dir;
  o.command_line = "test_calibrate_api";
  gg_calibrate_result *r = NULL;
  int rc = gg_calibrate_run(&o, &r, &err);
  if (rc != 0) fprintf(stderr, "gg_calibrate_run: %d %s\n", rc, err.msg);

  int same = 0, compared = 0;
  for (size_t i = 0; i < API_FILES; i++) {
    char *a = slurp(cli_dir, api_files[i]), *b = slurp(lib_dir, api_files[i]);
    if (a && b && strcmp(api_files[i], "manifest.json") == 0) {
      char *ma = manifest_without_command_line(a), *mb = manifest_without_command_line(b);
      same += ma && mb && strcmp(ma, mb) == 0;
      cJSON_free(ma);
      cJSON_free(mb);
    } else {
      same += a && b && strcmp(a, b) == 0;
    }
    if (!(a && b) || same != (int)i + 1) fprintf(stderr, "%s differs\n", api_files[i]);
    compared++;
    free(a);
    free(b);
  }
  /* the accessors hold what fit.csv says */
  char *fit = slurp(lib_dir, "fit.csv");
  char line[GG_CALIBRATE_PATH_MAX + 8];
  double x0 = NAN;
  if (fit && r) {
    snprintf(line, sizeof line, "%s,", gg_calibrate_result_param(r, 0)->path);
    const char *at = strstr(fit, line);
    if (at) x0 = strtod(at + strlen(line), NULL);
  }
  free(fit);
  double value = r ? gg_calibrate_result_value(r, 0) : NAN;
  gg_calibrate_holdout h;
  int has_holdout = r ? gg_calibrate_result_holdout(r, &h) : 0;
  gg_calibrate_result_free(r);
  remove_dir(cli_dir);
  remove_dir(lib_dir);
  rmdir(base);
  ENSURE(cli_rc == 0);
  ENSURE(rc == GG_CALIBRATE_OK);
  ENSURE(compared == (int)API_FILES && same == (int)API_FILES);
  ENSURE(x0 == value);
  ENSURE(has_holdout == 1);
  ENSURE_STR(h.from_date, "2024-01");
}

/* ---- known values recovered from synthetic targets -------------------- */

#define TRUE_RESP 0.08
#define TRUE_BACKLASH 1.8

typedef struct progress_log {
  int calls[2], last_done[2], total[2];
} progress_log;

static void on_progress(void *ctx, gg_calibrate_stage stage, int done, int total) {
  progress_log *p = ctx;
  p->calls[stage]++;
  p->last_done[stage] = done;
  p->total[stage] = total;
}

/* Targets from one run of the baseline without noise at the true values:
   every state's shares of China, Russia and the US every six months, and
   Kazakhstan's RU/US ratio. */
static char *synthetic_targets(void) {
  gg_error err;
  gg_scenario *sc = gg_scenario_baseline(&err);
  if (!sc || gg_scenario_set(sc, "states.*.noise", 0, &err) < 0 ||
      gg_scenario_set(sc, "states.*.responsiveness", TRUE_RESP, &err) < 0 ||
      gg_scenario_set(sc, "states.*.backlash.strength", TRUE_BACKLASH, &err) < 0) {
    gg_scenario_free(sc);
    return NULL;
  }
  gg_sim *sim = gg_sim_create(sc, gg_seed_derive(gg_scenario_seed(sc), 0, 0));
  size_t cap = 1 << 16, len = 0;
  char *csv = malloc(cap);
  if (sim && csv) {
    len += (size_t)snprintf(csv, cap, "date_or_tick,state,component,value,weight\n");
    int us = gg_power_index(sc, "US") + 1, ru = gg_power_index(sc, "RU") + 1;
    for (int t = 0; t <= gg_scenario_ticks(sc) && len + 1024 < cap; t++) {
      if (t > 0) gg_sim_step(sim);
      if (t % 6 != 0) continue;
      for (int s = 0; s < gg_scenario_states(sc); s++)
        for (int k = 1; k <= gg_scenario_powers(sc); k++)
          len += (size_t)snprintf(csv + len, cap - len, "%d,%s,%s,%.17g,1\n", t, gg_state_id(sc, s),
                                  gg_power_id(sc, k - 1), gg_sim_share(sim, s, k));
      int kz = gg_state_index(sc, "KZ");
      len += (size_t)snprintf(csv + len, cap - len, "%d,KZ,RU/US,%.17g,0.01\n", t,
                              gg_sim_share(sim, kz, ru) / gg_sim_share(sim, kz, us));
    }
  }
  gg_sim_free(sim);
  gg_scenario_free(sc);
  return csv;
}

static void test_synthetic_truth_is_recovered(void) {
  char *csv = synthetic_targets();
  ENSURE(csv);
  gg_calibrate_param params[2] = {{"states.*.responsiveness", 0.01, 0.3},
                                  {"states.*.backlash.strength", 0, 4}};
  gg_calibrate_set noise = {.path = "states.*.noise", .value = 0};
  progress_log log = {{0, 0}, {0, 0}, {0, 0}};
  gg_calibrate_options o = gg_calibrate_defaults();
  o.targets_csv = csv;
  o.targets_csv_len = strlen(csv);
  o.targets_path = "synthetic.csv";
  o.params = params;
  o.n_params = 2;
  o.sets = &noise;
  o.n_sets = 1;
  o.method = GG_CALIBRATE_LM;
  o.starts = 2;
  o.callbacks.progress = on_progress;
  o.callbacks.ctx = &log;
  gg_calibrate_result *r = NULL;
  gg_error err;
  int rc = gg_calibrate_run(&o, &r, &err);
  free(csv);
  if (rc != 0) fprintf(stderr, "gg_calibrate_run: %d %s\n", rc, err.msg);
  ENSURE(rc == GG_CALIBRATE_OK);
  double resp = gg_calibrate_result_value(r, 0), backlash = gg_calibrate_result_value(r, 1);
  double objective = gg_calibrate_result_objective(r), se0 = gg_calibrate_result_se(r, 0);
  int id0 = gg_calibrate_result_identified(r, 0), id1 = gg_calibrate_result_identified(r, 1);
  int fitted = gg_calibrate_result_targets_fitted(r), noisy = gg_calibrate_result_noisy(r);
  gg_calibrate_start st;
  gg_calibrate_result_start(r, gg_calibrate_result_best_start(r), &st);
  double start_x = st.fitted[0]; /* st points into r */
  /* the calibrated scenario holds the fitted values and the set */
  double v[3] = {NAN, NAN, NAN};
  const gg_scenario *cal = gg_calibrate_result_scenario(r);
  int got = gg_scenario_get(cal, "states.KZ.responsiveness", &v[0], &err) == 0 &&
            gg_scenario_get(cal, "states.UZ.backlash.strength", &v[1], &err) == 0 &&
            gg_scenario_get(cal, "states.TJ.noise", &v[2], &err) == 0;
  gg_calibrate_result_free(r);
  ENSURE_NEAR(resp, TRUE_RESP, 1e-4);
  ENSURE_NEAR(backlash, TRUE_BACKLASH, 1e-3);
  ENSURE(objective < 1e-12);
  ENSURE(fitted > 100 && (noisy == 0 || noisy == 1));
  ENSURE(id0 == GG_CALIBRATE_YES && id1 == GG_CALIBRATE_YES);
  ENSURE(se0 >= 0);
  ENSURE(st.objective == objective && start_x == resp);
  /* cJSON writes doubles with 15 significant digits when that reads back
     within its own tolerance: the copy holds the values to about 1e-15 */
  ENSURE(got && v[2] == 0);
  ENSURE_NEAR(v[0], resp, 1e-14 * resp);
  ENSURE_NEAR(v[1], backlash, 1e-14 * backlash);
  ENSURE(log.calls[GG_CALIBRATE_STAGE_FIT] == 3 && log.last_done[GG_CALIBRATE_STAGE_FIT] == 2);
  ENSURE(log.total[GG_CALIBRATE_STAGE_PROFILE] == 2 * GG_CALIBRATE_PROFILE_POINTS);
  ENSURE(log.last_done[GG_CALIBRATE_STAGE_PROFILE] == 2 * GG_CALIBRATE_PROFILE_POINTS);
}

/* ---- refusals ----------------------------------------------------------- */

typedef struct refusal {
  const char *what;
  int status;
  const char *msg; /* the message's start */
} refusal;

static int refused(const gg_calibrate_options *o, const refusal *want) {
  gg_calibrate_result *r = NULL;
  gg_error err;
  int rc = gg_calibrate_run(o, &r, &err);
  int ok = rc == want->status && r == NULL && strncmp(err.msg, want->msg, strlen(want->msg)) == 0 &&
           strncmp(err.msg, "--", 2) != 0 && !strchr(err.msg, '\n');
  if (!ok) fprintf(stderr, "%s: status %d, \"%s\"\n", want->what, rc, err.msg);
  gg_calibrate_result_free(r);
  return ok;
}

static void test_bad_inputs_are_refused(void) {
  char dir[] = "/tmp/gg_calibrate_api_XXXXXX";
  ENSURE(mkdtemp(dir) != NULL);
  char manifest[600];
  snprintf(manifest, sizeof manifest, "%s/manifest.json", dir);
  FILE *f = fopen(manifest, "w");
  ENSURE(f);
  fputs("{\n\t\"engine\":\t\"greatgame\"\n}\n", f);
  fclose(f);
  /* a folder of someone else's files, and one locked by a live process */
  char foreign[600], locked[600], lockfile[700], host[256];
  snprintf(foreign, sizeof foreign, "%s/foreign", dir);
  snprintf(locked, sizeof locked, "%s/locked", dir);
  snprintf(lockfile, sizeof lockfile, "%s/.greatgame.lock", locked);
  ENSURE(mkdir(foreign, 0777) == 0 && mkdir(locked, 0777) == 0);
  char foreign_fit[700];
  snprintf(foreign_fit, sizeof foreign_fit, "%s/fit.csv", foreign);
  f = fopen(foreign_fit, "w");
  ENSURE(f);
  fputs("my own fit\n", f);
  fclose(f);
  ENSURE(gethostname(host, sizeof host) == 0);
  host[sizeof host - 1] = '\0';
  f = fopen(lockfile, "w");
  ENSURE(f);
  fprintf(f, "greatgame lock\npid %ld\nhost %s\ncommand sweep\nstarted now\nend\n", (long)getppid(),
          host);
  fclose(f);
  const char *csv = "date_or_tick,state,component,value\n2021-01,KZ,RU,0.5\n2022-01,KZ,RU,0.52\n";
  gg_calibrate_param good = {"states.*.responsiveness", 0.01, 0.3};
  gg_calibrate_param params[2] = {good, {"states.*.backlash.strength", 0, 4}};
  gg_calibrate_set bad_set = {.path = "states.*.nois", .value = 1};
  gg_calibrate_options base = gg_calibrate_defaults();
  base.targets_csv = csv;
  base.targets_csv_len = strlen(csv);
  base.targets_path = "t.csv";
  base.params = &good;
  base.n_params = 1;
  base.starts = 1;
  base.max_iter = 5;
  gg_calibrate_options o;
  int ok = 1;
#define REFUSE(what, change, status, msg)                                                          \
  do {                                                                                             \
    o = base;                                                                                      \
    change;                                                                                        \
    refusal want_ = {what, status, msg};                                                           \
    ok &= refused(&o, &want_);                                                                     \
  } while (0)
  REFUSE("no params", o.n_params = 0, GG_CALIBRATE_BAD_OPTIONS, "calibrate options:");
  REFUSE("starts", o.starts = 0, GG_CALIBRATE_BAD_OPTIONS, "calibrate options: starts");
  REFUSE("scenario", o.scenario_path = "/nonexistent/s.json", GG_CALIBRATE_BAD_SCENARIO,
         "/nonexistent/s.json: cannot open");
  REFUSE("set", (o.sets = &bad_set, o.n_sets = 1), GG_CALIBRATE_BAD_SET, "states.*.nois:");
  REFUSE("param", (params[0].lo = 0.5, o.params = params), GG_CALIBRATE_BAD_PARAM,
         "states.*.responsiveness=0.5:0.3: LO must be below HI");
  params[0].lo = 0.01;
  REFUSE("targets", o.targets_csv = "date,state\n", GG_CALIBRATE_BAD_TARGETS, "t.csv:1:");
  static const char above[] = "date_or_tick,state,component,value\n2021-01,KZ,RU,1.5\n";
  static const char conflict[] =
      "date_or_tick,state,component,value\n2021-01,KZ,RU,0.5\n2021-01,KZ,RU,0.52\n";
  REFUSE("share above 1", (o.targets_csv = above, o.targets_csv_len = sizeof above - 1),
         GG_CALIBRATE_BAD_TARGETS, "t.csv:2: value 1.5 of RU is not a share");
  REFUSE("conflicting rows", (o.targets_csv = conflict, o.targets_csv_len = sizeof conflict - 1),
         GG_CALIBRATE_BAD_TARGETS, "t.csv:3: KZ RU at 2021-01 is 0.52 here but 0.5 on line 2");
  REFUSE("hold-out", o.holdout_from = "2040-01", GG_CALIBRATE_BAD_HOLDOUT, "hold-out \"2040-01\"");
  REFUSE("hold-out tick", o.holdout_tick = 100000, GG_CALIBRATE_BAD_HOLDOUT, "hold-out \"100000\"");
  REFUSE("empty hold-out", o.holdout_from = "2025-01", GG_CALIBRATE_EMPTY_HOLDOUT,
         "hold-out from 2025-01");
  REFUSE("all held out", o.holdout_from = "2021-01", GG_CALIBRATE_ALL_HELD_OUT,
         "hold-out from 2021-01: every target");
  REFUSE("lm", (o.method = GG_CALIBRATE_LM, o.params = params, o.n_params = 2, o.holdout_tick = 20),
         GG_CALIBRATE_TOO_FEW_TARGETS, "lm: 1 fitted targets for 2 parameters");
  REFUSE("results", o.out_dir = dir, GG_CALIBRATE_OUT_EXISTS, dir);
  REFUSE("foreign", o.out_dir = foreign, GG_CALIBRATE_OUT_FOREIGN, foreign);
  REFUSE("locked", o.out_dir = locked, GG_CALIBRATE_OUT_BUSY, locked);
  REFUSE("not a folder", o.out_dir = manifest, GG_CALIBRATE_BAD_OUT_DIR, manifest);
#undef REFUSE
  char *kept = slurp(foreign, "fit.csv");
  ENSURE(kept && strcmp(kept, "my own fit\n") == 0); /* refused: untouched */
  free(kept);
  kept = slurp(locked, ".greatgame.lock");
  ENSURE(kept && strstr(kept, "command sweep")); /* another's lock: left alone */
  free(kept);
  remove(manifest);
  remove(foreign_fit);
  remove(lockfile);
  rmdir(foreign);
  rmdir(locked);
  rmdir(dir);
  ENSURE(ok);
}

static const gg_test_case tests[] = {
    {"library_writes_what_the_program_writes", test_library_writes_what_the_program_writes},
    {"synthetic_truth_is_recovered", test_synthetic_truth_is_recovered},
    {"bad_inputs_are_refused", test_bad_inputs_are_refused},
};

GG_TEST_MAIN(tests)
