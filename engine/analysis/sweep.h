/* Headless parameter sweeps: a design of samples, replicates of each, run in
   blocks of (sample, replicate) runs on OpenMP threads. Each block is a
   self-describing file committed atomically, so an interrupted sweep resumes
   by redoing only the blocks that are missing or torn, and the final files
   are assembled in sample order whatever the thread count. */
#ifndef GG_SWEEP_H
#define GG_SWEEP_H

#include "design.h"
#include "metrics.h"
#include "outfile.h"

#include <greatgame/greatgame.h>
#include <greatgame/sweep.h>
#include <stdint.h>

/* Runs per block unless told otherwise. */
#define SWEEP_BLOCK_RUNS 1000

typedef struct sweep_param {
  char path[256];
  double lo, hi;
  int steps;   /* grid values; 0 when not given */
  int integer; /* set by gga_sweep_init: the parameter takes whole numbers (values rounded) */
} sweep_param;

typedef struct sweep_opts {
  const gg_scenario *sc; /* the scenario after any --set */
  const char *sets;      /* the --set arguments, joined, for the sweep hash ("" if none) */
  sweep_param *params;   /* gga_sweep_init marks the integer ones */
  int nparams;
  /* Categorical factors, on the design axes after the parameters, and the
     scenario of each combination of their levels (the first factor's level
     varies slowest); none without factors. */
  const gg_sweep_factor *factors;
  int nfactors;
  gg_scenario *const *variants;
  int nvariants;
  const char (*level_sha)[65]; /* the scenario factor's files, SHA-256 (for the key) */
  int nlevel_sha;
  design_kind kind;
  long samples; /* points (random, lhs, sobol), base points (saltelli), trajectories (morris) */
  int replicates;
  int independent_seeds; /* 0: common random numbers (replicate r has one seed in
                            every sample); 1: the seed also depends on the sample */
  uint64_t design_seed;
  int second; /* saltelli: second-order rows */
  int levels; /* morris: grid levels */
  const metric_set *metrics;
  int trajectories; /* also write trajectories.csv */
  long block_runs;
  int threads;
  int lanes;             /* runs per batch: 0 auto, 1 one by one (gg_sweep_options) */
  const char *batch_isa; /* NULL: the machine's best */
  const char *out;
  int resume;
  int keep_blocks; /* leave blocks/ in place after assembly */
  /* Run only the blocks b with b % shard_count == shard_index (a shard of a
     cluster job, or an MPI rank); shard_count 0 runs every block. */
  int shard_index, shard_count;
  const char *command; /* the command line, for the manifest */
  /* The options in the sweep command's syntax (gga_sweep_args_make), for
     the manifest's "args": what gg_sweep_replay rebuilds the sweep from. */
  char *const *args;
  int nargs;
  const char *started; /* start time text, for the manifest */
  /* Writes the current time as text (for the manifest); may be NULL. */
  void (*now)(void *ctx, char *buf, size_t size);
  /* Called now and then from one thread at a time with the runs done. */
  void (*progress)(void *ctx, uint64_t done, uint64_t total);
  void *progress_ctx;
  /* Polled between blocks (may be NULL): non-zero stops taking new blocks;
     the blocks under way finish and are kept, and the sweep fails with
     "sweep: interrupted" (resume finishes it). */
  int (*interrupted)(void *ctx);
  /* Told about the temporary files of the final files (may be NULL). */
  gga_temp_hook temp_file;
  void *hook_ctx; /* the context of now, interrupted and temp_file */
} sweep_opts;

typedef struct sweep {
  sweep_opts o;
  design ds;
  char *key;     /* the canonical text of scenario + options */
  uint64_t hash; /* FNV-1a 64 of key */
  char hash_hex[17];
  long runs, blocks;
  long my_blocks, my_runs; /* the blocks and runs of this shard (all without one) */
  /* Filled by gga_sweep_execute. */
  long blocks_reused; /* complete blocks found on disk (resume) */
  long blocks_run;
  long runs_run; /* runs made by this call (not found on disk) */
  long runs_failed;
  int was_complete; /* resume found a finished sweep: nothing done */
  /* Set with a failure: which check failed (GG_SWEEP_ERR_*; 0 for a runtime
     failure) and the parameter at fault (-1: none). */
  gg_sweep_error error;
  int fault;
} sweep;

/* The messages of these calls name the options by the fields of
   gg_sweep_options (params, replicates, shard, out, resume), never by the
   program's options; sw->error says which check failed. */

/* Parse "PATH=LO:HI[:STEPS]". 0, or -1 with err filled (no prefix). */
int gga_sweep_param_parse(sweep_param *p, const char *text, gg_error *err);

/* Build the design, check every parameter against the scenario (at LO and
   HI) and compute the sweep hash. 0, or -1 with err filled. */
int gga_sweep_init(sweep *sw, const sweep_opts *o, gg_error *err);
void gga_sweep_free(sweep *sw);

/* Does a parameter path (ids or `*`) name a whole-number parameter? */
int gga_sweep_param_integer(const char *path);
/* Parameter j of sample i in the parameter's units (rounded for whole-number
   parameters). */
double gga_sweep_value(const sweep *sw, long sample, int j);

/* The level (index into factors[f].levels) of factor f in sample i, and
   the variant (index into o.variants) of sample i. */
int gga_sweep_level(const sweep *sw, long sample, int f);
int gga_sweep_variant(const sweep *sw, long sample);

/* Run (or resume) the sweep into o.out and assemble design.csv, runs.csv,
   summary.csv (and trajectories.csv) and manifest.json. 0, or -1 with err
   filled (the message starts with the file or option at fault). The folder
   must exist; its lock and its checks are the caller's (sweep_api.c). */
int gga_sweep_execute(sweep *sw, gg_error *err);

/* The three steps of gga_sweep_execute, for callers that split them between
   processes: prepare the output folder (once, before any process runs),
   run this process's blocks (those of its shard) still to do, and write
   design.csv and assemble the final files (once, after all are done): they
   appear together, manifest.json last, or not at all. */
int gga_sweep_prepare(sweep *sw, gg_error *err);
int gga_sweep_run_mine(sweep *sw, gg_error *err);
int gga_sweep_finish(sweep *sw, gg_error *err);
/* Does block b belong to this process's shard? */
int gga_sweep_mine(const sweep *sw, long b);
/* Runs in block b. */
long gga_sweep_block_runs(const sweep *sw, long b);

/* Mean over the replicates of each metric per sample, read back from
   DIR/runs.csv: y[m * samples + i]; failed runs are left out and a sample
   with none gets NaN. `*failed` counts the failed runs. 0, or -1. */
int gga_sweep_read_means(const char *dir, long samples, int nmetrics, double *y, long *failed,
                         gg_error *err);

/* ---- shared by the sweep files ---------------------------------------- */

uint64_t gga_sweep_fnv(uint64_t h, const void *data, size_t n);
#define SWEEP_FNV_INIT 0xcbf29ce484222325ULL
/* %.17g, or nan / inf / -inf. */
void gga_sweep_fmt(char *buf, size_t size, double v);
/* Run the blocks of this process still to do. */
int gga_sweep_run_blocks(sweep *sw, const char *blockdir, const unsigned char *done, gg_error *err);
/* Is blocks/NAME a complete block of this sweep (its .traj too, when the
   sweep writes trajectories)? */
int gga_sweep_block_valid(const sweep *sw, const char *path, long b);
/* The first line of block b's file (traj: of its .traj file). */
void gga_sweep_block_head(const sweep *sw, long b, int traj, char *buf, size_t size);
/* Called with each data line of a block (with its newline); 0 to go on, -1
   to stop with err filled. */
typedef int (*gga_sweep_line_fn)(void *ctx, char *line, size_t n, gg_error *err);
/* Read block b's file at path (traj: its .traj): its first line must be
   this sweep's (hash, block, first run, runs), its end line must count the
   lines (the block's runs, for a .csv) and hold their checksum, and nothing
   may follow. Each data line goes to fn (may be NULL) as it is read. 0
   valid; 1 not (err says why, naming the file: another sweep's block, a
   damaged one); -1 fn failed. */
int gga_sweep_read_block(const sweep *sw, const char *path, long b, int traj, gga_sweep_line_fn fn,
                         void *ctx, gg_error *err);
void gga_sweep_block_name(char *buf, size_t size, long b, const char *ext);
/* The output files: design.csv into the set; manifest.json into the set
   (set not NULL) or on its own; runs.csv, summary.csv and trajectories.csv
   assembled from the blocks into the set, each block checked against this
   sweep's hash, block number, run count and checksum as it is read. */
int gga_sweep_write_design(const sweep *sw, gga_outset *set, gg_error *err);
int gga_sweep_write_manifest(const sweep *sw, const char *status, const char *finished,
                             gga_outset *set, gg_error *err);
int gga_sweep_assemble(sweep *sw, const char *blockdir, gga_outset *set, gg_error *err);
/* Does DIR/manifest.json belong to this sweep? -1 none, 0 running, 1
   complete, 2 another sweep or not a sweep. */
int gga_sweep_manifest_state(const sweep *sw, const char *dir);

#endif
