/* greatgame sweep: run a design of parameter samples, each with replicates,
   on OpenMP threads, into design.csv, runs.csv, summary.csv and
   manifest.json; resumable after an interruption. */
#include "cmd_sweep.h"
#include "signals.h"
#include "shard.h"

#ifdef GG_HAVE_MPI
#include <mpi.h>
#endif

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
    "  --shard I/N|auto            run only the blocks b with b % N = I into DIR/blocks and\n"
    "                              write DIR/shard.json; join the N shard folders with\n"
    "                              greatgame merge; auto takes I and N from a Slurm array\n"
    "                              job (SLURM_ARRAY_TASK_ID, _MIN, _STEP, _COUNT)\n"
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
  c->keep = malloc((size_t)(argc > 0 ? argc : 1) * sizeof(char *));
  if (!c->keep) {
    gg_cli_error("%s: out of memory", argv[0]);
    return 1;
  }
  for (int i = 1; i < argc && !bad; i++) {
    const char *v;
    const char *a = argv[i];
    int i0 = i, drop = 0;
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
      if (gga_sweep_param_parse(&c->params[c->nparams], v, &e) != 0) {
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
      drop = 1;
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
      drop = 1;
    } else if (!sensitivity && (v = gg_cli_opt(argc, argv, &i, "--shard", &bad))) {
      c->shard = v;
      drop = 1;
    } else if (strcmp(a, "--resume") == 0) {
      o->resume = 1;
      drop = 1;
    } else if (!sensitivity && strcmp(a, "--trajectories") == 0) {
      o->trajectories = 1;
    } else if (sensitivity && strcmp(a, "--second-order") == 0) {
      o->second = 1;
    } else if (strcmp(a, "--independent-seeds") == 0) {
      o->independent_seeds = 1;
    } else if (strcmp(a, "--keep-blocks") == 0) {
      o->keep_blocks = 1;
      drop = 1;
    } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
      c->quiet = 1;
      drop = 1;
    } else if (a[0] == '-' && a[1] != '\0') {
      gg_cli_error("%s: unknown option (see greatgame %s --help)", a, argv[0]);
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
    int k = design ? gga_design_parse(design) : DESIGN_GRID;
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
    if (gga_metrics_add(&c->metrics, c->sc, metric_args[i], &e) != 0) {
      gg_cli_error("--metric %s", e.msg);
      return 2;
    }
  }
  if (nmetric == 0 && gga_metrics_default(&c->metrics, c->sc, &e) != 0) {
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
  o->interrupted = gg_cli_interrupted;
  gg_cli_signals_install();
  o->progress_ctx = &c->pr;
  return 0;
}

/* Does the output folder hold a shard that this call does not continue,
   or a whole sweep that a shard would continue? Prints the error; 0 or 2. */
static int sweep_cli_check_folder(const sweep_cli *c) {
  gg_error e;
  shard_info old;
  int have = gga_shard_read(c->o.out, &old, &e);
  if (have < 0) {
    gg_cli_error("%s", e.msg);
    return 2;
  }
  int rc = 0;
  int whole = c->shard == NULL; /* mpirun ranks share one whole folder */
  if (have && whole) {
    gg_cli_error("--out %s: holds shard %d/%d of a sweep; continue it with --shard %d/%d "
                 "--resume, or join the shards with greatgame merge",
                 c->o.out, old.index, old.count, old.index, old.count);
    rc = 2;
  } else if (have && (old.index != c->o.shard_index || old.count != c->o.shard_count)) {
    gg_cli_error("--shard %d/%d: %s holds shard %d/%d; give each shard its own folder",
                 c->o.shard_index, c->o.shard_count, c->o.out, old.index, old.count);
    rc = 2;
  } else if (!have && !whole && c->o.resume) {
    char path[4200];
    snprintf(path, sizeof path, "%s/manifest.json", c->o.out);
    if (access(path, F_OK) == 0) {
      gg_cli_error("--shard %d/%d: %s holds a whole sweep, not a shard", c->o.shard_index,
                   c->o.shard_count, c->o.out);
      rc = 2;
    }
  }
  if (have) gga_shard_info_free(&old);
  return rc;
}

static int sweep_cli_status(const gg_error *e) {
  if (gg_cli_interrupted())
    return gg_cli_interrupt_report("sweep",
                                   "finished blocks are kept: run the same command with --resume");
  gg_cli_error("%s", e->msg);
  return strncmp(e->msg, "--", 2) == 0 ? 2 : 1;
}

int sweep_cli_run(sweep_cli *c, sweep *sw) {
  gg_error e;
  if (gga_sweep_init(sw, &c->o, &e) != 0) {
    gg_cli_error("%s", e.msg);
    return 2;
  }
  if (sweep_cli_check_folder(c) != 0) return 2;
  gg_progress_begin(&c->pr, (uint64_t)sw->runs, c->quiet);
  int rc = gga_sweep_execute(sw, &e);
  gg_progress_end(&c->pr);
  if (rc != 0) return sweep_cli_status(&e);
  return 0;
}

void sweep_cli_free(sweep_cli *c) {
  gg_scenario_free(c->sc);
  gga_metrics_free(&c->metrics);
  free(c->sets);
  free(c->command);
  free(c->keep);
  memset(c, 0, sizeof *c);
}

static const char *sweep_cli_getenv(const char *name) {
  return getenv(name);
}

/* One shard: its blocks and shard.json, no final files. */
static int sweep_cli_shard(sweep_cli *c, sweep *sw) {
  gg_error e;
  if (gga_sweep_init(sw, &c->o, &e) != 0) {
    gg_cli_error("%s", e.msg);
    return 2;
  }
  if (sweep_cli_check_folder(c) != 0) return 2;
  if (gga_sweep_prepare(sw, &e) != 0) return sweep_cli_status(&e);
  shard_info si = {c->o.shard_index, c->o.shard_count, {0}, sw->blocks, sw->my_blocks, 0,
                   c->keep,          c->nkeep};
  snprintf(si.hash, sizeof si.hash, "%s", sw->hash_hex);
  if (gga_shard_write_scenario(c->o.out, c->sc, &e) != 0 || gga_shard_write(c->o.out, &si, &e) != 0)
    return sweep_cli_status(&e);
  double t0 = gg_cli_now();
  gg_progress_begin(&c->pr, (uint64_t)sw->my_runs, c->quiet);
  int rc = gga_sweep_run_mine(sw, &e);
  gg_progress_end(&c->pr);
  if (rc != 0) return sweep_cli_status(&e);
  si.complete = 1;
  if (gga_sweep_write_manifest(sw, "shard-complete", NULL, &e) != 0 ||
      gga_shard_write(c->o.out, &si, &e) != 0)
    return sweep_cli_status(&e);
  double dt = gg_cli_now() - t0;
  if (sw->blocks_reused > 0)
    printf("resumed: %ld of the shard's %ld blocks were already done\n", sw->blocks_reused,
           sw->my_blocks);
  printf("shard %d/%d: %ld of %ld blocks, %ld runs; %ld run now in %.2f s, %.0f runs/s on %d "
         "threads\n",
         c->o.shard_index, c->o.shard_count, sw->my_blocks, sw->blocks, sw->my_runs, sw->runs_run,
         dt, dt > 0 ? (double)sw->runs_run / dt : 0.0, c->o.threads);
  if (sw->my_blocks == 0)
    printf("note: this shard has no block: the sweep has %ld blocks for %d shards (a smaller "
           "--block-runs makes more blocks)\n",
           sw->blocks, c->o.shard_count);
  printf("wrote %s/blocks and %s/shard.json; join the %d shards with: greatgame merge OUT "
         "SHARD_DIR...\n",
         c->o.out, c->o.out, c->o.shard_count);
  return 0;
}

static void sweep_cli_report(const sweep_cli *c, const sweep *sw, long ran, long reused, double dt,
                             int procs) {
  if (sw->was_complete) {
    printf("%s: the sweep is already complete\n", c->o.out);
    return;
  }
  if (reused > 0) printf("resumed: %ld of %ld blocks were already done\n", reused, sw->blocks);
  printf("%ld samples x %d replicates = %ld runs (%ld failed); %ld run now in %.2f s, "
         "%.0f runs/s on %d threads",
         sw->ds.n, c->o.replicates, sw->runs, sw->runs_failed, ran, dt,
         dt > 0 ? (double)ran / dt : 0.0, c->o.threads);
  if (procs > 1) printf(" x %d processes", procs);
  printf("\nwrote %s/design.csv, runs.csv, summary.csv%s, manifest.json\n", c->o.out,
         c->o.trajectories ? ", trajectories.csv" : "");
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

/* Every rank runs the blocks b with b % size == rank into the same folder;
   rank 0 prepares the folder first and assembles the files after all are
   done. Only rank 0 prints, except for a rank's own failure. */
static int sweep_mpi_main(sweep_cli *c, sweep *sw) {
  int rank = 0, size = 1, init = 0;
  if (MPI_Initialized(&init) != MPI_SUCCESS || (!init && MPI_Init(NULL, NULL) != MPI_SUCCESS)) {
    gg_cli_error("sweep: cannot start MPI");
    return 1;
  }
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  int rc = 0;
  gg_error e;
  if (size > 1 && c->shard) {
    if (rank == 0) gg_cli_error("--shard: not with mpirun (the ranks are the shards)");
    MPI_Finalize();
    return 2;
  }
  if (size > 1) {
    c->o.shard_index = rank;
    c->o.shard_count = size;
    if (rank != 0) c->quiet = 1;
  }
  if (size == 1) {
    double t0 = gg_cli_now();
    rc = c->shard ? sweep_cli_shard(c, sw) : sweep_cli_run(c, sw);
    if (rc == 0 && !c->shard)
      sweep_cli_report(c, sw, sw->runs_run, sw->blocks_reused, gg_cli_now() - t0, 1);
    MPI_Finalize();
    return rc;
  }
  double t0 = gg_cli_now();
  /* Every rank builds the same sweep; only rank 0 reports a bad one. */
  if (gga_sweep_init(sw, &c->o, &e) != 0) {
    if (rank == 0) gg_cli_error("%s", e.msg);
    MPI_Finalize();
    return 2;
  }
  int state[2] = {0, 0}; /* exit status, already complete */
  if (rank == 0) {
    state[0] = sweep_cli_check_folder(c);
    if (state[0] == 0 && gga_sweep_prepare(sw, &e) != 0) state[0] = sweep_cli_status(&e);
    state[1] = sw->was_complete;
  }
  MPI_Request req;
  MPI_Ibcast(state, 2, MPI_INT, 0, MPI_COMM_WORLD, &req);
  sweep_mpi_wait(&req);
  if (state[0] != 0 || state[1]) {
    sw->was_complete = state[1];
    if (rank == 0 && state[0] == 0) sweep_cli_report(c, sw, 0, 0, 0.0, size);
    MPI_Finalize();
    return state[0];
  }
  gg_progress_begin(&c->pr, (uint64_t)sw->my_runs, c->quiet);
  int mine = gga_sweep_run_mine(sw, &e);
  gg_progress_end(&c->pr);
  if (mine != 0) {
    char msg[sizeof e.msg + 32];
    snprintf(msg, sizeof msg, "%s (rank %d)", e.msg, rank);
    gg_cli_error("%s", msg);
    mine = 1;
  }
  int any = 0;
  MPI_Iallreduce(&mine, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD, &req);
  sweep_mpi_wait(&req);
  long local[2] = {sw->runs_run, sw->blocks_reused}, total[2] = {0, 0};
  MPI_Reduce(local, total, 2, MPI_LONG, MPI_SUM, 0, MPI_COMM_WORLD);
  if (any) {
    MPI_Finalize();
    return 1;
  }
  /* Every block is on disk now: rank 0 assembles. */
  if (rank == 0) {
    rc = gga_sweep_finish(sw, &e) != 0 ? sweep_cli_status(&e) : 0;
    if (rc == 0) sweep_cli_report(c, sw, total[0], total[1], gg_cli_now() - t0, size);
  }
  MPI_Ibcast(&rc, 1, MPI_INT, 0, MPI_COMM_WORLD, &req);
  sweep_mpi_wait(&req);
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
  if (c.shard) {
    gg_error e;
    if (gga_shard_parse(c.shard, sweep_cli_getenv, &c.o.shard_index, &c.o.shard_count, &e) != 0) {
      gg_cli_error("%s", e.msg);
      sweep_cli_free(&c);
      return 2;
    }
  }
  sweep sw;
  memset(&sw, 0, sizeof sw);
#ifdef GG_HAVE_MPI
  if (sweep_mpi_launched()) {
    rc = sweep_mpi_main(&c, &sw);
    gga_sweep_free(&sw);
    sweep_cli_free(&c);
    return rc;
  }
#endif
  if (c.shard) {
    rc = sweep_cli_shard(&c, &sw);
    gga_sweep_free(&sw);
    sweep_cli_free(&c);
    return rc;
  }
  double t0 = gg_cli_now();
  rc = sweep_cli_run(&c, &sw);
  if (rc == 0) sweep_cli_report(&c, &sw, sw.runs_run, sw.blocks_reused, gg_cli_now() - t0, 1);
  gga_sweep_free(&sw);
  sweep_cli_free(&c);
  return rc;
}
