/* Shard specs and the shard.json of a shard folder. */
#include "shard.h"

#include "gg_util.h"
#include "outfile.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A whole number from 0 to 2^31 - 1 and nothing else. */
static int shard_number(const char *text, long *out) {
  if (!text || text[0] < '0' || text[0] > '9') return -1;
  char *end;
  errno = 0;
  long v = strtol(text, &end, 10);
  if (errno != 0 || *end != '\0' || v > 2147483647L) return -1;
  *out = v;
  return 0;
}

static int shard_env(const char *(*get)(const char *), const char *name, long *out, gg_error *err) {
  const char *v = get(name);
  if (!v || !v[0]) {
    gg_err_set(err, "shard auto: %s is not set (run inside a Slurm array job, or give I/N)", name);
    return -1;
  }
  if (shard_number(v, out) != 0) {
    gg_err_set(err, "shard auto: %s=%.100s is not a whole number", name, v);
    return -1;
  }
  return 0;
}

int gga_shard_parse(const char *text, const char *(*get)(const char *name), int *index, int *count,
                    gg_error *err) {
  long i, n;
  if (strcmp(text, "auto") == 0) {
    long id, min, step;
    if (shard_env(get, "SLURM_ARRAY_TASK_ID", &id, err) != 0 ||
        shard_env(get, "SLURM_ARRAY_TASK_MIN", &min, err) != 0 ||
        shard_env(get, "SLURM_ARRAY_TASK_STEP", &step, err) != 0 ||
        shard_env(get, "SLURM_ARRAY_TASK_COUNT", &n, err) != 0)
      return -1;
    if (step < 1 || n < 1 || id < min || (id - min) % step != 0 || (id - min) / step >= n) {
      gg_err_set(err,
                 "shard auto: SLURM_ARRAY_TASK_ID=%ld is not one of the %ld tasks from "
                 "SLURM_ARRAY_TASK_MIN=%ld in steps of SLURM_ARRAY_TASK_STEP=%ld (use an array "
                 "such as --array=0-%ld, or I/N)",
                 id, n, min, step, n > 0 ? n - 1 : 0);
      return -1;
    }
    i = (id - min) / step;
  } else {
    const char *slash = strchr(text, '/');
    char head[32];
    size_t hl = slash ? (size_t)(slash - text) : 0;
    if (!slash || hl == 0 || hl >= sizeof head) {
      gg_err_set(err, "shard %.100s: expected I/N (0 <= I < N) or auto", text);
      return -1;
    }
    memcpy(head, text, hl);
    head[hl] = '\0';
    if (shard_number(head, &i) != 0 || shard_number(slash + 1, &n) != 0) {
      gg_err_set(err, "shard %.100s: expected I/N (0 <= I < N) or auto", text);
      return -1;
    }
    if (n < 1 || i >= n) {
      gg_err_set(err, "shard %.100s: expected I/N with 0 <= I < N and N >= 1", text);
      return -1;
    }
  }
  *index = (int)i;
  *count = (int)n;
  return 0;
}

int gga_shard_write(const char *dir, const shard_info *si, gg_error *err) {
  cJSON *root = cJSON_CreateObject();
  cJSON_AddStringToObject(root, "greatgame", gg_version());
  cJSON_AddStringToObject(root, "kind", "sweep-shard");
  cJSON_AddStringToObject(root, "status", si->complete ? "complete" : "running");
  cJSON_AddNumberToObject(root, "shard", si->index);
  cJSON_AddNumberToObject(root, "shards", si->count);
  cJSON_AddStringToObject(root, "hash", si->hash);
  cJSON_AddNumberToObject(root, "blocks", (double)si->blocks);
  cJSON_AddNumberToObject(root, "shard_blocks", (double)si->shard_blocks);
  cJSON_AddStringToObject(root, "scenario", "scenario.json");
  cJSON *a = cJSON_AddArrayToObject(root, "args");
  for (int k = 0; k < si->nargs; k++)
    cJSON_AddItemToArray(a, cJSON_CreateString(si->args[k]));
  char *text = cJSON_Print(root);
  cJSON_Delete(root);
  if (!text) {
    gg_err_set(err, "%.900s/shard.json: out of memory", dir);
    return -1;
  }
  int rc = gg_outfile_write_json(dir, "shard.json", text, err);
  cJSON_free(text);
  return rc;
}

static int shard_get_long(const cJSON *root, const char *key, long lo, long *out) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, key);
  if (!cJSON_IsNumber(v) || v->valuedouble < (double)lo || v->valuedouble > 1e15 ||
      v->valuedouble != (double)(long)v->valuedouble)
    return -1;
  *out = (long)v->valuedouble;
  return 0;
}

int gga_shard_read(const char *dir, shard_info *si, gg_error *err) {
  memset(si, 0, sizeof *si);
  char path[4200];
  snprintf(path, sizeof path, "%s/shard.json", dir);
  size_t len = 0;
  if (access(path, F_OK) != 0 && errno == ENOENT) return 0;
  char *text = gg_read_file(path, &len, err);
  if (!text) return -1;
  cJSON *root = cJSON_ParseWithLength(text, len);
  gg_free(text);
  const cJSON *kind = cJSON_GetObjectItemCaseSensitive(root, "kind");
  const cJSON *status = cJSON_GetObjectItemCaseSensitive(root, "status");
  const cJSON *hash = cJSON_GetObjectItemCaseSensitive(root, "hash");
  const cJSON *args = cJSON_GetObjectItemCaseSensitive(root, "args");
  long index, count, blocks, sblocks;
  if (!cJSON_IsString(kind) || strcmp(kind->valuestring, "sweep-shard") != 0 ||
      !cJSON_IsString(status) || !cJSON_IsString(hash) || strlen(hash->valuestring) != 16 ||
      !cJSON_IsArray(args) || cJSON_GetArraySize(args) > SHARD_MAX_ARGS ||
      shard_get_long(root, "shard", 0, &index) != 0 ||
      shard_get_long(root, "shards", 1, &count) != 0 || index >= count || count > 2147483647L ||
      shard_get_long(root, "blocks", 0, &blocks) != 0 ||
      shard_get_long(root, "shard_blocks", 0, &sblocks) != 0) {
    cJSON_Delete(root);
    gg_err_set(err, "%.900s: not the shard.json of a greatgame sweep shard", path);
    return -1;
  }
  si->index = (int)index;
  si->count = (int)count;
  si->blocks = blocks;
  si->shard_blocks = sblocks;
  si->complete = strcmp(status->valuestring, "complete") == 0;
  snprintf(si->hash, sizeof si->hash, "%s", hash->valuestring);
  int n = cJSON_GetArraySize(args);
  si->args = gg_calloc((size_t)(n ? n : 1), sizeof(char *));
  int ok = si->args != NULL;
  for (int k = 0; ok && k < n; k++) {
    const cJSON *a = cJSON_GetArrayItem(args, k);
    ok = cJSON_IsString(a) && (si->args[k] = gg_strdup(a->valuestring)) != NULL;
    if (ok) si->nargs++;
  }
  cJSON_Delete(root);
  if (!ok) {
    gga_shard_info_free(si);
    gg_err_set(err, "%.900s: malformed args (or out of memory)", path);
    return -1;
  }
  return 1;
}

void gga_shard_info_free(shard_info *si) {
  for (int k = 0; k < si->nargs; k++)
    gg_free(si->args[k]);
  gg_free(si->args);
  memset(si, 0, sizeof *si);
}

int gga_shard_write_scenario(const char *dir, const gg_scenario *sc, gg_error *err) {
  size_t len;
  const char *text = gg_scenario_text(sc, &len);
  return gg_outfile_write(dir, "scenario.json", text, len, err);
}
