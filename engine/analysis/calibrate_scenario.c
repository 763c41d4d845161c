/* The calibrated scenario: the original JSON with the fitted values written
   at their parameter paths. The helpers return 0, -1 when the path does not
   fit the document, or CAL_ENOMEM. */
#include "calibrate.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define CAL_SEGMENTS 8

static int cal_split_path(char *buf, char **seg) {
  int n = 0;
  char *save = NULL;
  for (char *t = strtok_r(buf, ".", &save); t; t = strtok_r(NULL, ".", &save)) {
    if (n == CAL_SEGMENTS) return -1;
    seg[n++] = t;
  }
  return n;
}

/* Replacing or adding an item fails only when cJSON cannot copy the key. */
static int cal_set_number(cJSON *obj, const char *key, double v) {
  cJSON *num = cJSON_CreateNumber(v);
  if (!num) return CAL_ENOMEM;
  if (cJSON_GetObjectItemCaseSensitive(obj, key)) {
    if (!cJSON_ReplaceItemInObjectCaseSensitive(obj, key, num)) {
      cJSON_Delete(num);
      return CAL_ENOMEM;
    }
  } else if (!cJSON_AddItemToObject(obj, key, num)) {
    cJSON_Delete(num);
    return CAL_ENOMEM;
  }
  return 0;
}

static int cal_child_object(cJSON *obj, const char *key, cJSON **out) {
  cJSON *c = cJSON_GetObjectItemCaseSensitive(obj, key);
  if (c) {
    *out = c;
    return cJSON_IsObject(c) ? 0 : -1;
  }
  *out = cJSON_AddObjectToObject(obj, key);
  return *out ? 0 : CAL_ENOMEM;
}

/* A power without `priority` gives every state 1: write that out before
   changing one state's priority, so the others keep theirs. */
static int cal_fill_priority(cJSON *root, cJSON *power) {
  if (cJSON_GetObjectItemCaseSensitive(power, "priority")) return 0;
  cJSON *states = cJSON_GetObjectItemCaseSensitive(root, "states");
  if (!cJSON_IsArray(states)) return -1;
  cJSON *pri = cJSON_AddObjectToObject(power, "priority");
  if (!pri) return CAL_ENOMEM;
  cJSON *s;
  cJSON_ArrayForEach(s, states) {
    cJSON *id = cJSON_GetObjectItemCaseSensitive(s, "id");
    if (!cJSON_IsString(id)) return -1;
    if (!cJSON_AddNumberToObject(pri, id->valuestring, 1.0)) return CAL_ENOMEM;
  }
  return 0;
}

/* Set keys seg[0..n-1] below obj, creating objects on the way. */
static int cal_set_nested(cJSON *obj, char **seg, int n, double v) {
  for (int i = 0; i < n - 1; i++) {
    int rc = cal_child_object(obj, seg[i], &obj);
    if (rc != 0) return rc;
  }
  return cal_set_number(obj, seg[n - 1], v);
}

static int cal_set_path(cJSON *root, const char *path, double v) {
  char buf[CAL_PATH_MAX];
  char *seg[CAL_SEGMENTS];
  if (strlen(path) >= sizeof buf) return -1;
  strcpy(buf, path);
  int n = cal_split_path(buf, seg);
  if (n < 1) return -1;
  static const char *const lists[] = {"states", "powers", "channels", "blocs"};
  int is_list = 0;
  for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
    is_list |= strcmp(seg[0], lists[i]) == 0;
  if (!is_list) return cal_set_nested(root, seg, n, v);
  if (n < 3) return -1;
  cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, seg[0]);
  if (!cJSON_IsArray(arr)) return -1;
  int hits = 0;
  cJSON *item;
  cJSON_ArrayForEach(item, arr) {
    cJSON *id = cJSON_GetObjectItemCaseSensitive(item, "id");
    if (!cJSON_IsString(id)) continue;
    if (strcmp(seg[1], "*") != 0 && strcmp(seg[1], id->valuestring) != 0) continue;
    if (strcmp(seg[0], "powers") == 0 && strcmp(seg[2], "priority") == 0) {
      int rc = cal_fill_priority(root, item);
      if (rc != 0) return rc;
    }
    if (strcmp(seg[2], "*") == 0 || (n > 3 && strcmp(seg[n - 1], "*") == 0)) return -1;
    int rc = cal_set_nested(item, seg + 2, n - 2, v);
    if (rc != 0) return rc;
    hits++;
  }
  return hits > 0 ? 0 : -1;
}

int gga_cal_scenario_write(const char *json, const cal_param *params, const double *x, int p,
                           uint64_t seed, char **out, gg_error *err) {
  *out = NULL;
  cJSON *root = cJSON_Parse(json);
  if (!root) {
    gg_err_set(err, "calibrate: the scenario's JSON could not be re-read");
    return -3;
  }
  for (int j = 0; j < p; j++) {
    int rc = cal_set_path(root, params[j].path, x[j]);
    if (rc == CAL_ENOMEM) {
      gg_err_set(err, "calibrate: out of memory");
    } else if (rc != 0) {
      gg_err_set(err, "%s: the fitted value could not be written into the scenario",
                 params[j].path);
    }
    if (rc != 0) {
      cJSON_Delete(root);
      return rc == CAL_ENOMEM ? CAL_ENOMEM : -1;
    }
  }
  if (cJSON_GetObjectItemCaseSensitive(root, "seed")) {
    char digits[32];
    snprintf(digits, sizeof digits, "%" PRIu64, seed);
    cJSON *raw = cJSON_CreateRaw(digits);
    if (!raw || !cJSON_ReplaceItemInObjectCaseSensitive(root, "seed", raw)) {
      cJSON_Delete(raw);
      cJSON_Delete(root);
      gg_err_set(err, "calibrate: out of memory");
      return CAL_ENOMEM;
    }
  }
  char *text = cJSON_Print(root);
  cJSON_Delete(root);
  if (!text) {
    gg_err_set(err, "calibrate: out of memory");
    return CAL_ENOMEM;
  }
  /* hand back memory the caller frees with gg_free, with a final newline */
  size_t len = strlen(text);
  *out = gg_malloc(len + 2);
  if (*out) {
    memcpy(*out, text, len);
    (*out)[len] = '\n';
    (*out)[len + 1] = '\0';
  }
  cJSON_free(text);
  if (!*out) {
    gg_err_set(err, "calibrate: out of memory");
    return CAL_ENOMEM;
  }
  return 0;
}

int gg_calibrate_scenario_json(const gg_scenario *sc, const gg_calibrate_param *params,
                               const double *values, int n, uint64_t seed, char **out,
                               gg_error *err) {
  *out = NULL;
  if (!sc || n < 0 || (n > 0 && (!params || !values))) {
    gg_err_set(err, "calibrate: no scenario or values");
    return -1;
  }
  return gga_cal_scenario_write(gg_scenario_text(sc, NULL), params, values, n, seed, out, err) == 0
             ? 0
             : -1;
}
