/* One run of a finished sweep, rebuilt from its folder (gg_sweep_replay):
   the options that manifest.json records in the command's syntax and
   scenario.json make the same sweep again (its hash must be the one the
   manifest names), and the run's scenario and seed come from the same code
   that ran it. */
#include "gg_util.h"
#include "sweep_api.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* DIR/manifest.json parsed, or NULL with err. */
static cJSON *replay_manifest(const char *dir, gg_error *err) {
  char path[4200];
  snprintf(path, sizeof path, "%s/manifest.json", dir);
  FILE *f = fopen(path, "rb");
  if (!f) {
    gg_err_set(err, "%.900s: cannot open: %s", path, strerror(errno));
    return NULL;
  }
  size_t cap = 65536, n = 0;
  char *buf = gg_malloc(cap);
  while (buf) {
    n += fread(buf + n, 1, cap - n - 1, f);
    if (n + 1 < cap) break;
    char *t = gg_malloc(cap * 2);
    if (t) memcpy(t, buf, n);
    gg_free(buf);
    buf = t;
    cap *= 2;
  }
  fclose(f);
  if (!buf) {
    gg_err_set(err, "%.900s: out of memory", path);
    return NULL;
  }
  cJSON *root = cJSON_ParseWithLength(buf, n);
  gg_free(buf);
  if (!root) gg_err_set(err, "%.900s: not JSON", path);
  return root;
}

int gg_sweep_replay(const char *dir, long sample, long replicate, gg_scenario **sc, uint64_t *seed,
                    gg_error *err) {
  *sc = NULL;
  cJSON *m = replay_manifest(dir, err);
  if (!m) return -1;
  int rc = -1;
  gga_sweep_args *a = NULL;
  gg_scenario *base = NULL;
  gg_sweep *s = NULL;
  const char **args = NULL;
  const cJSON *kind = cJSON_GetObjectItemCaseSensitive(m, "kind");
  const cJSON *status = cJSON_GetObjectItemCaseSensitive(m, "status");
  const cJSON *sw = cJSON_GetObjectItemCaseSensitive(m, "sweep");
  const cJSON *design = cJSON_GetObjectItemCaseSensitive(sw, "design");
  const cJSON *hash = cJSON_GetObjectItemCaseSensitive(sw, "hash");
  const cJSON *rec = cJSON_GetObjectItemCaseSensitive(sw, "args");
  if (!cJSON_IsString(kind) ||
      (strcmp(kind->valuestring, "sweep") != 0 && strcmp(kind->valuestring, "sensitivity") != 0) ||
      !cJSON_IsString(hash) || !cJSON_IsString(design)) {
    gg_err_set(err, "%.900s/manifest.json: not the manifest of a sweep", dir);
    goto done;
  }
  if (!cJSON_IsString(status) || strcmp(status->valuestring, "complete") != 0) {
    gg_err_set(err, "%.900s: the sweep is not finished", dir);
    goto done;
  }
  if (gga_design_parse(design->valuestring) > DESIGN_SOBOL) {
    gg_err_set(err,
               "%.900s: a sensitivity analysis (%s design); only a sweep's runs can be "
               "repeated on their own",
               dir, design->valuestring);
    goto done;
  }
  if (!cJSON_IsArray(rec)) {
    gg_err_set(err, "%.900s/manifest.json: records no options (written by an older greatgame)",
               dir);
    goto done;
  }
  int n = cJSON_GetArraySize(rec), k = 0;
  args = gg_calloc((size_t)(n > 0 ? n : 1), sizeof(char *));
  a = gg_malloc(sizeof *a);
  if (!args || !a) {
    gg_err_set(err, "sweep: out of memory");
    goto done;
  }
  for (const cJSON *x = rec->child; x; x = x->next)
    args[k++] = cJSON_IsString(x) ? x->valuestring : "";
  gg_error e;
  if (gga_sweep_args_parse(a, args, n, &e) != 0) {
    gg_err_set(err, "%.900s/manifest.json: args: %.600s", dir, e.msg);
    goto done;
  }
  char path[4200];
  snprintf(path, sizeof path, "%s/scenario.json", dir);
  base = gg_scenario_load(path, err);
  if (!base) goto done;
  gg_sweep_options o = a->o;
  o.scenario = base;
  o.out = dir; /* not touched: create only sets the sweep up */
  o.threads = 1;
  gg_sweep_result r;
  s = gg_sweep_create(&o, &r, &e);
  if (!s) {
    gg_err_set(err, "%.900s: its options do not rebuild the sweep: %.600s", dir, e.msg);
    goto done;
  }
  if (strcmp(s->sw.hash_hex, hash->valuestring) != 0) {
    gg_err_set(err,
               "%.900s: scenario.json and the recorded options rebuild a sweep of hash %s, not "
               "%s (another engine version, or edited files)",
               dir, s->sw.hash_hex, hash->valuestring);
    goto done;
  }
  if (sample < 0 || sample >= s->sw.ds.n) {
    gg_err_set(err, "sample %ld: the sweep has samples 0 to %ld", sample, s->sw.ds.n - 1);
    goto done;
  }
  if (replicate < 0 || replicate >= s->sw.o.replicates) {
    gg_err_set(err, "replicate %ld: the sweep has replicates 0 to %d", replicate,
               s->sw.o.replicates - 1);
    goto done;
  }
  /* As the sweep's worker sets a sample up (sweep_block.c). */
  const gg_scenario *from =
      s->sw.o.nvariants > 0 ? s->sw.o.variants[gga_sweep_variant(&s->sw, sample)] : s->sw.o.sc;
  *sc = gg_scenario_clone(from);
  if (!*sc) {
    gg_err_set(err, "sweep: out of memory");
    goto done;
  }
  for (int j = 0; j < s->sw.o.nparams; j++) {
    if (gg_scenario_set(*sc, s->sw.o.params[j].path, gga_sweep_value(&s->sw, sample, j), &e) < 0) {
      gg_err_set(err, "sample %ld: cannot set %.600s (the run failed in the sweep too)", sample,
                 e.msg);
      gg_scenario_free(*sc);
      *sc = NULL;
      goto done;
    }
  }
  uint64_t slot = s->sw.o.independent_seeds ? (uint64_t)sample : 0u;
  *seed = gg_seed_derive(gg_scenario_seed(*sc), slot, (uint64_t)replicate);
  rc = 0;
done:
  gg_sweep_free(s);
  gg_scenario_free(base);
  gg_free(a);
  gg_free(args);
  cJSON_Delete(m);
  return rc;
}
