/* The public sweep calls: defaults, the checks of the options, and the
   steps (create, prepare, run_part, finish) over the internal machinery of
   sweep.c, sweep_block.c and sweep_output.c. Every rule that changes the
   results lives here or below, never in a front end: the default metrics,
   the design seed, the sample count of a grid, the shard checks. */
#include "gg_util.h"
#include "outfile.h"
#include "shard.h"
#include "sweep_api.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <omp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The samples that the key of a grid records (a grid ignores samples). */
#define SWEEP_API_GRID_SAMPLES 100
#define SWEEP_API_MAX_COUNT 100000000L

gg_sweep_options gg_sweep_defaults(void) {
  gg_sweep_options o;
  memset(&o, 0, sizeof o);
  o.design = GG_DESIGN_GRID;
  o.samples = 100;
  o.replicates = 1;
  o.block_runs = GG_SWEEP_BLOCK_RUNS;
  o.threads = 0;
  return o;
}

void gga_sweep_api_result_init(gg_sweep_result *res) {
  memset(res, 0, sizeof *res);
  res->error = GG_SWEEP_OK;
  res->fault_index = -1;
}

int gga_sweep_api_fail(gg_sweep_result *res, gg_sweep_error error, int index) {
  res->error = error;
  res->fault_index = index;
  return -1;
}

void gga_sweep_api_result(const gg_sweep *s, gg_sweep_result *res) {
  const sweep *sw = &s->sw;
  snprintf(res->hash, sizeof res->hash, "%s", sw->hash_hex);
  res->design_seed = sw->o.design_seed;
  res->threads = sw->o.threads;
  res->replicates = sw->o.replicates;
  res->trajectories = sw->o.trajectories;
  res->samples = sw->ds.n;
  res->runs = sw->runs;
  res->blocks = sw->blocks;
  res->part_blocks = sw->my_blocks;
  res->part_runs = sw->my_runs;
  res->blocks_reused = sw->blocks_reused;
  res->blocks_run = sw->blocks_run;
  res->runs_run = sw->runs_run;
  res->runs_failed = sw->runs_failed;
  res->was_complete = sw->was_complete;
  res->shard_index = s->shard ? sw->o.shard_index : 0;
  res->shard_count = s->shard ? sw->o.shard_count : 0;
  res->nwarnings = s->nwarnings;
  memcpy(res->warnings, s->warnings, sizeof res->warnings);
}

int gga_sweep_api_internal(gg_error *err, gg_sweep_result *res, gg_sweep_error fallback,
                           const gg_sweep *s) {
  (void)err; /* the internal layer's messages already name the fields */
  if (s && s->sw.error != GG_SWEEP_OK) return gga_sweep_api_fail(res, s->sw.error, s->sw.fault);
  return gga_sweep_api_fail(res, fallback, -1);
}

/* ---- checks and set-up ------------------------------------------------ */

void gga_sweep_api_warn(gg_sweep *s, const char *fmt, ...) {
  if (s->nwarnings >= GG_SWEEP_MAX_WARNINGS) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(s->warnings[s->nwarnings++], sizeof s->warnings[0], fmt, ap);
  va_end(ap);
}

/* Do two parameter paths name a common parameter (a `*` segment matches
   any one)? */
static int sweep_api_overlap(const char *a, const char *b) {
  for (;;) {
    const char *ea = strchr(a, '.'), *eb = strchr(b, '.');
    size_t na = ea ? (size_t)(ea - a) : strlen(a), nb = eb ? (size_t)(eb - b) : strlen(b);
    int star = (na == 1 && a[0] == '*') || (nb == 1 && b[0] == '*');
    if (!star && (na != nb || memcmp(a, b, na) != 0)) return 0;
    if (!ea || !eb) return !ea && !eb;
    a = ea + 1;
    b = eb + 1;
  }
}

/* The guard rails on the parameters: a path twice, two paths that name a
   common parameter, a path also in the sets, a range of one value. */
static int sweep_api_check_paths(const gg_sweep_options *o, gg_sweep_result *res, gg_error *err) {
  for (int j = 0; j < o->nparams; j++) {
    const gg_sweep_param *p = &o->params[j];
    if (p->lo == p->hi) {
      gg_err_set(err, "params %s: LO equals HI, so nothing varies (fix a value with sets)",
                 p->path);
      return gga_sweep_api_fail(res, GG_SWEEP_ERR_PARAMS, j);
    }
    for (int k = 0; k < j; k++) {
      const char *q = o->params[k].path;
      if (strcmp(q, p->path) == 0) {
        gg_err_set(err, "params %s: given twice", p->path);
        return gga_sweep_api_fail(res, GG_SWEEP_ERR_PARAMS, j);
      }
      if (sweep_api_overlap(q, p->path)) {
        gg_err_set(err, "params %s: overlaps %s (both would set the same parameter)", p->path, q);
        return gga_sweep_api_fail(res, GG_SWEEP_ERR_PARAMS, j);
      }
    }
    for (int i = 0; i < o->nsets; i++) {
      const char *eq = strchr(o->sets[i], '=');
      char path[GG_SWEEP_PATH_MAX];
      size_t n = eq ? (size_t)(eq - o->sets[i]) : 0;
      if (n == 0 || n >= sizeof path) continue; /* refused later as a set */
      memcpy(path, o->sets[i], n);
      path[n] = '\0';
      if (sweep_api_overlap(path, p->path)) {
        gg_err_set(err,
                   "params %s: also given in sets as %s (a parameter is either fixed or swept)",
                   p->path, o->sets[i]);
        return gga_sweep_api_fail(res, GG_SWEEP_ERR_PARAMS, j);
      }
    }
  }
  return 0;
}

/* The `set` events (and shock effects) of the scenario text that change a
   swept parameter: one warning each. */
static void sweep_api_event_warnings(gg_sweep *s, const gg_sweep_options *o) {
  size_t len;
  const gg_scenario *sc = s->nvariants ? s->variants[0] : s->sc;
  const char *text = gg_scenario_text(sc, &len);
  cJSON *doc = text ? cJSON_ParseWithLength(text, len) : NULL;
  const cJSON *events = cJSON_GetObjectItemCaseSensitive(doc, "events");
  int k = 0;
  for (const cJSON *ev = events ? events->child : NULL; ev; ev = ev->next, k++) {
    const cJSON *eff = cJSON_GetObjectItemCaseSensitive(ev, "effect");
    const cJSON *holders[2] = {ev, eff};
    for (int h = 0; h < 2; h++) {
      const cJSON *path = cJSON_GetObjectItemCaseSensitive(holders[h], "path");
      if (!cJSON_IsString(path)) continue;
      for (int j = 0; j < o->nparams; j++)
        if (sweep_api_overlap(path->valuestring, o->params[j].path))
          gga_sweep_api_warn(s,
                             "params %s: event %d of the scenario (a set of %s) overwrites the "
                             "swept value during the run",
                             o->params[j].path, k + 1, path->valuestring);
    }
  }
  cJSON_Delete(doc);
}

/* Apply one "PATH=VALUE" to sc (`seed` takes all 64 bits). 0, or -1. */
int gga_sweep_api_set(gg_scenario *sc, const char *arg, gg_error *err) {
  const char *eq = strchr(arg, '=');
  if (!eq || eq == arg) {
    gg_err_set(err, "sets %s: expected PATH=VALUE", arg);
    return -1;
  }
  char path[512], opt[599];
  size_t n = (size_t)(eq - arg);
  if (n >= sizeof path) {
    gg_err_set(err, "sets: path too long");
    return -1;
  }
  memcpy(path, arg, n);
  path[n] = '\0';
  snprintf(opt, sizeof opt, "sets %s", arg);
  const char *text = eq + 1;
  if (strcmp(path, "seed") == 0) {
    uint64_t seed;
    if (gga_args_u64(opt, text, &seed, err) != 0) return -1;
    gg_scenario_set_seed(sc, seed);
    return 0;
  }
  double v;
  if (gg_parse_number(text, &v) != 0) {
    gg_err_set(err, "%s: expected a finite number, got \"%s\"", opt, text);
    return -1;
  }
  gg_error e;
  if (gg_scenario_set(sc, path, v, &e) < 0) {
    gg_err_set(err, "sets %s", e.msg);
    return -1;
  }
  return 0;
}

/* The checks that need neither the scenario nor the file system. */
static int sweep_api_check(const gg_sweep_options *o, design_kind kind, long samples,
                           gg_sweep_result *res, gg_error *err) {
  if (!o->out) {
    gg_err_set(err, "out: an output folder is required");
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_OUT, -1);
  }
  if (o->force && o->resume) {
    gg_err_set(err, "force: not with resume (one starts over, the other continues)");
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_OUT, -1);
  }
  if (o->nfactors < 0 || o->nfactors > GG_SWEEP_MAX_FACTORS || (o->nfactors > 0 && !o->factors)) {
    gg_err_set(err, "factors: between 0 and %d factors, got %d", GG_SWEEP_MAX_FACTORS,
               o->factors ? o->nfactors : 0);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_FACTORS, -1);
  }
  int nf = o->factors ? o->nfactors : 0, np = o->params ? o->nparams : 0;
  if (o->nparams < 0 || (o->nparams > 0 && !o->params) || np + nf < 1 || np + nf > DESIGN_MAX_DIM) {
    gg_err_set(err, "params: between 1 and %d parameters and factors, got %d", DESIGN_MAX_DIM,
               np + nf);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_PARAMS, -1);
  }
  for (int f = 0; f < nf; f++) {
    const gg_sweep_factor *x = &o->factors[f];
    if (strnlen(x->path, sizeof x->path) == sizeof x->path || x->nlevels < 2 ||
        x->nlevels > GG_SWEEP_MAX_LEVELS) {
      gg_err_set(err, "factors[%d]: a path and 2 to %d levels are required", f,
                 GG_SWEEP_MAX_LEVELS);
      return gga_sweep_api_fail(res, GG_SWEEP_ERR_FACTORS, f);
    }
  }
  for (int j = 0; j < o->nparams; j++) {
    const gg_sweep_param *p = &o->params[j];
    size_t n = strnlen(p->path, sizeof p->path);
    if (n == 0 || n == sizeof p->path) {
      gg_err_set(err, "params[%d]: the path is empty or longer than %d bytes", j,
                 GG_SWEEP_PATH_MAX - 1);
      return gga_sweep_api_fail(res, GG_SWEEP_ERR_PARAMS, j);
    }
    if (!isfinite(p->lo) || !isfinite(p->hi) || p->lo > p->hi) {
      gg_err_set(err, "params %s: lo and hi must be finite numbers with lo <= hi", p->path);
      return gga_sweep_api_fail(res, GG_SWEEP_ERR_PARAMS, j);
    }
    if (p->steps < 0 || p->steps > 1000000) {
      gg_err_set(err, "params %s: steps must be from 0 to 1000000, got %d", p->path, p->steps);
      return gga_sweep_api_fail(res, GG_SWEEP_ERR_PARAMS, j);
    }
  }
  if ((int)kind < DESIGN_GRID || (int)kind > DESIGN_EFAST) {
    gg_err_set(err, "design: unknown design %d", (int)kind);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_DESIGN, -1);
  }
  if (kind != DESIGN_GRID && (samples < 1 || samples > SWEEP_API_MAX_COUNT)) {
    gg_err_set(err, "samples: expected 1 to %ld, got %ld", SWEEP_API_MAX_COUNT, samples);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_SAMPLES, -1);
  }
  if (o->replicates < 1 || o->replicates > SWEEP_API_MAX_COUNT) {
    gg_err_set(err, "replicates: expected 1 to %ld, got %d", SWEEP_API_MAX_COUNT, o->replicates);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_REPLICATES, -1);
  }
  if (o->block_runs < 1 || o->block_runs > SWEEP_API_MAX_COUNT) {
    gg_err_set(err, "block_runs: expected 1 to %ld, got %ld", SWEEP_API_MAX_COUNT, o->block_runs);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_BLOCK_RUNS, -1);
  }
  if (o->threads < 0 || o->threads > 4096) {
    gg_err_set(err, "threads: expected 0 (the processors) to 4096, got %d", o->threads);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_THREADS, -1);
  }
  if (o->lanes < 0 || o->lanes > 4096) {
    gg_err_set(err, "lanes: expected 0 (automatic) to 4096, got %d", o->lanes);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_LANES, -1);
  }
  if (o->batch_isa && strcmp(o->batch_isa, "avx512f") != 0 && strcmp(o->batch_isa, "avx2") != 0 &&
      strcmp(o->batch_isa, "generic") != 0) {
    gg_err_set(err, "batch_isa: expected avx512f, avx2 or generic, got \"%.100s\"", o->batch_isa);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_LANES, -1);
  }
  if (o->nsets < 0 || (o->nsets > 0 && !o->sets)) {
    gg_err_set(err, "sets: %d entries but no array", o->nsets);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_SETS, -1);
  }
  for (int i = 0; i < o->nsets; i++)
    if (!o->sets[i]) {
      gg_err_set(err, "sets[%d]: NULL", i);
      return gga_sweep_api_fail(res, GG_SWEEP_ERR_SETS, i);
    }
  if (o->nmetrics < 0 || (o->nmetrics > 0 && !o->metrics)) {
    gg_err_set(err, "metrics: %d entries but no array", o->nmetrics);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_METRICS, -1);
  }
  for (int i = 0; i < o->nmetrics; i++)
    if (!o->metrics[i]) {
      gg_err_set(err, "metrics[%d]: NULL", i);
      return gga_sweep_api_fail(res, GG_SWEEP_ERR_METRICS, i);
    }
  if (o->process_count < 0 ||
      (o->process_count > 0 && (o->process_index < 0 || o->process_index >= o->process_count))) {
    gg_err_set(err, "process_index %d/%d: expected 0 <= I < N", o->process_index, o->process_count);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_SHARD, -1);
  }
  if ((o->shard_count > 0 || o->shard_spec) && o->process_count > 1) {
    gg_err_set(err, "shard: a shard is run by one process (process_count 0 or 1)");
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_SHARD, -1);
  }
  if (o->nshard_args < 0 || (o->nshard_args > 0 && !o->shard_args)) {
    gg_err_set(err, "shard_args: %d entries but no array", o->nshard_args);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_SHARD, -1);
  }
  for (int i = 0; o->shard_args && i < o->nshard_args; i++)
    if (!o->shard_args[i]) {
      gg_err_set(err, "shard_args[%d]: NULL", i);
      return gga_sweep_api_fail(res, GG_SWEEP_ERR_SHARD, -1);
    }
  return 0;
}

/* The scenario copy with the sets applied (joined into s->sets) and the
   metrics. 0, or -1. */
static int sweep_api_inputs(gg_sweep *s, const gg_sweep_options *o, gg_sweep_result *res,
                            gg_error *err) {
  gg_error e;
  s->sc = o->scenario ? gg_scenario_clone(o->scenario) : gg_scenario_baseline(&e);
  if (!s->sc) {
    if (o->scenario) {
      gg_err_set(err, "sweep: out of memory");
      return gga_sweep_api_fail(res, GG_SWEEP_ERR_RUNTIME, -1);
    }
    *err = e;
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_SCENARIO, -1);
  }
  size_t cap = 1;
  for (int i = 0; i < o->nsets; i++)
    cap += strlen(o->sets[i]) + 1;
  s->sets = gg_malloc(cap);
  if (!s->sets) {
    gg_err_set(err, "sweep: out of memory");
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_RUNTIME, -1);
  }
  s->sets[0] = '\0';
  size_t len = 0;
  for (int i = 0; i < o->nsets; i++) {
    if (gga_sweep_api_set(s->sc, o->sets[i], err) != 0)
      return gga_sweep_api_fail(res, GG_SWEEP_ERR_SETS, i);
    len += (size_t)snprintf(s->sets + len, cap - len, "%s%s", len ? ";" : "", o->sets[i]);
  }
  for (int i = 0; i < o->nmetrics; i++) {
    if (gga_metrics_add(&s->metrics, s->sc, o->metrics[i], &e) != 0) {
      gg_err_set(err, "metrics %s", e.msg);
      return gga_sweep_api_fail(res, GG_SWEEP_ERR_METRICS, i);
    }
  }
  if (o->nmetrics == 0 && gga_metrics_default(&s->metrics, s->sc, &e) != 0) {
    gg_err_set(err, "metrics: %s", e.msg);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_METRICS, -1);
  }
  return 0;
}

/* Owned copies of n strings. 0, or -1 when out of memory. */
static int sweep_api_copy(char ***out, int *count, const char *const *in, int n) {
  *out = gg_calloc((size_t)(n > 0 ? n : 1), sizeof(char *));
  if (!*out) return -1;
  for (int i = 0; i < n; i++) {
    if (((*out)[i] = gg_strdup(in[i])) == NULL) return -1;
    (*count)++;
  }
  return 0;
}

static const char *sweep_api_getenv(const char *name) {
  return getenv(name);
}

gg_sweep *gga_sweep_api_create(const gg_sweep_options *o, design_kind kind, long samples,
                               int second, int levels, gg_sweep_result *res, gg_error *err) {
  gg_sweep_result local;
  if (!res) res = &local;
  gga_sweep_api_result_init(res);
  if (!o) {
    gg_err_set(err, "sweep: no options");
    gga_sweep_api_fail(res, GG_SWEEP_ERR_OUT, -1);
    return NULL;
  }
  if (kind == DESIGN_GRID) samples = SWEEP_API_GRID_SAMPLES; /* the grid ignores it */
  if (sweep_api_check(o, kind, samples, res, err) != 0) return NULL;
  gg_sweep *s = gg_calloc(1, sizeof *s);
  if (!s) {
    gg_err_set(err, "sweep: out of memory");
    gga_sweep_api_fail(res, GG_SWEEP_ERR_RUNTIME, -1);
    return NULL;
  }
  void (*now_fn)(void *, char *, size_t) = o->now ? o->now : gga_sweep_api_utc;
  now_fn(o->callback_ctx, s->started, sizeof s->started);
  s->command = gg_strdup(o->command ? o->command : "");
  s->out = gg_strdup(o->out);
  s->design_seed_given = o->design_seed_given ? 1 : 0;
  if (!s->command || !s->out || sweep_api_copy(&s->set_args, &s->nset_args, o->sets, o->nsets) ||
      sweep_api_copy(&s->metric_specs, &s->nmetric_specs, o->metrics, o->nmetrics)) {
    gg_err_set(err, "sweep: out of memory");
    gga_sweep_api_fail(res, GG_SWEEP_ERR_RUNTIME, -1);
    gg_sweep_free(s);
    return NULL;
  }
  if (sweep_api_inputs(s, o, res, err) != 0 || sweep_api_check_paths(o, res, err) != 0) {
    gg_sweep_free(s);
    return NULL;
  }
  s->nfactors = o->factors ? o->nfactors : 0;
  for (int f = 0; f < s->nfactors; f++)
    s->factors[f] = o->factors[f];
  int ffault;
  if (s->nfactors > 0 && gga_sweep_variants_make(s, o, err, &ffault) != 0) {
    gga_sweep_api_fail(res, GG_SWEEP_ERR_FACTORS, ffault);
    gg_sweep_free(s);
    return NULL;
  }
  sweep_api_event_warnings(s, o);
  if ((kind == DESIGN_SOBOL || kind == DESIGN_SALTELLI) && (samples & (samples - 1)) != 0)
    gga_sweep_api_warn(s,
                       "samples %ld: not a power of two; Sobol points are balanced only at "
                       "powers of two (e.g. %ld)",
                       samples, 1L << (63 - __builtin_clzl((unsigned long)samples)));
  int shard_index = o->shard_index, shard_count = o->shard_count;
  if (o->shard_spec) {
    if (gg_sweep_shard_parse(o->shard_spec, sweep_api_getenv, &shard_index, &shard_count, err) !=
        0) {
      gga_sweep_api_fail(res, GG_SWEEP_ERR_SHARD, -1);
      gg_sweep_free(s);
      return NULL;
    }
  }
  s->shard = shard_count > 0;
  s->force = o->force ? 1 : 0;
  s->what = kind == DESIGN_SALTELLI || kind == DESIGN_MORRIS || kind == DESIGN_EFAST ? "sensitivity"
                                                                                     : "sweep";
  for (int j = 0; o->params && j < o->nparams; j++) {
    memcpy(s->params[j].path, o->params[j].path, sizeof s->params[j].path);
    s->params[j].lo = o->params[j].lo;
    s->params[j].hi = o->params[j].hi;
    s->params[j].steps = o->params[j].steps;
  }
  sweep_opts so;
  memset(&so, 0, sizeof so);
  so.sc = s->sc;
  so.sets = s->sets;
  so.params = s->params;
  so.nparams = o->params ? o->nparams : 0;
  so.factors = s->factors;
  so.nfactors = s->nfactors;
  so.variants = s->variants;
  so.nvariants = s->nvariants;
  so.level_sha = (const char(*)[65])s->level_sha;
  so.nlevel_sha = s->nlevel_sha;
  so.kind = kind;
  so.samples = samples;
  so.replicates = o->replicates;
  so.independent_seeds = o->independent_seeds ? 1 : 0;
  /* Sobol and Saltelli points are deterministic: without a given seed the
     design seed is 0 (it only seeds the bootstrap); the other designs draw
     theirs from the scenario seed (after the sets). */
  if (o->design_seed_given)
    so.design_seed = o->design_seed;
  else if (kind == DESIGN_SOBOL || kind == DESIGN_SALTELLI)
    so.design_seed = 0;
  else
    so.design_seed = gg_mix64(gg_scenario_seed(s->sc) ^ 0x64657369676eULL); /* "design" */
  so.second = second;
  so.levels = levels;
  so.metrics = &s->metrics;
  so.trajectories = o->trajectories & 15; /* shares, stocks, indicators, ties (sweep_output.c) */
  so.block_runs = o->block_runs;
  so.threads = o->threads > 0 ? o->threads : omp_get_num_procs();
  so.lanes = o->lanes;
  so.batch_isa = o->batch_isa;
  so.out = s->out;
  so.resume = o->resume ? 1 : 0;
  so.keep_blocks = o->keep_blocks ? 1 : 0;
  so.shard_index = s->shard ? shard_index : o->process_index;
  so.shard_count = s->shard ? shard_count : o->process_count;
  so.command = s->command;
  so.started = s->started;
  so.now = now_fn;
  so.progress = o->progress;
  so.progress_ctx = o->callback_ctx;
  so.interrupted = o->interrupted;
  so.temp_file = o->temp_file;
  so.hook_ctx = o->callback_ctx;
  if (gga_sweep_init(&s->sw, &so, err) != 0) {
    gga_sweep_api_internal(err, res, GG_SWEEP_ERR_RUNTIME, s);
    gg_sweep_free(s);
    return NULL;
  }
  if (gga_sweep_args_make(s, &s->record_args, &s->nrecord_args) != 0) {
    gg_err_set(err, "sweep: out of memory");
    gga_sweep_api_fail(res, GG_SWEEP_ERR_RUNTIME, -1);
    gg_sweep_free(s);
    return NULL;
  }
  s->sw.o.args = s->record_args;
  s->sw.o.nargs = s->nrecord_args;
  if (s->shard) {
    int rc = o->shard_args ? gga_sweep_args_check(s, o->shard_args, o->nshard_args, err) : 0;
    if (rc != 0) {
      gga_sweep_api_fail(res, GG_SWEEP_ERR_SHARD, -1);
      gg_sweep_free(s);
      return NULL;
    }
    if (o->shard_args) {
      s->shard_args = gg_calloc((size_t)(o->nshard_args ? o->nshard_args : 1), sizeof(char *));
      for (int i = 0; s->shard_args && i < o->nshard_args; i++)
        if ((s->shard_args[i] = gg_strdup(o->shard_args[i])) != NULL) s->nshard_args++;
      rc = s->shard_args && s->nshard_args == o->nshard_args ? 0 : -1;
    } else {
      rc = gga_sweep_args_make(s, &s->shard_args, &s->nshard_args);
    }
    if (rc != 0) {
      gg_err_set(err, "sweep: out of memory");
      gga_sweep_api_fail(res, GG_SWEEP_ERR_RUNTIME, -1);
      gg_sweep_free(s);
      return NULL;
    }
  }
  gga_sweep_api_result(s, res);
  return s;
}

gg_sweep *gg_sweep_create(const gg_sweep_options *o, gg_sweep_result *res, gg_error *err) {
  if (!o) return gga_sweep_api_create(o, DESIGN_GRID, 0, 0, 0, res, err);
  if ((int)o->design < GG_DESIGN_GRID || (int)o->design > GG_DESIGN_SOBOL) {
    if (res) gga_sweep_api_result_init(res);
    gg_err_set(err, "design: expected grid (%d), random, lhs or sobol (%d), got %d", GG_DESIGN_GRID,
               GG_DESIGN_SOBOL, (int)o->design);
    if (res) gga_sweep_api_fail(res, GG_SWEEP_ERR_DESIGN, -1);
    return NULL;
  }
  return gga_sweep_api_create(o, (design_kind)o->design, o->samples, 0, 0, res, err);
}

void gg_sweep_free(gg_sweep *s) {
  if (!s) return;
  gga_outdir_unlock(&s->lock);
  gga_sweep_free(&s->sw);
  gga_sweep_variants_free(s);
  gg_scenario_free(s->sc);
  gga_metrics_free(&s->metrics);
  gg_free(s->sets);
  gg_free(s->command);
  gg_free(s->out);
  gga_sweep_args_free(s->shard_args, s->nshard_args);
  gga_sweep_args_free(s->record_args, s->nrecord_args);
  gga_sweep_args_free(s->set_args, s->nset_args);
  gga_sweep_args_free(s->metric_specs, s->nmetric_specs);
  gg_free(s);
}

/* ---- the output folder ------------------------------------------------ */

/* Does the folder hold a shard that this sweep does not continue, or a
   whole sweep that a shard would continue? 0, or -1. */
static int sweep_api_check_folder(const gg_sweep *s, gg_sweep_result *res, gg_error *err) {
  const sweep_opts *o = &s->sw.o;
  shard_info old;
  int have = gga_shard_read(o->out, &old, err);
  if (have < 0) return gga_sweep_api_fail(res, GG_SWEEP_ERR_SHARD_FILE, -1);
  int rc = 0;
  if (have) {
    res->other_shard_index = old.index;
    res->other_shard_count = old.count;
  }
  if (have && !s->shard) {
    gg_err_set(err,
               "out %s: holds shard %d/%d of a sweep; continue it as that shard with resume, or "
               "merge the shards",
               o->out, old.index, old.count);
    rc = gga_sweep_api_fail(res, GG_SWEEP_ERR_OUT_HOLDS_SHARD, -1);
  } else if (have && (old.index != o->shard_index || old.count != o->shard_count)) {
    gg_err_set(err, "shard %d/%d: %s holds shard %d/%d; give each shard its own folder",
               o->shard_index, o->shard_count, o->out, old.index, old.count);
    rc = gga_sweep_api_fail(res, GG_SWEEP_ERR_OUT_OTHER_SHARD, -1);
  } else if (!have && s->shard && o->resume) {
    char path[4200];
    snprintf(path, sizeof path, "%s/manifest.json", o->out);
    if (access(path, F_OK) == 0) {
      gg_err_set(err, "shard %d/%d: %s holds a whole sweep, not a shard", o->shard_index,
                 o->shard_count, o->out);
      rc = gga_sweep_api_fail(res, GG_SWEEP_ERR_OUT_WHOLE_SWEEP, -1);
    }
  }
  if (have) gga_shard_info_free(&old);
  return rc;
}

/* Create the folder, take its lock (held until gg_sweep_free), and with
   force remove the files of earlier results; without it, refuse a folder
   that holds files of someone else. 0, or -1. */
static int sweep_api_folder(gg_sweep *s, gg_sweep_result *res, gg_error *err) {
  gg_error e;
  if (gga_outdir_make(s->out, err) != 0) return gga_sweep_api_fail(res, GG_SWEEP_ERR_RUNTIME, -1);
  if (!s->lock.held) {
    int rc = gga_outdir_lock(&s->lock, s->out, s->what, s->sw.o.temp_file, s->sw.o.hook_ctx, &e);
    if (rc == GGA_OUT_BUSY) {
      gg_err_set(err, "out %s", e.msg);
      return gga_sweep_api_fail(res, GG_SWEEP_ERR_OUT_BUSY, -1);
    }
    if (rc != 0) {
      *err = e;
      return gga_sweep_api_fail(res, GG_SWEEP_ERR_RUNTIME, -1);
    }
  }
  if (s->force) {
    gga_outdir_clear(s->out, NULL); /* only names that greatgame writes */
    return 0;
  }
  if (gga_outdir_check(s->out, 0, &e) == GGA_OUT_FOREIGN) {
    gg_err_set(err, "out %s", e.msg);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_OUT_FOREIGN, -1);
  }
  return 0;
}

static void sweep_api_shard_info(const gg_sweep *s, shard_info *si, int complete) {
  memset(si, 0, sizeof *si);
  si->index = s->sw.o.shard_index;
  si->count = s->sw.o.shard_count;
  snprintf(si->hash, sizeof si->hash, "%s", s->sw.hash_hex);
  si->blocks = s->sw.blocks;
  si->shard_blocks = s->sw.my_blocks;
  si->complete = complete;
  si->args = s->shard_args;
  si->nargs = s->nshard_args;
}

int gg_sweep_prepare(gg_sweep *s, gg_sweep_result *res, gg_error *err) {
  gg_sweep_result local;
  if (!res) res = &local;
  gga_sweep_api_result(s, res);
  res->error = GG_SWEEP_OK;
  res->fault_index = -1;
  s->sw.was_complete = 0;
  if (sweep_api_folder(s, res, err) != 0) return -1;
  if (sweep_api_check_folder(s, res, err) != 0) return -1;
  if (gga_sweep_prepare(&s->sw, err) != 0)
    return gga_sweep_api_internal(err, res, GG_SWEEP_ERR_RUNTIME, s);
  if (s->shard) {
    shard_info si;
    sweep_api_shard_info(s, &si, 0);
    if (gga_shard_write_scenario(s->out, s->sc, err) != 0 || gga_shard_write(s->out, &si, err) != 0)
      return gga_sweep_api_fail(res, GG_SWEEP_ERR_RUNTIME, -1);
  }
  gga_sweep_api_result(s, res);
  return 0;
}

int gg_sweep_run_part(gg_sweep *s, gg_sweep_result *res, gg_error *err) {
  gg_sweep_result local;
  if (!res) res = &local;
  res->error = GG_SWEEP_OK;
  res->fault_index = -1;
  int rc = gga_sweep_run_mine(&s->sw, err);
  gga_sweep_api_result(s, res);
  if (rc != 0) return gga_sweep_api_internal(err, res, GG_SWEEP_ERR_RUNTIME, s);
  return 0;
}

int gg_sweep_finish(gg_sweep *s, gg_sweep_result *res, gg_error *err) {
  gg_sweep_result local;
  if (!res) res = &local;
  res->error = GG_SWEEP_OK;
  res->fault_index = -1;
  int rc;
  if (s->shard) {
    shard_info si;
    sweep_api_shard_info(s, &si, 1);
    rc = gga_sweep_write_manifest(&s->sw, "shard-complete", NULL, NULL, err) != 0 ||
                 gga_shard_write(s->out, &si, err) != 0
             ? -1
             : 0;
  } else {
    rc = gga_sweep_finish(&s->sw, err);
  }
  gga_sweep_api_result(s, res);
  if (rc != 0) return gga_sweep_api_internal(err, res, GG_SWEEP_ERR_RUNTIME, s);
  return 0;
}

int gga_sweep_api_execute(gg_sweep *s, gg_sweep_result *res, gg_error *err) {
  if (gg_sweep_prepare(s, res, err) != 0) return -1;
  if (res->was_complete) return 0;
  if (gg_sweep_run_part(s, res, err) != 0) return -1;
  return gg_sweep_finish(s, res, err);
}

int gg_sweep_run(const gg_sweep_options *o, gg_sweep_result *res, gg_error *err) {
  gg_sweep_result local;
  if (!res) res = &local;
  if (o && o->process_count > 1) {
    gga_sweep_api_result_init(res);
    gg_err_set(err, "process_count: gg_sweep_run runs every block; processes that share a "
                    "folder use the step functions");
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_SHARD, -1);
  }
  gg_sweep *s = gg_sweep_create(o, res, err);
  if (!s) return -1;
  int rc = gga_sweep_api_execute(s, res, err);
  gg_sweep_free(s);
  return rc;
}
