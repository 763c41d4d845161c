/* Sweep machinery through the engine: metric names, parameter specs,
   common random numbers, block files (torn ones rejected), failed runs kept
   out of summaries, and whole-number parameters. */
#include "harness.h"
#include "metrics.h"
#include "sweep.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static gg_scenario *baseline(void) {
  gg_error err;
  return gg_scenario_baseline(&err);
}

static void tmpdir(char *buf, size_t size, const char *name) {
  snprintf(buf, size, "%s/gg_test_sweep_%ld_%s", P_tmpdir, (long)getpid(), name);
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", buf);
  if (system(cmd) != 0) fprintf(stderr, "could not clean %s\n", buf);
}

static void rmtree(const char *dir) {
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

static char *slurp(const char *dir, const char *name) {
  char path[600];
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
  return s;
}

static void test_metric_names_expand_in_scenario_order(void) {
  gg_scenario *sc = baseline();
  ENSURE(sc != NULL);
  metric_set ms = {0};
  gg_error err;
  int S = gg_scenario_states(sc), K = gg_scenario_powers(sc) + 1;
  ENSURE(gga_metrics_default(&ms, sc, &err) == 0);
  ENSURE(ms.n == S * K + K);
  char want[160];
  snprintf(want, sizeof want, "final.%s.%s", gg_state_id(sc, 0), gg_component_id(sc, 0));
  ENSURE_STR(ms.m[0].name, want);
  snprintf(want, sizeof want, "region.%s", gg_component_id(sc, K - 1));
  ENSURE_STR(ms.m[ms.n - 1].name, want);
  ENSURE(gga_metrics_add(&ms, sc, "flips.*", &err) == 0);
  ENSURE(ms.n == S * K + K + S);
  ENSURE(gga_metrics_add(&ms, sc, "final.*.*", &err) == 0); /* duplicates are dropped */
  ENSURE(ms.n == S * K + K + S);
  ENSURE(gga_metrics_add(&ms, sc, "final.KZ", &err) == -1);
  ENSURE(strncmp(err.msg, "final.KZ:", 9) == 0);
  ENSURE(gga_metrics_add(&ms, sc, "mean.NOPE.autonomy", &err) == -1);
  ENSURE(strstr(err.msg, "NOPE") != NULL);
  gga_metrics_free(&ms);
  gg_scenario_free(sc);
}

static void test_param_spec_parsing(void) {
  sweep_param p;
  gg_error err;
  ENSURE(gga_sweep_param_parse(&p, "states.*.noise=0:0.5:7", &err) == 0);
  ENSURE_STR(p.path, "states.*.noise");
  ENSURE(p.lo == 0.0 && p.hi == 0.5 && p.steps == 7);
  ENSURE(gga_sweep_param_parse(&p, "seed=1:2", &err) == 0 && p.steps == 0);
  ENSURE(gga_sweep_param_parse(&p, "states.KZ.noise=1:0", &err) == -1);
  ENSURE(gga_sweep_param_parse(&p, "states.KZ.noise=0:1:2.5", &err) == -1);
  ENSURE(gga_sweep_param_parse(&p, "=0:1", &err) == -1);
  ENSURE(gga_sweep_param_parse(&p, "states.KZ.noise=a:1", &err) == -1);
  ENSURE(gga_sweep_param_integer("time.ticks") == 1);
  ENSURE(gga_sweep_param_integer("seed") == 1);
  ENSURE(gga_sweep_param_integer("states.KZ.noise") == 0);
}

/* A small sweep of the baseline into dir. */
static int run_sweep(const char *dir, design_kind kind, const char *spec, int replicates,
                     int threads, long block, sweep *sw, metric_set *ms, gg_scenario **sc,
                     sweep_param *p) {
  gg_error err;
  *sc = baseline();
  memset(ms, 0, sizeof *ms);
  if (!*sc || gga_metrics_add(ms, *sc, "final.KZ.*", &err) != 0 ||
      gga_metrics_add(ms, *sc, "flips.*", &err) != 0 || gga_sweep_param_parse(p, spec, &err) != 0)
    return -1;
  sweep_opts o = {0};
  o.sc = *sc;
  o.sets = "";
  o.params = p;
  o.nparams = 1;
  o.kind = kind;
  o.samples = 6;
  o.replicates = replicates;
  o.design_seed = 5;
  o.metrics = ms;
  o.block_runs = block;
  o.threads = threads;
  o.out = dir;
  o.keep_blocks = 1;
  if (gga_sweep_init(sw, &o, &err) != 0 || gga_sweep_execute(sw, &err) != 0) {
    fprintf(stderr, "%s\n", err.msg);
    return -1;
  }
  return 0;
}

static void done_sweep(sweep *sw, metric_set *ms, gg_scenario *sc) {
  gga_sweep_free(sw);
  gga_metrics_free(ms);
  gg_scenario_free(sc);
}

static void test_replicate_seed_is_common_across_samples(void) {
  char dir[512];
  tmpdir(dir, sizeof dir, "crn");
  sweep sw;
  metric_set ms;
  gg_scenario *sc;
  sweep_param p;
  ENSURE(run_sweep(dir, DESIGN_RANDOM, "states.KZ.noise=0:0.1", 3, 2, 4, &sw, &ms, &sc, &p) == 0);
  char *runs = slurp(dir, "runs.csv");
  ENSURE(runs != NULL);
  /* Every line's seed is gg_seed_derive(scenario seed, 0, replicate). */
  int lines = 0;
  for (char *l = strchr(runs, '\n') + 1; *l; l = strchr(l, '\n') + 1) {
    long i, r;
    unsigned long long seed;
    ENSURE(sscanf(l, "%ld,%ld,%llu,ok,", &i, &r, &seed) == 3);
    ENSURE(i == lines / 3 && r == lines % 3);
    ENSURE(seed == gg_seed_derive(gg_scenario_seed(sc), 0, (uint64_t)r));
    lines++;
  }
  ENSURE(lines == 18);
  free(runs);
  done_sweep(&sw, &ms, sc);
  rmtree(dir);
}

static void test_block_files_are_checked_end_to_end(void) {
  char dir[512], path[700];
  tmpdir(dir, sizeof dir, "blocks");
  sweep sw;
  metric_set ms;
  gg_scenario *sc;
  sweep_param p;
  ENSURE(run_sweep(dir, DESIGN_LHS, "states.KZ.noise=0:0.1", 2, 1, 5, &sw, &ms, &sc, &p) == 0);
  ENSURE(sw.blocks == 3); /* 12 runs in blocks of 5 */
  snprintf(path, sizeof path, "%s/blocks/block-00000001.csv", dir);
  ENSURE(gga_sweep_block_valid(&sw, path, 1) == 1);
  ENSURE(gga_sweep_block_valid(&sw, path, 2) == 0); /* another block's place */
  /* Lose the end line, as a power cut could. */
  char *text = slurp(dir, "blocks/block-00000001.csv");
  ENSURE(text != NULL);
  char *end = strstr(text, "# end");
  ENSURE(end != NULL);
  FILE *f = fopen(path, "wb");
  fwrite(text, 1, (size_t)(end - text), f);
  fclose(f);
  ENSURE(gga_sweep_block_valid(&sw, path, 1) == 0);
  /* A changed digit with the end line kept. */
  char *digit = strchr(strchr(text, '\n') + 1, ',');
  digit[1] = digit[1] == '0' ? '1' : '0';
  f = fopen(path, "wb");
  fputs(text, f);
  fclose(f);
  ENSURE(gga_sweep_block_valid(&sw, path, 1) == 0);
  free(text);
  done_sweep(&sw, &ms, sc);
  rmtree(dir);
}

/* Rewrite a block's end line for the lines it now holds (a test's edit). */
static void reseal_block(const char *path) {
  FILE *f = fopen(path, "rb");
  ENSURE(f != NULL);
  char *line = NULL, *out = NULL;
  size_t cap = 0, len = 0;
  ssize_t n;
  uint64_t h = SWEEP_FNV_INIT;
  long lines = 0;
  FILE *mem = open_memstream(&out, &len);
  while ((n = getline(&line, &cap, f)) > 0) {
    if (line[0] == '#' && strncmp(line, "# end", 5) == 0) break;
    fwrite(line, 1, (size_t)n, mem);
    if (line[0] == '#') continue;
    h = gga_sweep_fnv(h, line, (size_t)n);
    lines++;
  }
  fprintf(mem, "# end;lines=%ld;fnv=%016llx\n", lines, (unsigned long long)h);
  fclose(mem);
  fclose(f);
  free(line);
  f = fopen(path, "wb");
  fwrite(out, 1, len, f);
  fclose(f);
  free(out);
}

static void test_failed_runs_are_excluded_from_summary(void) {
  char dir[512], path[700];
  tmpdir(dir, sizeof dir, "failed");
  sweep sw;
  metric_set ms;
  gg_scenario *sc;
  sweep_param p;
  ENSURE(run_sweep(dir, DESIGN_RANDOM, "states.KZ.noise=0:0.1", 3, 1, 100, &sw, &ms, &sc, &p) == 0);
  /* Rewrite replicate 1 of sample 0 as a failed run, as a non-finite value
     would have recorded it, and assemble again. */
  char *text = slurp(dir, "blocks/block-00000000.csv");
  ENSURE(text != NULL);
  char *l = strchr(strchr(text, '\n') + 1, '\n') + 1; /* second run line */
  char *nl = strchr(l, '\n');
  char failed[512];
  int n = snprintf(failed, sizeof failed, "0,1,%llu,failed,non-finite final.KZ.CN",
                   (unsigned long long)gg_seed_derive(gg_scenario_seed(sc), 0, 1));
  for (int m = 0; m < ms.n; m++)
    n += snprintf(failed + n, sizeof failed - (size_t)n, ",");
  snprintf(path, sizeof path, "%s/blocks/block-00000000.csv", dir);
  FILE *f = fopen(path, "wb");
  fwrite(text, 1, (size_t)(l - text), f);
  fputs(failed, f);
  fputs(nl, f);
  fclose(f);
  free(text);
  gg_error err;
  char blockdir[600];
  snprintf(blockdir, sizeof blockdir, "%s/blocks", dir);
  /* The changed line breaks the block's checksum: the assembly refuses it. */
  gga_outset set;
  gga_outset_begin(&set, dir, NULL, NULL);
  ENSURE(gga_sweep_assemble(&sw, blockdir, &set, &err) != 0);
  ENSURE(strstr(err.msg, "block-00000000.csv: damaged") != NULL);
  gga_outset_abort(&set);
  reseal_block(path);
  gga_outset_begin(&set, dir, NULL, NULL);
  ENSURE(gga_sweep_assemble(&sw, blockdir, &set, &err) == 0);
  ENSURE(gga_outset_commit(&set, &err) == 0);
  ENSURE(sw.runs_failed == 1);
  char *sum = slurp(dir, "summary.csv");
  ENSURE(sum != NULL);
  ENSURE(strstr(sum, "\n0,final.KZ.CN,2,1,") != NULL);
  ENSURE(strstr(sum, "\n1,final.KZ.CN,3,0,") != NULL);
  ENSURE(strstr(sum, "nan") == NULL);
  free(sum);
  double *y = malloc(6u * (size_t)ms.n * sizeof(double));
  long bad;
  ENSURE(gga_sweep_read_means(dir, 6, ms.n, y, &bad, &err) == 0);
  ENSURE(bad == 1);
  for (int i = 0; i < 6 * ms.n; i++)
    ENSURE(y[i] == y[i]);
  free(y);
  done_sweep(&sw, &ms, sc);
  rmtree(dir);
}

static void test_whole_number_parameter_is_rounded(void) {
  char dir[512];
  tmpdir(dir, sizeof dir, "ticks");
  sweep sw;
  metric_set ms;
  gg_scenario *sc;
  sweep_param p;
  ENSURE(run_sweep(dir, DESIGN_LHS, "time.ticks=10:20", 1, 2, 4, &sw, &ms, &sc, &p) == 0);
  ENSURE(sw.runs_failed == 0);
  char *design = slurp(dir, "design.csv");
  ENSURE(design != NULL);
  for (char *l = strchr(design, '\n') + 1; *l; l = strchr(l, '\n') + 1) {
    double v = strtod(strchr(l, ',') + 1, NULL);
    ENSURE(v == (double)(long)v && v >= 10 && v <= 20);
  }
  free(design);
  done_sweep(&sw, &ms, sc);
  rmtree(dir);
}

static void test_refuses_out_of_range_parameter(void) {
  gg_scenario *sc = baseline();
  metric_set ms = {0};
  gg_error err;
  sweep_param p;
  ENSURE(gga_metrics_default(&ms, sc, &err) == 0);
  ENSURE(gga_sweep_param_parse(&p, "states.KZ.backlash.threshold=0:2", &err) == 0);
  sweep_opts o = {0};
  o.sc = sc;
  o.params = &p;
  o.nparams = 1;
  o.kind = DESIGN_GRID;
  o.replicates = 1;
  o.metrics = &ms;
  o.block_runs = 10;
  sweep sw;
  ENSURE(gga_sweep_init(&sw, &o, &err) == -1);
  ENSURE(strncmp(err.msg, "params states.KZ.backlash.threshold", 35) == 0);
  ENSURE(sw.error == GG_SWEEP_ERR_PARAMS && sw.fault == 0);
  gga_metrics_free(&ms);
  gg_scenario_free(sc);
}

/* A block of another sweep under the name of one of this sweep's blocks
   (two sweeps into one folder, or a file copied in) is detected when the
   files are assembled, and nothing is put in place: its rows are never
   mixed with this sweep's. A resume redoes it. */
static void test_foreign_block_is_detected(void) {
  char a[512], b[512], from[700], to[700];
  tmpdir(a, sizeof a, "own");
  tmpdir(b, sizeof b, "foreign");
  sweep swa, swb;
  metric_set msa, msb;
  gg_scenario *sca, *scb;
  sweep_param pa, pb;
  ENSURE(run_sweep(a, DESIGN_LHS, "states.KZ.noise=0:0.1", 2, 1, 5, &swa, &msa, &sca, &pa) == 0);
  ENSURE(run_sweep(b, DESIGN_LHS, "states.KZ.noise=0:0.2", 2, 1, 5, &swb, &msb, &scb, &pb) == 0);
  ENSURE(strcmp(swa.hash_hex, swb.hash_hex) != 0);
  char *runs = slurp(a, "runs.csv");
  ENSURE(runs != NULL);
  snprintf(from, sizeof from, "%s/blocks/block-00000001.csv", b);
  snprintf(to, sizeof to, "%s/blocks/block-00000001.csv", a);
  ENSURE(rename(from, to) == 0);
  ENSURE(gga_sweep_block_valid(&swa, to, 1) == 0);
  gg_error err;
  ENSURE(gga_sweep_finish(&swa, &err) == -1);
  ENSURE(strstr(err.msg, "block-00000001.csv: a block of another sweep") != NULL);
  ENSURE(strstr(err.msg, swb.hash_hex) != NULL && !strchr(err.msg, '\n'));
  char *after = slurp(a, "runs.csv");
  ENSURE(after != NULL && strcmp(runs, after) == 0); /* nothing put in place */
  free(after);
  /* A resume finds the foreign block and redoes it. */
  ENSURE(gga_sweep_run_mine(&swa, &err) == 0 && swa.blocks_run == 1);
  ENSURE(gga_sweep_finish(&swa, &err) == 0);
  after = slurp(a, "runs.csv");
  ENSURE(after != NULL && strcmp(runs, after) == 0);
  free(after);
  free(runs);
  done_sweep(&swa, &msa, sca);
  done_sweep(&swb, &msb, scb);
  rmtree(a);
  rmtree(b);
}

static const gg_test_case tests[] = {
    {"metric_names_expand_in_scenario_order", test_metric_names_expand_in_scenario_order},
    {"param_spec_parsing", test_param_spec_parsing},
    {"replicate_seed_is_common_across_samples", test_replicate_seed_is_common_across_samples},
    {"block_files_are_checked_end_to_end", test_block_files_are_checked_end_to_end},
    {"failed_runs_are_excluded_from_summary", test_failed_runs_are_excluded_from_summary},
    {"whole_number_parameter_is_rounded", test_whole_number_parameter_is_rounded},
    {"refuses_out_of_range_parameter", test_refuses_out_of_range_parameter},
    {"foreign_block_is_detected", test_foreign_block_is_detected},
};
GG_TEST_MAIN(tests)
