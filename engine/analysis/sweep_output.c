/* A sweep's output files: design.csv, manifest.json, and runs.csv,
   summary.csv and trajectories.csv assembled from the blocks in sample
   order, streaming (one sample's replicates in memory at a time). */
#include "run_record.h"
#include "gg_util.h"
#include "outfile.h"
#include "sweep.h"
#include "sweep_batch.h"
#include "trace.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- what --trajectories records ----------------------------------------
   sweep_opts.trajectories is a mask of these: shares (trajectories.csv, the
   rows of a run's alignment.csv), stocks (trajectories_stocks.csv, of
   stocks.csv), indicators (trajectories_indicators.csv, of indicators.csv)
   and ties (trajectories_ties.csv, of ties.csv), each row headed by sample
   and replicate instead of run. In a block's .traj the lines of the last
   three carry a tag ("s|", "i|", "t|"). */
enum { GGA_TRAJ_SHARES = 1, GGA_TRAJ_STOCKS = 2, GGA_TRAJ_INDICATORS = 4, GGA_TRAJ_TIES = 8 };
static const char traj_tags[] = "sit";
static const char *const traj_names[] = {"shares", "stocks", "indicators", "ties"};
static const char *const traj_files[] = {"trajectories_stocks.csv", "trajectories_indicators.csv",
                                         "trajectories_ties.csv"};
static const char *const traj_columns[] = {"power,channel,stock,effort", "indicator,partner,value",
                                           "power,ties,dependence,hedging_capacity"};

int gga_sweep_write_design(const sweep *sw, gga_outset *set, gg_error *err) {
  FILE *f = gga_outset_open(set, "design.csv", err);
  if (!f) return -1;
  fprintf(f, "sample");
  for (int j = 0; j < sw->o.nparams; j++)
    fprintf(f, ",%s", sw->o.params[j].path);
  for (int k = 0; k < sw->o.nfactors; k++)
    fprintf(f, ",%s", sw->o.factors[k].path);
  fputc('\n', f);
  char v[40];
  for (long i = 0; i < sw->ds.n; i++) {
    fprintf(f, "%ld", i);
    for (int j = 0; j < sw->o.nparams; j++) {
      gga_sweep_fmt(v, sizeof v, gga_sweep_value(sw, i, j));
      fprintf(f, ",%s", v);
    }
    for (int k = 0; k < sw->o.nfactors; k++)
      fprintf(f, ",%s", sw->o.factors[k].levels[gga_sweep_level(sw, i, k)]);
    fputc('\n', f);
  }
  return 0;
}

/* The command that wrote the folder: the second word of the command line
   when it is one that writes sweeps, else the folder's kind. */
static const char *sweep_command_name(const char *command, const char *kind) {
  static const char *const names[] = {"sweep", "sensitivity", "merge"};
  const char *sp = command ? strchr(command, ' ') : NULL;
  if (!sp) return kind;
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    size_t n = strlen(names[i]);
    if (strncmp(sp + 1, names[i], n) == 0 && (sp[1 + n] == ' ' || sp[1 + n] == '\0'))
      return names[i];
  }
  return kind;
}

int gga_sweep_write_manifest(const sweep *sw, const char *status, const char *finished,
                             gga_outset *set, gg_error *err) {
  const sweep_opts *o = &sw->o;
  int sens = o->kind == DESIGN_SALTELLI || o->kind == DESIGN_MORRIS || o->kind == DESIGN_EFAST;
  const char *kind = sens ? "sensitivity" : "sweep";
  cJSON *root = cJSON_CreateObject();
  uint64_t base_seed = gg_scenario_seed(o->sc);
  const char *line = o->command ? o->command : "";
  int bad = !root || gga_manifest_head(root, kind, sweep_command_name(o->command, kind), status, -1,
                                       &line, o->sc, "scenario.json", &base_seed) != 0;
  cJSON *sc = cJSON_AddObjectToObject(root, "scenario");
  cJSON_AddStringToObject(sc, "name", gg_scenario_name(o->sc));
  cJSON_AddStringToObject(sc, "sha256", gg_scenario_sha256(o->sc));
  char seed[32];
  snprintf(seed, sizeof seed, "%llu", (unsigned long long)gg_scenario_seed(o->sc));
  cJSON_AddStringToObject(sc, "seed", seed);
  cJSON_AddStringToObject(sc, "set", o->sets ? o->sets : "");
  cJSON *s = cJSON_AddObjectToObject(root, "sweep");
  cJSON_AddStringToObject(s, "hash", sw->hash_hex);
  cJSON_AddStringToObject(s, "design", gga_design_name(o->kind));
  snprintf(seed, sizeof seed, "%llu", (unsigned long long)o->design_seed);
  cJSON_AddStringToObject(s, "design_seed", seed);
  cJSON_AddNumberToObject(s, "samples", (double)sw->ds.n);
  cJSON_AddNumberToObject(s, "replicates", o->replicates);
  cJSON_AddNumberToObject(s, "runs", (double)sw->runs);
  cJSON_AddNumberToObject(s, "block_runs", (double)o->block_runs);
  cJSON_AddNumberToObject(s, "blocks", (double)sw->blocks);
  cJSON_AddStringToObject(
      s, "seeds",
      o->independent_seeds ? "gg_seed_derive(scenario seed, sample, replicate)"
                           : "gg_seed_derive(scenario seed, 0, replicate): common random numbers");
  cJSON *ps = cJSON_AddArrayToObject(s, "params");
  for (int j = 0; j < o->nparams; j++) {
    cJSON *p = cJSON_CreateObject();
    cJSON_AddStringToObject(p, "path", o->params[j].path);
    cJSON_AddNumberToObject(p, "lo", o->params[j].lo);
    cJSON_AddNumberToObject(p, "hi", o->params[j].hi);
    if (o->params[j].steps) cJSON_AddNumberToObject(p, "steps", o->params[j].steps);
    cJSON_AddItemToArray(ps, p);
  }
  if (o->nfactors > 0) {
    cJSON *fs = cJSON_AddArrayToObject(s, "factors");
    for (int k = 0; k < o->nfactors; k++) {
      cJSON *x = cJSON_CreateObject();
      cJSON_AddStringToObject(x, "path", o->factors[k].path);
      cJSON *lv = cJSON_AddArrayToObject(x, "levels");
      for (int l = 0; l < o->factors[k].nlevels; l++)
        cJSON_AddItemToArray(lv, cJSON_CreateString(o->factors[k].levels[l]));
      if (strcmp(o->factors[k].path, "scenario") == 0) {
        cJSON *sh = cJSON_AddArrayToObject(x, "sha256");
        for (int l = 0; l < o->nlevel_sha; l++)
          cJSON_AddItemToArray(sh, cJSON_CreateString(o->level_sha[l]));
      }
      cJSON_AddItemToArray(fs, x);
    }
  }
  cJSON *ms = cJSON_AddArrayToObject(s, "metrics");
  for (int m = 0; m < o->metrics->n; m++)
    cJSON_AddItemToArray(ms, cJSON_CreateString(o->metrics->m[m].name));
  cJSON_AddBoolToObject(s, "trajectories", o->trajectories != 0);
  if (o->trajectories) {
    cJSON *tk = cJSON_AddArrayToObject(s, "trajectory_kinds");
    for (int k = 0; k < 4; k++)
      if (o->trajectories & (1 << k)) cJSON_AddItemToArray(tk, cJSON_CreateString(traj_names[k]));
  }
  cJSON_AddStringToObject(s, "key", sw->key);
  if (o->args) {
    cJSON *args = cJSON_AddArrayToObject(s, "args");
    for (int i = 0; i < o->nargs; i++)
      cJSON_AddItemToArray(args, cJSON_CreateString(o->args[i]));
  }
  if (finished) {
    cJSON_AddNumberToObject(s, "failed_runs", (double)sw->runs_failed);
    cJSON_AddNumberToObject(s, "blocks_reused", (double)sw->blocks_reused);
  }
  if (o->started) cJSON_AddStringToObject(root, "started", o->started);
  if (finished) cJSON_AddStringToObject(root, "finished", finished);
  cJSON *varied = NULL;
  for (int j = 0; j < o->nparams && !bad; j++)
    if (!(varied = gga_manifest_varied(varied, "--param", o->params[j].path, o->params[j].lo,
                                       o->params[j].hi, o->params[j].steps, NULL, 0)))
      bad = 1;
  for (int k = 0; k < o->nfactors && !bad; k++) {
    const char *lv[GG_SWEEP_MAX_LEVELS];
    int n = o->factors[k].nlevels;
    for (int l = 0; l < n; l++)
      lv[l] = o->factors[k].levels[l];
    if (!(varied = gga_manifest_varied(varied, "--factor", o->factors[k].path, 0, 0, 0, lv, n)))
      bad = 1;
  }
  const char *files[12];
  int nfiles = 0;
  if (strcmp(status, "shard-complete") == 0) {
    files[nfiles++] = "scenario.json";
    files[nfiles++] = "shard.json";
  } else if (finished) {
    files[nfiles++] = "scenario.json";
    files[nfiles++] = "design.csv";
    files[nfiles++] = "runs.csv";
    files[nfiles++] = "summary.csv";
    if (o->trajectories & GGA_TRAJ_SHARES) files[nfiles++] = "trajectories.csv";
    for (int k = 0; k < 3; k++)
      if (o->trajectories & (GGA_TRAJ_STOCKS << k)) files[nfiles++] = traj_files[k];
    if (sens) files[nfiles++] = "indices.csv";
    if (sens && o->second) files[nfiles++] = "indices2.csv";
  }
  if (!bad && gga_manifest_tail(root, o->sc, varied, files, nfiles) != 0) bad = 1;
  char *text = bad ? NULL : cJSON_Print(root);
  cJSON_Delete(root);
  if (!text) {
    gg_err_set(err, "%s/manifest.json: out of memory", o->out);
    return -1;
  }
  int rc = 0;
  if (set) {
    FILE *f = gga_outset_open(set, "manifest.json", err);
    if (f) {
      fputs(text, f);
      fputc('\n', f);
    } else {
      rc = -1;
    }
  } else {
    rc = gg_outfile_write_json(o->out, "manifest.json", text, err);
  }
  cJSON_free(text);
  return rc;
}

/* Split a runs.csv line in place into at most `max` fields. */
static int sweep_split(char *line, char **field, int max) {
  int n = 0;
  char *p = line;
  while (n < max) {
    field[n++] = p;
    char *c = strchr(p, ',');
    if (!c) break;
    *c = '\0';
    p = c + 1;
  }
  char *nl = strchr(field[n - 1], '\n');
  if (nl) *nl = '\0';
  return n;
}

/* One sample's replicates: values[m * R + r] of the runs that succeeded. */
typedef struct sweep_stats {
  int metrics, replicates;
  double *values;
  int *count;
  int excluded;
  int ok; /* runs that succeeded */
} sweep_stats;

static void sweep_stats_emit(FILE *f, sweep_stats *st, long sample, const metric_set *ms) {
  char v[5][40];
  for (int m = 0; m < st->metrics; m++) {
    double *x = st->values + (size_t)m * (size_t)st->replicates;
    size_t n = (size_t)st->count[m];
    double mean = NAN, sd = NAN, q05 = NAN, q50 = NAN, q95 = NAN;
    if (n > 0) {
      gsl_sort(x, 1, n);
      mean = gsl_stats_mean(x, 1, n);
      sd = n > 1 ? gsl_stats_sd_m(x, 1, n, mean) : NAN;
      q05 = gsl_stats_quantile_from_sorted_data(x, 1, n, 0.05);
      q50 = gsl_stats_quantile_from_sorted_data(x, 1, n, 0.50);
      q95 = gsl_stats_quantile_from_sorted_data(x, 1, n, 0.95);
    }
    gga_sweep_fmt(v[0], sizeof v[0], mean);
    gga_sweep_fmt(v[1], sizeof v[1], sd);
    gga_sweep_fmt(v[2], sizeof v[2], q05);
    gga_sweep_fmt(v[3], sizeof v[3], q50);
    gga_sweep_fmt(v[4], sizeof v[4], q95);
    fprintf(f, "%ld,%s,%zu,%d,%s,%s,%s,%s,%s\n", sample, ms->m[m].name, n, st->excluded, v[0], v[1],
            v[2], v[3], v[4]);
    st->count[m] = 0;
  }
  st->excluded = 0;
  st->ok = 0;
}

/* What the assembly keeps while it reads the blocks in order. */
typedef struct sweep_asm {
  sweep *sw;
  FILE *fr, *fs, *ft;
  FILE *fk[3]; /* trajectories of stocks, indicators and ties (tags s, i, t) */
  sweep_stats st;
  char **field;
  long cur; /* the sample whose replicates are being gathered */
  long b;   /* the block being read */
  const char *path;
} sweep_asm;

/* One runs.csv line of a block: copied, and its values gathered. */
static int sweep_asm_line(void *ctx, char *line, size_t n, gg_error *err) {
  sweep_asm *a = ctx;
  const metric_set *ms = a->sw->o.metrics;
  int M = ms->n, R = a->sw->o.replicates;
  fwrite(line, 1, n, a->fr);
  int nf = sweep_split(line, a->field, M + 5);
  long sample = strtol(a->field[0], NULL, 10);
  if (nf != M + 5 || sample < a->cur || sample >= a->sw->ds.n) {
    gg_err_set(err, "%.900s: malformed run line", a->path);
    return -1;
  }
  for (; a->cur < sample; a->cur++)
    sweep_stats_emit(a->fs, &a->st, a->cur, ms);
  if (strcmp(a->field[3], "ok") != 0) {
    a->st.excluded++;
    a->sw->runs_failed++;
    return 0;
  }
  if (a->st.ok >= R) {
    gg_err_set(err, "%.900s: too many runs of sample %ld", a->path, sample);
    return -1;
  }
  a->st.ok++;
  for (int m = 0; m < M; m++) {
    if (a->field[5 + m][0] == '\0') continue; /* no value (first: never crossed) */
    double v = strtod(a->field[5 + m], NULL);
    a->st.values[(size_t)m * (size_t)R + (size_t)a->st.count[m]++] = v;
  }
  return 0;
}

/* One line of a block's .traj: a share line copied into trajectories.csv,
   a tagged line ("s|", "i|", "t|") into its kind's file without the tag. */
static int sweep_asm_traj(void *ctx, char *line, size_t n, gg_error *err) {
  sweep_asm *a = ctx;
  if (n >= 2 && line[1] == '|') {
    const char *tag = strchr(traj_tags, line[0]);
    FILE *f = tag ? a->fk[tag - traj_tags] : NULL;
    if (!f) {
      gg_err_set(err, "%.900s: a line of a kind this sweep does not record", a->path);
      return -1;
    }
    fwrite(line + 2, 1, n - 2, f);
    return 0;
  }
  if (!a->ft) {
    gg_err_set(err, "%.900s: a share line in a sweep that does not record shares", a->path);
    return -1;
  }
  fwrite(line, 1, n, a->ft);
  return 0;
}

int gga_sweep_traj_parse(const char *text, int *mask, gg_error *err);
int gga_sweep_traj_text(int mask, char *buf, size_t size);
int gga_sweep_traj_more(sweep_worker *w, const gg_sim *sim);

/* "shares,stocks,indicators,ties" (any of them, in any order) into a mask.
   0, or -1 with err naming the word. */
int gga_sweep_traj_parse(const char *text, int *mask, gg_error *err) {
  *mask = 0;
  const char *p = text;
  for (;;) {
    size_t n = strcspn(p, ",");
    int k = 0;
    while (k < 4 && !(strlen(traj_names[k]) == n && strncmp(p, traj_names[k], n) == 0))
      k++;
    if (k == 4) {
      gg_err_set(err, "\"%.*s\": expected shares, stocks, indicators or ties (comma-separated)",
                 (int)(n < 100 ? n : 100), p);
      return -1;
    }
    *mask |= 1 << k;
    if (p[n] == '\0') return 0;
    p += n + 1;
  }
}

/* The mask as "shares,stocks,..." (in that order). The length written. */
int gga_sweep_traj_text(int mask, char *buf, size_t size) {
  size_t len = 0;
  buf[0] = '\0';
  for (int k = 0; k < 4; k++)
    if (mask & (1 << k)) {
      int n = snprintf(buf + len, size - len, "%s%s", len ? "," : "", traj_names[k]);
      if (n < 0 || (size_t)n >= size - len) break;
      len += (size_t)n;
    }
  return (int)len;
}

/* A run's stocks, indicators and ties at this tick (as the kinds ask), the
   very lines of `run --out` (trace.c) with "sample,replicate" in place of
   the run number, tagged, into the block's .traj. 0, or -1 when out of
   memory. */
int gga_sweep_traj_more(sweep_worker *w, const gg_sim *sim) {
  int kinds = w->sw->o.trajectories;
  const gg_scenario *sc = gg_sim_scenario(sim);
  for (int k = 0; k < 3; k++) {
    if (!(kinds & (GGA_TRAJ_STOCKS << k))) continue;
    if (k == 1 && gg_scenario_measures(sc) == 0) continue;
    if (k == 2 && gg_scenario_model(sc) != 2) continue;
    char *buf = NULL;
    size_t len = 0;
    FILE *ms = open_memstream(&buf, &len);
    if (!ms) return -1;
    gg_trace tr;
    memset(&tr, 0, sizeof tr);
    if (k == 0) tr.stocks = ms;
    if (k == 1) tr.indicators = ms;
    if (k == 2) tr.ties = ms;
    int bad = gg_trace_tick(&tr, sim);
    if (fclose(ms) != 0 || bad) {
      free(buf);
      return -1;
    }
    char head[64];
    int hn = snprintf(head, sizeof head, "%c|%ld,%ld", traj_tags[k], w->sample, w->replicate);
    for (char *line = buf; line < buf + len;) {
      char *nl = memchr(line, '\n', (size_t)(buf + len - line));
      char *end = nl ? nl + 1 : buf + len;
      char *comma = memchr(line, ',', (size_t)(end - line)); /* after the run number */
      if (comma) {
        w->traj_h = gga_sweep_fnv(w->traj_h, head, (size_t)hn);
        w->traj_h = gga_sweep_fnv(w->traj_h, comma, (size_t)(end - comma));
        fwrite(head, 1, (size_t)hn, w->traj);
        fwrite(comma, 1, (size_t)(end - comma), w->traj);
        w->traj_lines++;
      }
      line = end;
    }
    free(buf);
  }
  return 0;
}

int gga_sweep_assemble(sweep *sw, const char *blockdir, gga_outset *set, gg_error *err) {
  const metric_set *ms = sw->o.metrics;
  int R = sw->o.replicates, M = ms->n;
  sweep_asm a;
  memset(&a, 0, sizeof a);
  a.sw = sw;
  a.st = (sweep_stats){
      M, R, gg_malloc((size_t)M * (size_t)R * sizeof(double)), gg_calloc((size_t)M, sizeof(int)),
      0, 0};
  a.field = gg_malloc((size_t)(M + 6) * sizeof(char *));
  int rc = -1;
  if (!a.st.values || !a.st.count || !a.field) {
    gg_err_set(err, "sweep: out of memory");
    goto done;
  }
  a.fr = gga_outset_open(set, "runs.csv", err);
  if (!a.fr) goto done;
  a.fs = gga_outset_open(set, "summary.csv", err);
  if (!a.fs) goto done;
  if (sw->o.trajectories & GGA_TRAJ_SHARES) {
    a.ft = gga_outset_open(set, "trajectories.csv", err);
    if (!a.ft) goto done;
    fprintf(a.ft, "sample,replicate,seed,tick,date,state,component,share\n");
  }
  for (int k = 0; k < 3; k++) {
    if (!(sw->o.trajectories & (GGA_TRAJ_STOCKS << k))) continue;
    a.fk[k] = gga_outset_open(set, traj_files[k], err);
    if (!a.fk[k]) goto done;
    fprintf(a.fk[k], "sample,replicate,seed,tick,date,state,%s\n", traj_columns[k]);
  }
  fprintf(a.fr, "sample,replicate,seed,status,reason");
  for (int m = 0; m < M; m++)
    fprintf(a.fr, ",%s", ms->m[m].name);
  fputc('\n', a.fr);
  fprintf(a.fs, "sample,metric,n,excluded,mean,sd,q05,q50,q95\n");
  sw->runs_failed = 0;
  char name[64], path[4300];
  a.path = path;
  /* Every block is checked against this sweep as it is read: a block of
     another sweep, or a damaged one, stops the assembly (nothing is put in
     place) instead of being mixed into the files. */
  for (long b = 0; b < sw->blocks; b++) {
    a.b = b;
    gga_sweep_block_name(name, sizeof name, b, "csv");
    snprintf(path, sizeof path, "%s/%s", blockdir, name);
    if (gga_sweep_read_block(sw, path, b, 0, sweep_asm_line, &a, err) != 0) goto done;
    if (sw->o.trajectories) {
      gga_sweep_block_name(name, sizeof name, b, "traj");
      snprintf(path, sizeof path, "%s/%s", blockdir, name);
      if (gga_sweep_read_block(sw, path, b, 1, sweep_asm_traj, &a, err) != 0) goto done;
    }
  }
  for (; a.cur < sw->ds.n; a.cur++)
    sweep_stats_emit(a.fs, &a.st, a.cur, ms);
  rc = 0;
done:
  gg_free(a.st.values);
  gg_free(a.st.count);
  gg_free(a.field);
  return rc;
}

int gga_sweep_read_means(const char *dir, long samples, int nmetrics, double *y, long *failed,
                         gg_error *err) {
  char path[4200];
  snprintf(path, sizeof path, "%s/runs.csv", dir);
  FILE *f = fopen(path, "rb");
  if (!f) {
    gg_err_set(err, "%.900s: cannot open: %s", path, strerror(errno));
    return -1;
  }
  long *count = gg_calloc((size_t)samples * (size_t)nmetrics, sizeof(long));
  char **field = gg_malloc((size_t)(nmetrics + 6) * sizeof(char *));
  char *line = NULL;
  size_t cap = 0;
  int rc = -1;
  *failed = 0;
  if (!count || !field) {
    gg_err_set(err, "%.900s: out of memory", path);
    goto done;
  }
  for (long i = 0; i < samples * nmetrics; i++)
    y[i] = 0.0;
  if (getline(&line, &cap, f) <= 0) {
    gg_err_set(err, "%.900s: empty", path);
    goto done;
  }
  while (getline(&line, &cap, f) > 0) {
    int nf = sweep_split(line, field, nmetrics + 5);
    long i = strtol(field[0], NULL, 10);
    if (nf != nmetrics + 5 || i < 0 || i >= samples) {
      gg_err_set(err, "%.900s: malformed line", path);
      goto done;
    }
    if (strcmp(field[3], "ok") != 0) {
      (*failed)++;
      continue;
    }
    for (int m = 0; m < nmetrics; m++) {
      if (field[5 + m][0] == '\0') continue; /* no value (first: never crossed) */
      y[(size_t)m * (size_t)samples + (size_t)i] += strtod(field[5 + m], NULL);
      count[(size_t)m * (size_t)samples + (size_t)i]++;
    }
  }
  for (long k = 0; k < samples * nmetrics; k++)
    y[k] = count[k] ? y[k] / (double)count[k] : NAN;
  rc = 0;
done:
  fclose(f);
  gg_free(count);
  gg_free(field);
  free(line);
  return rc;
}
