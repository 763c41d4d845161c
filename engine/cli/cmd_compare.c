/* greatgame compare BASE WHATIF: the arguments and the table of paired
   differences; the comparison and its CSV are gg_compare_run's and
   gg_compare_write_csv's (engine/analysis/compare.c). */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char cmp_usage[] =
    "usage: greatgame compare BASE WHATIF [--replicates N] [--seed N] [--out DIR [--force]]\n"
    "                         [--design SWEEP_DIR] [--quiet]\n"
    "\n"
    "Runs BASE and WHATIF in pairs with common random numbers (replicate r of both\n"
    "uses the seed derived from (seed, 0, r); seed is BASE's unless --seed) and\n"
    "reports, per state and component, the paired difference WHATIF - BASE of the\n"
    "share at the last tick and of its mean over ticks 0..N, with a 95% confidence\n"
    "interval (Student t). The interval is the Monte Carlo error of the mean over the\n"
    "paired runs: it shrinks with more replicates and says nothing about uncertain\n"
    "parameters (sweep those). The two scenarios must have the same states, powers\n"
    "and time axis.\n"
    "\n"
    "  --replicates N   pairs of runs (default 10)\n"
    "  --seed N         base seed of the replicates (default: BASE's seed)\n"
    "  --out DIR        also write compare.csv (the table, every number exact, and the\n"
    "                   effect sizes with --design) and manifest.json into DIR (refused\n"
    "                   if DIR holds results, unless --force); a name ending in .csv\n"
    "                   writes that CSV file alone, without a manifest\n"
    "  --force          write into an --out folder that holds results\n"
    "  --design DIR     a finished sweep over the uncertain parameters: add each\n"
    "                   difference at the end divided by the standard deviation of\n"
    "                   that share across the sweep's samples (an effect size)\n"
    "  --quiet          no progress bar\n";

/* --out NAME.csv: the CSV file alone (the form before --out DIR). */
static int cmp_is_csv(const char *out) {
  size_t n = strlen(out);
  return n >= 4 && strcmp(out + n - 4, ".csv") == 0;
}

static int cmp_parse(int argc, char **argv, const char **paths, long *reps, uint64_t *seed,
                     int *has_seed, const char **out, const char **design, int *quiet, int *force) {
  int npos = 0, bad = 0;
  for (int i = 1; i < argc; i++) {
    const char *v;
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(cmp_usage, stdout);
      return 0;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--replicates", &bad))) {
      if (gg_cli_int("--replicates", v, 1, 1000000, reps)) return 2;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--seed", &bad))) {
      if (gg_cli_u64("--seed", v, seed)) return 2;
      *has_seed = 1;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--out", &bad))) {
      *out = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--design", &bad))) {
      *design = v;
    } else if (bad) {
      return 2;
    } else if (strcmp(argv[i], "--quiet") == 0 || strcmp(argv[i], "-q") == 0) {
      *quiet = 1;
    } else if (strcmp(argv[i], "--force") == 0) {
      *force = 1;
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      static const char *const known[] = {"--replicates", "--seed", "--out",   "--design",
                                          "--quiet",      "--help", "--force", NULL};
      gg_cli_unknown_option(argv[i], "compare", known);
      return 2;
    } else if (npos < 2) {
      paths[npos++] = argv[i];
    } else {
      gg_cli_error("%s: unexpected argument (compare takes BASE and WHATIF)", argv[i]);
      return 2;
    }
    if (bad) return 2;
  }
  if (npos != 2) {
    gg_cli_error("compare: expected BASE and WHATIF scenarios (see greatgame compare --help)");
    return 2;
  }
  if (*force && (!*out || cmp_is_csv(*out))) {
    gg_cli_error("--force: only with --out DIR (a folder that may hold results)");
    return 2;
  }
  return -1; /* go on */
}

/* "+0.0123 [+0.0100, +0.0146] *": the difference and its interval, starred
   when the interval excludes 0; the difference alone with one replicate. */
static void cmp_fmt_ci(char *buf, size_t n, double mean, double lo, double hi) {
  if (isnan(lo))
    snprintf(buf, n, "%+.4f", mean);
  else
    snprintf(buf, n, "%+.4f [%+.4f, %+.4f]%s", mean, lo, hi, (lo > 0 || hi < 0) ? " *" : "");
}

static void cmp_progress(void *ctx, uint64_t done, uint64_t total) {
  (void)total;
  gg_progress_update(ctx, done);
}

int gg_cmd_compare(int argc, char **argv) {
  const char *paths[2] = {NULL, NULL}, *out = NULL, *design = NULL;
  long reps = 10;
  uint64_t seed = 0;
  int has_seed = 0, quiet = 0, force = 0;
  int rc = cmp_parse(argc, argv, paths, &reps, &seed, &has_seed, &out, &design, &quiet, &force);
  if (rc >= 0) return rc;

  gg_scenario *base = gg_cli_load(paths[0]);
  if (!base) return 2;
  gg_scenario *what = gg_cli_load(paths[1]);
  if (!what) {
    gg_scenario_free(base);
    return 2;
  }
  gg_progress pr;
  gg_compare_options co = gg_compare_defaults();
  co.base = base;
  co.whatif = what;
  co.replicates = (int)reps;
  co.has_seed = has_seed;
  co.seed = seed;
  co.progress = cmp_progress;
  co.context = &pr;
  gg_progress_begin(&pr, (uint64_t)reps, quiet);
  gg_error err;
  gg_compare_result *res = NULL;
  int st = gg_compare_run(&co, &res, &err);
  gg_progress_end(&pr);
  int status = 0, csv = GG_STUDY_OK;
  if (st != GG_STUDY_OK) {
    gg_cli_error("%s", err.msg);
    status = st == GG_STUDY_MISMATCH ? 2 : 1;
    goto done;
  }
  double *effects = NULL;
  if (design) {
    effects = malloc((size_t)gg_compare_rows(res) * sizeof(double));
    if (!effects) {
      gg_cli_error("compare: out of memory");
      status = 1;
      goto done;
    }
    if (gg_compare_effects(res, design, effects, &err) != 0) {
      gg_cli_error("--design %s", err.msg);
      free(effects);
      status = 2;
      goto done;
    }
  }
  /* A file that cannot be opened: nothing printed. A write that fails: the
     table is printed, then the error. */
  if (out && !cmp_is_csv(out)) {
    const char **words = malloc((size_t)(argc + 1) * sizeof *words);
    if (!words) {
      gg_cli_error("compare: out of memory");
      free(effects);
      status = 1;
      goto done;
    }
    words[0] = "greatgame";
    for (int i = 0; i < argc; i++)
      words[i + 1] = argv[i];
    int w = gg_compare_write_dir(res, &co, out, paths[0], paths[1], design, effects, argc + 1,
                                 words, force, &err);
    free(words);
    if (w != GG_STUDY_OK) {
      if (w == GG_STUDY_OUTPUT_EXISTS)
        gg_cli_error("--out %s; use --force to overwrite", err.msg);
      else if (w == GG_STUDY_OUTPUT_FOREIGN)
        gg_cli_error("--out %s; use --force to write into it anyway", err.msg);
      else
        gg_cli_error("--out %s", err.msg);
      free(effects);
      status = 1;
      goto done;
    }
  } else if (out) {
    csv = gg_compare_write_csv(res, out, &err);
  }
  if (csv == GG_STUDY_OUTPUT_FILE) {
    gg_cli_error("--out %s: %s", out, err.msg);
    free(effects);
    status = 1;
    goto done;
  }
  printf("compare: %s vs %s, %ld replicate%s, seed %llu; WHATIF - BASE, 95%% CI of the Monte "
         "Carlo error of paired runs (* excludes 0)\n",
         gg_scenario_name(what), gg_scenario_name(base), reps, reps == 1 ? "" : "s",
         (unsigned long long)gg_compare_seed(res));
  if (effects)
    printf("effect: the difference at the end over the standard deviation of that share "
           "across the samples of %s\n",
           design);
  printf("%-8s %-10s %9s %9s  %-36s %-36s%s\n", "state", "component", "base end", "what end",
         "diff at end", "diff of mean over ticks", effects ? "   effect" : "");
  for (int i = 0; i < gg_compare_rows(res); i++) {
    const gg_compare_row *w = gg_compare_row_at(res, i);
    char t1[64], t2[64];
    cmp_fmt_ci(t1, sizeof t1, w->diff_end, w->diff_end_lo, w->diff_end_hi);
    cmp_fmt_ci(t2, sizeof t2, w->diff_mean, w->diff_mean_lo, w->diff_mean_hi);
    printf("%-8s %-10s %9.4f %9.4f  %-36s %-36s", w->state, w->component, w->base_end,
           w->whatif_end, t1, t2);
    if (effects && isnan(effects[i]))
      printf(" %8s", "-");
    else if (effects)
      printf(" %+8.2f", effects[i]);
    putchar('\n');
  }
  if (csv != GG_STUDY_OK) {
    gg_cli_error("--out %s: %s", out, err.msg);
    status = 1;
  }
  free(effects);
done:
  gg_compare_free(res);
  gg_scenario_free(what);
  gg_scenario_free(base);
  return status;
}
