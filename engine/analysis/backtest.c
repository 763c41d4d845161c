/* gg_backtest_run: out-of-sample forecasts of observed indicators through a
   measurement model fitted on the years up to fit_until, scored against
   persistence and a linear trend (greatgame backtest; the model and the rules
   are documented in <greatgame/backtest.h>). Order: read and check the
   observed file, take the output folder, run the scenario once, fit, forecast,
   score, write forecasts.csv, scores.csv and manifest.json as one set. */
#include "run_record.h"
#include "backtest_int.h"
#include "calibrate.h"
#include "gg_util.h"
#include "outfile.h"

#include <cjson/cJSON.h>
#include <gsl/gsl_multifit.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BT_MAX_INDICATORS 32

#define BT_K GG_MEASURE_MAX_TERMS

/* One fitted line: a measurement entry and a partner (or none). */
typedef struct bt_group {
  int model;   /* index into r->models */
  int partner; /* the partner's power index, or -1 */
  char partner_id[GGA_BT_ID_MAX];
  int rows; /* observations of the group (any date) */
} bt_group;

/* What each observation is in the backtest. */
typedef struct bt_use {
  int group;      /* -1: not used */
  int t0, t1;     /* its ticks in the run */
  int covered;    /* some tick in the run */
  double x[BT_K]; /* the terms' means over those ticks */
  double tkey;    /* the date on a year axis */
} bt_use;

typedef struct bt_row {
  gg_backtest_forecast f;
  double tkey;
  int state;
} bt_row;

struct gg_backtest_result {
  gga_bt_obs *obs;
  int nobs;
  char **state_ids; /* copies of the scenario's, [S] */
  int S;
  bt_group *groups;
  int ngroups;
  gg_backtest_param *params;
  gg_backtest_forecast *fc;
  int nfc;
  gg_backtest_score *scores;
  int nscores;
  char ind_names[BT_MAX_INDICATORS][GGA_BT_ID_MAX];
  int nind;
  /* the measurement model: the scenario's section, or the built-in one */
  const gg_measure *models;
  int nmodels;
  gg_measure builtin[2];
  int builtin_partners[32];
  char equations[BT_MAX_INDICATORS * 2][256];
  char term_names[BT_MAX_INDICATORS * 2][BT_K][96];
  const char *term_ptrs[BT_MAX_INDICATORS * 2][BT_K];
  char **notes;
  int nnotes, cap_notes;
  int oom;
  gg_backtest_counts counts;
  char sha[65];
  double *fitted; /* the free parameters' fitted values [nparams] */
  int nfitted;
  double loss;
};

gg_backtest_options gg_backtest_defaults(void) {
  gg_backtest_options o;
  memset(&o, 0, sizeof o);
  o.starts = 8;
  o.max_iter = 500;
  return o;
}

static void bt_note(gg_backtest_result *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void bt_note(gg_backtest_result *r, const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (r->nnotes == r->cap_notes) {
    int nc = r->cap_notes ? 2 * r->cap_notes : 8;
    char **nn = gg_realloc(r->notes, sizeof *nn * (size_t)r->cap_notes, sizeof *nn * (size_t)nc);
    if (!nn) {
      r->oom = 1;
      return;
    }
    r->notes = nn;
    r->cap_notes = nc;
  }
  char *s = gg_strdup(buf);
  if (!s) {
    r->oom = 1;
    return;
  }
  r->notes[r->nnotes++] = s;
}

void gg_backtest_free(gg_backtest_result *r) {
  if (!r) return;
  for (int i = 0; i < r->nnotes; i++)
    gg_free(r->notes[i]);
  gg_free(r->notes);
  for (int s = 0; s < r->S && r->state_ids; s++)
    gg_free(r->state_ids[s]);
  gg_free(r->state_ids);
  gg_free(r->obs);
  gg_free(r->groups);
  gg_free(r->params);
  gg_free(r->fc);
  gg_free(r->scores);
  gg_free(r->fitted);
  gg_free(r);
}

/* The first entry of the measurement model for an indicator, or -1. */
static int bt_model_of(const gg_backtest_result *r, const char *indicator) {
  for (int m = 0; m < r->nmodels; m++)
    if (strcmp(r->models[m].indicator, indicator) == 0) return m;
  return -1;
}

/* The measurement model: the scenario's section, else the built-in one
   (UN agreement with every power, logit of its share; remittances linear in
   Russia's share, when the scenario has a power "RU"). */
static int bt_models_init(gg_backtest_result *r, const gg_scenario *sc, gg_error *err) {
  int M = gg_scenario_measures(sc);
  if (M > 0) {
    if (M > BT_MAX_INDICATORS * 2) {
      gg_err_set(err, "measurement: more than %d entries", BT_MAX_INDICATORS * 2);
      return -1;
    }
    r->models = gg_scenario_measure(sc, 0);
    r->nmodels = M;
  } else {
    int P = gg_scenario_powers(sc);
    if (P > 32) P = 32;
    gg_measure *u = &r->builtin[0];
    memset(r->builtin, 0, sizeof r->builtin);
    u->indicator = "un_agreement";
    for (int p = 0; p < P; p++)
      r->builtin_partners[p] = p;
    u->npartners = P;
    u->partners = r->builtin_partners;
    u->of = -1;
    u->link = GG_LINK_LOGIT;
    u->nterms = 1;
    u->terms[0].kind = GG_TERM_SHARE;
    u->terms[0].index = -1;
    u->note = "built in";
    gg_measure *m = &r->builtin[1];
    *m = *u;
    m->indicator = "remittances_gdp";
    m->npartners = 0;
    m->partners = NULL;
    m->of = gg_power_index(sc, "RU");
    m->link = GG_LINK_IDENTITY;
    r->models = r->builtin;
    r->nmodels = m->of >= 0 ? 2 : 1;
  }
  for (int m = 0; m < r->nmodels; m++) {
    const gg_measure *e = &r->models[m];
    int n =
        snprintf(r->equations[m], sizeof r->equations[m], "%s(value) = a", gg_link_name(e->link));
    for (int k = 0; k < e->nterms; k++) {
      gg_measure_term_name(sc, &e->terms[k], r->term_names[m][k], sizeof r->term_names[m][k]);
      r->term_ptrs[m][k] = r->term_names[m][k];
      if (n >= 0 && (size_t)n < sizeof r->equations[m])
        n += snprintf(r->equations[m] + n, sizeof r->equations[m] - (size_t)n, " + b%d * %s", k + 1,
                      r->term_names[m][k]);
    }
  }
  return 0;
}

static int bt_selected(const gg_backtest_result *r, const char *indicator) {
  for (int i = 0; i < r->nind; i++)
    if (strcmp(r->ind_names[i], indicator) == 0) return 1;
  return 0;
}

/* The comma-separated list into r->ind_names. 0, or -1 with err. */
static int bt_indicators(gg_backtest_result *r, const char *list, gg_error *err) {
  if (!list) {
    for (int m = 0; m < r->nmodels && r->nind < BT_MAX_INDICATORS; m++)
      if (!bt_selected(r, r->models[m].indicator))
        snprintf(r->ind_names[r->nind++], GGA_BT_ID_MAX, "%s", r->models[m].indicator);
    return 0;
  }
  const char *p = list;
  for (;;) {
    const char *c = strchr(p, ',');
    size_t n = c ? (size_t)(c - p) : strlen(p);
    if (n == 0 || n >= GGA_BT_ID_MAX) {
      gg_err_set(err, "indicators: expected a comma-separated list of names, got \"%.60s\"", list);
      return -1;
    }
    if (r->nind == BT_MAX_INDICATORS) {
      gg_err_set(err, "indicators: more than %d", BT_MAX_INDICATORS);
      return -1;
    }
    char name[GGA_BT_ID_MAX];
    memcpy(name, p, n);
    name[n] = '\0';
    if (!bt_selected(r, name)) memcpy(r->ind_names[r->nind++], name, n + 1);
    if (!c) break;
    p = c + 1;
  }
  return 0;
}

/* The ticks of an observation's date: [t0, t1] before clamping. */
static int bt_period(const gg_scenario *sc, const gga_bt_obs *o, int *t0, int *t1) {
  char a[24], b[24];
  gg_step step = gg_scenario_step(sc);
  if (step == GG_STEP_MONTH) {
    if (o->month) {
      snprintf(a, sizeof a, "%04d-%02d", o->year, o->month);
      snprintf(b, sizeof b, "%s", a);
    } else {
      snprintf(a, sizeof a, "%04d-01", o->year);
      snprintf(b, sizeof b, "%04d-12", o->year);
    }
  } else if (step == GG_STEP_QUARTER) {
    if (o->month) {
      snprintf(a, sizeof a, "%04d-Q%d", o->year, (o->month - 1) / 3 + 1);
      snprintf(b, sizeof b, "%s", a);
    } else {
      snprintf(a, sizeof a, "%04d-Q1", o->year);
      snprintf(b, sizeof b, "%04d-Q4", o->year);
    }
  } else {
    snprintf(a, sizeof a, "%04d", o->year);
    snprintf(b, sizeof b, "%04d", o->year);
  }
  if (gg_scenario_parse_date(sc, a, t0) != 0 || gg_scenario_parse_date(sc, b, t1) != 0) return -1;
  return 0;
}

/* ---- the run: the terms' means over each used observation's ticks ------- */

typedef struct bt_acc {
  const gga_bt_obs *obs;
  bt_use *use;
  const bt_group *groups;
  const gg_measure *models;
  int n;
} bt_acc;

static int bt_sink_tick(void *ctx, const gg_sim *sim) {
  bt_acc *a = ctx;
  int t = gg_sim_tick(sim);
  for (int i = 0; i < a->n; i++) {
    bt_use *u = &a->use[i];
    if (u->group < 0 || !u->covered || t < u->t0 || t > u->t1) continue;
    const bt_group *g = &a->groups[u->group];
    const gg_measure *m = &a->models[g->model];
    double x[BT_K];
    gg_measure_terms(sim, m, a->obs[i].state, g->partner, x);
    for (int k = 0; k < m->nterms; k++)
      u->x[k] += x[k];
  }
  return 0;
}

/* One run of `sc` (replicate 0 under `seed`): each used observation's terms
   averaged over its ticks into use[].x. 0, or -1 when out of memory. */
static int bt_simulate(const gg_scenario *sc, uint64_t seed, const gga_bt_obs *obs, bt_use *use,
                       int nobs, const bt_group *groups, const gg_measure *models) {
  for (int i = 0; i < nobs; i++)
    memset(use[i].x, 0, sizeof use[i].x);
  gg_sim *sim = gg_sim_create(sc, seed);
  if (!sim) return -1;
  bt_acc acc = {obs, use, groups, models, nobs};
  gg_sink sink = {bt_sink_tick, &acc};
  gg_sim_run(sim, &sink);
  gg_sim_free(sim);
  for (int i = 0; i < nobs; i++)
    if (use[i].group >= 0 && use[i].covered)
      for (int k = 0; k < BT_K; k++)
        use[i].x[k] /= (double)(use[i].t1 - use[i].t0 + 1);
  return 0;
}

/* ---- least squares ------------------------------------------------------ */

/* y = a + b x by ordinary least squares; *flat set when x has no spread (b
   = 0, a = mean y). n >= 1. */
static void bt_ols(const double *x, const double *y, int n, double *a, double *b, int *flat) {
  double mx = 0, my = 0;
  for (int i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  double sxx = 0, sxy = 0;
  for (int i = 0; i < n; i++) {
    sxx += (x[i] - mx) * (x[i] - mx);
    sxy += (x[i] - mx) * (y[i] - my);
  }
  *flat = !(sxx > 1e-24 * (1.0 + mx * mx) * n);
  *b = *flat ? 0.0 : sxy / sxx;
  *a = my - *b * mx;
}

static double bt_tkey(const gga_bt_obs *o) {
  return o->year + (o->month ? (o->month - 0.5) / 12.0 : 0.5);
}

static int bt_same_series(const gga_bt_obs *a, const gga_bt_obs *b) {
  return a->state == b->state && strcmp(a->indicator, b->indicator) == 0 &&
         strcmp(a->partner, b->partner) == 0;
}

/* Persistence and trend of observation i's series from its observations
   dated up to fit_until (every one in the file, in the run or not). */
static void bt_baselines(const gga_bt_obs *obs, int nobs, int i, int fit_until, double *pers,
                         double *trend, double *xs, double *ys) {
  int n = 0;
  double best = -INFINITY;
  *pers = NAN;
  for (int j = 0; j < nobs; j++) {
    if (obs[j].year > fit_until || !bt_same_series(&obs[i], &obs[j])) continue;
    double t = bt_tkey(&obs[j]);
    if (t > best) {
      best = t;
      *pers = obs[j].value;
    }
    xs[n] = t;
    ys[n] = obs[j].value;
    n++;
  }
  *trend = *pers;
  if (n >= 2) {
    double a, b;
    int flat;
    bt_ols(xs, ys, n, &a, &b, &flat);
    if (!flat) *trend = a + b * bt_tkey(&obs[i]);
  }
}

static int bt_row_cmp(const void *pa, const void *pb) {
  const bt_row *a = pa, *b = pb;
  if (a->tkey != b->tkey) return a->tkey < b->tkey ? -1 : 1;
  if (a->state != b->state) return a->state < b->state ? -1 : 1;
  int c = strcmp(a->f.indicator, b->f.indicator);
  return c ? c : strcmp(a->f.partner, b->f.partner);
}

/* ---- scores ------------------------------------------------------------- */

static void bt_score(gg_backtest_result *r, const char *indicator, const char *state, int always) {
  double se = 0, ae = 0, sp = 0, st = 0;
  int n = 0;
  for (int i = 0; i < r->nfc; i++) {
    const gg_backtest_forecast *f = &r->fc[i];
    if (strcmp(indicator, "all") != 0 && strcmp(f->indicator, indicator) != 0) continue;
    if (strcmp(state, "all") != 0 && strcmp(f->state, state) != 0) continue;
    if (!isfinite(f->forecast) || !isfinite(f->persistence) || !isfinite(f->trend)) continue;
    double e = f->forecast - f->observed;
    se += e * e;
    ae += fabs(e);
    sp += (f->persistence - f->observed) * (f->persistence - f->observed);
    st += (f->trend - f->observed) * (f->trend - f->observed);
    n++;
  }
  if (n == 0 && !always) return;
  gg_backtest_score *s = &r->scores[r->nscores++];
  s->indicator = indicator;
  s->state = state;
  s->n = n;
  s->rmse = n ? sqrt(se / n) : NAN;
  s->mae = n ? ae / n : NAN;
  s->rmse_persistence = n ? sqrt(sp / n) : NAN;
  s->rmse_trend = n ? sqrt(st / n) : NAN;
  s->skill_persistence = n && s->rmse_persistence > 0 ? 1 - s->rmse / s->rmse_persistence : NAN;
  s->skill_trend = n && s->rmse_trend > 0 ? 1 - s->rmse / s->rmse_trend : NAN;
}

/* ---- output ------------------------------------------------------------- */

static void bt_csv(FILE *f, double v, const char *sep) {
  char buf[64];
  fputs(gg_fmt_csv(buf, sizeof buf, v), f);
  fputs(sep, f);
}

static void bt_write_forecasts(FILE *f, const gg_backtest_result *r) {
  fputs("date,state,indicator,partner,observed,forecast,persistence,trend\n", f);
  for (int i = 0; i < r->nfc; i++) {
    const gg_backtest_forecast *w = &r->fc[i];
    fprintf(f, "%s,%s,%s,%s,", w->date, w->state, w->indicator, w->partner);
    bt_csv(f, w->observed, ",");
    bt_csv(f, w->forecast, ",");
    bt_csv(f, w->persistence, ",");
    bt_csv(f, w->trend, "\n");
  }
}

static void bt_write_scores(FILE *f, const gg_backtest_result *r) {
  fputs("indicator,state,n,rmse,mae,rmse_persistence,rmse_trend,skill_persistence,skill_trend\n",
        f);
  for (int i = 0; i < r->nscores; i++) {
    const gg_backtest_score *s = &r->scores[i];
    fprintf(f, "%s,%s,%d,", s->indicator, s->state, s->n);
    bt_csv(f, s->rmse, ",");
    bt_csv(f, s->mae, ",");
    bt_csv(f, s->rmse_persistence, ",");
    bt_csv(f, s->rmse_trend, ",");
    bt_csv(f, s->skill_persistence, ",");
    bt_csv(f, s->skill_trend, "\n");
  }
}

/* measurement.csv: one row per fitted line and term (term "intercept" first). */
static void bt_write_params(FILE *f, const gg_backtest_result *r) {
  fputs("indicator,partner,link,term,coefficient,n,sd\n", f);
  for (int g = 0; g < r->ngroups; g++) {
    const gg_backtest_param *p = &r->params[g];
    for (int k = -1; k < p->nterms; k++) {
      fprintf(f, "%s,%s,%s,%s,", p->indicator, p->partner, p->link,
              k < 0 ? "intercept" : p->terms[k]);
      bt_csv(f, k < 0 ? p->a : p->coefficients[k], ",");
      fprintf(f, "%d,", p->n);
      bt_csv(f, p->sd, "\n");
    }
  }
}

static void bt_jadd(cJSON *o, const char *k, cJSON *v, int *ok) {
  if (!v || !cJSON_AddItemToObject(o, k, v)) {
    cJSON_Delete(v);
    *ok = 0;
  }
}
static void bt_jpush(cJSON *a, cJSON *v, int *ok) {
  if (!v || !cJSON_AddItemToArray(a, v)) {
    cJSON_Delete(v);
    *ok = 0;
  }
}
/* A number, or null when not finite (JSON has no NaN). */
static cJSON *bt_jnum(double v) {
  return isfinite(v) ? cJSON_CreateNumber(v) : cJSON_CreateNull();
}

static char *bt_manifest(const gg_backtest_options *o, const gg_backtest_result *r, uint64_t seed) {
  cJSON *root = cJSON_CreateObject();
  if (!root) return NULL;
  int ok = 1;
  const gg_scenario *sc = o->scenario;
  if (gga_manifest_head(root, "backtest", "backtest", "complete", o->argc, o->argv, sc, "",
                        &seed) != 0) /* the options name no file: null */
    ok = 0;
  bt_jadd(root, "scenario", cJSON_CreateString(gg_scenario_name(sc)), &ok);
  char buf[32];
  snprintf(buf, sizeof buf, "%llu", (unsigned long long)seed);
  bt_jadd(root, "seed", cJSON_CreateString(buf), &ok);
  bt_jadd(root, "observed", cJSON_CreateString(o->observed_path), &ok);
  bt_jadd(root, "observed_sha256", cJSON_CreateString(r->sha), &ok);
  bt_jadd(root, "fit_until", cJSON_CreateNumber(o->fit_until), &ok);
  bt_jadd(root, "leave_out", o->leave_out ? cJSON_CreateString(o->leave_out) : cJSON_CreateNull(),
          &ok);
  cJSON *inds = cJSON_CreateArray();
  for (int i = 0; inds && i < r->nind; i++)
    bt_jpush(inds, cJSON_CreateString(r->ind_names[i]), &ok);
  bt_jadd(root, "indicators", inds, &ok);
  bt_jadd(root, "terms",
          cJSON_CreateString("each term is its mean over the observation's ticks in the run; "
                             "replicate 0"),
          &ok);
  bt_jadd(root, "measurement_source",
          cJSON_CreateString(gg_scenario_measures(sc) > 0 ? "scenario" : "built in"), &ok);
  cJSON *ms = cJSON_CreateArray();
  for (int g = 0; ms && g < r->ngroups; g++) {
    const gg_backtest_param *p = &r->params[g];
    cJSON *m = cJSON_CreateObject();
    if (!m) {
      ok = 0;
      break;
    }
    bt_jadd(m, "indicator", cJSON_CreateString(p->indicator), &ok);
    bt_jadd(m, "partner", cJSON_CreateString(p->partner), &ok);
    bt_jadd(m, "share_of", cJSON_CreateString(p->share_of), &ok);
    bt_jadd(m, "link", cJSON_CreateString(p->link), &ok);
    bt_jadd(m, "equation", cJSON_CreateString(r->equations[r->groups[g].model]), &ok);
    bt_jadd(m, "a", bt_jnum(p->a), &ok);
    cJSON *terms = cJSON_CreateArray(), *coef = cJSON_CreateArray();
    for (int k = 0; terms && coef && k < p->nterms; k++) {
      bt_jpush(terms, cJSON_CreateString(p->terms[k]), &ok);
      bt_jpush(coef, bt_jnum(p->coefficients[k]), &ok);
    }
    bt_jadd(m, "terms", terms, &ok);
    bt_jadd(m, "b", coef, &ok);
    bt_jadd(m, "sd", bt_jnum(p->sd), &ok);
    bt_jadd(m, "n", cJSON_CreateNumber(p->n), &ok);
    bt_jpush(ms, m, &ok);
  }
  bt_jadd(root, "measurement", ms, &ok);
  cJSON *fp = cJSON_CreateArray();
  for (int j = 0; fp && j < o->nparams; j++) {
    cJSON *x = cJSON_CreateObject();
    if (!x) {
      ok = 0;
      break;
    }
    bt_jadd(x, "path", cJSON_CreateString(o->params[j].path), &ok);
    bt_jadd(x, "lo", bt_jnum(o->params[j].lo), &ok);
    bt_jadd(x, "hi", bt_jnum(o->params[j].hi), &ok);
    bt_jadd(x, "value", bt_jnum(j < r->nfitted ? r->fitted[j] : NAN), &ok);
    bt_jpush(fp, x, &ok);
  }
  bt_jadd(root, "free_parameters", fp, &ok);
  if (o->nparams > 0) {
    bt_jadd(root, "fit_loss", bt_jnum(r->loss), &ok);
    bt_jadd(root, "fit_starts", cJSON_CreateNumber(o->starts > 0 ? o->starts : 8), &ok);
  }
  cJSON *c = cJSON_CreateObject();
  if (c) {
    const gg_backtest_counts *k = &r->counts;
    bt_jadd(c, "rows", cJSON_CreateNumber(k->rows), &ok);
    bt_jadd(c, "not_selected", cJSON_CreateNumber(k->not_selected), &ok);
    bt_jadd(c, "no_partner", cJSON_CreateNumber(k->no_partner), &ok);
    bt_jadd(c, "outside_scenario", cJSON_CreateNumber(k->outside_scenario), &ok);
    bt_jadd(c, "years_before_start", cJSON_CreateNumber(k->years_before_start), &ok);
    bt_jadd(c, "years_after_end", cJSON_CreateNumber(k->years_after_end), &ok);
    bt_jadd(c, "left_out", cJSON_CreateNumber(k->left_out), &ok);
    bt_jadd(c, "fitted", cJSON_CreateNumber(k->fitted), &ok);
    bt_jadd(c, "forecast", cJSON_CreateNumber(k->forecast), &ok);
    bt_jadd(c, "scored", cJSON_CreateNumber(k->scored), &ok);
  }
  bt_jadd(root, "counts", c, &ok);
  cJSON *nt = cJSON_CreateArray();
  for (int i = 0; nt && i < r->nnotes; i++)
    bt_jpush(nt, cJSON_CreateString(r->notes[i]), &ok);
  bt_jadd(root, "notes", nt, &ok);
  static const char *const files[] = {"forecasts.csv", "scores.csv", "measurement.csv"};
  cJSON *varied = NULL;
  for (int j = 0; ok && j < o->nparams; j++)
    if (!(varied = gga_manifest_varied(varied, "--param", o->params[j].path, o->params[j].lo,
                                       o->params[j].hi, 0, NULL, 0)))
      ok = 0;
  if (ok && gga_manifest_tail(root, sc, varied, files, 3) != 0) ok = 0;
  if (!ok) {
    cJSON_Delete(root);
    return NULL;
  }
  return gga_json_text(root);
}

static int bt_write(const gg_backtest_options *o, const gg_backtest_result *r, uint64_t seed,
                    gg_error *err) {
  char *manifest = bt_manifest(o, r, seed);
  if (!manifest) {
    gg_err_set(err, "%s/manifest.json: out of memory", o->out_dir);
    return GG_BACKTEST_OUT_OF_MEMORY;
  }
  gga_outset set;
  gga_outset_begin(&set, o->out_dir, o->temp_file, o->context);
  set.clear_others = 1;
  int rc = -1;
  FILE *f = gga_outset_open(&set, "forecasts.csv", err);
  if (f) {
    bt_write_forecasts(f, r);
    f = gga_outset_open(&set, "scores.csv", err);
  }
  if (f) {
    bt_write_scores(f, r);
    f = gga_outset_open(&set, "measurement.csv", err);
  }
  if (f) {
    bt_write_params(f, r);
    if (gga_outset_write(&set, "manifest.json", manifest, strlen(manifest), err) == 0)
      rc = gga_outset_commit(&set, err);
  }
  if (rc != 0) gga_outset_abort(&set);
  gg_free(manifest);
  return rc == 0 ? GG_BACKTEST_OK : GG_BACKTEST_OUTPUT_FILE;
}

/* ---- the call ------------------------------------------------------------ */

static int bt_check_options(const gg_backtest_options *o, gg_error *err) {
  if (!o || !o->scenario) {
    gg_err_set(err, "backtest: no scenario");
    return -1;
  }
  if (!o->observed_path) {
    gg_err_set(err, "backtest: no observed file");
    return -1;
  }
  if (o->fit_until < 1000 || o->fit_until > 9999) {
    gg_err_set(err, "fit_until: expected a year (1000 to 9999), got %d", o->fit_until);
    return -1;
  }
  if (o->leave_out && gg_state_index(o->scenario, o->leave_out) < 0) {
    char clean[96];
    gg_err_clean(clean, sizeof clean, o->leave_out, 40);
    gg_err_set(err, "leave_out: no state \"%s\" in the scenario", clean);
    return -1;
  }
  return 0;
}

/* The output folder: created, locked, checked. GG_BACKTEST_OK or a status. */
static int bt_out_dir(const gg_backtest_options *o, gga_lock *lock, gg_error *err) {
  if (gga_outdir_make(o->out_dir, err) != 0) return GG_BACKTEST_BAD_OUT_DIR;
  int rc = gga_outdir_lock(lock, o->out_dir, "backtest", o->temp_file, o->context, err);
  if (rc != 0) return rc == GGA_OUT_BUSY ? GG_BACKTEST_OUT_BUSY : GG_BACKTEST_BAD_OUT_DIR;
  rc = gga_outdir_check(o->out_dir, o->force, err);
  if (rc == GGA_OUT_HOLDS_RESULTS) return GG_BACKTEST_OUT_EXISTS;
  if (rc == GGA_OUT_FOREIGN) return GG_BACKTEST_OUT_FOREIGN;
  return GG_BACKTEST_OK;
}

/* Classify every observation: its group (creating the groups), its ticks. */
static int bt_classify(const gg_backtest_options *o, gg_backtest_result *r, bt_use *use) {
  const gg_scenario *sc = o->scenario;
  int T = gg_scenario_ticks(sc);
  size_t ng = 0;
  for (int m = 0; m < r->nmodels; m++)
    ng += r->models[m].npartners ? (size_t)r->models[m].npartners : 1;
  r->groups = gg_calloc(ng + 1, sizeof *r->groups);
  if (!r->groups) return -1;
  /* the groups, in the order of the indicators asked for, then the entries
     and their partners */
  for (int i = 0; i < r->nind; i++)
    for (int m = 0; m < r->nmodels; m++) {
      const gg_measure *e = &r->models[m];
      if (strcmp(e->indicator, r->ind_names[i]) != 0) continue;
      int n = e->npartners ? e->npartners : 1;
      for (int j = 0; j < n; j++) {
        bt_group *g = &r->groups[r->ngroups++];
        g->model = m;
        g->partner = e->npartners ? e->partners[j] : -1;
        snprintf(g->partner_id, sizeof g->partner_id, "%s",
                 g->partner >= 0 ? gg_power_id(sc, g->partner) : "");
      }
    }
  for (int i = 0; i < r->nobs; i++) {
    const gga_bt_obs *ob = &r->obs[i];
    bt_use *u = &use[i];
    u->group = -1;
    u->tkey = bt_tkey(ob);
    if (bt_model_of(r, ob->indicator) < 0 || !bt_selected(r, ob->indicator)) {
      r->counts.not_selected++;
      continue;
    }
    for (int g = 0; g < r->ngroups; g++)
      if (strcmp(r->models[r->groups[g].model].indicator, ob->indicator) == 0 &&
          strcmp(r->groups[g].partner_id, ob->partner) == 0)
        u->group = g;
    if (u->group < 0) {
      r->counts.no_partner++;
      continue;
    }
    r->groups[u->group].rows++;
    if (bt_period(sc, ob, &u->t0, &u->t1) != 0) {
      u->group = -1;
      r->counts.outside_scenario++;
      continue;
    }
    if (u->t1 < 0 || u->t0 > T) {
      r->counts.outside_scenario++;
      u->covered = 0;
      continue;
    }
    if (u->t0 < 0) u->t0 = 0;
    if (u->t1 > T) u->t1 = T;
    u->covered = 1;
  }
  return 0;
}

static void bt_notes_skipped(const gg_backtest_options *o, gg_backtest_result *r,
                             const bt_use *use) {
  const gg_scenario *sc = o->scenario;
  /* indicators in the file without a model (or not asked for), once each */
  for (int i = 0; i < r->nobs; i++) {
    int first = 1, n = 0;
    for (int j = 0; j < r->nobs; j++) {
      if (strcmp(r->obs[j].indicator, r->obs[i].indicator) != 0) continue;
      if (j < i) first = 0;
      n++;
    }
    if (!first) continue;
    int m = bt_model_of(r, r->obs[i].indicator);
    if (m < 0)
      bt_note(r, "indicator \"%s\": not in the measurement model; %d rows skipped",
              r->obs[i].indicator, n);
  }
  for (int k = 0; k < r->nind; k++) {
    int n = 0;
    for (int j = 0; j < r->nobs; j++)
      n += strcmp(r->obs[j].indicator, r->ind_names[k]) == 0;
    if (n == 0) bt_note(r, "indicator \"%s\": no rows in %s", r->ind_names[k], o->observed_path);
  }
  /* partners that are not powers of the scenario */
  for (int i = 0; i < r->nobs; i++) {
    int m = bt_model_of(r, r->obs[i].indicator);
    if (m < 0 || use[i].group >= 0 || !bt_selected(r, r->obs[i].indicator)) continue;
    int first = 1, n = 0;
    for (int j = 0; j < r->nobs; j++) {
      if (use[j].group >= 0 || strcmp(r->obs[j].indicator, r->obs[i].indicator) != 0 ||
          strcmp(r->obs[j].partner, r->obs[i].partner) != 0)
        continue;
      if (j < i) first = 0;
      n++;
    }
    if (!first) continue;
    if (*r->obs[i].partner)
      bt_note(r, "%s partner \"%s\": not a partner in the measurement model; %d rows skipped",
              r->obs[i].indicator, r->obs[i].partner, n);
    else
      bt_note(r, "%s without a partner: the measurement model gives it partners; %d rows skipped",
              r->obs[i].indicator, n);
  }
  /* rows outside the run, and their distinct years */
  int T = gg_scenario_ticks(sc);
  for (int i = 0; i < r->nobs; i++) {
    if (use[i].group < 0 || use[i].covered) continue;
    int before = use[i].t1 < 0, seen = 0;
    for (int j = 0; j < i && !seen; j++)
      seen = use[j].group >= 0 && !use[j].covered && r->obs[j].year == r->obs[i].year;
    if (seen) continue;
    if (before)
      r->counts.years_before_start++;
    else
      r->counts.years_after_end++;
  }
  if (r->counts.outside_scenario > 0) {
    char d0[32], d1[32];
    gg_scenario_date(sc, 0, d0, sizeof d0);
    gg_scenario_date(sc, T, d1, sizeof d1);
    bt_note(r,
            "%d rows dated outside the run (%s to %s) skipped: %d years before its start, %d "
            "after its end",
            r->counts.outside_scenario, d0, d1, r->counts.years_before_start,
            r->counts.years_after_end);
  }
}

/* Least squares of y on [1, x] with GSL (SVD: a rank-deficient design
   gets the minimum-norm solution). Terms whose values do not vary are left
   out (coefficient 0), their bit set in *dropped. 0, or -1 when out of
   memory. */
static int bt_lsq(const double *x, const double *y, int n, int K, double *a, double *b, double *sd,
                  unsigned *dropped) {
  int keep[BT_K], nk = 0;
  *dropped = 0;
  for (int k = 0; k < K; k++) {
    double lo = x[k], hi = x[k];
    for (int i = 1; i < n; i++) {
      double v = x[(size_t)i * BT_K + k];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (hi - lo > 1e-12 * (1.0 + fabs(lo)))
      keep[nk++] = k;
    else
      *dropped |= 1u << k;
    b[k] = 0.0;
  }
  *sd = NAN;
  if (nk == 0 || n < 2) {
    double my = 0;
    for (int i = 0; i < n; i++)
      my += y[i];
    *a = my / n;
    if (n > 1) {
      double ss = 0;
      for (int i = 0; i < n; i++)
        ss += (y[i] - *a) * (y[i] - *a);
      *sd = sqrt(ss / (n - 1));
    }
    return 0;
  }
  gsl_matrix *X = gsl_matrix_alloc((size_t)n, (size_t)nk + 1);
  gsl_vector *Y = gsl_vector_alloc((size_t)n), *c = gsl_vector_alloc((size_t)nk + 1);
  gsl_matrix *cov = gsl_matrix_alloc((size_t)nk + 1, (size_t)nk + 1);
  gsl_multifit_linear_workspace *w = gsl_multifit_linear_alloc((size_t)n, (size_t)nk + 1);
  int rc = -1;
  if (X && Y && c && cov && w) {
    for (int i = 0; i < n; i++) {
      gsl_matrix_set(X, (size_t)i, 0, 1.0);
      for (int j = 0; j < nk; j++)
        gsl_matrix_set(X, (size_t)i, (size_t)j + 1, x[(size_t)i * BT_K + keep[j]]);
      gsl_vector_set(Y, (size_t)i, y[i]);
    }
    double chisq;
    gsl_multifit_linear(X, Y, c, cov, &chisq, w);
    *a = gsl_vector_get(c, 0);
    for (int j = 0; j < nk; j++)
      b[keep[j]] = gsl_vector_get(c, (size_t)j + 1);
    if (n > nk + 1) *sd = sqrt(chisq / (n - nk - 1));
    rc = 0;
  }
  gsl_multifit_linear_free(w);
  gsl_matrix_free(cov);
  gsl_vector_free(c);
  gsl_vector_free(Y);
  gsl_matrix_free(X);
  return rc;
}

/* Fit every group on the observations up to fit_until (but the left-out
   state's). -1 when out of memory. */
static int bt_fit(const gg_backtest_options *o, gg_backtest_result *r, const bt_use *use, int L) {
  const gg_scenario *sc = o->scenario;
  double *xs = gg_malloc(sizeof(double) * (size_t)(r->nobs + 1) * (BT_K + 1));
  r->params = gg_calloc((size_t)r->ngroups + 1, sizeof *r->params);
  if (!xs || !r->params) {
    gg_free(xs);
    return -1;
  }
  double *ys = xs + (size_t)(r->nobs + 1) * BT_K;
  for (int i = 0; i < r->nobs; i++)
    if (use[i].group >= 0 && use[i].covered && r->obs[i].year <= o->fit_until &&
        r->obs[i].state == L)
      r->counts.left_out++;
  for (int g = 0; g < r->ngroups; g++) {
    bt_group *gr = &r->groups[g];
    const gg_measure *m = &r->models[gr->model];
    int n = 0;
    for (int i = 0; i < r->nobs; i++) {
      if (use[i].group != g || !use[i].covered || r->obs[i].year > o->fit_until ||
          r->obs[i].state == L)
        continue;
      memcpy(&xs[(size_t)n * BT_K], use[i].x, sizeof use[i].x);
      ys[n] = gg_measure_link(m->link, r->obs[i].value);
      n++;
    }
    gg_backtest_param *p = &r->params[g];
    p->indicator = m->indicator;
    p->partner = gr->partner_id;
    int pw = gr->partner >= 0 ? gr->partner : m->of;
    p->share_of = pw >= 0 ? gg_power_id(sc, pw) : "";
    p->link = gg_link_name(m->link);
    p->n = n;
    p->nterms = m->nterms;
    p->terms = r->term_ptrs[gr->model];
    p->a = p->b = p->sd = NAN;
    for (int k = 0; k < BT_K; k++)
      p->coefficients[k] = NAN;
    if (n > 0) {
      unsigned dropped;
      if (bt_lsq(xs, ys, n, m->nterms, &p->a, p->coefficients, &p->sd, &dropped) != 0) {
        gg_free(xs);
        return -1;
      }
      p->b = p->coefficients[0];
      for (int k = 0; k < m->nterms; k++)
        if (dropped & (1u << k))
          bt_note(r, "%s%s%s: term %s does not vary over the %d fitted points; left out (b%d = 0)",
                  m->indicator, *gr->partner_id ? " partner " : "", gr->partner_id, p->terms[k], n,
                  k + 1);
    } else if (gr->rows > 0) {
      bt_note(r, "%s%s%s: no observation up to %d in the run; not fitted, its forecasts skipped",
              m->indicator, *gr->partner_id ? " partner " : "", gr->partner_id, o->fit_until);
    }
    r->counts.fitted += n;
  }
  gg_free(xs);
  return 0;
}

/* ---- free parameters: fitted with the measurement model ----------------- */

typedef struct bt_free {
  const gg_backtest_options *o;
  const gg_backtest_result *r;
  const bt_use *use0; /* the classification (ticks, groups) */
  int L;
  uint64_t seed;
  int *rpos;     /* [nobs]: the residual of a fitted observation, or -1 */
  int nres;      /* fitted observations */
  double *scale; /* [ngroups]: sd of each line's transformed observations */
} bt_free;

static int bt_fitted_row(const gg_backtest_options *o, const gga_bt_obs *ob, const bt_use *u,
                         int L) {
  return u->group >= 0 && u->covered && ob->year <= o->fit_until && ob->state != L;
}

/* The calibration's residual function: set the values on a copy, run it,
   refit every line, and return the scaled residuals. */
static int bt_free_resid(void *ctx, const double *x, double *res) {
  const bt_free *c = ctx;
  const gg_backtest_result *r = c->r;
  gg_error err;
  gg_scenario *sc = gg_scenario_clone(c->o->scenario);
  if (!sc) return CAL_ENOMEM;
  for (int j = 0; j < c->o->nparams; j++)
    if (gg_scenario_set(sc, c->o->params[j].path, x[j], &err) < 0) {
      gg_scenario_free(sc);
      return -1;
    }
  size_t n = (size_t)r->nobs + 1;
  bt_use *use = gg_malloc(sizeof *use * n);
  double *xs = gg_malloc(sizeof(double) * n * (BT_K + 1));
  int *idx = gg_malloc(sizeof(int) * n);
  int rc = CAL_ENOMEM;
  if (use && xs && idx) {
    memcpy(use, c->use0, sizeof *use * (size_t)r->nobs);
    rc = bt_simulate(sc, c->seed, r->obs, use, r->nobs, r->groups, r->models) ? CAL_ENOMEM : 0;
  }
  double *ys = xs ? xs + n * BT_K : NULL;
  for (int g = 0; rc == 0 && g < r->ngroups; g++) {
    const gg_measure *m = &r->models[r->groups[g].model];
    int k = 0;
    for (int i = 0; i < r->nobs; i++) {
      if (use[i].group != g || c->rpos[i] < 0) continue;
      memcpy(&xs[(size_t)k * BT_K], use[i].x, sizeof use[i].x);
      ys[k] = gg_measure_link(m->link, r->obs[i].value);
      idx[k++] = i;
    }
    if (k == 0) continue;
    double a, b[BT_K], sd;
    unsigned dropped;
    if (bt_lsq(xs, ys, k, m->nterms, &a, b, &sd, &dropped) != 0) {
      rc = CAL_ENOMEM;
      break;
    }
    for (int j = 0; j < k; j++) {
      double eta = a;
      for (int t = 0; t < m->nterms; t++)
        eta += b[t] * xs[(size_t)j * BT_K + t];
      double e = (ys[j] - eta) / c->scale[g];
      if (!isfinite(e)) rc = -1;
      res[c->rpos[idx[j]]] = e;
    }
  }
  gg_free(idx);
  gg_free(xs);
  gg_free(use);
  gg_scenario_free(sc);
  return rc;
}

/* Fit the free parameters; *fitted (a copy of the scenario with the fitted
   values) for the run. GG_BACKTEST_OK or a status with err. */
static int bt_fit_free(const gg_backtest_options *o, gg_backtest_result *r, const bt_use *use,
                       int L, uint64_t seed, gg_scenario **fitted, gg_error *err) {
  bt_free c = {o, r, use, L, seed, NULL, 0, NULL};
  c.rpos = gg_malloc(sizeof(int) * ((size_t)r->nobs + 1));
  c.scale = gg_calloc((size_t)r->ngroups + 1, sizeof(double));
  double *lo = gg_malloc(sizeof(double) * (size_t)o->nparams * 2);
  r->fitted = gg_calloc((size_t)o->nparams, sizeof(double));
  int status = GG_BACKTEST_OUT_OF_MEMORY;
  if (!c.rpos || !c.scale || !lo || !r->fitted) {
    gg_err_set(err, "backtest: out of memory");
    goto done;
  }
  double *hi = lo + o->nparams;
  for (int j = 0; j < o->nparams; j++) {
    lo[j] = o->params[j].lo;
    hi[j] = o->params[j].hi;
  }
  for (int i = 0; i < r->nobs; i++)
    c.rpos[i] = bt_fitted_row(o, &r->obs[i], &use[i], L) ? c.nres++ : -1;
  if (c.nres == 0) {
    gg_err_set(err,
               "backtest: no observation up to %d lies in the run: nothing to fit the "
               "parameters on",
               o->fit_until);
    status = GG_BACKTEST_BAD_OPTIONS;
    goto done;
  }
  for (int g = 0; g < r->ngroups; g++) {
    const gg_measure *m = &r->models[r->groups[g].model];
    double s1 = 0, s2 = 0;
    int n = 0;
    for (int i = 0; i < r->nobs; i++)
      if (use[i].group == g && c.rpos[i] >= 0) {
        double y = gg_measure_link(m->link, r->obs[i].value);
        s1 += y;
        s2 += y * y;
        n++;
      }
    double var = n > 1 ? (s2 - s1 * s1 / n) / (n - 1) : 0.0;
    c.scale[g] = var > 1e-24 ? sqrt(var) : 1.0;
  }
  cal_problem pr = {o->nparams, c.nres, lo, hi, bt_free_resid, &c};
  cal_options co;
  gga_cal_options_default(&co);
  co.method = CAL_NELDER_MEAD;
  co.starts = o->starts > 0 ? o->starts : 8;
  co.max_iter = o->max_iter > 0 ? o->max_iter : 500;
  co.threads = o->threads;
  co.seed = seed;
  cal_fit fit;
  if (gga_cal_fit_run(&pr, &co, &fit, err) != 0) goto done;
  for (int j = 0; j < o->nparams; j++)
    r->fitted[j] = fit.x[(size_t)fit.best * (size_t)o->nparams + (size_t)j];
  r->nfitted = o->nparams;
  r->loss = fit.objective[fit.best];
  gga_cal_fit_free(&fit);
  *fitted = gg_scenario_clone(o->scenario);
  if (!*fitted) {
    gg_err_set(err, "backtest: out of memory");
    goto done;
  }
  for (int j = 0; j < o->nparams; j++)
    if (gg_scenario_set(*fitted, o->params[j].path, r->fitted[j], err) < 0) {
      gg_scenario_free(*fitted);
      *fitted = NULL;
      status = GG_BACKTEST_BAD_OPTIONS;
      goto done;
    }
  status = GG_BACKTEST_OK;
done:
  gg_free(c.rpos);
  gg_free(c.scale);
  gg_free(lo);
  return status;
}

/* The forecast rows, sorted. -1 when out of memory. */
static int bt_forecast(const gg_backtest_options *o, gg_backtest_result *r, const bt_use *use,
                       int L) {
  double *xs = gg_malloc(sizeof(double) * (size_t)(r->nobs + 1) * 2);
  bt_row *rows = gg_calloc((size_t)r->nobs + 1, sizeof *rows);
  if (!xs || !rows) {
    gg_free(xs);
    gg_free(rows);
    return -1;
  }
  int n = 0;
  for (int i = 0; i < r->nobs; i++) {
    const gga_bt_obs *ob = &r->obs[i];
    if (use[i].group < 0 || !use[i].covered || ob->year <= o->fit_until) continue;
    if (L >= 0 && ob->state != L) continue;
    const gg_backtest_param *p = &r->params[use[i].group];
    if (p->n == 0) continue;
    bt_row *w = &rows[n++];
    w->tkey = use[i].tkey;
    w->state = ob->state;
    w->f.date = ob->date;
    w->f.state = r->state_ids[ob->state];
    w->f.indicator = ob->indicator;
    w->f.partner = ob->partner;
    w->f.observed = ob->value;
    const gg_measure *m = &r->models[r->groups[use[i].group].model];
    double eta = p->a;
    for (int k = 0; k < m->nterms; k++)
      eta += p->coefficients[k] * use[i].x[k];
    w->f.forecast = gg_measure_inverse(m->link, eta);
    bt_baselines(r->obs, r->nobs, i, o->fit_until, &w->f.persistence, &w->f.trend, xs,
                 xs + r->nobs + 1);
  }
  gg_free(xs);
  qsort(rows, (size_t)n, sizeof *rows, bt_row_cmp);
  r->fc = gg_calloc((size_t)n + 1, sizeof *r->fc);
  if (!r->fc) {
    gg_free(rows);
    return -1;
  }
  for (int i = 0; i < n; i++) {
    r->fc[i] = rows[i].f;
    if (isfinite(rows[i].f.persistence) && isfinite(rows[i].f.trend)) r->counts.scored++;
  }
  r->nfc = n;
  r->counts.forecast = n;
  gg_free(rows);
  if (n == 0) bt_note(r, "no observation after %d lies in the run: nothing to score", o->fit_until);
  return 0;
}

static int bt_scores(gg_backtest_result *r, const gg_scenario *sc, int L) {
  int S = gg_scenario_states(sc);
  r->scores = gg_calloc((size_t)(r->nind + 1) * (size_t)(S + 1), sizeof *r->scores);
  if (!r->scores) return -1;
  for (int i = 0; i < r->nind; i++) {
    if (bt_model_of(r, r->ind_names[i]) < 0) continue;
    for (int s = 0; s < S; s++)
      if (L < 0 || s == L) bt_score(r, r->ind_names[i], r->state_ids[s], 0);
    bt_score(r, r->ind_names[i], "all", 0);
  }
  bt_score(r, "all", "all", 1);
  return 0;
}

int gg_backtest_run(const gg_backtest_options *o, gg_backtest_result **out, gg_error *err) {
  *out = NULL;
  if (bt_check_options(o, err) != 0) return GG_BACKTEST_BAD_OPTIONS;
  for (int j = 0; j < o->nparams; j++) {
    char label[GG_CALIBRATE_PATH_MAX + 80];
    snprintf(label, sizeof label, "%s=%.17g:%.17g", o->params[j].path, o->params[j].lo,
             o->params[j].hi);
    if (gga_cal_param_check(o->scenario, &o->params[j], label, err) != 0)
      return GG_BACKTEST_BAD_OPTIONS;
    for (int k = 0; k < j; k++)
      if (strcmp(o->params[k].path, o->params[j].path) == 0) {
        gg_err_set(err, "params: %s is given twice", o->params[j].path);
        return GG_BACKTEST_BAD_OPTIONS;
      }
  }
  const gg_scenario *sc = o->scenario;
  gg_backtest_result *r = gg_calloc(1, sizeof *r);
  if (!r) {
    gg_err_set(err, "backtest: out of memory");
    return GG_BACKTEST_OUT_OF_MEMORY;
  }
  int status = GG_BACKTEST_OUT_OF_MEMORY;
  bt_use *use = NULL;
  gga_lock lock;
  memset(&lock, 0, sizeof lock);
  if (bt_models_init(r, sc, err) != 0 || bt_indicators(r, o->indicators, err) != 0) {
    status = GG_BACKTEST_BAD_OPTIONS;
    goto fail;
  }
  /* the observed file, checked before anything is written */
  size_t len = 0;
  char *text = gg_read_file(o->observed_path, &len, err);
  if (!text) {
    status = GG_BACKTEST_BAD_OBSERVED;
    goto fail;
  }
  gg_sha256_hex(text, len, r->sha);
  int oom = 0;
  int prc = gga_bt_parse_observed(o->observed_path, text, len, sc, &r->obs, &r->nobs, &oom, err);
  gg_free_buffer(text);
  if (prc != 0) {
    status = oom ? GG_BACKTEST_OUT_OF_MEMORY : GG_BACKTEST_BAD_OBSERVED;
    goto fail;
  }
  r->counts.rows = r->nobs;
  r->S = gg_scenario_states(sc);
  r->state_ids = gg_calloc((size_t)r->S, sizeof *r->state_ids);
  if (!r->state_ids) goto oom;
  for (int s = 0; s < r->S; s++)
    if (!(r->state_ids[s] = gg_strdup(gg_state_id(sc, s)))) goto oom;
  if (o->out_dir) {
    status = bt_out_dir(o, &lock, err);
    if (status != GG_BACKTEST_OK) goto fail;
    status = GG_BACKTEST_OUT_OF_MEMORY;
  }
  use = gg_calloc((size_t)r->nobs + 1, sizeof *use);
  if (!use || bt_classify(o, r, use) != 0) goto oom;
  bt_notes_skipped(o, r, use);

  /* the run (replicate 0), with the free parameters fitted first */
  uint64_t seed = gg_seed_derive(o->has_seed ? o->seed : gg_scenario_seed(sc), 0, 0);
  int L = o->leave_out ? gg_state_index(sc, o->leave_out) : -1;
  gg_scenario *fitted_sc = NULL;
  if (o->nparams > 0) {
    status = bt_fit_free(o, r, use, L, seed, &fitted_sc, err);
    if (status != GG_BACKTEST_OK) goto fail;
    status = GG_BACKTEST_OUT_OF_MEMORY;
  }
  int simrc =
      bt_simulate(fitted_sc ? fitted_sc : sc, seed, r->obs, use, r->nobs, r->groups, r->models);
  gg_scenario_free(fitted_sc);
  if (simrc != 0) goto oom;
  if (bt_fit(o, r, use, L) != 0 || bt_forecast(o, r, use, L) != 0 || bt_scores(r, sc, L) != 0)
    goto oom;
  if (r->oom) goto oom;
  if (o->out_dir) {
    status =
        bt_write(o, r, gg_seed_derive(o->has_seed ? o->seed : gg_scenario_seed(sc), 0, 0), err);
    if (status != GG_BACKTEST_OK) goto fail;
  }
  gga_outdir_unlock(&lock);
  gg_free(use);
  *out = r;
  return GG_BACKTEST_OK;
oom:
  gg_err_set(err, "backtest: out of memory");
  status = GG_BACKTEST_OUT_OF_MEMORY;
fail:
  gga_outdir_unlock(&lock);
  gg_free(use);
  gg_backtest_free(r);
  return status;
}

/* ---- accessors ---------------------------------------------------------- */

int gg_backtest_forecasts(const gg_backtest_result *r) {
  return r ? r->nfc : 0;
}
const gg_backtest_forecast *gg_backtest_forecast_at(const gg_backtest_result *r, int i) {
  return r && i >= 0 && i < r->nfc ? &r->fc[i] : NULL;
}
int gg_backtest_scores(const gg_backtest_result *r) {
  return r ? r->nscores : 0;
}
const gg_backtest_score *gg_backtest_score_at(const gg_backtest_result *r, int i) {
  return r && i >= 0 && i < r->nscores ? &r->scores[i] : NULL;
}
int gg_backtest_params(const gg_backtest_result *r) {
  return r ? r->ngroups : 0;
}
const gg_backtest_param *gg_backtest_param_at(const gg_backtest_result *r, int i) {
  return r && i >= 0 && i < r->ngroups ? &r->params[i] : NULL;
}
int gg_backtest_notes(const gg_backtest_result *r) {
  return r ? r->nnotes : 0;
}
const char *gg_backtest_note_at(const gg_backtest_result *r, int i) {
  return r && i >= 0 && i < r->nnotes ? r->notes[i] : NULL;
}
const gg_backtest_counts *gg_backtest_counts_of(const gg_backtest_result *r) {
  return r ? &r->counts : NULL;
}
const char *gg_backtest_observed_sha256(const gg_backtest_result *r) {
  return r ? r->sha : NULL;
}
double gg_backtest_fitted_param(const gg_backtest_result *r, int i) {
  return r && i >= 0 && i < r->nfitted ? r->fitted[i] : NAN;
}
double gg_backtest_fit_loss(const gg_backtest_result *r) {
  return r && r->nfitted > 0 ? r->loss : NAN;
}
