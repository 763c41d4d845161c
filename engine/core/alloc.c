/* Allocation through a replaceable hook, and one-line error messages. */
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <greatgame/numfmt.h>

static void *(*gg_alloc_fn)(size_t) = malloc;
static void (*gg_free_fn)(void *) = free;

void gg_set_allocator(void *(*alloc_fn)(size_t), void (*free_fn)(void *)) {
  gg_alloc_fn = alloc_fn ? alloc_fn : malloc;
  gg_free_fn = free_fn ? free_fn : free;
  cJSON_Hooks hooks = {gg_alloc_fn, gg_free_fn};
  cJSON_InitHooks(&hooks);
}

/* ---- programmer errors ---------------------------------------------------- */

static void gg_check_default(const char *message) {
  fprintf(stderr, "greatgame: %s\n", message);
  abort();
}

static gg_check_fn gg_check_handler = gg_check_default;

void gg_set_check_handler(gg_check_fn fn) {
  gg_check_handler = fn ? fn : gg_check_default;
}

int gg_check_index_fail(const char *fn, const char *what, long i, long n) {
  char msg[200];
  snprintf(msg, sizeof msg, "%s: %s %ld is out of range (the scenario has %ld %s%s)", fn, what, i,
           n, what, n == 1 ? "" : "s");
  gg_check_handler(msg);
  return 0;
}

int gg_check_null_fail(const char *fn, const char *what) {
  char msg[200];
  snprintf(msg, sizeof msg, "%s: %s is NULL", fn, what);
  gg_check_handler(msg);
  return 0;
}

void *gg_malloc(size_t n) {
  return gg_alloc_fn(n ? n : 1);
}

void *gg_calloc(size_t count, size_t size) {
  if (size && count > (size_t)-1 / size) return NULL;
  size_t n = count * size;
  void *p = gg_alloc_fn(n ? n : 1);
  if (p) memset(p, 0, n ? n : 1);
  return p;
}

void gg_free(void *p) {
  if (p) gg_free_fn(p);
}

void gg_free_buffer(void *p) {
  gg_free(p);
}

void *gg_realloc(void *p, size_t old_size, size_t new_size) {
  void *q = gg_malloc(new_size);
  if (!q) return NULL;
  if (p) memcpy(q, p, old_size < new_size ? old_size : new_size);
  gg_free(p);
  return q;
}

char *gg_strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = gg_malloc(n);
  if (d) memcpy(d, s, n);
  return d;
}

void gg_err_set(gg_error *err, const char *fmt, ...) {
  if (!err) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->msg, sizeof err->msg, fmt, ap);
  va_end(ap);
  for (char *c = err->msg; *c; c++) /* one line, always */
    if (*c == '\n' || *c == '\r') *c = ' ';
}

void gg_err_clean(char *out, size_t size, const char *s, size_t max) {
  size_t o = 0;
  for (size_t i = 0; s[i] && i < max && o + 5 < size; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x20 || c == 0x7f) {
      o += (size_t)snprintf(out + o, size - o, "\\x%02x", c);
    } else {
      out[o++] = (char)c;
    }
  }
  if (s[0] && strlen(s) > max && o + 4 < size) {
    memcpy(out + o, "...", 3);
    o += 3;
  }
  out[o] = '\0';
}

const char *gg_version(void) {
  return GG_VERSION_STRING;
}

const char *gg_model_version(void) {
  return GG_MODEL_VERSION;
}

/* Is `t` a number in JSON's grammar? */
static int json_number_text(const char *t) {
  if (*t == '-') t++;
  if (*t == '0')
    t++;
  else if (isdigit((unsigned char)*t))
    while (isdigit((unsigned char)*t))
      t++;
  else
    return 0;
  if (*t == '.') {
    if (!isdigit((unsigned char)*++t)) return 0;
    while (isdigit((unsigned char)*t))
      t++;
  }
  if (*t == 'e' || *t == 'E') {
    t++;
    if (*t == '+' || *t == '-') t++;
    if (!isdigit((unsigned char)*t)) return 0;
    while (isdigit((unsigned char)*t))
      t++;
  }
  return *t == '\0';
}

int gg_parse_number(const char *text, double *out) {
  if (!text || !json_number_text(text)) return -1;
  char *end;
  errno = 0;
  double v = strtod(text, &end);
  if (*end || !isfinite(v) || errno == ERANGE) return -1;
  *out = v;
  return 0;
}

const char *gg_fmt_csv(char *buf, size_t size, double v) {
  if (size >= GG_SHORTEST_MAX) {
    gg_fmt_shortest(buf, v);
  } else if (size > 0) {
    char t[GG_SHORTEST_MAX];
    size_t n = (size_t)gg_fmt_shortest(t, v);
    if (n >= size) n = size - 1; /* cut short, as snprintf would */
    memcpy(buf, t, n);
    buf[n] = '\0';
  }
  return buf;
}

const char *gg_fmt_num(char *buf, size_t size, double v) {
  if (v > -1e16 && v < 1e16 && v == floor(v)) { /* range first: the cast is then defined */
    snprintf(buf, size, "%lld", (long long)v);  /* whole numbers as written */
    return buf;
  }
  for (int prec = 1; prec <= 17; prec++) {
    snprintf(buf, size, "%.*g", prec, v);
    if (strtod(buf, NULL) == v) return buf;
  }
  return buf;
}
