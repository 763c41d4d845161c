/* The charts besides the map: the ternary plot of the three leading powers,
   a state's time series, stacked bars of every state, a sweep's fan chart,
   and the shared legend and axes. */
#include "render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *gr_comp_name(const gr_data *d, int k) {
  return k == 0 ? "autonomy" : d->pname[k - 1];
}

void gr_date_of(const gr_data *d, int t, char *buf, size_t n) {
  if (d->sc) {
    gg_scenario_date(d->sc, t, buf, n);
    return;
  }
  int r = gr_data_find(d, t);
  if (r >= 0 && d->tick[r] == t && d->date[r][0])
    snprintf(buf, n, "%s", d->date[r]);
  else
    snprintf(buf, n, "%d", t);
}

double gr_nice_step(double range, int n) {
  if (!(range > 0)) return 1;
  double raw = range / n, p = pow(10, floor(log10(raw))), f = raw / p;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}

float gr_draw_legend(gr_ctx *g, const gr_data *d, float x, float y, float maxw, float *cx,
                     float *cy) {
  float x0 = x, sw = gr_px(g, 22), gap = gr_px(g, 16);
  int th;
  gr_text_size(g, GR_NORMAL, "Ag", NULL, &th);
  float line = fmaxf((float)th, sw) + gr_px(g, 4);
  for (int k = 0; k <= d->np; k++) {
    int tw;
    gr_text_size(g, GR_NORMAL, gr_comp_name(d, k), &tw, NULL);
    float need = sw + gr_px(g, 6) + (float)tw;
    if (x > x0 && x + need > x0 + maxw) {
      x = x0;
      y += line;
    }
    float my = y + line / 2;
    gr_fill_rect_share(g, x, my - sw / 2, sw, sw, gr_comp_pattern(k), gr_comp_color(d, k));
    gr_rect(g, x, my - sw / 2, sw, sw, 0x303030);
    if (cx) cx[k] = x + sw / 2;
    if (cy) cy[k] = my;
    gr_text(g, GR_NORMAL, x + sw + gr_px(g, 6), my, GR_LEFT | GR_MIDDLE, GR_INK,
            gr_comp_name(d, k));
    x += need + gap;
  }
  return y + line;
}

int gr_ternary_powers(const gr_data *d, int r, int out[3]) {
  int n = d->np < 3 ? d->np : 3;
  double mean[GG_MAX_POWERS] = {0};
  for (int rr = 0; rr <= r && rr < d->nt; rr++)
    for (int s = 0; s < d->ns; s++)
      for (int p = 0; p < d->np; p++)
        mean[p] += gr_share(d, rr, s, p + 1);
  int used[GG_MAX_POWERS] = {0};
  for (int i = 0; i < n; i++) {
    int best = -1;
    for (int p = 0; p < d->np; p++)
      if (!used[p] && (best < 0 || mean[p] > mean[best])) best = p;
    used[best] = 1;
    out[i] = best;
  }
  /* Stable corners: in scenario order, whatever the ranking. */
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++)
      if (out[j] < out[i]) {
        int t = out[i];
        out[i] = out[j];
        out[j] = t;
      }
  return n;
}

static void gr_tern_point(const gr_data *d, int r, int s, const int lead[3], const float vx[3],
                          const float vy[3], float *x, float *y) {
  double w[3], tot = 0;
  for (int i = 0; i < 3; i++)
    tot += w[i] = gr_share(d, r, s, lead[i] + 1);
  if (!(tot > 0)) {
    w[0] = w[1] = w[2] = 1;
    tot = 3;
  }
  *x = (float)((w[0] * vx[0] + w[1] * vx[1] + w[2] * vx[2]) / tot);
  *y = (float)((w[0] * vy[0] + w[1] * vy[1] + w[2] * vy[2]) / tot);
}

/* Where the ternary plot's triangle goes in a box: corners vx, vy (the
   leading powers lead[0..2] at top, bottom left, bottom right). 0, or -1
   when the plot cannot be drawn. */
typedef struct gr_tern {
  int lead[3];
  float vx[3], vy[3];
  gr_box bounds; /* where labels may go */
} gr_tern;

static float gr_tern_rad(const gr_ctx *g, const gr_data *d, int r, int s) {
  return gr_px(g, 5 + 14 * gr_share(d, r, s, 0));
}

static int gr_tern_geom(gr_ctx *g, const gr_data *d, const gr_view *v, gr_box box, gr_tern *t) {
  float top = box.y + gr_px(g, 8);
  if (v->titles) top += gr_px(g, 34);
  if (d->nt == 0 || gr_ternary_powers(d, v->rec, t->lead) < 3) return -1;
  int th;
  gr_text_size(g, GR_NORMAL, "Ag", NULL, &th);
  float lab = (float)th + gr_px(g, 8), foot = gr_px(g, 26);
  float avail_h = box.h - (top - box.y) - 2 * lab - foot, avail_w = box.w - gr_px(g, 80);
  float side = fminf(avail_w, avail_h / 0.8660254f);
  float cx = box.x + box.w / 2, h = side * 0.8660254f, y0 = top + lab;
  t->vx[0] = cx;
  t->vx[1] = cx - side / 2;
  t->vx[2] = cx + side / 2;
  t->vy[0] = y0;
  t->vy[1] = t->vy[2] = y0 + h;
  float pad = gr_px(g, 4);
  t->bounds = (gr_box){box.x + pad, top, box.w - 2 * pad, box.y + box.h - foot - top};
  return side > 10 ? 0 : -1;
}

/* The corner labels' boxes (power names), written to out[3]. */
static void gr_tern_corner_boxes(gr_ctx *g, const gr_data *d, const gr_tern *t, gr_box out[3]) {
  for (int i = 0; i < 3; i++) {
    int w, h;
    gr_text_size(g, GR_NORMAL, d->pname[t->lead[i]], &w, &h);
    float y = i == 0 ? t->vy[i] - gr_px(g, 6) - (float)h : t->vy[i] + gr_px(g, 6);
    out[i] = (gr_box){t->vx[i] - (float)w / 2, y, (float)w, (float)h};
  }
}

int gr_ternary_labels(gr_ctx *g, const gr_data *d, const gr_view *v, gr_box box, gr_box *out,
                      gr_box *obst, int *nobst) {
  gr_tern t;
  if (d->ns == 0 || gr_tern_geom(g, d, v, box, &t) != 0) return 0;
  int nob = d->ns + 6;
  gr_box *ob = calloc((size_t)nob, sizeof *ob);
  gr_label *l = calloc((size_t)d->ns, sizeof *l);
  if (!ob || !l) {
    free(ob);
    free(l);
    return 0;
  }
  gr_tern_corner_boxes(g, d, &t, ob);
  for (int i = 0; i < 3; i++) {
    float cr = gr_px(g, 7);
    ob[3 + i] = (gr_box){t.vx[i] - cr, t.vy[i] - cr, 2 * cr, 2 * cr};
  }
  for (int s = 0; s < d->ns; s++) {
    float x, y, rad = gr_tern_rad(g, d, v->rec, s) + gr_px(g, 2);
    gr_tern_point(d, v->rec, s, t.lead, t.vx, t.vy, &x, &y);
    ob[6 + s] = (gr_box){x - rad, y - rad, 2 * rad, 2 * rad};
    int w, h;
    gr_text_size(g, GR_NORMAL, d->sid[s], &w, &h);
    l[s] = (gr_label){
        .ax = x, .ay = y, .clear = rad + gr_px(g, 2), .w = (float)w + gr_px(g, 6), .h = (float)h};
  }
  gr_place_labels(l, d->ns, ob, nob, t.bounds, gr_px(g, 8));
  for (int s = 0; s < d->ns; s++)
    out[s] = l[s].box;
  if (obst && nobst) {
    *nobst = nob < GR_MAX_OBST ? nob : GR_MAX_OBST;
    memcpy(obst, ob, (size_t)*nobst * sizeof *obst);
  }
  free(ob);
  free(l);
  return d->ns;
}

void gr_draw_ternary(gr_ctx *g, const gr_data *d, const gr_view *v, gr_box box) {
  gr_fill_rect(g, box.x, box.y, box.w, box.h, GR_PAPER, 255);
  if (v->titles)
    gr_text(g, GR_LARGE, box.x + box.w / 2, box.y + gr_px(g, 8), GR_CENTER | GR_TOP, GR_INK,
            d->nt ? d->date[v->rec] : "");
  gr_tern t;
  if (gr_tern_geom(g, d, v, box, &t) != 0) {
    gr_text(g, GR_NORMAL, box.x + box.w / 2, box.y + box.h / 2, GR_CENTER | GR_MIDDLE, GR_INK,
            "the ternary plot needs three powers");
    return;
  }
  const float *vx = t.vx, *vy = t.vy;
  /* Grid: lines of equal share every 20%. */
  for (int i = 1; i < 5; i++) {
    float f = i / 5.0f;
    for (int a = 0; a < 3; a++) {
      int b = (a + 1) % 3, c = (a + 2) % 3;
      float x0 = vx[a] + (vx[b] - vx[a]) * f, yy0 = vy[a] + (vy[b] - vy[a]) * f;
      float x1 = vx[a] + (vx[c] - vx[a]) * f, yy1 = vy[a] + (vy[c] - vy[a]) * f;
      gr_line(g, x0, yy0, x1, yy1, 1.0f, 0xd8d8d8, 255);
    }
  }
  float tri[6] = {vx[0], vy[0], vx[1], vy[1], vx[2], vy[2]};
  gr_polyline(g, tri, 3, 1, gr_px(g, 2), 0x303030, 255);
  gr_box corner[3];
  gr_tern_corner_boxes(g, d, &t, corner);
  for (int i = 0; i < 3; i++) {
    gr_disc(g, vx[i], vy[i], gr_px(g, 7), d->pcolor[t.lead[i]], 255);
    gr_text(g, GR_NORMAL, corner[i].x, corner[i].y, GR_LEFT | GR_TOP, GR_INK, d->pname[t.lead[i]]);
  }
  /* Paths so far: grey, the selected state's black. */
  for (int s = 0; s < d->ns; s++) {
    float prev_x = 0, prev_y = 0;
    for (int r = 0; r <= v->rec; r++) {
      float x, y;
      gr_tern_point(d, r, s, t.lead, vx, vy, &x, &y);
      if (r > 0)
        gr_line(g, prev_x, prev_y, x, y, gr_px(g, s == v->state ? 3 : 2),
                s == v->state ? 0x000000 : 0x7a7a7a, 255);
      prev_x = x;
      prev_y = y;
    }
  }
  for (int s = 0; s < d->ns; s++) {
    float x, y;
    gr_tern_point(d, v->rec, s, t.lead, vx, vy, &x, &y);
    float rad = gr_tern_rad(g, d, v->rec, s);
    int k = gr_dominant(d, v->rec, s);
    gr_disc(g, x, y, rad + gr_px(g, s == v->state ? 3 : 1.5), 0x000000, 255);
    gr_disc(g, x, y, rad, gr_comp_color(d, k), 255);
  }
  gr_box *lab = malloc((size_t)(d->ns > 0 ? d->ns : 1) * sizeof *lab);
  if (lab && gr_ternary_labels(g, d, v, box, lab, NULL, NULL) == d->ns) {
    for (int s = 0; s < d->ns; s++) {
      float x, y;
      gr_tern_point(d, v->rec, s, t.lead, vx, vy, &x, &y);
      gr_box b = lab[s];
      float cx = fminf(fmaxf(x, b.x), b.x + b.w), cy = fminf(fmaxf(y, b.y), b.y + b.h);
      float dist = sqrtf((cx - x) * (cx - x) + (cy - y) * (cy - y));
      if (dist > gr_tern_rad(g, d, v->rec, s) + gr_px(g, 10))
        gr_line(g, cx, cy, x, y, gr_px(g, 1.2), 0x404040, 255); /* a leader line */
      gr_fill_rect(g, b.x, b.y, b.w, b.h, 0xffffff, 200);
      gr_text(g, GR_NORMAL, b.x + b.w / 2, b.y + b.h / 2, GR_CENTER | GR_MIDDLE, GR_INK, d->sid[s]);
    }
  }
  free(lab);
  gr_text_fit(g, GR_SMALL, box.x + box.w / 2, box.y + box.h - gr_px(g, 4), GR_CENTER | GR_BOTTOM,
              0x303030, box.w - gr_px(g, 12),
              "shares without autonomy; bigger = more autonomous; line: path");
}

/* Plot area inside a chart box with room for axis labels. */
static gr_box gr_plot_area(gr_ctx *g, gr_box box, float top) {
  gr_box a = {box.x + gr_px(g, 62), top, box.w - gr_px(g, 62) - gr_px(g, 18), 0};
  a.h = box.y + box.h - gr_px(g, 40) - top;
  return a;
}

void gr_y_axis(gr_ctx *g, gr_box a, double lo, double hi, int percent) {
  double step = gr_nice_step(hi - lo, 4);
  for (double v = ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    float y = a.y + a.h - (float)((v - lo) / (hi - lo)) * a.h;
    gr_line(g, a.x, y, a.x + a.w, y, 1.0f, 0xdddddd, 255);
    if (percent)
      gr_textf(g, GR_SMALL, a.x - gr_px(g, 6), y, GR_RIGHT | GR_MIDDLE, GR_INK, "%.0f%%", v * 100);
    else
      gr_textf(g, GR_SMALL, a.x - gr_px(g, 6), y, GR_RIGHT | GR_MIDDLE, GR_INK, "%.3g", v);
  }
}

void gr_points(double v, char *buf, size_t n) {
  double a = fabs(100 * v);
  if (a < 0.05)
    snprintf(buf, n,
             "\xc2\xb1"
             "0.0");
  else
    snprintf(buf, n, "%s%.1f", v > 0 ? "+" : "\xe2\x88\x92", a);
}

void gr_time_span(const gr_data *d, const gr_view *v, int *t0, int *t1) {
  *t0 = d->tick[0];
  *t1 = d->tick[d->nt - 1];
  if (d->sc && gg_scenario_ticks(d->sc) > *t1 && v->upto >= 0) *t1 = gg_scenario_ticks(d->sc);
  if (*t1 <= *t0) *t1 = *t0 + 1;
}

void gr_time_axis(gr_ctx *g, const gr_data *d, gr_box a, int t0, int t1, int dates) {
  /* As many dates as fit side by side with room between them. */
  char widest[32];
  int dw;
  gr_date_of(d, t1, widest, sizeof widest);
  gr_text_size(g, GR_SMALL, widest, &dw, NULL);
  int fit = (int)(a.w / ((float)dw + gr_px(g, 24)));
  double step = gr_nice_step(t1 - t0, fit < 6 ? (fit > 1 ? fit : 1) : 6);
  if (step < 1) step = 1;
  if (d->sc && gg_scenario_step(d->sc) == GG_STEP_MONTH && step >= 6)
    step = 12 * ceil(step / 12); /* whole years */
  while ((t1 - t0) / step + 1 > fit + 1 && step < t1 - t0)
    step *= 2;
  for (double t = ceil(t0 / step) * step; t <= t1; t += step) {
    float x = a.x + (float)((t - t0) / (t1 - t0)) * a.w;
    char buf[32];
    gr_date_of(d, (int)t, buf, sizeof buf);
    gr_line(g, x, a.y, x, a.y + a.h, 1.0f, 0xeeeeee, 255);
    if (!dates) continue;
    gr_line(g, x, a.y + a.h, x, a.y + a.h + gr_px(g, 5), 1.0f, GR_INK, 255);
    /* A date that would reach into the end labels' column ends at the
       plot's edge instead. */
    float edge = a.x + a.w + gr_px(g, 4);
    if (x + (float)dw / 2 > edge)
      gr_text(g, GR_SMALL, edge, a.y + a.h + gr_px(g, 7), GR_RIGHT | GR_TOP, GR_INK, buf);
    else
      gr_text(g, GR_SMALL, x, a.y + a.h + gr_px(g, 7), GR_CENTER | GR_TOP, GR_INK, buf);
  }
  /* Events as marks along the top. */
  for (int e = 0; d->sc && e < gg_scenario_events(d->sc); e++) {
    int at = gg_event_at(d->sc, e);
    if (at < t0 || at > t1) continue;
    float x = a.x + (float)(at - t0) / (float)(t1 - t0) * a.w;
    gr_line(g, x, a.y, x, a.y + gr_px(g, 10), gr_px(g, 2), 0x303030, 255);
  }
}

void gr_end_labels(gr_ctx *g, gr_box a, int n, const float *ly, const uint32_t *col,
                   char (*lab)[96], float hi) {
  /* In order of height, pushed apart so that none overlaps. */
  int order[GG_MAX_POWERS + 1], th;
  if (n > GG_MAX_POWERS + 1) n = GG_MAX_POWERS + 1;
  gr_text_size(g, GR_SMALL, "Ag", NULL, &th);
  for (int k = 0; k < n; k++)
    order[k] = k;
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && ly[order[j - 1]] > ly[order[j]]; j--) {
      int t = order[j];
      order[j] = order[j - 1];
      order[j - 1] = t;
    }
  float pos[GG_MAX_POWERS + 1], lo = a.y - gr_px(g, 2);
  for (int i = 0; i < n; i++) {
    float y = ly[order[i]] - (float)th / 2;
    if (i > 0 && y < pos[i - 1] + (float)th) y = pos[i - 1] + (float)th;
    pos[i] = y < lo ? lo : y;
  }
  for (int i = n - 1; i >= 0; i--) { /* back up from the bottom if needed */
    float maxy = (i == n - 1 ? hi : pos[i + 1]) - (float)th;
    if (pos[i] > maxy) pos[i] = maxy;
  }
  float xl = a.x + a.w + gr_px(g, 6);
  for (int i = 0; i < n; i++) {
    int k = order[i];
    gr_line(g, a.x + a.w, ly[k], xl, pos[i] + (float)th / 2, gr_px(g, 2), col[k], 255);
    gr_text(g, GR_SMALL, xl + gr_px(g, 2), pos[i], GR_LEFT | GR_TOP, GR_INK, lab[k]);
  }
}

float gr_chart_head(gr_ctx *g, const gr_data *d, const gr_view *v, gr_box box, const char *what,
                    int *state, int *last) {
  int s = v->state >= 0 && v->state < d->ns ? v->state : 0;
  float top = box.y + gr_px(g, 6);
  char title[300];
  snprintf(title, sizeof title, "%s: %s", d->sname[s], what);
  gr_text(g, v->titles ? GR_LARGE : GR_NORMAL, box.x + gr_px(g, 10), top, GR_LEFT | GR_TOP, GR_INK,
          title);
  top += gr_px(g, v->titles ? 36 : 26);
  top = gr_draw_legend(g, d, box.x + gr_px(g, 62), top, box.w - gr_px(g, 80), NULL, NULL) +
        gr_px(g, 6);
  int l = v->upto >= 0 && v->upto < d->nt ? v->upto : d->nt - 1;
  *state = s;
  *last = l < v->rec ? v->rec : l;
  return top;
}

void gr_draw_timeseries(gr_ctx *g, const gr_data *d, const gr_view *v, gr_box box) {
  gr_fill_rect(g, box.x, box.y, box.w, box.h, GR_PAPER, 255);
  if (d->nt == 0 || d->ns == 0) return;
  int s, last;
  float top = gr_chart_head(g, d, v, box, "alignment shares", &s, &last);
  /* Labels at the end of the lines: the share and its change since the
     start; the plot leaves room for the widest. */
  char lab[GG_MAX_POWERS + 1][96];
  int labw = 0;
  for (int k = 0; k <= d->np; k++) {
    char ch[32];
    gr_points(gr_change(d, last, s, k), ch, sizeof ch);
    snprintf(lab[k], sizeof lab[k], "%s %.1f%% (%s)", k == 0 ? "aut." : d->pid[k - 1],
             100 * gr_share(d, last, s, k), ch);
    int w;
    gr_text_size(g, GR_SMALL, lab[k], &w, NULL);
    labw = w > labw ? w : labw;
  }
  char since[96];
  int sh;
  snprintf(since, sizeof since, "at the end: share (change since %s, in points)", d->date[0]);
  gr_text_size(g, GR_SMALL, since, NULL, &sh);
  gr_text_fit(g, GR_SMALL, box.x + box.w - gr_px(g, 8), top, GR_RIGHT | GR_TOP, 0x404040,
              box.w - gr_px(g, 16), since);
  gr_box a = gr_plot_area(g, box, top + (float)sh + gr_px(g, 6));
  a.w -= (float)labw + gr_px(g, 10);
  if (a.h < 20 || a.w < 20) return;
  int t0, t1;
  gr_time_span(d, v, &t0, &t1);
  gr_y_axis(g, a, 0, 1, 1);
  gr_time_axis(g, d, a, t0, t1, 1);
  gr_rect(g, a.x, a.y, a.w, a.h, 0x606060);
  float lw = gr_px(g, 2.5);
  float ly[GG_MAX_POWERS + 1];
  for (int k = 0; k <= d->np; k++) {
    uint32_t col = k == 0 ? 0x6e6e6e : gr_comp_color(d, k); /* autonomy darker than its fill */
    /* The start level, thin: what "change since the start" is measured from. */
    float y0 = a.y + a.h - (float)gr_share(d, 0, s, k) * a.h;
    gr_line(g, a.x, y0, a.x + a.w, y0, 1.0f, col, 110);
    for (int r = 1; r <= last; r++) {
      float xa = a.x + (float)(d->tick[r - 1] - t0) / (float)(t1 - t0) * a.w;
      float xb = a.x + (float)(d->tick[r] - t0) / (float)(t1 - t0) * a.w;
      float ya = a.y + a.h - (float)gr_share(d, r - 1, s, k) * a.h;
      float yb = a.y + a.h - (float)gr_share(d, r, s, k) * a.h;
      gr_line(g, xa, ya, xb, yb, lw, col, 255);
    }
    ly[k] = a.y + a.h - (float)gr_share(d, last, s, k) * a.h;
  }
  uint32_t cols[GG_MAX_POWERS + 1];
  for (int k = 0; k <= d->np; k++)
    cols[k] = k == 0 ? 0x6e6e6e : gr_comp_color(d, k);
  gr_end_labels(g, a, d->np + 1, ly, cols, lab, a.y + a.h + gr_px(g, 30));
  float xr = a.x + (float)(d->tick[v->rec] - t0) / (float)(t1 - t0) * a.w;
  gr_line(g, xr, a.y, xr, a.y + a.h, gr_px(g, 1.5), 0x000000, 160);
}

void gr_draw_bars(gr_ctx *g, const gr_data *d, const gr_view *v, gr_box box) {
  gr_fill_rect(g, box.x, box.y, box.w, box.h, GR_PAPER, 255);
  if (d->nt == 0 || d->ns == 0) return;
  float top = box.y + gr_px(g, 6);
  gr_textf(g, GR_LARGE, box.x + gr_px(g, 10), top, GR_LEFT | GR_TOP, GR_INK,
           d->has_ties ? "Alignment and ties by state, %s" : "Alignment by state, %s",
           d->date[v->rec]);
  top += gr_px(g, 38);
  top = gr_draw_legend(g, d, box.x + gr_px(g, 10), top, box.w - gr_px(g, 20), NULL, NULL) +
        gr_px(g, 8);
  int hh = 0;
  if (d->has_ties) { /* GG-2: a line above the two columns */
    gr_text_size(g, GR_SMALL, "Ag", NULL, &hh);
    top += (float)hh + gr_px(g, 6);
  }
  float namew = 0;
  for (int s = 0; s < d->ns; s++) {
    int w;
    gr_text_size(g, GR_NORMAL, d->sname[s], &w, NULL);
    namew = fmaxf(namew, (float)w);
  }
  namew += gr_px(g, 20);
  gr_box a = {box.x + namew, top, box.w - namew - gr_px(g, 24), box.y + box.h - gr_px(g, 34) - top};
  gr_box tb = {0, 0, 0, 0};
  double ttop = 1;
  if (d->has_ties) { /* the ties in a column at the right, on one scale */
    float gap = gr_px(g, 28);
    tb = (gr_box){a.x + a.w * 0.64f + gap, a.y, a.w * 0.36f - gap, a.h};
    a.w = a.w * 0.64f;
    ttop = gr_ties_scale(d, v->rec);
    float hy = top - (float)hh - gr_px(g, 4);
    gr_text_fit(g, GR_SMALL, a.x, hy, GR_LEFT | GR_TOP, 0x404040, a.w,
                "alignment: shares that add up to 100%");
    gr_text_fit(g, GR_SMALL, tb.x, hy, GR_LEFT | GR_TOP, 0x404040, tb.w,
                "ties: can all grow at once; dashed: hedging");
  }
  float rowh = a.h / (float)d->ns, barh = rowh * 0.72f;
  for (int s = 0; s < d->ns; s++) {
    float y = a.y + rowh * (float)s + (rowh - barh) / 2, x = a.x;
    gr_text(g, GR_NORMAL, a.x - gr_px(g, 10), y + barh / 2, GR_RIGHT | GR_MIDDLE, GR_INK,
            d->sname[s]);
    for (int k = 0; k <= d->np; k++) {
      float w = (float)gr_share(d, v->rec, s, k) * a.w;
      gr_fill_rect_share(g, x, y, w, barh, gr_comp_pattern(k), gr_comp_color(d, k));
      gr_line(g, x + w, y, x + w, y + barh, 1.0f, 0xffffff, 255);
      char pct[16];
      int tw, th;
      snprintf(pct, sizeof pct, "%.0f%%", 100 * gr_share(d, v->rec, s, k));
      gr_text_size(g, GR_SMALL, pct, &tw, &th);
      if (w > (float)tw + gr_px(g, 12)) { /* the number on a white patch */
        gr_fill_rect(g, x + w / 2 - (float)tw / 2 - gr_px(g, 3), y + barh / 2 - (float)th / 2,
                     (float)tw + gr_px(g, 6), (float)th, 0xffffff, 235);
        gr_text(g, GR_SMALL, x + w / 2, y + barh / 2, GR_CENTER | GR_MIDDLE, GR_INK, pct);
      }
      x += w;
    }
    if (s == v->state) gr_rect(g, a.x - 2, y - 2, a.w + 4, barh + 4, 0x000000);
    if (d->has_ties) gr_draw_ties_row(g, d, v->rec, s, (gr_box){tb.x, y, tb.w, barh}, ttop);
  }
  for (int i = 0; i <= 4; i++) {
    float x = a.x + a.w * (float)i / 4;
    gr_line(g, x, a.y + a.h, x, a.y + a.h + gr_px(g, 5), 1.0f, GR_INK, 255);
    gr_textf(g, GR_SMALL, x, a.y + a.h + gr_px(g, 7), GR_CENTER | GR_TOP, GR_INK, "%d%%", 25 * i);
  }
}

void gr_draw_fan(gr_ctx *g, const gr_sweep *sw, gr_box box) {
  gr_fill_rect(g, box.x, box.y, box.w, box.h, GR_PAPER, 255);
  if (sw->n == 0) return;
  float top = box.y + gr_px(g, 6);
  gr_textf(g, GR_LARGE, box.x + gr_px(g, 10), top, GR_LEFT | GR_TOP, GR_INK, "%s", sw->metric);
  top += gr_px(g, 38);
  gr_fill_rect(g, box.x + gr_px(g, 62), top + gr_px(g, 2), gr_px(g, 18), gr_px(g, 14), 0x2f6fdb,
               90);
  float kx = box.x + gr_px(g, 86);
  kx += (float)gr_text(g, GR_NORMAL, kx, top, GR_LEFT | GR_TOP, GR_INK, "q05 to q95");
  gr_line(g, kx + gr_px(g, 20), top + gr_px(g, 9), kx + gr_px(g, 38), top + gr_px(g, 9),
          gr_px(g, 3), 0x1a3f80, 255);
  gr_text(g, GR_NORMAL, kx + gr_px(g, 44), top, GR_LEFT | GR_TOP, GR_INK, "median");
  top += gr_px(g, 30);
  gr_box a = gr_plot_area(g, box, top);
  a.h -= gr_px(g, 16);
  double xlo = sw->x[0], xhi = sw->x[sw->n - 1], ylo = sw->q05[0], yhi = sw->q95[0];
  for (int i = 0; i < sw->n; i++) {
    ylo = fmin(ylo, fmin(sw->q05[i], sw->q50[i]));
    yhi = fmax(yhi, fmax(sw->q95[i], sw->q50[i]));
  }
  if (!(xhi > xlo)) xhi = xlo + 1;
  double pad = (yhi - ylo) * 0.08;
  if (!(pad > 0)) pad = fabs(yhi) * 0.1 + 1e-3;
  ylo -= pad;
  yhi += pad;
  gr_y_axis(g, a, ylo, yhi, 0);
  double step = gr_nice_step(xhi - xlo, 6);
  for (double x = ceil(xlo / step) * step; x <= xhi + step * 1e-9; x += step) {
    float px = a.x + (float)((x - xlo) / (xhi - xlo)) * a.w;
    gr_line(g, px, a.y + a.h, px, a.y + a.h + gr_px(g, 5), 1.0f, GR_INK, 255);
    gr_textf(g, GR_SMALL, px, a.y + a.h + gr_px(g, 7), GR_CENTER | GR_TOP, GR_INK, "%.4g", x);
  }
  gr_text(g, GR_NORMAL, a.x + a.w / 2, box.y + box.h - gr_px(g, 4), GR_CENTER | GR_BOTTOM, GR_INK,
          sw->xlabel);
#define FX(i) (a.x + (float)((sw->x[i] - xlo) / (xhi - xlo)) * a.w)
#define FY(v) (a.y + a.h - (float)(((v)-ylo) / (yhi - ylo)) * a.h)
  for (int i = 0; i + 1 < sw->n; i++) {
    float q[8] = {FX(i),     FY(sw->q05[i]),     FX(i + 1), FY(sw->q05[i + 1]),
                  FX(i + 1), FY(sw->q95[i + 1]), FX(i),     FY(sw->q95[i])};
    gr_fill_poly(g, q, 4, 0x2f6fdb, 90);
  }
  for (int i = 0; i < sw->n; i++) {
    if (sw->n == 1)
      gr_line(g, FX(i), FY(sw->q05[i]), FX(i), FY(sw->q95[i]), gr_px(g, 6), 0x2f6fdb, 90);
    if (i > 0)
      gr_line(g, FX(i - 1), FY(sw->q50[i - 1]), FX(i), FY(sw->q50[i]), gr_px(g, 3), 0x1a3f80, 255);
    gr_disc(g, FX(i), FY(sw->q50[i]), gr_px(g, 3), 0x1a3f80, 255);
  }
#undef FX
#undef FY
  gr_rect(g, a.x, a.y, a.w, a.h, 0x606060);
}
