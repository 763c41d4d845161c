/* The study API (greatgame/study.h) against the program: gg_run_study,
   gg_compare_run and gg_explain_run must give the same file bytes and the
   same printed numbers as `greatgame run`, `compare` and `explain`. The
   manifest.json files are compared byte for byte after removing only the
   lines that legitimately differ: `command_line` (the program's arguments
   against the caller's), `started` and `finished` (times). The compare
   numbers are also recomputed here by an independent route: plain
   simulations, plain C means and standard deviations, and t quantiles from a
   table.

   usage: test_study_api GREATGAME [TEST]   (run from a writable folder) */
#include "harness.h"

#include <greatgame/greatgame.h>

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/wait.h>

static const char *prog; /* the program, from CMake */
static char work[512];   /* this run's folder */
static const char *base_scn = GG_SCENARIO_DIR "/central_asia_2020.json";
static const char *what_scn = GG_SCENARIO_DIR "/us_pivot.json";

/* ---- helpers -------------------------------------------------------------- */

/* Run a shell command made from fmt; its exit status (-1 if it did not run). */
static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...) {
  char cmd[4096];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(cmd, sizeof cmd, fmt, ap);
  va_end(ap);
  int rc = system(cmd);
  return rc == -1 || !WIFEXITED(rc) ? -1 : WEXITSTATUS(rc);
}

/* A file's bytes (free with gg_free_buffer), or NULL. */
static char *slurp(const char *path, size_t *len) {
  gg_error err;
  return gg_read_file(path, len, &err);
}

/* Remove the lines that start with one of the given prefixes (in place). */
static size_t drop_lines(char *text, size_t len, const char *const *prefixes, int n) {
  char *out = text;
  for (char *p = text; p < text + len;) {
    char *eol = memchr(p, '\n', (size_t)(text + len - p));
    size_t l = eol ? (size_t)(eol - p) + 1 : (size_t)(text + len - p);
    int drop = 0;
    for (int i = 0; i < n; i++)
      drop |= strncmp(p, prefixes[i], strlen(prefixes[i])) == 0;
    if (!drop) memmove(out, p, l), out += l;
    p += l;
  }
  *out = '\0';
  return (size_t)(out - text);
}

static const char *const MANIFEST_VARIES[] = {
    "\t\"command_line\":", "\t\"started\":", "\t\"finished\":"};

/* 1 if the two files hold the same bytes (a manifest: after dropping the
   lines that may differ); says where they differ otherwise. */
static int same_bytes(const char *a, const char *b, int manifest) {
  size_t la, lb;
  char *x = slurp(a, &la), *y = slurp(b, &lb);
  int same = x && y;
  if (same && manifest) {
    la = drop_lines(x, la, MANIFEST_VARIES, 3);
    lb = drop_lines(y, lb, MANIFEST_VARIES, 3);
  }
  if (same && (la != lb || memcmp(x, y, la) != 0)) {
    size_t i = 0;
    while (i < la && i < lb && x[i] == y[i])
      i++;
    fprintf(stderr, "%s and %s differ at byte %zu (sizes %zu, %zu)\n", a, b, i, la, lb);
    same = 0;
  } else if (!same) {
    fprintf(stderr, "cannot read %s or %s\n", a, b);
  }
  gg_free_buffer(x);
  gg_free_buffer(y);
  return same;
}

static gg_scenario *load(const char *path) {
  gg_error err;
  gg_scenario *sc = gg_scenario_load(path, &err);
  if (!sc) fprintf(stderr, "%s\n", err.msg);
  return sc;
}

/* `path` with time.ticks set (0: as is) and, if noise >= 0, every state's noise. */
static gg_scenario *load_set(const char *path, int ticks, double noise) {
  gg_scenario *sc = load(path);
  gg_error err;
  if (sc && ((ticks && gg_scenario_set(sc, "time.ticks", ticks, &err) != 1) ||
             (noise >= 0 && gg_scenario_set(sc, "states.*.noise", noise, &err) < 1))) {
    fprintf(stderr, "%s\n", err.msg);
    gg_scenario_free(sc);
    sc = NULL;
  }
  return sc;
}

/* A number in a cJSON document by its keys (NaN if absent). */
static double jget(const cJSON *j, const char *k1, const char *k2, const char *k3, const char *k4) {
  const char *keys[] = {k1, k2, k3, k4};
  for (int i = 0; i < 4 && j && keys[i]; i++)
    j = cJSON_GetObjectItem(j, keys[i]);
  return cJSON_IsNumber(j) ? j->valuedouble : NAN;
}

/* ---- run ------------------------------------------------------------------ */

/* The run of the run tests: noise (so that the seeds matter), 24 ticks. */
#define RUN_ARGS "--set time.ticks=24 --set 'states.*.noise=0.5' --replicates 3 --seed 42"

/* The five files of `run --out` against gg_run_study with out_dir, with
   noise (so the seeds matter), 3 replicates and a seed. */
static void run_out_dir_files_match_cli(void) {
  char cli[600], lib[600];
  snprintf(cli, sizeof cli, "%s/cli_run", work);
  snprintf(lib, sizeof lib, "%s/lib_run", work);
  ENSURE(sh("'%s' run '%s' " RUN_ARGS " --out '%s' -q", prog, base_scn, cli) == 0);
  gg_scenario *sc = load_set(base_scn, 24, 0.5);
  ENSURE(sc != NULL);
  gg_error err;
  const char *cmd[] = {"test_study_api"};
  gg_run_options o = gg_run_defaults();
  o.scenario = sc;
  o.scenario_path = base_scn;
  o.replicates = 3;
  o.has_seed = 1;
  o.seed = 42;
  o.out_dir = lib;
  o.argc = 1;
  o.argv = cmd;
  o.started = "2000-01-01T00:00:00Z";
  gg_run_stats *st = NULL;
  ENSURE(gg_run_study(&o, &st, &err) == GG_STUDY_OK);
  ENSURE(st != NULL && gg_run_stats_runs(st) == 3);
  gg_run_stats_free(st);
  const char *names[] = {"alignment.csv", "stocks.csv", "utility.csv", "summary.json",
                         "manifest.json"};
  for (int i = 0; i < 5; i++) {
    char a[700], b[700];
    snprintf(a, sizeof a, "%s/%s", cli, names[i]);
    snprintf(b, sizeof b, "%s/%s", lib, names[i]);
    ENSURE(same_bytes(a, b, i == 4));
  }
  /* the removed lines hold what was asked */
  char mpath[700];
  size_t len;
  snprintf(mpath, sizeof mpath, "%s/manifest.json", lib);
  char *m = slurp(mpath, &len);
  ENSURE(m != NULL);
  int ok = strstr(m, "\t\"command_line\":\t[\"test_study_api\"],\n") &&
           strstr(m, "\t\"started\":\t\"2000-01-01T00:00:00Z\",\n");
  gg_free_buffer(m);
  ENSURE(ok);
  gg_scenario_free(sc);
}

/* `-o FILE` and `-o -` against alignment_path and alignment_stream. */
static void run_alignment_file_and_stream_match_cli(void) {
  char a[600], b[600], c[600], d[600];
  snprintf(a, sizeof a, "%s/cli_o.csv", work);
  snprintf(b, sizeof b, "%s/cli_stdout.csv", work);
  snprintf(c, sizeof c, "%s/lib_o.csv", work);
  snprintf(d, sizeof d, "%s/lib_stream.csv", work);
  ENSURE(sh("'%s' run '%s' --set time.ticks=12 --replicates 2 -o '%s'", prog, what_scn, a) == 0);
  ENSURE(sh("'%s' run '%s' --set time.ticks=12 --replicates 2 -o - >'%s'", prog, what_scn, b) == 0);
  gg_scenario *sc = load_set(what_scn, 12, -1);
  ENSURE(sc != NULL);
  gg_error err;
  gg_run_options o = gg_run_defaults();
  o.scenario = sc;
  o.replicates = 2;
  o.alignment_path = c;
  ENSURE(gg_run_study(&o, NULL, &err) == GG_STUDY_OK);
  FILE *f = fopen(d, "wb");
  ENSURE(f != NULL);
  o.alignment_path = NULL;
  o.alignment_stream = f;
  int rc = gg_run_study(&o, NULL, &err);
  fclose(f);
  ENSURE(rc == GG_STUDY_OK);
  ENSURE(same_bytes(a, b, 0));
  ENSURE(same_bytes(a, c, 0));
  ENSURE(same_bytes(a, d, 0));
  gg_scenario_free(sc);
}

/* summary.json holds numbers as cJSON prints them: 15 significant digits
   when those read back within a few ulps, else 17. */
static int differs(double a, double b) {
  return !(fabs(a - b) <= 1e-14 * fmax(1.0, fabs(a)));
}

static int rs_feed(void *ctx, const gg_sim *sim) {
  gg_run_stats_tick(ctx, sim);
  return 0;
}

/* The statistics: a study without files, the same fed tick by tick, the
   accessors against summary.json, and the program's printed table. */
static void run_stats_match_summary_and_table(void) {
  gg_scenario *sc = load_set(base_scn, 24, 0.5);
  ENSURE(sc != NULL);
  gg_error err;
  gg_run_options o = gg_run_defaults();
  o.scenario = sc;
  o.replicates = 3;
  o.has_seed = 1;
  o.seed = 42;
  gg_run_stats *st = NULL, *inc = gg_run_stats_create(sc, 3);
  ENSURE(gg_run_study(&o, &st, &err) == GG_STUDY_OK && inc != NULL);
  /* summary.json written from the statistics is the program's */
  char dir[600], a[700], b[700];
  snprintf(dir, sizeof dir, "%s/lib_summary", work);
  mkdir(dir, 0777);
  ENSURE(gg_run_stats_write_summary(st, dir, &err) == 0);
  snprintf(a, sizeof a, "%s/cli_stats/summary.json", work);
  ENSURE(sh("'%s' run '%s' " RUN_ARGS " --out '%s/cli_stats' -q", prog, base_scn, work) == 0);
  snprintf(b, sizeof b, "%s/summary.json", dir);
  ENSURE(same_bytes(a, b, 0));
  /* incremental use gives the same numbers */
  gg_sim *sim = gg_sim_create(sc, 0);
  ENSURE(sim != NULL);
  gg_sink sink = {rs_feed, inc};
  for (int r = 0; r < 3; r++) {
    gg_sim_reset(sim, gg_seed_derive(42, 0, (uint64_t)r));
    gg_sim_run(sim, &sink);
  }
  gg_sim_free(sim);
  int S = gg_scenario_states(sc), K = gg_scenario_powers(sc) + 1;
  ENSURE(gg_run_stats_runs(inc) == 3 && gg_run_stats_listed(inc) == 3);
  /* the accessors against the numbers in summary.json (which read back exactly) */
  size_t len;
  char *text = slurp(b, &len);
  cJSON *doc = text ? cJSON_Parse(text) : NULL;
  gg_free_buffer(text);
  ENSURE(doc != NULL);
  cJSON *across = cJSON_GetObjectItem(doc, "across_runs");
  int bad = 0;
  for (int s = 0; s < S; s++) {
    const char *sid = gg_state_id(sc, s);
    for (int k = 0; k < K; k++) {
      const char *cid = gg_component_id(sc, k);
      bad += differs(gg_run_stats_final_mean(st, s, k), jget(across, "final", sid, cid, "mean"));
      bad += differs(gg_run_stats_final_sd(st, s, k), jget(across, "final", sid, cid, "sd"));
      bad += differs(gg_run_stats_final_min(st, s, k), jget(across, "final", sid, cid, "min"));
      bad += differs(gg_run_stats_final_max(st, s, k), jget(across, "final", sid, cid, "max"));
      bad += differs(gg_run_stats_dominant_share(st, s, k),
                     jget(across, "dominant_share", sid, cid, NULL));
      bad += gg_run_stats_final_mean(inc, s, k) != gg_run_stats_final_mean(st, s, k);
      bad += gg_run_stats_final_sd(inc, s, k) != gg_run_stats_final_sd(st, s, k);
      bad += gg_run_stats_dominant_share(inc, s, k) != gg_run_stats_dominant_share(st, s, k);
      for (int r = 0; r < 3; r++) {
        cJSON *run = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "runs"), r);
        bad += differs(gg_run_stats_run_final(st, r, s, k), jget(run, "final", sid, cid, NULL));
        bad += gg_run_stats_run_final(inc, r, s, k) != gg_run_stats_run_final(st, r, s, k);
      }
    }
    bad += differs(gg_run_stats_flips_mean(st, s), jget(across, "flips", sid, "mean", NULL));
    bad += gg_run_stats_flips_max(st, s) != jget(across, "flips", sid, "max", NULL);
    bad += gg_run_stats_flips_max(inc, s) != gg_run_stats_flips_max(st, s);
  }
  for (int r = 0; r < 3; r++)
    bad += gg_run_stats_run_seed(inc, r) != gg_seed_derive(42, 0, (uint64_t)r) ||
           gg_run_stats_run_seed(st, r) != gg_seed_derive(42, 0, (uint64_t)r);
  for (int k = 0; k < K; k++) {
    const char *cid = gg_component_id(sc, k);
    bad += differs(gg_run_stats_region_mean(st, k), jget(across, "region", cid, "mean", NULL));
    bad += differs(gg_run_stats_region_sd(inc, k), jget(across, "region", cid, "sd", NULL));
  }
  cJSON_Delete(doc);
  ENSURE(bad == 0);
  /* the program's table of final shares: the means, to 4 decimals */
  char tpath[600];
  snprintf(tpath, sizeof tpath, "%s/table.txt", work);
  ENSURE(sh("'%s' run '%s' " RUN_ARGS " >'%s'", prog, base_scn, tpath) == 0);
  char *table = slurp(tpath, &len);
  ENSURE(table != NULL);
  char *line = strchr(table, '\n');
  line = line ? strchr(line + 1, '\n') : NULL; /* skip the title and the header */
  for (int s = 0; s <= S && line; s++) {
    char want[512];
    int n = snprintf(want, sizeof want, "%-10.10s", s < S ? gg_state_id(sc, s) : "region");
    for (int k = 0; k < K; k++)
      n += snprintf(want + n, sizeof want - (size_t)n, " %9.4f",
                    s < S ? gg_run_stats_final_mean(st, s, k) : gg_run_stats_region_mean(st, k));
    bad += strncmp(line + 1, want, strlen(want)) != 0;
    line = strchr(line + 1, '\n');
  }
  gg_free_buffer(table);
  ENSURE(bad == 0);
  gg_run_stats_free(inc);
  gg_run_stats_free(st);
  gg_scenario_free(sc);
}

/* Failures: bad options, a folder of results, an interruption. */
static int tmp_balance;
static void count_temps(void *ctx, const char *path, int exists) {
  (void)ctx;
  (void)path;
  tmp_balance += exists ? 1 : -1;
}
static int stop_after(void *ctx) {
  int *left = ctx;
  return --*left < 0;
}

static void run_failures_are_clean(void) {
  gg_scenario *sc = load(base_scn);
  ENSURE(sc != NULL);
  gg_error err;
  char dir[600], other[600];
  snprintf(dir, sizeof dir, "%s/lib_fail", work);
  snprintf(other, sizeof other, "%s/lib_fail.csv", work);
  gg_run_options o = gg_run_defaults();
  o.scenario = sc;
  o.replicates = 0;
  gg_run_stats *st = (gg_run_stats *)&o; /* must be set to NULL */
  ENSURE(gg_run_study(&o, &st, &err) == GG_STUDY_BAD_OPTIONS && st == NULL);
  ENSURE(strncmp(err.msg, "run: ", 5) == 0);
  o.replicates = 2;
  o.out_dir = dir;
  o.alignment_path = other;
  ENSURE(gg_run_study(&o, NULL, &err) == GG_STUDY_BAD_OPTIONS);
  /* interrupted after 30 ticks: nothing under a final name, no temporary file */
  o.alignment_path = NULL;
  int left = 30;
  o.interrupt = stop_after;
  o.temp_file = count_temps;
  o.context = &left;
  tmp_balance = 0;
  ENSURE(gg_run_study(&o, &st, &err) == GG_STUDY_INTERRUPTED && st == NULL);
  ENSURE(tmp_balance == 0);
  ENSURE(sh("ls -A '%s' | grep -q .", dir) == 1); /* the folder is empty */
  /* a folder that holds results is refused, unless force */
  o.interrupt = NULL;
  ENSURE(gg_run_study(&o, NULL, &err) == GG_STUDY_OK && tmp_balance == 0);
  ENSURE(gg_run_study(&o, NULL, &err) == GG_STUDY_OUTPUT_EXISTS);
  ENSURE(strncmp(err.msg, dir, strlen(dir)) == 0);
  ENSURE(strstr(err.msg, "--force") == NULL); /* the program adds its hint */
  ENSURE(tmp_balance == 0 && sh("test -e '%s/.greatgame.lock'", dir) == 1);
  o.force = 1;
  ENSURE(gg_run_study(&o, NULL, &err) == GG_STUDY_OK);
  ENSURE(tmp_balance == 0 && sh("test -e '%s/.greatgame.lock'", dir) == 1);
  gg_scenario_free(sc);
}

/* ---- compare -------------------------------------------------------------- */

static void compare_csv_matches_cli(void) {
  char a[600], b[600], c[600];
  snprintf(a, sizeof a, "%s/cli_compare.csv", work);
  snprintf(b, sizeof b, "%s/lib_compare.csv", work);
  snprintf(c, sizeof c, "%s/lib_compare_stream.csv", work);
  ENSURE(sh("'%s' compare '%s' '%s' --replicates 5 --seed 7 --quiet --out '%s' >/dev/null", prog,
            base_scn, what_scn, a) == 0);
  gg_scenario *base = load(base_scn), *what = load(what_scn);
  ENSURE(base && what);
  gg_compare_options o = gg_compare_defaults();
  ENSURE(o.replicates == 10);
  o.base = base;
  o.whatif = what;
  o.replicates = 5;
  o.has_seed = 1;
  o.seed = 7;
  gg_compare_result *res = NULL;
  gg_error err;
  ENSURE(gg_compare_run(&o, &res, &err) == GG_STUDY_OK);
  ENSURE(gg_compare_write_csv(res, b, &err) == GG_STUDY_OK);
  /* a file that cannot be opened, and one whose writes fail */
  char nodir[700];
  snprintf(nodir, sizeof nodir, "%s/no/such/folder.csv", work);
  ENSURE(gg_compare_write_csv(res, nodir, &err) == GG_STUDY_OUTPUT_FILE);
  ENSURE(strncmp(err.msg, nodir, strlen(nodir)) == 0);
  FILE *full = fopen("/dev/full", "wb");
  if (full) {
    fclose(full);
    ENSURE(gg_compare_write_csv(res, "/dev/full", &err) == GG_STUDY_WRITE_FAILED);
    ENSURE(strncmp(err.msg, "/dev/full: write failed", 23) == 0);
  }
  FILE *f = fopen(c, "wb");
  ENSURE(f != NULL);
  int rc = gg_compare_print_csv(res, f);
  fclose(f);
  ENSURE(rc == 0);
  ENSURE(same_bytes(a, b, 0));
  ENSURE(same_bytes(a, c, 0));
  gg_compare_free(res);
  gg_scenario_free(what);
  gg_scenario_free(base);
}

/* t(0.975, df): the quantiles of Student's t for small df, to 17 digits
   (computed once with mpmath from the regularised incomplete beta function). */
static double t975(int df) {
  static const double t[] = {NAN, 12.706204736174704, 4.3026527297494637, 3.1824463052837095,
                             2.7764451051977943};
  return df >= 1 && df <= 4 ? t[df] : NAN;
}

/* Every cell (the states of BASE's order, then the region; each component
   in BASE's order) of a simulation of `sc`, added to or stored in out. */
typedef struct by_hand {
  const gg_scenario *sc, *order;
  double sum[64];
} by_hand;

static void bh_cells(const by_hand *h, const gg_sim *sim, double *out, int add) {
  int S = gg_scenario_states(h->order), K = gg_scenario_powers(h->order) + 1;
  for (int s = 0; s <= S; s++)
    for (int k = 0; k < K; k++) {
      int kk = k == 0 ? 0 : gg_power_index(h->sc, gg_power_id(h->order, k - 1)) + 1;
      int ss = s < S ? gg_state_index(h->sc, gg_state_id(h->order, s)) : -1;
      double v = ss >= 0 ? gg_sim_share(sim, ss, kk) : gg_sim_region(sim, kk);
      out[s * K + k] = add ? out[s * K + k] + v : v;
    }
}

static int bh_tick(void *ctx, const gg_sim *sim) {
  by_hand *h = ctx;
  bh_cells(h, sim, h->sum, 1);
  return 0;
}

/* One replicate: the end shares and the shares averaged over ticks 0..ticks. */
static void bh_run(const gg_scenario *sc, const gg_scenario *order, uint64_t seed, double *end,
                   double *mean) {
  by_hand h = {sc, order, {0}};
  gg_sim *sim = gg_sim_create(sc, seed);
  if (!sim) return;
  gg_sink sink = {bh_tick, &h};
  gg_sim_run(sim, &sink);
  bh_cells(&h, sim, end, 0);
  gg_sim_free(sim);
  int cells = (gg_scenario_states(order) + 1) * (gg_scenario_powers(order) + 1);
  for (int i = 0; i < cells; i++)
    mean[i] = h.sum[i] / (gg_scenario_ticks(sc) + 1);
}

/* The numbers of the result, recomputed: R replicates with base seed 7. */
static void compare_numbers_by_hand(int R, int ticks) {
  gg_scenario *base = load_set(base_scn, ticks, -1), *what = load_set(what_scn, ticks, -1);
  ENSURE(base && what);
  gg_error err;
  int S = gg_scenario_states(base), K = gg_scenario_powers(base) + 1, cells = (S + 1) * K;
  ENSURE(cells <= 64 && R <= 5);
  gg_compare_options o = gg_compare_defaults();
  o.base = base;
  o.whatif = what;
  o.replicates = R;
  o.has_seed = 1;
  o.seed = 7;
  gg_compare_result *res = NULL;
  ENSURE(gg_compare_run(&o, &res, &err) == GG_STUDY_OK);
  ENSURE(gg_compare_rows(res) == cells && gg_compare_replicates(res) == R);
  double be[5][64], bm[5][64], we[5][64], wm[5][64];
  for (int r = 0; r < R; r++) {
    uint64_t seed = gg_seed_derive(7, 0, (uint64_t)r);
    bh_run(base, base, seed, be[r], bm[r]);
    bh_run(what, base, seed, we[r], wm[r]);
  }
  int bad = 0;
  for (int i = 0; i < cells; i++) {
    const gg_compare_row *w = gg_compare_row_at(res, i);
    int s = i / K, k = i % K;
    bad += strcmp(w->state, s < S ? gg_state_id(base, s) : "region") != 0;
    bad += strcmp(w->component, gg_component_id(base, k)) != 0 || w->component_index != k;
    bad += w->state_index != (s < S ? s : -1);
    double d[2][5], m[2] = {0, 0}, sd[2] = {0, 0}, bsum = 0, wsum = 0;
    for (int r = 0; r < R; r++) {
      bad += fabs(gg_compare_sample(res, i, r, GG_COMPARE_BASE_END) - be[r][i]) > 1e-15;
      bad += fabs(gg_compare_sample(res, i, r, GG_COMPARE_WHATIF_END) - we[r][i]) > 1e-15;
      bad += fabs(gg_compare_sample(res, i, r, GG_COMPARE_BASE_MEAN) - bm[r][i]) > 1e-14;
      bad += fabs(gg_compare_sample(res, i, r, GG_COMPARE_WHATIF_MEAN) - wm[r][i]) > 1e-14;
      d[0][r] = we[r][i] - be[r][i];
      d[1][r] = wm[r][i] - bm[r][i];
      m[0] += d[0][r] / R;
      m[1] += d[1][r] / R;
      bsum += be[r][i] / R;
      wsum += we[r][i] / R;
    }
    for (int j = 0; j < 2; j++) {
      for (int r = 0; r < R; r++)
        sd[j] += (d[j][r] - m[j]) * (d[j][r] - m[j]);
      sd[j] = R > 1 ? sqrt(sd[j] / (R - 1)) : NAN;
    }
    double half[2] = {t975(R - 1) * sd[0] / sqrt(R), t975(R - 1) * sd[1] / sqrt(R)};
    bad += fabs(w->diff_end - m[0]) > 1e-12 || fabs(w->diff_mean - m[1]) > 1e-12;
    bad += fabs(w->base_end - bsum) > 1e-12 || fabs(w->whatif_end - wsum) > 1e-12;
    if (R > 1) {
      /* relative: the half-widths are small (some 1e-4) */
      bad += fabs(w->diff_end_half - half[0]) > 1e-12 * half[0] + 1e-15;
      bad += fabs(w->diff_mean_half - half[1]) > 1e-12 * half[1] + 1e-15;
      bad += fabs(w->diff_end_lo - (m[0] - half[0])) > 1e-12;
      bad += fabs(w->diff_end_hi - (m[0] + half[0])) > 1e-12;
      bad += fabs(w->diff_mean_lo - (m[1] - half[1])) > 1e-12;
      bad += fabs(w->diff_mean_hi - (m[1] + half[1])) > 1e-12;
    } else {
      bad += !isnan(w->diff_end_half) || !isnan(w->diff_end_lo) || !isnan(w->diff_mean_hi);
    }
    if (bad) {
      fprintf(stderr, "row %d (%s, %s): diff_end %.17g by hand %.17g, half %.17g by hand %.17g\n",
              i, w->state, w->component, w->diff_end, m[0], w->diff_end_half, half[0]);
      break;
    }
  }
  ENSURE(bad == 0);
  gg_compare_free(res);
  gg_scenario_free(what);
  gg_scenario_free(base);
}

static void compare_numbers_by_hand_5(void) {
  compare_numbers_by_hand(5, 0);
}
static void compare_numbers_by_hand_2_and_1(void) {
  compare_numbers_by_hand(2, 24);
  compare_numbers_by_hand(1, 24);
}

/* Scenarios on other states: the program's message is the library's. */
static void compare_mismatch_message_matches_cli(void) {
  char hist[600], errf[600];
  snprintf(hist, sizeof hist, "%s/history_2013.json", GG_SCENARIO_DIR);
  snprintf(errf, sizeof errf, "%s/compare_err.txt", work);
  ENSURE(sh("'%s' compare '%s' '%s' 2>'%s'", prog, base_scn, hist, errf) == 2);
  gg_scenario *base = load(base_scn), *what = load(hist);
  ENSURE(base && what);
  gg_compare_options o = gg_compare_defaults();
  o.base = base;
  o.whatif = what;
  gg_compare_result *res = (gg_compare_result *)&o;
  gg_error err;
  ENSURE(gg_compare_run(&o, &res, &err) == GG_STUDY_MISMATCH && res == NULL);
  size_t len;
  char *text = slurp(errf, &len);
  ENSURE(text != NULL);
  char want[1100];
  snprintf(want, sizeof want, "%s\n", err.msg);
  int same = strcmp(text, want) == 0 && strncmp(err.msg, hist, strlen(hist)) == 0;
  if (!same) fprintf(stderr, "program: %slibrary: %s", text, want);
  gg_free_buffer(text);
  ENSURE(same);
  gg_scenario_free(what);
  gg_scenario_free(base);
}

/* ---- explain -------------------------------------------------------------- */

/* The program's explain output against the library's terms printed the same
   way, plus the sums: terms add up to the utility, shares to 1. */
static void explain_case(const char *scn, const char *state, int from, int to, int has_seed,
                         uint64_t seed) {
  char outf[600];
  snprintf(outf, sizeof outf, "%s/explain_%s.txt", work, state);
  char seedarg[64] = "";
  if (has_seed) snprintf(seedarg, sizeof seedarg, "--seed %llu", (unsigned long long)seed);
  ENSURE(sh("'%s' explain '%s' --state %s --from %d --to %d %s >'%s'", prog, scn, state, from, to,
            seedarg, outf) == 0);
  gg_scenario *sc = load(scn);
  ENSURE(sc != NULL);
  gg_explain_options o = gg_explain_defaults();
  o.scenario = sc;
  o.state = gg_state_index(sc, state);
  o.from = from;
  o.to = to;
  o.has_seed = has_seed;
  o.seed = seed;
  gg_explain_result *res = NULL;
  gg_error err;
  ENSURE(gg_explain_run(&o, &res, &err) == GG_STUDY_OK);
  int K = gg_explain_components(res), T = gg_explain_terms(res), s = o.state;
  ENSURE(K == gg_scenario_powers(sc) + 1);
  ENSURE(T == gg_scenario_channels(sc) + gg_scenario_blocs(sc) + 6);
  char *buf = NULL;
  size_t blen = 0;
  FILE *m = open_memstream(&buf, &blen);
  ENSURE(m != NULL);
  fprintf(m, "%s (%s) in %s, seed %llu: utility terms of each component", gg_state_name(sc, s),
          state, gg_scenario_name(sc), (unsigned long long)gg_explain_seed(res));
  if (from == to)
    fprintf(m, " in the step to tick %d\n", from);
  else
    fprintf(m, " in the steps to ticks %d and %d\n", from, to);
  char d1[32], d2[32];
  gg_scenario_date(sc, from, d1, sizeof d1);
  gg_scenario_date(sc, to, d2, sizeof d2);
  double share[2] = {0, 0};
  int bad = 0;
  for (int k = 0; k < K; k++) {
    if (from != to)
      fprintf(m, "\n%-22s %12s %12s %12s\n", gg_component_id(sc, k), d1, d2, "change");
    else
      fprintf(m, "\n%-22s %12s\n", gg_component_id(sc, k), d1);
    double sum[2] = {0, 0};
    for (int i = 0; i < T; i++) {
      const gg_explain_term *t = gg_explain_term_at(res, k, i);
      if (t->kind <= GG_EXPLAIN_NOISE) sum[0] += t->from, sum[1] += t->to;
      if (t->kind == GG_EXPLAIN_UTILITY)
        bad += fabs(sum[0] - t->from) > 1e-12 || fabs(sum[1] - t->to) > 1e-12;
      if (t->kind == GG_EXPLAIN_SHARE) share[0] += t->from, share[1] += t->to;
      if ((t->kind == GG_EXPLAIN_CHANNEL || t->kind == GG_EXPLAIN_BLOC) && t->from == 0 &&
          t->to == 0)
        continue;
      if (from != to)
        fprintf(m, "  %-20s %12.6f %12.6f %+12.6f\n", t->label, t->from, t->to, t->to - t->from);
      else
        fprintf(m, "  %-20s %12.6f\n", t->label, t->from);
    }
  }
  fclose(m);
  bad += fabs(share[0] - 1) > 1e-12 || fabs(share[1] - 1) > 1e-12;
  size_t len;
  char *text = slurp(outf, &len);
  int same = text && len == blen && memcmp(text, buf, len) == 0;
  if (!same) fprintf(stderr, "explain output differs:\n%s\n--- library:\n%s\n", text, buf);
  gg_free_buffer(text);
  free(buf);
  gg_explain_free(res);
  gg_scenario_free(sc);
  ENSURE(same && bad == 0);
}

static void explain_matches_cli(void) {
  explain_case(base_scn, "KZ", 1, 131, 0, 0);
  explain_case(what_scn, "UZ", 12, 12, 1, 3);
  explain_case(what_scn, "TM", 5, 60, 1, 99);
}

static void explain_bad_options(void) {
  gg_scenario *sc = load(base_scn);
  ENSURE(sc != NULL);
  gg_explain_options o = gg_explain_defaults();
  o.scenario = sc;
  gg_explain_result *res = NULL;
  gg_error err;
  ENSURE(gg_explain_run(&o, &res, &err) == GG_STUDY_BAD_OPTIONS && res == NULL); /* no state */
  o.state = 0;
  o.from = 10;
  o.to = 5;
  ENSURE(gg_explain_run(&o, &res, &err) == GG_STUDY_BAD_OPTIONS && res == NULL);
  o.from = 0;
  o.to = 0;
  ENSURE(gg_explain_run(&o, &res, &err) == GG_STUDY_BAD_OPTIONS && res == NULL);
  o.from = 1;
  ENSURE(gg_explain_run(&o, &res, &err) == GG_STUDY_OK);
  ENSURE(gg_explain_from(res) == 1 && gg_explain_to(res) == gg_scenario_ticks(sc));
  gg_explain_free(res);
  gg_scenario_free(sc);
}

static const gg_test_case tests[] = {
    {"run_out_dir_files_match_cli", run_out_dir_files_match_cli},
    {"run_alignment_file_and_stream_match_cli", run_alignment_file_and_stream_match_cli},
    {"run_stats_match_summary_and_table", run_stats_match_summary_and_table},
    {"run_failures_are_clean", run_failures_are_clean},
    {"compare_csv_matches_cli", compare_csv_matches_cli},
    {"compare_numbers_by_hand_5", compare_numbers_by_hand_5},
    {"compare_numbers_by_hand_2_and_1", compare_numbers_by_hand_2_and_1},
    {"compare_mismatch_message_matches_cli", compare_mismatch_message_matches_cli},
    {"explain_matches_cli", explain_matches_cli},
    {"explain_bad_options", explain_bad_options},
};

int gg_test_failures = 0;

/* Not GG_TEST_MAIN: the first argument is the program. */
int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: test_study_api GREATGAME [TEST]\n");
    return 2;
  }
  prog = argv[1];
  snprintf(work, sizeof work, "study_api_work");
  if (sh("rm -rf '%s' && mkdir -p '%s'", work, work) != 0) return 2;
  int ran = 0, failed = 0;
  for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
    if (argc > 2 && strcmp(argv[2], tests[i].name) != 0) continue;
    int before = gg_test_failures;
    tests[i].fn();
    ran++;
    if (gg_test_failures != before) {
      failed++;
      fprintf(stderr, "FAIL %s\n", tests[i].name);
    }
  }
  printf("%d passed, %d failed\n", ran - failed, failed);
  if (!failed) sh("rm -rf '%s'", work);
  return (failed || ran == 0) ? 1 : 0;
}
