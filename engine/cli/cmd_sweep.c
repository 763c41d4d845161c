/* greatgame sweep: run a design of parameter samples, each with replicates,
   on OpenMP threads, into design.csv, runs.csv, summary.csv and
   manifest.json; resumable after an interruption. The arguments become a
   gg_sweep_options; the library (gg_sweep_run) does the rest. Under mpirun
   the ranks share the folder through the library's steps. */
#include "cmd_sweep.h"
#include "signals.h"

#ifdef GG_HAVE_MPI
#include <mpi.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char sweep_usage[] =
    "usage: greatgame sweep [SCENARIO] --param PATH=LO:HI[:STEPS]... [--factor PATH=A,B]...\n"
    "                       [options]\n"
    "\n"
    "Run every sample of a design, each with replicates, and write\n"
    "design.csv, runs.csv, summary.csv and manifest.json into --out.\n"
    "Without SCENARIO the built-in baseline is used.\n"
    "\n"
    "  --param PATH=LO:HI[:STEPS]  a parameter to vary (paths as in --set, `*` allowed);\n"
    "                              STEPS (grid only, default 5) values from LO to HI\n"
    "  --factor PATH=A,B[,...]     a structural choice to vary, by its levels:\n"
    "                              powers.ID.strategy=fixed,contest, events.N.enabled=0,1\n"
    "                              (N counts the scenario's events from 1),\n"
    "                              blocs.ID.enabled=0,1, scenario=A.json,B.json\n"
    "  --design grid|random|lhs|sobol  full factorial (default), uniform random,\n"
    "                              Latin hypercube or Sobol quasi-random points\n"
    "  --samples N                 points of a random, lhs or sobol design (default 100)\n"
    "  --replicates R              runs per sample (default 1); replicate r has the same\n"
    "                              seed in every sample (common random numbers)\n"
    "  --independent-seeds         derive each run's seed from its sample too\n"
    "  --design-seed N             seed of the random and lhs designs (default: from\n"
    "                              the scenario seed)\n"
    "  --metric M                  a result to record, repeatable (`*` allowed; default\n"
    "                              final.*.* and region.*): final., mean., min., max.\n"
    "                              STATE.COMP, at.STATE.COMP@DATE, first.STATE.COMP>=X,\n"
    "                              stock.STATE.POWER.CHANNEL[@DATE],\n"
    "                              utility.STATE.COMP[@DATE],\n"
    "                              indicator.NAME.STATE[.PARTNER][@DATE], region.COMP,\n"
    "                              flips.STATE\n"
    "  --set PATH=VALUE            change a parameter of the scenario first\n"
    "  --threads T                 worker threads (default: the processors); the files\n"
    "                              are identical for every T\n"
    "  --lanes N|auto              runs each thread steps together in SIMD lanes (default\n"
    "                              auto: a batch suited to the machine; 1: one run at a\n"
    "                              time); the files are identical for every N. The\n"
    "                              environment variable GREATGAME_BATCH_ISA=avx512f|avx2|\n"
    "                              generic picks the instruction set (default: the best)\n"
    "  --out DIR                   output folder (required)\n"
    "  --resume                    finish an interrupted sweep in DIR\n"
    "  --force                     start over in DIR: remove the results greatgame wrote\n"
    "                              there first (no other file is touched)\n"
    "  --trajectories              also write trajectories.csv (every tick of every run)\n"
    "  --trajectories=KINDS        record KINDS at every tick of every run, comma-separated:\n"
    "                              shares (trajectories.csv), stocks, indicators (scenarios\n"
    "                              with a measurement section) and ties (GG-2), each in\n"
    "                              trajectories_KIND.csv with the columns of run --out's\n"
    "                              file; stocks, indicators and ties run one run at a time\n"
    "  --block-runs N              runs per checkpointed block (default 1000)\n"
    "  --keep-blocks               keep DIR/blocks after assembling the files\n"
    "  --shard I/N|auto            run only the blocks b with b % N = I into DIR/blocks and\n"
    "                              write DIR/shard.json; join the N shard folders with\n"
    "                              greatgame merge; auto takes I and N from a Slurm array\n"
    "                              job (SLURM_ARRAY_TASK_ID, _MIN, _STEP, _COUNT)\n"
    "  --quiet                     no progress bar\n";

static const char sens_usage[] =
    "usage: greatgame sensitivity [SCENARIO] --param PATH=LO:HI...\n"
    "                             --method sobol|morris|efast --out DIR [options]\n"
    "\n"
    "Global sensitivity of sweep metrics to parameters. Sobol: Saltelli's design of\n"
    "N (D + 2) runs (N (2D + 2) with --second-order), first-order and total indices\n"
    "with bootstrap 95% half-widths. Morris: N trajectories of D + 1 runs on a p-level\n"
    "grid, elementary effects in unit-cube units. eFAST: N points per parameter\n"
    "(N D runs), first-order and total indices from the Fourier spectrum. Writes\n"
    "indices.csv besides the sweep files, and prints a table.\n"
    "\n"
    "  --param PATH=LO:HI          a parameter (at least 1; at most 20 for sobol)\n"
    "  --factor PATH=A,B[,...]     a structural choice, as for sweep\n"
    "  --method sobol|morris|efast the method (default sobol)\n"
    "  --samples N                 base points (sobol, default 512), trajectories\n"
    "                              (morris, default 20) or points per parameter\n"
    "                              (efast, default 1000, more than 64)\n"
    "  --second-order              sobol: also second-order indices (indices2.csv)\n"
    "  --levels P                  morris: grid levels (default 4)\n"
    "  --metric M                  as for sweep (default final.*.* and region.*)\n"
    "  --replicates R              runs per design point; their mean is analysed (default 1)\n"
    "  --set, --threads, --lanes, --design-seed, --independent-seeds, --resume,\n"
    "  --force, --block-runs, --quiet  as for sweep\n"
    "  --out DIR                   output folder (required)\n";

static void sweep_cli_progress(void *ctx, uint64_t done, uint64_t total) {
  sweep_cli *c = ctx;
  if (!c->pr_begun) {
    gg_progress_begin(&c->pr, total, c->quiet);
    c->pr_begun = 1;
  }
  gg_progress_update(&c->pr, done);
}

void sweep_cli_progress_end(sweep_cli *c) {
  if (c->pr_begun) gg_progress_end(&c->pr);
  c->pr_begun = 0;
}

static int sweep_cli_interrupted(void *ctx) {
  (void)ctx;
  return gg_cli_interrupted();
}

static char *sweep_cli_join(char *acc, const char *sep, const char *add) {
  size_t a = acc ? strlen(acc) : 0, n = a + strlen(sep) + strlen(add) + 1;
  char *t = realloc(acc, n);
  if (!t) return acc;
  snprintf(t + a, n - a, "%s%s", a ? sep : "", add);
  return t;
}

/* --trajectories=KINDS: "shares,stocks,indicators,ties" (any of them) as
   gg_sweep_options.trajectories' mask (bits 0 to 3 in that order). 0, or 2
   with the error printed. */
static int sweep_cli_trajectories(const char *kinds, gg_sweep_options *o) {
  static const char *const names[] = {"shares", "stocks", "indicators", "ties"};
  int mask = 0;
  for (const char *p = kinds;;) {
    size_t n = strcspn(p, ",");
    int k = 0;
    while (k < 4 && !(strlen(names[k]) == n && strncmp(p, names[k], n) == 0))
      k++;
    if (k == 4) {
      gg_cli_error("--trajectories=%s: \"%.*s\": expected shares, stocks, indicators or ties "
                   "(comma-separated)",
                   kinds, (int)(n < 100 ? n : 100), p);
      return 2;
    }
    mask |= 1 << k;
    if (p[n] == '\0') break;
    p += n + 1;
  }
  o->trajectories = mask;
  return 0;
}

int sweep_cli_parse(sweep_cli *c, int argc, char **argv, int sensitivity, int *stop) {
  memset(c, 0, sizeof *c);
  *stop = 0;
  c->so = gg_sensitivity_defaults();
  gg_sweep_options *o = &c->so.sweep;
  *o = gg_sweep_defaults();
  const char *scenario = NULL, *design = NULL, *method = NULL;
  int bad = 0;
  long samples = -1, v;
  c->command = sweep_cli_join(NULL, "", "greatgame");
  for (int i = 0; i < argc; i++)
    c->command = sweep_cli_join(c->command, " ", argv[i]);
  c->keep = malloc((size_t)(argc > 0 ? argc : 1) * sizeof(char *));
  if (!c->keep) {
    gg_cli_error("%s: out of memory", argv[0]);
    return 1;
  }
  for (int i = 1; i < argc && !bad; i++) {
    const char *val;
    const char *a = argv[i];
    int i0 = i, drop = 0;
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      fputs(sensitivity ? sens_usage : sweep_usage, stdout);
      *stop = 1;
      return 0;
    } else if ((val = gg_cli_opt(argc, argv, &i, "--param", &bad))) {
      gg_error e;
      if (o->nparams == GG_SWEEP_MAX_PARAMS) {
        gg_cli_error("--param %s: at most %d parameters", val, GG_SWEEP_MAX_PARAMS);
        return 2;
      }
      if (gg_sweep_param_parse(val, &c->params[o->nparams], &e) != 0) {
        gg_cli_error("--param %s", e.msg);
        return 2;
      }
      o->nparams++;
    } else if ((val = gg_cli_opt(argc, argv, &i, "--factor", &bad))) {
      gg_error e;
      if (o->nfactors == GG_SWEEP_MAX_FACTORS) {
        gg_cli_error("--factor %s: at most %d factors", val, GG_SWEEP_MAX_FACTORS);
        return 2;
      }
      if (gg_sweep_factor_parse(val, &c->factors[o->nfactors], &e) != 0) {
        gg_cli_error("--factor %s", e.msg);
        return 2;
      }
      o->nfactors++;
    } else if (!sensitivity && (val = gg_cli_opt(argc, argv, &i, "--design", &bad))) {
      design = val;
    } else if (sensitivity && (val = gg_cli_opt(argc, argv, &i, "--method", &bad))) {
      method = val;
    } else if ((val = gg_cli_opt(argc, argv, &i, "--samples", &bad))) {
      if (gg_cli_int("--samples", val, 1, 100000000L, &samples)) return 2;
    } else if ((val = gg_cli_opt(argc, argv, &i, "--replicates", &bad))) {
      if (gg_cli_int("--replicates", val, 1, 100000000L, &v)) return 2;
      o->replicates = (int)v;
    } else if ((val = gg_cli_opt(argc, argv, &i, "--threads", &bad))) {
      if (gg_cli_int("--threads", val, 1, 4096, &v)) return 2;
      o->threads = (int)v;
      drop = 1;
    } else if ((val = gg_cli_opt(argc, argv, &i, "--lanes", &bad))) {
      char *end;
      long n = strcmp(val, "auto") == 0 ? 0 : strtol(val, &end, 10);
      if (n != 0 && (!val[0] || *end || n < 1 || n > 4096)) n = -1;
      if (n < 0 || (n == 0 && strcmp(val, "auto") != 0)) {
        gg_cli_error("--lanes: expected auto or a whole number from 1 to 4096, got \"%s\"", val);
        return 2;
      }
      o->lanes = (int)n;
      drop = 1;
    } else if ((val = gg_cli_opt(argc, argv, &i, "--block-runs", &bad))) {
      if (gg_cli_int("--block-runs", val, 1, 100000000L, &o->block_runs)) return 2;
    } else if (sensitivity && (val = gg_cli_opt(argc, argv, &i, "--levels", &bad))) {
      if (gg_cli_int("--levels", val, 2, 1000, &v)) return 2;
      c->so.levels = (int)v;
    } else if ((val = gg_cli_opt(argc, argv, &i, "--design-seed", &bad))) {
      if (gg_cli_u64("--design-seed", val, &o->design_seed)) return 2;
      o->design_seed_given = 1;
    } else if ((val = gg_cli_opt(argc, argv, &i, "--metric", &bad))) {
      if (o->nmetrics == SWEEP_CLI_MAX_LIST) {
        gg_cli_error("--metric %s: at most %d --metric options", val, SWEEP_CLI_MAX_LIST);
        return 2;
      }
      c->metrics[o->nmetrics++] = val;
    } else if ((val = gg_cli_opt(argc, argv, &i, "--set", &bad))) {
      if (o->nsets == SWEEP_CLI_MAX_LIST) {
        gg_cli_error("--set %s: at most %d --set options", val, SWEEP_CLI_MAX_LIST);
        return 2;
      }
      c->sets[o->nsets++] = val;
    } else if ((val = gg_cli_opt(argc, argv, &i, "--out", &bad))) {
      o->out = val;
      drop = 1;
    } else if (!sensitivity && (val = gg_cli_opt(argc, argv, &i, "--shard", &bad))) {
      c->shard = val;
      drop = 1;
    } else if (strcmp(a, "--resume") == 0) {
      o->resume = 1;
      drop = 1;
    } else if (!sensitivity && strcmp(a, "--trajectories") == 0) {
      o->trajectories = 1;
    } else if (!sensitivity && strncmp(a, "--trajectories=", 15) == 0) {
      if (sweep_cli_trajectories(a + 15, o) != 0) return 2;
    } else if (sensitivity && strcmp(a, "--second-order") == 0) {
      c->so.second_order = 1;
    } else if (strcmp(a, "--independent-seeds") == 0) {
      o->independent_seeds = 1;
    } else if (strcmp(a, "--keep-blocks") == 0) {
      o->keep_blocks = 1;
      drop = 1;
    } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
      c->quiet = 1;
      drop = 1;
    } else if (strcmp(a, "--force") == 0) {
      o->force = 1;
      drop = 1;
    } else if (a[0] == '-' && a[1] != '\0') {
      static const char *const sweep_opts[] = {
          "--param",       "--factor",     "--design",      "--samples",      "--replicates",
          "--threads",     "--block-runs", "--design-seed", "--metric",       "--set",
          "--out",         "--shard",      "--resume",      "--trajectories", "--independent-seeds",
          "--keep-blocks", "--quiet",      "--force",       "--lanes",        NULL};
      static const char *const sens_opts[] = {
          "--param",       "--factor",     "--method", "--samples",      "--replicates",
          "--threads",     "--block-runs", "--levels", "--design-seed",  "--metric",
          "--set",         "--out",        "--resume", "--second-order", "--independent-seeds",
          "--keep-blocks", "--quiet",      "--force",  "--lanes",        NULL};
      gg_cli_unknown_option(a, argv[0], sensitivity ? sens_opts : sweep_opts);
      return 2;
    } else if (!scenario) {
      scenario = a;
      drop = 1;
    } else {
      gg_cli_error("%s: only one scenario is allowed", a);
      return 2;
    }
    for (int k = i0; !drop && !bad && k <= i; k++)
      c->keep[c->nkeep++] = argv[k];
  }
  if (bad) return 2;
  o->params = c->params;
  o->factors = c->factors;
  o->metrics = c->metrics;
  o->sets = c->sets;
  if (o->nparams == 0 && o->nfactors == 0) {
    gg_cli_error("--param: at least one PATH=LO:HI (or a --factor) is required (see greatgame %s "
                 "--help)",
                 argv[0]);
    return 2;
  }
  if (!o->out) {
    gg_cli_error("--out: an output folder is required");
    return 2;
  }
  if (sensitivity) {
    const char *m = method ? method : "sobol";
    if (strcmp(m, "sobol") == 0) {
      c->so.method = GG_SENSITIVITY_SOBOL;
    } else if (strcmp(m, "morris") == 0) {
      c->so.method = GG_SENSITIVITY_MORRIS;
    } else if (strcmp(m, "efast") == 0) {
      c->so.method = GG_SENSITIVITY_EFAST;
    } else {
      gg_cli_error("--method %s: expected sobol, morris or efast", m);
      return 2;
    }
    o->samples = samples < 0 ? 0 : samples; /* 0: the method's default */
    gg_sweep_result res;
    gg_error e;
    if (gg_sensitivity_check(&c->so, &res, &e) != 0) return sweep_cli_fail(&res, &e, 0);
  } else {
    if (design && gg_design_from_name(design, &o->design) != 0) {
      gg_cli_error("--design %s: expected grid, random, lhs or sobol", design);
      return 2;
    }
    if (o->design == GG_DESIGN_GRID && samples >= 0) {
      gg_cli_error("--samples: a grid has one sample per combination of STEPS; "
                   "use --design random, lhs or sobol");
      return 2;
    }
    if (samples >= 0) o->samples = samples;
  }
  const char *isa = getenv("GREATGAME_BATCH_ISA");
  if (isa && isa[0]) {
    if (strcmp(isa, "avx512f") != 0 && strcmp(isa, "avx2") != 0 && strcmp(isa, "generic") != 0) {
      gg_cli_error("GREATGAME_BATCH_ISA=%s: expected avx512f, avx2 or generic", isa);
      return 2;
    }
    if (!gg_batch_isa_available(isa)) {
      gg_cli_error("GREATGAME_BATCH_ISA=%s: this machine (or this build) lacks it", isa);
      return 2;
    }
    o->batch_isa = isa;
  }
  c->sc = gg_cli_load(scenario);
  if (!c->sc) return 2;
  o->scenario = c->sc;
  o->command = c->command;
  o->progress = sweep_cli_progress;
  o->interrupted = sweep_cli_interrupted;
  o->temp_file = gg_cli_temp_file; /* the lock and temporary files, for a second signal */
  o->callback_ctx = c;
  gg_cli_signals_install();
  return 0;
}

void sweep_cli_free(sweep_cli *c) {
  gg_scenario_free(c->sc);
  free(c->command);
  free(c->keep);
  memset(c, 0, sizeof *c);
}

/* Replace the first `from` in buf by `to` (when it fits). */
static void sweep_cli_replace(char *buf, size_t size, const char *from, const char *to) {
  char *at = strstr(buf, from);
  if (!at) return;
  size_t fl = strlen(from), tl = strlen(to), rest = strlen(at + fl);
  if ((size_t)(at - buf) + tl + rest + 1 > size) return;
  memmove(at + tl, at + fl, rest + 1);
  memcpy(at, to, tl);
}

void sweep_cli_words(gg_sweep_error error, const gg_sweep_result *res, const char *msg, char *out,
                     size_t size) {
  /* The library starts a message with the field at fault; we name the
     option, and say the hints in the program's terms. */
  static const struct {
    gg_sweep_error error;
    const char *field, *option;
  } words[] = {{GG_SWEEP_ERR_PARAMS, "params", "--param"},
               {GG_SWEEP_ERR_FACTORS, "factors", "--factor"},
               {GG_SWEEP_ERR_PARAM_STEPS, "params", "--param"},
               {GG_SWEEP_ERR_SETS, "sets", "--set"},
               {GG_SWEEP_ERR_METRICS, "metrics", "--metric"},
               {GG_SWEEP_ERR_SAMPLES, "samples", "--samples"},
               {GG_SWEEP_ERR_REPLICATES, "replicates", "--replicates"},
               {GG_SWEEP_ERR_BLOCK_RUNS, "block_runs", "--block-runs"},
               {GG_SWEEP_ERR_THREADS, "threads", "--threads"},
               {GG_SWEEP_ERR_LANES, "lanes", "--lanes"},
               {GG_SWEEP_ERR_LEVELS, "levels", "--levels"},
               {GG_SWEEP_ERR_METHOD, "method", "--method"},
               {GG_SWEEP_ERR_SECOND_ORDER, "second_order", "--second-order"},
               {GG_SWEEP_ERR_SHARD, "shard", "--shard"},
               {GG_SWEEP_ERR_OUT_OTHER_SHARD, "shard", "--shard"},
               {GG_SWEEP_ERR_OUT_WHOLE_SWEEP, "shard", "--shard"},
               {GG_SWEEP_ERR_OUT, "out", "--out"},
               {GG_SWEEP_ERR_OUT_HOLDS_RESULTS, "out", "--out"},
               {GG_SWEEP_ERR_OUT_HOLDS_SHARD, "out", "--out"},
               {GG_SWEEP_ERR_OUT_BUSY, "out", "--out"},
               {GG_SWEEP_ERR_OUT_FOREIGN, "out", "--out"},
               {GG_SWEEP_ERR_OUT_OTHER_SWEEP, "resume", "--resume"}};
  static const struct {
    gg_sweep_error error;
    const char *lib, *cli;
  } hints[] = {
      {GG_SWEEP_ERR_PARAM_STEPS, ": steps apply to the grid design only",
       ": STEPS applies to --design grid only"},
      {GG_SWEEP_ERR_PARAM_STEPS, ": steps do not apply to sensitivity",
       ": STEPS does not apply to sensitivity"},
      {GG_SWEEP_ERR_PARAMS, "(fix a value with sets)", "(fix a value with --set)"},
      {GG_SWEEP_ERR_PARAMS, ": also given in sets as ", ": also given as --set "},
      {GG_SWEEP_ERR_SECOND_ORDER, ": applies to the sobol method only",
       ": applies to --method sobol only"},
      {GG_SWEEP_ERR_SHARD, ", or give I/N)", ", or give --shard I/N)"},
      {GG_SWEEP_ERR_SHARD, ", or I/N)", ", or --shard I/N)"},
      {GG_SWEEP_ERR_OUT_HOLDS_RESULTS,
       " (set resume to finish an interrupted sweep, force to start over, or use another folder)",
       " (use --resume to finish an interrupted sweep, --force to start over, or another "
       "folder)"},
      {GG_SWEEP_ERR_OUT_OTHER_SWEEP, "(scenario, sets, params, design,",
       "(scenario, --set, --param, design,"},
      {GG_SWEEP_ERR_SHARDS, "scenario, sets, params, design", "scenario, --set, --param, design"},
      {GG_SWEEP_ERR_SHARDS, "(run its sweep again with resume)",
       "(run its sweep again with --resume)"},
      {GG_SWEEP_ERR_NOT_SHARD, ": not a folder written by a sweep shard",
       ": not a folder written by greatgame sweep --shard"}};
  snprintf(out, size, "%s", msg);
  for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
    size_t n = strlen(words[k].field);
    if (words[k].error != error || strncmp(msg, words[k].field, n) != 0 ||
        (msg[n] != ' ' && msg[n] != ':'))
      continue;
    snprintf(out, size, "%s%s", words[k].option, msg + n);
    break;
  }
  for (size_t k = 0; k < sizeof hints / sizeof hints[0]; k++)
    if (hints[k].error == error) sweep_cli_replace(out, size, hints[k].lib, hints[k].cli);
  if (error == GG_SWEEP_ERR_OUT_FOREIGN) {
    size_t n = strlen(out);
    snprintf(out + n, size - n, "; use an empty or new folder");
  }
  if (error == GG_SWEEP_ERR_OUT_HOLDS_SHARD && res) {
    char cli[200];
    snprintf(cli, sizeof cli,
             "; continue it with --shard %d/%d --resume, or join the shards with greatgame merge",
             res->other_shard_index, res->other_shard_count);
    sweep_cli_replace(out, size, "; continue it as that shard with resume, or merge the shards",
                      cli);
  }
}

void sweep_cli_warnings(const gg_sweep_result *res) {
  char msg[2048];
  for (int k = 0; k < res->nwarnings; k++) {
    const char *w = res->warnings[k];
    sweep_cli_words(strncmp(w, "samples", 7) == 0 ? GG_SWEEP_ERR_SAMPLES : GG_SWEEP_ERR_PARAMS, res,
                    w, msg, sizeof msg);
    fprintf(stderr, "warning: %s\n", msg);
  }
}

int sweep_cli_fail(const gg_sweep_result *res, const gg_error *e, int interruptible) {
  /* exit 1 for what went wrong with the output folder (as run, compare and
     discover: busy, already holding results or a shard, another sweep's or
     not greatgame's), 2 for bad input */
  int runtime =
      res->error == GG_SWEEP_ERR_RUNTIME || res->error == GG_SWEEP_ERR_INTERRUPTED ||
      res->error == GG_SWEEP_ERR_OUT_BUSY || res->error == GG_SWEEP_ERR_OUT_HOLDS_RESULTS ||
      res->error == GG_SWEEP_ERR_OUT_HOLDS_SHARD || res->error == GG_SWEEP_ERR_OUT_FOREIGN ||
      res->error == GG_SWEEP_ERR_OUT_OTHER_SWEEP || res->error == GG_SWEEP_ERR_OUT_OTHER_SHARD ||
      res->error == GG_SWEEP_ERR_OUT_WHOLE_SWEEP;
  if (interruptible && runtime && gg_cli_interrupted())
    return gg_cli_interrupt_report("sweep",
                                   "finished blocks are kept: run the same command with --resume");
  char msg[2048];
  sweep_cli_words(res->error, res, e->msg, msg, sizeof msg);
  gg_cli_error("%s", msg);
  return runtime ? 1 : 2;
}

static void sweep_cli_report(const sweep_cli *c, const gg_sweep_result *r, long ran, long reused,
                             double dt, int procs) {
  const char *out = c->so.sweep.out;
  if (r->was_complete) {
    printf("%s: the sweep is already complete\n", out);
    return;
  }
  if (reused > 0) printf("resumed: %ld of %ld blocks were already done\n", reused, r->blocks);
  printf("%ld samples x %d replicates = %ld runs (%ld failed); this call made %ld of them in "
         "%.2f s, %.0f runs/s on %d threads",
         r->samples, r->replicates, r->runs, r->runs_failed, ran, dt,
         dt > 0 ? (double)ran / dt : 0.0, r->threads);
  if (procs > 1) printf(" x %d processes", procs);
  printf("\nwrote %s/design.csv, runs.csv, summary.csv%s%s%s%s, manifest.json\n", out,
         r->trajectories & 1 ? ", trajectories.csv" : "",
         r->trajectories & 2 ? ", trajectories_stocks.csv" : "",
         r->trajectories & 4 ? ", trajectories_indicators.csv" : "",
         r->trajectories & 8 ? ", trajectories_ties.csv" : "");
}

static void sweep_cli_shard_report(const sweep_cli *c, const gg_sweep_result *r, double dt) {
  const char *out = c->so.sweep.out;
  if (r->blocks_reused > 0)
    printf("resumed: %ld of the shard's %ld blocks were already done\n", r->blocks_reused,
           r->part_blocks);
  printf("shard %d/%d: %ld of %ld blocks, %ld runs; this call made %ld of them in %.2f s, %.0f "
         "runs/s on %d threads\n",
         r->shard_index, r->shard_count, r->part_blocks, r->blocks, r->part_runs, r->runs_run, dt,
         dt > 0 ? (double)r->runs_run / dt : 0.0, r->threads);
  if (r->part_blocks == 0)
    printf("note: this shard has no block: the sweep has %ld blocks for %d shards (a smaller "
           "--block-runs makes more blocks)\n",
           r->blocks, r->shard_count);
  printf("wrote %s/blocks and %s/shard.json; join the %d shards with: greatgame merge OUT "
         "SHARD_DIR...\n",
         out, out, r->shard_count);
}

/* The sweep, or one shard of it, in this process. */
static int sweep_cli_single(sweep_cli *c) {
  gg_sweep_options *o = &c->so.sweep;
  gg_sweep_result res;
  gg_error e;
  if (c->shard) {
    o->shard_spec = c->shard;
    o->shard_args = (const char *const *)c->keep;
    o->nshard_args = c->nkeep;
  }
  double t0 = gg_cli_now();
  int rc = gg_sweep_run(o, &res, &e);
  sweep_cli_progress_end(c);
  if (rc != 0) return sweep_cli_fail(&res, &e, 1);
  sweep_cli_warnings(&res);
  double dt = gg_cli_now() - t0;
  if (c->shard)
    sweep_cli_shard_report(c, &res, dt);
  else
    sweep_cli_report(c, &res, res.runs_run, res.blocks_reused, dt, 1);
  return 0;
}

#ifdef GG_HAVE_MPI
/* Started by mpirun (or srun with PMI)? Without a launcher the program runs
   as one process and never touches MPI. */
static int sweep_mpi_launched(void) {
  return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMIX_RANK") || getenv("PMI_RANK") ||
         getenv("PMI_SIZE");
}

/* Wait for a collective without spinning: a rank that is done early must
   not take a processor from the ranks still running on the same node. */
static void sweep_mpi_wait(MPI_Request *req) {
  int done = 0;
  while (MPI_Test(req, &done, MPI_STATUS_IGNORE) == MPI_SUCCESS && !done) {
    struct timespec pause = {0, 2000000}; /* 2 ms */
    nanosleep(&pause, NULL);
  }
}

/* Every rank runs its part of the blocks (the library's process_index and
   process_count) into the same folder; rank 0 prepares the folder first and
   assembles the files after all are done. Only rank 0 prints, except for a
   rank's own failure and for errors every rank finds in the arguments. */
static int sweep_mpi_ranks(sweep_cli *c, int rank, int size) {
  gg_sweep_options *o = &c->so.sweep;
  gg_sweep_result res;
  gg_error e;
  o->process_index = rank;
  o->process_count = size;
  if (rank != 0) c->quiet = 1;
  double t0 = gg_cli_now();
  /* Every rank builds the same sweep; only rank 0 reports a bad one. */
  gg_sweep *sw = gg_sweep_create(o, &res, &e);
  if (!sw) {
    int all = res.error == GG_SWEEP_ERR_SETS || res.error == GG_SWEEP_ERR_METRICS;
    if (rank == 0 || all) sweep_cli_fail(&res, &e, 0);
    return 2;
  }
  int state[2] = {0, 0}; /* exit status, already complete */
  if (rank == 0) {
    if (gg_sweep_prepare(sw, &res, &e) != 0) state[0] = sweep_cli_fail(&res, &e, 1);
    state[1] = res.was_complete;
  }
  MPI_Request req;
  MPI_Ibcast(state, 2, MPI_INT, 0, MPI_COMM_WORLD, &req);
  sweep_mpi_wait(&req);
  if (state[0] != 0 || state[1]) {
    if (rank == 0 && state[0] == 0) sweep_cli_report(c, &res, 0, 0, 0.0, size);
    gg_sweep_free(sw);
    return state[0];
  }
  int mine = gg_sweep_run_part(sw, &res, &e);
  sweep_cli_progress_end(c);
  if (mine != 0) {
    char msg[2048];
    sweep_cli_words(res.error, &res, e.msg, msg, sizeof msg);
    gg_cli_error("%s (rank %d)", msg, rank);
    mine = 1;
  }
  int any = 0;
  MPI_Iallreduce(&mine, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD, &req);
  sweep_mpi_wait(&req);
  long local[2] = {res.runs_run, res.blocks_reused}, total[2] = {0, 0};
  MPI_Reduce(local, total, 2, MPI_LONG, MPI_SUM, 0, MPI_COMM_WORLD);
  int rc = 0;
  if (any) {
    gg_sweep_free(sw);
    return 1;
  }
  /* Every block is on disk now: rank 0 assembles. */
  if (rank == 0) {
    rc = gg_sweep_finish(sw, &res, &e) != 0 ? sweep_cli_fail(&res, &e, 1) : 0;
    if (rc == 0) sweep_cli_report(c, &res, total[0], total[1], gg_cli_now() - t0, size);
  }
  MPI_Ibcast(&rc, 1, MPI_INT, 0, MPI_COMM_WORLD, &req);
  sweep_mpi_wait(&req);
  gg_sweep_free(sw);
  return rc;
}

static int sweep_mpi_main(sweep_cli *c) {
  if (c->shard) { /* a bad --shard is refused before MPI starts */
    int index, count;
    gg_sweep_result res = {.error = GG_SWEEP_ERR_SHARD, .fault_index = -1};
    gg_error e;
    if (gg_sweep_shard_parse(c->shard, NULL, &index, &count, &e) != 0)
      return sweep_cli_fail(&res, &e, 0);
  }
  int rank = 0, size = 1, init = 0;
  if (MPI_Initialized(&init) != MPI_SUCCESS || (!init && MPI_Init(NULL, NULL) != MPI_SUCCESS)) {
    gg_cli_error("sweep: cannot start MPI");
    return 1;
  }
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  int rc;
  if (size > 1 && c->shard) {
    if (rank == 0) gg_cli_error("--shard: not with mpirun (the ranks are the shards)");
    rc = 2;
  } else if (size == 1) {
    rc = sweep_cli_single(c);
  } else {
    rc = sweep_mpi_ranks(c, rank, size);
  }
  MPI_Finalize();
  return rc;
}
#endif

int gg_cmd_sweep(int argc, char **argv) {
  sweep_cli c;
  int stop;
  int rc = sweep_cli_parse(&c, argc, argv, 0, &stop);
  if (rc != 0 || stop) {
    sweep_cli_free(&c);
    return rc;
  }
#ifdef GG_HAVE_MPI
  if (sweep_mpi_launched()) {
    rc = sweep_mpi_main(&c);
    sweep_cli_free(&c);
    return rc;
  }
#endif
  rc = sweep_cli_single(&c);
  sweep_cli_free(&c);
  return rc;
}
