/* Text forms of sweep options: a parameter spec ("PATH=LO:HI[:STEPS]"),
   design names, shard specs ("I/N", "auto"), and the record of a shard's
   options in shard.json, written in the sweep command's syntax and read
   back by the merge. */
#include "gg_util.h"
#include "shard.h"
#include "sweep_api.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int gg_sweep_param_parse(const char *text, gg_sweep_param *p, gg_error *err) {
  sweep_param sp;
  gg_error e;
  memset(p, 0, sizeof *p);
  if (gga_sweep_param_parse(&sp, text, &e) != 0) {
    gg_err_set(err, "%s: %s", text, e.msg);
    return -1;
  }
  memcpy(p->path, sp.path, sizeof p->path);
  p->lo = sp.lo;
  p->hi = sp.hi;
  p->steps = sp.steps;
  return 0;
}

const char *gg_design_name(gg_design design) {
  if ((int)design < GG_DESIGN_GRID || (int)design > GG_DESIGN_SOBOL) return "?";
  return gga_design_name((design_kind)design);
}

int gg_design_from_name(const char *name, gg_design *design) {
  int k = name ? gga_design_parse(name) : -1;
  if (k < (int)DESIGN_GRID || k > (int)DESIGN_SOBOL) return -1;
  *design = (gg_design)k;
  return 0;
}

/* sweep_output.c: --trajectories=KINDS as a mask, and back. */
int gga_sweep_traj_parse(const char *text, int *mask, gg_error *err);
int gga_sweep_traj_text(int mask, char *buf, size_t size);

static const char *args_getenv(const char *name) {
  return getenv(name);
}

int gg_sweep_shard_parse(const char *text, const char *(*get)(const char *name), int *index,
                         int *count, gg_error *err) {
  return gga_shard_parse(text, get ? get : args_getenv, index, count, err);
}

/* ---- the record of a shard's options ----------------------------------- */

/* The value of option `name` at args[*i] ("--name V" or "--name=V"); NULL
   when args[*i] is another option, or with *bad set when the value is
   missing. */
static const char *args_opt(const char *const *args, int n, int *i, const char *name, int *bad,
                            gg_error *err) {
  const char *a = args[*i];
  size_t len = strlen(name);
  if (strncmp(a, name, len) != 0) return NULL;
  if (a[len] == '=') return a + len + 1;
  if (a[len] != '\0') return NULL;
  if (*i + 1 >= n) {
    gg_err_set(err, "%s: expected a value", name);
    *bad = 1;
    return NULL;
  }
  (*i)++;
  return args[*i];
}

static int args_long(const char *opt, const char *text, long lo, long hi, long *out,
                     gg_error *err) {
  char *end;
  errno = 0;
  long v = strtol(text, &end, 10);
  if (!text[0] || errno || *end || v < lo || v > hi) {
    gg_err_set(err, "%s: expected a whole number from %ld to %ld, got \"%s\"", opt, lo, hi, text);
    return -1;
  }
  *out = v;
  return 0;
}

int gga_args_u64(const char *opt, const char *text, uint64_t *out, gg_error *err) {
  char *end;
  errno = 0;
  if (!text[0] || text[0] == '-' || text[0] == '+' || text[0] == ' ') {
    gg_err_set(err, "%s: expected an unsigned 64-bit integer, got \"%s\"", opt, text);
    return -1;
  }
  unsigned long long v = strtoull(text, &end, 10);
  if (errno || *end) {
    gg_err_set(err,
               "%s: expected an unsigned 64-bit integer (0 to 18446744073709551615), got \"%s\"",
               opt, text);
    return -1;
  }
  *out = (uint64_t)v;
  return 0;
}

int gga_sweep_args_parse(gga_sweep_args *a, const char *const *args, int n, gg_error *err) {
  memset(a, 0, sizeof *a);
  a->o = gg_sweep_defaults();
  a->o.params = a->params;
  a->o.factors = a->factors;
  a->o.sets = a->sets;
  a->o.metrics = a->metrics;
  const char *design = NULL;
  int samples_given = 0, bad = 0;
  long v_long;
  for (int i = 0; i < n && !bad; i++) {
    const char *v, *x = args[i];
    if ((v = args_opt(args, n, &i, "--param", &bad, err))) {
      gg_error e;
      if (a->o.nparams == DESIGN_MAX_DIM) {
        gg_err_set(err, "--param %s: at most %d parameters", v, DESIGN_MAX_DIM);
        return -1;
      }
      if (gg_sweep_param_parse(v, &a->params[a->o.nparams], &e) != 0) {
        gg_err_set(err, "--param %s", e.msg);
        return -1;
      }
      a->o.nparams++;
    } else if ((v = args_opt(args, n, &i, "--factor", &bad, err))) {
      gg_error e;
      if (a->o.nfactors == GG_SWEEP_MAX_FACTORS) {
        gg_err_set(err, "--factor %s: at most %d factors", v, GG_SWEEP_MAX_FACTORS);
        return -1;
      }
      if (gg_sweep_factor_parse(v, &a->factors[a->o.nfactors], &e) != 0) {
        gg_err_set(err, "--factor %s", e.msg);
        return -1;
      }
      a->o.nfactors++;
    } else if ((v = args_opt(args, n, &i, "--design", &bad, err))) {
      design = v;
    } else if ((v = args_opt(args, n, &i, "--samples", &bad, err))) {
      if (args_long("--samples", v, 1, 100000000L, &a->o.samples, err) != 0) return -1;
      samples_given = 1;
    } else if ((v = args_opt(args, n, &i, "--replicates", &bad, err))) {
      if (args_long("--replicates", v, 1, 100000000L, &v_long, err) != 0) return -1;
      a->o.replicates = (int)v_long;
    } else if ((v = args_opt(args, n, &i, "--threads", &bad, err))) {
      if (args_long("--threads", v, 1, 4096, &v_long, err) != 0) return -1;
    } else if ((v = args_opt(args, n, &i, "--block-runs", &bad, err))) {
      if (args_long("--block-runs", v, 1, 100000000L, &a->o.block_runs, err) != 0) return -1;
    } else if ((v = args_opt(args, n, &i, "--design-seed", &bad, err))) {
      if (gga_args_u64("--design-seed", v, &a->o.design_seed, err) != 0) return -1;
      a->o.design_seed_given = 1;
    } else if ((v = args_opt(args, n, &i, "--metric", &bad, err))) {
      if (a->o.nmetrics == GGA_ARGS_MAX_LIST) {
        gg_err_set(err, "--metric %s: at most %d --metric options", v, GGA_ARGS_MAX_LIST);
        return -1;
      }
      a->metrics[a->o.nmetrics++] = v;
    } else if ((v = args_opt(args, n, &i, "--set", &bad, err))) {
      if (a->o.nsets == GGA_ARGS_MAX_LIST) {
        gg_err_set(err, "--set %s: at most %d --set options", v, GGA_ARGS_MAX_LIST);
        return -1;
      }
      a->sets[a->o.nsets++] = v;
    } else if (args_opt(args, n, &i, "--out", &bad, err) ||
               args_opt(args, n, &i, "--shard", &bad, err) ||
               args_opt(args, n, &i, "--lanes", &bad, err)) {
      /* where and which part: not the sweep's options */
    } else if (bad) {
      break;
    } else if (strcmp(x, "--trajectories") == 0) {
      a->o.trajectories = 1;
    } else if (strncmp(x, "--trajectories=", 15) == 0) {
      if (gga_sweep_traj_parse(x + 15, &a->o.trajectories, err) != 0) return -1;
    } else if (strcmp(x, "--independent-seeds") == 0) {
      a->o.independent_seeds = 1;
    } else if (strcmp(x, "--resume") == 0 || strcmp(x, "--keep-blocks") == 0 ||
               strcmp(x, "--force") == 0 || strcmp(x, "--quiet") == 0 || strcmp(x, "-q") == 0) {
      /* how to run, not what */
    } else if (x[0] == '-' && x[1] != '\0') {
      gg_err_set(err, "%s: unknown option", x);
      return -1;
    } else {
      gg_err_set(err, "%s: only one scenario is allowed", x);
      return -1;
    }
  }
  if (bad) return -1;
  if (a->o.nparams == 0 && a->o.nfactors == 0) {
    gg_err_set(err, "--param: at least one PATH=LO:HI (or a --factor) is required");
    return -1;
  }
  if (design && gg_design_from_name(design, &a->o.design) != 0) {
    gg_err_set(err, "--design %s: expected grid, random, lhs or sobol", design);
    return -1;
  }
  if (a->o.design == GG_DESIGN_GRID && samples_given) {
    gg_err_set(err, "--samples: a grid has one sample per combination of STEPS; "
                    "use --design random, lhs or sobol");
    return -1;
  }
  return 0;
}

void gga_sweep_args_free(char **args, int n) {
  for (int i = 0; args && i < n; i++)
    gg_free(args[i]);
  gg_free(args);
}

/* A number that reads back as the same double (-0 kept). */
static void args_num(char *buf, size_t size, double v) {
  if (v == 0 && signbit(v))
    snprintf(buf, size, "-0");
  else
    gg_fmt_num(buf, size, v);
}

int gga_sweep_args_make(const gg_sweep *s, char ***args, int *n) {
  const sweep_opts *o = &s->sw.o;
  int cap = 2 * o->nparams + 2 * o->nfactors + 2 * s->nmetric_specs + 2 * s->nset_args + 16, k = 0;
  char **a = gg_calloc((size_t)cap, sizeof(char *));
  char buf[GG_SWEEP_PATH_MAX * (GG_SWEEP_MAX_LEVELS + 1) + 200], lo[40], hi[40];
  int ok = a != NULL;
#define ARGS_ADD(text) (ok = ok && (a[k++] = gg_strdup(text)) != NULL)
  for (int j = 0; ok && j < o->nparams; j++) {
    args_num(lo, sizeof lo, o->params[j].lo);
    args_num(hi, sizeof hi, o->params[j].hi);
    if (o->params[j].steps)
      snprintf(buf, sizeof buf, "%s=%s:%s:%d", o->params[j].path, lo, hi, o->params[j].steps);
    else
      snprintf(buf, sizeof buf, "%s=%s:%s", o->params[j].path, lo, hi);
    ARGS_ADD("--param");
    ARGS_ADD(buf);
  }
  for (int f = 0; ok && f < o->nfactors; f++) {
    size_t len = (size_t)snprintf(buf, sizeof buf, "%s=", o->factors[f].path);
    for (int k = 0; k < o->factors[f].nlevels; k++)
      len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", k ? "," : "",
                              o->factors[f].levels[k]);
    ARGS_ADD("--factor");
    ARGS_ADD(buf);
  }
  if (o->kind != DESIGN_GRID) {
    ARGS_ADD("--design");
    ARGS_ADD(gga_design_name(o->kind));
    snprintf(buf, sizeof buf, "%ld", o->samples);
    ARGS_ADD("--samples");
    ARGS_ADD(buf);
  }
  if (o->replicates != 1) {
    snprintf(buf, sizeof buf, "%d", o->replicates);
    ARGS_ADD("--replicates");
    ARGS_ADD(buf);
  }
  if (o->independent_seeds) ARGS_ADD("--independent-seeds");
  if (s->design_seed_given) {
    snprintf(buf, sizeof buf, "%llu", (unsigned long long)o->design_seed);
    ARGS_ADD("--design-seed");
    ARGS_ADD(buf);
  }
  for (int i = 0; ok && i < s->nmetric_specs; i++) {
    ARGS_ADD("--metric");
    ARGS_ADD(s->metric_specs[i]);
  }
  for (int i = 0; ok && i < s->nset_args; i++) {
    ARGS_ADD("--set");
    ARGS_ADD(s->set_args[i]);
  }
  if (o->trajectories == 1) {
    ARGS_ADD("--trajectories");
  } else if (o->trajectories) {
    int n = snprintf(buf, sizeof buf, "--trajectories=");
    gga_sweep_traj_text(o->trajectories, buf + n, sizeof buf - (size_t)n);
    ARGS_ADD(buf);
  }
  if (o->block_runs != GG_SWEEP_BLOCK_RUNS) {
    snprintf(buf, sizeof buf, "%ld", o->block_runs);
    ARGS_ADD("--block-runs");
    ARGS_ADD(buf);
  }
#undef ARGS_ADD
  if (!ok) {
    gga_sweep_args_free(a, k);
    return -1;
  }
  *args = a;
  *n = k;
  return 0;
}

static int args_same_num(double a, double b) {
  return a == b && signbit(a) == signbit(b);
}

int gga_sweep_args_check(const gg_sweep *s, const char *const *args, int n, gg_error *err) {
  const sweep_opts *o = &s->sw.o;
  gga_sweep_args *a = gg_malloc(sizeof *a);
  if (!a) {
    gg_err_set(err, "sweep: out of memory");
    return -1;
  }
  gg_error e;
  const char *what = NULL;
  if (gga_sweep_args_parse(a, args, n, &e) != 0) {
    gg_err_set(err, "shard_args: %s", e.msg);
    gg_free(a);
    return -1;
  }
  const gg_sweep_options *r = &a->o;
  if (r->nparams != o->nparams) what = "params";
  for (int j = 0; !what && j < o->nparams; j++)
    if (strcmp(r->params[j].path, o->params[j].path) != 0 ||
        !args_same_num(r->params[j].lo, o->params[j].lo) ||
        !args_same_num(r->params[j].hi, o->params[j].hi) ||
        r->params[j].steps != o->params[j].steps)
      what = "params";
  if (!what && r->nfactors != o->nfactors) what = "factors";
  for (int f = 0; !what && f < o->nfactors; f++) {
    const gg_sweep_factor *x = &r->factors[f], *y = &o->factors[f];
    if (strcmp(x->path, y->path) != 0 || x->nlevels != y->nlevels) what = "factors";
    for (int k = 0; !what && k < x->nlevels; k++)
      if (strcmp(x->levels[k], y->levels[k]) != 0) what = "factors";
  }
  design_kind kind = (design_kind)r->design;
  if (!what && kind != o->kind) what = "design";
  if (!what && kind != DESIGN_GRID && r->samples != o->samples) what = "samples";
  if (!what && r->replicates != o->replicates) what = "replicates";
  if (!what && (r->independent_seeds != 0) != (o->independent_seeds != 0))
    what = "independent_seeds";
  if (!what && r->trajectories != o->trajectories) what = "trajectories";
  if (!what && r->block_runs != o->block_runs) what = "block_runs";
  uint64_t seed = r->design_seed_given   ? r->design_seed
                  : kind == DESIGN_SOBOL ? 0
                                         : gg_mix64(gg_scenario_seed(s->sc) ^ 0x64657369676eULL);
  if (!what && seed != o->design_seed) what = "design_seed";
  size_t len = 0;
  for (int i = 0; i < r->nsets; i++)
    len += strlen(r->sets[i]) + 1;
  char *joined = gg_malloc(len + 1);
  if (joined) {
    size_t k = 0;
    joined[0] = '\0';
    for (int i = 0; i < r->nsets; i++)
      k += (size_t)snprintf(joined + k, len + 1 - k, "%s%s", k ? ";" : "", r->sets[i]);
    if (!what && strcmp(joined, o->sets ? o->sets : "") != 0) what = "sets";
    gg_free(joined);
  } else if (!what) {
    what = "sets (out of memory)";
  }
  metric_set ms = {0};
  int mrc = 0;
  for (int i = 0; i < r->nmetrics && mrc == 0; i++)
    mrc = gga_metrics_add(&ms, s->sc, r->metrics[i], &e);
  if (r->nmetrics == 0) mrc = gga_metrics_default(&ms, s->sc, &e);
  if (!what && (mrc != 0 || ms.n != o->metrics->n)) what = "metrics";
  for (int i = 0; !what && i < ms.n; i++)
    if (strcmp(ms.m[i].name, o->metrics->m[i].name) != 0) what = "metrics";
  gga_metrics_free(&ms);
  gg_free(a);
  if (what) {
    gg_err_set(err, "shard_args: they describe another sweep than these options (%s differ)", what);
    return -1;
  }
  return 0;
}
