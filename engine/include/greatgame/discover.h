/// greatgame: scenario discovery, the library behind `greatgame discover`.
///
/// Scenario discovery looks through a finished sweep for the region of the
/// inputs (parameters and categorical factors) where an outcome of
/// interest happens, and describes it as a box: a range for each number, a
/// set of levels for each factor. The box is found with PRIM (Friedman and
/// Fisher 1999): thin slices are peeled off the box one at a time, each
/// time the slice whose removal raises the share of interesting runs most,
/// which traces the coverage-density trajectory; a box is chosen on it and
/// widened again while that raises the share (pasting).
///
/// Take gg_discover_defaults(), set the sweep folder, the metric, the
/// condition and the output folder, and call gg_discover_run: the files
/// are byte for byte those of the command given the same options
/// (manifest.json differs only in `command`). The library never prints.
#ifndef GREATGAME_DISCOVER_H
#define GREATGAME_DISCOVER_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Why a call failed. A front end maps them to its own words (the program:
/// exit status 2 for bad input, 1 for a failure to write).
typedef enum gg_discover_error {
  GG_DISCOVER_OK = 0,
  GG_DISCOVER_ERR_RUNTIME,           ///< a file could not be written, or out of memory
  GG_DISCOVER_ERR_SWEEP,             ///< sweep_dir is not a finished sweep's folder, or is damaged
  GG_DISCOVER_ERR_METRIC,            ///< metric is not a metric of the sweep
  GG_DISCOVER_ERR_WHERE,             ///< where is not METRIC>=X (or <=, >, <)
  GG_DISCOVER_ERR_PEEL,              ///< peel out of range
  GG_DISCOVER_ERR_PASTE,             ///< paste out of range
  GG_DISCOVER_ERR_MIN_MASS,          ///< min_mass out of range
  GG_DISCOVER_ERR_MIN_COVERAGE,      ///< min_coverage out of range
  GG_DISCOVER_ERR_BOX,               ///< box is not a step of the trajectory
  GG_DISCOVER_ERR_NO_CASES,          ///< no run (or every run) meets the condition
  GG_DISCOVER_ERR_OUT,               ///< out is missing
  GG_DISCOVER_ERR_OUT_HOLDS_RESULTS, ///< out holds results and force is not set
  GG_DISCOVER_ERR_OUT_FOREIGN,       ///< out holds other files and force is not set
  GG_DISCOVER_ERR_OUT_BUSY           ///< another process holds out's lock
} gg_discover_error;

typedef struct gg_discover_options {
  /// The folder of a finished sweep (design.csv, runs.csv, manifest.json). Required.
  const char *sweep_dir;
  /// The metric (a column of runs.csv). Required.
  const char *metric;
  /// The condition that makes a run interesting: "METRIC>=X", "METRIC<=X",
  /// "METRIC>X" or "METRIC<X" (the metric's name may be left out: ">=X").
  /// A run without a value (first.* never crossed) does not meet it;
  /// failed runs are left out. Required.
  const char *where;
  /// Share of the box's runs peeled off per step, in (0, 0.5). Default 0.05.
  double peel;
  /// Share of the box's runs added back per pasting step, in [0, 0.5); 0:
  /// no pasting. Default 0.05.
  double paste;
  /// Peeling stops before the box holds fewer than this share of the runs,
  /// in (0, 1). Default 0.05.
  double min_mass;
  /// The box chosen (box < 0): the one of highest density whose coverage is
  /// at least min_coverage, in [0, 1]. Default 0.5.
  double min_coverage;
  /// The step of the trajectory to take instead (0 is the whole space);
  /// -1 (default): chosen by min_coverage.
  int box;
  /// The output folder: trajectory.csv, box.csv, manifest.json. Required.
  const char *out;
  /// Replace earlier results in out. Default 0.
  int force;
  /// The command line recorded in manifest.json. Default "".
  const char *command;
} gg_discover_options;

/// One input's limits in the chosen box.
typedef struct gg_discover_limit {
  char name[256];  ///< the design.csv column (parameter path or factor path)
  int levels;      ///< 0 for a number, else the factor's number of levels
  double lo, hi;   ///< a number's limits (inclusive), in its unit
  char kept[4096]; ///< a factor's levels in the box, joined with ';'
  int restricted;  ///< the box is narrower than the sweep on this input
  double quasi_p;  ///< the limit's quasi-p-value (NaN when not restricted)
} gg_discover_limit;

typedef struct gg_discover_result {
  gg_discover_error error; ///< GG_DISCOVER_OK or the check that failed
  long runs;               ///< runs used (failed runs are left out)
  long interesting;        ///< of which meet the condition
  int steps;               ///< boxes on the peeling trajectory
  double *coverage;        ///< steps entries: share of the interesting runs inside
  double *density;         ///< steps entries: share of the box's runs that are interesting
  double *mass;            ///< steps entries: share of all runs inside
  int *restricted;         ///< steps entries: inputs the box restricts
  int chosen;              ///< the step taken
  /// The chosen box after pasting: its coverage, density and mass.
  double box_coverage, box_density, box_mass;
  int inputs;                ///< entries of `limits`
  gg_discover_limit *limits; ///< one per input (parameters, then factors)
} gg_discover_result;

/// The defaults above.
GG_API gg_discover_options gg_discover_defaults(void);
/// Read the sweep, run PRIM and write the files. Free `res` (may be NULL)
/// with gg_discover_result_free whatever the outcome. 0, or -1 with `err`
/// filled (one line starting with the field or the file at fault).
GG_API int gg_discover_run(const gg_discover_options *o, gg_discover_result *res, gg_error *err);
GG_API void gg_discover_result_free(gg_discover_result *res);

#ifdef __cplusplus
}
#endif
#endif
