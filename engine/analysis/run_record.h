/* What `run` keeps of its runs for summary.json, and manifest.json. */
#ifndef GG_RUN_RECORD_H
#define GG_RUN_RECORD_H

#include <greatgame/greatgame.h>

#define GG_RECORD_MAX_LISTED 1000 /* runs listed one by one in summary.json */

typedef struct gg_run_record {
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
} gg_run_record;

gg_run_record *gg_run_record_create(const gg_scenario *sc, int runs);
void gg_run_record_free(gg_run_record *rec);
void gg_run_record_begin(gg_run_record *rec, int run, uint64_t seed);
void gg_run_record_tick(gg_run_record *rec, const gg_sim *sim);
double gg_run_record_final_mean(const gg_run_record *rec, int s, int k);
double gg_run_record_region_mean(const gg_run_record *rec, int k);
int gg_run_record_write_summary(const gg_run_record *rec, const char *dir, gg_error *err);

/* manifest.json: version, scenario name/path/SHA-256, resolved parameters,
   seeds, command line, times. */
int gg_write_manifest(const gg_scenario *sc, const char *scenario_path, const char *dir, int argc,
                      char **argv, const gg_run_record *rec, const char *started,
                      const char *finished, gg_error *err);

/* UTC time as 2026-01-31T12:00:00Z */
void gg_cli_timestamp(char *buf, size_t size);

#endif
