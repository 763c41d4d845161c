/* The run statistics behind gg_run_stats (summary.json) and manifest.json of
   a run study. Internal to the analysis layer. */
#ifndef GGA_RUN_RECORD_H
#define GGA_RUN_RECORD_H

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

#endif
