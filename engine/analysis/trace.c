/* Long CSV trajectories. */
#include "trace.h"
#include "gg_util.h"

#include <math.h>

void gg_trace_headers(const gg_trace *tr) {
  if (tr->align) fputs("run,seed,tick,date,state,component,share\n", tr->align);
  if (tr->stocks) fputs("run,seed,tick,date,state,power,channel,stock,effort\n", tr->stocks);
  if (tr->utility) fputs("run,seed,tick,date,state,power,term,value\n", tr->utility);
  if (tr->indicators) fputs("run,seed,tick,date,state,indicator,partner,value\n", tr->indicators);
  if (tr->ties)
    fputs("run,seed,tick,date,state,power,ties,dependence,hedging_capacity\n", tr->ties);
}

static void num(gg_trace *tr, FILE *f, double v) {
  if (isfinite(v)) {
    char b[40];
    fputs(gg_fmt_csv(b, sizeof b, v), f);
  } else {
    tr->nonfinite = 1;
  }
}

static void utility_row(gg_trace *tr, const char *prefix, const char *comp, const char *term,
                        double v) {
  fprintf(tr->utility, "%s%s,%s,", prefix, comp, term);
  num(tr, tr->utility, v);
  fputc('\n', tr->utility);
}

/* GG-2's terms of every utility of state s (docs/model.md, 5.5.7): for
   autonomy its own utility and the hedging term, for a power the affinity,
   ties, dependence, regime, conditionality, bloc and backlash terms; then
   for both the neighbour pull, the noise and the utility, their sum. */
static void gg2_utility_rows(gg_trace *tr, const gg_sim *sim, int s, const char *prefix) {
  const gg_scenario *sc = gg_sim_scenario(sim);
  for (int k = 0; k <= gg_scenario_powers(sc); k++) {
    gg_gg2_utility_terms u;
    gg_sim_gg2_utility(sim, s, k, &u);
    /* -0 (a conditionality or backlash of 0) is written as 0 */
    double *terms[] = {&u.affinity,       &u.ties,  &u.dependence, &u.regime,
                       &u.conditionality, &u.bloc,  &u.backlash,   &u.hedging,
                       &u.neighbour,      &u.noise, &u.total};
    for (size_t i = 0; i < sizeof terms / sizeof terms[0]; i++)
      *terms[i] += 0.0;
    const char *comp = gg_component_id(sc, k);
    if (k == 0) {
      utility_row(tr, prefix, comp, "autonomy", u.affinity);
      utility_row(tr, prefix, comp, "hedging", u.hedging);
    } else {
      utility_row(tr, prefix, comp, "affinity", u.affinity);
      utility_row(tr, prefix, comp, "ties", u.ties);
      utility_row(tr, prefix, comp, "dependence", u.dependence);
      utility_row(tr, prefix, comp, "regime", u.regime);
      utility_row(tr, prefix, comp, "conditionality", u.conditionality);
      utility_row(tr, prefix, comp, "bloc", u.bloc);
      utility_row(tr, prefix, comp, "backlash", u.backlash);
    }
    utility_row(tr, prefix, comp, "neighbour", u.neighbour);
    utility_row(tr, prefix, comp, "noise", u.noise);
    utility_row(tr, prefix, comp, "utility", u.total);
  }
}

int gg_trace_tick(void *ctx, const gg_sim *sim) {
  gg_trace *tr = ctx;
  const gg_scenario *sc = gg_sim_scenario(sim);
  int S = gg_scenario_states(sc), P = gg_scenario_powers(sc), C = gg_scenario_channels(sc);
  int B = gg_scenario_blocs(sc), t = gg_sim_tick(sim), gg2 = gg_scenario_model(sc) == 2;
  char date[32], prefix[160];
  gg_scenario_date(sc, t, date, sizeof date);
  for (int s = 0; s < S; s++) {
    snprintf(prefix, sizeof prefix, "%d,%llu,%d,%s,%s,", tr->run,
             (unsigned long long)gg_sim_seed(sim), t, date, gg_state_id(sc, s));
    if (tr->align)
      for (int k = 0; k <= P; k++) {
        fprintf(tr->align, "%s%s,", prefix, gg_component_id(sc, k));
        num(tr, tr->align, gg_sim_share(sim, s, k));
        fputc('\n', tr->align);
      }
    if (tr->stocks)
      for (int p = 0; p < P; p++)
        for (int c = 0; c < C; c++) {
          fprintf(tr->stocks, "%s%s,%s,", prefix, gg_power_id(sc, p), gg_channel_id(sc, c));
          num(tr, tr->stocks, gg_sim_stock(sim, s, p, c));
          fputc(',', tr->stocks);
          num(tr, tr->stocks, gg_sim_effort(sim, s, p, c));
          fputc('\n', tr->stocks);
        }
    if (tr->utility && t > 0 && gg2) gg2_utility_rows(tr, sim, s, prefix);
    if (tr->ties && t > 0 && gg2)
      for (int p = 0; p < P; p++) {
        fprintf(tr->ties, "%s%s,", prefix, gg_power_id(sc, p));
        num(tr, tr->ties, gg_sim_ties(sim, s, p));
        fputc(',', tr->ties);
        num(tr, tr->ties, gg_sim_dependence(sim, s, p));
        fputc(',', tr->ties);
        num(tr, tr->ties, gg_sim_hedging_capacity(sim, s));
        fputc('\n', tr->ties);
      }
    if (tr->utility && t > 0 && !gg2)
      for (int k = 0; k <= P; k++) {
        gg_utility_terms u;
        gg_sim_utility(sim, s, k, &u, B <= 1024 ? tr->bloc : NULL);
        const char *comp = gg_component_id(sc, k);
        utility_row(tr, prefix, comp, k == 0 ? "autonomy" : "affinity", u.affinity);
        if (k > 0) {
          char term[96];
          for (int c = 0; c < C; c++) {
            snprintf(term, sizeof term, "channel.%s", gg_channel_id(sc, c));
            utility_row(tr, prefix, comp, term, u.channel[c]);
          }
          for (int b = 0; b < B && B <= 1024; b++) {
            snprintf(term, sizeof term, "bloc.%s", gg_bloc_id(sc, b));
            utility_row(tr, prefix, comp, term, tr->bloc[b]);
          }
          utility_row(tr, prefix, comp, "backlash", u.backlash);
        }
        utility_row(tr, prefix, comp, "neighbour", u.neighbour);
        utility_row(tr, prefix, comp, "noise", u.noise);
        utility_row(tr, prefix, comp, "utility", u.total);
      }
    if (tr->indicators)
      for (int i = 0; i < gg_scenario_measures(sc); i++) {
        const gg_measure *m = gg_scenario_measure(sc, i);
        int n = m->npartners ? m->npartners : 1;
        for (int j = 0; j < n; j++) {
          int partner = m->npartners ? m->partners[j] : -1;
          fprintf(tr->indicators, "%s%s,%s,", prefix, m->indicator,
                  partner >= 0 ? gg_power_id(sc, partner) : "");
          num(tr, tr->indicators, gg_measure_value(sim, m, s, partner));
          fputc('\n', tr->indicators);
        }
      }
  }
  if ((tr->align && ferror(tr->align)) || (tr->stocks && ferror(tr->stocks)) ||
      (tr->utility && ferror(tr->utility)) || (tr->indicators && ferror(tr->indicators)) ||
      (tr->ties && ferror(tr->ties)))
    return 1;
  return 0;
}

/* ---- the public alignment writer (<greatgame/study.h>) ------------------- */

struct gg_csv_trace {
  gg_trace tr;
};

gg_csv_trace *gg_csv_trace_create(FILE *f) {
  gg_csv_trace *t = gg_calloc(1, sizeof *t);
  if (t) t->tr.align = f;
  return t;
}
void gg_csv_trace_headers(gg_csv_trace *t) {
  gg_trace_headers(&t->tr);
}
void gg_csv_trace_set_run(gg_csv_trace *t, int run) {
  t->tr.run = run;
}
int gg_csv_trace_tick(void *ctx, const gg_sim *sim) {
  return gg_trace_tick(&((gg_csv_trace *)ctx)->tr, sim);
}
int gg_csv_trace_nonfinite(const gg_csv_trace *t) {
  return t->tr.nonfinite;
}
void gg_csv_trace_free(gg_csv_trace *t) {
  gg_free(t);
}
