/* The render module: one set of drawings (map, ternary plot, time series,
   bars, fan chart) shared by the SDL2 viewer (`greatgame view`) and the
   headless PNG charts (`greatgame plot`). Internal to the program: prefix
   `gr_`. Only this module includes SDL; the engine never does. */
#ifndef GG_RENDER_H
#define GG_RENDER_H

#include <SDL.h>
#include <SDL_ttf.h>
#include <greatgame/greatgame.h>
#include <stdint.h>

/* ---- recorded data ---------------------------------------------------- */

/* What the drawings show: the ids, names and colours of a scenario and the
   shares (and efforts) of the ticks recorded so far. Filled from a live
   simulation (the viewer, `plot SCENARIO`) or from a `run --out` folder. */
typedef struct gr_data {
  const gg_scenario *sc; /* outlines and colours; may be NULL */
  int ns, np, nc;        /* states, powers, channels */
  char **sid, **sname, **pid, **pname, **cid;
  uint32_t *pcolor; /* 0xRRGGBB per power: the Okabe-Ito palette (gr_palette_assign) */
  int nt, cap;      /* records held, records allocated */
  int *tick;        /* tick number of each record */
  char (*date)[24]; /* date of each record */
  double *share;    /* [record][state][component], component 0 = autonomy */
  double *effort;   /* [record][state][power][channel]; NULL if not known */
  /* Model GG-2 (docs/model.md, section 5): the ties E[s][p] of each state
     with each power and its hedging capacity H[s], in utility units, as the
     step to each record computed them (0 at tick 0, before any step). */
  int model;     /* 1 GG-1, 2 GG-2 (0 when only a results folder was read) */
  int has_ties;  /* 1 when ties and hedge hold a GG-2 run's values */
  double *ties;  /* [record][state][power]; NULL unless has_ties */
  double *hedge; /* [record][state]; NULL unless has_ties */
  char title[256];
} gr_data;

/* Metadata from a scenario, no records. 0, or -1 when out of memory. */
int gr_data_init(gr_data *d, const gg_scenario *sc);
/* Room for n records. 0, or -1 when out of memory. */
int gr_data_reserve(gr_data *d, int n);
/* Append the simulation's current tick. 0, or -1 when out of memory. */
int gr_data_record(gr_data *d, const gg_sim *sim);
/* Keep the first n records. */
void gr_data_truncate(gr_data *d, int n);
void gr_data_free(gr_data *d);
/* Record index of tick t (clamped to the records held), or -1 if empty. */
int gr_data_find(const gr_data *d, int t);

static inline double gr_share(const gr_data *d, int r, int s, int k) {
  return d->share[((size_t)r * d->ns + s) * (d->np + 1) + k];
}
static inline double gr_effort(const gr_data *d, int r, int s, int p, int c) {
  return d->effort ? d->effort[(((size_t)r * d->ns + s) * d->np + p) * d->nc + c] : 0.0;
}

static inline double gr_ties(const gr_data *d, int r, int s, int p) {
  return d->ties ? d->ties[((size_t)r * d->ns + s) * d->np + p] : 0.0;
}
static inline double gr_hedge(const gr_data *d, int r, int s) {
  return d->hedge ? d->hedge[(size_t)r * d->ns + s] : 0.0;
}

/* Read a `run --out` folder: alignment.csv (run `run`, or the first run
   when run < 0), stocks.csv if present,
   ties.csv if present (a GG-2 run: has_ties is set), and the scenario named by
   manifest.json's "scenario_path" (or `scenario_path` when not NULL) for
   outlines and colours; *sc_out receives that scenario (caller frees; NULL
   when it could not be loaded). 0, -1 with err filled (bad or missing
   files), or -2 with err filled when out of memory. */
int gr_data_load_dir(gr_data *d, const char *dir, const char *scenario_path, long run,
                     gg_scenario **sc_out, gg_error *err);

/* A sweep's summary.csv: one metric's quantiles per sample. */
typedef struct gr_sweep {
  int n;     /* samples */
  double *x; /* x value of each sample (a parameter from design.csv, or the sample) */
  double *q05, *q50, *q95, *mean;
  char metric[128];
  char xlabel[128];
} gr_sweep;
/* Load metric `metric` (NULL: the first one) of DIR/summary.csv. 0, -1 with
   err filled, or -2 with err filled when out of memory. */
int gr_sweep_load(gr_sweep *sw, const char *dir, const char *metric, gg_error *err);
void gr_sweep_free(gr_sweep *sw);

/* ---- drawing context and primitives ----------------------------------- */

enum { GR_SMALL = 0, GR_NORMAL = 1, GR_LARGE = 2, GR_FONTS = 3 };
enum { GR_LEFT = 0, GR_CENTER = 1, GR_RIGHT = 2 };
enum { GR_TOP = 0, GR_MIDDLE = 4, GR_BOTTOM = 8 };

typedef struct gr_text_entry {
  uint64_t key;
  SDL_Texture *tex;
  int w, h;
  int used;
} gr_text_entry;

#define GR_TEXT_CACHE 512

typedef struct gr_ctx {
  SDL_Renderer *r;
  int w, h;
  double scale; /* 1 at 720 pixels high */
  TTF_Font *font[GR_FONTS];
  int font_px[GR_FONTS];
  gr_text_entry cache[GR_TEXT_CACHE];
  int frame;
} gr_ctx;

#define GR_FONT_DEFAULT "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
/* Autonomy: a light grey, apart from every palette colour for the three
   common kinds of colour blindness. */
#define GR_AUTONOMY_COLOR 0xc4c4c4u
#define GR_INK 0x202020u
#define GR_PAPER 0xffffffu

/* Open the fonts for a w x h target (GREATGAME_FONT overrides the path).
   0, or -1 with err filled. TTF_Init must have been called. */
int gr_ctx_init(gr_ctx *g, SDL_Renderer *r, int w, int h, gg_error *err);
/* After a window resize: new size and font sizes. 0 or -1 with err. */
int gr_ctx_resize(gr_ctx *g, int w, int h, gg_error *err);
void gr_ctx_free(gr_ctx *g);
/* Drop the cached text that the frame just drawn did not use. */
void gr_ctx_frame_end(gr_ctx *g);

void gr_set(gr_ctx *g, uint32_t rgb, int alpha);
void gr_fill_rect(gr_ctx *g, float x, float y, float w, float h, uint32_t rgb, int alpha);
void gr_rect(gr_ctx *g, float x, float y, float w, float h, uint32_t rgb);
/* Even-odd scanline fill of a polygon given as n x,y pairs. */
void gr_fill_poly(gr_ctx *g, const float *xy, int n, uint32_t rgb, int alpha);
void gr_polyline(gr_ctx *g, const float *xy, int n, int closed, float width, uint32_t rgb,
                 int alpha);
void gr_line(gr_ctx *g, float x0, float y0, float x1, float y1, float width, uint32_t rgb,
             int alpha);
void gr_arrow(gr_ctx *g, float x0, float y0, float x1, float y1, float width, uint32_t rgb,
              int alpha);
void gr_disc(gr_ctx *g, float cx, float cy, float r, uint32_t rgb, int alpha);
void gr_circle(gr_ctx *g, float cx, float cy, float r, float width, uint32_t rgb);
/* Draw UTF-8 text anchored at x,y (align: GR_LEFT/CENTER/RIGHT | GR_TOP/
   MIDDLE/BOTTOM). Returns the width in pixels. */
int gr_text(gr_ctx *g, int font, float x, float y, int align, uint32_t rgb, const char *text);
int gr_textf(gr_ctx *g, int font, float x, float y, int align, uint32_t rgb, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
void gr_text_size(gr_ctx *g, int font, const char *text, int *w, int *h);
/* The scale of a w x h target: 1 at 1280x720, never below 0.5. */
double gr_scale_for(int w, int h);
/* Pixels scaled to the target (1 at 720 high). */
static inline float gr_px(const gr_ctx *g, double v) {
  return (float)(v * g->scale);
}

/* ---- colours and patterns ---------------------------------------------- */

/* The Okabe-Ito palette (Okabe and Ito 2008, "Color Universal Design"),
   without its black: colours that stay apart for red-green and blue-yellow
   colour blindness. Each power gets the palette colour nearest to the one
   its scenario asks for (so blue stays blue, red becomes vermilion), no two
   the same while colours last: hint[p] in, out[p] out. */
#define GR_PALETTE 7
extern const uint32_t gr_okabe_ito[GR_PALETTE];
void gr_palette_assign(const uint32_t *hint, int n, uint32_t *out);

/* Fill patterns, so that a power is told by its pattern as well as its
   colour: power p has pattern p % GR_PATTERNS; autonomy has none. */
enum {
  GR_PAT_NONE = -1,
  GR_PAT_DIAG = 0, /* stripes rising to the right */
  GR_PAT_DOTS,
  GR_PAT_HORIZ,
  GR_PAT_BACK, /* stripes falling to the right */
  GR_PAT_VERT,
  GR_PAT_CROSS,
  GR_PATTERNS
};
/* Component k's pattern (k = 0 autonomy, k = p + 1 power p). */
int gr_comp_pattern(int k);
/* Component k's colour. */
uint32_t gr_comp_color(const gr_data *d, int k);
/* The light tint behind a pattern: the colour mixed with white. */
uint32_t gr_tint(uint32_t rgb);
/* Fill a polygon as a share is filled everywhere (map, bars, legend): the
   tint of the colour, with the pattern drawn in the full colour. */
void gr_fill_poly_share(gr_ctx *g, const float *xy, int n, int pattern, uint32_t rgb);
void gr_fill_rect_share(gr_ctx *g, float x, float y, float w, float h, int pattern, uint32_t rgb);

/* Line styles of the arrows, one per channel (c % GR_DASHES): solid, dashed,
   dotted, dash-dot, thin, short dashes. */
#define GR_DASHES 6
void gr_arrow_styled(gr_ctx *g, float x0, float y0, float x1, float y1, float width, int dash,
                     uint32_t rgb, int alpha);

/* Blend a set of colours by weights (each 0xRRGGBB). */
uint32_t gr_mix(const uint32_t *rgb, const double *w, int n);
/* The component with the largest share of state s at record r (ties to
   the lower k, as gg_sim_dominant). */
int gr_dominant(const gr_data *d, int r, int s);
/* Share of component k of state s at record r minus its share at the first
   record: the change since the start. */
double gr_change(const gr_data *d, int r, int s, int k);

/* Draw text cut to maxw pixels (an ellipsis marks the cut); the width. */
int gr_text_fit(gr_ctx *g, int font, float x, float y, int align, uint32_t rgb, float maxw,
                const char *text);

/* Save the renderer's target (a window or a surface) as PNG: encoded in
   memory, then written with gg_write_file (under a temporary name, renamed
   once complete; a device such as /dev/stdout is written in place). 0, or -1
   with err filled ("PATH: ..."); on failure nothing is left under PATH. */
int gr_save_png(SDL_Renderer *r, int w, int h, const char *path, gg_error *err);

/* ---- charts ----------------------------------------------------------- */

typedef struct gr_box {
  float x, y, w, h;
} gr_box;

/* 1 if two boxes overlap (touching edges do not). */
int gr_box_overlap(gr_box a, gr_box b);
/* 1 if a lies inside b. */
int gr_box_inside(gr_box a, gr_box b);

/* A label to place near an anchor point without covering another label or
   an obstacle and without leaving the bounds. */
typedef struct gr_label {
  float ax, ay;  /* anchor */
  float clear;   /* distance kept from the anchor (e.g. a marker's radius) */
  float w, h;    /* size of the label's box */
  int centre;    /* 1: try the box centred on the anchor first */
  gr_box box;    /* the placed box */
  int displaced; /* 1: placed away from the anchor (draw a leader line) */
} gr_label;
/* Place n labels in order: each takes the first free candidate on rings of
   growing distance (below, right, above, left, then the diagonals), `step`
   pixels apart; one with no free candidate takes the least overlapping one,
   moved inside the bounds. */
void gr_place_labels(gr_label *l, int n, const gr_box *obst, int nobst, gr_box bounds, float step);

/* The map's projection into a box (equirectangular, scaled by the cosine of
   the mean latitude), and where each state sits. */
typedef struct gr_map_layout {
  gr_box box;
  double lon0, lat0, kx, ky; /* x = box.x + (lon - lon0) * kx, y = ... */
  double scale;              /* the drawing's scale (gr_ctx.scale) */
  int has_outlines;
} gr_map_layout;

/* The part of a map box below its title line (when titles is set). */
gr_box gr_map_body(double scale, gr_box box, int titles);
void gr_map_layout_make(const gr_data *d, gr_box box, double scale, gr_map_layout *m);
/* A point inside state s where its label and arrows go. */
void gr_map_anchor(const gr_data *d, const gr_map_layout *m, int s, float *x, float *y);
/* Where power p's marker sits around the map. */
void gr_map_power_pos(const gr_data *d, const gr_map_layout *m, int p, float *x, float *y);
/* The state at pixel x,y, or -1. */
int gr_map_hit(const gr_data *d, const gr_map_layout *m, float x, float y);
/* Radius of the powers' markers around the map. */
float gr_map_power_radius(const gr_map_layout *m);

/* Chart options: the record to show and the selections. */
typedef struct gr_view {
  int rec;    /* record index shown */
  int state;  /* selected state, or -1 */
  int power;  /* selected power, or -1 */
  int upto;   /* time series and trajectories run to this record */
  int titles; /* 1: draw a title line in the box */
} gr_view;

/* The label boxes a chart draws, for checks: the map's state labels (one
   per state, written to out[s]) and the ternary plot's (one per state);
   obstacles (the powers' markers, the states' markers) to obst when not
   NULL, at most GR_MAX_OBST. Return the number of labels (0 if none). */
#define GR_MAX_OBST 512
int gr_map_labels(gr_ctx *g, const gr_data *d, const gr_view *v, const gr_map_layout *m,
                  gr_box *out, gr_box *obst, int *nobst);
int gr_ternary_labels(gr_ctx *g, const gr_data *d, const gr_view *v, gr_box box, gr_box *out,
                      gr_box *obst, int *nobst);
/* The part of the map box the labels keep to (the channel key excluded). */
gr_box gr_map_label_bounds(const gr_ctx *g, const gr_data *d, const gr_map_layout *m);

void gr_draw_map(gr_ctx *g, const gr_data *d, const gr_view *v, gr_box box, gr_map_layout *out);
void gr_draw_ternary(gr_ctx *g, const gr_data *d, const gr_view *v, gr_box box);
/* The head of a one-state chart: "STATE: WHAT" and the legend; gives the
   state drawn, the last record to draw and the y where the plot begins. */
float gr_chart_head(gr_ctx *g, const gr_data *d, const gr_view *v, gr_box box, const char *what,
                    int *state, int *last);
void gr_draw_timeseries(gr_ctx *g, const gr_data *d, const gr_view *v, gr_box box);
void gr_draw_bars(gr_ctx *g, const gr_data *d, const gr_view *v, gr_box box);
void gr_draw_fan(gr_ctx *g, const gr_sweep *sw, gr_box box);
/* Model GG-2: a state's alignment shares (top) and its ties with each power
   with its hedging capacity (bottom) over time, on one time axis; a message
   when the data hold no ties (GG-1). */
void gr_draw_ties(gr_ctx *g, const gr_data *d, const gr_view *v, gr_box box);
/* Model GG-2: the selected state's ties with each power at record v->rec as
   bars (labelled "ties"), its hedging capacity, and a line saying how ties
   differ from alignment; for the viewer's state panel. */
void gr_draw_ties_bars(gr_ctx *g, const gr_data *d, const gr_view *v, gr_box box);

/* Model GG-2, for the bars chart: the scale of the ties (a round number
   above the largest tie or hedging capacity of any state up to record
   upto), and state s's ties with each power and its hedging capacity at
   record r as thin bars filling box `row`, with their values. */
double gr_ties_scale(const gr_data *d, int upto);
void gr_draw_ties_row(gr_ctx *g, const gr_data *d, int r, int s, gr_box row, double top);

/* Pieces the time charts share. The date of tick t; the time axis of the
   records (first tick to last, or to the scenario's end while a run is
   shown as it goes); its date grid in plot area a, with the dates below
   when `dates` is set, and the events as marks along the top; the end
   labels of n lines ending at heights ly (lab[i] in colour col[i]), moved
   apart so that none overlaps, kept between the top of a and `hi`. */
void gr_date_of(const gr_data *d, int t, char *buf, size_t n);
void gr_time_span(const gr_data *d, const gr_view *v, int *t0, int *t1);
void gr_time_axis(gr_ctx *g, const gr_data *d, gr_box a, int t0, int t1, int dates);
void gr_end_labels(gr_ctx *g, gr_box a, int n, const float *ly, const uint32_t *col,
                   char (*lab)[96], float hi);
/* Horizontal grid lines and labels of a y axis from lo to hi (percent or
   plain numbers) in plot area a. */
void gr_y_axis(gr_ctx *g, gr_box a, double lo, double hi, int percent);
/* A step of 1, 2 or 5 times a power of ten giving about n intervals. */
double gr_nice_step(double range, int n);
/* "+1.2", "-0.3" (a true minus sign) or "0.0": a change in percentage points. */
void gr_points(double v, char *buf, size_t n);

/* The legend swatches of components 0..np (autonomy first), in a row
   starting at x,y; returns the height used. Swatch k's centre is written to
   cx[k], cy[k] when those are not NULL. */
float gr_draw_legend(gr_ctx *g, const gr_data *d, float x, float y, float maxw, float *cx,
                     float *cy);

/* The three powers the ternary plot shows (by mean share at record r),
   written to out[3]; returns how many there are (< 3 with fewer powers). */
int gr_ternary_powers(const gr_data *d, int r, int out[3]);

/* Where `plot --kind map` puts the map and its legend on a w x h image. */
void gr_plot_map_boxes(int w, int h, gr_box *map, float *legend_x, float *legend_y);

/* Shared by the two commands. */
int gr_parse_size(const char *opt, const char *text, int *w, int *h);

#endif
