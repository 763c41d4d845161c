/* What a fit is worth: standard errors from the Jacobian, the Jacobian's
   rank and profiles of the objective (identifiability), and the hold-out
   score against a persistence forecast. Matrices are views of arrays from
   gg_malloc. */
#include "calibrate.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <omp.h>
#include <string.h>

/* Relative step of the finite differences, as a fraction of the interval. */
#define CAL_FD_STEP 1e-5
/* Singular values below this fraction of the largest count as zero. */
#define CAL_RANK_TOL 1e-7
/* A parameter whose loading on a null direction exceeds this is flagged. */
#define CAL_NULL_LOADING 0.1
/* The 95% point of the chi-square distribution with one degree of freedom. */
#define CAL_CHI2_95 3.841458820694124

int gga_cal_jacobian(const cal_problem *pr, const double *x, double *jac) {
  int n = pr->n, p = pr->p;
  double *xp = gg_malloc((size_t)p * sizeof *xp);
  double *r1 = gg_malloc((size_t)(n > 0 ? n : 1) * sizeof *r1);
  double *r2 = gg_malloc((size_t)(n > 0 ? n : 1) * sizeof *r2);
  int rc = CAL_ENOMEM;
  if (!xp || !r1 || !r2) goto done;
  for (int j = 0; j < p; j++) {
    memcpy(xp, x, (size_t)p * sizeof *xp);
    double h = CAL_FD_STEP * (pr->hi[j] - pr->lo[j]);
    double a = x[j] + h <= pr->hi[j] ? x[j] + h : x[j];
    double b = x[j] - h >= pr->lo[j] ? x[j] - h : x[j];
    xp[j] = a;
    if ((rc = pr->resid(pr->ctx, xp, r1)) != 0) goto done;
    xp[j] = b;
    if ((rc = pr->resid(pr->ctx, xp, r2)) != 0) goto done;
    for (int i = 0; i < n; i++)
      jac[(size_t)i * (size_t)p + (size_t)j] = (r1[i] - r2[i]) / (a - b);
  }
  rc = 0;
done:
  gg_free(xp);
  gg_free(r1);
  gg_free(r2);
  return rc == 0 || rc == CAL_ENOMEM ? rc : -1;
}

void gga_cal_stats_free(cal_stats *st) {
  gg_free(st->sv);
  gg_free(st->se);
  gg_free(st->identified);
  gg_free(st->profile_x);
  gg_free(st->profile_obj);
  memset(st, 0, sizeof *st);
}

/* Standard errors and rank from the SVD of the Jacobian with each column
   scaled by its parameter's interval. 0, -1, or CAL_ENOMEM. */
static int cal_stats_jacobian(const cal_problem *pr, const double *x, cal_stats *st) {
  int n = pr->n, p = pr->p, m = n > p ? n : p;
  size_t np = (size_t)n * (size_t)p, mp = (size_t)m * (size_t)p, pp = (size_t)p * (size_t)p;
  /* one block: the Jacobian (n x p), A (m x p), V (p x p), S and work (p) */
  double *jac = gg_calloc(np + mp + pp + 2 * (size_t)p + 1, sizeof *jac);
  if (!jac) return CAL_ENOMEM;
  gsl_matrix_view av = gsl_matrix_view_array(jac + np, (size_t)m, (size_t)p);
  gsl_matrix_view vv = gsl_matrix_view_array(jac + np + mp, (size_t)p, (size_t)p);
  gsl_vector_view sv = gsl_vector_view_array(jac + np + mp + pp, (size_t)p);
  gsl_vector_view wv = gsl_vector_view_array(jac + np + mp + pp + p, (size_t)p);
  gsl_matrix *a = &av.matrix, *v = &vv.matrix;
  gsl_vector *s = &sv.vector, *work = &wv.vector;
  int rc = gga_cal_jacobian(pr, x, jac);
  if (rc != 0) goto done;
  rc = -1;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < p; j++)
      gsl_matrix_set(a, (size_t)i, (size_t)j,
                     jac[(size_t)i * (size_t)p + (size_t)j] * (pr->hi[j] - pr->lo[j]));
  if (gsl_linalg_SV_decomp(a, v, s, work) != GSL_SUCCESS) goto done;
  double smax = gsl_vector_get(s, 0);
  st->rank = 0;
  for (int k = 0; k < p; k++) {
    st->sv[k] = gsl_vector_get(s, (size_t)k);
    if (smax > 0 && st->sv[k] > CAL_RANK_TOL * smax) st->rank++;
  }
  for (int j = 0; j < p; j++) {
    st->identified[j] = 1;
    for (int k = st->rank; k < p; k++)
      if (fabs(gsl_matrix_get(v, (size_t)j, (size_t)k)) > CAL_NULL_LOADING) st->identified[j] = 0;
    double var = 0.0;
    for (int k = 0; k < st->rank; k++) {
      double vjk = gsl_matrix_get(v, (size_t)j, (size_t)k);
      var += vjk * vjk / (st->sv[k] * st->sv[k]);
    }
    st->se[j] = st->identified[j] && isfinite(st->sigma2)
                    ? sqrt(st->sigma2 * var) * (pr->hi[j] - pr->lo[j])
                    : NAN;
  }
  rc = 0;
done:
  gg_free(jac);
  return rc;
}

/* The profile of the objective over each parameter's interval, the other
   parameters re-fitted from the best fit (points run in parallel). 0, -1,
   or CAL_ENOMEM. */
static int cal_stats_profile(const cal_problem *pr, const cal_options *o, const double *x,
                             cal_stats *st) {
  int p = pr->p, g = CAL_PROFILE_POINTS, total = p * g, failed = 0, oom = 0, done = 0;
  cal_options po = *o;
  po.method = CAL_NELDER_MEAD;
  po.max_iter = o->max_iter < 500 ? o->max_iter : 500;
  po.tol = 1e-6;
  int threads = o->threads > 0 ? o->threads : omp_get_max_threads();
  if (o->progress) o->progress(o->progress_ctx, 1, 0, total);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads) reduction(+ : failed, oom)
  for (int q = 0; q < total; q++) {
    int j = q / g, i = q % g;
    /* x0 and xf, then `fixed` */
    double *x0 = gg_malloc((size_t)p * 2 * sizeof *x0);
    int *fixed = gg_calloc((size_t)p, sizeof *fixed);
    double obj = NAN;
    int iters = 0, rc = CAL_ENOMEM;
    if (x0 && fixed) {
      memcpy(x0, x, (size_t)p * sizeof *x0);
      x0[j] = pr->lo[j] + (pr->hi[j] - pr->lo[j]) * (double)i / (double)(g - 1);
      fixed[j] = 1;
      rc = gga_cal_minimise(pr, &po, x0, fixed, x0 + p, &obj, &iters);
      if (rc < 0) obj = NAN;
      st->profile_x[q] = x0[j];
    }
    st->profile_obj[q] = obj;
    failed += !isfinite(obj);
    oom += rc == CAL_ENOMEM;
    gg_free(x0);
    gg_free(fixed);
    gga_cal_progress(o, 1, &done, total);
  }
  if (oom) return CAL_ENOMEM;
  if (failed) return -1;
  for (int j = 0; j < p; j++) {
    double rise = 0.0;
    for (int i = 0; i < g; i++) {
      double d = st->profile_obj[j * g + i] - st->ssr;
      if (d > rise) rise = d;
    }
    double flat = 1e-12 * (1.0 + st->ssr);
    if (isfinite(st->sigma2)) flat += CAL_CHI2_95 * st->sigma2;
    if (rise <= flat) {
      st->identified[j] = -1;
      st->se[j] = NAN;
    }
  }
  return 0;
}

int gga_cal_stats_compute(const cal_problem *pr, const cal_options *o, const double *x,
                          cal_stats *st, gg_error *err) {
  memset(st, 0, sizeof *st);
  gsl_set_error_handler_off();
  int p = pr->p;
  st->p = p;
  st->n = pr->n;
  st->sv = gg_calloc((size_t)p, sizeof *st->sv);
  st->se = gg_calloc((size_t)p, sizeof *st->se);
  st->identified = gg_calloc((size_t)p, sizeof *st->identified);
  st->profile_x = gg_calloc((size_t)p * CAL_PROFILE_POINTS, sizeof *st->profile_x);
  st->profile_obj = gg_calloc((size_t)p * CAL_PROFILE_POINTS, sizeof *st->profile_obj);
  double *r = gg_malloc((size_t)(pr->n > 0 ? pr->n : 1) * sizeof *r);
  int rc = r ? pr->resid(pr->ctx, x, r) : CAL_ENOMEM;
  if (!st->sv || !st->se || !st->identified || !st->profile_x || !st->profile_obj ||
      rc == CAL_ENOMEM) {
    gg_free(r);
    gga_cal_stats_free(st);
    gg_err_set(err, "calibrate: out of memory");
    return -1;
  }
  st->ssr = NAN;
  if (rc == 0) {
    st->ssr = 0.0;
    for (int i = 0; i < pr->n; i++)
      st->ssr += r[i] * r[i];
  }
  gg_free(r);
  st->sigma2 = pr->n > p ? st->ssr / (double)(pr->n - p) : NAN;
  const char *what = "calibrate: the Jacobian at the fit could not be computed";
  rc = isfinite(st->ssr) ? cal_stats_jacobian(pr, x, st) : -1;
  if (rc == 0) {
    what = "calibrate: the profile could not be computed";
    rc = cal_stats_profile(pr, o, x, st);
  }
  if (rc != 0) {
    gga_cal_stats_free(st);
    gg_err_set(err, "%s", rc == CAL_ENOMEM ? "calibrate: out of memory" : what);
    return -1;
  }
  /* a value at an end of its interval: the targets push it outside, so a
     standard error (an interval around it) would mislead */
  for (int j = 0; j < p; j++) {
    double w = pr->hi[j] - pr->lo[j], tol = GG_CALIBRATE_BOUND_TOL * w;
    if (x[j] - pr->lo[j] <= tol || pr->hi[j] - x[j] <= tol) {
      st->identified[j] = GG_CALIBRATE_BOUND;
      st->se[j] = NAN;
    }
  }
  return 0;
}

static int cal_same_series(const cal_target *a, const cal_target *b) {
  if (a->state != b->state || a->n_num != b->n_num || a->n_den != b->n_den) return 0;
  for (int i = 0; i < a->n_num; i++)
    if (a->num[i] != b->num[i]) return 0;
  for (int i = 0; i < a->n_den; i++)
    if (a->den[i] != b->den[i]) return 0;
  return 1;
}

void gga_cal_holdout_score(const cal_targets *t, const double *sim, double *persist,
                           cal_holdout *out) {
  memset(out, 0, sizeof *out);
  for (int i = 0; i < t->n; i++) {
    const cal_target *h = &t->t[i];
    persist[i] = NAN;
    if (!h->holdout) continue;
    out->n_heldout++;
    int last = -1;
    for (int j = 0; j < t->n; j++) {
      const cal_target *o = &t->t[j];
      if (o->holdout || !cal_same_series(o, h)) continue;
      if (last < 0 || o->tick >= t->t[last].tick) last = j;
    }
    if (last < 0) continue;
    persist[i] = t->t[last].value;
    double em = sim[i] - h->value, ep = persist[i] - h->value;
    out->n_scored++;
    out->sse_model += h->weight * em * em;
    out->sse_persistence += h->weight * ep * ep;
    out->weight_sum += h->weight;
  }
  if (out->weight_sum > 0) {
    out->rmse_model = sqrt(out->sse_model / out->weight_sum);
    out->rmse_persistence = sqrt(out->sse_persistence / out->weight_sum);
  } else {
    out->rmse_model = out->rmse_persistence = NAN;
  }
  out->skill = out->sse_persistence > 0 ? 1.0 - out->sse_model / out->sse_persistence : NAN;
}
