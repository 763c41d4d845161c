/* Sobol sensitivity indices from a Saltelli design, following SALib's
   sobol.analyze: standardised outputs, first-order indices by Saltelli et
   al. (2010), total indices by Jansen (1999), second-order indices by
   Saltelli (2002), and bootstrap confidence half-widths. */
#include "gg_util.h"
#include "design.h"
#include "sweep_indices.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The columns of a Saltelli design's outputs, for one bootstrap resample:
   idx[i] is the base point used in position i. */
typedef struct sobol_view {
  const double *y;
  long per; /* rows per base point */
  int dim;
  const long *idx;
  long n;
} sobol_view;

static double sv_a(const sobol_view *v, long i) {
  return v->y[v->idx[i] * v->per];
}
static double sv_b(const sobol_view *v, long i) {
  return v->y[v->idx[i] * v->per + v->per - 1];
}
static double sv_ab(const sobol_view *v, long i, int j) {
  return v->y[v->idx[i] * v->per + 1 + j];
}
static double sv_ba(const sobol_view *v, long i, int j) {
  return v->y[v->idx[i] * v->per + 1 + v->dim + j];
}

/* Population variance of the A and B outputs together (numpy's var). */
static double sobol_var(const sobol_view *v) {
  double sum = 0.0, ss = 0.0;
  for (long i = 0; i < v->n; i++)
    sum += sv_a(v, i) + sv_b(v, i);
  double mean = sum / (2.0 * (double)v->n);
  for (long i = 0; i < v->n; i++) {
    double da = sv_a(v, i) - mean, db = sv_b(v, i) - mean;
    ss += da * da + db * db;
  }
  return ss / (2.0 * (double)v->n);
}

static double sobol_first(const sobol_view *v, int j, double var) {
  double s = 0.0;
  for (long i = 0; i < v->n; i++)
    s += sv_b(v, i) * (sv_ab(v, i, j) - sv_a(v, i));
  return s / (double)v->n / var;
}

static double sobol_total(const sobol_view *v, int j, double var) {
  double s = 0.0;
  for (long i = 0; i < v->n; i++) {
    double d = sv_a(v, i) - sv_ab(v, i, j);
    s += d * d;
  }
  return 0.5 * s / (double)v->n / var;
}

static double sobol_second(const sobol_view *v, int j, int k, double var) {
  double s = 0.0;
  for (long i = 0; i < v->n; i++)
    s += sv_ba(v, i, j) * sv_ab(v, i, k) - sv_a(v, i) * sv_b(v, i);
  return s / (double)v->n / var - sobol_first(v, j, var) - sobol_first(v, k, var);
}

void gga_sobol_indices_free(sobol_indices *si) {
  gg_free(si->S1);
  gg_free(si->S2);
  memset(si, 0, sizeof *si);
}

static void sobol_resample(long *idx, long n, uint64_t seed, int r) {
  for (long i = 0; i < n; i++) {
    long k = (long)(gga_design_uniform(seed, (uint64_t)r + 1u, (uint64_t)i) * (double)n);
    idx[i] = k < n ? k : n - 1;
  }
}

int gga_sobol_analyze(sobol_indices *out, const double *y, long base, int dim, int second,
                      int resamples, double conf, uint64_t seed, gg_error *err) {
  memset(out, 0, sizeof *out);
  long per = second ? 2L * dim + 2 : (long)dim + 2, rows = base * per;
  if (base < 2 || dim < 1 || resamples < 2) {
    gg_err_set(err, "sobol: need at least 2 base points and 2 resamples");
    return -1;
  }
  for (long i = 0; i < rows; i++) {
    if (!isfinite(y[i])) {
      gg_err_set(err, "sobol: output %ld is not finite", i);
      return -1;
    }
  }
  double *z = gg_malloc((size_t)rows * sizeof(double));
  long *idx = gg_malloc((size_t)base * sizeof(long));
  double *boot = gg_malloc((size_t)resamples * sizeof(double));
  size_t d2 = second ? (size_t)dim * (size_t)dim : 0;
  out->dim = dim;
  out->S1 = gg_malloc((size_t)dim * 4u * sizeof(double));
  if (second) out->S2 = gg_malloc(d2 * 2u * sizeof(double));
  if (!z || !idx || !boot || !out->S1 || (second && !out->S2)) {
    gg_err_set(err, "sobol: out of memory");
    goto fail;
  }
  out->S1_conf = out->S1 + dim;
  out->ST = out->S1 + 2 * dim;
  out->ST_conf = out->S1 + 3 * dim;
  if (second) {
    out->S2_conf = out->S2 + d2;
    for (size_t i = 0; i < 2 * d2; i++)
      out->S2[i] = NAN;
  }
  double mean = gsl_stats_mean(y, 1, (size_t)rows);
  double sd = sqrt(gsl_stats_variance_with_fixed_mean(y, 1, (size_t)rows, mean));
  if (!(sd > 0.0)) {
    gg_err_set(err, "sobol: the outputs do not vary");
    goto fail;
  }
  for (long i = 0; i < rows; i++)
    z[i] = (y[i] - mean) / sd;

  for (long i = 0; i < base; i++)
    idx[i] = i;
  sobol_view v = {z, per, dim, idx, base};
  double var = sobol_var(&v);
  if (!(var > 0.0)) {
    gg_err_set(err, "sobol: the A and B outputs do not vary");
    goto fail;
  }
  double zq = gsl_cdf_ugaussian_Pinv(0.5 + conf / 2.0);
  for (int j = 0; j < dim; j++) {
    out->S1[j] = sobol_first(&v, j, var);
    out->ST[j] = sobol_total(&v, j, var);
  }
  if (second)
    for (int j = 0; j < dim; j++)
      for (int k = j + 1; k < dim; k++)
        out->S2[j * dim + k] = sobol_second(&v, j, k, var);

  /* Bootstrap: the same resamples for every index, as SALib draws one
     index matrix for all of them. */
  double *bs1 = gg_malloc((size_t)resamples * (size_t)dim * 2u * sizeof(double));
  double *bs2 = second ? gg_malloc((size_t)resamples * d2 * sizeof(double)) : NULL;
  if (!bs1 || (second && !bs2)) {
    gg_free(bs1);
    gg_free(bs2);
    gg_err_set(err, "sobol: out of memory");
    goto fail;
  }
  for (int r = 0; r < resamples; r++) {
    sobol_resample(idx, base, seed, r);
    double rv = sobol_var(&v);
    for (int j = 0; j < dim; j++) {
      bs1[(size_t)j * (size_t)resamples + (size_t)r] = sobol_first(&v, j, rv);
      bs1[(size_t)(dim + j) * (size_t)resamples + (size_t)r] = sobol_total(&v, j, rv);
    }
    if (second)
      for (int j = 0; j < dim; j++)
        for (int k = j + 1; k < dim; k++)
          bs2[(size_t)(j * dim + k) * (size_t)resamples + (size_t)r] = sobol_second(&v, j, k, rv);
  }
  for (int j = 0; j < dim; j++) {
    memcpy(boot, bs1 + (size_t)j * (size_t)resamples, (size_t)resamples * sizeof(double));
    out->S1_conf[j] = zq * gsl_stats_sd(boot, 1, (size_t)resamples);
    memcpy(boot, bs1 + (size_t)(dim + j) * (size_t)resamples, (size_t)resamples * sizeof(double));
    out->ST_conf[j] = zq * gsl_stats_sd(boot, 1, (size_t)resamples);
  }
  if (second)
    for (int j = 0; j < dim; j++)
      for (int k = j + 1; k < dim; k++)
        out->S2_conf[j * dim + k] =
            zq *
            gsl_stats_sd(bs2 + (size_t)(j * dim + k) * (size_t)resamples, 1, (size_t)resamples);
  gg_free(bs1);
  gg_free(bs2);
  gg_free(z);
  gg_free(idx);
  gg_free(boot);
  return 0;
fail:
  gg_free(z);
  gg_free(idx);
  gg_free(boot);
  gga_sobol_indices_free(out);
  return -1;
}
