/* Scenario discovery over a finished sweep (<greatgame/discover.h>): the
   inputs from design.csv (factors recognised through manifest.json), the
   outcome from runs.csv, PRIM (prim.c), and trajectory.csv, box.csv and
   manifest.json written together. */
#include "run_record.h"
#include "gg_util.h"
#include "outfile.h"
#include "prim.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <greatgame/discover.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

gg_discover_options gg_discover_defaults(void) {
  gg_discover_options o;
  memset(&o, 0, sizeof o);
  o.peel = 0.05;
  o.paste = 0.05;
  o.min_mass = 0.05;
  o.min_coverage = 0.5;
  o.box = -1;
  return o;
}

void gg_discover_result_free(gg_discover_result *res) {
  if (!res) return;
  gg_free(res->coverage);
  gg_free(res->density);
  gg_free(res->mass);
  gg_free(res->restricted);
  gg_free(res->limits);
  gg_discover_error e = res->error;
  memset(res, 0, sizeof *res);
  res->error = e;
}

static int disc_fail(gg_discover_result *res, gg_discover_error e) {
  res->error = e;
  return -1;
}

/* The whole of DIR/NAME (gg_malloc, NUL-terminated), or NULL with err. */
static char *disc_slurp(const char *dir, const char *name, size_t *len, gg_error *err) {
  char path[4200];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) {
    gg_err_set(err, "sweep_dir: %.900s: cannot open: %s", path, strerror(errno));
    return NULL;
  }
  size_t cap = 65536, n = 0;
  char *buf = gg_malloc(cap);
  while (buf) {
    size_t got = fread(buf + n, 1, cap - n - 1, f);
    n += got;
    if (n + 1 < cap) break;
    char *t = gg_malloc(cap * 2);
    if (t) memcpy(t, buf, n);
    gg_free(buf);
    buf = t;
    cap *= 2;
  }
  fclose(f);
  if (!buf) {
    gg_err_set(err, "discover: out of memory");
    return NULL;
  }
  buf[n] = '\0';
  if (len) *len = n;
  return buf;
}

/* Split a line in place at commas (no quoting: the sweep's files need
   none); returns the field count. */
static int disc_split(char *line, char **field, int max) {
  int n = 0;
  for (char *p = line; n < max;) {
    field[n++] = p;
    char *c = strchr(p, ',');
    if (!c) break;
    *c = '\0';
    p = c + 1;
  }
  return n;
}

/* The next line of text (in place), or NULL at the end. */
static char *disc_line(char **cursor) {
  char *s = *cursor;
  if (!s || !*s) return NULL;
  char *nl = strchr(s, '\n');
  if (nl) {
    *nl = '\0';
    *cursor = nl + 1;
  } else {
    *cursor = s + strlen(s);
  }
  size_t n = strlen(s);
  if (n && s[n - 1] == '\r') s[n - 1] = '\0';
  return s;
}

typedef struct disc_input {
  char name[256];
  int levels;         /* 0: a number */
  char (*level)[256]; /* the factor's level texts (points into the manifest copy) */
} disc_input;

/* The comparison of the condition. */
typedef enum { DISC_GE, DISC_LE, DISC_GT, DISC_LT } disc_op;

static int disc_where(const char *where, const char *metric, disc_op *op, double *x,
                      gg_error *err) {
  const char *p = where;
  size_t m = strlen(metric);
  if (strncmp(p, metric, m) == 0 && (p[m] == '>' || p[m] == '<')) p += m;
  if (strncmp(p, ">=", 2) == 0)
    *op = DISC_GE, p += 2;
  else if (strncmp(p, "<=", 2) == 0)
    *op = DISC_LE, p += 2;
  else if (*p == '>')
    *op = DISC_GT, p++;
  else if (*p == '<')
    *op = DISC_LT, p++;
  else {
    gg_err_set(err, "where %s: expected %s>=X, %s<=X, %s>X or %s<X", where, metric, metric, metric,
               metric);
    return -1;
  }
  if (gg_parse_number(p, x) != 0) {
    gg_err_set(err, "where %s: expected a number after the comparison, got \"%s\"", where, p);
    return -1;
  }
  return 0;
}

static int disc_meets(double v, disc_op op, double x) {
  switch (op) {
  case DISC_GE:
    return v >= x;
  case DISC_LE:
    return v <= x;
  case DISC_GT:
    return v > x;
  case DISC_LT:
    return v < x;
  }
  return 0;
}

/* Everything read from the sweep folder. */
typedef struct disc_data {
  int d;
  disc_input *in;
  long samples;
  double *design; /* samples x d */
  long n;
  double *x;        /* n x d: each used run's sample row */
  unsigned char *y; /* n */
  int *levels;      /* d */
  cJSON *manifest;
} disc_data;

static void disc_data_free(disc_data *dd) {
  gg_free(dd->in);
  gg_free(dd->design);
  gg_free(dd->x);
  gg_free(dd->y);
  gg_free(dd->levels);
  cJSON_Delete(dd->manifest);
  memset(dd, 0, sizeof *dd);
}

/* manifest.json: a finished sweep, and its factors. */
static int disc_manifest(disc_data *dd, const char *dir, gg_error *err) {
  char *text = disc_slurp(dir, "manifest.json", NULL, err);
  if (!text) return -1;
  dd->manifest = cJSON_Parse(text);
  gg_free(text);
  const cJSON *kind = cJSON_GetObjectItemCaseSensitive(dd->manifest, "kind");
  const cJSON *status = cJSON_GetObjectItemCaseSensitive(dd->manifest, "status");
  if (!cJSON_IsString(kind) ||
      (strcmp(kind->valuestring, "sweep") != 0 && strcmp(kind->valuestring, "sensitivity") != 0)) {
    gg_err_set(err, "sweep_dir: %.900s/manifest.json: not the manifest of a sweep", dir);
    return -1;
  }
  if (!cJSON_IsString(status) || strcmp(status->valuestring, "complete") != 0) {
    gg_err_set(err, "sweep_dir: %.900s: the sweep is not finished (status %s)", dir,
               cJSON_IsString(status) ? status->valuestring : "missing");
    return -1;
  }
  return 0;
}

/* The factor of that name in the manifest, or NULL. */
static const cJSON *disc_factor(const cJSON *manifest, const char *name) {
  const cJSON *sw = cJSON_GetObjectItemCaseSensitive(manifest, "sweep");
  const cJSON *fs = cJSON_GetObjectItemCaseSensitive(sw, "factors");
  for (const cJSON *f = fs ? fs->child : NULL; f; f = f->next) {
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(f, "path");
    if (cJSON_IsString(p) && strcmp(p->valuestring, name) == 0) return f;
  }
  return NULL;
}

static int disc_design(disc_data *dd, const char *dir, gg_error *err) {
  char *text = disc_slurp(dir, "design.csv", NULL, err), *cur = text, *line;
  if (!text) return -1;
  int rc = -1;
  char **field = NULL;
  line = disc_line(&cur);
  int cols = 1;
  for (const char *c = line ? line : ""; *c; c++)
    cols += *c == ',';
  field = gg_malloc((size_t)(cols + 1) * sizeof(char *));
  dd->d = cols - 1;
  dd->in = gg_calloc((size_t)(dd->d > 0 ? dd->d : 1), sizeof(disc_input));
  dd->levels = gg_calloc((size_t)(dd->d > 0 ? dd->d : 1), sizeof(int));
  if (!field || !dd->in || !dd->levels) {
    gg_err_set(err, "discover: out of memory");
    goto done;
  }
  if (!line || dd->d < 1 || disc_split(line, field, cols) != cols || strcmp(field[0], "sample")) {
    gg_err_set(err, "sweep_dir: %.900s/design.csv: expected a header sample,INPUT...", dir);
    goto done;
  }
  for (int j = 0; j < dd->d; j++) {
    snprintf(dd->in[j].name, sizeof dd->in[j].name, "%s", field[j + 1]);
    const cJSON *f = disc_factor(dd->manifest, field[j + 1]);
    if (f) {
      int L = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(f, "levels"));
      if (L < 2 || L > PRIM_MAX_LEVELS) {
        gg_err_set(err, "sweep_dir: %.900s/manifest.json: factor %s has %d levels", dir,
                   field[j + 1], L);
        goto done;
      }
      dd->levels[j] = dd->in[j].levels = L;
    }
  }
  long cap = 1024;
  dd->design = gg_malloc((size_t)cap * (size_t)dd->d * sizeof(double));
  long lineno = 1;
  while (dd->design && (line = disc_line(&cur)) != NULL) {
    lineno++;
    if (!*line) continue;
    if (dd->samples == cap) {
      double *t = gg_malloc((size_t)cap * 2 * (size_t)dd->d * sizeof(double));
      if (t) memcpy(t, dd->design, (size_t)cap * (size_t)dd->d * sizeof(double));
      gg_free(dd->design);
      dd->design = t;
      cap *= 2;
      if (!t) break;
    }
    char *end;
    if (disc_split(line, field, cols + 1) != cols || strtol(field[0], &end, 10) != dd->samples ||
        *end) {
      gg_err_set(err, "sweep_dir: %.900s/design.csv line %ld: expected sample %ld and %d values",
                 dir, lineno, dd->samples, dd->d);
      goto done;
    }
    double *row = dd->design + (size_t)dd->samples * (size_t)dd->d;
    for (int j = 0; j < dd->d; j++) {
      if (dd->levels[j] > 0) {
        const cJSON *lv =
            cJSON_GetObjectItemCaseSensitive(disc_factor(dd->manifest, dd->in[j].name), "levels");
        int k = 0, found = -1;
        for (const cJSON *l = lv->child; l; l = l->next, k++)
          if (cJSON_IsString(l) && strcmp(l->valuestring, field[j + 1]) == 0) found = k;
        if (found < 0) {
          gg_err_set(err, "sweep_dir: %.900s/design.csv line %ld: \"%s\" is not a level of %s", dir,
                     lineno, field[j + 1], dd->in[j].name);
          goto done;
        }
        row[j] = found;
      } else if (gg_parse_number(field[j + 1], &row[j]) != 0) {
        gg_err_set(err, "sweep_dir: %.900s/design.csv line %ld: %s is not a number", dir, lineno,
                   dd->in[j].name);
        goto done;
      }
    }
    dd->samples++;
  }
  if (!dd->design) {
    gg_err_set(err, "discover: out of memory");
    goto done;
  }
  rc = 0;
done:
  gg_free(field);
  gg_free(text);
  return rc;
}

static int disc_runs(disc_data *dd, const char *dir, const gg_discover_options *o, disc_op op,
                     double x, gg_discover_result *res, gg_error *err) {
  char *text = disc_slurp(dir, "runs.csv", NULL, err), *cur = text, *line;
  if (!text) return disc_fail(res, GG_DISCOVER_ERR_SWEEP);
  int rc = disc_fail(res, GG_DISCOVER_ERR_SWEEP), cols = 1, col = -1;
  line = disc_line(&cur);
  for (const char *c = line ? line : ""; *c; c++)
    cols += *c == ',';
  char **field = gg_malloc((size_t)(cols + 1) * sizeof(char *));
  long cap = 0;
  for (const char *c = cur; *c; c++)
    cap += *c == '\n';
  cap++;
  dd->x = gg_malloc((size_t)cap * (size_t)dd->d * sizeof(double));
  dd->y = gg_malloc((size_t)cap);
  if (!field || !dd->x || !dd->y) {
    gg_err_set(err, "discover: out of memory");
    res->error = GG_DISCOVER_ERR_RUNTIME;
    goto done;
  }
  if (!line || disc_split(line, field, cols) < 6 || strcmp(field[0], "sample") != 0) {
    gg_err_set(err, "sweep_dir: %.900s/runs.csv: expected a header sample,replicate,...", dir);
    goto done;
  }
  for (int k = 5; k < cols; k++)
    if (strcmp(field[k], o->metric) == 0) col = k;
  if (col < 0) {
    char list[600];
    size_t n = 0;
    list[0] = '\0';
    for (int k = 5; k < cols && n + 1 < sizeof list; k++)
      n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", k > 5 ? ", " : "", field[k]);
    gg_err_set(err, "metric %s: not a metric of the sweep in %.300s (it has %s)", o->metric, dir,
               list);
    rc = disc_fail(res, GG_DISCOVER_ERR_METRIC);
    goto done;
  }
  long lineno = 1;
  while ((line = disc_line(&cur)) != NULL) {
    lineno++;
    if (!*line) continue;
    char *end;
    long s;
    if (disc_split(line, field, cols + 1) != cols || (s = strtol(field[0], &end, 10)) < 0 || *end ||
        s >= dd->samples) {
      gg_err_set(err, "sweep_dir: %.900s/runs.csv line %ld: malformed", dir, lineno);
      goto done;
    }
    if (strcmp(field[3], "ok") != 0) continue;
    double v = NAN; /* empty: no value (first.* never crossed) */
    if (field[col][0] && strcmp(field[col], "nan") != 0 && gg_parse_number(field[col], &v) != 0) {
      gg_err_set(err, "sweep_dir: %.900s/runs.csv line %ld: %s is not a number", dir, lineno,
                 o->metric);
      goto done;
    }
    memcpy(dd->x + (size_t)dd->n * (size_t)dd->d, dd->design + (size_t)s * (size_t)dd->d,
           (size_t)dd->d * sizeof(double));
    dd->y[dd->n++] = (unsigned char)(!isnan(v) && disc_meets(v, op, x));
  }
  res->error = GG_DISCOVER_OK;
  rc = 0;
done:
  gg_free(field);
  gg_free(text);
  return rc;
}

/* The option checks that need no file. */
static int disc_check(const gg_discover_options *o, gg_discover_result *res, gg_error *err) {
  if (!o->sweep_dir) {
    gg_err_set(err, "sweep_dir: the folder of a finished sweep is required");
    return disc_fail(res, GG_DISCOVER_ERR_SWEEP);
  }
  if (!o->metric || !o->metric[0]) {
    gg_err_set(err, "metric: a metric of the sweep is required");
    return disc_fail(res, GG_DISCOVER_ERR_METRIC);
  }
  if (!o->where) {
    gg_err_set(err, "where: a condition such as %s>=0.5 is required", o->metric);
    return disc_fail(res, GG_DISCOVER_ERR_WHERE);
  }
  if (!(o->peel > 0 && o->peel < 0.5)) {
    gg_err_set(err, "peel %g: expected a share above 0 and below 0.5", o->peel);
    return disc_fail(res, GG_DISCOVER_ERR_PEEL);
  }
  if (!(o->paste >= 0 && o->paste < 0.5)) {
    gg_err_set(err, "paste %g: expected a share from 0 to below 0.5", o->paste);
    return disc_fail(res, GG_DISCOVER_ERR_PASTE);
  }
  if (!(o->min_mass > 0 && o->min_mass < 1)) {
    gg_err_set(err, "min_mass %g: expected a share above 0 and below 1", o->min_mass);
    return disc_fail(res, GG_DISCOVER_ERR_MIN_MASS);
  }
  if (!(o->min_coverage >= 0 && o->min_coverage <= 1)) {
    gg_err_set(err, "min_coverage %g: expected a share from 0 to 1", o->min_coverage);
    return disc_fail(res, GG_DISCOVER_ERR_MIN_COVERAGE);
  }
  if (!o->out) {
    gg_err_set(err, "out: an output folder is required");
    return disc_fail(res, GG_DISCOVER_ERR_OUT);
  }
  return 0;
}

/* The result's tables from the trajectory and the pasted box. */
static int disc_fill(gg_discover_result *res, const disc_data *dd, const prim_data *pd,
                     const prim_result *pr, const prim_box *box) {
  int S = pr->steps;
  res->coverage = gg_malloc((size_t)S * sizeof(double));
  res->density = gg_malloc((size_t)S * sizeof(double));
  res->mass = gg_malloc((size_t)S * sizeof(double));
  res->restricted = gg_malloc((size_t)S * sizeof(int));
  res->limits = gg_calloc((size_t)dd->d, sizeof(gg_discover_limit));
  if (!res->coverage || !res->density || !res->mass || !res->restricted || !res->limits) return -1;
  res->steps = S;
  for (int s = 0; s < S; s++) {
    const prim_box *b = &pr->boxes[s];
    res->coverage[s] = (double)b->hits / (double)pr->hits;
    res->density[s] = b->n ? (double)b->hits / (double)b->n : 0.0;
    res->mass[s] = (double)b->n / (double)pr->n;
    res->restricted[s] = 0;
    for (int j = 0; j < dd->d; j++)
      res->restricted[s] += gga_prim_restricted(pd, b, j);
  }
  res->box_coverage = (double)box->hits / (double)pr->hits;
  res->box_density = box->n ? (double)box->hits / (double)box->n : 0.0;
  res->box_mass = (double)box->n / (double)pr->n;
  res->inputs = dd->d;
  for (int j = 0; j < dd->d; j++) {
    gg_discover_limit *l = &res->limits[j];
    snprintf(l->name, sizeof l->name, "%s", dd->in[j].name);
    l->levels = dd->levels[j];
    l->restricted = gga_prim_restricted(pd, box, j);
    l->quasi_p = gga_prim_quasi_p(pd, box, j);
    l->lo = l->hi = NAN;
    if (l->levels == 0) {
      l->lo = box->lo[j];
      l->hi = box->hi[j];
      continue;
    }
    const cJSON *lv =
        cJSON_GetObjectItemCaseSensitive(disc_factor(dd->manifest, l->name), "levels");
    size_t n = 0;
    int k = 0;
    for (const cJSON *x = lv->child; x; x = x->next, k++)
      if ((box->mask[j] & (1u << k)) && n + 1 < sizeof l->kept)
        n +=
            (size_t)snprintf(l->kept + n, sizeof l->kept - n, "%s%s", n ? ";" : "", x->valuestring);
  }
  return 0;
}

/* The sweep's scenario fields, parameters and varied inputs, copied into the
   discovery's manifest (the sweep's folder is named by "discover.sweep"). */
static int disc_copy_sweep(cJSON *m, const cJSON *sweep_manifest) {
  static const char *const keys[] = {"model",     "scenario_path", "scenario_sha256",
                                     "base_seed", "parameters",    "varied"};
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(sweep_manifest, keys[i]);
    cJSON *c = v ? cJSON_Duplicate(v, 1) : NULL;
    if (!c) return -1; /* a sweep of an older greatgame, or out of memory */
    if (strcmp(keys[i], "base_seed") == 0)
      cJSON_ReplaceItemInObjectCaseSensitive(m, keys[i], c);
    else
      cJSON_AddItemToObject(m, keys[i], c);
  }
  return 0;
}

static int disc_write(const gg_discover_options *o, const gg_discover_result *res,
                      const cJSON *sweep_manifest, gg_error *err) {
  gga_outset set;
  gga_outset_begin(&set, o->out, NULL, NULL);
  set.clear_others = o->force ? 1 : 0;
  FILE *f = gga_outset_open(&set, "trajectory.csv", err);
  char a[40], b[40], c[40];
  if (!f) return -1;
  fprintf(f, "box,coverage,density,mass,restricted\n");
  for (int s = 0; s < res->steps; s++) {
    gg_fmt_csv(a, sizeof a, res->coverage[s]);
    gg_fmt_csv(b, sizeof b, res->density[s]);
    gg_fmt_csv(c, sizeof c, res->mass[s]);
    fprintf(f, "%d,%s,%s,%s,%d\n", s, a, b, c, res->restricted[s]);
  }
  f = gga_outset_open(&set, "box.csv", err);
  if (!f) {
    gga_outset_abort(&set);
    return -1;
  }
  fprintf(f, "input,kind,lo,hi,levels,restricted,quasi_p\n");
  for (int j = 0; j < res->inputs; j++) {
    const gg_discover_limit *l = &res->limits[j];
    a[0] = b[0] = c[0] = '\0';
    if (!l->levels) {
      gg_fmt_csv(a, sizeof a, l->lo);
      gg_fmt_csv(b, sizeof b, l->hi);
    }
    if (l->restricted) gg_fmt_csv(c, sizeof c, l->quasi_p);
    fprintf(f, "%s,%s,%s,%s,%s,%s,%s\n", l->name, l->levels ? "factor" : "number", a, b,
            l->levels ? l->kept : "", l->restricted ? "yes" : "no", c);
  }
  cJSON *m = cJSON_CreateObject();
  const char *line = o->command ? o->command : "";
  int bad = !m ||
            gga_manifest_head(m, "discover", "discover", "complete", -1, &line, NULL, NULL, NULL) ||
            disc_copy_sweep(m, sweep_manifest) != 0;
  cJSON *d = cJSON_AddObjectToObject(m, "discover");
  cJSON_AddStringToObject(d, "method", "PRIM (Friedman and Fisher 1999), peeling then pasting");
  cJSON_AddStringToObject(d, "sweep", o->sweep_dir);
  cJSON_AddStringToObject(d, "metric", o->metric);
  cJSON_AddStringToObject(d, "where", o->where);
  cJSON_AddNumberToObject(d, "peel", o->peel);
  cJSON_AddNumberToObject(d, "paste", o->paste);
  cJSON_AddNumberToObject(d, "min_mass", o->min_mass);
  cJSON_AddNumberToObject(d, "min_coverage", o->min_coverage);
  cJSON_AddNumberToObject(d, "runs", (double)res->runs);
  cJSON_AddNumberToObject(d, "interesting", (double)res->interesting);
  cJSON_AddNumberToObject(d, "steps", res->steps);
  cJSON_AddNumberToObject(d, "chosen", res->chosen);
  cJSON_AddNumberToObject(d, "coverage", res->box_coverage);
  cJSON_AddNumberToObject(d, "density", res->box_density);
  cJSON_AddNumberToObject(d, "mass", res->box_mass);
  cJSON *files = cJSON_AddArrayToObject(m, "files");
  static const char *const names[] = {"trajectory.csv", "box.csv"}; /* the PNG is the CLI's */
  for (int i = 0; files && i < 2; i++)
    cJSON_AddItemToArray(files, cJSON_CreateString(names[i]));
  char *text = bad ? (cJSON_Delete(m), NULL) : gga_json_text(m);
  if (!text || gga_outset_write(&set, "manifest.json", text, strlen(text), err) != 0) {
    if (!text)
      gg_err_set(err, "%s/manifest.json: %s", o->out,
                 bad ? "the sweep's manifest.json lacks the scenario fields of this greatgame "
                       "version, or memory ran out"
                     : "out of memory");
    gg_free(text);
    gga_outset_abort(&set);
    return -1;
  }
  gg_free(text);
  return gga_outset_commit(&set, err);
}

int gg_discover_run(const gg_discover_options *o, gg_discover_result *res, gg_error *err) {
  gg_discover_result local;
  if (!res) res = &local;
  memset(res, 0, sizeof *res);
  if (!o) {
    gg_err_set(err, "discover: no options");
    return disc_fail(res, GG_DISCOVER_ERR_OUT);
  }
  if (disc_check(o, res, err) != 0) return -1;
  disc_op op;
  double x;
  if (disc_where(o->where, o->metric, &op, &x, err) != 0)
    return disc_fail(res, GG_DISCOVER_ERR_WHERE);
  disc_data dd;
  memset(&dd, 0, sizeof dd);
  prim_result pr;
  memset(&pr, 0, sizeof pr);
  prim_box box;
  memset(&box, 0, sizeof box);
  gga_lock lock;
  memset(&lock, 0, sizeof lock);
  int rc = -1;
  if (disc_manifest(&dd, o->sweep_dir, err) != 0 || disc_design(&dd, o->sweep_dir, err) != 0) {
    disc_fail(res, GG_DISCOVER_ERR_SWEEP);
    goto done;
  }
  if (disc_runs(&dd, o->sweep_dir, o, op, x, res, err) != 0) goto done;
  res->runs = dd.n;
  for (long i = 0; i < dd.n; i++)
    res->interesting += dd.y[i];
  if (res->interesting == 0 || res->interesting == dd.n) {
    gg_err_set(err, "where %s: %s of the %ld runs meets it; nothing to discover", o->where,
               res->interesting ? "every one" : "none", dd.n);
    disc_fail(res, GG_DISCOVER_ERR_NO_CASES);
    goto done;
  }
  prim_data pd = {dd.n, dd.d, dd.x, dd.levels, dd.y};
  prim_options po = {o->peel, o->paste, o->min_mass};
  if (gga_prim_peel(&pd, &po, &pr, err) != 0) {
    disc_fail(res, GG_DISCOVER_ERR_RUNTIME);
    goto done;
  }
  int chosen = o->box;
  if (chosen >= pr.steps) {
    gg_err_set(err, "box %d: the trajectory has boxes 0 to %d", o->box, pr.steps - 1);
    disc_fail(res, GG_DISCOVER_ERR_BOX);
    goto done;
  }
  if (chosen < 0) {
    chosen = 0;
    for (int s = 1; s < pr.steps; s++) {
      const prim_box *b = &pr.boxes[s], *c = &pr.boxes[chosen];
      double cov = (double)b->hits / (double)pr.hits;
      if (cov >= o->min_coverage && (double)b->hits * (double)c->n > (double)c->hits * (double)b->n)
        chosen = s;
    }
  }
  res->chosen = chosen;
  if (gga_prim_paste(&pd, &po, &pr.boxes[chosen], &box, err) != 0 ||
      disc_fill(res, &dd, &pd, &pr, &box) != 0) {
    gg_err_set(err, "discover: out of memory");
    disc_fail(res, GG_DISCOVER_ERR_RUNTIME);
    goto done;
  }
  /* The output folder: created, locked, and refused when it holds results
     (unless force) or other files. */
  gg_error e;
  if (gga_outdir_make(o->out, err) != 0) {
    disc_fail(res, GG_DISCOVER_ERR_RUNTIME);
    goto done;
  }
  int lk = gga_outdir_lock(&lock, o->out, "discover", NULL, NULL, &e);
  if (lk != 0) {
    gg_err_set(err, "out %s", e.msg);
    disc_fail(res, lk == GGA_OUT_BUSY ? GG_DISCOVER_ERR_OUT_BUSY : GG_DISCOVER_ERR_RUNTIME);
    goto done;
  }
  int st = gga_outdir_check(o->out, o->force, &e);
  if (st != 0) {
    gg_err_set(err, "out %s", e.msg);
    disc_fail(res, st == GGA_OUT_HOLDS_RESULTS ? GG_DISCOVER_ERR_OUT_HOLDS_RESULTS
                                               : GG_DISCOVER_ERR_OUT_FOREIGN);
    goto done;
  }
  if (disc_write(o, res, dd.manifest, err) != 0) {
    disc_fail(res, GG_DISCOVER_ERR_RUNTIME);
    goto done;
  }
  res->error = GG_DISCOVER_OK;
  rc = 0;
done:
  gga_outdir_unlock(&lock);
  gga_prim_box_free(&box);
  gga_prim_result_free(&pr);
  disc_data_free(&dd);
  return rc;
}
