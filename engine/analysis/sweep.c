/* Sweep set-up and the resume logic: parameter specs, the sweep hash, the
   output folder and the scan for blocks already done. */
#include "gg_util.h"
#include "sweep.h"
#include "outfile.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

uint64_t gga_sweep_fnv(uint64_t h, const void *data, size_t n) {
  const unsigned char *p = data;
  for (size_t i = 0; i < n; i++) {
    h ^= p[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}

void gga_sweep_fmt(char *buf, size_t size, double v) {
  gg_fmt_csv(buf, size, v);
}

static int sweep_number(const char *s, const char *end, double *out) {
  char buf[64];
  size_t n = (size_t)(end - s);
  if (n == 0 || n >= sizeof buf) return -1;
  memcpy(buf, s, n);
  buf[n] = '\0';
  return gg_parse_number(buf, out);
}

int gga_sweep_param_parse(sweep_param *p, const char *text, gg_error *err) {
  memset(p, 0, sizeof *p);
  const char *eq = strchr(text, '=');
  if (!eq || eq == text || (size_t)(eq - text) >= sizeof p->path) {
    gg_err_set(err, "expected PATH=LO:HI[:STEPS]");
    return -1;
  }
  memcpy(p->path, text, (size_t)(eq - text));
  const char *a = eq + 1, *c1 = strchr(a, ':');
  if (!c1) {
    gg_err_set(err, "expected PATH=LO:HI[:STEPS]");
    return -1;
  }
  const char *c2 = strchr(c1 + 1, ':');
  const char *hi_end = c2 ? c2 : c1 + strlen(c1);
  if (sweep_number(a, c1, &p->lo) != 0 || sweep_number(c1 + 1, hi_end, &p->hi) != 0) {
    gg_err_set(err, "expected numbers in LO:HI");
    return -1;
  }
  if (p->lo > p->hi) {
    gg_err_set(err, "LO must not exceed HI");
    return -1;
  }
  if (c2) {
    double st;
    if (sweep_number(c2 + 1, c2 + 1 + strlen(c2 + 1), &st) != 0 || st != floor(st) || st < 1 ||
        st > 1000000) {
      gg_err_set(err, "STEPS must be a whole number from 1 to 1000000");
      return -1;
    }
    p->steps = (int)st;
  }
  return 0;
}

/* Does `path` match the table's `pattern` (a `<...>` segment matches any
   one segment)? */
static int sweep_match(const char *pattern, const char *path) {
  while (*pattern && *path) {
    if (*pattern == '<') {
      const char *pe = strchr(pattern, '>'), *qe = strchr(path, '.');
      if (!pe) return 0;
      pattern = pe + 1;
      path = qe ? qe : path + strlen(path);
      continue;
    }
    if (*pattern != *path) return 0;
    pattern++;
    path++;
  }
  return *pattern == '\0' && *path == '\0';
}

int gga_sweep_param_integer(const char *path) {
  for (int i = 0; i < gg_param_count(); i++) {
    const gg_param_info *pi = gg_param_at(i);
    if (pi->integer && sweep_match(pi->path, path)) return 1;
  }
  return 0;
}

double gga_sweep_value(const sweep *sw, long sample, int j) {
  const sweep_param *p = &sw->o.params[j];
  double u = design_row(&sw->ds, sample)[j], v;
  if (u <= 0.0)
    v = p->lo;
  else if (u >= 1.0)
    v = p->hi;
  else
    v = p->lo + (p->hi - p->lo) * u;
  return p->integer ? round(v) : v;
}

/* The canonical text that the sweep hash covers: everything that changes
   the results (not threads, progress, or the output folder). */
static int sweep_make_key(sweep *sw, gg_error *err) {
  const sweep_opts *o = &sw->o;
  size_t cap = 1024 + strlen(o->sets ? o->sets : "");
  for (int j = 0; j < o->nparams; j++)
    cap += strlen(o->params[j].path) + 80;
  for (int f = 0; f < o->nfactors; f++) {
    cap += strlen(o->factors[f].path) + 8;
    for (int k = 0; k < o->factors[f].nlevels; k++)
      cap += strlen(o->factors[f].levels[k]) + 2;
  }
  cap += (size_t)o->nlevel_sha * 66;
  for (int i = 0; i < o->metrics->n; i++)
    cap += strlen(o->metrics->m[i].name) + 1;
  sw->key = gg_malloc(cap);
  if (!sw->key) {
    gg_err_set(err, "sweep: out of memory");
    return -1;
  }
  size_t n = 0;
  n += (size_t)snprintf(
      sw->key + n, cap - n,
      "greatgame-sweep-1;engine=%s;scenario=%s;set=%s;design=%s;samples=%ld;"
      "replicates=%d;independent_seeds=%d;design_seed=%llu;second=%d;levels=%d;trajectories=%d;"
      "block=%ld;params=",
      gg_version(), gg_scenario_sha256(o->sc), o->sets ? o->sets : "", gga_design_name(o->kind),
      o->samples, o->replicates, o->independent_seeds, (unsigned long long)o->design_seed,
      o->second, o->levels, o->trajectories, o->block_runs);
  for (int j = 0; j < o->nparams; j++)
    n += (size_t)snprintf(sw->key + n, cap - n, "%s%s=%.17g:%.17g:%d", j ? "|" : "",
                          o->params[j].path, o->params[j].lo, o->params[j].hi, o->params[j].steps);
  /* Factors only when there are some: the keys (and hashes) of sweeps
     without factors stay those of earlier versions. */
  if (o->nfactors > 0) {
    n += (size_t)snprintf(sw->key + n, cap - n, ";factors=");
    for (int f = 0; f < o->nfactors; f++) {
      n += (size_t)snprintf(sw->key + n, cap - n, "%s%s=", f ? "|" : "", o->factors[f].path);
      for (int k = 0; k < o->factors[f].nlevels; k++)
        n += (size_t)snprintf(sw->key + n, cap - n, "%s%s", k ? "," : "", o->factors[f].levels[k]);
    }
    for (int k = 0; k < o->nlevel_sha; k++)
      n += (size_t)snprintf(sw->key + n, cap - n, "%s%s", k ? "," : ";scenarios=", o->level_sha[k]);
  }
  n += (size_t)snprintf(sw->key + n, cap - n, ";metrics=");
  for (int i = 0; i < o->metrics->n; i++)
    n += (size_t)snprintf(sw->key + n, cap - n, "%s%s", i ? "," : "", o->metrics->m[i].name);
  sw->hash = gga_sweep_fnv(SWEEP_FNV_INIT, sw->key, strlen(sw->key));
  snprintf(sw->hash_hex, sizeof sw->hash_hex, "%016llx", (unsigned long long)sw->hash);
  return 0;
}

int gga_sweep_init(sweep *sw, const sweep_opts *o, gg_error *err) {
  memset(sw, 0, sizeof *sw);
  sw->o = *o;
  sw->fault = -1;
  int dim = o->nparams + o->nfactors;
  if (o->nparams < 0 || dim < 1 || dim > DESIGN_MAX_DIM) {
    gg_err_set(err, "params: between 1 and %d parameters and factors, got %d", DESIGN_MAX_DIM, dim);
    sw->error = GG_SWEEP_ERR_PARAMS;
    return -1;
  }
  if (o->replicates < 1 || o->block_runs < 1 || o->metrics->n < 1) {
    gg_err_set(err, "sweep: replicates, block size and metrics must be set");
    return -1;
  }
  int steps[DESIGN_MAX_DIM];
  for (int j = 0; j < o->nparams; j++) {
    sweep_param *p = &o->params[j];
    p->integer = gga_sweep_param_integer(p->path);
    if (o->kind != DESIGN_GRID && p->steps) {
      gg_err_set(err, "params %s: steps apply to the grid design only", p->path);
      sw->error = GG_SWEEP_ERR_PARAM_STEPS;
      sw->fault = j;
      return -1;
    }
    steps[j] = p->steps ? p->steps : (p->lo == p->hi ? 1 : 5);
    if (o->kind == DESIGN_GRID && steps[j] == 1 && p->lo != p->hi) {
      gg_err_set(err, "params %s: one step needs LO equal to HI", p->path);
      sw->error = GG_SWEEP_ERR_PARAMS;
      sw->fault = j;
      return -1;
    }
    /* Every scenario variant must take the parameter at LO and HI. */
    int rc = 0;
    gg_error e;
    for (int v = 0; v < (o->nvariants ? o->nvariants : 1) && rc >= 0; v++) {
      gg_scenario *probe = gg_scenario_clone(o->nvariants ? o->variants[v] : o->sc);
      if (!probe) {
        gg_err_set(err, "sweep: out of memory");
        return -1;
      }
      rc = gg_scenario_set(probe, p->path, p->lo, &e);
      if (rc >= 0) rc = gg_scenario_set(probe, p->path, p->hi, &e);
      gg_scenario_free(probe);
    }
    if (rc < 0) {
      gg_err_set(err, "params %.1000s", e.msg);
      sw->error = GG_SWEEP_ERR_PARAMS;
      sw->fault = j;
      return -1;
    }
  }
  for (int f = 0; f < o->nfactors; f++)
    steps[o->nparams + f] = o->factors[f].nlevels;
  if (gga_design_make(&sw->ds, o->kind, dim, o->samples, steps, o->design_seed, o->second,
                      o->levels, err) != 0) {
    if (strncmp(err->msg, "design:", 7) == 0) sw->error = GG_SWEEP_ERR_DESIGN;
    return -1;
  }
  if ((uint64_t)sw->ds.n > (uint64_t)INT64_MAX / (uint64_t)o->replicates) {
    gg_err_set(err, "replicates: too many runs");
    sw->error = GG_SWEEP_ERR_REPLICATES;
    gga_design_free(&sw->ds);
    return -1;
  }
  sw->runs = sw->ds.n * o->replicates;
  sw->blocks = (sw->runs + o->block_runs - 1) / o->block_runs;
  if (o->shard_count < 0 ||
      (o->shard_count > 0 && (o->shard_index < 0 || o->shard_index >= o->shard_count))) {
    gg_err_set(err, "shard %d/%d: expected 0 <= I < N", o->shard_index, o->shard_count);
    sw->error = GG_SWEEP_ERR_SHARD;
    gga_design_free(&sw->ds);
    return -1;
  }
  for (long b = 0; b < sw->blocks; b++) {
    if (!gga_sweep_mine(sw, b)) continue;
    sw->my_blocks++;
    sw->my_runs += gga_sweep_block_runs(sw, b);
  }
  if (sweep_make_key(sw, err) != 0) {
    gga_design_free(&sw->ds);
    return -1;
  }
  return 0;
}

void gga_sweep_free(sweep *sw) {
  gga_design_free(&sw->ds);
  gg_free(sw->key);
  sw->key = NULL;
}

int gga_sweep_manifest_state(const sweep *sw, const char *dir) {
  char path[4200];
  snprintf(path, sizeof path, "%s/manifest.json", dir);
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  char *text = NULL;
  size_t len = 0, cap = 0;
  for (;;) {
    if (len + 4096 + 1 > cap) {
      cap = cap ? 2 * cap : 65536;
      char *t = gg_malloc(cap);
      if (!t) {
        gg_free(text);
        fclose(f);
        return 2;
      }
      if (len) memcpy(t, text, len);
      gg_free(text);
      text = t;
    }
    size_t got = fread(text + len, 1, 4096, f);
    len += got;
    if (got < 4096) break;
  }
  fclose(f);
  text[len] = '\0';
  cJSON *root = cJSON_ParseWithLength(text, len);
  gg_free(text);
  int state = 2;
  const cJSON *s = cJSON_GetObjectItemCaseSensitive(root, "sweep");
  const cJSON *h = cJSON_GetObjectItemCaseSensitive(s, "hash");
  const cJSON *k = cJSON_GetObjectItemCaseSensitive(s, "key");
  const cJSON *st = cJSON_GetObjectItemCaseSensitive(root, "status");
  if (cJSON_IsString(h) && cJSON_IsString(k) && cJSON_IsString(st) &&
      strcmp(h->valuestring, sw->hash_hex) == 0 && strcmp(k->valuestring, sw->key) == 0)
    state = strcmp(st->valuestring, "complete") == 0 ? 1 : 0;
  cJSON_Delete(root);
  return state;
}

/* Remove the temporary files that a killed process left: in blocks/ all of
   them, in the output folder only those of the sweep's own files. */
static void sweep_clean_tmp(const char *dir, int all) {
  static const char *const own[] = {"design.csv.tmp.",
                                    "runs.csv.tmp.",
                                    "summary.csv.tmp.",
                                    "trajectories.csv.tmp.",
                                    "manifest.json.tmp.",
                                    "indices.csv.tmp.",
                                    "indices2.csv.tmp.",
                                    "trajectories_stocks.csv.tmp.",
                                    "trajectories_indicators.csv.tmp.",
                                    "trajectories_ties.csv.tmp."};
  DIR *d = opendir(dir);
  if (!d) return;
  struct dirent *e;
  char path[4200];
  while ((e = readdir(d)) != NULL) {
    int match = all && strstr(e->d_name, ".tmp.") != NULL;
    for (size_t i = 0; !all && i < sizeof own / sizeof own[0]; i++)
      match |= strncmp(e->d_name, own[i], strlen(own[i])) == 0;
    if (match && snprintf(path, sizeof path, "%s/%s", dir, e->d_name) < (int)sizeof path)
      remove(path);
  }
  closedir(d);
}

int gga_sweep_mine(const sweep *sw, long b) {
  return sw->o.shard_count <= 0 || b % sw->o.shard_count == sw->o.shard_index;
}

long gga_sweep_block_runs(const sweep *sw, long b) {
  long first = b * sw->o.block_runs, last = first + sw->o.block_runs;
  return (last > sw->runs ? sw->runs : last) - first;
}

int gga_sweep_prepare(sweep *sw, gg_error *err) {
  const char *out = sw->o.out;
  char blockdir[4200];
  snprintf(blockdir, sizeof blockdir, "%s/blocks", out);
  sw->error = 0;
  sw->fault = -1;
  int state = gga_sweep_manifest_state(sw, out);
  if (state >= 0 && !sw->o.resume) {
    gg_err_set(err,
               "out %s: already holds results (set resume to finish an interrupted sweep, force "
               "to start over, or use another folder)",
               out);
    sw->error = GG_SWEEP_ERR_OUT_HOLDS_RESULTS;
    return -1;
  }
  if (state == 2) {
    gg_err_set(err,
               "resume: %.700s/manifest.json was written by a different sweep (scenario, sets, "
               "params, design, samples, replicates, metrics or engine differ); refusing to mix "
               "results",
               out);
    sw->error = GG_SWEEP_ERR_OUT_OTHER_SWEEP;
    return -1;
  }
  if (state == 1) {
    sw->was_complete = 1;
    return 0;
  }
  /* The manifest first: a folder with blocks/ is always marked as this
     sweep's, so that a resume recognises it. */
  if (state < 0 && (gga_outdir_make(out, err) != 0 ||
                    gga_sweep_write_manifest(sw, "running", NULL, NULL, err) != 0))
    return -1;
  if (mkdir(blockdir, 0777) != 0 && errno != EEXIST) {
    gg_err_set(err, "%.900s: cannot create: %s", blockdir, strerror(errno));
    return -1;
  }
  sweep_clean_tmp(blockdir, 1);
  if (state == 0) sweep_clean_tmp(out, 0);
  return 0;
}

int gga_sweep_run_mine(sweep *sw, gg_error *err) {
  sw->error = 0;
  sw->fault = -1;
  char blockdir[4200];
  snprintf(blockdir, sizeof blockdir, "%s/blocks", sw->o.out);
  unsigned char *done = gg_calloc((size_t)sw->blocks, 1);
  if (!done) {
    gg_err_set(err, "sweep: out of memory");
    return -1;
  }
  char name[64], path[4300];
  for (long b = 0; b < sw->blocks; b++) {
    if (!gga_sweep_mine(sw, b)) continue;
    gga_sweep_block_name(name, sizeof name, b, "csv");
    snprintf(path, sizeof path, "%s/%s", blockdir, name);
    if (access(path, F_OK) != 0) continue;
    if (gga_sweep_block_valid(sw, path, b)) {
      done[b] = 1;
      sw->blocks_reused++;
    } else {
      remove(path); /* torn or foreign: redo it */
    }
  }
  int rc = gga_sweep_run_blocks(sw, blockdir, done, err);
  gg_free(done);
  return rc != 0 ? -1 : 0;
}

int gga_sweep_finish(sweep *sw, gg_error *err) {
  sw->error = 0;
  sw->fault = -1;
  char blockdir[4200];
  snprintf(blockdir, sizeof blockdir, "%s/blocks", sw->o.out);
  /* The folder must still be this sweep's: its manifest names the hash that
     every block is checked against. */
  int state = gga_sweep_manifest_state(sw, sw->o.out);
  if (state != 0 && state != 1) {
    gg_err_set(err, "%.900s/manifest.json: %s; refusing to mix results", sw->o.out,
               state < 0 ? "missing (the folder is no longer this sweep's)"
                         : "now written by another sweep");
    return -1;
  }
  gga_outset set;
  gga_outset_begin(&set, sw->o.out, sw->o.temp_file, sw->o.hook_ctx);
  set.keep_old_manifest = 1; /* it says "running": replaced in one rename */
  char finished[64] = "";
  if (sw->o.now) sw->o.now(sw->o.hook_ctx, finished, sizeof finished);
  size_t sclen;
  const char *sctext = gg_scenario_text(sw->o.sc, &sclen);
  if (gga_outset_write(&set, "scenario.json", sctext, sclen, err) != 0 ||
      gga_sweep_write_design(sw, &set, err) != 0 ||
      gga_sweep_assemble(sw, blockdir, &set, err) != 0 ||
      gga_sweep_write_manifest(sw, "complete", finished, &set, err) != 0) {
    gga_outset_abort(&set);
    return -1;
  }
  if (gga_outset_commit(&set, err) != 0) return -1;
  if (!sw->o.keep_blocks) {
    char name[64], path[4300];
    for (long b = 0; b < sw->blocks; b++) {
      gga_sweep_block_name(name, sizeof name, b, "csv");
      snprintf(path, sizeof path, "%s/%s", blockdir, name);
      remove(path);
      gga_sweep_block_name(name, sizeof name, b, "traj");
      snprintf(path, sizeof path, "%s/%s", blockdir, name);
      remove(path);
    }
    rmdir(blockdir);
  }
  return 0;
}

int gga_sweep_execute(sweep *sw, gg_error *err) {
  if (gga_sweep_prepare(sw, err) != 0) return -1;
  if (sw->was_complete) return 0;
  if (gga_sweep_run_mine(sw, err) != 0) return -1;
  return gga_sweep_finish(sw, err);
}
