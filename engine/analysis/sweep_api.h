/* The public sweep, sensitivity and merge calls (<greatgame/sweep.h>) over
   the internal sweep machinery (sweep.h, shard.h): what sweep_api.c,
   sweep_args.c, sensitivity.c and merge.c share. Not installed. */
#ifndef GG_SWEEP_API_H
#define GG_SWEEP_API_H

#include "sweep.h"

#include <greatgame/greatgame.h>
#include <greatgame/sweep.h>

/* Most --set and --metric entries a shard's recorded options may hold. */
#define GGA_ARGS_MAX_LIST 256

struct gg_sweep {
  sweep sw;        /* sw.o points into this struct */
  gg_scenario *sc; /* the scenario copy, sets applied */
  sweep_param params[DESIGN_MAX_DIM];
  metric_set metrics;
  char *sets; /* the sets joined with ';' */
  char *command, *out;
  char started[64];
  char **shard_args; /* owned; what shard.json records */
  int nshard_args;
  char **set_args, **metric_specs; /* owned copies of the options' sets and metrics */
  int nset_args, nmetric_specs;
  int design_seed_given;
  int shard;        /* a shard: shard.json instead of the final files */
  int force;        /* prepare clears the folder first */
  const char *what; /* "sweep" or "sensitivity", for the lock */
  gga_lock lock;    /* the output folder's, from prepare to free */
  gg_sweep_factor factors[GG_SWEEP_MAX_FACTORS];
  int nfactors;
  gg_scenario **variants; /* one per combination of levels, sets applied (none without factors) */
  int nvariants;
  char level_sha[GG_SWEEP_MAX_LEVELS][65]; /* the scenario factor's files, SHA-256 */
  int nlevel_sha;
  int nwarnings;
  char warnings[GG_SWEEP_MAX_WARNINGS][400];
  char **record_args; /* owned; the options in the command's syntax, for manifest.json */
  int nrecord_args;
};

/* Apply one "PATH=VALUE" of the sets to sc (`seed` takes all 64 bits). 0,
   or -1 with err starting with "sets". */
int gga_sweep_api_set(gg_scenario *sc, const char *arg, gg_error *err);
/* Add a warning to the sweep (dropped beyond GG_SWEEP_MAX_WARNINGS). */
void gga_sweep_api_warn(gg_sweep *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- categorical factors (sweep_factor.c) ------------------------------ */

/* Build s->variants from s->factors, the options' scenario and sets, after
   s->sc is set up. 0, or -1 with err filled (starting with "factors") and
   *fault the factor at fault (-1: none in particular). */
int gga_sweep_variants_make(gg_sweep *s, const gg_sweep_options *o, gg_error *err, int *fault);
void gga_sweep_variants_free(gg_sweep *s);

/* Set a sweep up as gg_sweep_create does, with the internal design kind
   (DESIGN_SALTELLI and DESIGN_MORRIS for sensitivity: `second`, `levels`).
   `samples` replaces o->samples. */
gg_sweep *gga_sweep_api_create(const gg_sweep_options *o, design_kind kind, long samples,
                               int second, int levels, gg_sweep_result *res, gg_error *err);
/* prepare, run_part and finish, as gg_sweep_run. 0, or -1. */
int gga_sweep_api_execute(gg_sweep *s, gg_sweep_result *res, gg_error *err);
/* Copy the sweep's figures into res. */
void gga_sweep_api_result(const gg_sweep *s, gg_sweep_result *res);
/* Fill res for a failure: error and fault index; returns -1. */
int gga_sweep_api_fail(gg_sweep_result *res, gg_sweep_error error, int index);
/* Start res: no error, no fault. */
void gga_sweep_api_result_init(gg_sweep_result *res);
/* Classify an error of the internal layer (whose messages already start
   with the field or file at fault) by the check it says failed
   (s->sw.error), `fallback` when it names none. Returns -1. */
int gga_sweep_api_internal(gg_error *err, gg_sweep_result *res, gg_sweep_error fallback,
                           const gg_sweep *s);
/* UTC as 2026-01-02T03:04:05Z (the default clock of the manifest). */
void gga_sweep_api_utc(void *ctx, char *buf, size_t size);

/* ---- the shard's record of its options (sweep_args.c) ------------------ */

/* An unsigned 64-bit integer in decimal digits; -1 with err as "OPT: expected
   an unsigned 64-bit integer ...". */
int gga_args_u64(const char *opt, const char *text, uint64_t *out, gg_error *err);

/* Options read back from a shard's recorded arguments (the sweep command's
   syntax): `o` points into this struct and into the arguments. */
typedef struct gga_sweep_args {
  gg_sweep_options o;
  gg_sweep_param params[DESIGN_MAX_DIM];
  gg_sweep_factor factors[GG_SWEEP_MAX_FACTORS];
  const char *sets[GGA_ARGS_MAX_LIST];
  const char *metrics[GGA_ARGS_MAX_LIST];
} gga_sweep_args;

/* Parse recorded arguments over gg_sweep_defaults(). 0, or -1 with err
   holding the reason; the arguments are quoted as shard.json records them
   (a file's content, in the sweep command's syntax). */
int gga_sweep_args_parse(gga_sweep_args *a, const char *const *args, int n, gg_error *err);
/* The record of a sweep's options in the command's syntax (canonical
   order, non-defaults only): an array of n owned strings. 0, or -1 when out
   of memory. */
int gga_sweep_args_make(const gg_sweep *s, char ***args, int *n);
void gga_sweep_args_free(char **args, int n);
/* Do recorded arguments describe the sweep s? 0, or -1 with err filled. */
int gga_sweep_args_check(const gg_sweep *s, const char *const *args, int n, gg_error *err);

#endif
