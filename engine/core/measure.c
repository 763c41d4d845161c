/* The measurement model: the scenario's optional `measurement` section
   (loading and checks) and the indicators it predicts from a simulation
   (<greatgame/measure.h>). The model never reads it. */
#include "internal.h"
#include "kernel.h"
#include "load_util.h"

#include <greatgame/gg2.h>
#include <greatgame/measure.h>
#include <stdio.h>
#include <string.h>

static const char *MEASURE_KEYS[] = {"indicator", "partners",     "of", "link", "terms",
                                     "intercept", "coefficients", "sd", "note"};
static const char *LINK_NAMES[] = {"identity", "logit", "log"};

void ggl_measures_free(gg_scenario *sc) {
  for (int i = 0; i < sc->M && sc->measures; i++) {
    gg_free((char *)sc->measures[i].indicator);
    gg_free((char *)sc->measures[i].note);
    gg_free((int *)sc->measures[i].partners);
  }
  gg_free(sc->measures);
  sc->measures = NULL;
  sc->M = 0;
}

/* One term written as "share", "autonomy", "stock_share:CHANNEL",
   "stock_gdp:CHANNEL" or "member:BLOC" (or, in GG-2, "ties", "dependence",
   "hedging"). */
static int load_term(ld *L, gg_scenario *sc, const cJSON *it, const char *path,
                     gg_measure_term *t) {
  static const char expected[] =
      "a term: \"share\", \"autonomy\", \"stock_share:CHANNEL\", \"stock_gdp:CHANNEL\", "
      "\"member:BLOC\" or, in GG-2, "
      "\"ties\", \"dependence\" or \"hedging\"";
  if (!cJSON_IsString(it)) return ggl_ld_type(L, path, it, expected);
  const char *s = it->valuestring;
  t->index = -1;
  if (strcmp(s, "share") == 0) {
    t->kind = GG_TERM_SHARE;
    return 0;
  }
  if (strcmp(s, "autonomy") == 0) {
    t->kind = GG_TERM_AUTONOMY;
    return 0;
  }
  static const char *const gg2_terms[] = {"ties", "dependence", "hedging"};
  for (int k = 0; k < 3; k++)
    if (strcmp(s, gg2_terms[k]) == 0) {
      if (sc->model != 2)
        return ggl_ld_fail(L, path, "\"%s\" is a term of model GG-2 (format 2 scenarios)", s);
      t->kind = (gg_term_kind)(GG_TERM_TIES + k);
      return 0;
    }
  /* PREFIX:ID, where ID names a channel (or, for member, a bloc) */
  static const struct {
    const char *prefix;
    gg_term_kind kind;
    int bloc;
  } named[] = {{"stock_share", GG_TERM_STOCK_SHARE, 0},
               {"stock_gdp", GG_TERM_STOCK_GDP, 0},
               {"member", GG_TERM_MEMBER, 1}};
  const char *colon = strchr(s, ':');
  size_t head = colon ? (size_t)(colon - s) : 0;
  for (size_t k = 0; colon && k < sizeof named / sizeof named[0]; k++) {
    if (head != strlen(named[k].prefix) || strncmp(s, named[k].prefix, head) != 0) continue;
    t->kind = named[k].kind;
    t->index = ggl_ld_lookup(sc, named[k].bloc ? LD_BLOC : LD_CHANNEL, colon + 1);
    if (t->index >= 0) return 0;
    return named[k].bloc
               ? ggl_ld_unknown_ref(L, path, "bloc", colon + 1, sc->bloc_id, sc->B, NULL)
               : ggl_ld_unknown_ref(L, path, "channel", colon + 1, sc->channel_id, sc->C, NULL);
  }
  return ggl_ld_fail(L, path, "expected %s, got \"%.60s\"", expected, s);
}

static int load_entry(ld *L, gg_scenario *sc, const cJSON *it, const char *p, gg_measure *m) {
  char q[LD_PATH];
  if (!cJSON_IsObject(it)) return ggl_ld_type(L, p, it, "an object");
  if (ggl_ld_keys(L, it, p, MEASURE_KEYS, (int)(sizeof MEASURE_KEYS / sizeof *MEASURE_KEYS)))
    return -1;
  char *s = NULL;
  if (ggl_ld_string(L, it, "indicator", p, &s, 1) < 0) return -1;
  m->indicator = s;
  ggl_ld_key(q, p, "indicator");
  if (ggl_ld_check_id(L, q, s)) return -1;
  s = NULL;
  if (ggl_ld_string(L, it, "note", p, &s, 0) < 0) return -1;
  if (!s && !(s = gg_strdup(""))) return ggl_ld_oom(L);
  m->note = s;

  const cJSON *pa = cJSON_GetObjectItemCaseSensitive(it, "partners");
  const cJSON *of = cJSON_GetObjectItemCaseSensitive(it, "of");
  ggl_ld_key(q, p, "partners");
  m->of = -1;
  if (pa) {
    if (!cJSON_IsArray(pa)) return ggl_ld_type(L, q, pa, "a list of power ids");
    int n = cJSON_GetArraySize(pa);
    if (n < 1) return ggl_ld_fail(L, q, "must name 1 or more powers, got none");
    int *ids = gg_calloc((size_t)n, sizeof *ids);
    if (!ids) return ggl_ld_oom(L);
    m->partners = ids;
    int k = 0;
    for (const cJSON *x = pa->child; x; x = x->next, k++) {
      char r[LD_PATH];
      ggl_ld_index(r, q, k);
      if (ggl_ld_ref(L, x, r, LD_POWER, sc, &ids[k])) return -1;
      for (int j = 0; j < k; j++)
        if (ids[j] == ids[k])
          return ggl_ld_fail(L, r, "power \"%s\" is named twice", sc->power_id[ids[k]]);
      m->npartners = k + 1;
    }
    if (of) {
      ggl_ld_key(q, p, "of");
      return ggl_ld_fail(L, q,
                         "not allowed with partners (each partner's own quantities are "
                         "used)");
    }
  } else if (of) {
    ggl_ld_key(q, p, "of");
    if (ggl_ld_ref(L, of, q, LD_POWER, sc, &m->of)) return -1;
  }

  int link;
  ggl_ld_key(q, p, "link");
  if (ggl_ld_enum(L, it, "link", q, LINK_NAMES, 3, 0, &link)) return -1;
  m->link = (gg_link)link;

  ggl_ld_key(q, p, "terms");
  const cJSON *terms = cJSON_GetObjectItemCaseSensitive(it, "terms");
  if (!terms)
    return ggl_ld_fail(L, q, "missing (a list of 1 to %d terms such as \"share\")",
                       GG_MEASURE_MAX_TERMS);
  if (!cJSON_IsArray(terms)) return ggl_ld_type(L, q, terms, "a list of terms");
  int nt = cJSON_GetArraySize(terms);
  if (nt < 1 || nt > GG_MEASURE_MAX_TERMS)
    return ggl_ld_fail(L, q, "must hold 1 to %d terms, got %d", GG_MEASURE_MAX_TERMS, nt);
  int k = 0;
  for (const cJSON *x = terms->child; x; x = x->next, k++) {
    char r[LD_PATH];
    ggl_ld_index(r, q, k);
    if (load_term(L, sc, x, r, &m->terms[k])) return -1;
    if ((m->terms[k].kind == GG_TERM_SHARE || m->terms[k].kind == GG_TERM_STOCK_SHARE ||
         m->terms[k].kind == GG_TERM_TIES || m->terms[k].kind == GG_TERM_DEPENDENCE) &&
        m->npartners == 0 && m->of < 0)
      return ggl_ld_fail(L, r, "needs a power: give \"partners\" or \"of\"");
    for (int j = 0; j < k; j++)
      if (m->terms[j].kind == m->terms[k].kind && m->terms[j].index == m->terms[k].index)
        return ggl_ld_fail(L, r, "\"%s\" is named twice", x->valuestring);
  }
  m->nterms = nt;

  ggl_ld_key(q, p, "intercept");
  if (ggl_ld_number(L, it, "intercept", q, &m->intercept, 1) < 0) return -1;
  ggl_ld_key(q, p, "coefficients");
  const cJSON *co = cJSON_GetObjectItemCaseSensitive(it, "coefficients");
  if (!co)
    return ggl_ld_fail(L, q, "missing (a list of %d number%s, one per term)", nt,
                       nt == 1 ? "" : "s");
  if (!cJSON_IsArray(co)) return ggl_ld_type(L, q, co, "a list of numbers, one per term");
  if (cJSON_GetArraySize(co) != nt)
    return ggl_ld_fail(L, q, "expected %d number%s (one per term), got %d", nt, nt == 1 ? "" : "s",
                       cJSON_GetArraySize(co));
  k = 0;
  for (const cJSON *x = co->child; x; x = x->next, k++) {
    char r[LD_PATH];
    ggl_ld_index(r, q, k);
    if (!cJSON_IsNumber(x)) return ggl_ld_type(L, r, x, "a number");
    if (!(x->valuedouble >= -1e6 && x->valuedouble <= 1e6))
      return ggl_ld_fail(L, r, "must lie in [-1e6, 1e6], got %.17g", x->valuedouble);
    m->coefficients[k] = x->valuedouble;
  }
  if (!(m->intercept >= -1e6 && m->intercept <= 1e6))
    return ggl_ld_fail(L, q, "must lie in [-1e6, 1e6], got %.17g", m->intercept);
  ggl_ld_key(q, p, "sd");
  m->sd = 0;
  if (ggl_ld_number(L, it, "sd", q, &m->sd, 0) < 0) return -1;
  if (!(m->sd >= 0 && m->sd <= 1e6))
    return ggl_ld_fail(L, q, "must lie in [0, 1e6], got %.17g", m->sd);
  return 0;
}

int ggl_measures_load(ld *L, gg_scenario *sc, const cJSON *arr) {
  if (!arr) return 0;
  if (!cJSON_IsArray(arr)) return ggl_ld_type(L, "$.measurement", arr, "a list of indicators");
  int n = cJSON_GetArraySize(arr);
  if (n > 1024) return ggl_ld_fail(L, "$.measurement", "holds %d entries, more than 1024", n);
  if (n == 0) return 0;
  sc->measures = gg_calloc((size_t)n, sizeof *sc->measures);
  if (!sc->measures) return ggl_ld_oom(L);
  int i = 0;
  for (const cJSON *it = arr->child; it; it = it->next, i++) {
    char p[LD_PATH];
    ggl_ld_index(p, "$.measurement", i);
    sc->M = i + 1;
    if (load_entry(L, sc, it, p, &sc->measures[i])) return -1;
    /* one entry per indicator and partner */
    const gg_measure *m = &sc->measures[i];
    for (int j = 0; j < i; j++) {
      const gg_measure *o = &sc->measures[j];
      if (strcmp(o->indicator, m->indicator) != 0) continue;
      if ((o->npartners == 0) != (m->npartners == 0))
        return ggl_ld_fail(L, p, "indicator \"%s\" is given with and without partners (entry %d)",
                           m->indicator, j);
      for (int a = 0; a < m->npartners; a++)
        for (int b = 0; b < o->npartners; b++)
          if (m->partners[a] == o->partners[b])
            return ggl_ld_fail(L, p, "indicator \"%s\" with partner \"%s\" is also entry %d",
                               m->indicator, sc->power_id[m->partners[a]], j);
      if (m->npartners == 0)
        return ggl_ld_fail(L, p, "indicator \"%s\" is also entry %d", m->indicator, j);
    }
  }
  return 0;
}

/* ---- the public accessors and the predictions ---------------------------- */

int gg_scenario_measures(const gg_scenario *sc) {
  return sc ? sc->M : 0;
}

const gg_measure *gg_scenario_measure(const gg_scenario *sc, int i) {
  if (!GG_OBJ("gg_scenario_measure", "scenario", sc) ||
      !GG_IN("gg_scenario_measure", "measurement entry", i, sc->M))
    return NULL;
  return &sc->measures[i];
}

const char *gg_link_name(gg_link link) {
  return (unsigned)link < 3 ? LINK_NAMES[link] : "?";
}

int gg_measure_term_name(const gg_scenario *sc, const gg_measure_term *t, char *buf, size_t size) {
  switch (t->kind) {
  case GG_TERM_SHARE:
    return snprintf(buf, size, "share");
  case GG_TERM_AUTONOMY:
    return snprintf(buf, size, "autonomy");
  case GG_TERM_STOCK_SHARE:
    return snprintf(buf, size, "stock_share:%s", sc->channel_id[t->index]);
  case GG_TERM_MEMBER:
    return snprintf(buf, size, "member:%s", sc->bloc_id[t->index]);
  case GG_TERM_STOCK_GDP:
    return snprintf(buf, size, "stock_gdp:%s", sc->channel_id[t->index]);
  case GG_TERM_TIES:
    return snprintf(buf, size, "ties");
  case GG_TERM_DEPENDENCE:
    return snprintf(buf, size, "dependence");
  case GG_TERM_HEDGING:
    return snprintf(buf, size, "hedging");
  }
  return snprintf(buf, size, "?");
}

/* Membership at the recorded tick: the members' dates at that tick, unless a
   join or leave event already applied says otherwise (events dated at the
   tick itself shape the next step and are not applied yet). */
static double member_now(const gg_sim *sim, int b, int s) {
  const gg_scenario *sc = sim->sc;
  signed char o = sim->override[b * sc->S + s];
  if (o >= 0) return o ? 1.0 : 0.0;
  for (int i = 0; i < sc->nmembers; i++) {
    const gg_member *m = &sc->members[i];
    if (m->bloc == b && m->state == s && m->from <= sim->t && sim->t < m->until) return 1.0;
  }
  return 0.0;
}

void gg_measure_terms(const gg_sim *sim, const gg_measure *m, int state, int partner, double *x) {
  const gg_scenario *sc = gg_sim_scenario(sim);
  int p = partner >= 0 ? partner : m->of;
  for (int k = 0; k < m->nterms; k++) {
    const gg_measure_term *t = &m->terms[k];
    switch (t->kind) {
    case GG_TERM_SHARE:
      x[k] = gg_sim_share(sim, state, p + 1);
      break;
    case GG_TERM_AUTONOMY:
      x[k] = gg_sim_share(sim, state, 0);
      break;
    case GG_TERM_STOCK_SHARE: {
      double sum = 0;
      for (int q = 0; q < sc->P; q++)
        sum += gg_sim_stock(sim, state, q, t->index);
      x[k] = sum > 0 ? gg_sim_stock(sim, state, p, t->index) / sum : 0.0;
      break;
    }
    case GG_TERM_MEMBER:
      x[k] = member_now(sim, t->index, state);
      break;
    case GG_TERM_STOCK_GDP: {
      /* the partner's stock, or every power's without a partner, over the
         state's GDP in USD million (stocks over a year's GDP for a channel
         counted in USD million) */
      double sum = 0;
      if (p >= 0)
        sum = gg_sim_stock(sim, state, p, t->index);
      else
        for (int q = 0; q < sc->P; q++)
          sum += gg_sim_stock(sim, state, q, t->index);
      x[k] = sum / (1000.0 * sim->v.gdp[state]);
      if (!(x[k] <= 1e300)) x[k] = 1e300; /* a tiny GDP: capped like a stock, never inf */
      break;
    }
    case GG_TERM_TIES:
      x[k] = gg_sim_ties(sim, state, p);
      break;
    case GG_TERM_DEPENDENCE:
      x[k] = gg_sim_dependence(sim, state, p);
      break;
    case GG_TERM_HEDGING:
      x[k] = gg_sim_hedging_capacity(sim, state);
      break;
    }
  }
}

double gg_measure_inverse(gg_link link, double eta) {
  switch (link) {
  case GG_LINK_LOGIT:
    /* the logistic function, written so that neither branch overflows */
    if (eta >= 0) return 1.0 / (1.0 + gg_exp(-eta));
    {
      double e = gg_exp(eta);
      return e / (1.0 + e);
    }
  case GG_LINK_LOG:
    return gg_exp(eta);
  case GG_LINK_IDENTITY:
    break;
  }
  return eta;
}

double gg_measure_link(gg_link link, double y) {
  switch (link) {
  case GG_LINK_LOGIT:
    if (y < GG_MEASURE_EPS) y = GG_MEASURE_EPS;
    if (y > 1 - GG_MEASURE_EPS) y = 1 - GG_MEASURE_EPS;
    return gg_log(y / (1 - y));
  case GG_LINK_LOG:
    if (y < GG_MEASURE_EPS) y = GG_MEASURE_EPS;
    return gg_log(y);
  case GG_LINK_IDENTITY:
    break;
  }
  return y;
}

double gg_measure_value(const gg_sim *sim, const gg_measure *m, int state, int partner) {
  double x[GG_MEASURE_MAX_TERMS];
  gg_measure_terms(sim, m, state, partner, x);
  double eta = m->intercept;
  for (int k = 0; k < m->nterms; k++)
    eta += m->coefficients[k] * x[k];
  return gg_measure_inverse(m->link, eta);
}
