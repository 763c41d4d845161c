/* The map: each state's outline (longitude/latitude, equirectangular,
   scaled by the cosine of the mean latitude) filled with the mix of its
   alignment, the powers around the edges, and arrows whose width shows each
   power's effort per channel. States without an outline get a tile. */
#include "render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Where familiar powers sit as seen from the map (degrees, 0 = east,
   90 = south, screen convention); others are spread around. */
static const struct {
  const char *id;
  double angle;
} gr_home[] = {{"US", 180}, {"CN", 0},   {"RU", -90}, {"EU", 200}, {"IN", 120}, {"TR", 160},
               {"IR", 140}, {"JP", -20}, {"KR", -10}, {"GB", 210}, {"FR", 200}, {"DE", 205},
               {"SA", 150}, {"AE", 135}, {"PK", 110}, {"AF", 100}, {"EUR", 200}};

static double gr_power_angle(const gr_data *d, int p) {
  for (size_t i = 0; i < sizeof gr_home / sizeof gr_home[0]; i++)
    if (strcmp(d->pid[p], gr_home[i].id) == 0) return gr_home[i].angle;
  return -90.0 + 360.0 * (p + 0.5) / (d->np > 0 ? d->np : 1);
}

static void gr_inner(const gr_box *b, float scale, gr_box *in) {
  float mx = fmaxf(b->w * 0.10f, 60.0f * scale), my = fmaxf(b->h * 0.12f, 50.0f * scale);
  in->x = b->x + mx;
  in->y = b->y + my;
  in->w = b->w - 2 * mx;
  in->h = b->h - 2 * my;
}

gr_box gr_map_body(double scale, gr_box box, int titles) {
  if (titles) {
    float th = (float)(44 * scale);
    box.y += th;
    box.h -= th;
  }
  return box;
}

void gr_map_layout_make(const gr_data *d, gr_box box, gr_map_layout *m) {
  memset(m, 0, sizeof *m);
  m->box = box;
  double lo0 = 1e9, lo1 = -1e9, la0 = 1e9, la1 = -1e9;
  for (int s = 0; d->sc && s < d->ns; s++) {
    int n = 0, si = gg_state_index(d->sc, d->sid[s]);
    const double *pt = si >= 0 ? gg_state_outline(d->sc, si, &n) : NULL;
    for (int i = 0; pt && i < n; i++) {
      lo0 = fmin(lo0, pt[2 * i]);
      lo1 = fmax(lo1, pt[2 * i]);
      la0 = fmin(la0, pt[2 * i + 1]);
      la1 = fmax(la1, pt[2 * i + 1]);
      m->has_outlines = 1;
    }
  }
  gr_box in;
  gr_inner(&box, box.h / 720.0f > 0.5f ? box.h / 720.0f : 0.5f, &in);
  if (!m->has_outlines) return;
  double c = cos((la0 + la1) * 0.5 * M_PI / 180.0);
  if (c < 0.2) c = 0.2;
  double wd = fmax(lo1 - lo0, 1e-6) * c, hd = fmax(la1 - la0, 1e-6);
  double k = fmin(in.w / wd, in.h / hd);
  m->kx = k * c;
  m->ky = k;
  m->lon0 = (lo0 + lo1) * 0.5;
  m->lat0 = (la0 + la1) * 0.5;
}

static void gr_project(const gr_map_layout *m, double lon, double lat, float *x, float *y) {
  *x = (float)(m->box.x + m->box.w * 0.5 + (lon - m->lon0) * m->kx);
  *y = (float)(m->box.y + m->box.h * 0.5 - (lat - m->lat0) * m->ky);
}

/* Screen polygon of state s into xy (caller frees), or NULL. */
static float *gr_state_poly(const gr_data *d, const gr_map_layout *m, int s, int *n) {
  *n = 0;
  if (!d->sc || !m->has_outlines) return NULL;
  int si = gg_state_index(d->sc, d->sid[s]), np = 0;
  const double *pt = si >= 0 ? gg_state_outline(d->sc, si, &np) : NULL;
  if (!pt || np < 3) return NULL;
  float *xy = malloc((size_t)np * 2 * sizeof *xy);
  if (!xy) return NULL;
  for (int i = 0; i < np; i++)
    gr_project(m, pt[2 * i], pt[2 * i + 1], &xy[2 * i], &xy[2 * i + 1]);
  *n = np;
  return xy;
}

/* Tiles for states without an outline: a row along the bottom of the map
   when others have outlines, else a grid filling it. */
static void gr_tile(const gr_data *d, const gr_map_layout *m, int s, gr_box *t) {
  gr_box in;
  gr_inner(&m->box, m->box.h / 720.0f > 0.5f ? m->box.h / 720.0f : 0.5f, &in);
  int cols, rows;
  if (m->has_outlines) {
    cols = d->ns;
    rows = 1;
    in.y = in.y + in.h + 4;
    in.h = (m->box.y + m->box.h) - in.y - 4;
  } else {
    cols = (int)ceil(sqrt(d->ns * (double)in.w / fmax(in.h, 1)));
    if (cols < 1) cols = 1;
    rows = (d->ns + cols - 1) / cols;
  }
  float cw = in.w / cols, ch = in.h / (rows > 0 ? rows : 1);
  float side = fminf(cw, ch) * 0.9f;
  t->x = in.x + (s % cols) * cw + (cw - side) / 2;
  t->y = in.y + (float)(s / cols) * ch + (ch - side) / 2;
  t->w = side;
  t->h = side;
}

static int gr_inside(const float *xy, int n, float x, float y) {
  int in = 0;
  for (int i = 0, j = n - 1; i < n; j = i++) {
    float yi = xy[2 * i + 1], yj = xy[2 * j + 1];
    if ((yi > y) != (yj > y) && x < (xy[2 * j] - xy[2 * i]) * (y - yi) / (yj - yi) + xy[2 * i])
      in = !in;
  }
  return in;
}

void gr_map_anchor(const gr_data *d, const gr_map_layout *m, int s, float *x, float *y) {
  int n;
  float *xy = gr_state_poly(d, m, s, &n);
  if (!xy) {
    gr_box t;
    gr_tile(d, m, s, &t);
    *x = t.x + t.w / 2;
    *y = t.y + t.h / 2;
    return;
  }
  double a = 0, cx = 0, cy = 0;
  for (int i = 0, j = n - 1; i < n; j = i++) {
    double cr = (double)xy[2 * j] * xy[2 * i + 1] - (double)xy[2 * i] * xy[2 * j + 1];
    a += cr;
    cx += (xy[2 * j] + xy[2 * i]) * cr;
    cy += (xy[2 * j + 1] + xy[2 * i + 1]) * cr;
  }
  if (fabs(a) > 1e-9) {
    cx /= 3 * a;
    cy /= 3 * a;
  } else {
    cx = xy[0];
    cy = xy[1];
  }
  if (!gr_inside(xy, n, (float)cx, (float)cy)) {
    /* Concave outline: the middle of the widest span on the centroid's row. */
    float xs[256], best = -1, bx = (float)cx;
    int k = 0;
    for (int i = 0, j = n - 1; i < n && k < 256; j = i++) {
      float ya = xy[2 * j + 1], yb = xy[2 * i + 1];
      if ((ya <= cy && yb > cy) || (yb <= cy && ya > cy))
        xs[k++] = xy[2 * j] + (float)((cy - ya) / (yb - ya)) * (xy[2 * i] - xy[2 * j]);
    }
    for (int i = 0; i < k; i++) /* sort: few points */
      for (int j = i + 1; j < k; j++)
        if (xs[j] < xs[i]) {
          float t = xs[i];
          xs[i] = xs[j];
          xs[j] = t;
        }
    for (int i = 0; i + 1 < k; i += 2)
      if (xs[i + 1] - xs[i] > best) {
        best = xs[i + 1] - xs[i];
        bx = (xs[i] + xs[i + 1]) / 2;
      }
    cx = bx;
  }
  *x = (float)cx;
  *y = (float)cy;
  free(xy);
}

void gr_map_power_pos(const gr_data *d, const gr_map_layout *m, int p, float *x, float *y) {
  double a = gr_power_angle(d, p) * M_PI / 180.0;
  float scale = m->box.h / 720.0f > 0.5f ? m->box.h / 720.0f : 0.5f;
  float rx = m->box.w * 0.5f - 40.0f * scale, ry = m->box.h * 0.5f - 34.0f * scale;
  /* On the rectangle's edge in that direction, not on an ellipse. */
  double ca = cos(a), sa = sin(a);
  double t = fmin(fabs(ca) > 1e-9 ? rx / fabs(ca) : 1e9, fabs(sa) > 1e-9 ? ry / fabs(sa) : 1e9);
  *x = (float)(m->box.x + m->box.w * 0.5 + ca * t);
  *y = (float)(m->box.y + m->box.h * 0.5 + sa * t);
}

int gr_map_hit(const gr_data *d, const gr_map_layout *m, float x, float y) {
  for (int s = 0; s < d->ns; s++) {
    int n;
    float *xy = gr_state_poly(d, m, s, &n);
    int in;
    if (xy) {
      in = gr_inside(xy, n, x, y);
      free(xy);
    } else {
      gr_box t;
      gr_tile(d, m, s, &t);
      in = x >= t.x && x < t.x + t.w && y >= t.y && y < t.y + t.h;
    }
    if (in) return s;
  }
  return -1;
}

static uint32_t gr_lighten(uint32_t rgb, double f) {
  uint32_t c[2] = {rgb, 0xffffffu};
  double w[2] = {1 - f, f};
  return gr_mix(c, w, 2);
}

static void gr_map_arrows(gr_ctx *g, const gr_data *d, const gr_view *v, const gr_map_layout *m) {
  if (!d->effort || d->nc == 0) return;
  double maxe[GG_MAX_CHANNELS] = {0};
  /* Widths relative to the largest effort per channel over the records so
     far (units differ between channels). Bounded work on large scenarios. */
  int r0 = (size_t)d->nt * d->ns * d->np > 2000000 ? v->rec : 0;
  for (int r = r0; r <= v->rec; r++)
    for (int s = 0; s < d->ns; s++)
      for (int p = 0; p < d->np; p++)
        for (int c = 0; c < d->nc; c++)
          maxe[c] = fmax(maxe[c], gr_effort(d, r, s, p, c));
  float maxw = gr_px(g, 8), gap = gr_px(g, 7), stop = gr_px(g, 16);
  for (int p = 0; p < d->np; p++) {
    float px, py;
    gr_map_power_pos(d, m, p, &px, &py);
    int alpha = (v->power < 0 || v->power == p) ? 150 : 60;
    for (int s = 0; s < d->ns; s++) {
      float sx, sy;
      gr_map_anchor(d, m, s, &sx, &sy);
      float dx = sx - px, dy = sy - py, len = sqrtf(dx * dx + dy * dy);
      if (len < stop * 3) continue;
      float ux = dx / len, uy = dy / len;
      for (int c = 0; c < d->nc; c++) {
        double e = gr_effort(d, v->rec, s, p, c);
        if (!(e > 0) || !(maxe[c] > 0)) continue;
        float w = 1.5f + maxw * (float)(e / maxe[c]);
        float off = ((float)c - (d->nc - 1) * 0.5f) * gap;
        float ox = -uy * off, oy = ux * off;
        float r0x = px + ux * gr_px(g, 26), r0y = py + uy * gr_px(g, 26);
        gr_arrow(g, r0x + ox, r0y + oy, sx - ux * stop + ox, sy - uy * stop + oy, w,
                 gr_lighten(d->pcolor[p], 0.28 * c), alpha);
      }
    }
  }
}

void gr_draw_map(gr_ctx *g, const gr_data *d, const gr_view *v, gr_box box, gr_map_layout *out) {
  gr_map_layout m;
  gr_fill_rect(g, box.x, box.y, box.w, box.h, 0xeef3f7, 255);
  if (v->titles && d->nt > 0)
    gr_textf(g, GR_LARGE, box.x + gr_px(g, 10), box.y + gr_px(g, 22), GR_LEFT | GR_MIDDLE, GR_INK,
             "%s  %s", d->title, d->date[v->rec]);
  box = gr_map_body(g->scale, box, v->titles);
  gr_map_layout_make(d, box, &m);
  if (out) *out = m;
  if (d->nt == 0) return;
  int r = v->rec;
  for (int s = 0; s < d->ns; s++) {
    uint32_t col = gr_state_color(d, r, s);
    int n;
    float *xy = gr_state_poly(d, &m, s, &n);
    float bw = s == v->state ? gr_px(g, 4) : gr_px(g, 1.5);
    uint32_t bc = s == v->state ? 0x000000u : 0x404040u;
    if (xy) {
      gr_fill_poly(g, xy, n, col, 255);
      gr_polyline(g, xy, n, 1, bw, bc, 255);
      free(xy);
    } else {
      gr_box t;
      gr_tile(d, &m, s, &t);
      gr_fill_rect(g, t.x, t.y, t.w, t.h, col, 255);
      float q[8] = {t.x, t.y, t.x + t.w, t.y, t.x + t.w, t.y + t.h, t.x, t.y + t.h};
      gr_polyline(g, q, 4, 1, bw, bc, 255);
    }
  }
  gr_map_arrows(g, d, v, &m);
  for (int s = 0; s < d->ns; s++) {
    float x, y;
    gr_map_anchor(d, &m, s, &x, &y);
    int k = 0;
    for (int j = 1; j <= d->np; j++)
      if (gr_share(d, r, s, j) > gr_share(d, r, s, k)) k = j;
    const char *kid = k == 0 ? "autonomy" : d->pid[k - 1];
    int w1, h1, w2, h2;
    char line2[96];
    snprintf(line2, sizeof line2, "%s %.0f%%", kid, 100.0 * gr_share(d, r, s, k));
    gr_text_size(g, GR_NORMAL, d->sname[s], &w1, &h1);
    gr_text_size(g, GR_SMALL, line2, &w2, &h2);
    float top = y + gr_px(g, 7), bw = (float)(w1 > w2 ? w1 : w2) + gr_px(g, 8);
    gr_fill_rect(g, x - bw / 2, top, bw, (float)(h1 + h2), 0xffffff, 190);
    gr_text(g, GR_NORMAL, x, top, GR_CENTER | GR_TOP, GR_INK, d->sname[s]);
    gr_text(g, GR_SMALL, x, top + (float)h1, GR_CENTER | GR_TOP, 0x404040, line2);
  }
  float rad = gr_px(g, 24);
  for (int p = 0; p < d->np; p++) {
    float x, y;
    gr_map_power_pos(d, &m, p, &x, &y);
    if (p == v->power) gr_disc(g, x, y, rad + gr_px(g, 5), 0x000000, 255);
    gr_disc(g, x, y, rad, d->pcolor[p], 255);
    gr_text(g, GR_NORMAL, x, y, GR_CENTER | GR_MIDDLE, 0xffffff, d->pid[p]);
  }
  /* Channel key for the arrows. */
  float kx = box.x + gr_px(g, 10), ky = box.y + box.h - gr_px(g, 8);
  if (d->effort && d->nc > 0) {
    kx += (float)gr_text(g, GR_SMALL, kx, ky, GR_LEFT | GR_BOTTOM, 0x404040,
                         "arrows: effort by channel");
    for (int c = 0; c < d->nc; c++) {
      kx += gr_px(g, 12);
      gr_fill_rect(g, kx, ky - gr_px(g, 12), gr_px(g, 18), gr_px(g, 9),
                   gr_lighten(0x505050, 0.28 * c), 255);
      kx += gr_px(g, 22);
      kx += (float)gr_text(g, GR_SMALL, kx, ky, GR_LEFT | GR_BOTTOM, 0x404040, d->cid[c]);
    }
  }
}
