/* The chart of a scenario discovery (`greatgame discover`): the peeling
   trajectory as density against coverage, one point per box, coloured by
   the number of inputs the box restricts; the chosen box circled and the
   pasted box marked. Drawn from the library's result (gg_discover_run),
   saved as PNG. */
#include "render.h"

#include <greatgame/discover.h>
#include <math.h>
#include <stdio.h>

/* Declared here for the program (cmd_discover.c declares it too). */
int gr_discover_chart_png(const gg_discover_result *res, const char *title, int w, int h,
                          const char *path, gg_error *err);

static void dc_draw(gr_ctx *g, const gg_discover_result *res, const char *title, int w, int h) {
  gr_fill_rect(g, 0, 0, (float)w, (float)h, GR_PAPER, 255);
  gr_text_fit(g, GR_LARGE, gr_px(g, 16), gr_px(g, 10), GR_LEFT | GR_TOP, GR_INK,
              (float)w - gr_px(g, 32), title);
  gr_box a = {gr_px(g, 90), gr_px(g, 92), (float)w - gr_px(g, 300), (float)h - gr_px(g, 172)};
#define FX(v) (a.x + (float)(v)*a.w)
#define FY(v) (a.y + a.h - (float)(v)*a.h)
  for (int k = 0; k <= 5; k++) {
    double v = k / 5.0;
    gr_line(g, FX(v), a.y, FX(v), a.y + a.h, 1.0f, 0xe4e4e4, 255);
    gr_line(g, a.x, FY(v), a.x + a.w, FY(v), 1.0f, 0xe4e4e4, 255);
    gr_textf(g, GR_SMALL, FX(v), a.y + a.h + gr_px(g, 6), GR_CENTER | GR_TOP, GR_INK, "%.1f", v);
    gr_textf(g, GR_SMALL, a.x - gr_px(g, 8), FY(v), GR_RIGHT | GR_MIDDLE, GR_INK, "%.1f", v);
  }
  gr_text(g, GR_NORMAL, a.x + a.w / 2, a.y + a.h + gr_px(g, 30), GR_CENTER | GR_TOP, GR_INK,
          "coverage (share of the runs of interest inside the box)");
  gr_text(g, GR_NORMAL, gr_px(g, 16), a.y - gr_px(g, 40), GR_LEFT | GR_TOP, GR_INK,
          "density (share of the box's runs that are of interest)");
  gr_rect(g, a.x, a.y, a.w, a.h, 0x606060);
  for (int s = 0; s + 1 < res->steps; s++)
    gr_line(g, FX(res->coverage[s]), FY(res->density[s]), FX(res->coverage[s + 1]),
            FY(res->density[s + 1]), gr_px(g, 1.5), 0x909090, 255);
  int maxr = 0;
  for (int s = 0; s < res->steps; s++)
    if (res->restricted[s] > maxr) maxr = res->restricted[s];
  for (int s = 0; s < res->steps; s++) {
    int r = res->restricted[s];
    uint32_t c = r == 0 ? GR_AUTONOMY_COLOR : gr_okabe_ito[(r - 1) % GR_PALETTE];
    gr_disc(g, FX(res->coverage[s]), FY(res->density[s]), gr_px(g, 5), c, 255);
  }
  int ch = res->chosen;
  if (ch >= 0 && ch < res->steps) {
    float cx = FX(res->coverage[ch]), cy = FY(res->density[ch]);
    gr_circle(g, cx, cy, gr_px(g, 11), gr_px(g, 2), GR_INK);
    gr_textf(g, GR_SMALL, cx + gr_px(g, 14), cy - gr_px(g, 14), GR_LEFT | GR_BOTTOM, GR_INK,
             "box %d", ch);
  }
  float px = FX(res->box_coverage), py = FY(res->box_density), d = gr_px(g, 8);
  float diamond[8] = {px, py - d, px + d, py, px, py + d, px - d, py};
  gr_polyline(g, diamond, 4, 1, gr_px(g, 2), 0xd55e00, 255);
  /* The key, right of the plot. */
  float kx = a.x + a.w + gr_px(g, 24), ky = a.y;
  gr_text(g, GR_NORMAL, kx, ky, GR_LEFT | GR_TOP, GR_INK, "inputs restricted");
  ky += gr_px(g, 28);
  for (int r = 0; r <= maxr && r <= 8; r++) {
    uint32_t c = r == 0 ? GR_AUTONOMY_COLOR : gr_okabe_ito[(r - 1) % GR_PALETTE];
    gr_disc(g, kx + gr_px(g, 6), ky + gr_px(g, 8), gr_px(g, 5), c, 255);
    gr_textf(g, GR_SMALL, kx + gr_px(g, 18), ky, GR_LEFT | GR_TOP, GR_INK, "%d", r);
    ky += gr_px(g, 22);
  }
  ky += gr_px(g, 12);
  gr_circle(g, kx + gr_px(g, 6), ky + gr_px(g, 8), gr_px(g, 9), gr_px(g, 2), GR_INK);
  gr_text(g, GR_SMALL, kx + gr_px(g, 22), ky, GR_LEFT | GR_TOP, GR_INK, "chosen box");
  ky += gr_px(g, 26);
  float dk[8] = {kx + gr_px(g, 6),  ky,
                 kx + gr_px(g, 14), ky + gr_px(g, 8),
                 kx + gr_px(g, 6),  ky + gr_px(g, 16),
                 kx - gr_px(g, 2),  ky + gr_px(g, 8)};
  gr_polyline(g, dk, 4, 1, gr_px(g, 2), 0xd55e00, 255);
  gr_text(g, GR_SMALL, kx + gr_px(g, 22), ky, GR_LEFT | GR_TOP, GR_INK, "after pasting");
#undef FX
#undef FY
}

int gr_discover_chart_png(const gg_discover_result *res, const char *title, int w, int h,
                          const char *path, gg_error *err) {
  if (TTF_Init() != 0) {
    snprintf(err->msg, sizeof err->msg, "%s: cannot start SDL_ttf: %s", path, TTF_GetError());
    return -1;
  }
  int rc = -1;
  SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
  SDL_Renderer *r = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
  gr_ctx g;
  if (!r) {
    snprintf(err->msg, sizeof err->msg, "%s: cannot create a %dx%d image: %s", path, w, h,
             SDL_GetError());
  } else if (gr_ctx_init(&g, r, w, h, err) == 0) {
    dc_draw(&g, res, title, w, h);
    SDL_RenderPresent(r);
    rc = gr_save_png(r, w, h, path, err);
    gr_ctx_free(&g);
  }
  if (r) SDL_DestroyRenderer(r);
  if (surf) SDL_FreeSurface(surf);
  TTF_Quit();
  return rc;
}
