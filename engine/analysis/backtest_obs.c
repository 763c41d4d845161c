/* The observed file of a backtest (`date,state,indicator,partner,value`,
   extra columns ignored). */
#include "backtest_int.h"
#include "gg_util.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BT_FIELDS_MAX 64
#define BT_LINE_MAX 4096

enum { BT_DATE, BT_STATE, BT_INDICATOR, BT_PARTNER, BT_VALUE, BT_NCOLS };
static const char *const bt_cols[BT_NCOLS] = {"date", "state", "indicator", "partner", "value"};

/* Split `line` (modified) at commas into at most BT_FIELDS_MAX fields,
   trimming blanks and a final CR. The number of fields, or -1 if too many. */
static int bt_split(char *line, char **f) {
  int n = 0;
  char *p = line;
  for (;;) {
    if (n == BT_FIELDS_MAX) return -1;
    while (*p == ' ' || *p == '\t')
      p++;
    f[n++] = p;
    char *c = strchr(p, ',');
    char *end = c ? c : p + strlen(p);
    char *e = end;
    while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
      e--;
    if (!c) {
      *e = '\0';
      return n;
    }
    *e = '\0';
    p = c + 1;
  }
}

static int bt_digits(const char *s, int n) {
  for (int i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9') return 0;
  return 1;
}

/* "YYYY" or "YYYY-MM" (month 01..12). 0, or -1. */
static int bt_parse_date(const char *s, int *year, int *month) {
  size_t n = strlen(s);
  if (n != 4 && n != 7) return -1;
  if (!bt_digits(s, 4)) return -1;
  *year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  *month = 0;
  if (n == 7) {
    if (s[4] != '-' || !bt_digits(s + 5, 2)) return -1;
    *month = (s[5] - '0') * 10 + (s[6] - '0');
    if (*month < 1 || *month > 12) return -1;
  }
  return 0;
}

static int bt_parse_value(const char *s, double *v) {
  if (!*s) return -1;
  char *end = NULL;
  errno = 0;
  double x = strtod(s, &end);
  if (errno == ERANGE || *end != '\0' || !isfinite(x)) return -1;
  *v = x;
  return 0;
}

/* The header: the position of each needed column. 0, or -1 with err. */
static int bt_header(const char *path, char *line, int *col, int *nfields, gg_error *err) {
  char *f[BT_FIELDS_MAX];
  int n = bt_split(line, f);
  if (n < 0) {
    gg_err_set(err, "%s:1: more than %d columns", path, BT_FIELDS_MAX);
    return -1;
  }
  if (n > 0 && (unsigned char)f[0][0] == 0xEF && (unsigned char)f[0][1] == 0xBB &&
      (unsigned char)f[0][2] == 0xBF)
    f[0] += 3; /* a byte order mark */
  for (int c = 0; c < BT_NCOLS; c++) {
    col[c] = -1;
    for (int i = 0; i < n; i++)
      if (strcmp(f[i], bt_cols[c]) == 0) {
        if (col[c] >= 0) {
          gg_err_set(err, "%s:1: column \"%s\" appears twice", path, bt_cols[c]);
          return -1;
        }
        col[c] = i;
      }
    if (col[c] < 0) {
      gg_err_set(err, "%s:1: missing column \"%s\" (expected date,state,indicator,partner,value)",
                 path, bt_cols[c]);
      return -1;
    }
  }
  *nfields = n;
  return 0;
}

/* One data row into o. 0, or -1 with err. */
static int bt_row(const char *path, int ln, char *line, const int *col, int nfields,
                  const gg_scenario *sc, gga_bt_obs *o, gg_error *err) {
  char *f[BT_FIELDS_MAX];
  char clean[96];
  int n = bt_split(line, f);
  if (n != nfields) {
    if (n < 0)
      gg_err_set(err, "%s:%d: more than %d fields", path, ln, BT_FIELDS_MAX);
    else
      gg_err_set(err, "%s:%d: expected %d fields, got %d", path, ln, nfields, n);
    return -1;
  }
  for (int i = 0; i < n; i++)
    if (strchr(f[i], '"')) {
      gg_err_set(err, "%s:%d: quoted fields are not supported", path, ln);
      return -1;
    }
  memset(o, 0, sizeof *o);
  o->line = ln;
  const char *d = f[col[BT_DATE]];
  if (bt_parse_date(d, &o->year, &o->month) != 0) {
    gg_err_clean(clean, sizeof clean, d, 40);
    gg_err_set(err, "%s:%d: bad date \"%s\": expected YYYY or YYYY-MM", path, ln, clean);
    return -1;
  }
  memcpy(o->date, d, strlen(d) + 1);
  const char *s = f[col[BT_STATE]];
  o->state = gg_state_index(sc, s);
  if (o->state < 0) {
    gg_err_clean(clean, sizeof clean, s, 40);
    gg_err_set(err, "%s:%d: unknown state \"%s\" (not in the scenario)", path, ln, clean);
    return -1;
  }
  const char *ind = f[col[BT_INDICATOR]], *par = f[col[BT_PARTNER]];
  if (!*ind) {
    gg_err_set(err, "%s:%d: empty indicator", path, ln);
    return -1;
  }
  if (strlen(ind) >= GGA_BT_ID_MAX || strlen(par) >= GGA_BT_ID_MAX) {
    gg_err_set(err, "%s:%d: %s longer than %d characters", path, ln,
               strlen(ind) >= GGA_BT_ID_MAX ? "indicator" : "partner", GGA_BT_ID_MAX - 1);
    return -1;
  }
  memcpy(o->indicator, ind, strlen(ind) + 1);
  memcpy(o->partner, par, strlen(par) + 1);
  const char *v = f[col[BT_VALUE]];
  if (bt_parse_value(v, &o->value) != 0) {
    gg_err_clean(clean, sizeof clean, v, 40);
    gg_err_set(err, "%s:%d: value \"%s\" is not a number", path, ln, clean);
    return -1;
  }
  return 0;
}

static int bt_same_key(const gga_bt_obs *a, const gga_bt_obs *b) {
  return a->state == b->state && a->year == b->year && a->month == b->month &&
         strcmp(a->indicator, b->indicator) == 0 && strcmp(a->partner, b->partner) == 0;
}

int gga_bt_parse_observed(const char *path, const char *text, size_t len, const gg_scenario *sc,
                          gga_bt_obs **obs, int *n, int *oom, gg_error *err) {
  *obs = NULL;
  *n = 0;
  *oom = 0;
  int col[BT_NCOLS], nfields = 0, cap = 0, count = 0, ln = 0, have_header = 0;
  gga_bt_obs *o = NULL;
  char line[BT_LINE_MAX + 1];
  size_t pos = 0;
  while (pos < len) {
    size_t end = pos;
    while (end < len && text[end] != '\n')
      end++;
    ln++;
    size_t l = end - pos;
    if (l > BT_LINE_MAX) {
      gg_err_set(err, "%s:%d: line longer than %d bytes", path, ln, BT_LINE_MAX);
      goto fail;
    }
    memcpy(line, text + pos, l);
    line[l] = '\0';
    pos = end + 1;
    if (memchr(line, '\0', l)) {
      gg_err_set(err, "%s:%d: a NUL byte", path, ln);
      goto fail;
    }
    char *p = line;
    while (*p == ' ' || *p == '\t' || *p == '\r')
      p++;
    if (*p == '\0' || *p == '#') continue; /* blank lines and comments */
    if (!have_header) {
      if (bt_header(path, line, col, &nfields, err) != 0) goto fail;
      have_header = 1;
      continue;
    }
    if (count == cap) {
      int ncap = cap ? cap * 2 : 256;
      gga_bt_obs *no = gg_realloc(o, sizeof *o * (size_t)cap, sizeof *o * (size_t)ncap);
      if (!no) {
        *oom = 1;
        gg_err_set(err, "%s: out of memory", path);
        goto fail;
      }
      o = no;
      cap = ncap;
    }
    if (bt_row(path, ln, line, col, nfields, sc, &o[count], err) != 0) goto fail;
    count++;
  }
  if (!have_header) {
    gg_err_set(err, "%s:1: empty file: expected the header date,state,indicator,partner,value",
               path);
    goto fail;
  }
  /* duplicates: a quadratic scan (observed files are small: ~1000 rows) */
  for (int i = 0; i < count; i++)
    for (int j = 0; j < i; j++)
      if (o[i].year == o[j].year && bt_same_key(&o[i], &o[j])) {
        gg_err_set(err, "%s:%d: duplicate of line %d (same date, state, indicator, partner)", path,
                   o[i].line, o[j].line);
        goto fail;
      }
  *obs = o;
  *n = count;
  return 0;
fail:
  gg_free(o);
  return -1;
}
