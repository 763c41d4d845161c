/* Morris elementary effects (SALib's morris.analyze): per trajectory and
   parameter the change of the output over one step of +-delta, in unit-cube
   units; mu, mu_star (mean absolute effect), sigma (sample standard
   deviation) and a bootstrap half-width of mu_star. */
#include "gg_util.h"
#include "design.h"
#include "sweep_indices.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void gga_morris_indices_free(morris_indices *mi) {
  gg_free(mi->mu);
  memset(mi, 0, sizeof *mi);
}

/* Fill ee[j * traj + t] with the elementary effect of parameter j in
   trajectory t. -1 if a trajectory does not move each parameter once. */
static int morris_effects(double *ee, const double *x, const double *y, long traj, int dim,
                          double delta, gg_error *err) {
  for (long t = 0; t < traj; t++) {
    const double *xr = x + (size_t)(t * (dim + 1)) * (size_t)dim;
    const double *yr = y + t * (dim + 1);
    int seen[DESIGN_MAX_DIM] = {0};
    for (int s = 0; s < dim; s++) {
      int moved = -1;
      for (int j = 0; j < dim; j++)
        if (xr[(s + 1) * dim + j] != xr[s * dim + j]) moved = moved == -1 ? j : -2;
      if (moved < 0 || seen[moved]) {
        gg_err_set(err, "morris: trajectory %ld step %d does not move exactly one new parameter", t,
                   s);
        return -1;
      }
      seen[moved] = 1;
      double dy = yr[s + 1] - yr[s];
      int up = xr[(s + 1) * dim + moved] > xr[s * dim + moved];
      ee[(size_t)moved * (size_t)traj + (size_t)t] = (up ? dy : -dy) / delta;
    }
  }
  return 0;
}

int gga_morris_analyze(morris_indices *out, const double *x, const double *y, long traj, int dim,
                       double delta, int resamples, double conf, uint64_t seed, gg_error *err) {
  memset(out, 0, sizeof *out);
  if (traj < 2 || dim < 1 || dim > DESIGN_MAX_DIM || resamples < 2 || !(delta > 0.0)) {
    gg_err_set(err, "morris: need at least 2 trajectories and 2 resamples");
    return -1;
  }
  long rows = traj * (dim + 1);
  for (long i = 0; i < rows; i++) {
    if (!isfinite(y[i])) {
      gg_err_set(err, "morris: output %ld is not finite", i);
      return -1;
    }
  }
  double *ee = gg_malloc((size_t)traj * (size_t)dim * sizeof(double));
  double *abs_ee = gg_malloc((size_t)traj * sizeof(double));
  double *boot = gg_malloc((size_t)resamples * sizeof(double));
  out->mu = gg_malloc((size_t)dim * 4u * sizeof(double));
  if (!ee || !abs_ee || !boot || !out->mu) {
    gg_err_set(err, "morris: out of memory");
    goto fail;
  }
  out->dim = dim;
  out->mu_star = out->mu + dim;
  out->sigma = out->mu + 2 * dim;
  out->mu_star_conf = out->mu + 3 * dim;
  if (morris_effects(ee, x, y, traj, dim, delta, err) != 0) goto fail;
  double zq = gsl_cdf_ugaussian_Pinv(0.5 + conf / 2.0);
  for (int j = 0; j < dim; j++) {
    const double *e = ee + (size_t)j * (size_t)traj;
    for (long t = 0; t < traj; t++)
      abs_ee[t] = fabs(e[t]);
    out->mu[j] = gsl_stats_mean(e, 1, (size_t)traj);
    out->mu_star[j] = gsl_stats_mean(abs_ee, 1, (size_t)traj);
    out->sigma[j] = gsl_stats_sd(e, 1, (size_t)traj);
    for (int r = 0; r < resamples; r++) {
      double s = 0.0;
      for (long t = 0; t < traj; t++) {
        long k = (long)(gga_design_uniform(seed, (uint64_t)r + 1u, (uint64_t)(t * dim + j)) *
                        (double)traj);
        s += abs_ee[k < traj ? k : traj - 1];
      }
      boot[r] = s / (double)traj;
    }
    out->mu_star_conf[j] = zq * gsl_stats_sd(boot, 1, (size_t)resamples);
  }
  gg_free(ee);
  gg_free(abs_ee);
  gg_free(boot);
  return 0;
fail:
  gg_free(ee);
  gg_free(abs_ee);
  gg_free(boot);
  gga_morris_indices_free(out);
  return -1;
}
