/* The viewer's screen: header, map, time series (with, for GG-2, the
   selected state's ties beside it), ternary plot, the budget sliders of the
   selected power, the event ticker and the help overlay. */
#include "viewer.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const double gr_speeds[GR_SPEEDS] = {0.5, 1, 2, 4, 8, 15, 30, 60};

void gr_view_layout(gr_viewer *vw) {
  gr_ctx *g = &vw->g;
  float w = (float)vw->w, h = (float)vw->h;
  float head = gr_px(g, 44), tick = gr_px(g, 30) * 3 + gr_px(g, 14);
  float body = h - head - tick, lw = floorf(w * 0.58f);
  vw->map_box = (gr_box){0, head, lw, floorf(body * 0.60f)};
  vw->ts_box = (gr_box){0, head + vw->map_box.h, lw, body - vw->map_box.h};
  vw->tern_box = (gr_box){lw, head, w - lw, floorf(body * 0.58f)};
  vw->panel_box = (gr_box){lw, head + vw->tern_box.h, w - lw, body - vw->tern_box.h};
  vw->ticker_box = (gr_box){0, h - tick, w, tick};
  vw->ties_box = (gr_box){0, 0, 0, 0};
  if (vw->d.has_ties) { /* GG-2: the state's ties beside its shares, the map a little lower */
    vw->map_box.h = floorf(body * 0.54f);
    vw->ts_box = (gr_box){0, head + vw->map_box.h, lw, body - vw->map_box.h};
    float tw = floorf(lw * 0.34f);
    vw->ties_box = (gr_box){lw - tw, vw->ts_box.y, tw, vw->ts_box.h};
    vw->ts_box.w = lw - tw;
  }
}

static void gr_view_header(gr_viewer *vw) {
  gr_ctx *g = &vw->g;
  float hh = vw->map_box.y;
  gr_fill_rect(g, 0, 0, (float)vw->w, hh, 0x1f2933, 255);
  int r = vw->d.nt - 1;
  int t = vw->d.tick[r], T = gg_scenario_ticks(vw->sc);
  float x = gr_px(g, 12);
  x += (float)gr_textf(g, GR_LARGE, x, hh / 2, GR_LEFT | GR_MIDDLE, 0xffffff, "%s", vw->d.date[r]);
  x += gr_px(g, 16);
  x +=
      (float)gr_textf(g, GR_NORMAL, x, hh / 2, GR_LEFT | GR_MIDDLE, 0xc8d0d8, "tick %d / %d", t, T);
  x += gr_px(g, 20);
  const char *st = t >= T ? "finished" : vw->playing ? "playing" : "paused";
  x += (float)gr_textf(g, GR_NORMAL, x, hh / 2, GR_LEFT | GR_MIDDLE,
                       vw->playing ? 0x8fe388 : 0xffd27f, "%s  %g ticks/s", st,
                       gr_speeds[vw->speed]);
  int hw;
  gr_text_size(g, GR_NORMAL, "H: help", &hw, NULL);
  gr_text(g, GR_NORMAL, (float)vw->w - gr_px(g, 12), hh / 2, GR_RIGHT | GR_MIDDLE, 0xc8d0d8,
          "H: help");
  /* The scenario and what the class changed: two projected runs differ here. */
  char title[600];
  gr_view_title(vw, title, sizeof title);
  float x0 = x + gr_px(g, 20), x1 = (float)vw->w - gr_px(g, 24) - (float)hw;
  int tw;
  gr_text_size(g, GR_NORMAL, title, &tw, NULL);
  int font = (float)tw <= x1 - x0 ? GR_NORMAL : GR_SMALL;
  if (x1 - x0 > gr_px(g, 40))
    gr_text_fit(g, font, x0, hh / 2, GR_LEFT | GR_MIDDLE, 0xffffff, x1 - x0, title);
}

void gr_view_slider_set(gr_viewer *vw, int c, float x) {
  if (vw->power < 0 || c < 0 || c >= vw->d.nc) return;
  SDL_FRect t = vw->track[c];
  double f = (x - t.x) / (t.w > 1 ? t.w : 1);
  f = f < 0 ? 0 : f > 1 ? 1 : f;
  gr_view_budget_set(vw, vw->power, c, f * vw->range[vw->power * vw->d.nc + c]);
  vw->channel = c;
}

static void gr_view_panel(gr_viewer *vw) {
  gr_ctx *g = &vw->g;
  gr_box b = vw->panel_box;
  gr_fill_rect(g, b.x, b.y, b.w, b.h, 0xf4f6f8, 255);
  gr_line(g, b.x, b.y, b.x + b.w, b.y, 1.0f, 0xc0c0c0, 255);
  int p = vw->power;
  float x = b.x + gr_px(g, 14), y = b.y + gr_px(g, 8);
  if (p < 0) {
    gr_text(g, GR_NORMAL, x, y, GR_LEFT | GR_TOP, GR_INK, "Press 1-9 to pick a power");
    return;
  }
  gr_disc(g, x + gr_px(g, 9), y + gr_px(g, 12), gr_px(g, 9), vw->d.pcolor[p], 255);
  gr_textf(g, GR_LARGE, x + gr_px(g, 26), y, GR_LEFT | GR_TOP, GR_INK, "%d  %s budgets", p + 1,
           vw->d.pname[p]);
  y += gr_px(g, 40);
  int nc = vw->d.nc;
  float row = (b.y + b.h - y - gr_px(g, 4)) / (float)(nc > 0 ? nc : 1);
  if (row > gr_px(g, 64)) row = gr_px(g, 64);
  float tx = x, tw = b.w - gr_px(g, 28);
  for (int c = 0; c < nc; c++) {
    float ry = y + row * (float)c, cy = ry + row * 0.70f;
    double val = gg_sim_budget(vw->sim, p, c), max = vw->range[p * nc + c];
    double b0 = vw->budget0[p * nc + c];
    double f = max > 0 ? val / max : 0;
    if (f > 1) f = 1;
    uint32_t ink = c == vw->channel ? 0x000000u : 0x303030u;
    /* The channel, then its budget with the unit and, once moved, the
       ratio to the scenario's value. */
    int nw = gr_text(g, c == vw->channel ? GR_NORMAL : GR_SMALL, x, ry + row * 0.30f,
                     GR_LEFT | GR_MIDDLE, ink, vw->d.cid[c]);
    const char *unit = gg_channel_unit(vw->sc, c);
    char vtext[200];
    int n = snprintf(vtext, sizeof vtext, "%.4g %s%sper %s", val, unit ? unit : "",
                     unit && unit[0] ? " " : "", gr_step_word(vw->sc));
    if (fabs(val - b0) > 1e-12 && n > 0 && (size_t)n < sizeof vtext) {
      if (b0 > 0)
        snprintf(vtext + n, sizeof vtext - (size_t)n, " (\xc3\x97%.3g)", val / b0);
      else
        snprintf(vtext + n, sizeof vtext - (size_t)n, " (was 0)");
    }
    gr_text_fit(g, GR_SMALL, b.x + b.w - gr_px(g, 14), ry + row * 0.30f, GR_RIGHT | GR_MIDDLE, ink,
                tw - (float)nw - gr_px(g, 16), vtext);
    vw->track[c] = (SDL_FRect){tx, cy - gr_px(g, 10), tw, gr_px(g, 20)};
    gr_fill_rect(g, tx, cy - gr_px(g, 3), tw, gr_px(g, 6), 0xc8ccd0, 255);
    gr_fill_rect(g, tx, cy - gr_px(g, 3), tw * (float)f, gr_px(g, 6), vw->d.pcolor[p], 255);
    if (max > 0) { /* the scenario's value */
      float mx = tx + tw * (float)(b0 / max);
      gr_line(g, mx, cy - gr_px(g, 9), mx, cy + gr_px(g, 9), gr_px(g, 2), 0x606060, 255);
    }
    float kx = tx + tw * (float)f;
    gr_disc(g, kx, cy, gr_px(g, c == vw->channel ? 10 : 8), 0x000000, 255);
    gr_disc(g, kx, cy, gr_px(g, c == vw->channel ? 7 : 6), 0xffffff, 255);
  }
}

static void gr_view_ticker(gr_viewer *vw) {
  gr_ctx *g = &vw->g;
  gr_box b = vw->ticker_box;
  gr_fill_rect(g, b.x, b.y, b.w, b.h, 0x1f2933, 255);
  float line = gr_px(g, 30), y = b.y + gr_px(g, 7);
  if (vw->nticker == 0) {
    gr_text(g, GR_NORMAL, gr_px(g, 14), y, GR_LEFT | GR_TOP, 0x9aa5b1, "Events appear here");
    return;
  }
  int first = vw->nticker > 3 ? vw->nticker - 3 : 0;
  for (int i = first; i < vw->nticker; i++) {
    const char *text = vw->ticker[i % GR_TICKER_LINES];
    uint32_t col = i == vw->nticker - 1 ? 0xffd27fu : 0xe4e7eb;
    float x = gr_px(g, 14);
    if (vw->ticker_random[i % GR_TICKER_LINES]) { /* a random shock: a die before the line */
      float sz = gr_px(g, 18), top = y + gr_px(g, 3);
      gr_fill_rect(g, x, top, sz, sz, 0xffffff, 255);
      float dot = gr_px(g, 2.2);
      gr_disc(g, x + sz * 0.28f, top + sz * 0.28f, dot, 0x1f2933, 255);
      gr_disc(g, x + sz * 0.5f, top + sz * 0.5f, dot, 0x1f2933, 255);
      gr_disc(g, x + sz * 0.72f, top + sz * 0.72f, dot, 0x1f2933, 255);
      x += sz + gr_px(g, 8);
    }
    int tw;
    gr_text_size(g, GR_NORMAL, text, &tw, NULL);
    int font = (float)tw <= b.w - x - gr_px(g, 10) ? GR_NORMAL : GR_SMALL; /* a long note */
    gr_text_fit(g, font, x, y + (font == GR_SMALL ? gr_px(g, 3) : 0), GR_LEFT | GR_TOP, col,
                b.w - x - gr_px(g, 10), text);
    y += line;
  }
}

static void gr_view_help(gr_viewer *vw) {
  static const char *const lines[][2] = {
      {"Space", "play / pause"},
      {"Right", "one tick"},
      {"+ / -", "faster / slower"},
      {"R", "back to the start (the sliders stay)"},
      {"Shift+R", "back to the start, sliders too"},
      {"Tab", "next state (or click the map)"},
      {"1-9", "pick a power (or click its disc)"},
      {"Up / Down", "the power's budget on the chosen channel"},
      {"C", "choose the next channel (or drag a slider)"},
      {"S", "screenshot (PNG)"},
      {"F", "full screen"},
      {"H", "this help"},
      {"Q, Esc", "quit"},
  };
  gr_ctx *g = &vw->g;
  int n = (int)(sizeof lines / sizeof lines[0]);
  float lh = gr_px(g, 32), bw = gr_px(g, 720), bh = lh * (float)n + gr_px(g, 80);
  if (bh > (float)vw->h - gr_px(g, 8)) bh = (float)vw->h - gr_px(g, 8);
  if (bw > (float)vw->w - gr_px(g, 8)) bw = (float)vw->w - gr_px(g, 8);
  lh = (bh - gr_px(g, 80)) / (float)n;
  float x = ((float)vw->w - bw) / 2, y = ((float)vw->h - bh) / 2;
  int kw = 0;
  for (int i = 0; i < n; i++) {
    int w;
    gr_text_size(g, GR_NORMAL, lines[i][0], &w, NULL);
    kw = w > kw ? w : kw;
  }
  gr_fill_rect(g, 0, 0, (float)vw->w, (float)vw->h, 0x000000, 110);
  gr_fill_rect(g, x, y, bw, bh, 0x1f2933, 240);
  gr_text(g, GR_LARGE, x + gr_px(g, 24), y + gr_px(g, 16), GR_LEFT | GR_TOP, 0xffffff,
          "Keys and mouse");
  for (int i = 0; i < n; i++) {
    float ly = y + gr_px(g, 64) + lh * (float)i;
    gr_text(g, GR_NORMAL, x + gr_px(g, 24), ly, GR_LEFT | GR_TOP, 0xffd27f, lines[i][0]);
    float tx = x + gr_px(g, 24) + (float)kw + gr_px(g, 20);
    gr_text_fit(g, GR_NORMAL, tx, ly, GR_LEFT | GR_TOP, 0xe4e7eb, x + bw - tx - gr_px(g, 12),
                lines[i][1]);
  }
}

void gr_view_draw(gr_viewer *vw) {
  gr_ctx *g = &vw->g;
  gr_fill_rect(g, 0, 0, (float)vw->w, (float)vw->h, GR_PAPER, 255);
  int r = vw->d.nt - 1;
  gr_view v = {r, vw->state, vw->power, r, 0};
  gr_draw_map(g, &vw->d, &v, vw->map_box, &vw->map);
  gr_draw_timeseries(g, &vw->d, &v, vw->ts_box);
  if (vw->d.has_ties) {
    gr_draw_ties_bars(g, &vw->d, &v, vw->ties_box);
    gr_line(g, vw->ties_box.x, vw->ties_box.y + gr_px(g, 6), vw->ties_box.x,
            vw->ties_box.y + vw->ties_box.h - gr_px(g, 6), 1.0f, 0xc0c0c0, 255);
  }
  gr_draw_ternary(g, &vw->d, &v, vw->tern_box);
  gr_view_panel(vw);
  gr_view_ticker(vw);
  gr_view_header(vw);
  gr_line(g, vw->map_box.x + vw->map_box.w, vw->map_box.y, vw->map_box.x + vw->map_box.w,
          vw->ticker_box.y, 1.0f, 0xc0c0c0, 255);
  gr_line(g, 0, vw->ts_box.y, vw->ts_box.w, vw->ts_box.y, 1.0f, 0xc0c0c0, 255);
  if (vw->help) gr_view_help(vw);
}
