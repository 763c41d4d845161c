/* The viewer's state apart from the screen: recording ticks and the events
   they fire, restarting, the budgets the class sets with keys and sliders
   (their steps and units) and the title that names what was changed. */
#include "viewer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void gr_view_budget_set(gr_viewer *vw, int p, int c, double value) {
  int i = p * vw->d.nc + c;
  if (value < 0) value = 0;
  gg_sim_set_budget(vw->sim, p, c, value);
  vw->user[i] = gg_sim_budget(vw->sim, p, c);
  vw->touched[i] = 1;
}

/* 1, 2 or 5 times a power of ten, the nearest below or at v. */
static double gr_round125(double v) {
  if (!(v > 0)) return 1;
  double p = pow(10, floor(log10(v))), f = v / p;
  return (f >= 5 ? 5 : f >= 2 ? 2 : 1) * p;
}

double gr_budget_step(const gg_sim *sim, int p, int c) {
  const gg_scenario *sc = gg_sim_scenario(sim);
  gg_error err;
  char path[300];
  double own = 0, top = 0;
  for (int q = 0; q < gg_scenario_powers(sc); q++) {
    double b = 0;
    snprintf(path, sizeof path, "powers.%s.budget.%s", gg_power_id(sc, q), gg_channel_id(sc, c));
    if (gg_scenario_get(sc, path, &b, &err) != 0) b = 0;
    if (q == p) own = b;
    top = fmax(top, b);
  }
  if (own > 0) return 0.1 * own;
  if (top > 0) return 0.1 * top;
  double stock = 0;
  for (int s = 0; s < gg_scenario_states(sc); s++)
    for (int q = 0; q < gg_scenario_powers(sc); q++)
      stock = fmax(stock, gg_sim_stock(sim, s, q, c));
  return stock > 0 ? gr_round125(0.01 * stock) : 1.0;
}

const char *gr_step_word(const gg_scenario *sc) {
  gg_step st = gg_scenario_step(sc);
  return st == GG_STEP_YEAR ? "year" : st == GG_STEP_QUARTER ? "quarter" : "month";
}

void gr_view_title(const gr_viewer *vw, char *buf, size_t n) {
  size_t len = (size_t)snprintf(buf, n, "%s", gg_scenario_name(vw->sc));
  int nc = vw->d.nc;
  for (int p = 0; p < vw->d.np; p++)
    for (int c = 0; c < nc; c++) {
      int i = p * nc + c;
      if (!vw->touched || !vw->touched[i] || fabs(vw->user[i] - vw->budget0[i]) <= 1e-12) continue;
      if (len >= n) return;
      if (vw->budget0[i] > 0)
        len += (size_t)snprintf(buf + len, n - len, " \xe2\x80\x94 %s %s \xc3\x97%.3g",
                                vw->d.pid[p], vw->d.cid[c], vw->user[i] / vw->budget0[i]);
      else
        len += (size_t)snprintf(buf + len, n - len, " \xe2\x80\x94 %s %s %.3g (was 0)",
                                vw->d.pid[p], vw->d.cid[c], vw->user[i]);
    }
  for (int i = 0; i < vw->nsets && len < n; i++)
    len += (size_t)snprintf(buf + len, n - len, " \xe2\x80\x94 %s", vw->sets[i]);
  if (vw->seed_text && len < n)
    snprintf(buf + len, n - len, " \xe2\x80\x94 seed %s", vw->seed_text);
}

int gr_fired_lines(const gg_sim *sim, char (*lines)[200], unsigned char *random, int max) {
  const gg_scenario *sc = gg_sim_scenario(sim);
  const int *ev = NULL, *st = NULL;
  int n = gg_sim_fired(sim, &ev, &st), out = 0;
  /* Events fire in the step from tick t to t + 1: they belong to tick t. */
  char date[32];
  int t = gg_sim_tick(sim) - 1;
  gg_scenario_date(sc, t < 0 ? 0 : t, date, sizeof date);
  for (int i = 0; i < n && ev && out < max; i++) {
    const char *type = gg_event_type(sc, ev[i]), *note = gg_event_note(sc, ev[i]);
    int s = st ? st[i] : -1, rnd = strcmp(type, "shock") == 0;
    const char *where = s >= 0 && s < gg_scenario_states(sc) ? gg_state_name(sc, s) : NULL;
    if (rnd)
      snprintf(lines[out], sizeof lines[out], "%s  RANDOM shock%s%s, modelled on: %s", date,
               where ? " in " : "", where ? where : "", note ? note : "(no note)");
    else
      snprintf(lines[out], sizeof lines[out], "%s  %s%s%s", date, note ? note : type,
               where ? " in " : "", where ? where : "");
    if (random) random[out] = (unsigned char)rnd;
    out++;
  }
  return out;
}

int gr_view_record(gr_viewer *vw) {
  if (gr_data_record(&vw->d, vw->sim) != 0) return -1;
  char lines[GR_TICKER_LINES][200];
  unsigned char rnd[GR_TICKER_LINES];
  int n = gr_fired_lines(vw->sim, lines, rnd, GR_TICKER_LINES);
  for (int i = 0; i < n; i++) {
    int slot = vw->nticker % GR_TICKER_LINES;
    memcpy(vw->ticker[slot], lines[i], sizeof vw->ticker[slot]);
    vw->ticker_random[slot] = rnd[i];
    vw->nticker++;
  }
  return 0;
}

int gr_view_step(gr_viewer *vw) {
  if (gg_sim_tick(vw->sim) >= gg_scenario_ticks(vw->sc)) return 0;
  gg_sim_step(vw->sim);
  return gr_view_record(vw);
}

/* Back to the start. The class's slider settings stay (R) unless `sliders`
   is set (Shift+R): then the scenario's budgets come back. */
void gr_view_reset(gr_viewer *vw, int sliders) {
  gg_sim_reset(vw->sim, vw->seed);
  int n = vw->d.np * vw->d.nc;
  for (int i = 0; i < n; i++) {
    if (sliders) vw->touched[i] = 0;
    if (vw->touched[i]) gg_sim_set_budget(vw->sim, i / vw->d.nc, i % vw->d.nc, vw->user[i]);
  }
  gr_data_truncate(&vw->d, 0);
  vw->nticker = 0;
  vw->acc = 0;
  gr_view_record(vw);
}

void gr_view_budget_key(gr_viewer *vw, int dir) {
  if (vw->power < 0 || vw->d.nc == 0) return;
  int c = vw->channel, i = vw->power * vw->d.nc + c;
  /* On the grid of whole steps from the scenario's value, so that ten
     presses up and ten down come back exactly, and twenty presses on 16.5
     give exactly 49.5. */
  double b0 = vw->budget0[i], step = vw->step[i];
  double k = round((gg_sim_budget(vw->sim, vw->power, c) - b0) / step) + dir;
  double v = b0 + k * step;
  if (v < 1e-9 * step) v = 0;
  if (v > vw->range[i]) v = vw->range[i];
  gr_view_budget_set(vw, vw->power, c, v);
}

int gr_view_setup(gr_viewer *vw) {
  int np = gg_scenario_powers(vw->sc), nc = gg_scenario_channels(vw->sc);
  size_t n = (size_t)(np * nc + 1);
  vw->budget0 = calloc(n, sizeof *vw->budget0);
  vw->range = calloc(n, sizeof *vw->range);
  vw->step = calloc(n, sizeof *vw->step);
  vw->user = calloc(n, sizeof *vw->user);
  vw->touched = calloc(n, 1);
  if (!vw->budget0 || !vw->range || !vw->step || !vw->user || !vw->touched ||
      gr_data_init(&vw->d, vw->sc) != 0 || gr_view_record(vw) != 0)
    return -1;
  for (int c = 0; c < nc; c++) {
    double top = 0;
    for (int p = 0; p < np; p++) {
      top = fmax(top, vw->budget0[p * nc + c] = gg_sim_budget(vw->sim, p, c));
      vw->step[p * nc + c] = gr_budget_step(vw->sim, p, c);
    }
    /* Sliders run up to 3x the largest budget on the channel, and at least
       20 key presses. */
    for (int p = 0; p < np; p++)
      vw->range[p * nc + c] = fmax(3 * top, 20 * vw->step[p * nc + c]);
  }
  vw->power = np > 0 ? 0 : -1;
  return 0;
}

void gr_view_teardown(gr_viewer *vw) {
  gr_data_free(&vw->d);
  free(vw->budget0);
  free(vw->range);
  free(vw->step);
  free(vw->user);
  free(vw->touched);
  vw->budget0 = vw->range = vw->step = vw->user = NULL;
  vw->touched = NULL;
}
