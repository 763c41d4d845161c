/* Helpers of the scenario loader. */
#include "load_util.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const gg_param_def ggl_ld_stock_def = {
    {"stock", "", "", 0, 1e15, 0, 0, 0, 0, 0}, GG_P_COUNT, 0, 0, "", 0};
const gg_param_def ggl_ld_neighbour_def = {
    {"neighbour", "", "", 0, 1e12, 0, 0, 0, 0, 0}, GG_P_COUNT, 0, 0, "", 0};

int ggl_ld_fail(ld *L, const char *path, const char *fmt, ...) {
  char msg[700];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  char file[300];
  gg_err_clean(file, sizeof file, L->file, 250);
  gg_err_set(L->err, "%s: %s: %s", file, path, msg);
  return -1;
}

int ggl_ld_oom(ld *L) {
  char file[300];
  gg_err_clean(file, sizeof file, L->file, 250);
  gg_err_set(L->err, "%s: out of memory while loading", file);
  return -1;
}

const char *ggl_ld_describe(const cJSON *item, char *buf, size_t size) {
  if (!item)
    snprintf(buf, size, "nothing");
  else if (cJSON_IsString(item)) {
    char c[60];
    gg_err_clean(c, sizeof c, item->valuestring, 40);
    snprintf(buf, size, "the string \"%s\"", c);
  } else if (cJSON_IsNumber(item))
    snprintf(buf, size, "%.17g", item->valuedouble);
  else if (cJSON_IsTrue(item))
    snprintf(buf, size, "true");
  else if (cJSON_IsFalse(item))
    snprintf(buf, size, "false");
  else if (cJSON_IsNull(item))
    snprintf(buf, size, "null");
  else if (cJSON_IsArray(item)) {
    int n = cJSON_GetArraySize(item), nums = 0;
    for (const cJSON *c = item->child; c; c = c->next)
      nums += cJSON_IsNumber(c);
    if (n == 0)
      snprintf(buf, size, "an empty array");
    else if (nums == n)
      snprintf(buf, size, "an array of %d number%s", n, n == 1 ? "" : "s");
    else
      snprintf(buf, size, "an array of %d item%s", n, n == 1 ? "" : "s");
  } else
    snprintf(buf, size, "an object");
  return buf;
}

int ggl_ld_type(ld *L, const char *path, const cJSON *item, const char *expected) {
  char d[100];
  return ggl_ld_fail(L, path, "expected %s, got %s", expected, ggl_ld_describe(item, d, sizeof d));
}

static int plain_key(const char *k) {
  if (!isalpha((unsigned char)k[0]) && k[0] != '_') return 0;
  for (const char *c = k; *c; c++)
    if (!isalnum((unsigned char)*c) && *c != '_' && *c != '-') return 0;
  return 1;
}

void ggl_ld_index(char *out, const char *base, int i) {
  snprintf(out, LD_PATH, "%s[%d]", base, i);
}

void ggl_ld_key(char *out, const char *base, const char *key) {
  if (plain_key(key) && strlen(key) < 100) {
    snprintf(out, LD_PATH, "%s.%s", base, key);
  } else {
    char c[140];
    gg_err_clean(c, sizeof c, key, 80);
    snprintf(out, LD_PATH, "%s[\"%s\"]", base, c);
  }
}

unsigned ggl_ld_hash(const char *s) {
  unsigned h = 2166136261u;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

int ggl_ld_check_id(ld *L, const char *path, const char *id) {
  char c[80];
  gg_err_clean(c, sizeof c, id, 60);
  int ok = isalpha((unsigned char)id[0]) != 0;
  for (const char *p = id; ok && *p; p++)
    ok = isalnum((unsigned char)*p) || *p == '_' || *p == '-';
  if (!ok || (unsigned char)id[0] >= 0x80)
    return ggl_ld_fail(
        L, path, "invalid id \"%s\" (expected a letter, then letters, digits, '_' or '-')", c);
  if (strlen(id) > 64) return ggl_ld_fail(L, path, "id \"%s\" is longer than 64 characters", c);
  if (strcmp(id, "autonomy") == 0)
    return ggl_ld_fail(L, path,
                       "the id \"autonomy\" is reserved (it names the non-aligned component)");
  return 0;
}

const char *ggl_closest(const char *word, const char *const *names, int n) {
  const char *best = NULL;
  int bestd = 99;
  size_t wl = strlen(word);
  int limit = wl <= 3 ? 1 : wl <= 6 ? 2 : 3;
  for (int i = 0; i < n; i++) {
    int d = gg_edit_distance(word, names[i]);
    if (d < bestd) {
      bestd = d;
      best = names[i];
    }
  }
  return bestd <= limit ? best : NULL;
}

int ggl_ld_keys(ld *L, const cJSON *obj, const char *path, const char **allowed, int n) {
  for (const cJSON *it = obj->child; it; it = it->next) {
    int ok = 0;
    for (int i = 0; i < n && !ok; i++)
      ok = strcmp(it->string, allowed[i]) == 0;
    if (ok) continue;
    char p[LD_PATH], c[100];
    ggl_ld_key(p, path, it->string);
    gg_err_clean(c, sizeof c, it->string, 60);
    const char *near = ggl_closest(it->string, allowed, n);
    if (near) return ggl_ld_fail(L, p, "unknown key \"%s\"; did you mean \"%s\"?", c, near);
    char list[400] = "";
    for (int i = 0; i < n; i++) {
      size_t l = strlen(list);
      snprintf(list + l, sizeof list - l, "%s%s", i ? ", " : "", allowed[i]);
    }
    return ggl_ld_fail(L, p, "unknown key \"%s\" (expected one of: %s)", c, list);
  }
  return 0;
}

static int cmp_names(const void *a, const void *b) {
  const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
  return strcmp(x->string, y->string);
}

int ggl_ld_duplicates(ld *L, const cJSON *item, const char *path) {
  if (!cJSON_IsObject(item) && !cJSON_IsArray(item)) return 0;
  int n = cJSON_GetArraySize(item);
  if (cJSON_IsObject(item) && n > 1) {
    const cJSON **kids = gg_calloc((size_t)n, sizeof *kids);
    if (!kids) return ggl_ld_oom(L);
    int i = 0;
    for (const cJSON *it = item->child; it; it = it->next)
      kids[i++] = it;
    qsort(kids, (size_t)n, sizeof *kids, cmp_names);
    for (i = 1; i < n; i++)
      if (strcmp(kids[i]->string, kids[i - 1]->string) == 0) {
        char p[LD_PATH], c[100];
        ggl_ld_key(p, path, kids[i]->string);
        gg_err_clean(c, sizeof c, kids[i]->string, 60);
        gg_free(kids);
        return ggl_ld_fail(L, p, "key \"%s\" appears twice in the same object", c);
      }
    gg_free(kids);
  }
  int i = 0;
  for (const cJSON *it = item->child; it; it = it->next, i++) {
    char p[LD_PATH];
    if (cJSON_IsArray(item))
      ggl_ld_index(p, path, i);
    else
      ggl_ld_key(p, path, it->string);
    if (ggl_ld_duplicates(L, it, p)) return -1;
  }
  return 0;
}

int ggl_ld_enum(ld *L, const cJSON *obj, const char *key, const char *path, const char **names,
                int n, int def, int *out) {
  const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
  char list[200] = "";
  for (int i = 0; i < n; i++) {
    size_t l = strlen(list);
    snprintf(list + l, sizeof list - l, "%s\"%s\"", i ? (i == n - 1 ? " or " : ", ") : "",
             names[i]);
  }
  if (!it) {
    if (def < 0) return ggl_ld_fail(L, path, "missing (one of %s)", list);
    *out = def;
    return 0;
  }
  if (!cJSON_IsString(it))
    return ggl_ld_fail(L, path, "expected one of %s, got %s", list,
                       ggl_ld_describe(it, L->scratch, sizeof L->scratch));
  for (int i = 0; i < n; i++)
    if (strcmp(it->valuestring, names[i]) == 0) {
      *out = i;
      return 0;
    }
  const char *near = ggl_closest(it->valuestring, names, n);
  char c[80];
  gg_err_clean(c, sizeof c, it->valuestring, 40);
  if (near)
    return ggl_ld_fail(L, path, "expected one of %s, got \"%s\"; did you mean \"%s\"?", list, c,
                       near);
  return ggl_ld_fail(L, path, "expected one of %s, got \"%s\"", list, c);
}

int ggl_ld_string(ld *L, const cJSON *obj, const char *key, const char *base, char **out,
                  int required) {
  char p[LD_PATH];
  ggl_ld_key(p, base, key);
  const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
  if (!it) {
    if (required) return ggl_ld_fail(L, p, "missing (a string)");
    return 0;
  }
  if (!cJSON_IsString(it)) return ggl_ld_type(L, p, it, "a string");
  gg_free(*out);
  *out = gg_strdup(it->valuestring);
  if (!*out) return ggl_ld_oom(L);
  return 1;
}

int ggl_ld_number(ld *L, const cJSON *obj, const char *key, const char *path, double *out,
                  int required) {
  const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
  if (!it) {
    if (required) return ggl_ld_fail(L, path, "missing (a number)");
    return 0;
  }
  if (!cJSON_IsNumber(it)) return ggl_ld_type(L, path, it, "a number");
  if (!isfinite(it->valuedouble))
    return ggl_ld_fail(L, path, "expected a finite number, got a number too large for a double");
  *out = it->valuedouble;
  return 1;
}

int ggl_ld_check_param(ld *L, const char *path, double v, const gg_param_def *d) {
  if (gg_param_in_range(d, v)) return 0;
  char r[200], num[40];
  gg_param_range_text(d, r, sizeof r);
  return ggl_ld_fail(L, path, "must be %s, got %s", r, gg_fmt_num(num, sizeof num, v));
}

int ggl_ld_value(ld *L, const cJSON *item, const char *path, const gg_param_def *d, double *out) {
  if (!cJSON_IsNumber(item)) return ggl_ld_type(L, path, item, "a number");
  if (!isfinite(item->valuedouble))
    return ggl_ld_fail(L, path, "expected a finite number, got a number too large for a double");
  if (ggl_ld_check_param(L, path, item->valuedouble, d)) return -1;
  *out = item->valuedouble;
  return 0;
}

int ggl_ld_param(ld *L, const cJSON *obj, const char *key, const char *path, const gg_param_def *d,
                 double *out, int required) {
  const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
  if (!it) {
    if (required) return ggl_ld_fail(L, path, "missing (a number)");
    return 0;
  }
  return ggl_ld_value(L, it, path, d, out) ? -1 : 1;
}

int ggl_ld_lookup(const gg_scenario *sc, ld_kind kind, const char *id) {
  switch (kind) {
  case LD_CHANNEL:
    return gg_channel_index(sc, id);
  case LD_POWER:
    return gg_power_index(sc, id);
  case LD_STATE:
    return gg_state_index(sc, id);
  case LD_BLOC:
    for (int b = 0; b < sc->B; b++)
      if (strcmp(sc->bloc_id[b], id) == 0) return b;
    return -1;
  }
  return -1;
}

static const char *kind_name(ld_kind k) {
  static const char *names[] = {"channel", "power", "state", "bloc"};
  return names[k];
}

static char **kind_ids(const gg_scenario *sc, ld_kind k, int *n) {
  switch (k) {
  case LD_CHANNEL:
    *n = sc->C;
    return sc->channel_id;
  case LD_POWER:
    *n = sc->P;
    return sc->power_id;
  case LD_STATE:
    *n = sc->S;
    return sc->state_id;
  default:
    *n = sc->B;
    return sc->bloc_id;
  }
}

int ggl_ld_unknown_ref(ld *L, const char *path, const char *what, const char *id, char **ids, int n,
                       const char *extra) {
  const char *names[GG_MAX_STATES + 1];
  int m = 0;
  for (int i = 0; i < n && i < GG_MAX_STATES; i++)
    names[m++] = ids[i];
  if (extra) names[m++] = extra;
  char c[100];
  gg_err_clean(c, sizeof c, id, 60);
  const char *near = ggl_closest(id, names, m);
  if (near) return ggl_ld_fail(L, path, "unknown %s \"%s\"; did you mean \"%s\"?", what, c, near);
  return ggl_ld_fail(L, path, "unknown %s \"%s\"", what, c);
}

int ggl_ld_ref(ld *L, const cJSON *item, const char *path, ld_kind kind, const gg_scenario *sc,
               int *out) {
  char e[40];
  snprintf(e, sizeof e, "a %s id", kind_name(kind));
  if (!cJSON_IsString(item)) return ggl_ld_type(L, path, item, e);
  int i = ggl_ld_lookup(sc, kind, item->valuestring);
  if (i < 0) {
    int n;
    char **ids = kind_ids(sc, kind, &n);
    return ggl_ld_unknown_ref(L, path, kind_name(kind), item->valuestring, ids, n, NULL);
  }
  *out = i;
  return 0;
}

int ggl_ld_map(ld *L, const cJSON *obj, const char *key, const char *path, ld_kind kind,
               const gg_scenario *sc, const gg_param_def *d, double *dst, unsigned char *seen,
               int unused) {
  (void)unused;
  const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, key);
  if (!m) return 0;
  if (!cJSON_IsObject(m)) {
    char e[60];
    snprintf(e, sizeof e, "an object of %s -> number", kind_name(kind));
    return ggl_ld_type(L, path, m, e);
  }
  for (const cJSON *it = m->child; it; it = it->next) {
    char p[LD_PATH];
    ggl_ld_key(p, path, it->string);
    int i = ggl_ld_lookup(sc, kind, it->string);
    if (i < 0) {
      int n;
      char **ids = kind_ids(sc, kind, &n);
      return ggl_ld_unknown_ref(L, p, kind_name(kind), it->string, ids, n, NULL);
    }
    if (ggl_ld_value(L, it, p, d, &dst[i])) return -1;
    if (seen) seen[i] = 1;
  }
  return 1;
}

int ggl_ld_parse_date_form(gg_step step, const char *t, int *year, int *sub) {
  size_t n = strlen(t);
  for (int i = 0; i < 4; i++)
    if (!isdigit((unsigned char)t[i])) return -1;
  *year = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
  switch (step) {
  case GG_STEP_MONTH:
    if (n != 7 || t[4] != '-' || !isdigit((unsigned char)t[5]) || !isdigit((unsigned char)t[6]))
      return -1;
    *sub = (t[5] - '0') * 10 + (t[6] - '0');
    return (*sub >= 1 && *sub <= 12) ? 0 : -1;
  case GG_STEP_QUARTER:
    if (n != 7 || t[4] != '-' || t[5] != 'Q' || t[6] < '1' || t[6] > '4') return -1;
    *sub = t[6] - '0';
    return 0;
  case GG_STEP_YEAR:
    *sub = 0;
    return n == 4 ? 0 : -1;
  }
  return -1;
}

int ggl_ld_time(ld *L, const cJSON *item, const char *path, const gg_scenario *sc, int *tick) {
  static const char *forms[] = {"\"YYYY-MM\"", "\"YYYY-Qn\"", "\"YYYY\""};
  if (cJSON_IsNumber(item)) {
    double v = item->valuedouble;
    if (!(v == floor(v) && fabs(v) <= 1e8))
      return ggl_ld_fail(L, path, "expected a whole tick number or a date %s, got %.17g",
                         forms[sc->step], v);
    *tick = (int)v;
    return 0;
  }
  if (cJSON_IsString(item)) {
    if (gg_scenario_parse_date(sc, item->valuestring, tick) != 0) {
      char c[80];
      gg_err_clean(c, sizeof c, item->valuestring, 40);
      return ggl_ld_fail(
          L, path,
          "expected a date of the form %s (the scenario's step) or a tick number, got \"%s\"",
          forms[sc->step], c);
    }
    return 0;
  }
  char e[80];
  snprintf(e, sizeof e, "a tick number or a date %s", forms[sc->step]);
  return ggl_ld_type(L, path, item, e);
}

int ggl_ld_parse_color(const char *t, uint32_t *rgb) {
  if (strlen(t) != 7 || t[0] != '#') return -1;
  for (int i = 1; i < 7; i++)
    if (!isxdigit((unsigned char)t[i])) return -1;
  *rgb = (uint32_t)strtoul(t + 1, NULL, 16);
  return 0;
}
