/// greatgame: studies of one scenario, as `greatgame run`, `compare` and
/// `explain` do them: replicated runs with their statistics and output files,
/// paired comparisons with common random numbers, and the utility
/// decomposition ("why did it move"). Each study is an options struct filled
/// by its `*_defaults()` function and one call; the results are objects with
/// accessors. A front end (the program, Python, R, a browser) that makes the
/// same call gets the same numbers and the same file bytes as the program.
#ifndef GREATGAME_STUDY_H
#define GREATGAME_STUDY_H

#include "base.h"

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What a study call returns: GG_STUDY_OK, or the kind of failure (the
/// gg_error then holds one line that starts with the file or thing at fault).
typedef enum gg_study_status {
  GG_STUDY_OK = 0,
  GG_STUDY_BAD_OPTIONS = 1, ///< options missing, out of range or contradictory; nothing ran
  GG_STUDY_OUT_OF_MEMORY = 2,
  GG_STUDY_OUTPUT_DIR = 3,    ///< the output folder cannot be created or is not a writable folder
  GG_STUDY_OUTPUT_FILE = 4,   ///< a file cannot be opened, completed, renamed or written
  GG_STUDY_WRITE_FAILED = 5,  ///< a write failed during the runs: "DEST: write failed: REASON"
  GG_STUDY_NONFINITE = 6,     ///< a value was not finite; nothing was written
  GG_STUDY_INTERRUPTED = 7,   ///< the interruption callback stopped the study; nothing was written
  GG_STUDY_MISMATCH = 8,      ///< compare: the scenarios differ in states, powers or time axis
  GG_STUDY_NUMERIC = 9,       ///< a numerical routine failed (the t quantile)
  GG_STUDY_OUTPUT_LIMIT = 10, ///< the output would be larger than the limit; nothing was written
  /// the output folder already holds results (a manifest.json of greatgame)
  /// and force is 0: "DIR: already holds results (manifest.json)"
  GG_STUDY_OUTPUT_EXISTS = 11,
  /// the output folder holds other files and no manifest.json of greatgame,
  /// and force is 0: "DIR: not empty and holds no greatgame results (FILE,
  /// and no manifest.json)" or "DIR: holds a manifest.json that greatgame
  /// did not write"
  GG_STUDY_OUTPUT_FOREIGN = 12,
  /// another greatgame command holds the output folder's lock
  /// (DIR/.greatgame.lock): "DIR: in use by greatgame sweep, process PID on
  /// HOST, since TIME; ..."; running the study later works
  GG_STUDY_OUTPUT_BUSY = 13
} gg_study_status;

/// Called after each replicate (or pair of replicates) with the number done.
typedef void gg_study_progress_fn(void *context, uint64_t done, uint64_t total);
/// Polled at every recorded tick; a non-zero return stops the study
/// (GG_STUDY_INTERRUPTED), e.g. after SIGINT.
typedef int gg_study_interrupt_fn(void *context);
/// Called with `exists` 1 when a temporary output file is created and 0 once
/// it is renamed to its final name or removed, so that a signal handler can
/// remove what would be left behind.
typedef void gg_study_temp_fn(void *context, const char *path, int exists);

/* ---- run statistics --------------------------------------------------- */

/// Runs kept one by one in a gg_run_stats (and listed in summary.json);
/// later runs enter the statistics across runs only.
#define GG_RUN_STATS_MAX_LISTED 1000

/// What a set of runs of one scenario leaves: per run (the first
/// GG_RUN_STATS_MAX_LISTED) its seed, final shares, region shares, dominant
/// components and flips of dominance; across runs the mean, sd, min and max of
/// every final share and region share, how often each component ends
/// dominant, and the mean and largest number of flips. summary.json is
/// written from it.
typedef struct gg_run_stats gg_run_stats;

/// Statistics of runs of `sc` (which must outlive them); `runs` is the number
/// of runs expected, 1 or more (it sizes the per-run record). NULL when out of
/// memory or runs < 1.
GG_API gg_run_stats *gg_run_stats_create(const gg_scenario *sc, int runs);
GG_API void gg_run_stats_free(gg_run_stats *st);
/// Record one tick of a simulation of the scenario: a gg_sink tick function
/// in all but its return. Feed every tick of each run in order, from tick 0
/// (which starts a run; its seed is gg_sim_seed) to the scenario's last tick
/// (which completes it).
GG_API void gg_run_stats_tick(gg_run_stats *st, const gg_sim *sim);

/// Runs completed.
GG_API int gg_run_stats_runs(const gg_run_stats *st);
/// Runs kept one by one: min(runs completed, runs expected, GG_RUN_STATS_MAX_LISTED).
GG_API int gg_run_stats_listed(const gg_run_stats *st);
/// 1 if a recorded share was not finite (NaN or infinite).
GG_API int gg_run_stats_nonfinite(const gg_run_stats *st);

/// Final share (a fraction, 0 to 1) of component k (0 autonomy, p+1 power p)
/// in state s across the completed runs: mean, sample standard deviation (0
/// for one run), min, max.
GG_API double gg_run_stats_final_mean(const gg_run_stats *st, int state, int component);
GG_API double gg_run_stats_final_sd(const gg_run_stats *st, int state, int component);
GG_API double gg_run_stats_final_min(const gg_run_stats *st, int state, int component);
GG_API double gg_run_stats_final_max(const gg_run_stats *st, int state, int component);
/// The same for the regional share of component k (outputs.weight).
GG_API double gg_run_stats_region_mean(const gg_run_stats *st, int component);
GG_API double gg_run_stats_region_sd(const gg_run_stats *st, int component);
GG_API double gg_run_stats_region_min(const gg_run_stats *st, int component);
GG_API double gg_run_stats_region_max(const gg_run_stats *st, int component);
/// Fraction of the runs (0 to 1) in which component k is dominant in state s
/// at the last tick.
GG_API double gg_run_stats_dominant_share(const gg_run_stats *st, int state, int component);
/// Changes of the dominant component of state s from one tick to the next:
/// mean over the runs, and the largest number in one run.
GG_API double gg_run_stats_flips_mean(const gg_run_stats *st, int state);
GG_API int gg_run_stats_flips_max(const gg_run_stats *st, int state);

/// Per kept run r (0 <= r < gg_run_stats_listed): its seed, final share,
/// final regional share, dominant component and flips.
GG_API uint64_t gg_run_stats_run_seed(const gg_run_stats *st, int run);
GG_API double gg_run_stats_run_final(const gg_run_stats *st, int run, int state, int component);
GG_API double gg_run_stats_run_region(const gg_run_stats *st, int run, int component);
GG_API int gg_run_stats_run_dominant(const gg_run_stats *st, int run, int state);
GG_API int gg_run_stats_run_flips(const gg_run_stats *st, int run, int state);

/// Write DIR/summary.json (docs/commands.md, `run`), atomically. 0, or -1
/// with err starting with the file.
GG_API int gg_run_stats_write_summary(const gg_run_stats *st, const char *dir, gg_error *err);

/* ---- runs ------------------------------------------------------------- */

/// A study of replicated runs, as `greatgame run`. Replicate r uses the seed
/// gg_seed_derive(seed, 0, r), so run 0 is the same whatever the number of
/// replicates. At most one destination: `out_dir`, `alignment_path` or
/// `alignment_stream` (none: only the statistics).
typedef struct gg_run_options {
  const gg_scenario *scenario; ///< required; not changed
  /// the scenario's file for manifest.json's `scenario_path` (NULL: "(baseline)")
  const char *scenario_path;
  int replicates; ///< number of runs, 1 to 1,000,000 (default 1)
  int has_seed;   ///< 1: use `seed` instead of the scenario's seed (default 0)
  uint64_t seed;  ///< the base seed when has_seed
  /// write alignment.csv, stocks.csv, utility.csv, summary.json and manifest.json
  /// into this folder (created if needed)
  const char *out_dir;
  int force;                  ///< with out_dir: replace results already there (default 0: refuse)
  const char *alignment_path; ///< write only alignment.csv, to this file
  /// or to this stream, in place; the study neither flushes nor closes it
  FILE *alignment_stream;
  /// the stream's name in messages (default "stream")
  const char *alignment_stream_name;
  /// manifest.json's `command_line`, written as given (argc 0: an empty list)
  int argc;
  const char *const *argv;
  const char *started;              ///< manifest.json's `started` (NULL: the time of the call, UTC)
  gg_study_progress_fn *progress;   ///< may be NULL
  gg_study_interrupt_fn *interrupt; ///< may be NULL
  gg_study_temp_fn *temp_file;      ///< may be NULL
  void *context;                    ///< passed to the three callbacks
  /// Refuse, before anything is created, a study whose output
  /// (gg_run_output_estimate) would be larger than this many bytes
  /// (GG_STUDY_OUTPUT_LIMIT); 0: no limit (the default).
  uint64_t max_output_bytes;
  /// 1: the one replicate runs with `seed` itself, not gg_seed_derive(seed,
  /// 0, 0): a run of a sweep repeated on its own (gg_sweep_replay gives the
  /// seed). Needs has_seed and replicates 1 (default 0).
  int exact_seed;
} gg_run_options;

/// The limit on the output of `greatgame run` unless --max-output says
/// otherwise: 2 GiB.
#define GG_RUN_MAX_OUTPUT_DEFAULT ((uint64_t)2 << 30)

/// The defaults: one replicate, the scenario's seed, no output, no limit on
/// the output's size.
GG_API gg_run_options gg_run_defaults(void);

/// An upper bound of the bytes gg_run_study would write for `sc` (NULL:
/// opt->scenario) with the replicates and destination of `opt`: every
/// trajectory row counted with the longest text of each number (24
/// characters for a share, a stock, an effort or a utility term, 20 for a
/// seed) and the real lengths of the ids, dates and terms, plus summary.json
/// and manifest.json for a folder. The files are usually 10 to 20% smaller.
/// 0 when there is no destination (or no scenario); UINT64_MAX if the sum
/// overflows.
GG_API uint64_t gg_run_output_estimate(const gg_scenario *sc, const gg_run_options *opt);

/// Run the study. Files are written under temporary names and renamed once
/// complete: when the runs fail or are interrupted, nothing is left under a
/// final name. A folder (out_dir) is locked (DIR/.greatgame.lock) for the
/// whole study, and its five files are one output set: only once all are
/// complete are the old manifest.json (and, with force over earlier
/// results, their other files) removed and the new files renamed into
/// place, manifest.json last; a study that fails leaves earlier results as
/// they were. On success (GG_STUDY_OK) *out_stats (if out_stats is not NULL)
/// receives the statistics, which the caller frees; on failure it is set to
/// NULL. Messages: "DIR: already holds results (manifest.json)"
/// (GG_STUDY_OUTPUT_EXISTS; a front end adds how to overwrite), "DIR: not
/// empty and holds no greatgame results (...)" (GG_STUDY_OUTPUT_FOREIGN),
/// "DIR: in use by greatgame COMMAND, process PID on HOST, since TIME; ..."
/// (GG_STUDY_OUTPUT_BUSY), "DIR: ..." when the folder cannot be created or
/// locked (GG_STUDY_OUTPUT_DIR),
/// "PATH: cannot write: REASON" (GG_STUDY_OUTPUT_FILE), "DEST: write failed:
/// REASON" where DEST is out_dir, alignment_path or the stream's name
/// (GG_STUDY_WRITE_FAILED), "run: out of memory", "run: a value was not
/// finite; ...", "run: interrupted", and, with max_output_bytes, "SCENARIO: 1
/// replicate of 1000000 ticks would write up to 26.9 GiB into DEST, over the
/// output limit of 2.0 GiB" (GG_STUDY_OUTPUT_LIMIT, SCENARIO as
/// gg_limits_scenario_file names it).
GG_API int gg_run_study(const gg_run_options *opt, gg_run_stats **out_stats, gg_error *err);

/* ---- paired comparison ------------------------------------------------ */

/// A paired comparison WHATIF - BASE with common random numbers, as
/// `greatgame compare`: replicate r of both scenarios uses the seed
/// gg_seed_derive(seed, 0, r). The scenarios must have the same states and
/// powers (in any order; results follow BASE's order) and the same time axis.
typedef struct gg_compare_options {
  const gg_scenario *base;   ///< required
  const gg_scenario *whatif; ///< required
  int replicates;            ///< pairs of runs, 1 to 1,000,000 (default 10)
  int has_seed;              ///< 1: use `seed` instead of BASE's seed (default 0)
  uint64_t seed;
  gg_study_progress_fn *progress;   ///< after each pair; may be NULL
  gg_study_interrupt_fn *interrupt; ///< may be NULL
  void *context;
} gg_compare_options;

/// The defaults: 10 replicates, BASE's seed.
GG_API gg_compare_options gg_compare_defaults(void);

/// One row of the comparison: a state (or the region) and a component.
/// Shares are means over the replicates; `diff_*` are the means of the paired
/// differences WHATIF - BASE with the half-width of their 95% confidence
/// interval (Student t with replicates - 1 degrees of freedom; NaN, like the
/// bounds, with one replicate). "end" is the share at the last tick, "mean"
/// the share averaged over ticks 0..ticks.
typedef struct gg_compare_row {
  const char *state;     ///< a state id of BASE, or "region"
  int state_index;       ///< BASE's index of the state, -1 for the region
  const char *component; ///< "autonomy" or a power id
  int component_index;   ///< BASE's component index (0 autonomy, p+1 power p)
  double base_end;       ///< BASE's mean share at the last tick
  double whatif_end;     ///< base_end + diff_end
  double diff_end, diff_end_half, diff_end_lo, diff_end_hi;
  double base_mean;   ///< BASE's mean over replicates of the mean share over ticks
  double whatif_mean; ///< base_mean + diff_mean
  double diff_mean, diff_mean_half, diff_mean_lo, diff_mean_hi;
} gg_compare_row;

typedef struct gg_compare_result gg_compare_result;

/// Run the comparison. GG_STUDY_OK with *out set (free it with
/// gg_compare_free), or a failure with *out NULL: GG_STUDY_MISMATCH ("WHATIF:
/// has no state \"XX\" (BASE has)", WHATIF named by its file), out of memory,
/// GG_STUDY_NUMERIC, GG_STUDY_INTERRUPTED, GG_STUDY_BAD_OPTIONS.
GG_API int gg_compare_run(const gg_compare_options *opt, gg_compare_result **out, gg_error *err);
GG_API void gg_compare_free(gg_compare_result *res);
/// Rows: every state of BASE in order, then the region; within each, every
/// component (autonomy, then the powers).
GG_API int gg_compare_rows(const gg_compare_result *res);
GG_API const gg_compare_row *gg_compare_row_at(const gg_compare_result *res, int row);
GG_API int gg_compare_replicates(const gg_compare_result *res);
/// The base seed of the replicates.
GG_API uint64_t gg_compare_seed(const gg_compare_result *res);
/// One replicate's values behind a row: the shares at the last tick and the
/// mean shares over ticks of BASE and WHATIF.
typedef enum gg_compare_value {
  GG_COMPARE_BASE_END = 0,
  GG_COMPARE_WHATIF_END = 1,
  GG_COMPARE_BASE_MEAN = 2,
  GG_COMPARE_WHATIF_MEAN = 3
} gg_compare_value;
GG_API double gg_compare_sample(const gg_compare_result *res, int row, int replicate,
                                gg_compare_value which);
/// The table as CSV (`greatgame compare --out`): a header, then one line per
/// row with every number as the shortest text that reads back as the same double
/// (gg_fmt_shortest; NaN bounds as "nan"). To a stream: 0, or -1
/// if the stream reports an error.
GG_API int gg_compare_print_csv(const gg_compare_result *res, FILE *f);
/// The same to a file, written under a temporary name and renamed once
/// complete (a device such as /dev/stdout is written in place). GG_STUDY_OK;
/// GG_STUDY_OUTPUT_FILE when the file cannot be opened (nothing was written:
/// "PATH: cannot write: REASON"); GG_STUDY_WRITE_FAILED when writing or
/// renaming failed ("PATH: write failed: REASON"; nothing left under PATH).
GG_API int gg_compare_write_csv(const gg_compare_result *res, const char *path, gg_error *err);

/* ---- explanation ------------------------------------------------------ */

/// The utility decomposition of every component in one state, as `greatgame
/// explain`: the terms of the step that produced tick `from` and of the step
/// that produced tick `to`. The run is replicate 0 of `greatgame run`: seed
/// gg_seed_derive(seed, 0, 0).
typedef struct gg_explain_options {
  const gg_scenario *scenario; ///< required
  int state;                   ///< the state's index (gg_state_index), required
  int from;                    ///< first tick, 1..ticks (default 1)
  int to;                      ///< last tick, from..ticks (default 0: the scenario's last)
  int has_seed;                ///< 1: use `seed` instead of the scenario's (default 0)
  uint64_t seed;
} gg_explain_options;

/// The defaults: state -1 (to be set), the window from tick 1 to the last.
GG_API gg_explain_options gg_explain_defaults(void);

/// The kind of a term of the decomposition.
typedef enum gg_explain_kind {
  GG_EXPLAIN_AFFINITY = 0,  ///< affinity (alpha for autonomy)
  GG_EXPLAIN_CHANNEL = 1,   ///< a channel's response (0 for autonomy)
  GG_EXPLAIN_BLOC = 2,      ///< a bloc's bonus (0 unless the power sponsors it)
  GG_EXPLAIN_BACKLASH = 3,  ///< backlash (negative or 0)
  GG_EXPLAIN_NEIGHBOUR = 4, ///< neighbour pull
  GG_EXPLAIN_NOISE = 5,     ///< noise
  GG_EXPLAIN_UTILITY = 6,   ///< the sum of the terms above
  GG_EXPLAIN_SHARE = 7      ///< the share after the step (not a term)
} gg_explain_kind;

/// One line of the decomposition of one component. Terms are in utility units
/// (dimensionless, docs/model.md step 5); the share is a fraction, 0 to 1.
typedef struct gg_explain_term {
  gg_explain_kind kind;
  int index;         ///< the channel or bloc index for those kinds, else -1
  const char *label; ///< as the program prints it ("affinity", "bloc CSTO", "= utility", ...)
  double from;       ///< the value in the step to tick `from`
  double to;         ///< the value in the step to tick `to`
} gg_explain_term;

typedef struct gg_explain_result gg_explain_result;

/// Run the explanation. GG_STUDY_OK with *out set (free it with
/// gg_explain_free), or GG_STUDY_BAD_OPTIONS / GG_STUDY_OUT_OF_MEMORY with
/// *out NULL.
GG_API int gg_explain_run(const gg_explain_options *opt, gg_explain_result **out, gg_error *err);
GG_API void gg_explain_free(gg_explain_result *res);
/// Components (autonomy and the powers) and terms per component: the
/// affinity, one per channel, one per bloc, backlash, neighbour, noise,
/// utility and share (channels + blocs + 6).
GG_API int gg_explain_components(const gg_explain_result *res);
GG_API int gg_explain_terms(const gg_explain_result *res);
GG_API const gg_explain_term *gg_explain_term_at(const gg_explain_result *res, int component,
                                                 int term);
/// The window and the run's seed.
GG_API int gg_explain_from(const gg_explain_result *res);
GG_API int gg_explain_to(const gg_explain_result *res);
GG_API uint64_t gg_explain_seed(const gg_explain_result *res);

/// The alignment trajectory as tidy CSV (`run,seed,tick,date,state,component,share`,
/// the bytes `greatgame run -o FILE` writes), written tick by tick by a
/// gg_sink: `gg_sink sink = {gg_csv_trace_tick, trace};`.
typedef struct gg_csv_trace gg_csv_trace;
/// A writer into `f` (not closed by it). NULL when out of memory.
GG_API gg_csv_trace *gg_csv_trace_create(FILE *f);
/// The header line.
GG_API void gg_csv_trace_headers(gg_csv_trace *t);
/// The run number of the rows that follow (default 0).
GG_API void gg_csv_trace_set_run(gg_csv_trace *t, int run);
/// A gg_sink tick function (ctx is the writer): 0, or 1 on a write error.
GG_API int gg_csv_trace_tick(void *ctx, const gg_sim *sim);
/// 1 if a value was not finite (it was written as an empty field).
GG_API int gg_csv_trace_nonfinite(const gg_csv_trace *t);
GG_API void gg_csv_trace_free(gg_csv_trace *t);

#ifdef __cplusplus
}
#endif
#endif
