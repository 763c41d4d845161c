/// greatgame: calibration: fit scenario parameters to observed alignment
/// shares in one call (docs/calibrate.md).
///
/// gg_calibrate_run parses the targets, fits the parameters from several
/// Latin hypercube starts, computes standard errors, identifiability flags
/// and profiles, scores a hold-out against persistence, writes the
/// calibrated scenario and, when asked, every result file. The caller reads
/// the result through the gg_calibrate_result_* accessors.
#ifndef GREATGAME_CALIBRATE_H
#define GREATGAME_CALIBRATE_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Longest parameter path of a fitted parameter, in bytes with the NUL.
#define GG_CALIBRATE_PATH_MAX 256
/// Points of each parameter's objective profile (profile.csv).
#define GG_CALIBRATE_PROFILE_POINTS 21

/// The optimiser of each start.
typedef enum gg_calibrate_method {
  GG_CALIBRATE_NELDER_MEAD = 0, ///< GSL nmsimplex2 on the objective; no derivatives
  GG_CALIBRATE_LM = 1 ///< GSL Levenberg-Marquardt on the residuals; needs targets >= parameters
} gg_calibrate_method;

/// A parameter to fit: every parameter `path` names (`*` allowed for ids)
/// takes one shared value in (lo, hi), in the parameter's unit.
typedef struct gg_calibrate_param {
  char path[GG_CALIBRATE_PATH_MAX];
  double lo; ///< lower end of the search interval (a value the parameter accepts)
  double hi; ///< upper end, above lo (a value the parameter accepts)
} gg_calibrate_param;

/// A value fixed before the fit, as `--set` does, and written into the
/// calibrated scenario.
typedef struct gg_calibrate_set {
  const char *path; ///< a parameter path (`*` allowed for ids), or "seed"
  double value;     ///< the value, in the parameter's unit (not used for "seed")
  uint64_t seed;    ///< the scenario's seed, when path is "seed"
} gg_calibrate_set;

/// The stages gg_calibrate_run reports progress for.
typedef enum gg_calibrate_stage {
  GG_CALIBRATE_STAGE_FIT = 0,    ///< the starts; total = starts
  GG_CALIBRATE_STAGE_PROFILE = 1 ///< the profile points; total = parameters x 21
} gg_calibrate_stage;

/// Optional callbacks. Calls never overlap, but may come from worker threads.
typedef struct gg_calibrate_callbacks {
  /// A warning for the user: one line, no newline (for example that the
  /// objective depends on the scenario's seed). May be NULL.
  void (*warning)(void *ctx, const char *message);
  /// `done` of `total` units of `stage` are finished; called with done = 0
  /// when a stage begins. May be NULL.
  void (*progress)(void *ctx, gg_calibrate_stage stage, int done, int total);
  /// Told, with exists = 1, of each file the call creates that must be
  /// removed if the process is stopped at once (out_dir's lock, the
  /// temporary files of the results), and with 0 once it is gone or in
  /// place; a front end removes them from a signal handler. Called from the
  /// calling thread only. May be NULL.
  void (*temp_file)(void *ctx, const char *path, int exists);
  void *ctx;
} gg_calibrate_callbacks;

/// What to calibrate and how. Start from gg_calibrate_defaults(). Strings and
/// arrays are the caller's and are only read during gg_calibrate_run.
typedef struct gg_calibrate_options {
  /// The scenario: a loaded one (not changed; a copy is fitted), else
  /// scenario_json, else the file scenario_path, else the compiled-in baseline.
  const gg_scenario *scenario;
  /// The scenario's file; also how messages name the scenario.
  const char *scenario_path;
  /// Scenario JSON text of scenario_json_len bytes (used when scenario is NULL).
  const char *scenario_json;
  size_t scenario_json_len;
  /// The targets CSV file (docs/calibrate.md) ...
  const char *targets_path;
  /// ... or its text of targets_csv_len bytes (targets_path then only names it).
  const char *targets_csv;
  size_t targets_csv_len;
  /// The parameters to fit (at least one).
  const gg_calibrate_param *params;
  int n_params;
  /// Values set before the fit, in order (may be NULL when n_sets is 0).
  const gg_calibrate_set *sets;
  int n_sets;
  gg_calibrate_method method; ///< default Nelder-Mead
  int starts;                 ///< Latin hypercube starts, >= 1 (default 8)
  int has_seed;               ///< 1: `seed` seeds the start design
  uint64_t seed;              ///< the design's seed (default: the scenario's, after sets)
  int max_iter;               ///< iterations per start, >= 1 (default 2000)
  int threads; ///< worker threads, 0 for all (default 0); results do not depend on it
  /// Leave the targets at or after this date (the scenario's step format) or
  /// tick number out of the fit and score them against persistence; NULL:
  /// holdout_tick, if > 0, else no hold-out.
  const char *holdout_from;
  int holdout_tick; ///< the hold-out's first tick, 1..ticks (when holdout_from is NULL)
  /// Folder for fit.csv, starts.csv, residuals.csv, profile.csv,
  /// calibration.json, scenario.json and manifest.json (created if needed).
  /// It is locked for the whole call (its file .greatgame.lock), and the
  /// seven files appear together, manifest.json last, or not at all. NULL:
  /// write nothing.
  const char *out_dir;
  /// 1: write into an out_dir that holds earlier results or other files:
  /// once the new files are complete, the old manifest.json and the files
  /// of earlier greatgame results are removed and the new ones put in
  /// place; files under other names are never touched. 0 (default): such a
  /// folder is refused (GG_CALIBRATE_OUT_EXISTS, GG_CALIBRATE_OUT_FOREIGN).
  int force;
  const char *command_line; ///< recorded in manifest.json (NULL: "")
  gg_calibrate_callbacks callbacks;
} gg_calibrate_options;

/// Why gg_calibrate_run failed (0: it did not). Until GG_CALIBRATE_BAD_OUT_DIR
/// nothing has been written; after it, a failure leaves out_dir's files as
/// they were (no result file is put in place unless all are). `err` names
/// the input, folder or file at fault.
typedef enum gg_calibrate_status {
  GG_CALIBRATE_OK = 0,
  GG_CALIBRATE_BAD_OPTIONS = 1,     ///< an option is missing or out of range
  GG_CALIBRATE_BAD_SCENARIO = 2,    ///< the scenario: err starts with its file
  GG_CALIBRATE_BAD_SET = 3,         ///< a set value was refused: err starts with its path
  GG_CALIBRATE_BAD_PARAM = 4,       ///< a parameter was refused: err starts with PATH=LO:HI
  GG_CALIBRATE_BAD_TARGETS = 5,     ///< the targets: err starts with the file (and line)
  GG_CALIBRATE_BAD_HOLDOUT = 6,     ///< the hold-out is not a date or tick within the run
  GG_CALIBRATE_EMPTY_HOLDOUT = 7,   ///< no target is at or after the hold-out
  GG_CALIBRATE_ALL_HELD_OUT = 8,    ///< every target is at or after the hold-out
  GG_CALIBRATE_TOO_FEW_TARGETS = 9, ///< Levenberg-Marquardt with fewer targets than parameters
  GG_CALIBRATE_BAD_OUT_DIR = 10,    ///< out_dir cannot be created or written: err starts with it
  GG_CALIBRATE_OUT_EXISTS = 11,     ///< out_dir holds results (manifest.json) and force is 0
  GG_CALIBRATE_BAD_COPY = 12,   ///< a value cannot be written into the scenario's JSON: err starts
                                ///< with its path
  GG_CALIBRATE_FAILED = 13,     ///< out of memory, the model could not be evaluated, or a file
                                ///< could not be written
  GG_CALIBRATE_OUT_BUSY = 14,   ///< another process holds out_dir's lock (or a lock that cannot
                                ///< be checked from this host): err names it
  GG_CALIBRATE_OUT_FOREIGN = 15 ///< out_dir holds other files and no manifest.json of greatgame,
                                ///< and force is 0
} gg_calibrate_status;

/// How well the targets pin a parameter down.
typedef enum gg_calibrate_identified {
  /// the fitted value sits at an end of its interval (within GG_CALIBRATE_BOUND_TOL
  /// of its width): the targets would take it further, so no interval is given
  GG_CALIBRATE_BOUND = -2,
  GG_CALIBRATE_FLAT = -1, ///< the objective's profile is flat over the interval
  GG_CALIBRATE_RANK = 0,  ///< the parameter loads on a null direction of the Jacobian
  GG_CALIBRATE_YES = 1    ///< identified
} gg_calibrate_identified;

/// How close to an end of its interval a fitted value is "at the bound", as
/// a fraction of the interval's width.
#define GG_CALIBRATE_BOUND_TOL 1e-3

/// A calibration's results (opaque; free with gg_calibrate_result_free).
typedef struct gg_calibrate_result gg_calibrate_result;

/// Options with every default: Nelder-Mead, 8 starts, 2000 iterations, all
/// threads, the scenario's seed, no hold-out, no files.
GG_API gg_calibrate_options gg_calibrate_defaults(void);

/// Parse `PATH=LO:HI` and check that PATH names real, non-integer parameters
/// of `sc` that accept both LO and HI, LO < HI. 0, or -1 with `err` starting
/// with `text` (callers prefix the option or file).
/// The scenario's own JSON text with values[i] written at params[i].path
/// (the intervals are not used) and `seed` as its seed: a scenario file
/// (JSON with a final newline) that loads and runs with those values, as
/// the calibrated scenario is written. *out is freed with gg_free. 0, or -1
/// with err ("PATH: ..." when a value cannot be written there).
GG_API int gg_calibrate_scenario_json(const gg_scenario *sc, const gg_calibrate_param *params,
                                      const double *values, int n, uint64_t seed, char **out,
                                      gg_error *err);

GG_API int gg_calibrate_param_parse(const gg_scenario *sc, const char *text,
                                    gg_calibrate_param *out, gg_error *err);

/// Calibrate: targets, multi-start fit, statistics, hold-out, calibrated
/// scenario (checked to reproduce the fit) and, with out_dir, the files.
/// Returns GG_CALIBRATE_OK with *out set (free it with
/// gg_calibrate_result_free), or a gg_calibrate_status with *out NULL and
/// `err` filled (one line).
GG_API int gg_calibrate_run(const gg_calibrate_options *opt, gg_calibrate_result **out,
                            gg_error *err);

GG_API void gg_calibrate_result_free(gg_calibrate_result *r);

/// The calibrated scenario: the fitted and set values written in (as
/// scenario.json), and its JSON text.
GG_API const gg_scenario *gg_calibrate_result_scenario(const gg_calibrate_result *r);
GG_API const char *gg_calibrate_result_scenario_json(const gg_calibrate_result *r);

GG_API gg_calibrate_method gg_calibrate_result_method(const gg_calibrate_result *r);
/// 1 if the scenario has noise or shock events (the fit then depends on its seed).
GG_API int gg_calibrate_result_noisy(const gg_calibrate_result *r);
/// The seed of the start design.
GG_API uint64_t gg_calibrate_result_design_seed(const gg_calibrate_result *r);

/// Targets in the file, and those in the objective (not held out).
GG_API int gg_calibrate_result_targets(const gg_calibrate_result *r);
GG_API int gg_calibrate_result_targets_fitted(const gg_calibrate_result *r);

/// The fitted parameters, 0..params-1.
GG_API int gg_calibrate_result_params(const gg_calibrate_result *r);
GG_API const gg_calibrate_param *gg_calibrate_result_param(const gg_calibrate_result *r, int j);
/// The best fit of parameter j, in its unit.
GG_API double gg_calibrate_result_value(const gg_calibrate_result *r, int j);
/// Its approximate standard error (Gauss-Newton), NaN when not identified
/// or when there are no more targets than parameters.
GG_API double gg_calibrate_result_se(const gg_calibrate_result *r, int j);
GG_API gg_calibrate_identified gg_calibrate_result_identified(const gg_calibrate_result *r, int j);
/// The profile of the objective over parameter j's interval (the others
/// re-fitted): GG_CALIBRATE_PROFILE_POINTS values and objectives.
GG_API void gg_calibrate_result_profile(const gg_calibrate_result *r, int j, const double **values,
                                        const double **objectives);

/// The objective (weighted sum of squares) at the best fit, the residual
/// variance S / (n - p) (NaN if n <= p) and the scaled Jacobian's rank.
GG_API double gg_calibrate_result_objective(const gg_calibrate_result *r);
GG_API double gg_calibrate_result_sigma2(const gg_calibrate_result *r);
GG_API int gg_calibrate_result_rank(const gg_calibrate_result *r);
/// Singular value k (decreasing) of the Jacobian with columns scaled by the intervals.
GG_API double gg_calibrate_result_singular_value(const gg_calibrate_result *r, int k);

/// One start of the fit.
typedef enum gg_calibrate_start_status {
  GG_CALIBRATE_START_FAILED = -1,
  GG_CALIBRATE_START_CONVERGED = 0,
  GG_CALIBRATE_START_MAX_ITER = 1 ///< stopped at max_iter
} gg_calibrate_start_status;

typedef struct gg_calibrate_start {
  const double *initial; ///< params values where the start began
  const double *fitted;  ///< params values where it ended
  double objective;      ///< objective at `fitted`
  int iterations;
  gg_calibrate_start_status status;
} gg_calibrate_start;

GG_API int gg_calibrate_result_starts(const gg_calibrate_result *r);
/// The start with the lowest objective (ties to the lower number).
GG_API int gg_calibrate_result_best_start(const gg_calibrate_result *r);
GG_API void gg_calibrate_result_start(const gg_calibrate_result *r, int s, gg_calibrate_start *out);

/// The hold-out's scores over the held-out targets that have a persistence
/// forecast (the last earlier observation of the same state and component).
typedef struct gg_calibrate_holdout {
  int from_tick;
  char from_date[32];                  ///< from_tick in the scenario's step format
  int targets;                         ///< targets held out
  int scored;                          ///< of which have a persistence forecast
  double sse_model, sse_persistence;   ///< weighted sums of squared errors
  double rmse_model, rmse_persistence; ///< weighted root mean squares (NaN if none scored)
  double skill; ///< 1 - sse_model / sse_persistence (NaN if sse_persistence is 0)
} gg_calibrate_holdout;

/// 1 and *out filled when the calibration had a hold-out, else 0.
GG_API int gg_calibrate_result_holdout(const gg_calibrate_result *r, gg_calibrate_holdout *out);

#ifdef __cplusplus
}
#endif
#endif
