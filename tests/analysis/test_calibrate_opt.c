/* The calibration optimiser on stand-in objectives whose answers are known
   in closed form: transforms, the Latin hypercube, Nelder-Mead and LM
   recovery, thread-count independence, standard errors against ordinary
   least squares, identifiability flags, the hold-out score, and a residual
   function that runs out of memory stopping every stage. */
#include "calibrate.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#define NOBS 40

/* y = a * exp(-b t), sampled at t = 0..NOBS-1, optionally plus a fixed
   deterministic wiggle. */
typedef struct expdecay {
  double t[NOBS], y[NOBS];
  int n;
} expdecay;

static void expdecay_init(expdecay *e, double a, double b, double wiggle) {
  e->n = NOBS;
  for (int i = 0; i < NOBS; i++) {
    e->t[i] = i * 0.5;
    e->y[i] = a * exp(-b * e->t[i]) + wiggle * sin(1.7 * i);
  }
}

static int expdecay_resid(void *ctx, const double *x, double *r) {
  const expdecay *e = ctx;
  for (int i = 0; i < e->n; i++)
    r[i] = x[0] * exp(-x[1] * e->t[i]) - e->y[i];
  return 0;
}

static void test_transform_round_trip(void) {
  const double lo = -2.0, hi = 3.0;
  for (double x = -1.99; x < 3.0; x += 0.37)
    ENSURE_NEAR(gga_cal_to_bounded(gga_cal_to_free(x, lo, hi), lo, hi), x, 1e-12);
  for (double z = -5; z <= 5; z += 0.5) {
    double h = 1e-6;
    double fd = (gga_cal_to_bounded(z + h, lo, hi) - gga_cal_to_bounded(z - h, lo, hi)) / (2 * h);
    ENSURE_NEAR(gga_cal_dx_dz(z, lo, hi), fd, 1e-7);
    double x = gga_cal_to_bounded(z, lo, hi);
    ENSURE(x > lo && x < hi);
  }
  ENSURE(gga_cal_to_bounded(1e9, lo, hi) < hi);
  ENSURE(gga_cal_to_bounded(-1e9, lo, hi) > lo);
}

static void test_lhs_one_point_per_stratum(void) {
  enum { K = 17, D = 3 };
  double a[K * D], b[K * D];
  ENSURE(gga_cal_lhs(42, K, D, a) == 0);
  ENSURE(gga_cal_lhs(42, K, D, b) == 0);
  ENSURE(memcmp(a, b, sizeof a) == 0);
  for (int j = 0; j < D; j++) {
    int seen[K] = {0};
    for (int i = 0; i < K; i++) {
      double u = a[i * D + j];
      ENSURE(u > 0.0 && u < 1.0);
      seen[(int)(u * K)]++;
    }
    for (int s = 0; s < K; s++)
      ENSURE(seen[s] == 1);
  }
  ENSURE(gga_cal_lhs(43, K, D, b) == 0);
  ENSURE(memcmp(a, b, sizeof a) != 0);
}

static void check_recovery(cal_method method) {
  expdecay e;
  expdecay_init(&e, 2.0, 0.3, 0.0);
  double lo[2] = {0.0, 0.0}, hi[2] = {5.0, 1.0};
  cal_problem pr = {.p = 2, .n = e.n, .lo = lo, .hi = hi, .resid = expdecay_resid, .ctx = &e};
  cal_options o;
  gga_cal_options_default(&o);
  o.method = method;
  o.starts = 6;
  o.tol = 1e-10;
  o.max_iter = 5000;
  cal_fit fit;
  gg_error err;
  ENSURE(gga_cal_fit_run(&pr, &o, &fit, &err) == 0);
  const double *x = fit.x + fit.best * 2;
  double a = x[0], b = x[1], obj = fit.objective[fit.best];
  gga_cal_fit_free(&fit);
  ENSURE_NEAR(a, 2.0, 1e-5);
  ENSURE_NEAR(b, 0.3, 1e-5);
  ENSURE(obj < 1e-10);
}

static void test_nelder_mead_recovers_exp_decay(void) {
  check_recovery(CAL_NELDER_MEAD);
}
static void test_lm_recovers_exp_decay(void) {
  check_recovery(CAL_LM);
}

static void test_starts_independent_of_threads(void) {
  expdecay e;
  expdecay_init(&e, 1.5, 0.2, 0.05);
  double lo[2] = {0.0, 0.0}, hi[2] = {5.0, 1.0};
  cal_problem pr = {.p = 2, .n = e.n, .lo = lo, .hi = hi, .resid = expdecay_resid, .ctx = &e};
  cal_options o;
  gga_cal_options_default(&o);
  o.starts = 9;
  o.seed = 7;
  cal_fit f1, f4;
  gg_error err;
  o.threads = 1;
  ENSURE(gga_cal_fit_run(&pr, &o, &f1, &err) == 0);
  o.threads = 4;
  ENSURE(gga_cal_fit_run(&pr, &o, &f4, &err) == 0);
  int same = f1.best == f4.best && memcmp(f1.x, f4.x, 18 * sizeof(double)) == 0 &&
             memcmp(f1.x0, f4.x0, 18 * sizeof(double)) == 0 &&
             memcmp(f1.objective, f4.objective, 9 * sizeof(double)) == 0;
  gga_cal_fit_free(&f1);
  gga_cal_fit_free(&f4);
  ENSURE(same);
}

/* y = c + m t + noise: the Gauss-Newton standard errors must equal the
   textbook ones of simple linear regression. */
typedef struct line {
  double t[NOBS], y[NOBS];
} line;

static int line_resid(void *ctx, const double *x, double *r) {
  const line *l = ctx;
  for (int i = 0; i < NOBS; i++)
    r[i] = x[0] + x[1] * l->t[i] - l->y[i];
  return 0;
}

static void test_standard_errors_match_ols(void) {
  line l;
  for (int i = 0; i < NOBS; i++) {
    l.t[i] = i;
    l.y[i] = 1.0 + 0.25 * i + 0.3 * sin(2.3 * i) + 0.2 * cos(0.7 * i * i);
  }
  /* closed-form OLS */
  double tm = 0, ym = 0;
  for (int i = 0; i < NOBS; i++) {
    tm += l.t[i] / NOBS;
    ym += l.y[i] / NOBS;
  }
  double sxx = 0, sxy = 0;
  for (int i = 0; i < NOBS; i++) {
    sxx += (l.t[i] - tm) * (l.t[i] - tm);
    sxy += (l.t[i] - tm) * (l.y[i] - ym);
  }
  double m = sxy / sxx, c = ym - m * tm, ssr = 0;
  for (int i = 0; i < NOBS; i++) {
    double e = l.y[i] - c - m * l.t[i];
    ssr += e * e;
  }
  double s2 = ssr / (NOBS - 2);
  double se_m = sqrt(s2 / sxx), se_c = sqrt(s2 * (1.0 / NOBS + tm * tm / sxx));

  double lo[2] = {-10, -2}, hi[2] = {10, 2};
  cal_problem pr = {.p = 2, .n = NOBS, .lo = lo, .hi = hi, .resid = line_resid, .ctx = &l};
  cal_options o;
  gga_cal_options_default(&o);
  o.method = CAL_LM;
  o.starts = 3;
  o.tol = 1e-12;
  cal_fit fit;
  cal_stats st;
  gg_error err;
  ENSURE(gga_cal_fit_run(&pr, &o, &fit, &err) == 0);
  double x[2] = {fit.x[fit.best * 2], fit.x[fit.best * 2 + 1]};
  gga_cal_fit_free(&fit);
  ENSURE_NEAR(x[0], c, 1e-7);
  ENSURE_NEAR(x[1], m, 1e-8);
  ENSURE(gga_cal_stats_compute(&pr, &o, x, &st, &err) == 0);
  double got_c = st.se[0], got_m = st.se[1], got_ssr = st.ssr;
  int rank = st.rank, id0 = st.identified[0], id1 = st.identified[1];
  gga_cal_stats_free(&st);
  ENSURE_NEAR(got_ssr, ssr, 1e-9);
  ENSURE_NEAR(got_c, se_c, 1e-6 * se_c);
  ENSURE_NEAR(got_m, se_m, 1e-6 * se_m);
  ENSURE(rank == 2);
  ENSURE(id0 == 1 && id1 == 1);
}

/* r = (x0 + x1) t - y: only the sum is identified. x2 does not enter. */
static int sum_resid(void *ctx, const double *x, double *r) {
  const line *l = ctx;
  for (int i = 0; i < NOBS; i++)
    r[i] = (x[0] + x[1]) * l->t[i] - l->y[i];
  return 0;
}

static void test_unidentified_parameters_are_flagged(void) {
  line l;
  for (int i = 0; i < NOBS; i++) {
    l.t[i] = i;
    l.y[i] = 0.5 * i + 0.1 * sin(3.1 * i);
  }
  double lo[3] = {0, 0, 0}, hi[3] = {1, 1, 1};
  cal_problem pr = {.p = 3, .n = NOBS, .lo = lo, .hi = hi, .resid = sum_resid, .ctx = &l};
  cal_options o;
  gga_cal_options_default(&o);
  o.starts = 2;
  double x[3] = {0.2, 0.3, 0.5};
  cal_stats st;
  gg_error err;
  ENSURE(gga_cal_stats_compute(&pr, &o, x, &st, &err) == 0);
  int rank = st.rank, id[3] = {st.identified[0], st.identified[1], st.identified[2]};
  double se2 = st.se[2];
  gga_cal_stats_free(&st);
  ENSURE(rank == 1);
  ENSURE(id[0] != 1 && id[1] != 1);
  ENSURE(id[2] == -1); /* no effect at all: a flat profile */
  ENSURE(isnan(se2));
}

/* The slope's interval stops short of the least-squares slope (0.5): the fit
   ends at the interval's end, where no interval estimate is honest. */
static void test_value_at_a_bound_is_not_identified(void) {
  line l;
  for (int i = 0; i < NOBS; i++) {
    l.t[i] = i;
    l.y[i] = 1.0 + 0.5 * i + 0.1 * sin(1.7 * i);
  }
  double lo[2] = {-10, -1}, hi[2] = {10, 0.2};
  cal_problem pr = {.p = 2, .n = NOBS, .lo = lo, .hi = hi, .resid = line_resid, .ctx = &l};
  cal_options o;
  gga_cal_options_default(&o);
  o.starts = 3;
  cal_fit fit;
  cal_stats st;
  gg_error err;
  ENSURE(gga_cal_fit_run(&pr, &o, &fit, &err) == 0);
  double x[2] = {fit.x[fit.best * 2], fit.x[fit.best * 2 + 1]};
  gga_cal_fit_free(&fit);
  ENSURE(hi[1] - x[1] <= GG_CALIBRATE_BOUND_TOL * (hi[1] - lo[1]));
  ENSURE(gga_cal_stats_compute(&pr, &o, x, &st, &err) == 0);
  int id0 = st.identified[0], id1 = st.identified[1];
  double se1 = st.se[1];
  gga_cal_stats_free(&st);
  ENSURE(id1 == GG_CALIBRATE_BOUND);
  ENSURE(isnan(se1));
  ENSURE(id0 == GG_CALIBRATE_YES); /* the intercept is inside its interval */
}

static void test_holdout_score_by_hand(void) {
  cal_target t[5];
  memset(t, 0, sizeof t);
  /* series A: state 0, component 1; series B: state 1, component 1 */
  int st[5] = {0, 0, 0, 1, 1}, tick[5] = {1, 3, 6, 2, 7};
  double val[5] = {0.2, 0.25, 0.4, 0.5, 0.45}, w[5] = {1, 1, 2, 1, 1};
  for (int i = 0; i < 5; i++) {
    t[i].state = st[i];
    t[i].tick = tick[i];
    t[i].value = val[i];
    t[i].weight = w[i];
    t[i].num[0] = 1;
    t[i].n_num = 1;
  }
  cal_targets tg = {.t = t, .n = 5};
  ENSURE(gga_cal_targets_holdout(&tg, 5) == 2);
  double sim[5] = {0.21, 0.26, 0.37, 0.5, 0.47}, persist[5];
  cal_holdout h;
  gga_cal_holdout_score(&tg, sim, persist, &h);
  /* target 2: model 0.37 vs 0.4 (w 2); persistence 0.25 (tick 3)
     target 4: model 0.47 vs 0.45 (w 1); persistence 0.5 (tick 2) */
  double sm = 2 * 0.03 * 0.03 + 0.02 * 0.02, sp = 2 * 0.15 * 0.15 + 0.05 * 0.05;
  ENSURE(h.n_heldout == 2 && h.n_scored == 2);
  ENSURE(isnan(persist[0]) && isnan(persist[1]) && isnan(persist[3]));
  ENSURE_NEAR(persist[2], 0.25, 0);
  ENSURE_NEAR(persist[4], 0.5, 0);
  ENSURE_NEAR(h.sse_model, sm, 1e-15);
  ENSURE_NEAR(h.sse_persistence, sp, 1e-15);
  ENSURE_NEAR(h.rmse_model, sqrt(sm / 3), 1e-15);
  ENSURE_NEAR(h.rmse_persistence, sqrt(sp / 3), 1e-15);
  ENSURE_NEAR(h.skill, 1 - sm / sp, 1e-14);
}

/* expdecay, except that evaluation number `fail_at` (1-based) runs out of
   memory. Single-threaded use only. */
typedef struct oom_decay {
  expdecay e;
  int calls, fail_at;
} oom_decay;

static int oom_resid(void *ctx, const double *x, double *r) {
  oom_decay *d = ctx;
  if (++d->calls == d->fail_at) return CAL_ENOMEM;
  return expdecay_resid(&d->e, x, r);
}

/* Whichever evaluation runs out of memory, in the starts of either method
   or in the statistics, the stage fails with "out of memory" (an
   evaluation that merely fails would only be penalised). */
static void test_out_of_memory_stops_the_fit(void) {
  oom_decay d;
  expdecay_init(&d.e, 2.0, 0.3, 0.01);
  double lo[2] = {0.0, 0.0}, hi[2] = {5.0, 1.0};
  cal_problem pr = {.p = 2, .n = d.e.n, .lo = lo, .hi = hi, .resid = oom_resid, .ctx = &d};
  cal_options o;
  gga_cal_options_default(&o);
  o.starts = 2;
  o.max_iter = 30;
  o.threads = 1;
  int bad = 0, runs = 0;
  for (int m = 0; m < 2; m++) {
    o.method = m ? CAL_LM : CAL_NELDER_MEAD;
    d.calls = 0;
    d.fail_at = 0;
    cal_fit fit;
    gg_error err;
    ENSURE(gga_cal_fit_run(&pr, &o, &fit, &err) == 0);
    int fit_calls = d.calls;
    const double *x = fit.x + fit.best * 2;
    cal_stats st;
    d.calls = 0;
    ENSURE(gga_cal_stats_compute(&pr, &o, x, &st, &err) == 0);
    int stats_calls = d.calls;
    gga_cal_stats_free(&st);
    for (int k = 1; k <= fit_calls; k++) {
      d.calls = 0;
      d.fail_at = k;
      cal_fit f2;
      int rc = gga_cal_fit_run(&pr, &o, &f2, &err);
      bad += rc != -1 || strcmp(err.msg, "calibrate: out of memory") != 0 || f2.x != NULL;
      runs++;
    }
    for (int k = 1; k <= stats_calls; k++) {
      d.calls = 0;
      d.fail_at = k;
      int rc = gga_cal_stats_compute(&pr, &o, x, &st, &err);
      bad += rc != -1 || strcmp(err.msg, "calibrate: out of memory") != 0 || st.se != NULL;
      runs++;
    }
    gga_cal_fit_free(&fit);
  }
  ENSURE(runs > 100);
  ENSURE(bad == 0);
}

static const gg_test_case tests[] = {
    {"transform_round_trip", test_transform_round_trip},
    {"lhs_one_point_per_stratum", test_lhs_one_point_per_stratum},
    {"nelder_mead_recovers_exp_decay", test_nelder_mead_recovers_exp_decay},
    {"lm_recovers_exp_decay", test_lm_recovers_exp_decay},
    {"starts_independent_of_threads", test_starts_independent_of_threads},
    {"standard_errors_match_ols", test_standard_errors_match_ols},
    {"unidentified_parameters_are_flagged", test_unidentified_parameters_are_flagged},
    {"value_at_a_bound_is_not_identified", test_value_at_a_bound_is_not_identified},
    {"holdout_score_by_hand", test_holdout_score_by_hand},
    {"out_of_memory_stops_the_fit", test_out_of_memory_stops_the_fit},
};

GG_TEST_MAIN(tests)
