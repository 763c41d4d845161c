/* greatgame run: the arguments, the progress bar, the messages and the table
   of final shares. The runs and their files are gg_run_study's
   (engine/analysis/run_study.c). */
#include "cli.h"
#include "limits_cli.h"
#include "signals.h"

#include <stdlib.h>
#include <string.h>

static const char *RUN_USAGE =
    "usage: greatgame run [SCENARIO] [--seed N] [--set PATH=VALUE]... [--replicates N]\n"
    "                     [--out DIR [--force] | -o FILE|-] [--max-memory SIZE]\n"
    "                     [--max-output SIZE] [--quiet]\n"
    "       greatgame run --from-sweep DIR --sample I [--replicate R] [--out DIR | -o FILE|-]\n\n"
    "Run SCENARIO (default: the built-in Central Asia 2020 baseline) from tick 0 to its end.\n\n"
    "  --seed N            the base seed that each run's seed is derived from\n"
    "                      (unsigned 64-bit; default: the scenario's)\n"
    "  --set PATH=VALUE    set a parameter before the run (repeatable; `*` for every id;\n"
    "                      `greatgame params` lists the paths)\n"
    "  --replicates N      N runs; replicate r uses a seed derived from (seed, r) alone\n"
    "  --out DIR           write alignment.csv, stocks.csv, utility.csv, summary.json and\n"
    "                      manifest.json into DIR (refused if DIR holds results, unless --force)\n"
    "  -o FILE|-           write only alignment.csv, to FILE or to standard output (-)\n"
    "  --max-memory SIZE   refuse up front a run that would need more memory (e.g. 512M,\n"
    "                      2G, 25%; default: half of physical memory)\n"
    "  --max-output SIZE   refuse up front a run whose files would take more (an upper\n"
    "                      bound of their size; e.g. 500M, 20G, 0 for no limit; default 2G)\n"
    "  --quiet             no progress bar and no table on standard output\n"
    "  --from-sweep DIR    repeat one run of the sweep in DIR, bit for bit: sample I (a row\n"
    "                      of its design.csv, from 0) and replicate R (default 0), with\n"
    "                      the sweep's scenario, settings, factor levels and seed\n\n"
    "SIGINT or SIGTERM stops the run: temporary files are removed, nothing is left under\n"
    "a final name, and the exit status is 1.\n"
    "Without --out or -o, a table of the final shares is printed.\n"
    "Exit status: 0 success, 1 runtime failure (e.g. a write error, standard output lost,\n"
    "out of memory), 2 bad usage or bad input (a run over --max-memory or --max-output too).\n";

typedef struct run_opts {
  const char *scenario;
  const char *out_dir;
  const char *out_file;
  const char *max_memory;
  uint64_t max_output;
  long replicates;
  int force, quiet;
  int have_seed;
  uint64_t seed;
  const char *from_sweep;
  long sample, replicate;
  int have_sample, have_replicate;
} run_opts;

/* --max-output SIZE: a size as --max-memory takes it, without the
   percentage (of memory, meaningless for a disk); 0 for no limit. */
static int parse_max_output(const char *v, uint64_t *out) {
  size_t bytes = 0;
  gg_error err;
  if (strcmp(v, "0") == 0) {
    *out = 0; /* no limit */
    return 0;
  }
  if (strchr(v, '%')) {
    gg_cli_error("--max-output %s: expected a size such as 500M or 20G (not a percentage)", v);
    return 2;
  }
  if (gg_limits_parse_size(v, &bytes, &err) != 0) {
    gg_cli_error("--max-output %s: %s", v, err.msg);
    return 2;
  }
  *out = (uint64_t)bytes;
  return 0;
}

/* --from-sweep DIR --sample I [--replicate R]: the sweep's run, rebuilt by
   the library (scenario, settings, factor levels, seed). */
static int parse_from_sweep(run_opts *o, int nsets, gg_scenario **scp) {
  const char *clash = o->scenario          ? o->scenario
                      : o->have_seed       ? "--seed"
                      : nsets > 0          ? "--set"
                      : o->replicates != 1 ? "--replicates"
                                           : NULL;
  if (clash) {
    gg_cli_error("%s: not with --from-sweep (the sweep's run has its own scenario, settings "
                 "and seed)",
                 clash);
    return 2;
  }
  if (!o->have_sample) {
    gg_cli_error("--from-sweep %s: --sample I is required (a row of its design.csv, from 0)",
                 o->from_sweep);
    return 2;
  }
  gg_scenario *sc = NULL;
  uint64_t seed = 0;
  gg_error err;
  if (gg_sweep_replay(o->from_sweep, o->sample, o->replicate, &sc, &seed, &err) != 0) {
    /* messages about the folder's files start with their path; the others
       ("sample ...", "replicate ...") get the folder */
    if (strncmp(err.msg, o->from_sweep, strlen(o->from_sweep)) == 0)
      gg_cli_error("--from-sweep %s", err.msg);
    else
      gg_cli_error("--from-sweep %s: %s", o->from_sweep, err.msg);
    return 2;
  }
  o->seed = seed;
  o->have_seed = 1;
  if (gg_cli_check_memory(sc, o->max_memory, 1)) {
    gg_scenario_free(sc);
    return 2;
  }
  *scp = sc;
  return 0;
}

static int parse(int argc, char **argv, run_opts *o, gg_scenario **scp) {
  const char *sets[256];
  int nsets = 0;
  memset(o, 0, sizeof *o);
  o->replicates = 1;
  o->max_output = GG_RUN_MAX_OUTPUT_DEFAULT;
  for (int i = 1; i < argc; i++) {
    int bad = 0;
    const char *v;
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(RUN_USAGE, stdout);
      return -1;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--seed", &bad))) {
      if (gg_cli_u64("--seed", v, &o->seed)) return 2;
      o->have_seed = 1;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--set", &bad))) {
      if (nsets == 256) {
        gg_cli_error("--set: at most 256 settings");
        return 2;
      }
      sets[nsets++] = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--replicates", &bad))) {
      if (gg_cli_int("--replicates", v, 1, 1000000, &o->replicates)) return 2;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--from-sweep", &bad))) {
      o->from_sweep = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--sample", &bad))) {
      if (gg_cli_int("--sample", v, 0, 2147483647L, &o->sample)) return 2;
      o->have_sample = 1;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--replicate", &bad))) {
      if (gg_cli_int("--replicate", v, 0, 2147483647L, &o->replicate)) return 2;
      o->have_replicate = 1;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--out", &bad))) {
      o->out_dir = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "-o", &bad))) {
      o->out_file = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--max-memory", &bad))) {
      o->max_memory = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--max-output", &bad))) {
      if (parse_max_output(v, &o->max_output)) return 2;
    } else if (strcmp(argv[i], "--force") == 0) {
      o->force = 1;
    } else if (strcmp(argv[i], "--quiet") == 0 || strcmp(argv[i], "-q") == 0) {
      o->quiet = 1;
    } else if (bad) {
      return 2;
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      gg_cli_unknown_option_usage(argv[i], "run", RUN_USAGE);
      return 2;
    } else if (o->scenario) {
      gg_cli_error("%s: run takes one scenario (already given: %s)", argv[i], o->scenario);
      return 2;
    } else {
      o->scenario = argv[i];
    }
    if (bad) return 2;
  }
  if (o->out_dir && o->out_file) {
    gg_cli_error("-o: use either --out DIR or -o FILE, not both");
    return 2;
  }
  if (o->from_sweep) return parse_from_sweep(o, nsets, scp);
  if (o->have_sample || o->have_replicate) {
    gg_cli_error("%s: needs --from-sweep DIR", o->have_sample ? "--sample" : "--replicate");
    return 2;
  }
  if (gg_cli_check_load_memory(o->scenario, o->max_memory)) return 2;
  gg_scenario *sc = gg_cli_load(o->scenario);
  if (!sc) return 2;
  for (int k = 0; k < nsets; k++)
    if (gg_cli_apply_set(sc, sets[k])) {
      gg_scenario_free(sc);
      return 2;
    }
  if (o->have_seed) gg_scenario_set_seed(sc, o->seed);
  if (gg_cli_check_memory(sc, o->max_memory, o->replicates)) {
    gg_scenario_free(sc);
    return 2;
  }
  *scp = sc;
  return 0;
}

static void print_table(const gg_scenario *sc, const gg_run_stats *st) {
  int S = gg_scenario_states(sc), P = gg_scenario_powers(sc);
  char date[32];
  gg_scenario_date(sc, gg_scenario_ticks(sc), date, sizeof date);
  printf("%s: final shares at tick %d (%s)%s\n", gg_scenario_name(sc), gg_scenario_ticks(sc), date,
         gg_run_stats_runs(st) > 1 ? ", mean over replicates" : "");
  printf("%-10s", "state");
  for (int k = 0; k <= P; k++)
    printf(" %9.9s", gg_component_id(sc, k));
  printf("  dominant\n");
  for (int s = 0; s < S; s++) {
    printf("%-10.10s", gg_state_id(sc, s));
    int best = 0;
    for (int k = 0; k <= P; k++) {
      double m = gg_run_stats_final_mean(st, s, k);
      if (m > gg_run_stats_final_mean(st, s, best)) best = k;
      printf(" %9.4f", m);
    }
    printf("  %s\n", gg_component_id(sc, best));
  }
  printf("%-10s", "region");
  for (int k = 0; k <= P; k++)
    printf(" %9.4f", gg_run_stats_region_mean(st, k));
  printf("\n");
}

/* The library's callbacks: the progress bar, the signal flag, and the
   temporary files a second signal removes. */
static void run_progress(void *ctx, uint64_t done, uint64_t total) {
  (void)total;
  gg_progress_update(ctx, done);
}

static int run_interrupted(void *ctx) {
  (void)ctx;
  return gg_cli_interrupted() != 0;
}

static void run_temp(void *ctx, const char *path, int exists) {
  (void)ctx;
  if (exists)
    gg_cli_temp_register(path);
  else
    gg_cli_temp_unregister(path);
}

int gg_cmd_run(int argc, char **argv) {
  run_opts o;
  gg_scenario *sc = NULL;
  int rc = parse(argc, argv, &o, &sc);
  if (rc) return rc < 0 ? 0 : rc;
  /* manifest.json's command_line: the program's name, then the arguments */
  const char **cmd = malloc(sizeof(char *) * ((size_t)argc + 1));
  if (!cmd) {
    gg_cli_error("run: out of memory");
    gg_scenario_free(sc);
    return 1;
  }
  cmd[0] = "greatgame";
  for (int i = 0; i < argc; i++)
    cmd[i + 1] = argv[i];
  int to_stdout = o.out_file && strcmp(o.out_file, "-") == 0;
  gg_run_options ro = gg_run_defaults();
  ro.scenario = sc;
  ro.scenario_path = o.scenario;
  char replay_path[4096];
  if (o.from_sweep) {
    snprintf(replay_path, sizeof replay_path, "%s/scenario.json", o.from_sweep);
    ro.scenario_path = replay_path;
    ro.has_seed = 1;
    ro.seed = o.seed;
    ro.exact_seed = 1;
  }
  ro.replicates = (int)o.replicates;
  ro.out_dir = o.out_dir;
  ro.force = o.force;
  ro.alignment_path = to_stdout ? NULL : o.out_file;
  ro.alignment_stream = to_stdout ? stdout : NULL;
  ro.alignment_stream_name = "-";
  ro.argc = argc + 1;
  ro.argv = cmd;
  gg_progress pr;
  ro.progress = run_progress;
  ro.interrupt = run_interrupted;
  ro.temp_file = run_temp;
  ro.context = &pr;
  ro.max_output_bytes = o.max_output;
  gg_cli_signals_install();
  gg_progress_begin(&pr, (uint64_t)o.replicates, o.quiet || to_stdout);
  gg_error err;
  gg_run_stats *st = NULL;
  int status = gg_run_study(&ro, &st, &err);
  rc = status == GG_STUDY_OK ? 0 : status == GG_STUDY_OUTPUT_LIMIT ? 2 : 1;
  if (status == GG_STUDY_INTERRUPTED)
    gg_cli_interrupt_report("run", "nothing was written; run the command again");
  else if (status == GG_STUDY_WRITE_FAILED)
    gg_cli_error("%s%s", o.out_dir ? "--out " : "-o ", err.msg);
  gg_progress_end(&pr);
  /* The library names the folder; the hints about --force are the program's. */
  if (status == GG_STUDY_OUTPUT_DIR || status == GG_STUDY_OUTPUT_BUSY)
    gg_cli_error("--out %s", err.msg);
  else if (status == GG_STUDY_OUTPUT_EXISTS)
    gg_cli_error("--out %s; use --force to overwrite", err.msg);
  else if (status == GG_STUDY_OUTPUT_FOREIGN)
    gg_cli_error("--out %s; use --force to write into it anyway", err.msg);
  else if (status == GG_STUDY_OUTPUT_LIMIT)
    gg_cli_error("%s%s; raise it with --max-output SIZE", err.msg,
                 o.max_output == GG_RUN_MAX_OUTPUT_DEFAULT ? " (the default)" : "");
  else if (status != GG_STUDY_OK && status != GG_STUDY_INTERRUPTED &&
           status != GG_STUDY_WRITE_FAILED)
    gg_cli_error("%s", err.msg);
  if (rc == 0 && to_stdout && (fflush(stdout) != 0 || ferror(stdout))) {
    gg_cli_error("-o -: write to standard output failed");
    rc = 1;
  }
  /* The table only when no file is asked for (as the help says); a folder
     gets one line naming it. */
  if (rc == 0 && !o.out_file && !o.out_dir && !o.quiet) print_table(sc, st);
  if (rc == 0 && o.out_dir && !o.quiet) printf("wrote %s\n", o.out_dir);
  gg_run_stats_free(st);
  free(cmd);
  gg_scenario_free(sc);
  return rc;
}
