/* Calibration targets (a small CSV) and the fitted parameters' `PATH=LO:HI`
   values. */
#include "calibrate.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CAL_LINE_MAX 1024
#define CAL_FIELDS 5

static char *cal_trim(char *s) {
  while (*s == ' ' || *s == '\t')
    s++;
  size_t n = strlen(s);
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
    s[--n] = '\0';
  return s;
}

static int cal_parse_double(const char *text, double *out) {
  if (!*text) return -1;
  char *end = NULL;
  errno = 0;
  double v = strtod(text, &end);
  if (errno != 0 || *end != '\0' || !isfinite(v)) return -1;
  *out = v;
  return 0;
}

int gga_cal_parse_tick(const gg_scenario *sc, const char *text, int *tick) {
  gg_error err;
  return gg_scenario_parse_time(sc, text, tick, &err);
}

/* Parse one side of a component expression: ids joined by '+'. */
static int cal_parse_sum(const gg_scenario *sc, char *text, int *out, int *n, const char *name,
                         int line, gg_error *err) {
  *n = 0;
  for (char *tok = text; tok;) {
    char *plus = strchr(tok, '+');
    if (plus) *plus = '\0';
    tok = cal_trim(tok);
    if (!*tok) {
      gg_err_set(err, "%s:%d: empty component", name, line);
      return -1;
    }
    int k = -1;
    if (strcmp(tok, "autonomy") == 0)
      k = 0;
    else {
      int p = gg_power_index(sc, tok);
      if (p >= 0) k = p + 1;
    }
    if (k < 0) {
      gg_err_set(err, "%s:%d: unknown component \"%s\" (expected autonomy or a power id)", name,
                 line, tok);
      return -1;
    }
    if (*n >= CAL_MAX_TERMS) {
      gg_err_set(err, "%s:%d: more than %d components in a sum", name, line, CAL_MAX_TERMS);
      return -1;
    }
    out[(*n)++] = k;
    tok = plus ? plus + 1 : NULL;
  }
  return 0;
}

static int cal_parse_component(const gg_scenario *sc, const char *text, cal_target *t,
                               const char *name, int line, gg_error *err) {
  char buf[sizeof t->component];
  if (strlen(text) >= sizeof buf) {
    gg_err_set(err, "%s:%d: component too long", name, line);
    return -1;
  }
  strcpy(buf, text);
  strcpy(t->component, text);
  char *slash = strchr(buf, '/');
  t->n_den = 0;
  if (slash) {
    *slash = '\0';
    if (strchr(slash + 1, '/')) {
      gg_err_set(err, "%s:%d: component \"%s\" has more than one '/'", name, line, text);
      return -1;
    }
    if (cal_parse_sum(sc, slash + 1, t->den, &t->n_den, name, line, err) != 0) return -1;
  }
  return cal_parse_sum(sc, buf, t->num, &t->n_num, name, line, err);
}

static int cal_split(char *line, char **fields, int max) {
  int n = 0;
  char *p = line;
  for (;;) {
    char *comma = strchr(p, ',');
    if (n < max) fields[n] = cal_trim(p);
    n++;
    if (!comma) break;
    *comma = '\0';
    p = comma + 1;
  }
  /* cal_trim ran before the comma was cut: trim again */
  for (int i = 0; i < n && i < max; i++)
    fields[i] = cal_trim(fields[i]);
  return n;
}

static int cal_parse_row(const gg_scenario *sc, char *line, const char *name, int lineno,
                         cal_target *t, gg_error *err) {
  char *f[CAL_FIELDS];
  int nf = cal_split(line, f, CAL_FIELDS);
  if (nf != 4 && nf != 5) {
    gg_err_set(
        err, "%s:%d: expected 4 or 5 fields (date_or_tick,state,component,value[,weight]), got %d",
        name, lineno, nf);
    return -1;
  }
  memset(t, 0, sizeof *t);
  t->line = lineno;
  if (gga_cal_parse_tick(sc, f[0], &t->tick) != 0) {
    gg_err_set(err, "%s:%d: \"%s\" is neither a tick nor a date", name, lineno, f[0]);
    return -1;
  }
  int ticks = gg_scenario_ticks(sc);
  if (t->tick < 0 || t->tick > ticks) {
    gg_err_set(err, "%s:%d: tick %d of \"%s\" is outside the run (0..%d)", name, lineno, t->tick,
               f[0], ticks);
    return -1;
  }
  t->state = gg_state_index(sc, f[1]);
  if (t->state < 0) {
    gg_err_set(err, "%s:%d: unknown state \"%s\"", name, lineno, f[1]);
    return -1;
  }
  if (cal_parse_component(sc, f[2], t, name, lineno, err) != 0) return -1;
  if (cal_parse_double(f[3], &t->value) != 0) {
    gg_err_set(err, "%s:%d: value \"%s\" is not a number", name, lineno, f[3]);
    return -1;
  }
  /* A share (or a sum of shares) lies in [0, 1]; a ratio of shares is not
     negative. */
  if (t->n_den == 0 && (t->value < 0 || t->value > 1)) {
    gg_err_set(err, "%s:%d: value %s of %s is not a share: it must lie between 0 and 1", name,
               lineno, f[3], t->component);
    return -1;
  }
  if (t->n_den > 0 && t->value < 0) {
    gg_err_set(err, "%s:%d: value %s of the ratio %s is negative: a ratio of shares is 0 or more",
               name, lineno, f[3], t->component);
    return -1;
  }
  t->weight = 1.0;
  if (nf == 5 && *f[4]) {
    if (cal_parse_double(f[4], &t->weight) != 0 || t->weight < 0) {
      gg_err_set(err, "%s:%d: weight \"%s\" is not a number >= 0", name, lineno, f[4]);
      return -1;
    }
  }
  return 0;
}

/* A target's observable with its terms in order ("CN+RU" and "RU+CN" are
   the same), and where it is in the file. */
typedef struct cal_row {
  int tick, state, n_num, n_den;
  int num[CAL_MAX_TERMS], den[CAL_MAX_TERMS];
  int line;
  const cal_target *t;
} cal_row;

static void cal_sort_terms(int *v, int n) {
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
      int x = v[j];
      v[j] = v[j - 1];
      v[j - 1] = x;
    }
}

/* Same date, state and component? */
static int cal_row_same(const cal_row *x, const cal_row *y) {
  return memcmp(x, y, offsetof(cal_row, line)) == 0;
}

static int cal_row_order(const void *a, const void *b) {
  const cal_row *x = a, *y = b;
  int c = memcmp(x, y, offsetof(cal_row, line));
  if (c) return c;
  return (x->line > y->line) - (x->line < y->line);
}

/* Two rows for the same date, state and component with different values:
   the first such row (in file order) is refused, naming the row it
   contradicts. Rows that repeat the same value are kept. 0, or -1. */
static int cal_check_conflicts(const gg_scenario *sc, const cal_targets *tg, const char *name,
                               gg_error *err) {
  if (tg->n < 2) return 0;
  cal_row *rows = gg_malloc((size_t)tg->n * sizeof *rows);
  if (!rows) {
    gg_err_set(err, "%s: out of memory", name);
    return -1;
  }
  for (int i = 0; i < tg->n; i++) {
    const cal_target *t = &tg->t[i];
    cal_row *r = &rows[i];
    memset(r, 0, sizeof *r);
    r->tick = t->tick;
    r->state = t->state;
    r->n_num = t->n_num;
    r->n_den = t->n_den;
    memcpy(r->num, t->num, sizeof r->num);
    memcpy(r->den, t->den, sizeof r->den);
    cal_sort_terms(r->num, r->n_num);
    cal_sort_terms(r->den, r->n_den);
    r->line = t->line;
    r->t = t;
  }
  qsort(rows, (size_t)tg->n, sizeof *rows, cal_row_order);
  const cal_target *bad = NULL, *first = NULL;
  for (int i = 0, j; i < tg->n; i = j) {
    for (j = i + 1; j < tg->n && cal_row_same(&rows[i], &rows[j]); j++) {
      if (rows[j].t->value == rows[i].t->value) continue;
      if (!bad || rows[j].line < bad->line) { /* the group's first that differs */
        bad = rows[j].t;
        first = rows[i].t;
      }
      while (j + 1 < tg->n && cal_row_same(&rows[i], &rows[j + 1]))
        j++;
    }
  }
  gg_free(rows);
  if (!bad) return 0;
  char a[40], b[40], date[32];
  gg_scenario_date(sc, bad->tick, date, sizeof date);
  gg_err_set(err,
             "%s:%d: %s %s at %s is %s here but %s on line %d; give each date, state and "
             "component one value",
             name, bad->line, gg_state_id(sc, bad->state), bad->component, date,
             gg_fmt_num(a, sizeof a, bad->value), gg_fmt_num(b, sizeof b, first->value),
             first->line);
  return -1;
}

int gga_cal_targets_parse(const gg_scenario *sc, const char *text, size_t len, const char *name,
                          cal_targets *out, gg_error *err) {
  out->t = NULL;
  out->n = 0;
  int cap = 0, lineno = 0, header = 0;
  size_t pos = 0;
  char line[CAL_LINE_MAX];
  while (pos < len) {
    size_t end = pos;
    while (end < len && text[end] != '\n')
      end++;
    lineno++;
    size_t ll = end - pos;
    if (ll >= sizeof line) {
      gg_err_set(err, "%s:%d: line longer than %d characters", name, lineno, CAL_LINE_MAX - 1);
      goto fail;
    }
    memcpy(line, text + pos, ll);
    line[ll] = '\0';
    pos = end + 1;
    if (memchr(line, '\0', ll)) {
      gg_err_set(err, "%s:%d: NUL byte in line", name, lineno);
      goto fail;
    }
    char *l = cal_trim(line);
    if (!*l || *l == '#') continue;
    if (!header) {
      header = 1;
      char *f[CAL_FIELDS];
      int nf = cal_split(l, f, CAL_FIELDS);
      if ((nf != 4 && nf != 5) || strcmp(f[1], "state") != 0 || strcmp(f[2], "component") != 0 ||
          strcmp(f[3], "value") != 0 || (nf == 5 && strcmp(f[4], "weight") != 0)) {
        gg_err_set(err, "%s:%d: expected the header date_or_tick,state,component,value[,weight]",
                   name, lineno);
        goto fail;
      }
      continue;
    }
    if (out->n == cap) {
      int nc = cap ? cap * 2 : 64;
      cal_target *nt = gg_realloc(out->t, (size_t)cap * sizeof *nt, (size_t)nc * sizeof *nt);
      if (!nt) {
        gg_err_set(err, "%s: out of memory", name);
        goto fail;
      }
      out->t = nt;
      cap = nc;
    }
    if (cal_parse_row(sc, l, name, lineno, &out->t[out->n], err) != 0) goto fail;
    out->n++;
  }
  if (out->n == 0) {
    gg_err_set(err, "%s: no targets", name);
    goto fail;
  }
  if (cal_check_conflicts(sc, out, name, err) != 0) goto fail;
  return 0;
fail:
  gga_cal_targets_free(out);
  return -1;
}

int gga_cal_targets_load(const gg_scenario *sc, const char *path, cal_targets *out, gg_error *err) {
  size_t len;
  char *buf = gg_read_file(path, &len, err);
  if (!buf) return -1;
  int rc = gga_cal_targets_parse(sc, buf, len, path, out, err);
  gg_free(buf);
  return rc;
}

void gga_cal_targets_free(cal_targets *t) {
  gg_free(t->t);
  t->t = NULL;
  t->n = 0;
}

int gga_cal_targets_holdout(cal_targets *t, int from) {
  int n = 0;
  for (int i = 0; i < t->n; i++) {
    t->t[i].holdout = t->t[i].tick >= from;
    n += t->t[i].holdout;
  }
  return n;
}

double gga_cal_target_eval(const cal_target *t, const gg_sim *sim) {
  double num = 0.0;
  for (int i = 0; i < t->n_num; i++)
    num += gg_sim_share(sim, t->state, t->num[i]);
  if (t->n_den == 0) return num;
  double den = 0.0;
  for (int i = 0; i < t->n_den; i++)
    den += gg_sim_share(sim, t->state, t->den[i]);
  return num / (den < 1e-12 ? 1e-12 : den);
}

/* Does a concrete path (ids or `*`) match a table pattern (`<...>` for any
   id)? */
static int cal_path_matches(const char *pattern, const char *path) {
  while (*pattern && *path) {
    const char *pe = strchr(pattern, '.');
    const char *qe = strchr(path, '.');
    size_t pl = pe ? (size_t)(pe - pattern) : strlen(pattern);
    size_t ql = qe ? (size_t)(qe - path) : strlen(path);
    int wild = pl >= 2 && pattern[0] == '<' && pattern[pl - 1] == '>';
    if (!wild && (pl != ql || strncmp(pattern, path, pl) != 0)) return 0;
    if (wild && ql == 0) return 0;
    if (!pe || !qe) return !pe && !qe;
    pattern = pe + 1;
    path = qe + 1;
  }
  return 0;
}

int gg_calibrate_param_parse(const gg_scenario *sc, const char *arg, cal_param *out,
                             gg_error *err) {
  const char *eq = strrchr(arg, '=');
  if (!eq || eq == arg) {
    gg_err_set(err, "%s: expected PATH=LO:HI", arg);
    return -1;
  }
  size_t pl = (size_t)(eq - arg);
  if (pl >= sizeof out->path) {
    gg_err_set(err, "%s: path too long", arg);
    return -1;
  }
  memcpy(out->path, arg, pl);
  out->path[pl] = '\0';
  char range[128];
  if (strlen(eq + 1) >= sizeof range) {
    gg_err_set(err, "%s: expected PATH=LO:HI", arg);
    return -1;
  }
  strcpy(range, eq + 1);
  char *colon = strchr(range, ':');
  if (!colon) {
    gg_err_set(err, "%s: expected PATH=LO:HI", arg);
    return -1;
  }
  *colon = '\0';
  if (cal_parse_double(range, &out->lo) != 0 || cal_parse_double(colon + 1, &out->hi) != 0) {
    gg_err_set(err, "%s: LO and HI must be numbers", arg);
    return -1;
  }
  return gga_cal_param_check(sc, out, arg, err);
}

int gga_cal_param_check(const gg_scenario *sc, const cal_param *p, const char *label,
                        gg_error *err) {
  if (!(p->lo < p->hi)) {
    gg_err_set(err, "%s: LO must be below HI", label);
    return -1;
  }
  const gg_param_info *info = NULL;
  for (int i = 0; i < gg_param_count(); i++) {
    const gg_param_info *pi = gg_param_at(i);
    if (cal_path_matches(pi->path, p->path)) {
      info = pi;
      break;
    }
  }
  if (info && (info->integer || strcmp(info->path, "seed") == 0)) {
    gg_err_set(err, "%s: %s takes whole numbers and cannot be calibrated", label, p->path);
    return -1;
  }
  gg_scenario *probe = gg_scenario_clone(sc);
  if (!probe) {
    gg_err_set(err, "%s: out of memory", label);
    return -1;
  }
  gg_error e2;
  double ends[2] = {p->lo, p->hi};
  for (int i = 0; i < 2; i++) {
    int n = gg_scenario_set(probe, p->path, ends[i], &e2);
    if (n <= 0) {
      if (n == 0) gg_err_set(&e2, "%.300s: matches no parameter", p->path);
      gg_err_set(err, "%.300s: %.700s", label, e2.msg);
      gg_scenario_free(probe);
      return -1;
    }
  }
  gg_scenario_free(probe);
  return 0;
}
