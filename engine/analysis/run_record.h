/* The run statistics behind gg_run_stats (summary.json) and manifest.json of
   a run study. Internal to the analysis layer. */
#ifndef GGA_RUN_RECORD_H
#define GGA_RUN_RECORD_H

#include <cjson/cJSON.h>
#include "outfile.h"

#include <greatgame/greatgame.h>

struct gg_run_stats {
  const gg_scenario *sc;
  int runs, S, K, r, listed;
  uint64_t *seeds;                   /* [listed] */
  double *final;                     /* [listed*S*K] */
  double *region;                    /* [listed*K] */
  int *flips, *dominant;             /* [listed*S] */
  int *cur_dom, *cur_flips;          /* [S] this run */
  double *mean, *m2, *min, *max;     /* [S*K] final shares across runs (Welford) */
  double *rmean, *rm2, *rmin, *rmax; /* [K] region across runs */
  double *dom_count;                 /* [S*K] final dominant counts */
  double *flip_sum;                  /* [S] */
  int *flip_max;                     /* [S] */
  int done;
  int nonfinite;
};

/* What manifest.json records besides the scenario. */
typedef struct gga_manifest {
  const char *scenario_path; /* NULL: "(baseline)" */
  uint64_t seed;             /* the base seed of the replicates */
  int replicates;
  int exact_seed; /* 1: the one run used `seed` itself */
  int argc;
  const char *const *argv; /* command_line, as given */
  const char *started, *finished;
} gga_manifest;

/* manifest.json, as a file of the output set `set` (written into place by
   gga_outset_commit, last): version, the model the scenario runs (GG-1 or
   GG-2), scenario name/path/SHA-256, resolved parameters (GG-2's too for a
   GG-2 scenario), seeds, command line, times. 0, or -1 with err filled. */
int gga_write_manifest(const gg_scenario *sc, const gga_manifest *m, gga_outset *set,
                       gg_error *err);

/* summary.json (gg_run_stats_write_summary) as a file of the output set
   `set`. 0, or -1 with err filled. */
int gga_run_stats_write_summary_set(const gg_run_stats *st, gga_outset *set, gg_error *err);

/* UTC time as 2026-01-31T12:00:00Z */
void gga_timestamp(char *buf, size_t size);

/* The fields every manifest.json shares (scenarios/schema/manifest.json),
   written by every command's manifest: gga_manifest_head first (engine,
   version, kind, command, command_line, status, model, scenario path and
   SHA-256, base seed; argc -1: argv[0] is a whole command line, split at
   spaces), then the command's own fields, then gga_manifest_tail
   (parameters, varied, files). gga_manifest_varied adds one --param range or
   --factor's levels to the `varied` list (created when NULL). 0, or -1 when
   out of memory; the varied list, or NULL. */
int gga_manifest_head(cJSON *root, const char *kind, const char *command, const char *status,
                      int argc, const char *const *argv, const gg_scenario *sc,
                      const char *scenario_path, const uint64_t *base_seed);
int gga_manifest_tail(cJSON *root, const gg_scenario *sc, cJSON *varied, const char *const *files,
                      int nfiles);
cJSON *gga_manifest_varied(cJSON *varied, const char *option, const char *path, double lo,
                           double hi, int steps, const char *const *levels, int nlevels);

#endif
