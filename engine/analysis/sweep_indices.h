/* Sensitivity estimators: Sobol indices from a Saltelli design and Morris
   elementary effects, with the definitions SALib uses. */
#ifndef GG_SWEEP_INDICES_H
#define GG_SWEEP_INDICES_H

#include <greatgame/greatgame.h>
#include <stdint.h>

/* Bootstrap defaults (SALib's): 100 resamples, 95% confidence. */
#define INDICES_RESAMPLES 100
#define INDICES_CONF 0.95

typedef struct sobol_indices {
  int dim;
  double *S1, *S1_conf, *ST, *ST_conf; /* dim each */
  double *S2, *S2_conf;                /* dim x dim (j < k filled, rest NaN), or NULL */
} sobol_indices;

/* `y` holds the outputs of a Saltelli design of `base` points in `dim`
   parameters, in the design's row order (with the BA_j rows when `second`).
   The outputs are standardised first (as SALib does), then: first order by
   Saltelli (2010), total by Jansen, second order by Saltelli (2002), and
   bootstrap half-widths of `resamples` resamples at level `conf`, drawn from
   `seed`. 0, or -1 with err filled (non-finite outputs, zero variance). */
int gga_sobol_analyze(sobol_indices *out, const double *y, long base, int dim, int second,
                      int resamples, double conf, uint64_t seed, gg_error *err);
void gga_sobol_indices_free(sobol_indices *si);

typedef struct morris_indices {
  int dim;
  double *mu, *mu_star, *sigma, *mu_star_conf; /* dim each */
} morris_indices;

/* `x` is the Morris design in unit-cube values ((dim + 1) rows per
   trajectory) and `y` its outputs. Elementary effects are in unit-cube
   units (divided by `delta`). 0, or -1 with err filled. */
int gga_morris_analyze(morris_indices *out, const double *x, const double *y, long traj, int dim,
                       double delta, int resamples, double conf, uint64_t seed, gg_error *err);
void gga_morris_indices_free(morris_indices *mi);

/* eFAST indices (efast.c) from the outputs `y` of an eFAST design of n
   points per parameter in `dim` parameters (block i: parameter i at the
   high frequency), with interference factor M: S1[i] and ST[i] as SALib
   computes them. 0, or -1 with err filled (a non-finite output, no
   variance). */
int gga_efast_analyze(double *S1, double *ST, const double *y, long n, int dim, int M,
                      gg_error *err);

#endif
