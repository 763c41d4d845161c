/* Reading what `run --out` and `sweep --out` wrote: alignment.csv,
   stocks.csv, manifest.json, summary.csv and design.csv. */
#include "render.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a small CSV reader (our files: no quoting, ids without commas) ---- */

#define GR_CSV_MAXF 32

typedef struct gr_csv {
  char *buf;
  char *pos;
  char path[4200];
  int line;
  char *f[GR_CSV_MAXF];
  int nf;
} gr_csv;

static int gr_csv_open(gr_csv *c, const char *dir, const char *name, gg_error *err) {
  memset(c, 0, sizeof *c);
  snprintf(c->path, sizeof c->path, "%s/%s", dir, name);
  size_t len;
  char *buf = gg_read_file(c->path, &len, err);
  if (!buf) return -1;
  c->buf = c->pos = buf;
  return 0;
}

/* Next row split in place; 1 if a row was read, 0 at the end. */
static int gr_csv_row(gr_csv *c) {
  while (*c->pos) {
    char *line = c->pos;
    char *nl = strchr(line, '\n');
    c->pos = nl ? nl + 1 : line + strlen(line);
    if (nl) *nl = 0;
    c->line++;
    size_t n = strlen(line);
    if (n && line[n - 1] == '\r') line[--n] = 0;
    if (!n) continue;
    c->nf = 0;
    char *p = line;
    for (;;) {
      if (c->nf < GR_CSV_MAXF) c->f[c->nf++] = p;
      char *comma = strchr(p, ',');
      if (!comma) break;
      *comma = 0;
      p = comma + 1;
    }
    return 1;
  }
  return 0;
}

static int gr_csv_col(const gr_csv *c, const char *name) {
  for (int i = 0; i < c->nf; i++)
    if (strcmp(c->f[i], name) == 0) return i;
  return -1;
}

static int gr_csv_cols(gr_csv *c, const char *const *names, int *cols, int n, gg_error *err) {
  if (!gr_csv_row(c)) {
    snprintf(err->msg, sizeof err->msg, "%.900s: empty file", c->path);
    return -1;
  }
  for (int i = 0; i < n; i++) {
    cols[i] = gr_csv_col(c, names[i]);
    if (cols[i] < 0) {
      snprintf(err->msg, sizeof err->msg, "%.900s:1: no column '%s'", c->path, names[i]);
      return -1;
    }
  }
  return 0;
}

static int gr_csv_num(gr_csv *c, int col, double *v, gg_error *err) {
  char *end;
  if (col >= c->nf) {
    snprintf(err->msg, sizeof err->msg, "%.900s:%d: too few columns", c->path, c->line);
    return -1;
  }
  errno = 0;
  *v = strtod(c->f[col], &end);
  if (end == c->f[col] || *end || errno) {
    snprintf(err->msg, sizeof err->msg, "%.900s:%d: '%s' is not a number", c->path, c->line,
             c->f[col]);
    return -1;
  }
  return 0;
}

/* ---- run folders ------------------------------------------------------ */

static gg_scenario *gr_manifest_scenario(const char *dir, const char *override) {
  gg_error err;
  if (override)
    return strcmp(override, "(baseline)") == 0 ? gg_scenario_baseline(&err)
                                               : gg_scenario_load(override, &err);
  char path[4200];
  snprintf(path, sizeof path, "%s/manifest.json", dir);
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *text = malloc(1 << 20);
  size_t n = text ? fread(text, 1, (1 << 20) - 1, f) : 0;
  fclose(f);
  if (!text) return NULL;
  text[n] = 0;
  cJSON *root = cJSON_Parse(text);
  free(text);
  gg_scenario *sc = NULL;
  const cJSON *sp = cJSON_GetObjectItemCaseSensitive(root, "scenario_path");
  if (cJSON_IsString(sp) && sp->valuestring) {
    const char *v = sp->valuestring;
    if (strcmp(v, "(baseline)") == 0) {
      sc = gg_scenario_baseline(&err);
    } else {
      sc = gg_scenario_load(v, &err);
      if (!sc && v[0] != '/') { /* relative to where the run was made: try the folder too */
        snprintf(path, sizeof path, "%s/%s", dir, v);
        sc = gg_scenario_load(path, &err);
      }
    }
  }
  cJSON_Delete(root);
  return sc;
}

/* Ids seen in a CSV column, in order of first appearance. */
typedef struct gr_ids {
  char **v;
  int n, cap;
} gr_ids;

static int gr_ids_find(const gr_ids *ids, const char *s) {
  for (int i = 0; i < ids->n; i++)
    if (strcmp(ids->v[i], s) == 0) return i;
  return -1;
}

static int gr_ids_add(gr_ids *ids, const char *s) {
  int i = gr_ids_find(ids, s);
  if (i >= 0) return i;
  if (ids->n == ids->cap) {
    int cap = ids->cap ? ids->cap * 2 : 16;
    char **v = realloc(ids->v, (size_t)cap * sizeof *v);
    if (!v) return -1;
    ids->v = v;
    ids->cap = cap;
  }
  size_t len = strlen(s) + 1;
  ids->v[ids->n] = malloc(len);
  if (!ids->v[ids->n]) return -1;
  memcpy(ids->v[ids->n], s, len);
  return ids->n++;
}

static char **gr_ids_copy(const gr_ids *ids) {
  char **v = calloc((size_t)ids->n + 1, sizeof *v);
  for (int i = 0; v && i < ids->n; i++) {
    size_t len = strlen(ids->v[i]) + 1;
    v[i] = malloc(len);
    if (!v[i]) return v; /* freed by gr_data_free with the counts set */
    memcpy(v[i], ids->v[i], len);
  }
  return v;
}

static void gr_ids_free(gr_ids *ids) {
  for (int i = 0; i < ids->n; i++)
    free(ids->v[i]);
  free(ids->v);
  memset(ids, 0, sizeof *ids);
}

/* Metadata from the CSV alone: ids as names, the palette in order. */
static int gr_data_from_ids(gr_data *d, gr_ids *states, gr_ids *comps, gr_ids *chans) {
  memset(d, 0, sizeof *d);
  d->ns = states->n;
  d->np = comps->n - 1;
  d->nc = chans->n;
  d->sid = gr_ids_copy(states);
  d->sname = gr_ids_copy(states);
  d->cid = gr_ids_copy(chans);
  d->pid = calloc((size_t)d->np + 1, sizeof *d->pid);
  d->pname = calloc((size_t)d->np + 1, sizeof *d->pname);
  d->pcolor = calloc((size_t)d->np + 1, sizeof *d->pcolor);
  if (!d->sid || !d->sname || !d->cid || !d->pid || !d->pname || !d->pcolor) return -1;
  for (int p = 0; p < d->np; p++) {
    const char *id = comps->v[p + 1];
    size_t len = strlen(id) + 1;
    d->pid[p] = malloc(len);
    d->pname[p] = malloc(len);
    if (!d->pid[p] || !d->pname[p]) return -1;
    memcpy(d->pid[p], id, len);
    memcpy(d->pname[p], id, len);
    d->pcolor[p] = gr_okabe_ito[p % GR_PALETTE];
  }
  return 0;
}

static int gr_comp_index(const gr_data *d, const char *id) {
  if (strcmp(id, "autonomy") == 0) return 0;
  for (int p = 0; p < d->np; p++)
    if (strcmp(d->pid[p], id) == 0) return p + 1;
  return -1;
}

static int gr_state_index_d(const gr_data *d, const char *id) {
  for (int s = 0; s < d->ns; s++)
    if (strcmp(d->sid[s], id) == 0) return s;
  return -1;
}

/* The ties and hedging capacities of run `run` from DIR/ties.csv into the
   records already sized. 0, or -1 with err filled (a missing column, a
   value that is not a number). Rows of unknown states or powers, or of
   ticks outside the records, are skipped as alignment.csv's are. */
static int gr_ties_load(gr_data *d, const char *dir, long run, gg_error *err) {
  static const char *const tcols[] = {"run", "tick", "state", "power", "ties", "hedging_capacity"};
  gr_csv c;
  int col[6], rc = -1;
  if (gr_csv_open(&c, dir, "ties.csv", err) != 0) return -1;
  if (gr_csv_cols(&c, tcols, col, 6, err) != 0) goto done;
  while (gr_csv_row(&c)) {
    double rv, tv, e, h;
    if (gr_csv_num(&c, col[0], &rv, err) != 0 || gr_csv_num(&c, col[1], &tv, err) != 0 ||
        gr_csv_num(&c, col[4], &e, err) != 0 || gr_csv_num(&c, col[5], &h, err) != 0)
      goto done;
    if (col[2] >= c.nf || col[3] >= c.nf) {
      snprintf(err->msg, sizeof err->msg, "%.900s:%d: too few columns", c.path, c.line);
      goto done;
    }
    if (!isfinite(e) || !isfinite(h)) {
      snprintf(err->msg, sizeof err->msg, "%.900s:%d: expected finite ties and hedging_capacity",
               c.path, c.line);
      goto done;
    }
    if ((long)rv != run || !(tv >= 0) || tv >= d->nt) continue;
    int t = (int)tv, s = gr_state_index_d(d, c.f[col[2]]), k = gr_comp_index(d, c.f[col[3]]);
    if (s < 0 || k < 1) continue;
    d->ties[((size_t)t * d->ns + s) * d->np + (k - 1)] = e;
    d->hedge[(size_t)t * d->ns + s] = h;
  }
  rc = 0;
done:
  gg_free_buffer(c.buf);
  return rc;
}

int gr_data_load_dir(gr_data *d, const char *dir, const char *scenario_path, long run,
                     gg_scenario **sc_out, gg_error *err) {
  static const char *const acols[] = {"run", "tick", "date", "state", "component", "share"};
  static const char *const scols[] = {"run", "tick", "state", "power", "channel", "effort"};
  gr_csv c;
  int col[6];
  gr_ids states = {0}, comps = {0}, chans = {0};
  int rc = -1, maxtick = -1;
  memset(d, 0, sizeof *d);
  *sc_out = NULL;
  if (gr_csv_open(&c, dir, "alignment.csv", err) != 0) return -1;
  if (gr_csv_cols(&c, acols, col, 6, err) != 0) goto done;
  gr_ids_add(&comps, "autonomy");
  /* Pass 1: the run, the ids and the last tick. */
  while (gr_csv_row(&c)) {
    double rv, tv;
    if (gr_csv_num(&c, col[0], &rv, err) != 0 || gr_csv_num(&c, col[1], &tv, err) != 0) goto done;
    if (run < 0) run = (long)rv;
    if ((long)rv != run) continue;
    if (col[3] >= c.nf || col[4] >= c.nf) {
      snprintf(err->msg, sizeof err->msg, "%.900s:%d: too few columns", c.path, c.line);
      goto done;
    }
    if (gr_ids_add(&states, c.f[col[3]]) < 0 || gr_ids_add(&comps, c.f[col[4]]) < 0) {
      snprintf(err->msg, sizeof err->msg, "%.900s: out of memory", c.path);
      rc = -2;
      goto done;
    }
    if (tv < 0 || tv > GG_MAX_TICKS) {
      snprintf(err->msg, sizeof err->msg, "%.900s:%d: tick out of range", c.path, c.line);
      goto done;
    }
    if ((int)tv > maxtick) maxtick = (int)tv;
  }
  if (maxtick < 0) {
    snprintf(err->msg, sizeof err->msg, "%.900s: no rows for run %ld", c.path, run < 0 ? 0 : run);
    goto done;
  }
  {
    gr_csv s2;
    gg_error e2;
    if (gr_csv_open(&s2, dir, "stocks.csv", &e2) == 0) {
      int sc2[6];
      if (gr_csv_cols(&s2, scols, sc2, 6, &e2) == 0)
        while (gr_csv_row(&s2))
          if (sc2[4] < s2.nf) gr_ids_add(&chans, s2.f[sc2[4]]);
      gg_free_buffer(s2.buf);
    }
  }
  gg_scenario *sc = gr_manifest_scenario(dir, scenario_path);
  int ok = 0;
  if (sc && gr_data_init(d, sc) == 0) {
    ok = 1; /* the scenario must know every id of the CSV */
    for (int i = 0; ok && i < states.n; i++)
      ok = gr_state_index_d(d, states.v[i]) >= 0;
    for (int i = 0; ok && i < comps.n; i++)
      ok = gr_comp_index(d, comps.v[i]) >= 0;
    if (!ok) gr_data_free(d);
  }
  if (ok) {
    *sc_out = sc;
  } else {
    gg_scenario_free(sc);
    if (gr_data_from_ids(d, &states, &comps, &chans) != 0) {
      snprintf(err->msg, sizeof err->msg, "%.900s: out of memory", c.path);
      rc = -2;
      goto done;
    }
    snprintf(d->title, sizeof d->title, "%s", dir);
  }
  {
    /* Ties only from a GG-2 run's ties.csv: without it they are unknown. */
    char tpath[4200];
    FILE *tf;
    snprintf(tpath, sizeof tpath, "%s/ties.csv", dir);
    d->has_ties = (tf = fopen(tpath, "rb")) != NULL;
    if (tf) fclose(tf);
    if (d->has_ties && d->model == 0) d->model = 2;
  }
  if (gr_data_reserve(d, maxtick + 1) != 0) {
    snprintf(err->msg, sizeof err->msg, "%.900s: out of memory", c.path);
    rc = -2;
    goto done;
  }
  d->nt = maxtick + 1;
  for (int t = 0; t < d->nt; t++) {
    d->tick[t] = t;
    d->date[t][0] = 0;
  }
  memset(d->share, 0, (size_t)d->nt * d->ns * (d->np + 1) * sizeof *d->share);
  /* Pass 2: the shares (the reader splits rows in place: read again). */
  gg_free_buffer(c.buf);
  if (gr_csv_open(&c, dir, "alignment.csv", err) != 0 || gr_csv_cols(&c, acols, col, 6, err) != 0)
    goto done;
  while (gr_csv_row(&c)) {
    double rv, tv, v;
    if (gr_csv_num(&c, col[0], &rv, err) != 0 || gr_csv_num(&c, col[1], &tv, err) != 0 ||
        gr_csv_num(&c, col[5], &v, err) != 0)
      goto done;
    if ((long)rv != run) continue;
    int t = (int)tv, s = gr_state_index_d(d, c.f[col[3]]), k = gr_comp_index(d, c.f[col[4]]);
    if (s < 0 || k < 0) continue;
    d->share[((size_t)t * d->ns + s) * (d->np + 1) + k] = v;
    snprintf(d->date[t], sizeof d->date[t], "%s", c.f[col[2]]);
  }
  /* Efforts, when stocks.csv is there. */
  {
    gr_csv s2;
    gg_error e2;
    int sc2[6];
    if (d->effort && gr_csv_open(&s2, dir, "stocks.csv", &e2) == 0) {
      if (gr_csv_cols(&s2, scols, sc2, 6, &e2) == 0) {
        while (gr_csv_row(&s2)) {
          double rv, tv, v;
          if (gr_csv_num(&s2, sc2[0], &rv, &e2) || gr_csv_num(&s2, sc2[1], &tv, &e2) ||
              gr_csv_num(&s2, sc2[5], &v, &e2) || (long)rv != run || tv < 0 || tv >= d->nt)
            continue;
          int s = gr_state_index_d(d, s2.f[sc2[2]]), k = gr_comp_index(d, s2.f[sc2[3]]);
          int ch = -1;
          for (int i = 0; i < d->nc; i++)
            if (strcmp(d->cid[i], s2.f[sc2[4]]) == 0) ch = i;
          if (s >= 0 && k > 0 && ch >= 0)
            d->effort[(((size_t)tv * d->ns + s) * d->np + (k - 1)) * d->nc + ch] = v;
        }
      }
      gg_free_buffer(s2.buf);
    }
  }
  if (d->has_ties && gr_ties_load(d, dir, run, err) != 0) goto done;
  rc = 0;
done:
  gg_free_buffer(c.buf);
  gr_ids_free(&states);
  gr_ids_free(&comps);
  gr_ids_free(&chans);
  if (rc != 0) {
    gr_data_free(d);
    gg_scenario_free(*sc_out);
    *sc_out = NULL;
  }
  return rc;
}

/* ---- sweep folders ---------------------------------------------------- */

void gr_sweep_free(gr_sweep *sw) {
  free(sw->x);
  free(sw->q05);
  free(sw->q50);
  free(sw->q95);
  free(sw->mean);
  memset(sw, 0, sizeof *sw);
}

static int gr_sweep_push(gr_sweep *sw, int *cap, double x, const double q[4]) {
  if (sw->n == *cap) {
    int nc = *cap ? *cap * 2 : 64;
    double *a = realloc(sw->x, (size_t)nc * sizeof *a);
    if (a) sw->x = a;
    double *b = realloc(sw->q05, (size_t)nc * sizeof *b);
    if (b) sw->q05 = b;
    double *e = realloc(sw->q50, (size_t)nc * sizeof *e);
    if (e) sw->q50 = e;
    double *f = realloc(sw->q95, (size_t)nc * sizeof *f);
    if (f) sw->q95 = f;
    double *m = realloc(sw->mean, (size_t)nc * sizeof *m);
    if (m) sw->mean = m;
    if (!a || !b || !e || !f || !m) return -1;
    *cap = nc;
  }
  sw->x[sw->n] = x;
  sw->mean[sw->n] = q[0];
  sw->q05[sw->n] = q[1];
  sw->q50[sw->n] = q[2];
  sw->q95[sw->n] = q[3];
  sw->n++;
  return 0;
}

/* The first parameter column of design.csv as the x axis, if it exists. */
static double *gr_design_x(const char *dir, int n, char *label, size_t lsize) {
  gr_csv c;
  gg_error err;
  if (gr_csv_open(&c, dir, "design.csv", &err) != 0) return NULL;
  double *x = NULL;
  if (gr_csv_row(&c) && c.nf >= 2 && strcmp(c.f[0], "sample") == 0) {
    snprintf(label, lsize, "%s", c.f[1]);
    x = calloc((size_t)n + 1, sizeof *x);
    while (x && gr_csv_row(&c)) {
      double s, v;
      if (gr_csv_num(&c, 0, &s, &err) == 0 && gr_csv_num(&c, 1, &v, &err) == 0 && s >= 0 && s < n)
        x[(int)s] = v;
    }
  }
  gg_free_buffer(c.buf);
  return x;
}

int gr_sweep_load(gr_sweep *sw, const char *dir, const char *metric, gg_error *err) {
  static const char *const cols[] = {"sample", "metric", "mean", "q05", "q50", "q95"};
  gr_csv c;
  int col[6], cap = 0, rc = -1;
  memset(sw, 0, sizeof *sw);
  if (gr_csv_open(&c, dir, "summary.csv", err) != 0) return -1;
  if (gr_csv_cols(&c, cols, col, 6, err) != 0) goto done;
  int maxs = 0;
  while (gr_csv_row(&c)) {
    double s, q[4];
    if (col[1] >= c.nf) continue;
    if (!metric || !*metric) {
      snprintf(sw->metric, sizeof sw->metric, "%s", c.f[col[1]]);
      metric = sw->metric;
    }
    if (strcmp(c.f[col[1]], metric) != 0) continue;
    if (gr_csv_num(&c, col[0], &s, err) || gr_csv_num(&c, col[2], &q[0], err) ||
        gr_csv_num(&c, col[3], &q[1], err) || gr_csv_num(&c, col[4], &q[2], err) ||
        gr_csv_num(&c, col[5], &q[3], err))
      goto done;
    if (gr_sweep_push(sw, &cap, s, q) != 0) {
      snprintf(err->msg, sizeof err->msg, "%.900s: out of memory", c.path);
      rc = -2;
      goto done;
    }
    if ((int)s + 1 > maxs) maxs = (int)s + 1;
  }
  if (sw->n == 0) {
    snprintf(err->msg, sizeof err->msg, "%.700s: no rows for metric '%.200s'", c.path,
             metric ? metric : "");
    goto done;
  }
  snprintf(sw->metric, sizeof sw->metric, "%s", metric);
  snprintf(sw->xlabel, sizeof sw->xlabel, "sample");
  double *dx = gr_design_x(dir, maxs, sw->xlabel, sizeof sw->xlabel);
  if (dx) {
    for (int i = 0; i < sw->n; i++)
      sw->x[i] = dx[(int)sw->x[i]];
    free(dx);
  }
  /* Sort by x so the bands draw left to right (insertion sort: small n). */
  for (int i = 1; i < sw->n; i++)
    for (int j = i; j > 0 && sw->x[j - 1] > sw->x[j]; j--) {
      double *arr[5] = {sw->x, sw->mean, sw->q05, sw->q50, sw->q95};
      for (int a = 0; a < 5; a++) {
        double t = arr[a][j];
        arr[a][j] = arr[a][j - 1];
        arr[a][j - 1] = t;
      }
    }
  rc = 0;
done:
  gg_free_buffer(c.buf);
  if (rc != 0) gr_sweep_free(sw);
  return rc;
}
