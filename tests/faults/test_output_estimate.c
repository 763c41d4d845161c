/* gg_run_output_estimate is an upper bound of the bytes gg_run_study writes,
   and not a loose one (within 30% for real scenarios); max_output_bytes
   refuses a study above the bound before anything is created. */
#include "harness.h"

#include <greatgame/greatgame.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

static char workdir[256];

static const char *work_path(const char *name) {
  static char buf[4][512];
  static int next;
  if (!workdir[0]) {
    snprintf(workdir, sizeof workdir, "/tmp/gg_output_estimate_XXXXXX");
    if (!mkdtemp(workdir)) abort();
  }
  char *b = buf[next++ % 4];
  snprintf(b, 512, "%s/%s", workdir, name);
  return b;
}

static uint64_t file_size(const char *dir, const char *name) {
  char p[600];
  struct stat st;
  if (dir)
    snprintf(p, sizeof p, "%s/%s", dir, name);
  else
    snprintf(p, sizeof p, "%s", name);
  return stat(p, &st) == 0 ? (uint64_t)st.st_size : 0;
}

static void remove_dir(const char *dir) {
  static const char *const names[] = {"alignment.csv",  "stocks.csv",   "utility.csv",  "ties.csv",
                                      "indicators.csv", "summary.json", "manifest.json"};
  char p[600];
  for (int i = 0; i < 7; i++) {
    snprintf(p, sizeof p, "%s/%s", dir, names[i]);
    unlink(p);
  }
  rmdir(dir);
}

/* Run the study into a folder (or one file) and compare its bytes with the
   estimate: estimate >= bytes and estimate <= slack * bytes. */
static int check_bound(const gg_scenario *sc, int replicates, int folder, double slack) {
  const char *dir = work_path("out");
  gg_run_options o = gg_run_defaults();
  o.scenario = sc;
  o.replicates = replicates;
  const char *argv[] = {"greatgame", "run", "--out", dir};
  o.argc = 4;
  o.argv = argv;
  if (folder)
    o.out_dir = dir;
  else
    o.alignment_path = work_path("alignment.csv");
  uint64_t est = gg_run_output_estimate(sc, &o);
  gg_error err;
  int rc = gg_run_study(&o, NULL, &err);
  if (rc != GG_STUDY_OK) {
    fprintf(stderr, "study failed: %s\n", err.msg);
    return 0;
  }
  uint64_t bytes = 0;
  if (folder) {
    /* every file a run study writes (ties.csv for GG-2, indicators.csv with a
       measurement section; file_size is 0 for a file that is not there) */
    static const char *const names[] = {"alignment.csv", "stocks.csv",     "utility.csv",
                                        "ties.csv",      "indicators.csv", "summary.json",
                                        "manifest.json"};
    for (int i = 0; i < 7; i++)
      bytes += file_size(dir, names[i]);
    remove_dir(dir);
  } else {
    bytes = file_size(NULL, o.alignment_path);
    unlink(o.alignment_path);
  }
  int ok = bytes > 0 && est >= bytes && (double)est <= slack * (double)bytes;
  fprintf(stderr, "%s, %d replicate(s), %s: %llu bytes written, estimate %llu (%.3f)%s\n",
          gg_scenario_name(sc), replicates, folder ? "folder" : "alignment.csv",
          (unsigned long long)bytes, (unsigned long long)est, (double)est / (double)bytes,
          ok ? "" : "  <- outside the bound");
  return ok;
}

static gg_scenario *load(const char *name) {
  char p[600];
  snprintf(p, sizeof p, "%s/%s", GG_SCENARIO_DIR, name);
  gg_error err;
  gg_scenario *sc = gg_scenario_load(p, &err);
  if (!sc) fprintf(stderr, "%s\n", err.msg);
  return sc;
}

static gg_scenario *generated(int states, int powers, int channels, int ticks, int contest) {
  gg_generate_options g = gg_generate_defaults();
  g.states = states;
  g.powers = powers;
  g.channels = channels;
  g.ticks = ticks;
  g.contest = contest;
  char *text = NULL;
  size_t len = 0;
  gg_error err;
  if (gg_generate_json(&g, &text, &len, &err) != 0) return NULL;
  gg_scenario *sc = gg_scenario_parse(text, len, "generated.json", &err);
  gg_free_buffer(text);
  return sc;
}

static void estimate_bounds_the_files(void) {
  gg_error err;
  gg_scenario *base = gg_scenario_baseline(&err);
  ENSURE(base != NULL);
  ENSURE(check_bound(base, 1, 1, 1.3));
  ENSURE(check_bound(base, 3, 1, 1.3));
  ENSURE(check_bound(base, 2, 0, 1.3));
  ENSURE(gg_scenario_set(base, "time.ticks", 12, &err) == 1);
  ENSURE(check_bound(base, 11, 1, 1.3));
  gg_scenario_free(base);
  static const char *const files[] = {"great_game.json", "history_2013.json",
                                      "csto_kazakhstan_2022.json"};
  for (int i = 0; i < 3; i++) {
    gg_scenario *sc = load(files[i]);
    ENSURE(sc != NULL);
    int ok = check_bound(sc, 2, 1, 1.3);
    gg_scenario_free(sc);
    ENSURE(ok);
  }
  gg_scenario *gen = generated(40, 6, 5, 24, 1);
  ENSURE(gen != NULL);
  int ok = check_bound(gen, 2, 1, 1.3) && check_bound(gen, 1, 0, 1.3);
  gg_scenario_free(gen);
  rmdir(workdir);
  ENSURE(ok);
}

static void estimate_follows_destination_and_saturates(void) {
  gg_error err;
  gg_scenario *sc = gg_scenario_baseline(&err);
  ENSURE(sc != NULL);
  gg_run_options o = gg_run_defaults();
  o.scenario = sc;
  ENSURE(gg_run_output_estimate(sc, &o) == 0); /* no destination */
  ENSURE(gg_run_output_estimate(NULL, NULL) == 0);
  o.alignment_stream = stdout;
  uint64_t stream = gg_run_output_estimate(NULL, &o);
  o.alignment_stream = NULL;
  o.alignment_path = "a.csv";
  ENSURE(stream > 0 && gg_run_output_estimate(sc, &o) == stream);
  o.alignment_path = NULL;
  o.out_dir = "d";
  uint64_t folder = gg_run_output_estimate(sc, &o);
  ENSURE(folder > 5 * stream);
  o.replicates = 10;
  ENSURE(gg_run_output_estimate(sc, &o) > 9 * (folder - 100000));
  gg_scenario_free(sc);
  /* 1000 states x 32 powers x 16 channels, 10^6 ticks, 10^6 replicates: far
     past 2^64 bytes. */
  gg_scenario *big = generated(1000, 32, 16, 12, 0);
  ENSURE(big != NULL);
  ENSURE(gg_scenario_set(big, "time.ticks", 1000000, &err) == 1);
  o.scenario = big;
  o.replicates = 1000000;
  uint64_t huge = gg_run_output_estimate(big, &o);
  gg_scenario_free(big);
  ENSURE(huge == UINT64_MAX);
}

static void limit_refuses_before_anything_is_created(void) {
  gg_error err;
  gg_scenario *sc = gg_scenario_baseline(&err);
  ENSURE(sc != NULL);
  const char *dir = work_path("refused");
  gg_run_options o = gg_run_defaults();
  o.scenario = sc;
  o.out_dir = dir;
  uint64_t est = gg_run_output_estimate(sc, &o);
  o.max_output_bytes = est - 1;
  gg_run_stats *st = (gg_run_stats *)&o; /* must be reset to NULL */
  int rc = gg_run_study(&o, &st, &err);
  struct stat sb;
  int created = stat(dir, &sb) == 0;
  ENSURE(rc == GG_STUDY_OUTPUT_LIMIT);
  ENSURE(st == NULL);
  ENSURE(!created);
  fprintf(stderr, "refused: %s\n", err.msg);
  char head[100];
  int n = snprintf(head, sizeof head, "(baseline): 1 replicate of %d ticks would write up to ",
                   gg_scenario_ticks(sc));
  ENSURE(strncmp(err.msg, head, (size_t)n) == 0);
  char tail[200];
  snprintf(tail, sizeof tail, " into %s, over the output limit of ", dir);
  ENSURE(strstr(err.msg, tail) != NULL);
  ENSURE(strchr(err.msg, '\n') == NULL);
  ENSURE(strstr(err.msg, "--") == NULL); /* no option names in library messages */
  o.max_output_bytes = est;              /* at the bound: runs */
  rc = gg_run_study(&o, NULL, &err);
  ENSURE(rc == GG_STUDY_OK);
  remove_dir(dir);
  o.max_output_bytes = 0; /* no limit */
  o.out_dir = NULL;
  o.alignment_path = work_path("nolimit.csv");
  ENSURE(gg_run_study(&o, NULL, &err) == GG_STUDY_OK);
  unlink(o.alignment_path);
  gg_scenario_free(sc);
  rmdir(workdir);
}

static const gg_test_case tests[] = {
    {"estimate_bounds_the_files", estimate_bounds_the_files},
    {"estimate_follows_destination_and_saturates", estimate_follows_destination_and_saturates},
    {"limit_refuses_before_anything_is_created", limit_refuses_before_anything_is_created},
};

GG_TEST_MAIN(tests)
