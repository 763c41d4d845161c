/// greatgame: parameter sweeps, global sensitivity analysis and the merge of
/// sweep shards: the library behind `greatgame sweep`, `greatgame
/// sensitivity` and `greatgame merge`.
///
/// Take the defaults (gg_sweep_defaults, gg_sensitivity_defaults,
/// gg_merge_defaults), change what you need and call the run function: the
/// files written are byte for byte those of the command given the same
/// options (manifest.json differs only in `command`, `started` and
/// `finished`). The library never prints; errors are one line in `err`,
/// starting with the option (named as the field of the options struct) or
/// the file at fault, and `error` in the result says which check failed.
///
/// The output folder is locked for the life of a call (the file
/// `.greatgame.lock` in it, holding the process id and host name): a second
/// sweep, merge or calibration into the same folder is refused at once
/// (GG_SWEEP_ERR_OUT_BUSY). The final files appear together, manifest.json
/// last, or not at all.
#ifndef GREATGAME_SWEEP_H
#define GREATGAME_SWEEP_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Most parameters a sweep varies (a sobol sensitivity analysis: half).
#define GG_SWEEP_MAX_PARAMS 40
/// Room for a parameter path, terminating NUL included.
#define GG_SWEEP_PATH_MAX 256
/// Runs per checkpointed block unless told otherwise.
#define GG_SWEEP_BLOCK_RUNS 1000

/// Most categorical factors of a sweep, and most levels of one factor.
#define GG_SWEEP_MAX_FACTORS 8
#define GG_SWEEP_MAX_LEVELS 16
/// Most scenario variants (the product of the factors' level counts).
#define GG_SWEEP_MAX_VARIANTS 256

/// How the sample points are chosen.
typedef enum gg_design {
  GG_DESIGN_GRID = 0,   ///< full factorial over each parameter's `steps` values
  GG_DESIGN_RANDOM = 1, ///< independent uniform points
  GG_DESIGN_LHS = 2,    ///< Latin hypercube
  GG_DESIGN_SOBOL = 3   ///< Sobol quasi-random points (deterministic)
} gg_design;

/// One parameter to vary.
typedef struct gg_sweep_param {
  char path[GG_SWEEP_PATH_MAX]; ///< as for gg_scenario_set (`*` for every id)
  double lo, hi; ///< the range, in the parameter's unit (gg_param_info); lo < hi (lo == hi is
                 ///< refused: a value that does not vary belongs in `sets`)
  int steps;     ///< grid only: values from lo to hi (1 to 1000000); 0: 5
} gg_sweep_param;

/// A categorical factor: a choice about the scenario's structure that a
/// sweep varies like a parameter. Its levels take equal parts of the
/// factor's design axis (a grid takes each level once); design.csv and
/// manifest.json record the level by its text.
typedef struct gg_sweep_factor {
  /// What the factor changes:
  ///  - "powers.ID.strategy": the power's allocation strategy (levels fixed, contest);
  ///  - "events.N.enabled": the N-th event of the scenario's list, counting from 1
  ///    (levels 0 and 1);
  ///  - "blocs.ID.enabled": the bloc, with the join and leave events that name it
  ///    (levels 0 and 1);
  ///  - "scenario": the whole scenario (levels: scenario files with the same states
  ///    and powers; each run keeps the seed of the sweep's own scenario).
  char path[GG_SWEEP_PATH_MAX];
  int nlevels;                                         ///< 2 to GG_SWEEP_MAX_LEVELS
  char levels[GG_SWEEP_MAX_LEVELS][GG_SWEEP_PATH_MAX]; ///< distinct texts, no comma or quote
} gg_sweep_factor;

/// Why a call failed. A front end maps them to its own words (the program
/// to its option names and exit status 2 for bad input, 1 otherwise).
typedef enum gg_sweep_error {
  GG_SWEEP_OK = 0,
  GG_SWEEP_ERR_RUNTIME,           ///< a file could not be read or written, or out of memory
  GG_SWEEP_ERR_INTERRUPTED,       ///< `interrupted` said stop; finished blocks are kept (resume)
  GG_SWEEP_ERR_SCENARIO,          ///< the baseline (or, merge's cause, a scenario.json) is bad
  GG_SWEEP_ERR_SETS,              ///< sets[fault_index] is not PATH=VALUE or is refused
  GG_SWEEP_ERR_PARAMS,            ///< params[fault_index] (-1: their number) is refused
  GG_SWEEP_ERR_PARAM_STEPS,       ///< params[fault_index] has steps but the design is not a grid
  GG_SWEEP_ERR_DESIGN,            ///< the design cannot be built (too many points, ...)
  GG_SWEEP_ERR_SAMPLES,           ///< samples out of range
  GG_SWEEP_ERR_REPLICATES,        ///< replicates out of range, or too many runs
  GG_SWEEP_ERR_METRICS,           ///< metrics[fault_index] (-1: the default set) is refused
  GG_SWEEP_ERR_BLOCK_RUNS,        ///< block_runs out of range
  GG_SWEEP_ERR_THREADS,           ///< threads out of range
  GG_SWEEP_ERR_LEVELS,            ///< sensitivity: levels out of range
  GG_SWEEP_ERR_METHOD,            ///< sensitivity: unknown method
  GG_SWEEP_ERR_SECOND_ORDER,      ///< sensitivity: second_order with a method other than sobol
  GG_SWEEP_ERR_BOOTSTRAP,         ///< sensitivity: resamples or confidence out of range
  GG_SWEEP_ERR_SHARD,             ///< shard_index/shard_count or process_index/process_count
  GG_SWEEP_ERR_OUT,               ///< out is missing, or force and resume are both set
  GG_SWEEP_ERR_OUT_HOLDS_RESULTS, ///< out holds results and resume is not set
  GG_SWEEP_ERR_OUT_OTHER_SWEEP,   ///< resume: out holds the files of a different sweep
  GG_SWEEP_ERR_OUT_HOLDS_SHARD,   ///< a whole sweep into a shard's folder (other_shard_*)
  GG_SWEEP_ERR_OUT_OTHER_SHARD,   ///< a shard into another shard's folder (other_shard_*)
  GG_SWEEP_ERR_OUT_WHOLE_SWEEP,   ///< a shard resumed in a whole sweep's folder
  GG_SWEEP_ERR_SHARD_FILE,        ///< a shard.json cannot be read or is malformed
  GG_SWEEP_ERR_NOT_SHARD,         ///< merge: dirs[fault_index] holds no shard.json
  GG_SWEEP_ERR_SHARD_OPTIONS,     ///< merge: dirs[fault_index] does not rebuild a sweep
  GG_SWEEP_ERR_SHARDS,            ///< merge: the folders are not every shard of one finished sweep
  GG_SWEEP_ERR_MERGE_OUT,         ///< merge: out already holds results
  GG_SWEEP_ERR_OUT_BUSY,          ///< another process holds out's lock (or a lock that cannot be
                                  ///< checked from this host: err names the file to remove)
  GG_SWEEP_ERR_OUT_FOREIGN,       ///< out holds other files and no manifest.json of greatgame
  GG_SWEEP_ERR_FACTORS,           ///< factors[fault_index] (-1: their number) is refused
  GG_SWEEP_ERR_LANES              ///< lanes out of range, or an unknown batch_isa
} gg_sweep_error;

/// Most warnings a call reports in its result.
#define GG_SWEEP_MAX_WARNINGS 8

/// Everything that defines a sweep and how it runs. Start from
/// gg_sweep_defaults(). The struct only points at the caller's memory,
/// which must stay valid during the call; nothing in it is changed.
typedef struct gg_sweep_options {
  /// The scenario (copied, never changed); NULL: the built-in baseline.
  const gg_scenario *scenario;
  /// Changes "PATH=VALUE" applied in order to the copy first ("seed=N" sets
  /// all 64 bits), recorded in manifest.json and in the sweep hash. Change
  /// the scenario this way rather than with gg_scenario_set, which the
  /// manifest would not record. Default: none.
  const char *const *sets;
  int nsets;
  /// The parameters to vary (1 to GG_SWEEP_MAX_PARAMS). Whole-number
  /// parameters take rounded values.
  const gg_sweep_param *params;
  int nparams;
  /// Categorical factors (0 to GG_SWEEP_MAX_FACTORS), after the parameters
  /// on the design's axes; params and factors together are at least 1 and
  /// at most GG_SWEEP_MAX_PARAMS. Default: none.
  const gg_sweep_factor *factors;
  int nfactors;
  /// The design. Default GG_DESIGN_GRID.
  gg_design design;
  /// Points of a random, lhs or sobol design (1 to 100000000); the grid
  /// ignores it. Default 100.
  long samples;
  /// Runs per sample (1 to 100000000). Default 1.
  int replicates;
  /// 0 (default): common random numbers, replicate r has the seed
  /// gg_seed_derive(scenario seed, 0, r) in every sample; 1: the seed is
  /// gg_seed_derive(scenario seed, sample, r).
  int independent_seeds;
  /// 0 (default): the design seed is gg_mix64(scenario seed ^
  /// 0x64657369676e) for random, lhs (and morris) designs, and 0 for sobol
  /// (and saltelli) designs, whose points do not depend on it. 1: use
  /// `design_seed`.
  int design_seed_given;
  uint64_t design_seed;
  /// The results recorded per run: "final.STATE.COMP", "mean.STATE.COMP",
  /// "region.COMP", "flips.STATE" (`*` for every id; duplicates dropped).
  /// Default (none given): "final.*.*" then "region.*".
  const char *const *metrics;
  int nmetrics;
  /// What to record at every tick of every run, a sum of: 1 the shares
  /// (trajectories.csv, the rows of a run's alignment.csv), 2 the stocks and
  /// efforts (trajectories_stocks.csv, of stocks.csv), 4 the predicted
  /// indicators of a scenario with a measurement section
  /// (trajectories_indicators.csv, of indicators.csv; no rows otherwise), 8
  /// GG-2's ties (trajectories_ties.csv, of ties.csv; no rows for GG-1).
  /// Each row starts with sample and replicate where a run's file has the
  /// run number; with 2, 4 or 8 the runs go one by one (no batches).
  /// Default 0: none.
  int trajectories;
  /// Runs per checkpointed block (1 to 100000000); part of the sweep hash.
  /// Default GG_SWEEP_BLOCK_RUNS.
  long block_runs;
  /// Worker threads (0 to 4096); 0 (default): one per processor. The files
  /// are identical for every count.
  int threads;
  /// Runs a worker steps together in one batch (greatgame/batch.h): 0
  /// (default): as many as suit the machine's vector width; 1: one run at a
  /// time; N: N runs. The files are identical for every value.
  int lanes;
  /// The batch instruction set ("avx512f", "avx2" or "generic";
  /// gg_batch_set_isa), for tests and benchmarks; NULL (default): the best
  /// the machine has. The files are identical for every value.
  const char *batch_isa;
  /// The output folder (created if needed). Required.
  const char *out;
  /// Finish an interrupted sweep in `out`: complete blocks are kept, a
  /// finished sweep is left alone. Default 0.
  int resume;
  /// Start over in a folder that holds earlier results: the files that
  /// greatgame writes (manifest.json first, then design.csv, runs.csv,
  /// summary.csv, trajectories.csv, indices.csv, indices2.csv, shard.json,
  /// scenario.json, the other commands' files and the blocks) are removed
  /// first; no other file is touched. Without it, a folder that is not
  /// empty and holds no manifest.json of greatgame is refused
  /// (GG_SWEEP_ERR_OUT_FOREIGN). Not with `resume`. Default 0.
  int force;
  /// Keep out/blocks after the final files are assembled. Default 0.
  int keep_blocks;
  /// A shard of a sweep split between independent jobs: shard_count > 0 runs
  /// only the blocks b with b % shard_count == shard_index into out/blocks
  /// and writes out/shard.json and out/scenario.json instead of the final
  /// files; gg_merge_run joins the shard folders. Default 0/0: everything.
  int shard_index, shard_count;
  /// The shard as text, "I/N" or "auto" (gg_sweep_shard_parse, with
  /// getenv); when not NULL it replaces shard_index and shard_count.
  /// Default NULL.
  const char *shard_spec;
  /// For the step functions only: processes that share `out` (MPI ranks);
  /// this one runs the blocks b with b % process_count == process_index.
  /// Default 0/0: every block.
  int process_index, process_count;
  /// A shard's record of its options in shard.json, in the syntax of the
  /// sweep command's arguments ("--param", "PATH=LO:HI", ...; without the
  /// scenario, out, threads and shard). NULL (default): written from these
  /// options. A front end passes the arguments it was given; they must
  /// describe this very sweep (checked).
  const char *const *shard_args;
  int nshard_args;
  /// The command line recorded in manifest.json. Default "".
  const char *command;
  /// Called now and then, from one thread at a time, with the runs done and
  /// the runs this process has to do. May be NULL (default).
  void (*progress)(void *ctx, uint64_t done, uint64_t total);
  /// Polled before each block from the worker threads: non-zero stops
  /// taking new blocks, the blocks under way finish and are kept, and the
  /// call fails with GG_SWEEP_ERR_INTERRUPTED. May be NULL (default).
  int (*interrupted)(void *ctx);
  /// Writes the current time as text for manifest.json's `started` and
  /// `finished`; NULL (default): UTC as 2026-01-02T03:04:05Z.
  void (*now)(void *ctx, char *buf, size_t size);
  /// Told, with exists = 1, of each file the call creates that must be
  /// removed if the process is stopped at once (the folder's lock, the
  /// temporary files of the final files), and with 0 once it is gone or in
  /// place; a front end removes them from a signal handler. May be NULL
  /// (default).
  void (*temp_file)(void *ctx, const char *path, int exists);
  /// Passed to the callbacks.
  void *callback_ctx;
} gg_sweep_options;

/// What a call did (filled on success and on failure).
typedef struct gg_sweep_result {
  gg_sweep_error error; ///< GG_SWEEP_OK, or the check that failed
  int fault_index;      ///< the entry of params, sets, metrics or merge dirs at fault, else -1
  /// GG_SWEEP_ERR_SHARD_OPTIONS: the check that the rebuilt options failed
  /// (GG_SWEEP_ERR_SHARD_OPTIONS itself for their syntax or the scenario).
  gg_sweep_error cause;
  int other_shard_index, other_shard_count; ///< the shard that `out` holds (ERR_OUT_*SHARD)
  char hash[17];                ///< the sweep hash, 16 hex digits ("" before the set-up)
  uint64_t design_seed;         ///< the design seed used
  int threads;                  ///< worker threads used
  int replicates;               ///< runs per sample
  int trajectories;             ///< what trajectories record (gg_sweep_options.trajectories)
  int shard_index, shard_count; ///< the shard run (0/0: none); merge: 0 and the shards joined
  long samples;                 ///< design points
  long runs;                    ///< samples x replicates
  long blocks;                  ///< blocks of the whole sweep
  long part_blocks, part_runs;  ///< the blocks and runs of this shard or process (all without)
  long blocks_reused;           ///< complete blocks found on disk (resume)
  long blocks_run;              ///< blocks run by this call
  long runs_run;    ///< runs made by this call (on a failure: the runs it set out to make)
  long runs_failed; ///< failed runs of the sweep (known once the files are assembled)
  int was_complete; ///< resume found a finished sweep: nothing was done
  /// Things the caller should know that do not stop the call (a set event
  /// that overwrites a swept parameter, a Sobol sample count that is not a
  /// power of two), one line each, starting with the field at fault.
  int nwarnings;
  char warnings[GG_SWEEP_MAX_WARNINGS][400];
} gg_sweep_result;

/// The defaults above (the program's).
GG_API gg_sweep_options gg_sweep_defaults(void);

/// Run a sweep (or one shard of it) into o->out: design.csv, runs.csv,
/// summary.csv, manifest.json (and trajectories.csv); a shard writes
/// blocks/, shard.json, scenario.json and manifest.json. Bad options are
/// refused before any file is touched. `res` may be NULL. 0, or -1 with
/// `err` filled.
GG_API int gg_sweep_run(const gg_sweep_options *o, gg_sweep_result *res, gg_error *err);

/// Parse "PATH=LO:HI[:STEPS]" (the sweep command's --param). 0, or -1 with
/// `err` starting with the text.
GG_API int gg_sweep_param_parse(const char *text, gg_sweep_param *p, gg_error *err);
/// Parse "PATH=LEVEL,LEVEL,..." (the sweep command's --factor). 0, or -1
/// with `err` starting with the text.
GG_API int gg_sweep_factor_parse(const char *text, gg_sweep_factor *f, gg_error *err);
/// "grid", "random", "lhs", "sobol" and back (0, or -1 if unknown).
GG_API const char *gg_design_name(gg_design design);
GG_API int gg_design_from_name(const char *name, gg_design *design);
/// Parse a shard "I/N" (0 <= I < N), or "auto": I and N of a Slurm array
/// job, read through `get` (NULL: getenv): I = (SLURM_ARRAY_TASK_ID -
/// SLURM_ARRAY_TASK_MIN) / SLURM_ARRAY_TASK_STEP, N = SLURM_ARRAY_TASK_COUNT.
/// 0, or -1 with `err` starting with "shard".
GG_API int gg_sweep_shard_parse(const char *text, const char *(*get)(const char *name), int *index,
                                int *count, gg_error *err);

/// One run of a finished sweep, to repeat it on its own: the scenario of
/// sample `sample` (the sweep's scenario.json with its sets, the sample's
/// factor levels and parameter values) and the seed of replicate
/// `replicate`. gg_sim_create(*sc, *seed) and gg_sim_run then repeat the
/// run bit for bit. `dir` is the folder of a sweep (not of a sensitivity
/// analysis or a shard) whose manifest.json records its options ("args")
/// and which holds scenario.json. *sc is the caller's to free. 0, or -1
/// with `err` starting with the file, "sample" or "replicate".
GG_API int gg_sweep_replay(const char *dir, long sample, long replicate, gg_scenario **sc,
                           uint64_t *seed, gg_error *err);

typedef struct gg_compare_result gg_compare_result; /* <greatgame/study.h> */
/// Effect sizes of a paired comparison (gg_compare_run) against the spread
/// over parameters: for each row r of `res`, its difference at the last
/// tick divided by the standard deviation, across the samples of the
/// finished sweep in `sweep_dir`, of the per-sample mean of the same share
/// (final.STATE.COMPONENT, or region.COMPONENT for the region rows, from
/// summary.csv). NaN where the sweep does not record that metric, has fewer
/// than 2 samples or the metric does not vary. `effects` has
/// gg_compare_rows(res) entries. 0, or -1 with `err` naming the file.
GG_API int gg_compare_effects(const gg_compare_result *res, const char *sweep_dir, double *effects,
                              gg_error *err);

typedef struct gg_compare_options gg_compare_options; /* <greatgame/study.h> */
/// `greatgame compare --out DIR`: the comparison's table as `dir`/compare.csv
/// (the columns of gg_compare_print_csv, then `effect` when `effects` is not
/// NULL: gg_compare_effects against the sweep folder `design`) and
/// manifest.json (scenarios/schema/manifest.json, kind "compare"), written
/// together, manifest.json last. `opt` is the comparison's options (its
/// scenarios give the manifest's parameters and SHA-256); `base_path` and
/// `whatif_path` name their files (NULL: "(baseline)"); argc/argv are the
/// manifest's command_line. The folder is created if needed and, as for
/// gg_run_study, refused while another command holds it
/// (GG_STUDY_OUTPUT_DIR) or when it holds results (GG_STUDY_OUTPUT_EXISTS)
/// or other files (GG_STUDY_OUTPUT_FOREIGN) unless `force`. GG_STUDY_OK, or
/// the failure with `err` naming the folder or file.
GG_API int gg_compare_write_dir(const gg_compare_result *res, const gg_compare_options *opt,
                                const char *dir, const char *base_path, const char *whatif_path,
                                const char *design, const double *effects, int argc,
                                const char *const *argv, int force, gg_error *err);

/* ---- a sweep in steps (processes sharing one folder) ------------------- */

/// A sweep set up for the step functions; gg_sweep_run is create, prepare,
/// run_part, finish, free. Processes that share a folder (process_count >
/// 1) each create the same sweep; one prepares the folder before any
/// runs its part, and one finishes after all are done.
typedef struct gg_sweep gg_sweep;

/// Check the options and set the sweep up (scenario copy, sets, metrics,
/// parameters, design); no file is touched. NULL with `err` filled.
GG_API gg_sweep *gg_sweep_create(const gg_sweep_options *o, gg_sweep_result *res, gg_error *err);
/// Check and prepare the output folder (res->was_complete: nothing left to
/// do); a shard also writes scenario.json and shard.json. 0, or -1.
GG_API int gg_sweep_prepare(gg_sweep *sw, gg_sweep_result *res, gg_error *err);
/// Run this process's (or shard's) blocks still to do. 0, or -1.
GG_API int gg_sweep_run_part(gg_sweep *sw, gg_sweep_result *res, gg_error *err);
/// Write design.csv and assemble the final files from the blocks (a shard:
/// mark shard.json and manifest.json complete). 0, or -1.
GG_API int gg_sweep_finish(gg_sweep *sw, gg_sweep_result *res, gg_error *err);
GG_API void gg_sweep_free(gg_sweep *sw);

/* ---- sensitivity ----------------------------------------------------- */

typedef enum gg_sensitivity_method {
  GG_SENSITIVITY_SOBOL = 0,  ///< Saltelli's design; S1 (Saltelli 2010), ST (Jansen), S2
  GG_SENSITIVITY_MORRIS = 1, ///< elementary effects on a `levels`-level grid
  GG_SENSITIVITY_EFAST = 2   ///< extended FAST (Saltelli, Tarantola and Chan 1999): S1, ST
} gg_sensitivity_method;

/// A sensitivity analysis: a sweep over the method's design, then indices
/// of each metric (the mean over the replicates) with SALib's definitions.
typedef struct gg_sensitivity_options {
  /// The sweep behind it: its `design` and `steps` do not apply, shards
  /// and processes are refused; `samples` 0 (default) means 512 base
  /// points for sobol (N (D + 2) runs, N (2D + 2) with second_order), 20
  /// trajectories for morris (N (D + 1) runs) and 1000 points per
  /// parameter for efast (N D runs; more than 64); at least 2.
  gg_sweep_options sweep;
  /// The method. Default GG_SENSITIVITY_SOBOL (at most
  /// GG_SWEEP_MAX_PARAMS / 2 parameters).
  gg_sensitivity_method method;
  /// Sobol only: second-order indices too (indices2.csv). Default 0.
  int second_order;
  /// Morris grid levels p (2 to 1000). Default 4.
  int levels;
  /// Bootstrap resamples of the confidence half-widths. Default 100.
  int resamples;
  /// Confidence level of the half-widths, in (0, 1). Default 0.95.
  double confidence;
  /// Seed of the bootstrap resamples. Default 20100101.
  uint64_t bootstrap_seed;
} gg_sensitivity_options;

/// The indices, per metric m (M of them) and parameter j (D).
typedef struct gg_sensitivity_result {
  gg_sweep_result sweep; ///< the sweep behind them (and the error)
  int runs_read;         ///< runs.csv was read back: sweep.runs_failed counts its failed runs
  int ready;             ///< the tables below are filled (also when a write failed after)
  int metrics, params;   ///< M and D
  char **metric_names;   ///< M names
  char **param_paths;    ///< D paths
  /// M x D x 4, [(m * D + j) * 4 + k]: sobol S1, S1_conf, ST, ST_conf;
  /// morris mu, mu_star, sigma, mu_star_conf (unit-cube units). NaN for a
  /// failed metric.
  double *indices;
  /// Sobol with second_order: M x D x D x 2, [((m * D + j) * D + k) * 2 +
  /// {0: S2, 1: S2_conf}] for j < k (NaN elsewhere); else NULL.
  double *second;
  /// M entries: NULL, or why metric m could not be analysed (no variance,
  /// a run without a value, ...).
  char **failed;
  int failed_metrics;
} gg_sensitivity_result;

/// The defaults above (the program's); sweep is gg_sweep_defaults() with
/// samples 0.
GG_API gg_sensitivity_options gg_sensitivity_defaults(void);
/// Check the options that do not need the scenario (method, parameters,
/// samples, levels), so a front end may refuse bad usage before loading
/// it. 0, or -1 with `err` filled. `res` may be NULL.
GG_API int gg_sensitivity_check(const gg_sensitivity_options *o, gg_sweep_result *res,
                                gg_error *err);
/// Run the sweep (or resume it) and write indices.csv (and indices2.csv)
/// into o->sweep.out besides the sweep's files. Free `res` (may be NULL)
/// with gg_sensitivity_result_free whatever the outcome. 0, or -1.
GG_API int gg_sensitivity_run(const gg_sensitivity_options *o, gg_sensitivity_result *res,
                              gg_error *err);
GG_API void gg_sensitivity_result_free(gg_sensitivity_result *res);

/* ---- merge ----------------------------------------------------------- */

typedef struct gg_merge_options {
  /// The folder to write: new, empty, or holding a merge of the same shards
  /// that did not finish (it is done again). A folder with other results or
  /// other files is refused.
  const char *out;
  /// The shard folders, in any order: every shard of one finished sweep, once.
  const char *const *dirs;
  int ndirs;
  /// Keep out/blocks (links to the shards' blocks) afterwards. Default 0.
  int keep_blocks;
  /// The command line recorded in manifest.json. Default "".
  const char *command;
  /// As in gg_sweep_options (NULL: UTC).
  void (*now)(void *ctx, char *buf, size_t size);
  /// As in gg_sweep_options. May be NULL (default).
  void (*temp_file)(void *ctx, const char *path, int exists);
  void *callback_ctx;
} gg_merge_options;

GG_API gg_merge_options gg_merge_defaults(void);
/// Check the shard folders against each other and write into o->out the
/// files of the same sweep run in one process (design.csv, runs.csv,
/// summary.csv, trajectories.csv, manifest.json). Nothing is written unless
/// every check passes; a merge that fails after that removes what it wrote
/// (the folder is as before, so the same call can simply be made again),
/// and one that was killed is redone by the same call. 0, or -1 with `err`
/// filled. `res` may be NULL.
GG_API int gg_merge_run(const gg_merge_options *o, gg_sweep_result *res, gg_error *err);

#ifdef __cplusplus
}
#endif
#endif
