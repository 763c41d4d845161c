/* Drawing primitives on an SDL renderer (a window or an offscreen surface):
   filled polygons, thick lines, arrows, discs, cached text, PNG saving. */
#include "render.h"

#include <SDL_image.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Text sizes at 720 pixels high, and the smallest ever used: a projected
   small text stays at least 13 pixels high (about 10 points). */
static const int gr_base_px[GR_FONTS] = {16, 20, 28};
static const int gr_min_px[GR_FONTS] = {13, 15, 19};

static void gr_cache_clear(gr_ctx *g) {
  for (int i = 0; i < GR_TEXT_CACHE; i++) {
    if (g->cache[i].tex) SDL_DestroyTexture(g->cache[i].tex);
    memset(&g->cache[i], 0, sizeof g->cache[i]);
  }
}

static void gr_fonts_close(gr_ctx *g) {
  for (int i = 0; i < GR_FONTS; i++) {
    if (g->font[i]) TTF_CloseFont(g->font[i]);
    g->font[i] = NULL;
  }
}

static int gr_fonts_open(gr_ctx *g, gg_error *err) {
  const char *path = getenv("GREATGAME_FONT");
  if (!path || !*path) path = GR_FONT_DEFAULT;
  if (access(path, R_OK) != 0) {
    snprintf(err->msg, sizeof err->msg,
             "%s: font not found (install fonts-dejavu-core or set GREATGAME_FONT)", path);
    return -1;
  }
  for (int i = 0; i < GR_FONTS; i++) {
    int px = (int)lround(gr_base_px[i] * g->scale);
    if (px < gr_min_px[i]) px = gr_min_px[i];
    g->font_px[i] = px;
    g->font[i] = TTF_OpenFont(path, px);
    if (!g->font[i]) {
      snprintf(err->msg, sizeof err->msg, "%.900s: cannot open font: %s", path, TTF_GetError());
      gr_fonts_close(g);
      return -1;
    }
  }
  return 0;
}

int gr_ctx_init(gr_ctx *g, SDL_Renderer *r, int w, int h, gg_error *err) {
  memset(g, 0, sizeof *g);
  g->r = r;
  SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
  return gr_ctx_resize(g, w, h, err);
}

double gr_scale_for(int w, int h) {
  double scale = h / 720.0;
  if (w / 1280.0 < scale) scale = w / 1280.0;
  return scale < 0.5 ? 0.5 : scale;
}

int gr_ctx_resize(gr_ctx *g, int w, int h, gg_error *err) {
  double scale = gr_scale_for(w, h);
  g->w = w;
  g->h = h;
  if (g->font[0] && fabs(scale - g->scale) < 1e-9) return 0;
  g->scale = scale;
  gr_cache_clear(g);
  gr_fonts_close(g);
  return gr_fonts_open(g, err);
}

void gr_ctx_free(gr_ctx *g) {
  gr_cache_clear(g);
  gr_fonts_close(g);
}

void gr_ctx_frame_end(gr_ctx *g) {
  for (int i = 0; i < GR_TEXT_CACHE; i++) {
    gr_text_entry *e = &g->cache[i];
    if (e->tex && e->used != g->frame) {
      SDL_DestroyTexture(e->tex);
      memset(e, 0, sizeof *e);
    }
  }
  g->frame++;
}

void gr_set(gr_ctx *g, uint32_t rgb, int alpha) {
  /* Opaque drawing without blending: the software renderer's fast path. */
  SDL_SetRenderDrawBlendMode(g->r, alpha >= 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
  SDL_SetRenderDrawColor(g->r, (Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb, (Uint8)alpha);
}

void gr_fill_rect(gr_ctx *g, float x, float y, float w, float h, uint32_t rgb, int alpha) {
  SDL_FRect rc = {x, y, w, h};
  gr_set(g, rgb, alpha);
  SDL_RenderFillRectF(g->r, &rc);
}

void gr_rect(gr_ctx *g, float x, float y, float w, float h, uint32_t rgb) {
  SDL_FRect rc = {x, y, w, h};
  gr_set(g, rgb, 255);
  SDL_RenderDrawRectF(g->r, &rc);
}

static int gr_cmp_float(const void *a, const void *b) {
  float x = *(const float *)a, y = *(const float *)b;
  return (x > y) - (x < y);
}

/* The horizontal spans inside a polygon (even-odd rule), one pixel high,
   handed to `emit` a batch at a time. */
typedef void (*gr_span_fn)(gr_ctx *g, const SDL_FRect *spans, int n, void *ctx);

static void gr_poly_spans(gr_ctx *g, const float *xy, int n, gr_span_fn emit, void *ctx) {
  if (n < 3) return;
  float ymin = xy[1], ymax = xy[1];
  for (int i = 1; i < n; i++) {
    ymin = fminf(ymin, xy[2 * i + 1]);
    ymax = fmaxf(ymax, xy[2 * i + 1]);
  }
  float xs[256];
  SDL_FRect spans[512];
  int nspan = 0;
  int y0 = (int)floorf(ymin), y1 = (int)ceilf(ymax);
  if (y0 < 0) y0 = 0;
  if (y1 > g->h) y1 = g->h;
  for (int y = y0; y < y1; y++) {
    float sy = (float)y + 0.5f;
    int m = 0;
    for (int i = 0, j = n - 1; i < n && m < 256; j = i++) {
      float ya = xy[2 * j + 1], yb = xy[2 * i + 1];
      if ((ya <= sy && yb > sy) || (yb <= sy && ya > sy)) {
        float t = (sy - ya) / (yb - ya);
        xs[m++] = xy[2 * j] + t * (xy[2 * i] - xy[2 * j]);
      }
    }
    qsort(xs, (size_t)m, sizeof xs[0], gr_cmp_float);
    for (int i = 0; i + 1 < m; i += 2) {
      float xa = roundf(xs[i]), xb = roundf(xs[i + 1]);
      if (xb <= xa) continue;
      spans[nspan++] = (SDL_FRect){xa, (float)y, xb - xa, 1.0f};
      if (nspan == 512) {
        emit(g, spans, nspan, ctx);
        nspan = 0;
      }
    }
  }
  if (nspan) emit(g, spans, nspan, ctx);
}

static void gr_emit_fill(gr_ctx *g, const SDL_FRect *spans, int n, void *ctx) {
  (void)ctx;
  SDL_RenderFillRectsF(g->r, spans, n);
}

void gr_fill_poly(gr_ctx *g, const float *xy, int n, uint32_t rgb, int alpha) {
  gr_set(g, rgb, alpha);
  gr_poly_spans(g, xy, n, gr_emit_fill, NULL);
}

/* ---- patterns --------------------------------------------------------- */

typedef struct gr_pat {
  int pattern, period, width;
} gr_pat;

static int gr_mod(int a, int m) {
  int r = a % m;
  return r < 0 ? r + m : r;
}

/* The pattern's pixels within each span, as rectangles. */
static void gr_emit_pattern(gr_ctx *g, const SDL_FRect *spans, int n, void *ctx) {
  const gr_pat *pt = ctx;
  int P = pt->period, W = pt->width;
  SDL_FRect out[256];
  int k = 0;
  for (int i = 0; i < n; i++) {
    int y = (int)spans[i].y, xa = (int)spans[i].x, xb = xa + (int)spans[i].w;
    int row_on = gr_mod(y, P) < W;
    int pat = pt->pattern;
    if (pat == GR_PAT_HORIZ || (pat == GR_PAT_CROSS && row_on)) {
      if (row_on) out[k++] = spans[i];
    } else if (pat == GR_PAT_DOTS) {
      /* Dots on a staggered grid: every other row of dots shifted. */
      int shift = gr_mod(y, 2 * P) < P ? 0 : P / 2;
      if (gr_mod(y, P) < W + 1)
        for (int x = xa - gr_mod(xa - shift, P); x < xb; x += P) {
          int x0 = x > xa ? x : xa, x1 = x + W + 1 < xb ? x + W + 1 : xb;
          if (x1 > x0 && k < 256) out[k++] = (SDL_FRect){(float)x0, (float)y, (float)(x1 - x0), 1};
        }
    } else if (pat >= 0) {
      /* Stripes where (x + off) mod P < W: rising, falling or upright. */
      int off = pat == GR_PAT_DIAG ? y : pat == GR_PAT_BACK ? -y : 0;
      for (int x = xa - gr_mod(xa + off, P); x < xb; x += P) {
        int x0 = x > xa ? x : xa, x1 = x + W < xb ? x + W : xb;
        if (x1 > x0 && k < 256) out[k++] = (SDL_FRect){(float)x0, (float)y, (float)(x1 - x0), 1};
      }
    }
    if (k > 200) {
      SDL_RenderFillRectsF(g->r, out, k);
      k = 0;
    }
  }
  if (k) SDL_RenderFillRectsF(g->r, out, k);
}

int gr_comp_pattern(int k) {
  return k <= 0 ? GR_PAT_NONE : (k - 1) % GR_PATTERNS;
}

uint32_t gr_comp_color(const gr_data *d, int k) {
  return k == 0 ? GR_AUTONOMY_COLOR : d->pcolor[k - 1];
}

uint32_t gr_tint(uint32_t rgb) {
  uint32_t c[2] = {rgb, 0xffffffu};
  double w[2] = {0.45, 0.55};
  return gr_mix(c, w, 2);
}

void gr_fill_poly_share(gr_ctx *g, const float *xy, int n, int pattern, uint32_t rgb) {
  if (pattern == GR_PAT_NONE) {
    gr_fill_poly(g, xy, n, rgb, 255);
    return;
  }
  gr_fill_poly(g, xy, n, gr_tint(rgb), 255);
  gr_pat pt = {pattern, (int)lround(fmax(7.0, 10.0 * g->scale)),
               (int)lround(fmax(2.0, 2.0 * g->scale))};
  gr_set(g, rgb, 255);
  gr_poly_spans(g, xy, n, gr_emit_pattern, &pt);
}

void gr_fill_rect_share(gr_ctx *g, float x, float y, float w, float h, int pattern, uint32_t rgb) {
  if (!(w > 0) || !(h > 0)) return;
  float q[8] = {x, y, x + w, y, x + w, y + h, x, y + h};
  gr_fill_poly_share(g, q, 4, pattern, rgb);
}

static SDL_Vertex gr_vertex(float x, float y, uint32_t rgb, int alpha) {
  SDL_Vertex v = {
      {x, y}, {(Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb, (Uint8)alpha}, {0, 0}};
  return v;
}

void gr_line(gr_ctx *g, float x0, float y0, float x1, float y1, float width, uint32_t rgb,
             int alpha) {
  float dx = x1 - x0, dy = y1 - y0, len = sqrtf(dx * dx + dy * dy);
  if (len < 1e-3f) return;
  if (width <= 1.5f) {
    gr_set(g, rgb, alpha);
    SDL_RenderDrawLineF(g->r, x0, y0, x1, y1);
    return;
  }
  if (width <= 3.5f && alpha >= 255) {
    /* Thin lines as parallel one-pixel lines: faster than triangles. */
    int n = (int)lroundf(width);
    float nx = -dy / len, ny = dx / len;
    gr_set(g, rgb, alpha);
    for (int i = 0; i < n; i++) {
      float o = (float)i - (float)(n - 1) * 0.5f;
      SDL_RenderDrawLineF(g->r, x0 + nx * o, y0 + ny * o, x1 + nx * o, y1 + ny * o);
    }
    return;
  }
  SDL_SetRenderDrawBlendMode(g->r, alpha >= 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
  float nx = -dy / len * width * 0.5f, ny = dx / len * width * 0.5f;
  SDL_Vertex v[4] = {
      gr_vertex(x0 + nx, y0 + ny, rgb, alpha), gr_vertex(x1 + nx, y1 + ny, rgb, alpha),
      gr_vertex(x1 - nx, y1 - ny, rgb, alpha), gr_vertex(x0 - nx, y0 - ny, rgb, alpha)};
  const int idx[6] = {0, 1, 2, 0, 2, 3};
  SDL_RenderGeometry(g->r, NULL, v, 4, idx, 6);
}

void gr_polyline(gr_ctx *g, const float *xy, int n, int closed, float width, uint32_t rgb,
                 int alpha) {
  for (int i = 0; i + 1 < n; i++)
    gr_line(g, xy[2 * i], xy[2 * i + 1], xy[2 * i + 2], xy[2 * i + 3], width, rgb, alpha);
  if (closed && n > 2) gr_line(g, xy[2 * n - 2], xy[2 * n - 1], xy[0], xy[1], width, rgb, alpha);
  if (width > 2.0f)
    for (int i = 0; i < n; i++)
      gr_disc(g, xy[2 * i], xy[2 * i + 1], width * 0.5f, rgb, alpha);
}

void gr_arrow(gr_ctx *g, float x0, float y0, float x1, float y1, float width, uint32_t rgb,
              int alpha) {
  float dx = x1 - x0, dy = y1 - y0, len = sqrtf(dx * dx + dy * dy);
  if (len < 1.0f) return;
  float ux = dx / len, uy = dy / len;
  float head = fmaxf(width * 2.2f, 8.0f * (float)g->scale);
  if (head > len * 0.5f) head = len * 0.5f;
  float bx = x1 - ux * head, by = y1 - uy * head;
  gr_line(g, x0, y0, bx, by, width, rgb, alpha);
  float hw = fmaxf(width * 1.6f, 5.0f * (float)g->scale);
  SDL_Vertex v[3] = {gr_vertex(x1, y1, rgb, alpha),
                     gr_vertex(bx - uy * hw, by + ux * hw, rgb, alpha),
                     gr_vertex(bx + uy * hw, by - ux * hw, rgb, alpha)};
  SDL_SetRenderDrawBlendMode(g->r, alpha >= 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
  SDL_RenderGeometry(g->r, NULL, v, 3, NULL, 0);
}

void gr_arrow_styled(gr_ctx *g, float x0, float y0, float x1, float y1, float width, int dash,
                     uint32_t rgb, int alpha) {
  float dx = x1 - x0, dy = y1 - y0, len = sqrtf(dx * dx + dy * dy);
  if (len < 1.0f) return;
  dash %= GR_DASHES;
  if (dash == 0) {
    gr_arrow(g, x0, y0, x1, y1, width, rgb, alpha);
    return;
  }
  float ux = dx / len, uy = dy / len;
  float head = fmaxf(width * 2.2f, 8.0f * (float)g->scale);
  if (head > len * 0.5f) head = len * 0.5f;
  float body = len - head, u = fmaxf(width, 2.0f * (float)g->scale);
  /* Pieces along the body: dashes (on, off), dots, dash-dot, one thin line, or
     short dashes. */
  if (dash == 4) {
    gr_line(g, x0, y0, x0 + ux * body, y0 + uy * body, fmaxf(width * 0.35f, (float)g->scale), rgb,
            alpha);
    body = 0; /* only the head below */
  }
  float on1 = dash == 2 ? 0 : dash == 5 ? 1.4f * u : 4 * u;
  float off = dash == 2 ? 1.6f * u : dash == 5 ? 1.4f * u : 2.0f * u;
  float t = 0;
  int piece = 0;
  while (t < body) {
    if (dash == 2 || (dash == 3 && piece % 2 == 1)) {
      float r = width * 0.62f;
      gr_disc(g, x0 + ux * (t + r), y0 + uy * (t + r), r, rgb, alpha);
      t += 2 * r + off;
    } else {
      float e = fminf(t + on1, body);
      gr_line(g, x0 + ux * t, y0 + uy * t, x0 + ux * e, y0 + uy * e, width, rgb, alpha);
      t = e + off;
    }
    piece++;
  }
  float bx = x1 - ux * head, by = y1 - uy * head;
  gr_arrow(g, bx - ux * 0.5f, by - uy * 0.5f, x1, y1, width, rgb, alpha);
}

void gr_disc(gr_ctx *g, float cx, float cy, float r, uint32_t rgb, int alpha) {
  enum { SEG = 28 };
  SDL_Vertex v[SEG + 1];
  int idx[SEG * 3];
  v[0] = gr_vertex(cx, cy, rgb, alpha);
  for (int i = 0; i < SEG; i++) {
    double a = 2.0 * M_PI * i / SEG;
    v[i + 1] = gr_vertex(cx + r * (float)cos(a), cy + r * (float)sin(a), rgb, alpha);
    idx[3 * i] = 0;
    idx[3 * i + 1] = i + 1;
    idx[3 * i + 2] = (i + 1) % SEG + 1;
  }
  SDL_SetRenderDrawBlendMode(g->r, alpha >= 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
  SDL_RenderGeometry(g->r, NULL, v, SEG + 1, idx, SEG * 3);
}

void gr_circle(gr_ctx *g, float cx, float cy, float r, float width, uint32_t rgb) {
  enum { SEG = 28 };
  float xy[2 * SEG];
  for (int i = 0; i < SEG; i++) {
    double a = 2.0 * M_PI * i / SEG;
    xy[2 * i] = cx + r * (float)cos(a);
    xy[2 * i + 1] = cy + r * (float)sin(a);
  }
  for (int i = 0; i < SEG; i++) {
    int j = (i + 1) % SEG;
    gr_line(g, xy[2 * i], xy[2 * i + 1], xy[2 * j], xy[2 * j + 1], width, rgb, 255);
  }
}

static uint64_t gr_hash(const char *s, int font, uint32_t rgb) {
  uint64_t h = 1469598103934665603ull ^ ((uint64_t)font << 32) ^ rgb;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211ull;
  return h ? h : 1;
}

static gr_text_entry *gr_text_get(gr_ctx *g, int font, uint32_t rgb, const char *text) {
  if (!text[0] || font < 0 || font >= GR_FONTS) return NULL;
  uint64_t key = gr_hash(text, font, rgb);
  size_t slot = (size_t)(key % GR_TEXT_CACHE);
  for (int probe = 0; probe < 8; probe++) {
    gr_text_entry *e = &g->cache[(slot + (size_t)probe) % GR_TEXT_CACHE];
    if (e->tex && e->key == key) {
      e->used = g->frame;
      return e;
    }
  }
  SDL_Color c = {(Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb, 255};
  SDL_Surface *s = TTF_RenderUTF8_Blended(g->font[font], text, c);
  if (!s) return NULL;
  SDL_Texture *t = SDL_CreateTextureFromSurface(g->r, s);
  int w = s->w, h = s->h;
  SDL_FreeSurface(s);
  if (!t) return NULL;
  gr_text_entry *e = &g->cache[slot];
  for (int probe = 0; probe < 8; probe++) {
    gr_text_entry *c2 = &g->cache[(slot + (size_t)probe) % GR_TEXT_CACHE];
    if (!c2->tex) {
      e = c2;
      break;
    }
  }
  if (e->tex) SDL_DestroyTexture(e->tex);
  e->key = key;
  e->tex = t;
  e->w = w;
  e->h = h;
  e->used = g->frame;
  return e;
}

void gr_text_size(gr_ctx *g, int font, const char *text, int *w, int *h) {
  int tw = 0, th = 0;
  if (text[0])
    TTF_SizeUTF8(g->font[font], text, &tw, &th);
  else
    th = TTF_FontHeight(g->font[font]);
  if (w) *w = tw;
  if (h) *h = th;
}

int gr_text(gr_ctx *g, int font, float x, float y, int align, uint32_t rgb, const char *text) {
  gr_text_entry *e = gr_text_get(g, font, rgb, text);
  if (!e) return 0;
  float w = (float)e->w, h = (float)e->h;
  if ((align & 3) == GR_CENTER)
    x -= w / 2;
  else if ((align & 3) == GR_RIGHT)
    x -= w;
  if (align & GR_MIDDLE)
    y -= h / 2;
  else if (align & GR_BOTTOM)
    y -= h;
  SDL_FRect dst = {floorf(x), floorf(y), w, h};
  SDL_RenderCopyF(g->r, e->tex, NULL, &dst);
  return e->w;
}

int gr_textf(gr_ctx *g, int font, float x, float y, int align, uint32_t rgb, const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  return gr_text(g, font, x, y, align, rgb, buf);
}

uint32_t gr_mix(const uint32_t *rgb, const double *w, int n) {
  double r = 0, gg = 0, b = 0, tot = 0;
  for (int i = 0; i < n; i++) {
    double wi = w[i] > 0 ? w[i] : 0;
    r += wi * (double)((rgb[i] >> 16) & 255);
    gg += wi * (double)((rgb[i] >> 8) & 255);
    b += wi * (double)(rgb[i] & 255);
    tot += wi;
  }
  if (tot <= 0) return GR_AUTONOMY_COLOR;
  uint32_t ri = (uint32_t)lround(r / tot), gi = (uint32_t)lround(gg / tot),
           bi = (uint32_t)lround(b / tot);
  return (ri << 16) | (gi << 8) | bi;
}

int gr_dominant(const gr_data *d, int r, int s) {
  int k = 0;
  for (int j = 1; j <= d->np; j++)
    if (gr_share(d, r, s, j) > gr_share(d, r, s, k)) k = j;
  return k;
}

double gr_change(const gr_data *d, int r, int s, int k) {
  return gr_share(d, r, s, k) - gr_share(d, 0, s, k);
}

const uint32_t gr_okabe_ito[GR_PALETTE] = {0x0072b2, 0xd55e00, 0x009e73, 0xcc79a7,
                                           0xe69f00, 0x56b4e9, 0xf0e442};

static double gr_rgb_dist(uint32_t a, uint32_t b) {
  double t = 0;
  for (int sh = 0; sh <= 16; sh += 8) {
    double d = (double)((a >> sh) & 255) - (double)((b >> sh) & 255);
    t += d * d;
  }
  return t;
}

void gr_palette_assign(const uint32_t *hint, int n, uint32_t *out) {
  int used[GR_PALETTE] = {0}, nused = 0;
  for (int p = 0; p < n; p++) {
    if (nused == GR_PALETTE) { /* more powers than colours: patterns tell them apart */
      memset(used, 0, sizeof used);
      nused = 0;
    }
    int best = -1;
    for (int i = 0; i < GR_PALETTE; i++)
      if (!used[i] && (best < 0 || gr_rgb_dist(hint[p], gr_okabe_ito[i]) <
                                       gr_rgb_dist(hint[p], gr_okabe_ito[best])))
        best = i;
    used[best] = 1;
    nused++;
    out[p] = gr_okabe_ito[best];
  }
}

int gr_text_fit(gr_ctx *g, int font, float x, float y, int align, uint32_t rgb, float maxw,
                const char *text) {
  int w;
  gr_text_size(g, font, text, &w, NULL);
  if ((float)w <= maxw) return gr_text(g, font, x, y, align, rgb, text);
  char buf[512];
  size_t n = strlen(text);
  if (n > sizeof buf - 4) n = sizeof buf - 4;
  while (n > 0) {
    n--;
    while (n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80) /* whole UTF-8 characters */
      n--;
    memcpy(buf, text, n);
    memcpy(buf + n, "\xe2\x80\xa6", 4); /* an ellipsis */
    gr_text_size(g, font, buf, &w, NULL);
    if ((float)w <= maxw) break;
  }
  if (n == 0) return 0;
  return gr_text(g, font, x, y, align, rgb, buf);
}

int gr_box_overlap(gr_box a, gr_box b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

int gr_box_inside(gr_box a, gr_box b) {
  return a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;
}

static float gr_overlap_area(gr_box a, gr_box b) {
  float w = fminf(a.x + a.w, b.x + b.w) - fmaxf(a.x, b.x);
  float h = fminf(a.y + a.h, b.y + b.h) - fmaxf(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/* Candidate c (c < 0: centred) of a label at distance dist. */
static gr_box gr_candidate(const gr_label *l, int dir, float dist) {
  static const float dirs[8][2] = {{0, 1}, {1, 0},  {0, -1}, {-1, 0},
                                   {1, 1}, {-1, 1}, {1, -1}, {-1, -1}};
  gr_box b = {l->ax - l->w / 2, l->ay - l->h / 2, l->w, l->h};
  if (dir < 0) return b;
  float dx = dirs[dir][0], dy = dirs[dir][1];
  float k = dx != 0 && dy != 0 ? 0.7071f : 1.0f;
  b.x += dx * (dist * k + l->w / 2);
  b.y += dy * (dist * k + l->h / 2);
  return b;
}

void gr_place_labels(gr_label *l, int n, const gr_box *obst, int nobst, gr_box bounds, float step) {
  for (int i = 0; i < n; i++) {
    gr_box best = gr_candidate(&l[i], l[i].centre ? -1 : 0, l[i].clear);
    float best_cost = -1;
    int found = 0, best_ring = 0;
    for (int ring = 0; ring < 64 && !found; ring++) {
      float dist = l[i].clear + step * (float)ring;
      for (int dir = ring == 0 && l[i].centre ? -1 : 0; dir < 8 && !found; dir++) {
        gr_box b = gr_candidate(&l[i], dir, dist);
        float cost = 0;
        if (!gr_box_inside(b, bounds)) cost += 1e9f;
        for (int j = 0; j < i; j++)
          cost += gr_overlap_area(b, l[j].box);
        for (int j = 0; j < nobst; j++)
          cost += gr_overlap_area(b, obst[j]);
        if (cost == 0) found = 1;
        if (best_cost < 0 || cost < best_cost) {
          best_cost = cost;
          best = b;
          best_ring = ring;
        }
      }
    }
    /* Never outside the bounds. */
    if (best.x + best.w > bounds.x + bounds.w) best.x = bounds.x + bounds.w - best.w;
    if (best.y + best.h > bounds.y + bounds.h) best.y = bounds.y + bounds.h - best.h;
    if (best.x < bounds.x) best.x = bounds.x;
    if (best.y < bounds.y) best.y = bounds.y;
    l[i].box = best;
    l[i].displaced = best_ring > 1;
  }
}

/* A growing memory buffer behind an SDL_RWops (write and seek only): the PNG
   is encoded here, then written to its file in one go, so that every failure
   (encoding, memory, the disk) is seen and reported. */
typedef struct gr_membuf {
  unsigned char *data;
  size_t len, cap, pos;
  int failed; /* a write could not be stored (out of memory) */
} gr_membuf;

static Sint64 SDLCALL gr_mem_size(SDL_RWops *rw) {
  return (Sint64)((gr_membuf *)rw->hidden.unknown.data1)->len;
}

static Sint64 SDLCALL gr_mem_seek(SDL_RWops *rw, Sint64 offset, int whence) {
  gr_membuf *m = rw->hidden.unknown.data1;
  Sint64 base = whence == RW_SEEK_SET ? 0 : whence == RW_SEEK_CUR ? (Sint64)m->pos : (Sint64)m->len;
  if (offset < -base || offset > (Sint64)m->len - base) {
    SDL_SetError("seek outside the PNG buffer");
    return -1;
  }
  m->pos = (size_t)(base + offset);
  return (Sint64)m->pos;
}

static size_t SDLCALL gr_mem_read(SDL_RWops *rw, void *ptr, size_t size, size_t n) {
  (void)rw, (void)ptr, (void)size, (void)n;
  SDL_SetError("the PNG buffer is write-only");
  return 0;
}

static size_t SDLCALL gr_mem_write(SDL_RWops *rw, const void *ptr, size_t size, size_t n) {
  gr_membuf *m = rw->hidden.unknown.data1;
  if (size == 0 || n == 0) return 0;
  if (n > SIZE_MAX / size || m->failed) goto fail;
  size_t bytes = size * n;
  if (bytes > SIZE_MAX - m->pos) goto fail;
  if (m->pos + bytes > m->cap) {
    size_t cap = m->cap ? m->cap : 1 << 16;
    while (cap < m->pos + bytes)
      cap = cap > SIZE_MAX / 2 ? m->pos + bytes : cap * 2;
    unsigned char *d = realloc(m->data, cap);
    if (!d) goto fail;
    m->data = d;
    m->cap = cap;
  }
  memcpy(m->data + m->pos, ptr, bytes);
  m->pos += bytes;
  if (m->pos > m->len) m->len = m->pos;
  return n;
fail:
  m->failed = 1;
  SDL_SetError("out of memory");
  return 0;
}

static int SDLCALL gr_mem_close(SDL_RWops *rw) {
  (void)rw; /* freed by gr_encode_png, which owns it */
  return 0;
}

/* Encode the surface as PNG into m. 0, or -1 with err filled. */
static int gr_encode_png(SDL_Surface *s, gr_membuf *m, const char *path, gg_error *err) {
  SDL_RWops *rw = SDL_AllocRW();
  if (!rw) {
    snprintf(err->msg, sizeof err->msg, "%.900s: out of memory", path);
    return -1;
  }
  rw->size = gr_mem_size;
  rw->seek = gr_mem_seek;
  rw->read = gr_mem_read;
  rw->write = gr_mem_write;
  rw->close = gr_mem_close;
  rw->type = SDL_RWOPS_UNKNOWN;
  rw->hidden.unknown.data1 = m;
  SDL_ClearError();
  int rc = IMG_SavePNG_RW(s, rw, 0);
  SDL_FreeRW(rw);
  if (rc == 0 && !m->failed && m->len > 0) return 0;
  if (m->failed)
    snprintf(err->msg, sizeof err->msg, "%.900s: out of memory while encoding the PNG", path);
  else
    snprintf(err->msg, sizeof err->msg, "%.900s: cannot encode the PNG: %s", path,
             IMG_GetError()[0] ? IMG_GetError() : "no data");
  return -1;
}

int gr_save_png(SDL_Renderer *r, int w, int h, const char *path, gg_error *err) {
  SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
  if (!s) {
    snprintf(err->msg, sizeof err->msg, "%.900s: out of memory", path);
    return -1;
  }
  if (SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) != 0) {
    snprintf(err->msg, sizeof err->msg, "%.900s: cannot read the pixels: %s", path, SDL_GetError());
    SDL_FreeSurface(s);
    return -1;
  }
  /* Opaque output: the alpha channel of a window may be undefined. */
  for (int y = 0; y < h; y++) {
    Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch);
    for (int x = 0; x < w; x++)
      row[x] |= 0xff000000u;
  }
  gr_membuf m = {0};
  int rc = gr_encode_png(s, &m, path, err);
  SDL_FreeSurface(s);
  /* Written as every output file: under a temporary name, renamed once
     complete (a device is written in place); a failed write leaves nothing. */
  if (rc == 0 && gg_write_file(path, m.data, m.len, err) != 0) rc = -1;
  free(m.data);
  return rc;
}

int gr_parse_size(const char *opt, const char *text, int *w, int *h) {
  char *end;
  errno = 0;
  long a = strtol(text, &end, 10);
  if (end == text || (*end != 'x' && *end != 'X')) goto bad;
  const char *p = end + 1;
  long b = strtol(p, &end, 10);
  if (end == p || *end || errno || a < 64 || b < 64 || a > 16384 || b > 16384) goto bad;
  *w = (int)a;
  *h = (int)b;
  return 0;
bad:
  fprintf(stderr, "%s: expected WIDTHxHEIGHT between 64x64 and 16384x16384, got '%s'\n", opt, text);
  return 2;
}
