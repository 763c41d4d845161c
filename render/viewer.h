/* The viewer's state, shared by its event handling (cmd_view.c) and its
   screen layout and panels (view_panels.c). */
#ifndef GG_VIEWER_H
#define GG_VIEWER_H

#include "render.h"

#define GR_TICKER_LINES 64
#define GR_SCRIPT_MAX 1024

typedef struct gr_viewer {
  gg_scenario *sc;
  gg_sim *sim;
  gr_data d;
  uint64_t seed;
  SDL_Window *win;
  SDL_Renderer *ren;
  gr_ctx g;
  int w, h;
  int playing, speed, fullscreen, help, quit;
  double acc; /* ticks owed to the clock */
  int state, power, channel;
  double *budget0; /* the scenario's budgets [p][c] at tick 0 */
  double *range;   /* slider maximum per [p][c] */
  /* Layout of the last frame, for mouse hits. */
  gr_map_layout map;
  gr_box map_box, ts_box, tern_box, panel_box, ticker_box;
  SDL_FRect track[GG_MAX_CHANNELS];
  int drag; /* channel being dragged, or -1 */
  /* Events fired so far, newest last. */
  char ticker[GR_TICKER_LINES][200];
  int nticker;
  /* Screenshots. */
  const char *shot_path;
  int shot_count, shot_pending;
  int shot_failed; /* a screenshot could not be saved: the exit status is 1 */
  /* Scripted input. */
  char *script[GR_SCRIPT_MAX];
  int nscript, iscript, wait;
  char *script_buf;
} gr_viewer;

/* Speeds in ticks per second. */
#define GR_SPEEDS 8
extern const double gr_speeds[GR_SPEEDS];

/* Compute the boxes of every panel for the window size. */
void gr_view_layout(gr_viewer *vw);
/* Draw the whole window. */
void gr_view_draw(gr_viewer *vw);
/* Set the selected power's budget on channel c from a slider x position. */
void gr_view_slider_set(gr_viewer *vw, int c, float x);

#endif
