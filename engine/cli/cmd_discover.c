/* greatgame discover SWEEP_DIR: scenario discovery with PRIM over a
   finished sweep. The arguments become a gg_discover_options; the library
   (gg_discover_run) reads the sweep and writes the files; this prints the
   chosen box. */
#include "cli.h"

#include <greatgame/discover.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char disc_usage[] =
    "usage: greatgame discover SWEEP_DIR --metric M --where 'M>=X' --out DIR [options]\n"
    "\n"
    "Scenario discovery: the box of parameter ranges and factor levels in which the\n"
    "runs of a finished sweep meet a condition, found with PRIM (peeling, then\n"
    "pasting). Writes trajectory.csv (coverage and density of each peeled box),\n"
    "box.csv (the chosen box's limits and a quasi-p-value per limit) and\n"
    "manifest.json into DIR, and prints the box.\n"
    "\n"
    "  --metric M          a metric of the sweep (a column of runs.csv)\n"
    "  --where COND        M>=X, M<=X, M>X or M<X: the runs of interest\n"
    "  --peel A            share of the box's runs peeled per step (default 0.05)\n"
    "  --paste A           share added back per pasting step; 0: no pasting (default 0.05)\n"
    "  --min-mass A        stop peeling before the box holds fewer runs (default 0.05)\n"
    "  --min-coverage C    take the densest box with at least this coverage (default 0.5)\n"
    "  --box K             take box K of the trajectory instead\n"
    "  --out DIR           output folder (required)\n"
    "  --force             replace earlier results in DIR\n"
    "\n"
    "Exit status: 0 success, 1 a file could not be written, 2 bad usage or bad input.\n";

#ifdef GG_HAVE_RENDER
/* render/discover_chart.c */
int gr_discover_chart_png(const gg_discover_result *res, const char *title, int w, int h,
                          const char *path, gg_error *err);
#endif

static int disc_status(gg_discover_error e) {
  return e == GG_DISCOVER_ERR_RUNTIME || e == GG_DISCOVER_ERR_OUT_BUSY ||
                 e == GG_DISCOVER_ERR_OUT_HOLDS_RESULTS
             ? 1
             : 2;
}

/* The library names fields; the program names its options. */
static void disc_error(gg_discover_error e, const char *msg) {
  static const struct {
    const char *field, *option;
  } words[] = {
      {"sweep_dir: ", ""},    {"metric ", "--metric "},     {"metric: ", "--metric: "},
      {"where ", "--where "}, {"where: ", "--where: "},     {"peel ", "--peel "},
      {"paste ", "--paste "}, {"min_mass ", "--min-mass "}, {"min_coverage ", "--min-coverage "},
      {"box ", "--box "},     {"out ", "--out "},           {"out: ", "--out: "}};
  for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
    size_t n = strlen(words[k].field);
    if (strncmp(msg, words[k].field, n) == 0) {
      const char *hint =
          e == GG_DISCOVER_ERR_OUT_HOLDS_RESULTS ? "; use --force to replace them" : "";
      gg_cli_error("%s%s%s", words[k].option, msg + n, hint);
      return;
    }
  }
  gg_cli_error("%s", msg);
}

int gg_cmd_discover(int argc, char **argv) {
  gg_discover_options o = gg_discover_defaults();
  int bad = 0;
  long box = -1;
  size_t cl = 16;
  for (int i = 0; i < argc; i++)
    cl += strlen(argv[i]) + 1;
  char *command = malloc(cl);
  if (!command) {
    gg_cli_error("discover: out of memory");
    return 1;
  }
  snprintf(command, cl, "greatgame");
  for (int i = 0; i < argc; i++) {
    strcat(command, " ");
    strcat(command, argv[i]);
  }
  int rc = 2;
  for (int i = 1; i < argc; i++) {
    const char *v;
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(disc_usage, stdout);
      free(command);
      return 0;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--metric", &bad))) {
      o.metric = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--where", &bad))) {
      o.where = v;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--peel", &bad))) {
      if (gg_cli_double("--peel", v, &o.peel)) goto done;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--paste", &bad))) {
      if (gg_cli_double("--paste", v, &o.paste)) goto done;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--min-mass", &bad))) {
      if (gg_cli_double("--min-mass", v, &o.min_mass)) goto done;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--min-coverage", &bad))) {
      if (gg_cli_double("--min-coverage", v, &o.min_coverage)) goto done;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--box", &bad))) {
      if (gg_cli_int("--box", v, 0, 1000000, &box)) goto done;
      o.box = (int)box;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--out", &bad))) {
      o.out = v;
    } else if (bad) {
      goto done;
    } else if (strcmp(argv[i], "--force") == 0) {
      o.force = 1;
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      static const char *const known[] = {"--metric",   "--where",        "--peel", "--paste",
                                          "--min-mass", "--min-coverage", "--box",  "--out",
                                          "--force",    "--help",         NULL};
      gg_cli_unknown_option(argv[i], "discover", known);
      goto done;
    } else if (!o.sweep_dir) {
      o.sweep_dir = argv[i];
    } else {
      gg_cli_error("%s: unexpected argument (discover takes one SWEEP_DIR)", argv[i]);
      goto done;
    }
    if (bad) goto done;
  }
  if (!o.sweep_dir) {
    gg_cli_error("discover: expected the folder of a finished sweep (see greatgame discover "
                 "--help)");
    goto done;
  }
  if (!o.metric) {
    gg_cli_error("--metric: required (a metric of the sweep, e.g. final.KZ.CN)");
    goto done;
  }
  if (!o.where) {
    gg_cli_error("--where: required (e.g. '%s>=0.5')", o.metric);
    goto done;
  }
  if (!o.out) {
    gg_cli_error("--out: an output folder is required");
    goto done;
  }
  o.command = command;
  gg_discover_result res;
  gg_error e;
  if (gg_discover_run(&o, &res, &e) != 0) {
    disc_error(res.error, e.msg);
    rc = disc_status(res.error);
    gg_discover_result_free(&res);
    goto done;
  }
  printf("%ld runs, %ld of interest (%s); %d boxes peeled, box %d taken and pasted:\n", res.runs,
         res.interesting, o.where, res.steps, res.chosen);
  printf("coverage %.3f, density %.3f, mass %.3f\n", res.box_coverage, res.box_density,
         res.box_mass);
  for (int j = 0; j < res.inputs; j++) {
    const gg_discover_limit *l = &res.limits[j];
    if (!l->restricted) continue;
    if (l->levels)
      printf("  %-36s in {%s}  (quasi-p %.3g)\n", l->name, l->kept, l->quasi_p);
    else
      printf("  %-36s %.6g to %.6g  (quasi-p %.3g)\n", l->name, l->lo, l->hi, l->quasi_p);
  }
  rc = 0;
#ifdef GG_HAVE_RENDER
  char png[4200], title[600];
  snprintf(png, sizeof png, "%s/discover.png", o.out);
  snprintf(title, sizeof title, "PRIM peeling trajectory: %.500s", o.where);
  if (gr_discover_chart_png(&res, title, 1280, 800, png, &e) != 0) {
    gg_cli_error("--out %s", e.msg);
    rc = 1;
  }
#endif
  if (rc == 0)
    printf("wrote %s/trajectory.csv, box.csv, manifest.json%s\n", o.out,
#ifdef GG_HAVE_RENDER
           " and discover.png"
#else
           " (no chart: this build has no SDL2)"
#endif
    );
  gg_discover_result_free(&res);
done:
  free(command);
  return rc;
}
