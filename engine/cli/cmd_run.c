/* greatgame run: run a scenario (replicates), write trajectories and a
   summary. */
#include "cli.h"
#include "limits_cli.h"
#include "outfile.h"
#include "run_record.h"
#include "signals.h"
#include "trace.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *RUN_USAGE =
    "usage: greatgame run [SCENARIO] [--seed N] [--set PATH=VALUE]... [--replicates N]\n"
    "                     [--out DIR [--force] | -o FILE|-] [--max-memory SIZE] [--quiet]\n\n"
    "Run SCENARIO (default: the built-in Central Asia 2020 baseline) from tick 0 to its end.\n\n"
    "  --seed N            the run's seed (unsigned 64-bit; default: the scenario's)\n"
    "  --set PATH=VALUE    set a parameter before the run (repeatable; `*` for every id;\n"
    "                      `greatgame params` lists the paths)\n"
    "  --replicates N      N runs; replicate r uses a seed derived from (seed, r) alone\n"
    "  --out DIR           write alignment.csv, stocks.csv, utility.csv, summary.json and\n"
    "                      manifest.json into DIR (refused if DIR holds results, unless --force)\n"
    "  -o FILE|-           write only alignment.csv, to FILE or to standard output (-)\n"
    "  --max-memory SIZE   refuse up front a run that would need more memory (e.g. 512M,\n"
    "                      2G, 25%; default: half of physical memory)\n"
    "  --quiet             no progress bar and no table on standard output\n\n"
    "SIGINT or SIGTERM stops the run: temporary files are removed, nothing is left under\n"
    "a final name, and the exit status is 1.\n"
    "Without --out or -o, a table of the final shares is printed.\n"
    "Exit status: 0 success, 1 runtime failure (e.g. a write error), 2 bad usage or bad input.\n";

typedef struct run_opts {
  const char *scenario;
  const char *out_dir;
  const char *out_file;
  const char *max_memory;
  long replicates;
  int force, quiet;
  int have_seed;
  uint64_t seed;
} run_opts;

static int parse(int argc, char **argv, run_opts *o, gg_scenario **scp) {
  const char *sets[256];
  int nsets = 0;
  memset(o, 0, sizeof *o);
  o->replicates = 1;
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
    } else if ((v = gg_cli_opt(argc, argv, &i, "--out", &bad))) {
      o->out_dir = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "-o", &bad))) {
      o->out_file = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--max-memory", &bad))) {
      o->max_memory = v;
    } else if (strcmp(argv[i], "--force") == 0) {
      o->force = 1;
    } else if (strcmp(argv[i], "--quiet") == 0 || strcmp(argv[i], "-q") == 0) {
      o->quiet = 1;
    } else if (bad) {
      return 2;
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      gg_cli_error("%s: unknown option for run (see greatgame run --help)", argv[i]);
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

static void print_table(const gg_scenario *sc, const gg_run_record *rec) {
  int S = gg_scenario_states(sc), P = gg_scenario_powers(sc);
  char date[32];
  gg_scenario_date(sc, gg_scenario_ticks(sc), date, sizeof date);
  printf("%s: final shares at tick %d (%s)%s\n", gg_scenario_name(sc), gg_scenario_ticks(sc), date,
         rec->runs > 1 ? ", mean over replicates" : "");
  printf("%-10s", "state");
  for (int k = 0; k <= P; k++)
    printf(" %9.9s", gg_component_id(sc, k));
  printf("  dominant\n");
  for (int s = 0; s < S; s++) {
    printf("%-10.10s", gg_state_id(sc, s));
    int best = 0;
    for (int k = 0; k <= P; k++) {
      double m = gg_run_record_final_mean(rec, s, k);
      if (m > gg_run_record_final_mean(rec, s, best)) best = k;
      printf(" %9.4f", m);
    }
    printf("  %s\n", gg_component_id(sc, best));
  }
  printf("%-10s", "region");
  for (int k = 0; k <= P; k++)
    printf(" %9.4f", gg_run_record_region_mean(rec, k));
  printf("\n");
}

typedef struct run_sink {
  gg_trace trace;
  gg_run_record *rec;
  int use_trace;
} run_sink;

static int run_tick(void *ctx, const gg_sim *sim) {
  run_sink *rs = ctx;
  if (gg_cli_interrupted()) return 2;
  gg_run_record_tick(rs->rec, sim);
  return rs->use_trace ? gg_trace_tick(&rs->trace, sim) : 0;
}

int gg_cmd_run(int argc, char **argv) {
  run_opts o;
  gg_scenario *sc = NULL;
  int rc = parse(argc, argv, &o, &sc);
  if (rc) return rc < 0 ? 0 : rc;
  gg_error err;
  char started[32];
  gg_cli_timestamp(started, sizeof started);
  gg_outfile files[3];
  memset(files, 0, sizeof files);
  gg_cli_signals_install();
  run_sink rs;
  memset(&rs, 0, sizeof rs);
  int to_stdout = o.out_file && strcmp(o.out_file, "-") == 0;
  if (o.out_dir && gg_outdir_prepare(o.out_dir, o.force, &err) != 0) {
    gg_cli_error("--out %s", err.msg);
    gg_scenario_free(sc);
    return 1;
  }
  if (o.out_dir) {
    rs.trace.align = gg_outfile_open(&files[0], o.out_dir, "alignment.csv", &err);
    rs.trace.stocks =
        rs.trace.align ? gg_outfile_open(&files[1], o.out_dir, "stocks.csv", &err) : NULL;
    rs.trace.utility =
        rs.trace.stocks ? gg_outfile_open(&files[2], o.out_dir, "utility.csv", &err) : NULL;
    if (!rs.trace.utility) goto fail_files;
  } else if (to_stdout) {
    rs.trace.align = stdout;
  } else if (o.out_file) {
    rs.trace.align = gg_outfile_open(&files[0], NULL, o.out_file, &err);
    if (!rs.trace.align) goto fail_files;
  }
  for (int k = 0; k < 3; k++)
    if (files[k].f && files[k].tmp[0]) gg_cli_temp_register(files[k].tmp);
  rs.use_trace = rs.trace.align != NULL;
  rs.rec = gg_run_record_create(sc, (int)o.replicates);
  gg_sim *sim = gg_sim_create(sc, 0);
  if (!rs.rec || !sim) {
    gg_cli_error("run: out of memory");
    gg_sim_free(sim);
    gg_run_record_free(rs.rec);
    rc = 1;
    goto cleanup;
  }
  if (rs.use_trace) gg_trace_headers(&rs.trace);
  gg_progress pr;
  gg_progress_begin(&pr, (uint64_t)o.replicates, o.quiet || to_stdout);
  gg_sink sink = {run_tick, &rs};
  for (long r = 0; r < o.replicates && rc == 0; r++) {
    uint64_t seed = gg_seed_derive(gg_scenario_seed(sc), 0, (uint64_t)r);
    gg_sim_reset(sim, seed);
    rs.trace.run = (int)r;
    gg_run_record_begin(rs.rec, (int)r, seed);
    if (gg_sim_run(sim, &sink) != 0) {
      if (gg_cli_interrupted()) {
        for (int k = 0; k < 3; k++)
          gg_outfile_abort(&files[k]);
        rc = gg_cli_interrupt_report("run", "nothing was written; run the command again");
        break;
      }
      gg_cli_error("%s%s: write failed: %s", o.out_dir ? "--out " : "-o ",
                   o.out_dir ? o.out_dir : o.out_file, strerror(errno));
      rc = 1;
    }
    gg_progress_update(&pr, (uint64_t)r + 1);
  }
  gg_progress_end(&pr);
  gg_sim_free(sim);
  if (rc == 0 && (rs.trace.nonfinite || rs.rec->nonfinite)) {
    gg_cli_error("run: a value was not finite; nothing written (please report this scenario)");
    rc = 1;
  }
  if (rc == 0 && o.out_dir) {
    for (int k = 0; k < 3 && rc == 0; k++)
      if (gg_outfile_commit(&files[k], &err) != 0) {
        gg_cli_error("%s", err.msg);
        rc = 1;
      }
    char finished[32];
    gg_cli_timestamp(finished, sizeof finished);
    if (rc == 0 && (gg_run_record_write_summary(rs.rec, o.out_dir, &err) != 0 ||
                    gg_write_manifest(sc, o.scenario, o.out_dir, argc, argv, rs.rec, started,
                                      finished, &err) != 0)) {
      gg_cli_error("%s", err.msg);
      rc = 1;
    }
  } else if (rc == 0 && o.out_file && !to_stdout) {
    if (gg_outfile_commit(&files[0], &err) != 0) {
      gg_cli_error("%s", err.msg);
      rc = 1;
    }
  } else if (rc == 0 && to_stdout) {
    if (fflush(stdout) != 0 || ferror(stdout)) {
      gg_cli_error("-o -: write to standard output failed");
      rc = 1;
    }
  }
  if (rc == 0 && !o.out_file && !o.quiet) print_table(sc, rs.rec);
  gg_run_record_free(rs.rec);
cleanup:
  for (int k = 0; k < 3; k++) {
    gg_outfile_abort(&files[k]);
    if (files[k].tmp[0]) gg_cli_temp_unregister(files[k].tmp);
  }
  gg_scenario_free(sc);
  return rc;
fail_files:
  gg_cli_error("%s", err.msg);
  rc = 1;
  goto cleanup;
}
