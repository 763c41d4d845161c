/* greatgame sensitivity: Sobol indices (Saltelli design) or Morris
   elementary effects of sweep metrics, written as indices.csv with SALib's
   column names and printed as a table. */
#include "cmd_sweep.h"
#include "outfile.h"
#include "sweep_indices.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The seed of the bootstrap resamples. */
#define SENS_BOOT_SEED 20100101u

static void sens_fmt(char *buf, size_t size, double v) {
  gga_sweep_fmt(buf, size, v);
}

/* One indices.csv row: metric, parameter and four numbers. */
static void sens_row(FILE *f, const char *metric, const char *param, double a, double b, double c,
                     double d) {
  char v[4][40];
  sens_fmt(v[0], sizeof v[0], a);
  sens_fmt(v[1], sizeof v[1], b);
  sens_fmt(v[2], sizeof v[2], c);
  sens_fmt(v[3], sizeof v[3], d);
  fprintf(f, "%s,%s,%s,%s,%s,%s\n", metric, param, v[0], v[1], v[2], v[3]);
}

/* A metric whose indices could not be computed: said on stdout, and rows
   of nan for every parameter. */
static void sens_failed_metric(const sweep_cli *c, FILE *f, const char *metric, const char *why,
                               int *failed) {
  printf("%-28s %s\n", metric, why);
  for (int j = 0; j < c->nparams; j++)
    fprintf(f, "%s,%s,nan,nan,nan,nan\n", metric, c->params[j].path);
  (*failed)++;
}

static int sens_sobol(const sweep_cli *c, const sweep *sw, const double *y, FILE *f, FILE *f2,
                      int *failed) {
  int M = c->metrics.n, D = c->nparams;
  char v[4][40];
  fprintf(f, "metric,param,S1,S1_conf,ST,ST_conf\n");
  if (f2) fprintf(f2, "metric,param1,param2,S2,S2_conf\n");
  printf("%-28s %-36s %8s %8s %8s %8s\n", "metric", "param", "S1", "S1_conf", "ST", "ST_conf");
  for (int m = 0; m < M; m++) {
    sobol_indices si;
    gg_error e;
    const char *name = c->metrics.m[m].name;
    if (gga_sobol_analyze(&si, y + (size_t)m * (size_t)sw->ds.n, sw->ds.base, D, c->o.second,
                          INDICES_RESAMPLES, INDICES_CONF, SENS_BOOT_SEED, &e) != 0) {
      sens_failed_metric(c, f, name, e.msg, failed);
      continue;
    }
    for (int j = 0; j < D; j++) {
      sens_row(f, name, c->params[j].path, si.S1[j], si.S1_conf[j], si.ST[j], si.ST_conf[j]);
      printf("%-28s %-36s %8.3f %8.3f %8.3f %8.3f\n", name, c->params[j].path, si.S1[j],
             si.S1_conf[j], si.ST[j], si.ST_conf[j]);
    }
    if (f2)
      for (int j = 0; j < D; j++)
        for (int k = j + 1; k < D; k++) {
          sens_fmt(v[0], sizeof v[0], si.S2[j * D + k]);
          sens_fmt(v[1], sizeof v[1], si.S2_conf[j * D + k]);
          fprintf(f2, "%s,%s,%s,%s,%s\n", name, c->params[j].path, c->params[k].path, v[0], v[1]);
        }
    gga_sobol_indices_free(&si);
  }
  return 0;
}

static int sens_morris(const sweep_cli *c, const sweep *sw, const double *y, FILE *f, int *failed) {
  int M = c->metrics.n, D = c->nparams;
  fprintf(f, "metric,param,mu,mu_star,sigma,mu_star_conf\n");
  printf("%-28s %-36s %10s %10s %10s %12s\n", "metric", "param", "mu", "mu_star", "sigma",
         "mu_star_conf");
  for (int m = 0; m < M; m++) {
    morris_indices mi;
    gg_error e;
    const char *name = c->metrics.m[m].name;
    if (gga_morris_analyze(&mi, sw->ds.u, y + (size_t)m * (size_t)sw->ds.n, sw->ds.base, D,
                           sw->ds.delta, INDICES_RESAMPLES, INDICES_CONF, SENS_BOOT_SEED,
                           &e) != 0) {
      sens_failed_metric(c, f, name, e.msg, failed);
      continue;
    }
    for (int j = 0; j < D; j++) {
      sens_row(f, name, c->params[j].path, mi.mu[j], mi.mu_star[j], mi.sigma[j],
               mi.mu_star_conf[j]);
      printf("%-28s %-36s %10.4g %10.4g %10.4g %12.4g\n", name, c->params[j].path, mi.mu[j],
             mi.mu_star[j], mi.sigma[j], mi.mu_star_conf[j]);
    }
    gga_morris_indices_free(&mi);
  }
  return 0;
}

int gg_cmd_sensitivity(int argc, char **argv) {
  sweep_cli c;
  int stop;
  int rc = sweep_cli_parse(&c, argc, argv, 1, &stop);
  if (rc != 0 || stop) {
    sweep_cli_free(&c);
    return rc;
  }
  sweep sw;
  rc = sweep_cli_run(&c, &sw);
  if (rc != 0) {
    gga_sweep_free(&sw);
    sweep_cli_free(&c);
    return rc;
  }
  int M = c.metrics.n;
  double *y = malloc((size_t)M * (size_t)sw.ds.n * sizeof(double));
  long failed_runs = 0;
  gg_error e;
  if (!y || gga_sweep_read_means(c.o.out, sw.ds.n, M, y, &failed_runs, &e) != 0) {
    gg_cli_error("%s", y ? e.msg : "sensitivity: out of memory");
    free(y);
    gga_sweep_free(&sw);
    sweep_cli_free(&c);
    return 1;
  }
  if (failed_runs > 0)
    printf("%ld runs failed (see runs.csv); metrics that lack a value are not analysed\n",
           failed_runs);
  gg_outfile of, of2;
  FILE *f = gg_outfile_open(&of, c.o.out, "indices.csv", &e), *f2 = NULL;
  if (f && c.o.second) {
    f2 = gg_outfile_open(&of2, c.o.out, "indices2.csv", &e);
    if (!f2) gg_outfile_abort(&of);
  }
  if (!f || (c.o.second && !f2)) {
    gg_cli_error("%s", e.msg);
    free(y);
    gga_sweep_free(&sw);
    sweep_cli_free(&c);
    return 1;
  }
  int failed_metrics = 0;
  if (c.o.kind == DESIGN_SALTELLI)
    sens_sobol(&c, &sw, y, f, f2, &failed_metrics);
  else
    sens_morris(&c, &sw, y, f, &failed_metrics);
  rc = 0;
  if (f2 && gg_outfile_commit(&of2, &e) != 0) {
    gg_outfile_abort(&of);
    gg_cli_error("%s", e.msg);
    rc = 1;
  } else if (gg_outfile_commit(&of, &e) != 0) {
    gg_cli_error("%s", e.msg);
    rc = 1;
  }
  if (rc == 0)
    printf("%ld runs; wrote %s/indices.csv%s\n", sw.runs, c.o.out,
           c.o.second ? " and indices2.csv" : "");
  free(y);
  gga_sweep_free(&sw);
  sweep_cli_free(&c);
  return rc;
}
