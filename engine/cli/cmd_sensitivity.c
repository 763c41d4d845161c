/* greatgame sensitivity: Sobol indices (Saltelli design) or Morris
   elementary effects of sweep metrics. The library (gg_sensitivity_run)
   runs the sweep and writes indices.csv with SALib's column names; this
   prints the table. */
#include "cmd_sweep.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void sens_print(const gg_sensitivity_options *o, const gg_sensitivity_result *r) {
  int sobol = o->method != GG_SENSITIVITY_MORRIS; /* sobol and efast: S1 and ST */
  if (sobol)
    printf("%-28s %-36s %8s %8s %8s %8s\n", "metric", "param", "S1", "S1_conf", "ST", "ST_conf");
  else
    printf("%-28s %-36s %10s %10s %10s %12s\n", "metric", "param", "mu", "mu_star", "sigma",
           "mu_star_conf");
  for (int m = 0; m < r->metrics; m++) {
    const char *name = r->metric_names[m];
    if (r->failed[m]) {
      printf("%-28s %s\n", name, r->failed[m]);
      continue;
    }
    for (int j = 0; j < r->params; j++) {
      const double *v = r->indices + ((size_t)m * (size_t)r->params + (size_t)j) * 4;
      if (sobol)
        printf("%-28s %-36s %8.3f %8.3f %8.3f %8.3f\n", name, r->param_paths[j], v[0], v[1], v[2],
               v[3]);
      else
        printf("%-28s %-36s %10.4g %10.4g %10.4g %12.4g\n", name, r->param_paths[j], v[0], v[1],
               v[2], v[3]);
    }
  }
}

int gg_cmd_sensitivity(int argc, char **argv) {
  sweep_cli c;
  int stop;
  int rc = sweep_cli_parse(&c, argc, argv, 1, &stop);
  if (rc != 0 || stop) {
    sweep_cli_free(&c);
    return rc;
  }
  gg_sensitivity_result res;
  gg_error e;
  rc = gg_sensitivity_run(&c.so, &res, &e);
  sweep_cli_progress_end(&c);
  if (rc != 0 && !res.runs_read) { /* the sweep itself failed */
    rc = sweep_cli_fail(&res.sweep, &e, 1);
  } else {
    sweep_cli_warnings(&res.sweep);
    if (res.sweep.runs_failed > 0)
      printf("%ld runs failed (see runs.csv); metrics that lack a value are not analysed\n",
             res.sweep.runs_failed);
    if (res.ready) sens_print(&c.so, &res);
    if (rc != 0) {
      gg_cli_error("%s", e.msg);
      rc = 1;
    } else {
      printf("%ld runs; wrote %s/indices.csv%s\n", res.sweep.runs, c.so.sweep.out,
             c.so.second_order ? " and indices2.csv" : "");
    }
  }
  gg_sensitivity_result_free(&res);
  sweep_cli_free(&c);
  return rc;
}
