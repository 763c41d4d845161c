/* gg_explain_run: the terms of every component's utility in one state
   (affinity, each channel's response, each bloc's bonus, backlash, neighbour
   pull, noise, their sum and the resulting share; for GG-2 scenarios GG-2's
   terms: affinity, ties, dependence, regime, conditionality, blocs,
   backlash, hedging, neighbour pull, noise, their sum and the share) in the
   steps to two ticks, as `greatgame explain` prints them. Public API only
   (and gg_util.h). */
#include "gg_util.h"

#include <string.h>

/* GG-2's kinds of term, after the public enum's GG_EXPLAIN_SHARE (7); the
   bindings and `greatgame explain` name them "ties", "dependence",
   "regime", "conditionality" and "hedging". */
enum { EX_TIES = 8, EX_DEPENDENCE = 9, EX_REGIME = 10, EX_CONDITIONALITY = 11, EX_HEDGING = 12 };

/* GG-2's decomposition (docs/model.md, 5.5.7): the same terms for every
   component, those a component does not have being 0 (autonomy has no
   ties, a power no hedging); the blocs' bonuses come as one sum. */
#define EX_GG2_TERMS 12
static const int ex_gg2_kinds[EX_GG2_TERMS] = {
    GG_EXPLAIN_AFFINITY,  EX_TIES,          EX_DEPENDENCE,       EX_REGIME,
    EX_CONDITIONALITY,    GG_EXPLAIN_BLOC,  GG_EXPLAIN_BACKLASH, EX_HEDGING,
    GG_EXPLAIN_NEIGHBOUR, GG_EXPLAIN_NOISE, GG_EXPLAIN_UTILITY,  GG_EXPLAIN_SHARE};
static const char *const ex_gg2_labels[EX_GG2_TERMS] = {
    "affinity", "ties",    "dependence",     "regime", "conditionality", "blocs",
    "backlash", "hedging", "neighbour pull", "noise",  "= utility",      "share (after step)"};

struct gg_explain_result {
  int gg2;  /* 1: the scenario runs GG-2 (ex_gg2_kinds) */
  int K, T; /* components, terms per component */
  int from, to;
  uint64_t seed;
  gg_explain_term *term; /* [K*T] */
  char *labels;          /* the labels the terms point to */
};

gg_explain_options gg_explain_defaults(void) {
  gg_explain_options o;
  memset(&o, 0, sizeof o);
  o.state = -1;
  o.from = 1;
  return o;
}

void gg_explain_free(gg_explain_result *res) {
  if (!res) return;
  gg_free(res->term);
  gg_free(res->labels);
  gg_free(res);
}

/* Kind, index and label of term i of component k; returns the label's length. */
static size_t ex_label(const gg_scenario *sc, int k, int i, gg_explain_term *t, char *buf,
                       size_t size) {
  int C = gg_scenario_channels(sc), B = gg_scenario_blocs(sc);
  t->index = -1;
  if (gg_scenario_model(sc) == 2) {
    t->kind = (gg_explain_kind)ex_gg2_kinds[i];
    snprintf(buf, size, "%s", i == 0 && k == 0 ? "autonomy (alpha)" : ex_gg2_labels[i]);
  } else if (i == 0) {
    t->kind = GG_EXPLAIN_AFFINITY;
    snprintf(buf, size, "%s", k == 0 ? "autonomy (alpha)" : "affinity");
  } else if (i <= C) {
    t->kind = GG_EXPLAIN_CHANNEL;
    t->index = i - 1;
    snprintf(buf, size, "%s", gg_channel_id(sc, i - 1));
  } else if (i <= C + B) {
    t->kind = GG_EXPLAIN_BLOC;
    t->index = i - 1 - C;
    snprintf(buf, size, "bloc %s", gg_bloc_id(sc, i - 1 - C));
  } else {
    static const gg_explain_kind kinds[] = {GG_EXPLAIN_BACKLASH, GG_EXPLAIN_NEIGHBOUR,
                                            GG_EXPLAIN_NOISE, GG_EXPLAIN_UTILITY, GG_EXPLAIN_SHARE};
    static const char *names[] = {"backlash", "neighbour pull", "noise", "= utility",
                                  "share (after step)"};
    t->kind = kinds[i - C - B - 1];
    snprintf(buf, size, "%s", names[i - C - B - 1]);
  }
  return strlen(buf);
}

/* The terms of every component at the simulation's current tick, into the
   `from` (which 0) or `to` (which 1) values. */
static void ex_capture(gg_explain_result *res, const gg_sim *sim, int s, double *blocbuf,
                       int which) {
  const gg_scenario *sc = gg_sim_scenario(sim);
  if (res->gg2) {
    for (int k = 0; k < res->K; k++) {
      gg_gg2_utility_terms u;
      gg_sim_gg2_utility(sim, s, k, &u);
      double v[EX_GG2_TERMS] = {u.affinity,       u.ties,  u.dependence, u.regime,
                                u.conditionality, u.bloc,  u.backlash,   u.hedging,
                                u.neighbour,      u.noise, u.total,      gg_sim_share(sim, s, k)};
      gg_explain_term *row = res->term + (size_t)k * (size_t)res->T;
      for (int j = 0; j < res->T; j++) {
        double x = v[j] + 0.0; /* -0 as 0 */
        if (which == 0)
          row[j].from = x;
        else
          row[j].to = x;
      }
    }
    return;
  }
  int C = gg_scenario_channels(sc), B = gg_scenario_blocs(sc);
  for (int k = 0; k < res->K; k++) {
    gg_utility_terms u;
    memset(&u, 0, sizeof u);
    for (int b = 0; b < B; b++)
      blocbuf[b] = 0;
    gg_sim_utility(sim, s, k, &u, blocbuf);
    double v[GG_MAX_CHANNELS + 6], *bv = blocbuf;
    int i = 0;
    v[i++] = u.affinity;
    for (int c = 0; c < C; c++)
      v[i++] = u.channel[c];
    gg_explain_term *row = res->term + (size_t)k * (size_t)res->T;
    for (int j = 0; j < res->T; j++) {
      double x;
      if (j < 1 + C)
        x = v[j];
      else if (j < 1 + C + B)
        x = bv[j - 1 - C];
      else {
        double tail[] = {u.backlash, u.neighbour, u.noise, u.total, gg_sim_share(sim, s, k)};
        x = tail[j - 1 - C - B];
      }
      x += 0.0; /* -0 as 0 */
      if (which == 0)
        row[j].from = x;
      else
        row[j].to = x;
    }
  }
}

static int ex_check(const gg_explain_options *o, gg_error *err) {
  if (!o || !o->scenario) {
    gg_err_set(err, "explain: no scenario");
    return -1;
  }
  const gg_scenario *sc = o->scenario;
  int n = gg_scenario_ticks(sc), to = o->to ? o->to : n;
  if (o->state < 0 || o->state >= gg_scenario_states(sc)) {
    gg_err_set(err, "%s: no state %d (it has %d)", gg_limits_scenario_file(sc), o->state,
               gg_scenario_states(sc));
    return -1;
  }
  if (o->from < 1 || o->from > n || to < o->from || to > n) {
    gg_err_set(err, "%s: window %d..%d is not within 1..%d with from <= to",
               gg_limits_scenario_file(sc), o->from, to, n);
    return -1;
  }
  return 0;
}

/* The result's terms and labels for the scenario. */
static gg_explain_result *ex_alloc(const gg_scenario *sc) {
  gg_explain_result *res = gg_calloc(1, sizeof *res);
  if (!res) return NULL;
  res->gg2 = gg_scenario_model(sc) == 2;
  res->K = gg_scenario_powers(sc) + 1;
  res->T = res->gg2 ? EX_GG2_TERMS : gg_scenario_channels(sc) + gg_scenario_blocs(sc) + 6;
  res->term = gg_calloc((size_t)res->K * (size_t)res->T, sizeof(gg_explain_term));
  size_t total = 0;
  char buf[256];
  gg_explain_term t;
  for (int k = 0; k < res->K; k++)
    for (int i = 0; i < res->T; i++)
      total += ex_label(sc, k, i, &t, buf, sizeof buf) + 1;
  res->labels = gg_malloc(total);
  if (!res->term || !res->labels) {
    gg_explain_free(res);
    return NULL;
  }
  char *p = res->labels;
  for (int k = 0; k < res->K; k++)
    for (int i = 0; i < res->T; i++) {
      gg_explain_term *w = &res->term[(size_t)k * (size_t)res->T + (size_t)i];
      size_t n = ex_label(sc, k, i, w, buf, sizeof buf);
      memcpy(p, buf, n + 1);
      w->label = p;
      p += n + 1;
    }
  return res;
}

int gg_explain_run(const gg_explain_options *o, gg_explain_result **out, gg_error *err) {
  *out = NULL;
  if (ex_check(o, err) != 0) return GG_STUDY_BAD_OPTIONS;
  const gg_scenario *sc = o->scenario;
  gg_explain_result *res = ex_alloc(sc);
  double *blocbuf = gg_calloc((size_t)gg_scenario_blocs(sc) + 1, sizeof(double));
  /* the stream of `run` replicate 0, so explain decomposes what run wrote */
  uint64_t seed = gg_seed_derive(o->has_seed ? o->seed : gg_scenario_seed(sc), 0, 0);
  gg_sim *sim = res && blocbuf ? gg_sim_create(sc, seed) : NULL;
  if (!sim) {
    gg_err_set(err, "explain: out of memory");
    gg_free(blocbuf);
    gg_explain_free(res);
    return GG_STUDY_OUT_OF_MEMORY;
  }
  res->from = o->from;
  res->to = o->to ? o->to : gg_scenario_ticks(sc);
  res->seed = gg_sim_seed(sim);
  while (gg_sim_tick(sim) < res->from)
    gg_sim_step(sim);
  ex_capture(res, sim, o->state, blocbuf, 0);
  while (gg_sim_tick(sim) < res->to)
    gg_sim_step(sim);
  ex_capture(res, sim, o->state, blocbuf, 1);
  gg_sim_free(sim);
  gg_free(blocbuf);
  *out = res;
  return GG_STUDY_OK;
}

int gg_explain_components(const gg_explain_result *res) {
  return res->K;
}
int gg_explain_terms(const gg_explain_result *res) {
  return res->T;
}
const gg_explain_term *gg_explain_term_at(const gg_explain_result *res, int component, int term) {
  return &res->term[(size_t)component * (size_t)res->T + (size_t)term];
}
int gg_explain_from(const gg_explain_result *res) {
  return res->from;
}
int gg_explain_to(const gg_explain_result *res) {
  return res->to;
}
uint64_t gg_explain_seed(const gg_explain_result *res) {
  return res->seed;
}
