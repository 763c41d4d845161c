/* gg_run_stats: what a run study keeps of its runs, summary.json, and the
   run study's manifest.json. */
#include "run_record.h"

#include "gg_util.h"
#include "outfile.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>
#include <time.h>

gg_run_stats *gg_run_stats_create(const gg_scenario *sc, int runs) {
  if (!sc || runs < 1) return NULL;
  gg_run_stats *st = gg_calloc(1, sizeof *st);
  if (!st) return NULL;
  st->sc = sc;
  st->runs = runs;
  st->S = gg_scenario_states(sc);
  st->K = gg_scenario_powers(sc) + 1;
  st->listed = runs < GG_RUN_STATS_MAX_LISTED ? runs : GG_RUN_STATS_MAX_LISTED;
  size_t S = (size_t)st->S, K = (size_t)st->K, L = (size_t)st->listed;
  st->seeds = gg_calloc(L, sizeof(uint64_t));
  st->final = gg_calloc(L * S * K, sizeof(double));
  st->region = gg_calloc(L * K, sizeof(double));
  st->flips = gg_calloc(L * S, sizeof(int));
  st->dominant = gg_calloc(L * S, sizeof(int));
  st->cur_dom = gg_calloc(S, sizeof(int));
  st->cur_flips = gg_calloc(S, sizeof(int));
  st->mean = gg_calloc(S * K, sizeof(double));
  st->m2 = gg_calloc(S * K, sizeof(double));
  st->min = gg_calloc(S * K, sizeof(double));
  st->max = gg_calloc(S * K, sizeof(double));
  st->rmean = gg_calloc(K, sizeof(double));
  st->rm2 = gg_calloc(K, sizeof(double));
  st->rmin = gg_calloc(K, sizeof(double));
  st->rmax = gg_calloc(K, sizeof(double));
  st->dom_count = gg_calloc(S * K, sizeof(double));
  st->flip_sum = gg_calloc(S, sizeof(double));
  st->flip_max = gg_calloc(S, sizeof(int));
  if (!st->seeds || !st->final || !st->region || !st->flips || !st->dominant || !st->cur_dom ||
      !st->cur_flips || !st->mean || !st->m2 || !st->min || !st->max || !st->rmean || !st->rm2 ||
      !st->rmin || !st->rmax || !st->dom_count || !st->flip_sum || !st->flip_max) {
    gg_run_stats_free(st);
    return NULL;
  }
  return st;
}

void gg_run_stats_free(gg_run_stats *st) {
  if (!st) return;
  void *p[] = {st->seeds,     st->final, st->region, st->flips,     st->dominant, st->cur_dom,
               st->cur_flips, st->mean,  st->m2,     st->min,       st->max,      st->rmean,
               st->rm2,       st->rmin,  st->rmax,   st->dom_count, st->flip_sum, st->flip_max};
  for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
    gg_free(p[i]);
  gg_free(st);
}

static void welford(double *mean, double *m2, double *mn, double *mx, int n, double x) {
  double d = x - *mean;
  *mean += d / n;
  *m2 += d * (x - *mean);
  if (n == 1 || x < *mn) *mn = x;
  if (n == 1 || x > *mx) *mx = x;
}

void gg_run_stats_tick(gg_run_stats *st, const gg_sim *sim) {
  int S = st->S, K = st->K, t = gg_sim_tick(sim);
  if (t == 0) { /* a run begins: it is run number `done` */
    st->r = st->done;
    if (st->r < st->listed) st->seeds[st->r] = gg_sim_seed(sim);
  }
  int r = st->r;
  for (int s = 0; s < S; s++) {
    int d = gg_sim_dominant(sim, s);
    if (t == 0)
      st->cur_flips[s] = 0;
    else if (d != st->cur_dom[s])
      st->cur_flips[s]++;
    st->cur_dom[s] = d;
  }
  if (t != gg_scenario_ticks(st->sc)) return;
  int n = ++st->done;
  for (int s = 0; s < S; s++) {
    for (int k = 0; k < K; k++) {
      double x = gg_sim_share(sim, s, k);
      if (!isfinite(x)) st->nonfinite = 1;
      welford(&st->mean[s * K + k], &st->m2[s * K + k], &st->min[s * K + k], &st->max[s * K + k], n,
              x);
      if (r < st->listed) st->final[((size_t)r * S + s) * K + k] = x;
    }
    st->dom_count[s * K + st->cur_dom[s]] += 1;
    st->flip_sum[s] += st->cur_flips[s];
    if (st->cur_flips[s] > st->flip_max[s]) st->flip_max[s] = st->cur_flips[s];
    if (r < st->listed) {
      st->flips[(size_t)r * S + s] = st->cur_flips[s];
      st->dominant[(size_t)r * S + s] = st->cur_dom[s];
    }
  }
  for (int k = 0; k < K; k++) {
    double x = gg_sim_region(sim, k);
    welford(&st->rmean[k], &st->rm2[k], &st->rmin[k], &st->rmax[k], n, x);
    if (r < st->listed) st->region[(size_t)r * K + k] = x;
  }
}

/* ---- accessors ---------------------------------------------------------- */

static double sd_of(double m2, int n) {
  return n > 1 ? sqrt(m2 / (n - 1)) : 0.0;
}

int gg_run_stats_runs(const gg_run_stats *st) {
  return st->done;
}
int gg_run_stats_listed(const gg_run_stats *st) {
  return st->done < st->listed ? st->done : st->listed;
}
int gg_run_stats_nonfinite(const gg_run_stats *st) {
  return st->nonfinite;
}
double gg_run_stats_final_mean(const gg_run_stats *st, int s, int k) {
  return st->mean[s * st->K + k];
}
double gg_run_stats_final_sd(const gg_run_stats *st, int s, int k) {
  return sd_of(st->m2[s * st->K + k], st->done);
}
double gg_run_stats_final_min(const gg_run_stats *st, int s, int k) {
  return st->min[s * st->K + k];
}
double gg_run_stats_final_max(const gg_run_stats *st, int s, int k) {
  return st->max[s * st->K + k];
}
double gg_run_stats_region_mean(const gg_run_stats *st, int k) {
  return st->rmean[k];
}
double gg_run_stats_region_sd(const gg_run_stats *st, int k) {
  return sd_of(st->rm2[k], st->done);
}
double gg_run_stats_region_min(const gg_run_stats *st, int k) {
  return st->rmin[k];
}
double gg_run_stats_region_max(const gg_run_stats *st, int k) {
  return st->rmax[k];
}
double gg_run_stats_dominant_share(const gg_run_stats *st, int s, int k) {
  return st->done ? st->dom_count[s * st->K + k] / st->done : 0.0;
}
double gg_run_stats_flips_mean(const gg_run_stats *st, int s) {
  return st->done ? st->flip_sum[s] / st->done : 0.0;
}
int gg_run_stats_flips_max(const gg_run_stats *st, int s) {
  return st->flip_max[s];
}
uint64_t gg_run_stats_run_seed(const gg_run_stats *st, int r) {
  return st->seeds[r];
}
double gg_run_stats_run_final(const gg_run_stats *st, int r, int s, int k) {
  return st->final[((size_t)r * st->S + s) * st->K + k];
}
double gg_run_stats_run_region(const gg_run_stats *st, int r, int k) {
  return st->region[(size_t)r * st->K + k];
}
int gg_run_stats_run_dominant(const gg_run_stats *st, int r, int s) {
  return st->dominant[(size_t)r * st->S + s];
}
int gg_run_stats_run_flips(const gg_run_stats *st, int r, int s) {
  return st->flips[(size_t)r * st->S + s];
}

/* ---- JSON documents ------------------------------------------------------ */

/* Building a document: every node that cannot be allocated sets `failed`, so
   that an out-of-memory condition never writes a document with parts missing. */
typedef struct jdoc {
  int failed;
} jdoc;

static cJSON *jobj(jdoc *d, cJSON *parent, const char *key) {
  cJSON *o = cJSON_AddObjectToObject(parent, key);
  if (!o) d->failed = 1;
  return o;
}
static void jnum(jdoc *d, cJSON *parent, const char *key, double v) {
  if (!cJSON_AddNumberToObject(parent, key, v)) d->failed = 1;
}
static void jstr(jdoc *d, cJSON *parent, const char *key, const char *v) {
  if (!cJSON_AddStringToObject(parent, key, v)) d->failed = 1;
}
static void jitem(jdoc *d, cJSON *parent, const char *key, cJSON *item) {
  if (!item ||
      !(key ? cJSON_AddItemToObject(parent, key, item) : cJSON_AddItemToArray(parent, item))) {
    cJSON_Delete(item);
    d->failed = 1;
  }
}

static cJSON *stats(jdoc *d, double mean, double m2, double mn, double mx, int n) {
  cJSON *o = cJSON_CreateObject();
  if (!o) return NULL;
  jnum(d, o, "mean", mean);
  jnum(d, o, "sd", sd_of(m2, n));
  jnum(d, o, "min", mn);
  jnum(d, o, "max", mx);
  return o;
}

static cJSON *u64(uint64_t v) {
  char b[32];
  snprintf(b, sizeof b, "%llu", (unsigned long long)v);
  return cJSON_CreateRaw(b);
}

/* DIR/NAME from the document: written atomically on its own, or, with a
   set (then dir is the set's), as one file of the set. */
static int write_json(cJSON *root, const jdoc *d, const char *dir, gga_outset *set,
                      const char *name, gg_error *err) {
  char *text = root && !d->failed ? cJSON_Print(root) : NULL;
  cJSON_Delete(root);
  if (!text) {
    gg_err_set(err, "%s/%s: out of memory", dir, name);
    return -1;
  }
  int rc;
  if (set) {
    FILE *f = gga_outset_open(set, name, err);
    rc = f ? 0 : -1;
    if (f) {
      fputs(text, f); /* a short write shows in ferror at commit */
      fputc('\n', f);
    }
  } else {
    rc = gg_outfile_write_json(dir, name, text, err);
  }
  cJSON_free(text);
  return rc;
}

static void summary_runs(jdoc *d, const gg_run_stats *st, cJSON *runs) {
  const gg_scenario *sc = st->sc;
  int S = st->S, K = st->K;
  for (int r = 0; r < gg_run_stats_listed(st) && !d->failed; r++) {
    cJSON *o = cJSON_CreateObject();
    jitem(d, runs, NULL, o);
    if (d->failed) return;
    jnum(d, o, "run", r);
    jitem(d, o, "seed", u64(st->seeds[r]));
    cJSON *fin = jobj(d, o, "final"), *dom = jobj(d, o, "dominant"), *flp = jobj(d, o, "flips");
    for (int s = 0; s < S && !d->failed; s++) {
      cJSON *so = jobj(d, fin, gg_state_id(sc, s));
      for (int k = 0; k < K && so; k++)
        jnum(d, so, gg_component_id(sc, k), st->final[((size_t)r * S + s) * K + k]);
      jstr(d, dom, gg_state_id(sc, s), gg_component_id(sc, st->dominant[(size_t)r * S + s]));
      jnum(d, flp, gg_state_id(sc, s), st->flips[(size_t)r * S + s]);
    }
    cJSON *reg = jobj(d, o, "region");
    for (int k = 0; k < K && reg; k++)
      jnum(d, reg, gg_component_id(sc, k), st->region[(size_t)r * K + k]);
  }
}

static int write_summary(const gg_run_stats *st, const char *dir, gga_outset *set, gg_error *err) {
  const gg_scenario *sc = st->sc;
  int S = st->S, K = st->K, n = st->done;
  char date[32];
  gg_scenario_date(sc, gg_scenario_ticks(sc), date, sizeof date);
  static const char *weights[] = {"population", "gdp", "equal"};
  jdoc d = {0};
  cJSON *root = cJSON_CreateObject();
  if (!root) d.failed = 1;
  jstr(&d, root, "scenario", gg_scenario_name(sc));
  jnum(&d, root, "ticks", gg_scenario_ticks(sc));
  jstr(&d, root, "final_date", date);
  jnum(&d, root, "replicates", n);
  jstr(&d, root, "region_weight", weights[gg_scenario_weight(sc)]);
  cJSON *runs = cJSON_AddArrayToObject(root, "runs");
  if (!runs) d.failed = 1;
  summary_runs(&d, st, runs);
  cJSON *across = jobj(&d, root, "across_runs");
  cJSON *fin = jobj(&d, across, "final");
  cJSON *dom = jobj(&d, across, "dominant_share");
  cJSON *flp = jobj(&d, across, "flips");
  for (int s = 0; s < S && !d.failed; s++) {
    cJSON *so = jobj(&d, fin, gg_state_id(sc, s));
    cJSON *ds = jobj(&d, dom, gg_state_id(sc, s));
    for (int k = 0; k < K && !d.failed; k++) {
      int i = s * K + k;
      jitem(&d, so, gg_component_id(sc, k),
            stats(&d, st->mean[i], st->m2[i], st->min[i], st->max[i], n));
      jnum(&d, ds, gg_component_id(sc, k), gg_run_stats_dominant_share(st, s, k));
    }
    cJSON *f = jobj(&d, flp, gg_state_id(sc, s));
    jnum(&d, f, "mean", gg_run_stats_flips_mean(st, s));
    jnum(&d, f, "max", st->flip_max[s]);
  }
  cJSON *reg = jobj(&d, across, "region");
  for (int k = 0; k < K && !d.failed; k++)
    jitem(&d, reg, gg_component_id(sc, k),
          stats(&d, st->rmean[k], st->rm2[k], st->rmin[k], st->rmax[k], n));
  return write_json(root, &d, dir, set, "summary.json", err);
}

int gg_run_stats_write_summary(const gg_run_stats *st, const char *dir, gg_error *err) {
  return write_summary(st, dir, NULL, err);
}

int gga_run_stats_write_summary_set(const gg_run_stats *st, gga_outset *set, gg_error *err) {
  return write_summary(st, set->dir, set, err);
}

/* ---- manifest.json -------------------------------------------------------- */

typedef const char *(*id_fn)(const gg_scenario *, int);

/* The number of ids and their accessor for "state", "power", "channel", "bloc". */
static int kind_ids(const gg_scenario *sc, const char *kind, id_fn *f) {
  if (strcmp(kind, "state") == 0) return *f = gg_state_id, gg_scenario_states(sc);
  if (strcmp(kind, "power") == 0) return *f = gg_power_id, gg_scenario_powers(sc);
  if (strcmp(kind, "channel") == 0) return *f = gg_channel_id, gg_scenario_channels(sc);
  return *f = gg_bloc_id, gg_scenario_blocs(sc);
}

/* A path the scenario does not resolve is left out; running out of memory
   while resolving it fails the document. */
static void add_value(jdoc *d, cJSON *obj, const gg_scenario *sc, const char *path) {
  double v;
  gg_error e;
  static const char oom[] = ": out of memory";
  if (gg_scenario_get(sc, path, &v, &e) == 0) {
    jnum(d, obj, path, v);
  } else {
    size_t n = strlen(e.msg);
    if (n >= sizeof oom - 1 && strcmp(e.msg + n - (sizeof oom - 1), oom) == 0) d->failed = 1;
  }
}

/* Expand the placeholders (<state>, <power>, <channel>, <bloc>) of `rest`
   over every id, in order (the first placeholder outermost), after the
   text already expanded in `done`, and add each resolved path. */
static void add_expanded(jdoc *d, cJSON *obj, const gg_scenario *sc, const char *done,
                         const char *rest) {
  char path[400], kind[16];
  const char *lt = strchr(rest, '<'), *gt = lt ? strchr(lt, '>') : NULL;
  if (!gt) {
    snprintf(path, sizeof path, "%s%s", done, rest);
    add_value(d, obj, sc, path);
    return;
  }
  snprintf(kind, sizeof kind, "%.*s", (int)(gt - lt - 1), lt + 1);
  id_fn id = NULL;
  int n = kind_ids(sc, kind, &id);
  for (int a = 0; a < n && !d->failed; a++) {
    snprintf(path, sizeof path, "%s%.*s%s", done, (int)(lt - rest), rest, id(sc, a));
    add_expanded(d, obj, sc, path, gt + 1);
  }
}

/* Every parameter of the table, resolved, as path -> value: GG-1's rows,
   then for a GG-2 scenario GG-2's own rows (a channel_priority a power does
   not list resolves to nothing and is left out). */
static void add_parameters(jdoc *d, cJSON *obj, const gg_scenario *sc) {
  int n1 = gg_param_count(), n2 = gg_scenario_model(sc) == 2 ? gg_gg2_param_count() : 0;
  for (int i = 0; i < n1 + n2 && !d->failed; i++) {
    const gg_param_info *in = i < n1 ? gg_param_at(i) : gg_gg2_param_at(i - n1);
    if (strcmp(in->path, "seed") == 0) continue;
    add_expanded(d, obj, sc, "", in->path);
  }
}

int gga_write_manifest(const gg_scenario *sc, const gga_manifest *m, gga_outset *set,
                       gg_error *err) {
  jdoc d = {0};
  cJSON *root = cJSON_CreateObject();
  if (!root || gga_manifest_head(root, "run", "run", "complete", m->argc, m->argv, sc,
                                 m->scenario_path, &m->seed) != 0)
    d.failed = 1;
  jstr(&d, root, "scenario", gg_scenario_name(sc));
  jitem(&d, root, "seed", u64(m->seed));
  jnum(&d, root, "replicates", m->replicates);
  cJSON *seeds = cJSON_AddArrayToObject(root, "run_seeds");
  if (!seeds) d.failed = 1;
  for (int r = 0; r < m->replicates && r < GG_RUN_STATS_MAX_LISTED && !d.failed; r++)
    jitem(&d, seeds, NULL, u64(m->exact_seed ? m->seed : gg_seed_derive(m->seed, 0, (uint64_t)r)));
  jstr(&d, root, "seed_rule",
       m->exact_seed ? "the run uses seed itself (one run of a sweep, repeated)"
                     : "run r uses gg_seed_derive(seed, 0, r): SplitMix64 mixing");
  jstr(&d, root, "started", m->started);
  jstr(&d, root, "finished", m->finished);
  const char *names[6];
  int nfiles = 0;
  names[nfiles++] = "alignment.csv";
  names[nfiles++] = "stocks.csv";
  names[nfiles++] = "utility.csv";
  names[nfiles++] = "summary.json";
  if (gg_scenario_measures(sc) > 0) names[nfiles++] = "indicators.csv";
  if (gg_scenario_model(sc) == 2) names[nfiles++] = "ties.csv";
  if (!d.failed && gga_manifest_tail(root, sc, NULL, names, nfiles) != 0) d.failed = 1;
  return write_json(root, &d, set->dir, set, "manifest.json", err);
}

void gga_timestamp(char *buf, size_t size) {
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- the fields every manifest.json shares -------------------------------
   scenarios/schema/manifest.json describes them; each writer adds the head
   first (so "engine" is the first key, by which greatgame recognises a
   folder of its own), then its own fields, then the tail. */

/* argc -1: argv[0] is a whole command line, split at spaces. */
static cJSON *manifest_words(int argc, const char *const *argv) {
  cJSON *a = cJSON_CreateArray();
  if (!a) return NULL;
  if (argc >= 0) {
    for (int i = 0; i < argc; i++) {
      cJSON *s = cJSON_CreateString(argv[i] ? argv[i] : "");
      if (!s) return cJSON_Delete(a), NULL;
      cJSON_AddItemToArray(a, s);
    }
    return a;
  }
  const char *p = argv && argv[0] ? argv[0] : "";
  while (*p) {
    const char *e = strchr(p, ' ');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    if (n > 0) {
      char *w = gg_malloc(n + 1);
      cJSON *s = NULL;
      if (w) {
        memcpy(w, p, n);
        w[n] = '\0';
        s = cJSON_CreateString(w);
        gg_free(w);
      }
      if (!s) return cJSON_Delete(a), NULL;
      cJSON_AddItemToArray(a, s);
    }
    p += n;
    while (*p == ' ')
      p++;
  }
  return a;
}

int gga_manifest_head(cJSON *root, const char *kind, const char *command, const char *status,
                      int argc, const char *const *argv, const gg_scenario *sc,
                      const char *scenario_path, const uint64_t *base_seed) {
  jdoc d = {0};
  jstr(&d, root, "engine", "greatgame");
  jnum(&d, root, "manifest", 1);
  jstr(&d, root, "version", gg_version());
  jstr(&d, root, "kind", kind);
  jstr(&d, root, "command", command);
  cJSON *words = manifest_words(argc, argv);
  if (!words) d.failed = 1;
  jitem(&d, root, "command_line", words);
  jstr(&d, root, "status", status);
  if (sc) {
    jstr(&d, root, "model", gg_scenario_model(sc) == 2 ? "GG-2" : "GG-1");
    if (scenario_path && !*scenario_path) /* "": not named by a file */
      jitem(&d, root, "scenario_path", cJSON_CreateNull());
    else
      jstr(&d, root, "scenario_path", scenario_path ? scenario_path : "(baseline)");
    jstr(&d, root, "scenario_sha256", gg_scenario_sha256(sc));
  }
  if (base_seed) {
    char b[32];
    snprintf(b, sizeof b, "%llu", (unsigned long long)*base_seed);
    jstr(&d, root, "base_seed", b);
  } else {
    jitem(&d, root, "base_seed", cJSON_CreateNull());
  }
  return d.failed ? -1 : 0;
}

int gga_manifest_tail(cJSON *root, const gg_scenario *sc, cJSON *varied, const char *const *files,
                      int nfiles) {
  jdoc d = {0};
  if (sc) {
    cJSON *params = jobj(&d, root, "parameters");
    if (!d.failed) add_parameters(&d, params, sc);
  }
  if (!varied) varied = cJSON_CreateArray();
  if (!varied) d.failed = 1;
  jitem(&d, root, "varied", varied);
  cJSON *fl = cJSON_AddArrayToObject(root, "files");
  if (!fl) d.failed = 1;
  for (int i = 0; i < nfiles && !d.failed; i++)
    jitem(&d, fl, NULL, cJSON_CreateString(files[i]));
  return d.failed ? -1 : 0;
}

/* Append one varied input ({"option", "path", "lo", "hi"[, "steps"]} or
   {"option", "path", "levels"}) to `varied` (created when NULL). The array,
   or NULL when memory ran out (the array is then freed). */
cJSON *gga_manifest_varied(cJSON *varied, const char *option, const char *path, double lo,
                           double hi, int steps, const char *const *levels, int nlevels) {
  jdoc d = {0};
  if (!varied) varied = cJSON_CreateArray();
  cJSON *x = varied ? cJSON_CreateObject() : NULL;
  if (!x) d.failed = 1;
  jstr(&d, x, "option", option);
  jstr(&d, x, "path", path);
  if (levels) {
    cJSON *lv = cJSON_AddArrayToObject(x, "levels");
    if (!lv) d.failed = 1;
    for (int l = 0; l < nlevels && !d.failed; l++)
      jitem(&d, lv, NULL, cJSON_CreateString(levels[l]));
  } else {
    jnum(&d, x, "lo", lo);
    jnum(&d, x, "hi", hi);
    if (steps > 0) jnum(&d, x, "steps", steps);
  }
  if (d.failed) {
    cJSON_Delete(x);
    cJSON_Delete(varied);
    return NULL;
  }
  cJSON_AddItemToArray(varied, x);
  return varied;
}
