/* summary.json and manifest.json of `run --out`. */
#include "run_record.h"
#include "outfile.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

gg_run_record *gg_run_record_create(const gg_scenario *sc, int runs) {
  gg_run_record *rec = calloc(1, sizeof *rec);
  if (!rec) return NULL;
  rec->sc = sc;
  rec->runs = runs;
  rec->S = gg_scenario_states(sc);
  rec->K = gg_scenario_powers(sc) + 1;
  rec->listed = runs < GG_RECORD_MAX_LISTED ? runs : GG_RECORD_MAX_LISTED;
  size_t S = (size_t)rec->S, K = (size_t)rec->K, L = (size_t)rec->listed;
  rec->seeds = calloc(L, sizeof(uint64_t));
  rec->final = calloc(L * S * K, sizeof(double));
  rec->region = calloc(L * K, sizeof(double));
  rec->flips = calloc(L * S, sizeof(int));
  rec->dominant = calloc(L * S, sizeof(int));
  rec->cur_dom = calloc(S, sizeof(int));
  rec->cur_flips = calloc(S, sizeof(int));
  rec->mean = calloc(S * K, sizeof(double));
  rec->m2 = calloc(S * K, sizeof(double));
  rec->min = calloc(S * K, sizeof(double));
  rec->max = calloc(S * K, sizeof(double));
  rec->rmean = calloc(K, sizeof(double));
  rec->rm2 = calloc(K, sizeof(double));
  rec->rmin = calloc(K, sizeof(double));
  rec->rmax = calloc(K, sizeof(double));
  rec->dom_count = calloc(S * K, sizeof(double));
  rec->flip_sum = calloc(S, sizeof(double));
  rec->flip_max = calloc(S, sizeof(int));
  if (!rec->seeds || !rec->final || !rec->region || !rec->flips || !rec->dominant ||
      !rec->cur_dom || !rec->cur_flips || !rec->mean || !rec->m2 || !rec->min || !rec->max ||
      !rec->rmean || !rec->rm2 || !rec->rmin || !rec->rmax || !rec->dom_count || !rec->flip_sum ||
      !rec->flip_max) {
    gg_run_record_free(rec);
    return NULL;
  }
  return rec;
}

void gg_run_record_free(gg_run_record *rec) {
  if (!rec) return;
  void *p[] = {rec->seeds,     rec->final,     rec->region,  rec->flips, rec->dominant,
               rec->cur_dom,   rec->cur_flips, rec->mean,    rec->m2,    rec->min,
               rec->max,       rec->rmean,     rec->rm2,     rec->rmin,  rec->rmax,
               rec->dom_count, rec->flip_sum,  rec->flip_max};
  for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
    free(p[i]);
  free(rec);
}

void gg_run_record_begin(gg_run_record *rec, int run, uint64_t seed) {
  rec->r = run;
  if (run < rec->listed) rec->seeds[run] = seed;
}

static void welford(double *mean, double *m2, double *mn, double *mx, int n, double x) {
  double d = x - *mean;
  *mean += d / n;
  *m2 += d * (x - *mean);
  if (n == 1 || x < *mn) *mn = x;
  if (n == 1 || x > *mx) *mx = x;
}

void gg_run_record_tick(gg_run_record *rec, const gg_sim *sim) {
  int S = rec->S, K = rec->K, t = gg_sim_tick(sim), r = rec->r;
  for (int s = 0; s < S; s++) {
    int d = gg_sim_dominant(sim, s);
    if (t == 0)
      rec->cur_flips[s] = 0;
    else if (d != rec->cur_dom[s])
      rec->cur_flips[s]++;
    rec->cur_dom[s] = d;
  }
  if (t != gg_scenario_ticks(rec->sc)) return;
  int n = ++rec->done;
  for (int s = 0; s < S; s++) {
    for (int k = 0; k < K; k++) {
      double x = gg_sim_share(sim, s, k);
      if (!isfinite(x)) rec->nonfinite = 1;
      welford(&rec->mean[s * K + k], &rec->m2[s * K + k], &rec->min[s * K + k],
              &rec->max[s * K + k], n, x);
      if (r < rec->listed) rec->final[((size_t)r * S + s) * K + k] = x;
    }
    rec->dom_count[s * K + rec->cur_dom[s]] += 1;
    rec->flip_sum[s] += rec->cur_flips[s];
    if (rec->cur_flips[s] > rec->flip_max[s]) rec->flip_max[s] = rec->cur_flips[s];
    if (r < rec->listed) {
      rec->flips[(size_t)r * S + s] = rec->cur_flips[s];
      rec->dominant[(size_t)r * S + s] = rec->cur_dom[s];
    }
  }
  for (int k = 0; k < K; k++) {
    double x = gg_sim_region(sim, k);
    welford(&rec->rmean[k], &rec->rm2[k], &rec->rmin[k], &rec->rmax[k], n, x);
    if (r < rec->listed) rec->region[(size_t)r * K + k] = x;
  }
}

double gg_run_record_final_mean(const gg_run_record *rec, int s, int k) {
  return rec->mean[s * rec->K + k];
}
double gg_run_record_region_mean(const gg_run_record *rec, int k) {
  return rec->rmean[k];
}

static cJSON *stats(double mean, double m2, double mn, double mx, int n) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddNumberToObject(o, "mean", mean);
  cJSON_AddNumberToObject(o, "sd", n > 1 ? sqrt(m2 / (n - 1)) : 0.0);
  cJSON_AddNumberToObject(o, "min", mn);
  cJSON_AddNumberToObject(o, "max", mx);
  return o;
}

static cJSON *u64(uint64_t v) {
  char b[32];
  snprintf(b, sizeof b, "%llu", (unsigned long long)v);
  return cJSON_CreateRaw(b);
}

static int write_json(cJSON *root, const char *dir, const char *name, gg_error *err) {
  char *text = cJSON_Print(root);
  cJSON_Delete(root);
  if (!text) {
    snprintf(err->msg, sizeof err->msg, "%s/%s: out of memory", dir, name);
    return -1;
  }
  int rc = gg_outfile_write_json(dir, name, text, err);
  free(text);
  return rc;
}

int gg_run_record_write_summary(const gg_run_record *rec, const char *dir, gg_error *err) {
  const gg_scenario *sc = rec->sc;
  int S = rec->S, K = rec->K, n = rec->done;
  char date[32];
  gg_scenario_date(sc, gg_scenario_ticks(sc), date, sizeof date);
  static const char *weights[] = {"population", "gdp", "equal"};
  cJSON *root = cJSON_CreateObject();
  cJSON_AddStringToObject(root, "scenario", gg_scenario_name(sc));
  cJSON_AddNumberToObject(root, "ticks", gg_scenario_ticks(sc));
  cJSON_AddStringToObject(root, "final_date", date);
  cJSON_AddNumberToObject(root, "replicates", n);
  cJSON_AddStringToObject(root, "region_weight", weights[gg_scenario_weight(sc)]);
  cJSON *runs = cJSON_AddArrayToObject(root, "runs");
  for (int r = 0; r < rec->listed && r < n; r++) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "run", r);
    cJSON_AddItemToObject(o, "seed", u64(rec->seeds[r]));
    cJSON *fin = cJSON_AddObjectToObject(o, "final");
    cJSON *dom = cJSON_AddObjectToObject(o, "dominant");
    cJSON *flp = cJSON_AddObjectToObject(o, "flips");
    for (int s = 0; s < S; s++) {
      cJSON *st = cJSON_AddObjectToObject(fin, gg_state_id(sc, s));
      for (int k = 0; k < K; k++)
        cJSON_AddNumberToObject(st, gg_component_id(sc, k),
                                rec->final[((size_t)r * S + s) * K + k]);
      cJSON_AddStringToObject(dom, gg_state_id(sc, s),
                              gg_component_id(sc, rec->dominant[(size_t)r * S + s]));
      cJSON_AddNumberToObject(flp, gg_state_id(sc, s), rec->flips[(size_t)r * S + s]);
    }
    cJSON *reg = cJSON_AddObjectToObject(o, "region");
    for (int k = 0; k < K; k++)
      cJSON_AddNumberToObject(reg, gg_component_id(sc, k), rec->region[(size_t)r * K + k]);
    cJSON_AddItemToArray(runs, o);
  }
  cJSON *across = cJSON_AddObjectToObject(root, "across_runs");
  cJSON *fin = cJSON_AddObjectToObject(across, "final");
  cJSON *dom = cJSON_AddObjectToObject(across, "dominant_share");
  cJSON *flp = cJSON_AddObjectToObject(across, "flips");
  for (int s = 0; s < S; s++) {
    cJSON *st = cJSON_AddObjectToObject(fin, gg_state_id(sc, s));
    cJSON *ds = cJSON_AddObjectToObject(dom, gg_state_id(sc, s));
    for (int k = 0; k < K; k++) {
      int i = s * K + k;
      cJSON_AddItemToObject(st, gg_component_id(sc, k),
                            stats(rec->mean[i], rec->m2[i], rec->min[i], rec->max[i], n));
      cJSON_AddNumberToObject(ds, gg_component_id(sc, k), n ? rec->dom_count[i] / n : 0.0);
    }
    cJSON *f = cJSON_AddObjectToObject(flp, gg_state_id(sc, s));
    cJSON_AddNumberToObject(f, "mean", n ? rec->flip_sum[s] / n : 0.0);
    cJSON_AddNumberToObject(f, "max", rec->flip_max[s]);
  }
  cJSON *reg = cJSON_AddObjectToObject(across, "region");
  for (int k = 0; k < K; k++)
    cJSON_AddItemToObject(reg, gg_component_id(sc, k),
                          stats(rec->rmean[k], rec->rm2[k], rec->rmin[k], rec->rmax[k], n));
  return write_json(root, dir, "summary.json", err);
}

/* Every parameter of the table, resolved, as path -> value. */
static void add_parameters(cJSON *obj, const gg_scenario *sc) {
  for (int i = 0; i < gg_param_count(); i++) {
    const gg_param_info *in = gg_param_at(i);
    if (strcmp(in->path, "seed") == 0) continue;
    /* expand the pattern over every id */
    char pat[128];
    snprintf(pat, sizeof pat, "%s", in->path);
    char *lt = strchr(pat, '<');
    char prefix[128] = "", mid[128] = "", suffix[128] = "";
    if (!lt) {
      double v;
      gg_error e;
      if (gg_scenario_get(sc, in->path, &v, &e) == 0) cJSON_AddNumberToObject(obj, in->path, v);
      continue;
    }
    /* pattern: prefix<a>mid[<b>suffix] */
    char *gt = strchr(lt, '>');
    snprintf(prefix, sizeof prefix, "%.*s", (int)(lt - pat), pat);
    char kind1[16], kind2[16] = "";
    snprintf(kind1, sizeof kind1, "%.*s", (int)(gt - lt - 1), lt + 1);
    char *lt2 = strchr(gt, '<');
    if (lt2) {
      char *gt2 = strchr(lt2, '>');
      snprintf(mid, sizeof mid, "%.*s", (int)(lt2 - gt - 1), gt + 1);
      snprintf(kind2, sizeof kind2, "%.*s", (int)(gt2 - lt2 - 1), lt2 + 1);
      snprintf(suffix, sizeof suffix, "%s", gt2 + 1);
    } else {
      snprintf(mid, sizeof mid, "%s", gt + 1);
    }
    int na, nb = 1;
    const char *(*ida)(const gg_scenario *, int) = NULL, *(*idb)(const gg_scenario *, int) = NULL;
#define KIND(k, n, f)                                                                              \
  if (strcmp(k, "state") == 0)                                                                     \
    n = gg_scenario_states(sc), f = gg_state_id;                                                   \
  else if (strcmp(k, "power") == 0)                                                                \
    n = gg_scenario_powers(sc), f = gg_power_id;                                                   \
  else if (strcmp(k, "channel") == 0)                                                              \
    n = gg_scenario_channels(sc), f = gg_channel_id;                                               \
  else                                                                                             \
    n = gg_scenario_blocs(sc), f = gg_bloc_id;
    KIND(kind1, na, ida)
    if (kind2[0]) {
      KIND(kind2, nb, idb)
    }
#undef KIND
    for (int a = 0; a < na; a++)
      for (int b = 0; b < nb; b++) {
        char path[400];
        if (idb)
          snprintf(path, sizeof path, "%s%s%s%s%s", prefix, ida(sc, a), mid, idb(sc, b), suffix);
        else
          snprintf(path, sizeof path, "%s%s%s", prefix, ida(sc, a), mid);
        double v;
        gg_error e;
        if (gg_scenario_get(sc, path, &v, &e) == 0) cJSON_AddNumberToObject(obj, path, v);
      }
  }
}

int gg_write_manifest(const gg_scenario *sc, const char *scenario_path, const char *dir, int argc,
                      char **argv, const gg_run_record *rec, const char *started,
                      const char *finished, gg_error *err) {
  cJSON *root = cJSON_CreateObject();
  cJSON_AddStringToObject(root, "engine", "greatgame");
  cJSON_AddStringToObject(root, "version", gg_version());
  cJSON_AddStringToObject(root, "model", "GG-1");
  cJSON_AddStringToObject(root, "scenario", gg_scenario_name(sc));
  cJSON_AddStringToObject(root, "scenario_path", scenario_path ? scenario_path : "(baseline)");
  cJSON_AddStringToObject(root, "scenario_sha256", gg_scenario_sha256(sc));
  cJSON_AddItemToObject(root, "seed", u64(gg_scenario_seed(sc)));
  cJSON_AddNumberToObject(root, "replicates", rec->runs);
  cJSON *seeds = cJSON_AddArrayToObject(root, "run_seeds");
  for (int r = 0; r < rec->runs && r < GG_RECORD_MAX_LISTED; r++)
    cJSON_AddItemToArray(seeds, u64(gg_seed_derive(gg_scenario_seed(sc), 0, (uint64_t)r)));
  cJSON_AddStringToObject(root, "seed_rule",
                          "run r uses gg_seed_derive(seed, 0, r): SplitMix64 mixing");
  cJSON *cmd = cJSON_AddArrayToObject(root, "command_line");
  cJSON_AddItemToArray(cmd, cJSON_CreateString("greatgame"));
  for (int i = 0; i < argc; i++)
    cJSON_AddItemToArray(cmd, cJSON_CreateString(argv[i]));
  cJSON_AddStringToObject(root, "started", started);
  cJSON_AddStringToObject(root, "finished", finished);
  cJSON *files = cJSON_AddArrayToObject(root, "files");
  const char *names[] = {"alignment.csv", "stocks.csv", "utility.csv", "summary.json"};
  for (int i = 0; i < 4; i++)
    cJSON_AddItemToArray(files, cJSON_CreateString(names[i]));
  add_parameters(cJSON_AddObjectToObject(root, "parameters"), sc);
  return write_json(root, dir, "manifest.json", err);
}

void gg_cli_timestamp(char *buf, size_t size) {
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
