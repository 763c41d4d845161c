/* Calibration: fitting scenario parameters to observed targets.

   Targets are observations of alignment shares (or ratios and sums of
   them) at given ticks. The objective is the weighted sum of squared
   differences between simulated and observed values; it is minimised over
   bounded parameters, each mapped onto its interval by a logistic
   transform, from several Latin hypercube starts. Part of the engine: no
   printing, errors through gg_error, memory through gg_malloc. The public
   entry point is gg_calibrate_run (<greatgame/calibrate.h>,
   calibrate_run.c); this header holds its pieces. */
#ifndef GG_CALIBRATE_H
#define GG_CALIBRATE_H

#include "gg_util.h"
#include <stddef.h>
#include <stdint.h>

/* Largest number of components on each side of a target expression. */
#define CAL_MAX_TERMS 8
/* Largest length of a parameter path. */
#define CAL_PATH_MAX GG_CALIBRATE_PATH_MAX
/* Returned (instead of -1) by the functions below that tell an allocation
   failure from other failures. */
#define CAL_ENOMEM (-2)

/* ---- targets (calibrate_targets.c) ------------------------------------ */

/* One observation: expression `num[0]+num[1]+...` or, when n_den > 0,
   `(num sum)/(den sum)` of state `state`'s shares at tick `tick`. */
typedef struct cal_target {
  int tick;
  int state;
  int num[CAL_MAX_TERMS];
  int n_num;
  int den[CAL_MAX_TERMS];
  int n_den;
  double value;  /* observed */
  double weight; /* >= 0, default 1 */
  int line;      /* line in the targets file */
  int holdout;   /* 1 if at or after the hold-out date */
  char component[96];
} cal_target;

typedef struct cal_targets {
  cal_target *t;
  int n;
} cal_targets;

/* Parse a targets CSV (header line, then `date_or_tick,state,component,
   value[,weight]`). `name` starts error messages (`NAME:LINE: ...`). */
int gga_cal_targets_parse(const gg_scenario *sc, const char *text, size_t len, const char *name,
                          cal_targets *out, gg_error *err);
int gga_cal_targets_load(const gg_scenario *sc, const char *path, cal_targets *out, gg_error *err);
void gga_cal_targets_free(cal_targets *t);
/* Mark targets at tick >= from as held out; returns the number held out. */
int gga_cal_targets_holdout(cal_targets *t, int from);

/* A tick number or a date in the scenario's step format (with yearly steps
   a four-digit number is a year). 0, or -1. */
int gga_cal_parse_tick(const gg_scenario *sc, const char *text, int *tick);

/* Value of a target's expression in a simulation at its current tick. A
   ratio whose denominator is below 1e-12 uses 1e-12. */
double gga_cal_target_eval(const cal_target *t, const gg_sim *sim);

/* ---- calibrated parameters (calibrate_targets.c) ---------------------- */

typedef gg_calibrate_param cal_param;

/* Check that p->path names a real, non-integer parameter of `sc` and that
   LO < HI are both values it accepts (the parsing half is
   gg_calibrate_param_parse). Errors start with `label`. 0, or -1 with err. */
int gga_cal_param_check(const gg_scenario *sc, const cal_param *p, const char *label,
                        gg_error *err);

/* ---- transforms and design (calibrate_opt.c) -------------------------- */

/* x = lo + (hi - lo) / (1 + exp(-z)), and its inverse and derivative. */
double gga_cal_to_bounded(double z, double lo, double hi);
double gga_cal_to_free(double x, double lo, double hi);
double gga_cal_dx_dz(double z, double lo, double hi);

/* A Latin hypercube of k points in d dimensions, row-major k x d, each
   coordinate in (0, 1); a pure function of seed, k and d. 0, or -1 when
   out of memory. */
int gga_cal_lhs(uint64_t seed, int k, int d, double *out);

/* ---- the optimiser (calibrate_opt.c) ---------------------------------- */

/* Weighted residuals at parameter values x (length p) into r (length n):
   r_i = sqrt(w_i) * (simulated_i - observed_i). Must be safe to call from
   several threads at once. 0, -1 when the model cannot be evaluated there
   (the optimiser moves away), or CAL_ENOMEM (the fit stops). */
typedef int (*cal_resid_fn)(void *ctx, const double *x, double *r);

typedef struct cal_problem {
  int p; /* parameters */
  int n; /* residuals */
  const double *lo, *hi;
  cal_resid_fn resid;
  void *ctx;
} cal_problem;

typedef enum cal_method { CAL_NELDER_MEAD = 0, CAL_LM = 1 } cal_method;

typedef struct cal_options {
  cal_method method;
  int starts;    /* Latin hypercube starts, >= 1 */
  uint64_t seed; /* of the design */
  int max_iter;  /* per start */
  double tol;    /* simplex size (Nelder-Mead) or step tolerance (LM) */
  int threads;   /* 0: OpenMP's default */
  /* progress of the starts (stage 0) and profile points (stage 1); calls
     are serialised. May be NULL. */
  void (*progress)(void *ctx, int stage, int done, int total);
  void *progress_ctx;
} cal_options;

/* Results per start and the best one (lowest objective, ties to the lower
   start index, so the result does not depend on the thread count). */
typedef struct cal_fit {
  int p, n, starts, best;
  double *x0;        /* starts x p: initial values */
  double *x;         /* starts x p: fitted values */
  double *objective; /* starts */
  int *iterations;   /* starts */
  int *status;       /* starts: 0 converged, 1 iteration limit, -1 failed */
} cal_fit;

void gga_cal_options_default(cal_options *o);
/* Sum of squared residuals at x (scratch r of length n); NaN on failure. */
double gga_cal_objective(const cal_problem *pr, const double *x, double *r);
/* Minimise the problem from one start x0 (length p) into x; writes the
   objective and iterations. Returns 0 converged, 1 iteration limit, -1 on
   failure, CAL_ENOMEM when out of memory. `fixed` (may be NULL) marks
   parameters held at x0. */
int gga_cal_minimise(const cal_problem *pr, const cal_options *o, const double *x0,
                     const int *fixed, double *x, double *objective, int *iterations);
/* Run every start (in parallel) and keep the best. 0, or -1 with err (fit
   then freed). */
int gga_cal_fit_run(const cal_problem *pr, const cal_options *o, cal_fit *fit, gg_error *err);
void gga_cal_fit_free(cal_fit *fit);
/* Count one unit of `stage` done and report it through o->progress
   (serialised; callable from worker threads). */
void gga_cal_progress(const cal_options *o, int stage, int *done, int total);

/* ---- uncertainty, identifiability, hold-out (calibrate_stats.c) ------- */

#define CAL_PROFILE_POINTS GG_CALIBRATE_PROFILE_POINTS

typedef struct cal_stats {
  int p, n;
  double ssr;          /* objective at the fit */
  double sigma2;       /* ssr / (n - p), NaN if n <= p */
  int rank;            /* numerical rank of the scaled Jacobian */
  double *sv;          /* p singular values of the scaled Jacobian, decreasing */
  double *se;          /* p standard errors (NaN where not identified) */
  int *identified;     /* p: 1 yes, 0 Jacobian rank, -1 flat profile */
  double *profile_x;   /* p x CAL_PROFILE_POINTS */
  double *profile_obj; /* p x CAL_PROFILE_POINTS */
} cal_stats;

/* Jacobian of the residuals in parameter units (n x p, row-major) by
   central differences. 0, -1, or CAL_ENOMEM. */
int gga_cal_jacobian(const cal_problem *pr, const double *x, double *jac);
/* Standard errors from the Jacobian (Gauss-Newton), the Jacobian's rank and
   a profile of the objective over each parameter's interval (the others
   re-fitted). 0, or -1 with err. */
int gga_cal_stats_compute(const cal_problem *pr, const cal_options *o, const double *x,
                          cal_stats *st, gg_error *err);
void gga_cal_stats_free(cal_stats *st);

/* Hold-out scores: weighted sums of squares of the model's and of the
   persistence forecast's errors (the last observation of the same state
   and component before the hold-out carried forward), over the held-out
   targets that have such an observation. */
typedef struct cal_holdout {
  int n_heldout; /* targets held out */
  int n_scored;  /* of which have a persistence forecast */
  double sse_model, sse_persistence, weight_sum;
  double rmse_model, rmse_persistence;
  double skill; /* 1 - sse_model / sse_persistence */
} cal_holdout;

/* `sim` holds the simulated value of every target (length t->n);
   `persist` receives each target's persistence forecast (NaN if none). */
void gga_cal_holdout_score(const cal_targets *t, const double *sim, double *persist,
                           cal_holdout *out);

/* ---- the model objective (calibrate_model.c) -------------------------- */

typedef struct cal_model {
  const gg_scenario *base;
  const cal_param *params;
  int p;
  const cal_targets *targets;
  int *fit_index; /* indices of the targets in the objective */
  int n_fit;
  int last_tick;
} cal_model;

/* Prepare the objective over the non-held-out targets (n_fit may be 0).
   0, or -1 with err (out of memory). */
int gga_cal_model_init(cal_model *m, const gg_scenario *base, const cal_param *params, int p,
                       const cal_targets *targets, gg_error *err);
void gga_cal_model_free(cal_model *m);
/* The scenario with values x set (caller frees). NULL with err. */
gg_scenario *gga_cal_model_scenario(const cal_model *m, const double *x, gg_error *err);
/* Simulate at x (scenario seed, as `run` does) and write every target's
   simulated value (length targets->n). 0, -1 (a value is not finite, or x
   is outside a parameter's interval and refused), or CAL_ENOMEM. */
int gga_cal_model_simulate(const cal_model *m, const double *x, double *values);
/* The cal_resid_fn over the fitted targets; ctx is a cal_model. */
int gga_cal_model_resid(void *ctx, const double *x, double *r);
/* 1 if the scenario has noise or shock events (the objective is then
   noisy in the seed even though each run is deterministic), 0 if not, or
   CAL_ENOMEM. */
int gga_cal_model_is_noisy(const gg_scenario *sc);

/* ---- the calibrated scenario (calibrate_scenario.c) ------------------- */

/* Write the values into scenario JSON text at their paths (`seed` is
   written back exactly) into *out, a newly allocated, formatted JSON text
   (free with gg_free). 0; -1 when a value cannot be written at its path
   (err "PATH: ..."); CAL_ENOMEM, or -3 when the JSON cannot be re-read
   (err set). */
int gga_cal_scenario_write(const char *json, const cal_param *params, const double *x, int p,
                           uint64_t seed, char **out, gg_error *err);

/* ---- output files (calibrate_out.c) ----------------------------------- */

/* Everything a calibration reports. */
typedef struct cal_report {
  const gg_scenario *scenario; /* as loaded, before the fit */
  const cal_param *params;
  int p;
  const cal_targets *targets;
  const double *simulated;   /* every target's value at the fit */
  const double *persistence; /* every target's persistence forecast (NaN) */
  const cal_fit *fit;
  const cal_stats *stats;
  const cal_holdout *holdout; /* NULL without a hold-out */
  const cal_options *options;
  int holdout_from; /* tick, when holdout is not NULL */
  int noisy;
  const char *calibrated_json; /* the calibrated scenario's text */
  const char *command_line;
  /* Told about each temporary file (may be NULL). */
  void (*temp_file)(void *ctx, const char *path, int exists);
  void *temp_ctx;
  /* The folder held earlier greatgame results: their other files are
     removed when the new ones are put in place. */
  int clear_others;
} cal_report;

/* Write fit.csv, starts.csv, residuals.csv, profile.csv, calibration.json,
   scenario.json and manifest.json into dir as one output set: all are
   written under temporary names first, then the old manifest.json (and,
   with clear_others, the other files of earlier greatgame results) are
   removed and the new files renamed into place, manifest.json last. On failure nothing is put in
   place (earlier results stay as they were). 0, or -1 with err. */
int gga_cal_report_write(const cal_report *rep, const char *dir, gg_error *err);

/* ---- the whole calibration (calibrate_run.c) -------------------------- */

/* What gg_calibrate_run hands back; every member owned. */
struct gg_calibrate_result {
  gg_scenario *scenario; /* the fitted scenario: loaded, sets applied */
  cal_param *params;
  int p;
  cal_targets targets;
  cal_model model;
  cal_options options;
  cal_fit fit;
  cal_stats stats;
  cal_holdout holdout;
  int has_holdout;
  int holdout_from; /* tick */
  int noisy;
  double *simulated;     /* every target at the best fit */
  double *persistence;   /* every target's persistence forecast (NaN) */
  char *calibrated_json; /* scenario.json */
  gg_scenario *calibrated;
};

#endif
