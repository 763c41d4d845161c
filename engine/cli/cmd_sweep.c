/* greatgame sweep: run a design of parameter samples, each with replicates,
   on OpenMP threads, into design.csv, runs.csv, summary.csv and
   manifest.json; resumable after an interruption. */
#include "cmd_sweep.h"

#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char sweep_usage[] =
    "usage: greatgame sweep [SCENARIO] --param PATH=LO:HI[:STEPS]... [options]\n"
    "\n"
    "Run every sample of a design, each with replicates, and write\n"
    "design.csv, runs.csv, summary.csv and manifest.json into --out.\n"
    "Without SCENARIO the built-in baseline is used.\n"
    "\n"
    "  --param PATH=LO:HI[:STEPS]  a parameter to vary (paths as in --set, `*` allowed);\n"
    "                              STEPS (grid only, default 5) values from LO to HI\n"
    "  --design grid|random|lhs|sobol  full factorial (default), uniform random,\n"
    "                              Latin hypercube or Sobol quasi-random points\n"
    "  --samples N                 points of a random, lhs or sobol design (default 100)\n"
    "  --replicates R              runs per sample (default 1); replicate r has the same\n"
    "                              seed in every sample (common random numbers)\n"
    "  --independent-seeds         derive each run's seed from its sample too\n"
    "  --design-seed N             seed of the random and lhs designs (default: from\n"
    "                              the scenario seed)\n"
    "  --metric M                  a result to record, repeatable: final.STATE.COMP,\n"
    "                              mean.STATE.COMP, region.COMP, flips.STATE (`*` allowed;\n"
    "                              default final.*.* and region.*)\n"
    "  --set PATH=VALUE            change a parameter of the scenario first\n"
    "  --threads T                 worker threads (default: the processors); the files\n"
    "                              are identical for every T\n"
    "  --out DIR                   output folder (required)\n"
    "  --resume                    finish an interrupted sweep in DIR\n"
    "  --trajectories              also write trajectories.csv (every tick of every run)\n"
    "  --block-runs N              runs per checkpointed block (default 1000)\n"
    "  --keep-blocks               keep DIR/blocks after assembling the files\n"
    "  --quiet                     no progress bar\n";

static const char sens_usage[] =
    "usage: greatgame sensitivity [SCENARIO] --param PATH=LO:HI... --method sobol|morris\n"
    "                             --out DIR [options]\n"
    "\n"
    "Global sensitivity of sweep metrics to parameters. Sobol: Saltelli's design of\n"
    "N (D + 2) runs (N (2D + 2) with --second-order), first-order and total indices\n"
    "with bootstrap 95% half-widths. Morris: N trajectories of D + 1 runs on a p-level\n"
    "grid, elementary effects in unit-cube units. Writes indices.csv besides the\n"
    "sweep files, and prints a table.\n"
    "\n"
    "  --param PATH=LO:HI          a parameter (at least 1; at most 20 for sobol)\n"
    "  --method sobol|morris       the method (default sobol)\n"
    "  --samples N                 base points (sobol, default 512) or trajectories\n"
    "                              (morris, default 20)\n"
    "  --second-order              sobol: also second-order indices (indices2.csv)\n"
    "  --levels P                  morris: grid levels (default 4)\n"
    "  --metric M                  as for sweep (default final.*.* and region.*)\n"
    "  --replicates R              runs per design point; their mean is analysed (default 1)\n"
    "  --set, --threads, --design-seed, --independent-seeds, --resume, --block-runs,\n"
    "  --quiet                     as for sweep\n"
    "  --out DIR                   output folder (required)\n";

void sweep_cli_now(char *buf, size_t size) {
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void sweep_cli_progress(void *ctx, uint64_t done, uint64_t total) {
  (void)total;
  gg_progress_update(ctx, done);
}

static char *sweep_cli_join(char *acc, const char *sep, const char *add) {
  size_t a = acc ? strlen(acc) : 0, n = a + strlen(sep) + strlen(add) + 1;
  char *t = realloc(acc, n);
  if (!t) return acc;
  snprintf(t + a, n - a, "%s%s", a ? sep : "", add);
  return t;
}

int sweep_cli_parse(sweep_cli *c, int argc, char **argv, int sensitivity, int *stop) {
  memset(c, 0, sizeof *c);
  *stop = 0;
  const char *scenario = NULL, *design = NULL, *method = NULL;
  const char *metric_args[256];
  const char *set_args[256];
  int nmetric = 0, nset = 0, bad = 0;
  long samples = -1, replicates = 1, threads = omp_get_num_procs(), block_runs = SWEEP_BLOCK_RUNS;
  long levels = 4;
  uint64_t dseed = 0;
  int dseed_given = 0;
  sweep_opts *o = &c->o;
  c->command = sweep_cli_join(NULL, "", "greatgame");
  for (int i = 0; i < argc; i++)
    c->command = sweep_cli_join(c->command, " ", argv[i]);
  for (int i = 1; i < argc && !bad; i++) {
    const char *v;
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      fputs(sensitivity ? sens_usage : sweep_usage, stdout);
      *stop = 1;
      return 0;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--param", &bad))) {
      gg_error e;
      if (c->nparams == DESIGN_MAX_DIM) {
        gg_cli_error("--param %s: at most %d parameters", v, DESIGN_MAX_DIM);
        return 2;
      }
      if (sweep_param_parse(&c->params[c->nparams], v, &e) != 0) {
        gg_cli_error("--param %s: %s", v, e.msg);
        return 2;
      }
      c->nparams++;
    } else if (!sensitivity && (v = gg_cli_opt(argc, argv, &i, "--design", &bad))) {
      design = v;
    } else if (sensitivity && (v = gg_cli_opt(argc, argv, &i, "--method", &bad))) {
      method = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--samples", &bad))) {
      if (gg_cli_int("--samples", v, 1, 100000000L, &samples)) return 2;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--replicates", &bad))) {
      if (gg_cli_int("--replicates", v, 1, 100000000L, &replicates)) return 2;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--threads", &bad))) {
      if (gg_cli_int("--threads", v, 1, 4096, &threads)) return 2;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--block-runs", &bad))) {
      if (gg_cli_int("--block-runs", v, 1, 100000000L, &block_runs)) return 2;
    } else if (sensitivity && (v = gg_cli_opt(argc, argv, &i, "--levels", &bad))) {
      if (gg_cli_int("--levels", v, 2, 1000, &levels)) return 2;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--design-seed", &bad))) {
      if (gg_cli_u64("--design-seed", v, &dseed)) return 2;
      dseed_given = 1;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--metric", &bad))) {
      if (nmetric == 256) {
        gg_cli_error("--metric %s: at most 256 --metric options", v);
        return 2;
      }
      metric_args[nmetric++] = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--set", &bad))) {
      if (nset == 256) {
        gg_cli_error("--set %s: at most 256 --set options", v);
        return 2;
      }
      set_args[nset++] = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--out", &bad))) {
      o->out = v;
    } else if (strcmp(a, "--resume") == 0) {
      o->resume = 1;
    } else if (!sensitivity && strcmp(a, "--trajectories") == 0) {
      o->trajectories = 1;
    } else if (sensitivity && strcmp(a, "--second-order") == 0) {
      o->second = 1;
    } else if (strcmp(a, "--independent-seeds") == 0) {
      o->independent_seeds = 1;
    } else if (strcmp(a, "--keep-blocks") == 0) {
      o->keep_blocks = 1;
    } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
      c->quiet = 1;
    } else if (a[0] == '-' && a[1] != '\0') {
      gg_cli_error("%s: unknown option (see greatgame %s --help)", a, argv[0]);
      return 2;
    } else if (!scenario) {
      scenario = a;
    } else {
      gg_cli_error("%s: only one scenario is allowed", a);
      return 2;
    }
  }
  if (bad) return 2;
  if (c->nparams == 0) {
    gg_cli_error("--param: at least one PATH=LO:HI is required (see greatgame %s --help)", argv[0]);
    return 2;
  }
  if (!o->out) {
    gg_cli_error("--out: an output folder is required");
    return 2;
  }
  if (sensitivity) {
    const char *m = method ? method : "sobol";
    if (strcmp(m, "sobol") == 0) {
      o->kind = DESIGN_SALTELLI;
      if (c->nparams > DESIGN_MAX_DIM / 2) {
        gg_cli_error("--param: sobol takes at most %d parameters", DESIGN_MAX_DIM / 2);
        return 2;
      }
    } else if (strcmp(m, "morris") == 0) {
      o->kind = DESIGN_MORRIS;
    } else {
      gg_cli_error("--method %s: expected sobol or morris", m);
      return 2;
    }
    if (o->kind == DESIGN_MORRIS && o->second) {
      gg_cli_error("--second-order: applies to --method sobol only");
      return 2;
    }
    if (samples < 0) samples = o->kind == DESIGN_SALTELLI ? 512 : 20;
    if (samples < 2) {
      gg_cli_error("--samples %ld: sensitivity needs at least 2", samples);
      return 2;
    }
    for (int j = 0; j < c->nparams; j++) {
      if (c->params[j].steps) {
        gg_cli_error("--param %s: STEPS does not apply to sensitivity", c->params[j].path);
        return 2;
      }
    }
    o->levels = o->kind == DESIGN_MORRIS ? (int)levels : 0;
  } else {
    int k = design ? design_parse(design) : DESIGN_GRID;
    if (k < 0 || k > DESIGN_SOBOL) {
      gg_cli_error("--design %s: expected grid, random, lhs or sobol", design);
      return 2;
    }
    o->kind = (design_kind)k;
    if (o->kind == DESIGN_GRID && samples >= 0) {
      gg_cli_error("--samples: a grid has one sample per combination of STEPS; "
                   "use --design random, lhs or sobol");
      return 2;
    }
    if (samples < 0) samples = 100;
  }
  if (o->kind == DESIGN_SOBOL || o->kind == DESIGN_SALTELLI)
    dseed_given = 1; /* deterministic points: the seed only bootstraps */
  c->sc = gg_cli_load(scenario);
  if (!c->sc) return 2;
  for (int i = 0; i < nset; i++) {
    if (gg_cli_apply_set(c->sc, set_args[i]) != 0) return 2;
    c->sets = sweep_cli_join(c->sets, ";", set_args[i]);
  }
  gg_error e;
  for (int i = 0; i < nmetric; i++) {
    if (metrics_add(&c->metrics, c->sc, metric_args[i], &e) != 0) {
      gg_cli_error("--metric %s", e.msg);
      return 2;
    }
  }
  if (nmetric == 0 && metrics_default(&c->metrics, c->sc, &e) != 0) {
    gg_cli_error("--metric: %s", e.msg);
    return 2;
  }
  if (!dseed_given) dseed = gg_mix64(gg_scenario_seed(c->sc) ^ 0x64657369676eULL); /* "design" */
  o->sc = c->sc;
  o->sets = c->sets ? c->sets : "";
  o->params = c->params;
  o->nparams = c->nparams;
  o->samples = samples;
  o->replicates = (int)replicates;
  o->design_seed = dseed;
  o->metrics = &c->metrics;
  o->block_runs = block_runs;
  o->threads = (int)threads;
  o->command = c->command;
  sweep_cli_now(c->started, sizeof c->started);
  o->started = c->started;
  o->now = sweep_cli_now;
  o->progress = sweep_cli_progress;
  o->progress_ctx = &c->pr;
  return 0;
}

int sweep_cli_run(sweep_cli *c, sweep *sw) {
  gg_error e;
  if (sweep_init(sw, &c->o, &e) != 0) {
    gg_cli_error("%s", e.msg);
    return 2;
  }
  gg_progress_begin(&c->pr, (uint64_t)sw->runs, c->quiet);
  int rc = sweep_execute(sw, &e);
  gg_progress_end(&c->pr);
  if (rc != 0) {
    gg_cli_error("%s", e.msg);
    return strncmp(e.msg, "--", 2) == 0 ? 2 : 1;
  }
  return 0;
}

void sweep_cli_free(sweep_cli *c) {
  gg_scenario_free(c->sc);
  metrics_free(&c->metrics);
  free(c->sets);
  free(c->command);
  memset(c, 0, sizeof *c);
}

int gg_cmd_sweep(int argc, char **argv) {
  sweep_cli c;
  int stop;
  int rc = sweep_cli_parse(&c, argc, argv, 0, &stop);
  if (rc != 0 || stop) {
    sweep_cli_free(&c);
    return rc;
  }
  sweep sw;
  double t0 = gg_cli_now();
  rc = sweep_cli_run(&c, &sw);
  if (rc == 2 && !sw.key) {
    sweep_cli_free(&c);
    return rc;
  }
  double dt = gg_cli_now() - t0;
  if (rc == 0) {
    if (sw.was_complete) {
      printf("%s: the sweep is already complete\n", c.o.out);
    } else {
      long ran = sw.runs_run;
      if (sw.blocks_reused > 0)
        printf("resumed: %ld of %ld blocks were already done\n", sw.blocks_reused, sw.blocks);
      printf("%ld samples x %d replicates = %ld runs (%ld failed); %ld run now in %.2f s, "
             "%.0f runs/s on %d threads\n",
             sw.ds.n, c.o.replicates, sw.runs, sw.runs_failed, ran, dt,
             dt > 0 ? (double)ran / dt : 0.0, c.o.threads);
      printf("wrote %s/design.csv, runs.csv, summary.csv%s, manifest.json\n", c.o.out,
             c.o.trajectories ? ", trajectories.csv" : "");
    }
  }
  sweep_free(&sw);
  sweep_cli_free(&c);
  return rc;
}
