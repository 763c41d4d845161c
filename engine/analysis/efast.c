/* The extended Fourier Amplitude Sensitivity Test (Saltelli, Tarantola and
   Chan 1999, "A quantitative model-independent method for global
   sensitivity analysis of model output", Technometrics 41: 39-56), with
   SALib's frequencies, curve and estimators: for each parameter i a block
   of N points in which parameter i oscillates at the high frequency
   omega_0 = floor((N - 1) / (2 M)) and the others at low frequencies; the
   first-order index is the share of the output's spectrum at the harmonics
   p omega_0 (p = 1..M), the total index one minus the share below
   omega_0 / 2.

   The points are exact: the search curve 1/2 + asin(sin(w s + phi)) / pi is
   a triangle wave, computed here from integer frequencies with plain
   arithmetic, so a design has the same bits on every platform. */
#include "design.h"
#include "gg_util.h"
#include "sweep_indices.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_fft_real.h>
#include <math.h>
#include <string.h>

void gga_efast_frequencies(int dim, long n, int M, long *omega) {
  omega[0] = (n - 1) / (2L * M);
  long m = omega[0] / (2L * M);
  if (dim < 2) return;
  if (m >= dim - 1) {
    /* floor(linspace(1, m, dim - 1)) */
    for (int k = 0; k < dim - 1; k++)
      omega[k + 1] = dim == 2 ? 1 : (long)floor(1.0 + (double)(m - 1) * k / (double)(dim - 2));
  } else {
    for (int k = 0; k < dim - 1; k++)
      omega[k + 1] = m > 0 ? k % m + 1 : 1;
  }
}

/* The triangle wave 1/2 + asin(sin(2 pi u)) / pi of a phase u in [0, 1). */
static double efast_curve(double u) {
  if (u <= 0.25) return 0.5 + 2.0 * u;
  if (u <= 0.75) return 1.5 - 2.0 * u;
  return 2.0 * u - 1.5;
}

int gga_design_efast(design *ds, long n, int M, uint64_t seed, gg_error *err) {
  int d = ds->dim;
  if (n <= 4L * M * M) {
    gg_err_set(err, "design: eFAST needs more than %d points per parameter (4 M^2, M = %d)",
               4 * M * M, M);
    return -1;
  }
  if (n > 100000000L / d) {
    gg_err_set(err, "design: %ld points per parameter is too many", n);
    return -1;
  }
  long omega[DESIGN_MAX_DIM], w[DESIGN_MAX_DIM];
  gga_efast_frequencies(d, n, M, omega);
  ds->u = gg_malloc((size_t)n * (size_t)d * (size_t)d * sizeof(double));
  if (!ds->u) {
    gg_err_set(err, "design: out of memory");
    return -1;
  }
  ds->n = n * d;
  ds->base = n;
  for (int i = 0; i < d; i++) {
    /* Parameter i at omega_0, the others at the low frequencies in order. */
    for (int j = 0, k = 1; j < d; j++)
      w[j] = j == i ? omega[0] : omega[k++];
    double phi = gga_design_uniform(seed, 0x65666173ULL, (uint64_t)i); /* "efas" */
    for (long s = 0; s < n; s++) {
      double *row = ds->u + (size_t)(i * n + s) * (size_t)d;
      for (int j = 0; j < d; j++) {
        /* (w s / n + phi) mod 1, with w s mod n exact in integers */
        double u = (double)((w[j] * s) % n) / (double)n + phi;
        if (u >= 1.0) u -= 1.0;
        row[j] = efast_curve(u);
      }
    }
  }
  return 0;
}

int gga_efast_analyze(double *S1, double *ST, const double *y, long n, int dim, int M,
                      gg_error *err) {
  long omega0 = (n - 1) / (2L * M);
  double *f = gg_malloc((size_t)n * sizeof(double));
  gsl_fft_real_wavetable *wt = gsl_fft_real_wavetable_alloc((size_t)n);
  gsl_fft_real_workspace *ws = gsl_fft_real_workspace_alloc((size_t)n);
  int rc = -1;
  if (!f || !wt || !ws) {
    gg_err_set(err, "efast: out of memory");
    goto done;
  }
  gsl_set_error_handler_off();
  for (int i = 0; i < dim; i++) {
    memcpy(f, y + (size_t)i * (size_t)n, (size_t)n * sizeof(double));
    for (long k = 0; k < n; k++)
      if (!isfinite(f[k])) {
        gg_err_set(err, "efast: a run without a finite value");
        goto done;
      }
    if (gsl_fft_real_transform(f, 1, (size_t)n, wt, ws) != GSL_SUCCESS) {
      gg_err_set(err, "efast: the Fourier transform failed");
      goto done;
    }
    /* Halfcomplex: f[2k-1], f[2k] are the real and imaginary parts of
       coefficient k. Sp[k-1] = |c_k / n|^2 for k = 1..ceil(n/2)-1. */
    long half = (n + 1) / 2;
    double V = 0, D1 = 0, Dt = 0;
    for (long k = 1; k < half; k++) {
      double re = f[2 * k - 1], im = f[2 * k];
      double sp = (re * re + im * im) / ((double)n * (double)n);
      V += sp;
      if (k <= omega0 / 2) Dt += sp;
      if (k % omega0 == 0 && k / omega0 <= M) D1 += sp;
    }
    if (!(V > 0)) {
      gg_err_set(err, "efast: the output does not vary");
      goto done;
    }
    S1[i] = D1 / V;
    ST[i] = 1.0 - Dt / V;
  }
  rc = 0;
done:
  if (ws) gsl_fft_real_workspace_free(ws);
  if (wt) gsl_fft_real_wavetable_free(wt);
  gg_free(f);
  return rc;
}
