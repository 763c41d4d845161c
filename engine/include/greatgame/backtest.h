/// greatgame: out-of-sample backtests against observed indicators, as
/// `greatgame backtest`. A measurement model maps the model's alignment
/// shares onto observed indicators; its parameters are fitted on the
/// observations up to a year, and every later observation is forecast and
/// scored against two baselines that need no model (persistence and a linear
/// trend). Options struct, defaults, one call; the result has accessors.
///
/// The measurement model is the scenario's `measurement` section
/// (<greatgame/measure.h>); a scenario without one gets the built-in model:
///
/// - `un_agreement`, partner p (every power of the scenario):
///   logit(y) = a + b * share, with share the share of state s aligned with p;
/// - `remittances_gdp` (no partner; only when the scenario has a power "RU"):
///   y = a + b * share, the share aligned with RU.
///
/// Every entry and partner is one line, refitted here whatever the
/// scenario's own coefficients: ordinary least squares (GSL's
/// gsl_multifit_linear) of link(y) on the entry's terms, each the mean over
/// the observation's ticks, on the fitted observations of every state; y is
/// clamped as GG_MEASURE_EPS says before a logit or log. A term that does not
/// vary over the fitted observations is left out of the line (coefficient
/// 0, a note says so); with no point at all the line is not fitted and its
/// forecasts are skipped.
///
/// An observation dated `YYYY` covers the ticks of that calendar year, one
/// dated `YYYY-MM` the tick of that month (or the quarter or year holding
/// it); the terms are means over those ticks that lie in the run (0..ticks),
/// so a year the scenario covers only in part uses the ticks it has. An
/// observation none of whose ticks is in the run is skipped and counted.
#ifndef GREATGAME_BACKTEST_H
#define GREATGAME_BACKTEST_H

#include "base.h"
#include "calibrate.h"
#include "measure.h"
#include "study.h"

#ifdef __cplusplus
extern "C" {
#endif

/// The clamp applied to an agreement share before its logit (GG_MEASURE_EPS).
#define GG_BACKTEST_LOGIT_EPS GG_MEASURE_EPS

typedef enum gg_backtest_status {
  GG_BACKTEST_OK = 0,
  GG_BACKTEST_BAD_OPTIONS = 1,   ///< an option is missing or wrong; nothing ran
  GG_BACKTEST_BAD_OBSERVED = 2,  ///< the observed file: "FILE:LINE: message"; nothing written
  GG_BACKTEST_OUT_OF_MEMORY = 3, ///< nothing written
  GG_BACKTEST_BAD_OUT_DIR = 4,   ///< the output folder cannot be created or is not a folder
  GG_BACKTEST_OUT_EXISTS = 5,    ///< the folder holds results (manifest.json) and not force
  GG_BACKTEST_OUT_FOREIGN = 6,   ///< the folder holds other files and not force
  GG_BACKTEST_OUT_BUSY = 7,      ///< another command holds the folder's lock
  GG_BACKTEST_OUTPUT_FILE = 8    ///< a file could not be written; nothing left under its name
} gg_backtest_status;

typedef struct gg_backtest_options {
  const gg_scenario *scenario; ///< required; not changed
  const char *observed_path;   ///< required: the CSV `date,state,indicator,partner,value[,...]`
  int fit_until;               ///< required: fit on observations dated up to this year
  /// comma-separated indicators to forecast (NULL: every indicator of the
  /// measurement model); one without a model is skipped with a note
  const char *indicators;
  /// a state id: fit without its observations and score it alone (NULL: none)
  const char *leave_out;
  /// free parameters of the scenario fitted (with the measurement model) on
  /// the observations up to fit_until before the forecast; 0: none. The
  /// loss is the sum over the fitted observations of the squared residuals
  /// on the link's scale, each divided by the standard deviation of its
  /// line's transformed observations; minimised from `starts` Latin
  /// hypercube starts by Nelder-Mead (the calibration's optimiser).
  int nparams;
  const gg_calibrate_param *params;
  int starts;    ///< >= 1 (default 8)
  int max_iter;  ///< per start (default 500)
  int threads;   ///< 0: OpenMP's default
  int has_seed;  ///< 1: use `seed` instead of the scenario's (default 0)
  uint64_t seed; ///< the run is replicate 0: seed gg_seed_derive(seed, 0, 0)
  /// write forecasts.csv, scores.csv and manifest.json here (NULL: none)
  const char *out_dir;
  int force; ///< replace earlier results, or write into a folder of other files
  /// manifest.json's `command_line` (argc 0: empty)
  int argc;
  const char *const *argv;
  gg_study_temp_fn *temp_file; ///< told about temporary files (may be NULL)
  void *context;
} gg_backtest_options;

/// The defaults: no scenario, file or year (to be set), every mapped
/// indicator, no state left out, the scenario's seed, no output.
GG_API gg_backtest_options gg_backtest_defaults(void);

/// One forecast row (forecasts.csv). Numbers are on the indicator's own
/// scale; `persistence` or `trend` is NaN when the series has no observation
/// up to fit_until.
typedef struct gg_backtest_forecast {
  const char *date; ///< as written in the observed file
  const char *state;
  const char *indicator;
  const char *partner; ///< "" when the indicator has none
  double observed, forecast, persistence, trend;
} gg_backtest_forecast;

/// One score row (scores.csv): per indicator and state, per indicator over
/// every state (state "all"), and over everything (both "all"). Computed on
/// the forecast rows that have both baselines; skill = 1 - RMSE/RMSE_ref (NaN
/// when n is 0 or RMSE_ref is 0).
typedef struct gg_backtest_score {
  const char *indicator, *state;
  int n;
  double rmse, mae, rmse_persistence, rmse_trend, skill_persistence, skill_trend;
} gg_backtest_score;

/// One fitted line of the measurement model.
typedef struct gg_backtest_param {
  const char *indicator;
  const char *partner;      ///< "" for none
  const char *share_of;     ///< the power whose quantities the terms read ("" for none)
  const char *link;         ///< "identity", "logit" or "log"
  double a, b;              ///< the intercept and the first coefficient; NaN when not fitted (n 0)
  int n;                    ///< observations fitted
  int nterms;               ///< the entry's terms
  const char *const *terms; ///< their names ("share", "member:CSTO")
  double coefficients[GG_MEASURE_MAX_TERMS]; ///< b1..bk (0 for a term left out); NaN if not fitted
  double sd; ///< the residuals' standard deviation on the link's scale (NaN if n <= terms + 1)
} gg_backtest_param;

/// What happened to the rows of the observed file.
typedef struct gg_backtest_counts {
  int rows;               ///< data rows read
  int not_selected;       ///< indicator not asked for, or without a measurement model
  int no_partner;         ///< partner not a power of the scenario (or RU missing)
  int outside_scenario;   ///< no tick of the date lies in the run
  int left_out;           ///< the --leave-out state's rows up to fit_until
  int fitted;             ///< rows used to fit the measurement model
  int forecast;           ///< rows forecast (after fit_until)
  int scored;             ///< forecast rows with both baselines
  int years_before_start; ///< distinct years skipped because the run starts later
  int years_after_end;    ///< distinct years skipped because the run ends earlier
} gg_backtest_counts;

typedef struct gg_backtest_result gg_backtest_result;

/// Run the backtest. GG_BACKTEST_OK with *out set (free with
/// gg_backtest_free), or a status with *out NULL and one line in err. The
/// observed file is read and checked before the output folder is touched.
/// Messages: "FILE:1: missing column \"value\"", "FILE:LINE: bad date
/// \"2019-13\": expected YYYY or YYYY-MM", "FILE:LINE: value \"x\" is not a
/// number", "FILE:LINE: unknown state \"XX\" (not in the scenario)",
/// "FILE:LINE: expected N fields, got M", "FILE:LINE: duplicate of line L".
GG_API int gg_backtest_run(const gg_backtest_options *opt, gg_backtest_result **out, gg_error *err);
GG_API void gg_backtest_free(gg_backtest_result *res);

GG_API int gg_backtest_forecasts(const gg_backtest_result *res);
GG_API const gg_backtest_forecast *gg_backtest_forecast_at(const gg_backtest_result *res, int i);
GG_API int gg_backtest_scores(const gg_backtest_result *res);
GG_API const gg_backtest_score *gg_backtest_score_at(const gg_backtest_result *res, int i);
GG_API int gg_backtest_params(const gg_backtest_result *res);
GG_API const gg_backtest_param *gg_backtest_param_at(const gg_backtest_result *res, int i);
/// Notes: indicators or partners skipped, lines fitted flat, no overlap.
GG_API int gg_backtest_notes(const gg_backtest_result *res);
GG_API const char *gg_backtest_note_at(const gg_backtest_result *res, int i);
GG_API const gg_backtest_counts *gg_backtest_counts_of(const gg_backtest_result *res);
/// The observed file's SHA-256 (64 hex digits).
GG_API const char *gg_backtest_observed_sha256(const gg_backtest_result *res);
/// The fitted value of free parameter i (options.params[i]); NaN without.
GG_API double gg_backtest_fitted_param(const gg_backtest_result *res, int i);
/// The fit's loss at those values (NaN without free parameters).
GG_API double gg_backtest_fit_loss(const gg_backtest_result *res);

#ifdef __cplusplus
}
#endif
#endif
