/* Sample designs in the unit cube: grid, random, Latin hypercube, Sobol,
   Saltelli (for Sobol indices) and Morris trajectories. Every random choice
   is a pure function of the design's seed and the point's index. */
#include "gg_util.h"
#include "design.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_qrng.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const design_names[] = {"grid",     "random", "lhs",  "sobol",
                                           "saltelli", "morris", "efast"};

const char *gga_design_name(design_kind kind) {
  if ((int)kind < 0 || (int)kind > DESIGN_EFAST) return "?";
  return design_names[kind];
}

int gga_design_parse(const char *name) {
  for (int k = 0; k <= DESIGN_EFAST; k++)
    if (strcmp(name, design_names[k]) == 0) return k;
  return -1;
}

double gga_design_uniform(uint64_t seed, uint64_t a, uint64_t b) {
  uint64_t x = gg_mix64(seed ^ 0x9e3779b97f4a7c15ULL);
  x = gg_mix64(x + a * 0xbf58476d1ce4e5b9ULL);
  x = gg_mix64(x + b * 0x94d049bb133111ebULL + 1);
  return (double)(x >> 11) * 0x1.0p-53;
}

/* A uniform integer in [0, n) from (seed, a, b). */
static long design_below(uint64_t seed, uint64_t a, uint64_t b, long n) {
  long k = (long)(gga_design_uniform(seed, a, b) * (double)n);
  return k < n ? k : n - 1;
}

static int design_alloc(design *ds, long n, int dim, gg_error *err) {
  if (n <= 0 || (size_t)n > SIZE_MAX / sizeof(double) / (size_t)dim) {
    gg_err_set(err, "design: %ld points is too many", n);
    return -1;
  }
  ds->u = gg_malloc((size_t)n * (size_t)dim * sizeof(double));
  if (!ds->u) {
    gg_err_set(err, "design: out of memory for %ld points", n);
    return -1;
  }
  ds->n = n;
  return 0;
}

static int design_grid(design *ds, const int *steps, gg_error *err) {
  long n = 1;
  for (int j = 0; j < ds->dim; j++) {
    if (steps[j] < 1) {
      gg_err_set(err, "design: grid steps must be at least 1");
      return -1;
    }
    if (n > 100000000L / steps[j]) {
      gg_err_set(err, "design: the grid has over 100000000 points");
      return -1;
    }
    n *= steps[j];
  }
  if (design_alloc(ds, n, ds->dim, err) != 0) return -1;
  /* The first parameter varies slowest, like nested loops. */
  for (long i = 0; i < n; i++) {
    long rest = i;
    double *row = ds->u + (size_t)i * (size_t)ds->dim;
    for (int j = ds->dim - 1; j >= 0; j--) {
      long k = rest % steps[j];
      rest /= steps[j];
      row[j] = steps[j] == 1 ? 0.0 : (double)k / (double)(steps[j] - 1);
    }
  }
  return 0;
}

static int design_random(design *ds, long n, uint64_t seed, gg_error *err) {
  if (design_alloc(ds, n, ds->dim, err) != 0) return -1;
  for (long i = 0; i < n; i++)
    for (int j = 0; j < ds->dim; j++)
      ds->u[(size_t)i * (size_t)ds->dim + (size_t)j] =
          gga_design_uniform(seed, (uint64_t)i, (uint64_t)j);
  return 0;
}

/* Each column: a random permutation of the n strata, one uniform point in
   each stratum. */
static int design_lhs(design *ds, long n, uint64_t seed, gg_error *err) {
  if (design_alloc(ds, n, ds->dim, err) != 0) return -1;
  long *perm = gg_malloc((size_t)n * sizeof(long));
  if (!perm) {
    gg_err_set(err, "design: out of memory for %ld points", n);
    gga_design_free(ds);
    return -1;
  }
  for (int j = 0; j < ds->dim; j++) {
    for (long i = 0; i < n; i++)
      perm[i] = i;
    for (long i = n - 1; i > 0; i--) {
      long k = design_below(seed, (uint64_t)i, (uint64_t)j + 1000003u, i + 1);
      long t = perm[i];
      perm[i] = perm[k];
      perm[k] = t;
    }
    for (long i = 0; i < n; i++) {
      double jitter = gga_design_uniform(seed, (uint64_t)i, (uint64_t)j);
      ds->u[(size_t)i * (size_t)ds->dim + (size_t)j] = ((double)perm[i] + jitter) / (double)n;
    }
  }
  gg_free(perm);
  return 0;
}

/* Fill `out` (n x dim, stride `stride`) with the first n points of GSL's
   Sobol sequence in `dim` dimensions (GSL starts after the zero point). */
static int design_qrng(double *out, long n, int dim, int stride, gg_error *err) {
  gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)dim);
  if (!q) {
    gg_err_set(err, "design: cannot start a Sobol sequence in %d dimensions", dim);
    return -1;
  }
  for (long i = 0; i < n; i++) {
    if (gsl_qrng_get(q, out + (size_t)i * (size_t)stride) != GSL_SUCCESS) {
      gsl_qrng_free(q);
      gg_err_set(err, "design: the Sobol sequence failed at point %ld", i);
      return -1;
    }
  }
  gsl_qrng_free(q);
  return 0;
}

static int design_sobol(design *ds, long n, gg_error *err) {
  if (design_alloc(ds, n, ds->dim, err) != 0) return -1;
  if (design_qrng(ds->u, n, ds->dim, ds->dim, err) != 0) {
    gga_design_free(ds);
    return -1;
  }
  return 0;
}

/* SALib's order: for each base point i, the rows A, AB_1..AB_d, then
   BA_1..BA_d when second-order indices are wanted, then B. A is the first d
   coordinates of a 2d-dimensional Sobol point, B the last d. */
static int design_saltelli(design *ds, long base, int second, gg_error *err) {
  int d = ds->dim;
  if (2 * d > DESIGN_MAX_DIM) {
    gg_err_set(err, "design: Saltelli's design takes at most %d parameters", DESIGN_MAX_DIM / 2);
    return -1;
  }
  long per = second ? 2L * d + 2 : (long)d + 2;
  if (base > 100000000L / per) {
    gg_err_set(err, "design: %ld base points is too many", base);
    return -1;
  }
  double *ab = gg_malloc((size_t)base * 2u * (size_t)d * sizeof(double));
  if (!ab) {
    gg_err_set(err, "design: out of memory");
    return -1;
  }
  if (design_qrng(ab, base, 2 * d, 2 * d, err) != 0 || design_alloc(ds, base * per, d, err) != 0) {
    gg_free(ab);
    return -1;
  }
  ds->base = base;
  ds->second = second;
  for (long i = 0; i < base; i++) {
    const double *a = ab + (size_t)i * 2u * (size_t)d, *b = a + d;
    double *row = ds->u + (size_t)(i * per) * (size_t)d;
    memcpy(row, a, (size_t)d * sizeof(double));
    row += d;
    for (int j = 0; j < d; j++, row += d) {
      memcpy(row, a, (size_t)d * sizeof(double));
      row[j] = b[j];
    }
    if (second) {
      for (int j = 0; j < d; j++, row += d) {
        memcpy(row, b, (size_t)d * sizeof(double));
        row[j] = a[j];
      }
    }
    memcpy(row, b, (size_t)d * sizeof(double));
  }
  gg_free(ab);
  return 0;
}

/* Morris trajectories: a base point on the lower half of a p-level grid,
   then one step of +-delta per parameter in a random order. */
static int design_morris(design *ds, long traj, int levels, uint64_t seed, gg_error *err) {
  int d = ds->dim;
  if (levels < 2) {
    gg_err_set(err, "design: Morris needs at least 2 levels");
    return -1;
  }
  if (traj > 100000000L / (d + 1)) {
    gg_err_set(err, "design: %ld trajectories is too many", traj);
    return -1;
  }
  if (design_alloc(ds, traj * (d + 1), d, err) != 0) return -1;
  ds->base = traj;
  ds->levels = levels;
  ds->delta = (double)levels / (2.0 * (levels - 1));
  int lower = levels / 2; /* base levels from which a step of delta stays in [0, 1] */
  int order[DESIGN_MAX_DIM];
  double x[DESIGN_MAX_DIM];
  for (long t = 0; t < traj; t++) {
    for (int j = 0; j < d; j++) {
      long lv = design_below(seed, (uint64_t)t, (uint64_t)j, lower);
      int up = gga_design_uniform(seed, (uint64_t)t, (uint64_t)(j + 2 * DESIGN_MAX_DIM)) < 0.5;
      double lo = (double)lv / (double)(levels - 1);
      x[j] = up ? lo : lo + ds->delta;
      order[j] = j;
    }
    for (int j = d - 1; j > 0; j--) {
      long k = design_below(seed, (uint64_t)t, (uint64_t)(j + 4 * DESIGN_MAX_DIM), j + 1);
      int tmp = order[j];
      order[j] = order[k];
      order[k] = tmp;
    }
    double *row = ds->u + (size_t)(t * (d + 1)) * (size_t)d;
    memcpy(row, x, (size_t)d * sizeof(double));
    for (int s = 0; s < d; s++) {
      int j = order[s];
      double lo = x[j] < ds->delta - 1e-12 ? x[j] : x[j] - ds->delta;
      x[j] = x[j] == lo ? lo + ds->delta : lo;
      row += d;
      memcpy(row, x, (size_t)d * sizeof(double));
    }
  }
  return 0;
}

int gga_design_make(design *ds, design_kind kind, int dim, long samples, const int *steps,
                    uint64_t seed, int second, int levels, gg_error *err) {
  memset(ds, 0, sizeof *ds);
  ds->kind = kind;
  ds->dim = dim;
  if (dim < 1 || dim > DESIGN_MAX_DIM) {
    gg_err_set(err, "design: between 1 and %d parameters, got %d", DESIGN_MAX_DIM, dim);
    return -1;
  }
  if (kind != DESIGN_GRID && samples < 1) {
    gg_err_set(err, "design: at least one sample, got %ld", samples);
    return -1;
  }
  switch (kind) {
  case DESIGN_GRID:
    return design_grid(ds, steps, err);
  case DESIGN_RANDOM:
    return design_random(ds, samples, seed, err);
  case DESIGN_LHS:
    return design_lhs(ds, samples, seed, err);
  case DESIGN_SOBOL:
    return design_sobol(ds, samples, err);
  case DESIGN_SALTELLI:
    return design_saltelli(ds, samples, second, err);
  case DESIGN_MORRIS:
    return design_morris(ds, samples, levels, seed, err);
  case DESIGN_EFAST:
    return gga_design_efast(ds, samples, EFAST_M, seed, err);
  }
  gg_err_set(err, "design: unknown kind %d", (int)kind);
  return -1;
}

void gga_design_free(design *ds) {
  gg_free(ds->u);
  ds->u = NULL;
  ds->n = 0;
}
