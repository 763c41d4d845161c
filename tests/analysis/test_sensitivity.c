/* Sensitivity estimators on functions whose indices are known in closed
   form: the Ishigami function (Sobol) and linear functions (Morris). */
#include "design.h"
#include "sweep_indices.h"
#include "harness.h"

#include <math.h>
#include <stdlib.h>

static const double ish_a = 7.0, ish_b = 0.1;

static double ishigami(const double *u) {
  double x1 = -M_PI + 2.0 * M_PI * u[0];
  double x2 = -M_PI + 2.0 * M_PI * u[1];
  double x3 = -M_PI + 2.0 * M_PI * u[2];
  double s2 = sin(x2);
  return sin(x1) + ish_a * s2 * s2 + ish_b * pow(x3, 4) * sin(x1);
}

/* Closed-form partial variances of the Ishigami function. */
static void ishigami_exact(double *s1, double *st, double *s13) {
  double pi4 = pow(M_PI, 4), pi8 = pow(M_PI, 8);
  double v1 = 0.5 * pow(1.0 + ish_b * pi4 / 5.0, 2);
  double v2 = ish_a * ish_a / 8.0;
  double v13 = ish_b * ish_b * pi8 * (1.0 / 18.0 - 1.0 / 50.0);
  double v = v1 + v2 + v13;
  s1[0] = v1 / v;
  s1[1] = v2 / v;
  s1[2] = 0.0;
  st[0] = (v1 + v13) / v;
  st[1] = v2 / v;
  st[2] = v13 / v;
  *s13 = v13 / v;
}

static double *eval_design(const design *ds, double (*f)(const double *)) {
  double *y = malloc((size_t)ds->n * sizeof(double));
  for (long i = 0; i < ds->n; i++)
    y[i] = f(design_row(ds, i));
  return y;
}

static void test_ishigami_exact_values_match_published(void) {
  double s1[3], st[3], s13;
  ishigami_exact(s1, st, &s13);
  ENSURE_NEAR(s1[0], 0.314, 0.001);
  ENSURE_NEAR(s1[1], 0.442, 0.001);
  ENSURE_NEAR(st[0], 0.558, 0.001);
  ENSURE_NEAR(st[2], 0.244, 0.001);
}

static void test_saltelli_design_has_salib_shape(void) {
  design ds;
  gg_error err;
  ENSURE(gga_design_make(&ds, DESIGN_SALTELLI, 3, 16, NULL, 1, 0, 0, &err) == 0);
  ENSURE(ds.n == 16 * 5);
  /* Row 1 is A with column 0 from B (the last row of the block). */
  const double *a = design_row(&ds, 0), *ab0 = design_row(&ds, 1), *b = design_row(&ds, 4);
  ENSURE(ab0[0] == b[0] && ab0[1] == a[1] && ab0[2] == a[2]);
  gga_design_free(&ds);
  ENSURE(gga_design_make(&ds, DESIGN_SALTELLI, 3, 16, NULL, 1, 1, 0, &err) == 0);
  ENSURE(ds.n == 16 * 8);
  a = design_row(&ds, 0);
  b = design_row(&ds, 7);
  const double *ba1 = design_row(&ds, 5);
  ENSURE(ba1[1] == a[1] && ba1[0] == b[0] && ba1[2] == b[2]);
  gga_design_free(&ds);
}

static void test_sobol_ishigami_first_total_second(void) {
  double s1[3], st[3], s13;
  ishigami_exact(s1, st, &s13);
  design ds;
  gg_error err;
  ENSURE(gga_design_make(&ds, DESIGN_SALTELLI, 3, 8192, NULL, 1, 1, 0, &err) == 0);
  double *y = eval_design(&ds, ishigami);
  sobol_indices si;
  int rc = gga_sobol_analyze(&si, y, ds.base, 3, 1, INDICES_RESAMPLES, INDICES_CONF, 42, &err);
  free(y);
  gga_design_free(&ds);
  ENSURE(rc == 0);
  for (int j = 0; j < 3; j++) {
    ENSURE_NEAR(si.S1[j], s1[j], 0.02);
    ENSURE_NEAR(si.ST[j], st[j], 0.02);
    ENSURE(si.S1_conf[j] > 0.0 && si.S1_conf[j] < 0.1);
    ENSURE(si.ST_conf[j] > 0.0 && si.ST_conf[j] < 0.1);
  }
  ENSURE_NEAR(si.S2[0 * 3 + 2], s13, 0.05);
  ENSURE_NEAR(si.S2[0 * 3 + 1], 0.0, 0.05);
  ENSURE_NEAR(si.S2[1 * 3 + 2], 0.0, 0.05);
  gga_sobol_indices_free(&si);
}

static void test_sobol_refuses_non_finite_output(void) {
  design ds;
  gg_error err;
  ENSURE(gga_design_make(&ds, DESIGN_SALTELLI, 3, 64, NULL, 1, 0, 0, &err) == 0);
  double *y = eval_design(&ds, ishigami);
  y[7] = NAN;
  sobol_indices si;
  ENSURE(gga_sobol_analyze(&si, y, ds.base, 3, 0, 100, 0.95, 1, &err) == -1);
  ENSURE(strstr(err.msg, "not finite") != NULL);
  free(y);
  gga_design_free(&ds);
}

static double linear(const double *u) {
  return 2.0 * u[0] + 0.5 * u[1] - 3.0 * u[3];
}

static void test_morris_linear_effects_are_coefficients(void) {
  design ds;
  gg_error err;
  ENSURE(gga_design_make(&ds, DESIGN_MORRIS, 4, 50, NULL, 9, 0, 4, &err) == 0);
  ENSURE(ds.n == 50 * 5);
  ENSURE_NEAR(ds.delta, 4.0 / 6.0, 1e-15);
  for (long i = 0; i < ds.n; i++)
    for (int j = 0; j < 4; j++) {
      double v = design_row(&ds, i)[j] * 3.0; /* on the 4-level grid */
      ENSURE_NEAR(v, round(v), 1e-12);
    }
  double *y = eval_design(&ds, linear);
  morris_indices mi;
  int rc = gga_morris_analyze(&mi, ds.u, y, ds.base, 4, ds.delta, 100, 0.95, 3, &err);
  free(y);
  gga_design_free(&ds);
  ENSURE(rc == 0);
  const double coef[4] = {2.0, 0.5, 0.0, -3.0};
  for (int j = 0; j < 4; j++) {
    ENSURE_NEAR(mi.mu[j], coef[j], 1e-9);
    ENSURE_NEAR(mi.mu_star[j], fabs(coef[j]), 1e-9);
    ENSURE_NEAR(mi.sigma[j], 0.0, 1e-9);
    ENSURE_NEAR(mi.mu_star_conf[j], 0.0, 1e-9);
  }
  gga_morris_indices_free(&mi);
}

static double interaction(const double *u) {
  return u[0] * u[1];
}

/* y = x0 x1: the effect of x0 is x1 (the other coordinate), so mu_star is
   the mean of x1 over the trajectories' base points: positive, with a
   positive sigma and a positive bootstrap half-width. */
static void test_morris_interaction_has_spread(void) {
  design ds;
  gg_error err;
  ENSURE(gga_design_make(&ds, DESIGN_MORRIS, 2, 40, NULL, 5, 0, 4, &err) == 0);
  double *y = eval_design(&ds, interaction);
  morris_indices mi;
  ENSURE(gga_morris_analyze(&mi, ds.u, y, ds.base, 2, ds.delta, 100, 0.95, 3, &err) == 0);
  ENSURE(mi.sigma[0] > 0.1 && mi.mu_star_conf[0] > 0.0);
  ENSURE(mi.mu_star[0] > 0.0 && mi.mu_star[0] < 1.0);
  free(y);
  gga_design_free(&ds);
  gga_morris_indices_free(&mi);
}

static void test_grid_is_full_factorial_first_slowest(void) {
  design ds;
  gg_error err;
  int steps[2] = {3, 2};
  ENSURE(gga_design_make(&ds, DESIGN_GRID, 2, 0, steps, 0, 0, 0, &err) == 0);
  ENSURE(ds.n == 6);
  ENSURE(design_row(&ds, 0)[0] == 0.0 && design_row(&ds, 0)[1] == 0.0);
  ENSURE(design_row(&ds, 1)[0] == 0.0 && design_row(&ds, 1)[1] == 1.0);
  ENSURE(design_row(&ds, 2)[0] == 0.5 && design_row(&ds, 2)[1] == 0.0);
  ENSURE(design_row(&ds, 5)[0] == 1.0 && design_row(&ds, 5)[1] == 1.0);
  gga_design_free(&ds);
}

static void test_lhs_has_one_point_per_stratum(void) {
  design ds;
  gg_error err;
  ENSURE(gga_design_make(&ds, DESIGN_LHS, 3, 100, NULL, 7, 0, 0, &err) == 0);
  for (int j = 0; j < 3; j++) {
    int hit[100] = {0};
    for (long i = 0; i < 100; i++) {
      int k = (int)floor(design_row(&ds, i)[j] * 100.0);
      ENSURE(k >= 0 && k < 100);
      hit[k]++;
    }
    for (int k = 0; k < 100; k++)
      ENSURE(hit[k] == 1);
  }
  gga_design_free(&ds);
}

static void test_random_design_depends_on_seed_only(void) {
  design a, b, c;
  gg_error err;
  ENSURE(gga_design_make(&a, DESIGN_RANDOM, 2, 50, NULL, 11, 0, 0, &err) == 0);
  ENSURE(gga_design_make(&b, DESIGN_RANDOM, 2, 50, NULL, 11, 0, 0, &err) == 0);
  ENSURE(gga_design_make(&c, DESIGN_RANDOM, 2, 50, NULL, 12, 0, 0, &err) == 0);
  ENSURE(memcmp(a.u, b.u, 100 * sizeof(double)) == 0);
  ENSURE(memcmp(a.u, c.u, 100 * sizeof(double)) != 0);
  double mean = 0.0;
  for (int i = 0; i < 100; i++) {
    ENSURE(a.u[i] >= 0.0 && a.u[i] < 1.0);
    mean += a.u[i] / 100.0;
  }
  ENSURE_NEAR(mean, 0.5, 0.1);
  gga_design_free(&a);
  gga_design_free(&b);
  gga_design_free(&c);
}

static void test_sobol_design_matches_gsl_start(void) {
  design ds;
  gg_error err;
  ENSURE(gga_design_make(&ds, DESIGN_SOBOL, 2, 3, NULL, 0, 0, 0, &err) == 0);
  ENSURE(design_row(&ds, 0)[0] == 0.5 && design_row(&ds, 0)[1] == 0.5);
  ENSURE(design_row(&ds, 1)[0] == 0.75 && design_row(&ds, 1)[1] == 0.25);
  gga_design_free(&ds);
}

static const gg_test_case tests[] = {
    {"ishigami_exact_values_match_published", test_ishigami_exact_values_match_published},
    {"saltelli_design_has_salib_shape", test_saltelli_design_has_salib_shape},
    {"sobol_ishigami_first_total_second", test_sobol_ishigami_first_total_second},
    {"sobol_refuses_non_finite_output", test_sobol_refuses_non_finite_output},
    {"morris_linear_effects_are_coefficients", test_morris_linear_effects_are_coefficients},
    {"morris_interaction_has_spread", test_morris_interaction_has_spread},
    {"grid_is_full_factorial_first_slowest", test_grid_is_full_factorial_first_slowest},
    {"lhs_has_one_point_per_stratum", test_lhs_has_one_point_per_stratum},
    {"random_design_depends_on_seed_only", test_random_design_depends_on_seed_only},
    {"sobol_design_matches_gsl_start", test_sobol_design_matches_gsl_start},
};
GG_TEST_MAIN(tests)
