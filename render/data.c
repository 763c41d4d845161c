/* What the charts draw: shares and efforts recorded tick by tick from a
   live simulation, with the ids, names and colours of its scenario. */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *gr_strdup(const char *s) {
  size_t n = strlen(s ? s : "") + 1;
  char *p = malloc(n);
  if (p) memcpy(p, s ? s : "", n);
  return p;
}

static void gr_free_strings(char **v, int n) {
  if (!v) return;
  for (int i = 0; i < n; i++)
    free(v[i]);
  free(v);
}

static char **gr_strings(int n, const char *(*get)(const gg_scenario *, int),
                         const gg_scenario *sc) {
  char **v = calloc((size_t)(n > 0 ? n : 1), sizeof *v);
  if (!v) return NULL;
  for (int i = 0; i < n; i++) {
    v[i] = gr_strdup(get(sc, i));
    if (!v[i]) {
      gr_free_strings(v, i);
      return NULL;
    }
  }
  return v;
}

int gr_data_init(gr_data *d, const gg_scenario *sc) {
  memset(d, 0, sizeof *d);
  d->sc = sc;
  d->ns = gg_scenario_states(sc);
  d->np = gg_scenario_powers(sc);
  d->nc = gg_scenario_channels(sc);
  d->sid = gr_strings(d->ns, gg_state_id, sc);
  d->sname = gr_strings(d->ns, gg_state_name, sc);
  d->pid = gr_strings(d->np, gg_power_id, sc);
  d->pname = gr_strings(d->np, gg_power_name, sc);
  d->cid = gr_strings(d->nc, gg_channel_id, sc);
  d->pcolor = calloc((size_t)d->np + 1, sizeof *d->pcolor);
  snprintf(d->title, sizeof d->title, "%s", gg_scenario_name(sc));
  if (!d->sid || !d->sname || !d->pid || !d->pname || !d->cid || !d->pcolor) {
    gr_data_free(d);
    return -1;
  }
  d->model = gg_scenario_model(sc);
  d->has_ties = d->model == 2;
  for (int p = 0; p < d->np; p++)
    d->pcolor[p] = gg_power_color(sc, p) & 0xffffffu;
  gr_palette_assign(d->pcolor, d->np, d->pcolor);
  return 0;
}

int gr_data_reserve(gr_data *d, int want) {
  if (want <= d->cap) return 0;
  int cap = d->cap ? d->cap : 64;
  while (cap < want)
    cap *= 2;
  size_t per_share = (size_t)d->ns * (size_t)(d->np + 1);
  size_t per_effort = (size_t)d->ns * (size_t)d->np * (size_t)d->nc;
  int *tick = realloc(d->tick, (size_t)cap * sizeof *tick);
  if (!tick) return -1;
  d->tick = tick;
  char(*date)[24] = realloc(d->date, (size_t)cap * sizeof *date);
  if (!date) return -1;
  d->date = date;
  double *share = realloc(d->share, (size_t)cap * per_share * sizeof *share);
  if (!share) return -1;
  d->share = share;
  if (per_effort) {
    double *effort = realloc(d->effort, (size_t)cap * per_effort * sizeof *effort);
    if (!effort) return -1;
    memset(effort + (size_t)d->cap * per_effort, 0,
           (size_t)(cap - d->cap) * per_effort * sizeof *effort);
    d->effort = effort;
  }
  if (d->has_ties) {
    size_t per_ties = (size_t)d->ns * (size_t)(d->np > 0 ? d->np : 1);
    double *ties = realloc(d->ties, (size_t)cap * per_ties * sizeof *ties);
    if (!ties) return -1;
    d->ties = ties;
    double *hedge =
        realloc(d->hedge, (size_t)cap * (size_t)(d->ns > 0 ? d->ns : 1) * sizeof *hedge);
    if (!hedge) return -1;
    d->hedge = hedge;
    memset(ties + (size_t)d->cap * per_ties, 0, (size_t)(cap - d->cap) * per_ties * sizeof *ties);
    memset(hedge + (size_t)d->cap * d->ns, 0, (size_t)(cap - d->cap) * d->ns * sizeof *hedge);
  }
  d->cap = cap;
  return 0;
}

int gr_data_record(gr_data *d, const gg_sim *sim) {
  if (gr_data_reserve(d, d->nt + 1) != 0) return -1;
  int r = d->nt;
  d->tick[r] = gg_sim_tick(sim);
  gg_scenario_date(gg_sim_scenario(sim), d->tick[r], d->date[r], sizeof d->date[r]);
  int nk = d->np + 1;
  for (int s = 0; s < d->ns; s++) {
    for (int k = 0; k < nk; k++)
      d->share[((size_t)r * d->ns + s) * nk + k] = gg_sim_share(sim, s, k);
    if (d->effort)
      for (int p = 0; p < d->np; p++)
        for (int c = 0; c < d->nc; c++)
          d->effort[(((size_t)r * d->ns + s) * d->np + p) * d->nc + c] =
              gg_sim_effort(sim, s, p, c);
    if (d->has_ties) {
      for (int p = 0; p < d->np; p++)
        d->ties[((size_t)r * d->ns + s) * d->np + p] = gg_sim_ties(sim, s, p);
      d->hedge[(size_t)r * d->ns + s] = gg_sim_hedging_capacity(sim, s);
    }
  }
  d->nt++;
  return 0;
}

void gr_data_truncate(gr_data *d, int n) {
  if (n >= 0 && n < d->nt) d->nt = n;
}

int gr_data_find(const gr_data *d, int t) {
  if (d->nt == 0) return -1;
  /* Records are in tick order; ticks are normally 0..nt-1. */
  if (t >= 0 && t < d->nt && d->tick[t] == t) return t;
  int best = 0;
  for (int r = 0; r < d->nt; r++)
    if (d->tick[r] <= t) best = r;
  return best;
}

void gr_data_free(gr_data *d) {
  gr_free_strings(d->sid, d->ns);
  gr_free_strings(d->sname, d->ns);
  gr_free_strings(d->pid, d->np);
  gr_free_strings(d->pname, d->np);
  gr_free_strings(d->cid, d->nc);
  free(d->pcolor);
  free(d->tick);
  free(d->date);
  free(d->share);
  free(d->effort);
  free(d->ties);
  free(d->hedge);
  memset(d, 0, sizeof *d);
}
