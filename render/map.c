/* The map: each state's outline (longitude/latitude, equirectangular,
   scaled by the cosine of the mean latitude) filled with the colour and the
   pattern of its largest share, labels placed so that none covers another,
   the powers around the edges, and arrows whose width shows each power's
   effort and whose line style (solid, dashed, dotted) shows the channel.
   States without an outline get a tile. */
#include "render.h"

#include <math.h>
#include <stdio.h>
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

void gr_map_layout_make(const gr_data *d, gr_box box, double scale, gr_map_layout *m) {
  memset(m, 0, sizeof *m);
  m->box = box;
  m->scale = scale;
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
  gr_inner(&box, (float)scale, &in);
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
  gr_inner(&m->box, (float)m->scale, &in);
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

float gr_map_power_radius(const gr_map_layout *m) {
  return (float)(22 * m->scale);
}

void gr_map_power_pos(const gr_data *d, const gr_map_layout *m, int p, float *x, float *y) {
  double a = gr_power_angle(d, p) * M_PI / 180.0;
  float edge = gr_map_power_radius(m) + (float)(8 * m->scale);
  float rx = m->box.w * 0.5f - edge, ry = m->box.h * 0.5f - edge;
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

/* How far from (x, y), inside box b, along (dx, dy) the box's edge is. */
static float gr_exit_dist(gr_box b, float x, float y, float dx, float dy) {
  float t = 1e9f;
  if (dx > 1e-6f) t = fminf(t, (b.x + b.w - x) / dx);
  if (dx < -1e-6f) t = fminf(t, (b.x - x) / dx);
  if (dy > 1e-6f) t = fminf(t, (b.y + b.h - y) / dy);
  if (dy < -1e-6f) t = fminf(t, (b.y - y) / dy);
  return t < 1e9f ? t : 0;
}

/* The arrows; each stops short of its state's label (lab may be NULL). */
static void gr_map_arrows(gr_ctx *g, const gr_data *d, const gr_view *v, const gr_map_layout *m,
                          const gr_box *lab) {
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
  float maxw = gr_px(g, 7), stop = gr_px(g, 16);
  for (int p = 0; p < d->np; p++) {
    /* With a power selected, only its arrows: the others are a tangle. */
    if (v->power >= 0 && v->power != p) continue;
    float px, py;
    gr_map_power_pos(d, m, p, &px, &py);
    for (int s = 0; s < d->ns; s++) {
      float sx, sy;
      gr_map_anchor(d, m, s, &sx, &sy);
      float dx = sx - px, dy = sy - py, len = sqrtf(dx * dx + dy * dy);
      if (len < stop * 3) continue;
      float ux = dx / len, uy = dy / len, end = stop;
      if (lab && sx >= lab[s].x && sx <= lab[s].x + lab[s].w && sy >= lab[s].y &&
          sy <= lab[s].y + lab[s].h)
        end = gr_exit_dist(lab[s], sx, sy, -ux, -uy) + gr_px(g, 10);
      if (len < end + stop * 2) continue;
      float gap = gr_px(g, 6) + maxw;
      for (int c = 0; c < d->nc; c++) {
        double e = gr_effort(d, v->rec, s, p, c);
        if (!(e > 0) || !(maxe[c] > 0)) continue;
        float w = gr_px(g, 2) + maxw * (float)(e / maxe[c]);
        float off = ((float)c - (float)(d->nc - 1) * 0.5f) * gap;
        float ox = -uy * off, oy = ux * off;
        float r0x = px + ux * gr_map_power_radius(m) * 1.1f,
              r0y = py + uy * gr_map_power_radius(m) * 1.1f;
        gr_arrow_styled(g, r0x + ox, r0y + oy, sx - ux * end + ox, sy - uy * end + oy, w, c,
                        d->pcolor[p], 210);
      }
    }
  }
}

/* The second line of state s's label: its largest share and the change of
   that share since the first record, in percentage points. */
static void gr_map_label_line2(const gr_data *d, int r, int s, char *buf, size_t n) {
  int k = gr_dominant(d, r, s);
  const char *kid = k == 0 ? "autonomy" : d->pid[k - 1];
  double ch = 100.0 * gr_change(d, r, s, k);
  if (r > 0 && d->tick[r] != d->tick[0])
    snprintf(buf, n, "%s %.0f%% (%s%.1f)", kid, 100.0 * gr_share(d, r, s, k),
             ch >= 0.05    ? "+"
             : ch <= -0.05 ? "\xe2\x88\x92"
                           : "\xc2\xb1",
             fabs(ch));
  else
    snprintf(buf, n, "%s %.0f%%", kid, 100.0 * gr_share(d, r, s, k));
}

gr_box gr_map_label_bounds(const gr_ctx *g, const gr_data *d, const gr_map_layout *m) {
  gr_box b = m->box;
  float pad = gr_px(g, 4);
  b.x += pad;
  b.y += pad;
  b.w -= 2 * pad;
  b.h -= 2 * pad;
  if (d->effort && d->nc > 0) b.h -= gr_px(g, 26); /* the channel key */
  return b;
}

int gr_map_labels(gr_ctx *g, const gr_data *d, const gr_view *v, const gr_map_layout *m,
                  gr_box *out, gr_box *obst, int *nobst) {
  if (d->nt == 0 || d->ns == 0) return 0;
  gr_label *l = calloc((size_t)d->ns, sizeof *l);
  gr_box ob[GG_MAX_POWERS];
  if (!l) return 0;
  int no = 0;
  float rad = gr_map_power_radius(m) + gr_px(g, 3);
  for (int p = 0; p < d->np && no < GG_MAX_POWERS; p++) {
    float x, y;
    gr_map_power_pos(d, m, p, &x, &y);
    ob[no++] = (gr_box){x - rad, y - rad, 2 * rad, 2 * rad};
  }
  float pad = gr_px(g, 4);
  for (int s = 0; s < d->ns; s++) {
    char line2[96];
    int w1, h1, w2, h2;
    gr_map_label_line2(d, v->rec, s, line2, sizeof line2);
    gr_text_size(g, GR_NORMAL, d->sname[s], &w1, &h1);
    gr_text_size(g, GR_SMALL, line2, &w2, &h2);
    gr_map_anchor(d, m, s, &l[s].ax, &l[s].ay);
    l[s].w = (float)(w1 > w2 ? w1 : w2) + 2 * pad;
    l[s].h = (float)(h1 + h2);
    l[s].clear = gr_px(g, 4);
    l[s].centre = 1;
  }
  gr_place_labels(l, d->ns, ob, no, gr_map_label_bounds(g, d, m), gr_px(g, 10));
  for (int s = 0; s < d->ns; s++)
    out[s] = l[s].box;
  if (obst && nobst) {
    *nobst = no < GR_MAX_OBST ? no : GR_MAX_OBST;
    memcpy(obst, ob, (size_t)*nobst * sizeof *obst);
  }
  free(l);
  return d->ns;
}

/* The key under the map: the arrows' line style per channel. When the
   channels' names do not fit the map's width, the heading is shortened and
   then the sample arrows, never below 14 px. */
static void gr_map_key(gr_ctx *g, const gr_data *d, gr_box box) {
  float kx = box.x + gr_px(g, 10), ky = box.y + box.h - gr_px(g, 6);
  if (!d->effort || d->nc == 0) return;
  const char *head = "arrows: effort by";
  int w, h;
  float names = 0;
  for (int c = 0; c < d->nc; c++) {
    gr_text_size(g, GR_SMALL, d->cid[c], &w, &h);
    names += (float)w;
  }
  float avail = box.w - gr_px(g, 20), arrow = gr_px(g, 40), step = gr_px(g, 46);
  gr_text_size(g, GR_SMALL, head, &w, &h);
  float need = (float)w + names + (float)d->nc * (gr_px(g, 16) + arrow);
  if (need > avail) {
    head = "effort:";
    gr_text_size(g, GR_SMALL, head, &w, &h);
    need = (float)w + names + (float)d->nc * (gr_px(g, 16) + arrow);
  }
  if (need > avail) {
    arrow -= (need - avail) / (float)d->nc;
    if (arrow < gr_px(g, 14)) arrow = gr_px(g, 14);
    step = arrow + gr_px(g, 6);
  }
  kx += (float)gr_text(g, GR_SMALL, kx, ky, GR_LEFT | GR_BOTTOM, 0x303030, head);
  for (int c = 0; c < d->nc; c++) {
    kx += gr_px(g, 10);
    float ly = ky - gr_px(g, 8);
    gr_arrow_styled(g, kx, ly, kx + arrow, ly, gr_px(g, 4), c, 0x303030, 255);
    kx += step;
    kx += (float)gr_text(g, GR_SMALL, kx, ky, GR_LEFT | GR_BOTTOM, 0x303030, d->cid[c]);
  }
}

void gr_draw_map(gr_ctx *g, const gr_data *d, const gr_view *v, gr_box box, gr_map_layout *out) {
  gr_map_layout m;
  gr_fill_rect(g, box.x, box.y, box.w, box.h, 0xf4f6f8, 255);
  if (v->titles && d->nt > 0)
    gr_textf(g, GR_LARGE, box.x + gr_px(g, 10), box.y + gr_px(g, 22), GR_LEFT | GR_MIDDLE, GR_INK,
             "%s  %s", d->title, d->date[v->rec]);
  box = gr_map_body(g->scale, box, v->titles);
  gr_map_layout_make(d, box, g->scale, &m);
  if (out) *out = m;
  if (d->nt == 0) return;
  int r = v->rec;
  for (int s = 0; s < d->ns; s++) {
    int k = gr_dominant(d, r, s);
    uint32_t col = gr_comp_color(d, k);
    int n;
    float *xy = gr_state_poly(d, &m, s, &n);
    float bw = s == v->state ? gr_px(g, 4) : gr_px(g, 1.5);
    uint32_t bc = s == v->state ? 0x000000u : 0x404040u;
    if (xy) {
      gr_fill_poly_share(g, xy, n, gr_comp_pattern(k), col);
      gr_polyline(g, xy, n, 1, bw, bc, 255);
      free(xy);
    } else {
      gr_box t;
      gr_tile(d, &m, s, &t);
      gr_fill_rect_share(g, t.x, t.y, t.w, t.h, gr_comp_pattern(k), col);
      float q[8] = {t.x, t.y, t.x + t.w, t.y, t.x + t.w, t.y + t.h, t.x, t.y + t.h};
      gr_polyline(g, q, 4, 1, bw, bc, 255);
    }
  }
  gr_box *lab = malloc((size_t)(d->ns > 0 ? d->ns : 1) * sizeof *lab);
  int nlab = lab ? gr_map_labels(g, d, v, &m, lab, NULL, NULL) : 0;
  gr_map_arrows(g, d, v, &m, nlab == d->ns ? lab : NULL);
  float rad = gr_map_power_radius(&m);
  for (int p = 0; p < d->np; p++) {
    float x, y;
    gr_map_power_pos(d, &m, p, &x, &y);
    if (p == v->power) gr_disc(g, x, y, rad + gr_px(g, 4), 0x000000, 255);
    gr_disc(g, x, y, rad, d->pcolor[p], 255);
    gr_text(g, GR_NORMAL, x, y, GR_CENTER | GR_MIDDLE, 0xffffff, d->pid[p]);
  }
  if (nlab == d->ns) {
    for (int s = 0; s < d->ns; s++) {
      gr_box b = lab[s];
      float ax, ay;
      gr_map_anchor(d, &m, s, &ax, &ay);
      if (!(ax >= b.x && ax <= b.x + b.w && ay >= b.y && ay <= b.y + b.h)) {
        /* A label moved away from its state: a leader line to the anchor. */
        float cx = fminf(fmaxf(ax, b.x), b.x + b.w), cy = fminf(fmaxf(ay, b.y), b.y + b.h);
        gr_line(g, cx, cy, ax, ay, gr_px(g, 1.5), 0x202020, 255);
        gr_disc(g, ax, ay, gr_px(g, 3), 0x202020, 255);
      }
      char line2[96];
      int h1;
      gr_map_label_line2(d, r, s, line2, sizeof line2);
      gr_text_size(g, GR_NORMAL, d->sname[s], NULL, &h1);
      gr_fill_rect(g, b.x, b.y, b.w, b.h, 0xffffff, 225);
      gr_rect(g, b.x, b.y, b.w, b.h, 0x909090);
      gr_text(g, GR_NORMAL, b.x + b.w / 2, b.y, GR_CENTER | GR_TOP, GR_INK, d->sname[s]);
      gr_text(g, GR_SMALL, b.x + b.w / 2, b.y + (float)h1, GR_CENTER | GR_TOP, 0x303030, line2);
    }
  }
  free(lab);
  gr_map_key(g, d, box);
}
