/* The viewer's state, shared by its event handling (cmd_view.c) and its
   screen layout and panels (view_panels.c). */
#ifndef GG_VIEWER_H
#define GG_VIEWER_H

#include "render.h"

#define GR_TICKER_LINES 64
/* The smallest window whose text and labels all fit. */
#define GR_VIEW_MIN_W 800
#define GR_VIEW_MIN_H 450
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
  double *budget0;        /* the scenario's budgets [p][c] at tick 0 */
  double *range;          /* slider maximum per [p][c] */
  double *step;           /* what one Up or Down press adds per [p][c] */
  double *user;           /* the class's slider settings per [p][c], kept over R */
  unsigned char *touched; /* 1 where user[] holds a setting */
  const char **sets;      /* the --set options, for the title */
  int nsets;
  const char *seed_text; /* the --seed option, for the title (or NULL) */
  char title[600];       /* the window title now */
  /* Layout of the last frame, for mouse hits. */
  gr_map_layout map;
  gr_box map_box, ts_box, tern_box, panel_box, ticker_box;
  gr_box ties_box; /* GG-2: the selected state's ties beside its shares (else empty) */
  SDL_FRect track[GG_MAX_CHANNELS];
  int drag; /* channel being dragged, or -1 */
  /* Events fired so far, newest last. */
  char ticker[GR_TICKER_LINES][200];
  unsigned char ticker_random[GR_TICKER_LINES];
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
/* After sc and sim are set: the records, budgets, steps and ranges. 0, or
   -1 when out of memory (gr_view_teardown frees what was made). */
int gr_view_setup(gr_viewer *vw);
void gr_view_teardown(gr_viewer *vw);
/* Record the simulation's current tick and the events its last step fired.
   0, or -1 when out of memory. */
int gr_view_record(gr_viewer *vw);
/* One tick (none past the end). 0, or -1 when out of memory. */
int gr_view_step(gr_viewer *vw);
/* Back to the start. The class's slider settings stay (R) unless `sliders`
   is set (Shift+R): then the scenario's budgets come back. */
void gr_view_reset(gr_viewer *vw, int sliders);
/* Up (dir = 1) or Down (-1): the selected power's budget on the chosen
   channel moves by one step. */
void gr_view_budget_key(gr_viewer *vw, int dir);
/* "month", "quarter" or "year": the scenario's tick. */
const char *gr_step_word(const gg_scenario *sc);
/* Set power p's budget on channel c as the class's setting (kept when the
   run restarts). */
void gr_view_budget_set(gr_viewer *vw, int p, int c, double value);

/* What one key press moves budget [p][c] by: a tenth of its value in the
   scenario; a tenth of the largest budget on the channel when its own is 0;
   when every power's is 0, a round number near a hundredth of the largest
   stock on the channel at tick 0 (1 when there is none). */
double gr_budget_step(const gg_sim *sim, int p, int c);

/* The ticker lines of the events the last step fired (at most max): the
   month the event happened (the tick before the step), then the event;
   random shocks are marked as random. random[i] is set to 1 for those.
   Returns the number of lines. */
int gr_fired_lines(const gg_sim *sim, char (*lines)[200], unsigned char *random, int max);

/* "Central Asia 2020 baseline - US investment x1.5": the scenario and what
   the class changed (sliders and --set). */
void gr_view_title(const gr_viewer *vw, char *buf, size_t n);

#endif
