/* The calibration optimiser: bounded parameters through a logistic
   transform, Nelder-Mead (GSL nmsimplex2) on the objective or
   Levenberg-Marquardt (GSL multifit_nlinear) on the residuals, from a Latin
   hypercube of starts run in parallel. Vectors are views of arrays from
   gg_malloc; only the minimisers' own workspaces come from GSL's allocator
   (a NULL from it counts as out of memory). */
#include "calibrate.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_multimin.h>
#include <math.h>
#include <omp.h>
#include <string.h>

/* A failed or non-finite evaluation counts as this objective, so that the
   simplex moves away from it. */
#define CAL_PENALTY 1e100
/* The transform is kept off the interval's ends: |z| <= CAL_ZMAX. */
#define CAL_ZMAX 30.0

double gga_cal_to_bounded(double z, double lo, double hi) {
  if (z > CAL_ZMAX) z = CAL_ZMAX;
  if (z < -CAL_ZMAX) z = -CAL_ZMAX;
  return lo + (hi - lo) / (1.0 + exp(-z));
}

double gga_cal_to_free(double x, double lo, double hi) {
  double u = (x - lo) / (hi - lo);
  double eps = 1.0 / (1.0 + exp(CAL_ZMAX));
  if (u < eps) u = eps;
  if (u > 1.0 - eps) u = 1.0 - eps;
  return log(u / (1.0 - u));
}

double gga_cal_dx_dz(double z, double lo, double hi) {
  if (z > CAL_ZMAX || z < -CAL_ZMAX) return 0.0;
  double s = 1.0 / (1.0 + exp(-z));
  return (hi - lo) * s * (1.0 - s);
}

/* Uniform (0, 1) from a counter: SplitMix64 of seed and index. */
static double cal_uniform(uint64_t seed, uint64_t i) {
  uint64_t v = gg_mix64(seed ^ gg_mix64(i + 0x9e3779b97f4a7c15ULL));
  return ((double)(v >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

int gga_cal_lhs(uint64_t seed, int k, int d, double *out) {
  int *perm = gg_malloc((size_t)k * sizeof *perm);
  if (!perm) return -1;
  uint64_t draw = 0;
  for (int j = 0; j < d; j++) {
    for (int i = 0; i < k; i++)
      perm[i] = i;
    for (int i = k - 1; i > 0; i--) {
      int m = (int)(cal_uniform(seed, draw++) * (double)(i + 1));
      if (m > i) m = i;
      int t = perm[i];
      perm[i] = perm[m];
      perm[m] = t;
    }
    for (int i = 0; i < k; i++)
      out[(size_t)i * (size_t)d + (size_t)j] = (perm[i] + cal_uniform(seed, draw++)) / (double)k;
  }
  gg_free(perm);
  return 0;
}

void gga_cal_options_default(cal_options *o) {
  o->method = CAL_NELDER_MEAD;
  o->starts = 8;
  o->seed = 1;
  o->max_iter = 2000;
  o->tol = 1e-8;
  o->threads = 0;
  o->progress = NULL;
  o->progress_ctx = NULL;
}

double gga_cal_objective(const cal_problem *pr, const double *x, double *r) {
  if (pr->resid(pr->ctx, x, r) != 0) return NAN;
  double s = 0.0;
  for (int i = 0; i < pr->n; i++)
    s += r[i] * r[i];
  return s;
}

/* The free parameters of one minimisation, in z-space. */
typedef struct cal_work {
  const cal_problem *pr;
  const int *map; /* free index -> parameter index */
  int nfree;
  double *x; /* full parameter vector (fixed entries preset) */
  double *r; /* residuals */
  int oom;   /* an evaluation ran out of memory: the minimisation stops */
} cal_work;

static void cal_work_fill(cal_work *w, const gsl_vector *z) {
  for (int i = 0; i < w->nfree; i++) {
    int j = w->map[i];
    w->x[j] = gga_cal_to_bounded(gsl_vector_get(z, (size_t)i), w->pr->lo[j], w->pr->hi[j]);
  }
}

/* The objective at w->x into *s: 0, -1 (counts as failed), or CAL_ENOMEM. */
static int cal_work_objective(cal_work *w, double *s) {
  int rc = w->pr->resid(w->pr->ctx, w->x, w->r);
  *s = NAN;
  if (rc == CAL_ENOMEM) w->oom = 1;
  if (rc != 0) return rc == CAL_ENOMEM ? CAL_ENOMEM : -1;
  double sum = 0.0;
  for (int i = 0; i < w->pr->n; i++)
    sum += w->r[i] * w->r[i];
  *s = sum;
  return 0;
}

static double cal_nm_f(const gsl_vector *z, void *params) {
  cal_work *w = params;
  cal_work_fill(w, z);
  double s;
  cal_work_objective(w, &s);
  return isfinite(s) && s < CAL_PENALTY ? s : CAL_PENALTY;
}

static int cal_lm_f(const gsl_vector *z, void *params, gsl_vector *f) {
  cal_work *w = params;
  cal_work_fill(w, z);
  int rc = w->pr->resid(w->pr->ctx, w->x, w->r);
  if (rc == CAL_ENOMEM) {
    w->oom = 1;
    return GSL_ENOMEM;
  }
  if (rc != 0) return GSL_EBADFUNC;
  for (int i = 0; i < w->pr->n; i++) {
    if (!isfinite(w->r[i])) return GSL_EBADFUNC;
    gsl_vector_set(f, (size_t)i, w->r[i]);
  }
  return GSL_SUCCESS;
}

/* `step` is scratch of nfree doubles. */
static int cal_run_nm(cal_work *w, const cal_options *o, gsl_vector *z, double *step_buf,
                      double *obj, int *iters) {
  size_t nf = (size_t)w->nfree;
  gsl_multimin_fminimizer *s =
      gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, nf);
  if (!s) return CAL_ENOMEM;
  gsl_vector_view step = gsl_vector_view_array(step_buf, nf);
  gsl_vector_set_all(&step.vector, 1.0);
  gsl_multimin_function fn = {.f = cal_nm_f, .n = nf, .params = w};
  int rc = 1;
  if (gsl_multimin_fminimizer_set(s, &fn, z, &step.vector) != GSL_SUCCESS || w->oom) {
    rc = w->oom ? CAL_ENOMEM : -1;
  } else {
    int it = 0;
    while (it < o->max_iter) {
      it++;
      int st = gsl_multimin_fminimizer_iterate(s);
      if (w->oom) {
        rc = CAL_ENOMEM;
        break;
      }
      if (st != GSL_SUCCESS) {
        rc = st == GSL_ENOPROG ? 0 : -1;
        break;
      }
      if (gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), o->tol) == GSL_SUCCESS) {
        rc = 0;
        break;
      }
    }
    *iters = it;
    gsl_vector_memcpy(z, gsl_multimin_fminimizer_x(s));
    *obj = gsl_multimin_fminimizer_minimum(s);
  }
  gsl_multimin_fminimizer_free(s);
  return rc;
}

static int cal_run_lm(cal_work *w, const cal_options *o, gsl_vector *z, double *obj, int *iters) {
  size_t nf = (size_t)w->nfree, n = (size_t)w->pr->n;
  gsl_multifit_nlinear_parameters fp = gsl_multifit_nlinear_default_parameters();
  fp.trs = gsl_multifit_nlinear_trs_lm;
  gsl_multifit_nlinear_workspace *ws =
      gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &fp, n, nf);
  if (!ws) return CAL_ENOMEM;
  gsl_multifit_nlinear_fdf fdf = {
      .f = cal_lm_f, .df = NULL, .fvv = NULL, .n = n, .p = nf, .params = w};
  int rc = -1;
  if (gsl_multifit_nlinear_init(z, &fdf, ws) == GSL_SUCCESS) {
    int info = 0;
    int st = gsl_multifit_nlinear_driver((size_t)o->max_iter, o->tol, 1e-12, 1e-14, NULL, NULL,
                                         &info, ws);
    *iters = (int)gsl_multifit_nlinear_niter(ws);
    gsl_vector_memcpy(z, gsl_multifit_nlinear_position(ws));
    if (st == GSL_SUCCESS || st == GSL_ENOPROG)
      rc = 0;
    else if (st == GSL_EMAXITER)
      rc = 1;
    gsl_vector *f = gsl_multifit_nlinear_residual(ws);
    double s = 0.0;
    gsl_blas_ddot(f, f, &s);
    *obj = s;
  }
  gsl_multifit_nlinear_free(ws);
  return w->oom ? CAL_ENOMEM : rc;
}

int gga_cal_minimise(const cal_problem *pr, const cal_options *o, const double *x0,
                     const int *fixed, double *x, double *objective, int *iterations) {
  int p = pr->p;
  int *map = gg_malloc((size_t)p * sizeof *map);
  /* xb: the full vector; zb and step: the free variables and the simplex's
     initial step */
  double *xb = gg_malloc((size_t)p * 3 * sizeof *xb);
  double *r = gg_malloc((size_t)(pr->n > 0 ? pr->n : 1) * sizeof *r);
  int rc = CAL_ENOMEM;
  *iterations = 0;
  *objective = NAN;
  if (!map || !xb || !r) goto done;
  int nfree = 0;
  for (int j = 0; j < p; j++) {
    xb[j] = x0[j];
    if (!fixed || !fixed[j]) map[nfree++] = j;
  }
  cal_work w = {.pr = pr, .map = map, .nfree = nfree, .x = xb, .r = r};
  if (nfree == 0) {
    rc = cal_work_objective(&w, objective);
    if (rc == 0 && !isfinite(*objective)) rc = -1;
  } else {
    gsl_vector_view zv = gsl_vector_view_array(xb + p, (size_t)nfree);
    gsl_vector *z = &zv.vector;
    for (int i = 0; i < nfree; i++)
      gsl_vector_set(z, (size_t)i, gga_cal_to_free(x0[map[i]], pr->lo[map[i]], pr->hi[map[i]]));
    if (o->method == CAL_LM && pr->n >= nfree)
      rc = cal_run_lm(&w, o, z, objective, iterations);
    else
      rc = cal_run_nm(&w, o, z, xb + 2 * p, objective, iterations);
    if (rc != CAL_ENOMEM) {
      cal_work_fill(&w, z);
      /* report the objective at the returned point itself */
      double s;
      int erc = cal_work_objective(&w, &s);
      if (erc == CAL_ENOMEM)
        rc = CAL_ENOMEM;
      else if (rc >= 0 && erc == 0 && isfinite(s))
        *objective = s;
      else
        rc = -1;
    }
  }
  memcpy(x, xb, (size_t)p * sizeof *x);
done:
  gg_free(map);
  gg_free(xb);
  gg_free(r);
  return rc;
}

void gga_cal_fit_free(cal_fit *fit) {
  gg_free(fit->x0);
  gg_free(fit->x);
  gg_free(fit->objective);
  gg_free(fit->iterations);
  gg_free(fit->status);
  memset(fit, 0, sizeof *fit);
}

int gga_cal_fit_run(const cal_problem *pr, const cal_options *o, cal_fit *fit, gg_error *err) {
  memset(fit, 0, sizeof *fit);
  gsl_set_error_handler_off();
  int k = o->starts, p = pr->p;
  fit->p = p;
  fit->n = pr->n;
  fit->starts = k;
  fit->best = -1;
  size_t kp = (size_t)k * (size_t)p;
  fit->x0 = gg_malloc((kp ? kp : 1) * sizeof *fit->x0);
  fit->x = gg_malloc((kp ? kp : 1) * sizeof *fit->x);
  fit->objective = gg_malloc((size_t)k * sizeof *fit->objective);
  fit->iterations = gg_malloc((size_t)k * sizeof *fit->iterations);
  fit->status = gg_malloc((size_t)k * sizeof *fit->status);
  if (!fit->x0 || !fit->x || !fit->objective || !fit->iterations || !fit->status ||
      gga_cal_lhs(o->seed, k, p, fit->x0) != 0) {
    gga_cal_fit_free(fit);
    gg_err_set(err, "calibrate: out of memory");
    return -1;
  }
  for (size_t i = 0; i < kp; i++) {
    int j = (int)(i % (size_t)p);
    fit->x0[i] = pr->lo[j] + fit->x0[i] * (pr->hi[j] - pr->lo[j]);
  }
  int threads = o->threads > 0 ? o->threads : omp_get_max_threads(), done = 0;
  if (o->progress) o->progress(o->progress_ctx, 0, 0, k);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (int s = 0; s < k; s++) {
    size_t off = (size_t)s * (size_t)p;
    fit->status[s] = gga_cal_minimise(pr, o, fit->x0 + off, NULL, fit->x + off, &fit->objective[s],
                                      &fit->iterations[s]);
    gga_cal_progress(o, 0, &done, k);
  }
  int oom = 0;
  for (int s = 0; s < k; s++) {
    oom |= fit->status[s] == CAL_ENOMEM;
    if (fit->status[s] < 0 || !isfinite(fit->objective[s])) continue;
    if (fit->best < 0 || fit->objective[s] < fit->objective[fit->best]) fit->best = s;
  }
  if (oom || fit->best < 0) {
    gga_cal_fit_free(fit);
    gg_err_set(err, "%s",
               oom ? "calibrate: out of memory"
                   : "calibrate: every start failed (the model could not be evaluated)");
    return -1;
  }
  return 0;
}

void gga_cal_progress(const cal_options *o, int stage, int *done, int total) {
  if (!o->progress) return;
#pragma omp critical(gga_cal_progress)
  {
    (*done)++;
    o->progress(o->progress_ctx, stage, *done, total);
  }
}
