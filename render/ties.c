/* Model GG-2's ties beside alignment: the two-panel chart of `plot --kind
   ties` (a state's alignment shares above, its ties with each power and its
   hedging capacity below, on one time axis) and the bars of the viewer's
   state panel. Alignment shares add up to 1: one power gains what another
   loses. Ties do not: a state can deepen its ties with every power at once,
   and its hedging capacity is the sum of its ties with all but the
   strongest (docs/model.md, section 5). */
#include "render.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The hedging capacity's line: dashed, in a grey darker than autonomy's. */
#define GR_HEDGE_COLOR 0x505050u

/* The first record after a step (ties are 0 before the first step). */
static int gr_ties_first(const gr_data *d) {
  for (int r = 0; r < d->nt; r++)
    if (d->tick[r] >= 1) return r;
  return d->nt;
}

/* A line dashed along its whole length: `on` pixels drawn, `off` left out,
   the pattern carried across the points. */
static void gr_dashed(gr_ctx *g, const float *xy, int n, float width, float on, float off,
                      uint32_t rgb) {
  float phase = 0; /* distance into the current on+off period */
  for (int i = 1; i < n; i++) {
    float x0 = xy[2 * i - 2], y0 = xy[2 * i - 1], x1 = xy[2 * i], y1 = xy[2 * i + 1];
    float len = sqrtf((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0)), at = 0;
    while (len > 0 && at < len) {
      float left = phase < on ? on - phase : on + off - phase, step = fminf(left, len - at);
      if (phase < on) {
        float a = at / len, b = (at + step) / len;
        gr_line(g, x0 + (x1 - x0) * a, y0 + (y1 - y0) * a, x0 + (x1 - x0) * b, y0 + (y1 - y0) * b,
                width, rgb, 255);
      }
      at += step;
      phase += step;
      if (phase >= on + off) phase = 0;
    }
  }
}

/* The largest tie or hedging capacity of state s up to record last. */
static double gr_ties_max(const gr_data *d, int s, int last) {
  double m = 0;
  for (int r = 0; r <= last && r < d->nt; r++) {
    for (int p = 0; p < d->np; p++)
      m = fmax(m, gr_ties(d, r, s, p));
    m = fmax(m, gr_hedge(d, r, s));
  }
  return m;
}

/* The top of a ties axis: a round number above m in steps of about m / n
   (1 when m is 0). */
static double gr_ties_top(double m, int n) {
  if (!(m > 0) || !isfinite(m)) return 1;
  double step = gr_nice_step(m, n);
  return ceil(m * 1.04 / step) * step;
}

void gr_draw_ties(gr_ctx *g, const gr_data *d, const gr_view *v, gr_box box) {
  gr_fill_rect(g, box.x, box.y, box.w, box.h, GR_PAPER, 255);
  if (d->nt == 0 || d->ns == 0) return;
  if (!d->has_ties) {
    gr_text(g, GR_NORMAL, box.x + box.w / 2, box.y + box.h / 2, GR_CENTER | GR_MIDDLE, GR_INK,
            "ties exist only in GG-2 (format 2) scenarios");
    return;
  }
  int s, last;
  float top = gr_chart_head(g, d, v, box, "alignment and ties", &s, &last);

  /* End labels: shares with their change since the start (as the time
     series), ties and the hedging capacity with their value. */
  char lab[GG_MAX_POWERS + 1][96], tlab[GG_MAX_POWERS + 1][96];
  int labw = 0, np = d->np < GG_MAX_POWERS ? d->np : GG_MAX_POWERS;
  for (int k = 0; k <= np; k++) {
    char ch[32];
    gr_points(gr_change(d, last, s, k), ch, sizeof ch);
    snprintf(lab[k], sizeof lab[k], "%s %.1f%% (%s)", k == 0 ? "aut." : d->pid[k - 1],
             100 * gr_share(d, last, s, k), ch);
    if (k < np)
      snprintf(tlab[k], sizeof tlab[k], "%s %.2f", d->pid[k], gr_ties(d, last, s, k));
    else
      snprintf(tlab[k], sizeof tlab[k], "hedging %.2f", gr_hedge(d, last, s));
    int w1, w2;
    gr_text_size(g, GR_SMALL, lab[k], &w1, NULL);
    gr_text_size(g, GR_SMALL, tlab[k], &w2, NULL);
    labw = w1 > labw ? w1 : labw;
    labw = w2 > labw ? w2 : labw;
  }

  /* Two panels of one height, each under its own line of explanation; the
     dates below the lower one. */
  int sh;
  gr_text_size(g, GR_SMALL, "Ag", NULL, &sh);
  float sub = (float)sh + gr_px(g, 6), gap = gr_px(g, 16);
  float left = box.x + gr_px(g, 62), width = box.w - gr_px(g, 62) - gr_px(g, 28) - (float)labw;
  float ph = (box.y + box.h - gr_px(g, 40) - top - 2 * sub - gap) / 2;
  if (ph < 20 || width < 20) return;
  gr_box a1 = {left, top + sub, width, ph};
  gr_box a2 = {left, a1.y + a1.h + gap + sub, width, ph};
  char since[160];
  snprintf(since, sizeof since,
           "alignment: shares that add up to 100%% (at the end: share, change since %s in points)",
           d->date[0]);
  gr_text_fit(g, GR_SMALL, box.x + gr_px(g, 10), top, GR_LEFT | GR_TOP, 0x404040,
              box.w - gr_px(g, 20), since);
  /* The hedging key at the right of the lower panel's line, the
     explanation at its left, cut to the room left. */
  const char *hk = "hedging capacity (ties with all but the strongest)";
  int hkw;
  gr_text_size(g, GR_SMALL, hk, &hkw, NULL);
  float ky = a2.y - sub, kx = box.x + box.w - gr_px(g, 10) - (float)hkw;
  gr_text(g, GR_SMALL, kx, ky, GR_LEFT | GR_TOP, 0x404040, hk);
  float seg[4] = {kx - gr_px(g, 40), ky + (float)sh / 2, kx - gr_px(g, 6), ky + (float)sh / 2};
  gr_dashed(g, seg, 2, gr_px(g, 2.5), gr_px(g, 7), gr_px(g, 4), GR_HEDGE_COLOR);
  gr_text_fit(g, GR_SMALL, box.x + gr_px(g, 10), ky, GR_LEFT | GR_TOP, 0x404040,
              seg[0] - box.x - gr_px(g, 24),
              "ties with each power: they can all grow at once (utility units)");

  int t0, t1;
  gr_time_span(d, v, &t0, &t1);
  double tmax = gr_ties_top(gr_ties_max(d, s, last), 4);
  gr_y_axis(g, a1, 0, 1, 1);
  gr_time_axis(g, d, a1, t0, t1, 0);
  gr_rect(g, a1.x, a1.y, a1.w, a1.h, 0x606060);
  gr_y_axis(g, a2, 0, tmax, 0);
  gr_time_axis(g, d, a2, t0, t1, 1);
  gr_rect(g, a2.x, a2.y, a2.w, a2.h, 0x606060);

#define GR_TX(r, a) ((a).x + (float)(d->tick[r] - t0) / (float)(t1 - t0) * (a).w)
  float lw = gr_px(g, 2.5);
  float ly[GG_MAX_POWERS + 1], ty[GG_MAX_POWERS + 1];
  uint32_t cols[GG_MAX_POWERS + 1], tcols[GG_MAX_POWERS + 1];
  for (int k = 0; k <= np; k++) {
    uint32_t col = k == 0 ? 0x6e6e6e : gr_comp_color(d, k);
    cols[k] = col;
    float y0 = a1.y + a1.h - (float)gr_share(d, 0, s, k) * a1.h;
    gr_line(g, a1.x, y0, a1.x + a1.w, y0, 1.0f, col, 110);
    for (int r = 1; r <= last; r++)
      gr_line(g, GR_TX(r - 1, a1), a1.y + a1.h - (float)gr_share(d, r - 1, s, k) * a1.h,
              GR_TX(r, a1), a1.y + a1.h - (float)gr_share(d, r, s, k) * a1.h, lw, col, 255);
    ly[k] = a1.y + a1.h - (float)gr_share(d, last, s, k) * a1.h;
  }
  int first = gr_ties_first(d);
  for (int p = 0; p < np; p++) {
    tcols[p] = gr_comp_color(d, p + 1);
    for (int r = first + 1; r <= last; r++)
      gr_line(g, GR_TX(r - 1, a2), a2.y + a2.h - (float)(gr_ties(d, r - 1, s, p) / tmax) * a2.h,
              GR_TX(r, a2), a2.y + a2.h - (float)(gr_ties(d, r, s, p) / tmax) * a2.h, lw, tcols[p],
              255);
    ty[p] = a2.y + a2.h - (float)(gr_ties(d, last, s, p) / tmax) * a2.h;
  }
  tcols[np] = GR_HEDGE_COLOR;
  ty[np] = a2.y + a2.h - (float)(gr_hedge(d, last, s) / tmax) * a2.h;
  if (last > first) {
    float pts[2 * 512];
    /* In pieces of at most 512 points, each starting where the last ended. */
    for (int r0 = first; r0 < last; r0 += 511) {
      int m = 0;
      for (int r = r0; r <= last && m < 512; r++, m++) {
        pts[2 * m] = GR_TX(r, a2);
        pts[2 * m + 1] = a2.y + a2.h - (float)(gr_hedge(d, r, s) / tmax) * a2.h;
      }
      gr_dashed(g, pts, m, gr_px(g, 2.5), gr_px(g, 7), gr_px(g, 4), GR_HEDGE_COLOR);
    }
  }
  gr_end_labels(g, a1, np + 1, ly, cols, lab, a1.y + a1.h + gr_px(g, 4));
  gr_end_labels(g, a2, np + 1, ty, tcols, tlab, a2.y + a2.h + gr_px(g, 30));
  float xr1 = GR_TX(v->rec, a1), xr2 = GR_TX(v->rec, a2);
  gr_line(g, xr1, a1.y, xr1, a1.y + a1.h, gr_px(g, 1.5), 0x000000, 160);
  gr_line(g, xr2, a2.y, xr2, a2.y + a2.h, gr_px(g, 1.5), 0x000000, 160);
#undef GR_TX
}

void gr_draw_ties_bars(gr_ctx *g, const gr_data *d, const gr_view *v, gr_box box) {
  gr_fill_rect(g, box.x, box.y, box.w, box.h, GR_PAPER, 255);
  if (d->nt == 0 || d->ns == 0 || !d->has_ties) return;
  int s = v->state >= 0 && v->state < d->ns ? v->state : 0;
  int r = v->rec >= 0 && v->rec < d->nt ? v->rec : d->nt - 1;
  int np = d->np < GG_MAX_POWERS ? d->np : GG_MAX_POWERS;
  float x = box.x + gr_px(g, 10), y = box.y + gr_px(g, 6), right = box.x + box.w - gr_px(g, 10);
  gr_text_fit(g, GR_NORMAL, x, y, GR_LEFT | GR_TOP, GR_INK, right - x, "ties");
  int th, sh;
  gr_text_size(g, GR_NORMAL, "Ag", NULL, &th);
  gr_text_size(g, GR_SMALL, "Ag", NULL, &sh);
  y += (float)th + gr_px(g, 2);
  /* What ties are, in two short lines. */
  gr_text_fit(g, GR_SMALL, x, y, GR_LEFT | GR_TOP, 0x404040, right - x,
              "ties can all grow at once;");
  y += (float)sh;
  gr_text_fit(g, GR_SMALL, x, y, GR_LEFT | GR_TOP, 0x404040, right - x, "shares add up to 100%");
  y += (float)sh + gr_px(g, 8);
  /* One bar per power, then the hedging capacity, on one scale: the
     largest value of any state so far, so that bars compare across states
     and do not jump as the selection changes. */
  if (d->tick[r] < 1) {
    gr_text_fit(g, GR_SMALL, x, y, GR_LEFT | GR_TOP, GR_INK, right - x, "(after the first step)");
    return;
  }
  double top = gr_ties_scale(d, r);
  int idw = 0, vw = 0;
  for (int p = 0; p < np; p++) {
    int w;
    gr_text_size(g, GR_SMALL, d->pid[p], &w, NULL);
    idw = w > idw ? w : idw;
  }
  gr_text_size(g, GR_SMALL, "hedging", &vw, NULL);
  idw = vw > idw ? vw : idw;
  gr_text_size(g, GR_SMALL, "00.00", &vw, NULL);
  float bx = x + (float)idw + gr_px(g, 8), bw = right - bx - (float)vw - gr_px(g, 8);
  float avail = box.y + box.h - gr_px(g, 6) - y;
  float row = avail / (float)(np + 1);
  if (row > gr_px(g, 34)) row = gr_px(g, 34);
  float bh = fminf(row * 0.72f, gr_px(g, 24));
  if (bw < 10 || bh < 3) return;
  char num[32];
  for (int k = 0; k <= np; k++) {
    float ry = y + row * (float)k, cy = ry + row / 2;
    double val = k < np ? gr_ties(d, r, s, k) : gr_hedge(d, r, s);
    float w = (float)(val / top) * bw;
    if (w < 0) w = 0;
    gr_text(g, GR_SMALL, bx - gr_px(g, 6), cy, GR_RIGHT | GR_MIDDLE, GR_INK,
            k < np ? d->pid[k] : "hedging");
    gr_fill_rect(g, bx, cy - bh / 2, bw, bh, 0xebedf0, 255); /* the scale's full length */
    if (k < np) {
      gr_fill_rect_share(g, bx, cy - bh / 2, w, bh, gr_comp_pattern(k + 1),
                         gr_comp_color(d, k + 1));
      gr_rect(g, bx, cy - bh / 2, w, bh, 0x303030);
    } else { /* the hedging capacity: a grey outline, dashed along the top */
      gr_fill_rect(g, bx, cy - bh / 2, w, bh, 0xe6e6e6, 255);
      float seg[4] = {bx, cy, bx + w, cy};
      gr_dashed(g, seg, 2, gr_px(g, 2.5), gr_px(g, 7), gr_px(g, 4), GR_HEDGE_COLOR);
      gr_rect(g, bx, cy - bh / 2, w, bh, GR_HEDGE_COLOR);
    }
    snprintf(num, sizeof num, "%.2f", val);
    gr_text(g, GR_SMALL, bx + w + gr_px(g, 6), cy, GR_LEFT | GR_MIDDLE, GR_INK, num);
  }
}

double gr_ties_scale(const gr_data *d, int upto) {
  double m = 0;
  for (int q = 0; q < d->ns; q++)
    m = fmax(m, gr_ties_max(d, q, upto));
  return gr_ties_top(m, 10);
}

void gr_draw_ties_row(gr_ctx *g, const gr_data *d, int r, int s, gr_box row, double top) {
  int np = d->np < GG_MAX_POWERS ? d->np : GG_MAX_POWERS;
  if (r < 0 || r >= d->nt || !d->has_ties) return;
  int sh, vw;
  gr_text_size(g, GR_SMALL, "Ag", NULL, &sh);
  gr_text_size(g, GR_SMALL, "00.00", &vw, NULL);
  float each = row.h / (float)(np + 1), bh = each * 0.8f, bw = row.w - (float)vw - gr_px(g, 8);
  if (bw < 10 || bh < 2) return;
  if (d->tick[r] < 1) {
    gr_text_fit(g, GR_SMALL, row.x, row.y + row.h / 2, GR_LEFT | GR_MIDDLE, GR_INK, row.w,
                "(ties after the first step)");
    return;
  }
  char num[32];
  for (int k = 0; k <= np; k++) {
    float y = row.y + each * (float)k, cy = y + each / 2;
    double val = k < np ? gr_ties(d, r, s, k) : gr_hedge(d, r, s);
    float w = (float)(fmax(0, val) / top) * bw;
    if (k < np) {
      gr_fill_rect_share(g, row.x, cy - bh / 2, w, bh, gr_comp_pattern(k + 1),
                         gr_comp_color(d, k + 1));
      gr_rect(g, row.x, cy - bh / 2, w, bh, 0x303030);
    } else {
      gr_fill_rect(g, row.x, cy - bh / 2, w, bh, 0xe6e6e6, 255);
      float seg[4] = {row.x, cy, row.x + w, cy};
      gr_dashed(g, seg, 2, fmaxf(1.5f, fminf(gr_px(g, 2.5), bh / 3)), gr_px(g, 7), gr_px(g, 4),
                GR_HEDGE_COLOR);
      gr_rect(g, row.x, cy - bh / 2, w, bh, GR_HEDGE_COLOR);
    }
    if ((float)sh <= each + gr_px(g, 4)) {
      snprintf(num, sizeof num, "%.2f", val);
      gr_text(g, GR_SMALL, row.x + w + gr_px(g, 5), cy, GR_LEFT | GR_MIDDLE, GR_INK, num);
    }
  }
}
