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

static const int gr_base_px[GR_FONTS] = {15, 19, 27};

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
    if (px < 8) px = 8;
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

void gr_fill_poly(gr_ctx *g, const float *xy, int n, uint32_t rgb, int alpha) {
  if (n < 3) return;
  float ymin = xy[1], ymax = xy[1];
  for (int i = 1; i < n; i++) {
    ymin = fminf(ymin, xy[2 * i + 1]);
    ymax = fmaxf(ymax, xy[2 * i + 1]);
  }
  float xs[256];
  SDL_FRect spans[512];
  int nspan = 0;
  gr_set(g, rgb, alpha);
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
        SDL_RenderFillRectsF(g->r, spans, nspan);
        nspan = 0;
      }
    }
  }
  if (nspan) SDL_RenderFillRectsF(g->r, spans, nspan);
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

uint32_t gr_state_color(const gr_data *d, int r, int s) {
  uint32_t rgb[GG_MAX_POWERS + 1];
  double w[GG_MAX_POWERS + 1];
  rgb[0] = GR_AUTONOMY_COLOR;
  w[0] = gr_share(d, r, s, 0);
  for (int p = 0; p < d->np; p++) {
    rgb[p + 1] = d->pcolor[p];
    w[p + 1] = gr_share(d, r, s, p + 1);
  }
  return gr_mix(rgb, w, d->np + 1);
}

uint32_t gr_state_palette(int s) {
  static const uint32_t pal[10] = {0x1b9e77, 0xd95f02, 0x7570b3, 0xe7298a, 0x66a61e,
                                   0xe6ab02, 0xa6761d, 0x17becf, 0x8c564b, 0x444444};
  return pal[(unsigned)s % 10];
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
