/* Checks of `greatgame plot` and `greatgame view` (built only with the
   render module): every chart kind gives a PNG of the requested size that
   is not blank; each state on the map is filled with the colour-blind-safe
   colour and the pattern of its largest share (found here from the
   simulation, not by the drawing code); legend swatches show the same;
   labels never overlap and never leave their chart; the ticker dates an
   event by the month it happens and marks random shocks; budget keys move
   by a tenth of the scenario's value; R keeps the sliders and Shift+R does
   not; bad input writes nothing; the viewer runs a scripted session
   headless. */
#include "harness.h"
#include "render.h"
#include "viewer.h"

#include <dirent.h>

#include <SDL_image.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int gg_cmd_plot(int argc, char **argv);
int gg_cmd_view(int argc, char **argv);

static const char *baseline_path(void) {
  return GG_SCENARIO_DIR "/central_asia_2020.json";
}

static char tmpdir[256];

static const char *tmp_path(const char *name) {
  static char buf[8][512];
  static int next;
  if (!tmpdir[0]) {
    snprintf(tmpdir, sizeof tmpdir, "/tmp/gg_render_checks_XXXXXX");
    if (!mkdtemp(tmpdir)) abort();
  }
  char *b = buf[next++ % 8];
  snprintf(b, 512, "%s/%s", tmpdir, name);
  return b;
}

static int run_cmd(int (*fn)(int, char **), const char *const *args) {
  char *argv[64];
  int argc = 0;
  for (; args[argc]; argc++)
    argv[argc] = (char *)args[argc];
  argv[argc] = NULL;
  return fn(argc, argv);
}

static int exists(const char *p) {
  struct stat st;
  return stat(p, &st) == 0;
}

/* A loaded PNG as ARGB8888, or NULL. */
static SDL_Surface *load_png(const char *path) {
  SDL_Surface *s = IMG_Load(path);
  if (!s) return NULL;
  SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
  SDL_FreeSurface(s);
  return c;
}

static uint32_t pixel(const SDL_Surface *s, int x, int y) {
  const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch);
  return row[x] & 0xffffffu;
}

static int near_rgb(uint32_t a, uint32_t b, int tol) {
  for (int sh = 0; sh <= 16; sh += 8) {
    int d = (int)((a >> sh) & 255) - (int)((b >> sh) & 255);
    if (d > tol || d < -tol) return 0;
  }
  return 1;
}

/* Distinct colours in a coarse sample grid: a blank image has one. */
static int distinct_colours(const SDL_Surface *s) {
  uint32_t seen[256];
  int n = 0;
  for (int y = 0; y < s->h; y += 3)
    for (int x = 0; x < s->w; x += 3) {
      uint32_t c = pixel(s, x, y);
      int found = 0;
      for (int i = 0; i < n && !found; i++)
        found = seen[i] == c;
      if (!found && n < 256) seen[n++] = c;
    }
  return n;
}

/* The colours by hand: Okabe and Ito's blue, vermilion and bluish green
   for the baseline's US, China and Russia (their scenario colours are blue,
   red and green), autonomy light grey; a pattern's background is the colour
   mixed 45:55 with white. */
static uint32_t want_color(int k) {
  static const uint32_t c[4] = {0xc4c4c4, 0x0072b2, 0xd55e00, 0x009e73};
  return c[k];
}

static uint32_t want_tint(int k) {
  uint32_t c = want_color(k), out = 0;
  for (int sh = 0; sh <= 16; sh += 8)
    out |= (uint32_t)lround(0.45 * ((c >> sh) & 255) + 0.55 * 255) << sh;
  return out;
}

static void plot_kinds_give_png_of_requested_size(void) {
  static const char *const kinds[] = {"timeseries", "ternary", "map", "bars"};
  for (int i = 0; i < 4; i++) {
    const char *out = tmp_path(kinds[i]);
    const char *args[] = {"plot",    baseline_path(), "--kind", kinds[i], "--size",
                          "900x560", "--state",       "UZ",     "--out",  out,
                          NULL};
    ENSURE(run_cmd(gg_cmd_plot, args) == 0);
    SDL_Surface *s = load_png(out);
    ENSURE(s != NULL);
    int w = s->w, h = s->h, n = distinct_colours(s);
    SDL_FreeSurface(s);
    ENSURE(w == 900 && h == 560);
    ENSURE(n >= 12);
  }
}

/* A map drawn by `plot` against the run: inside each state (away from its
   label), pixels of the tint and of the full colour of the state's largest
   share (gg_sim_dominant), and none of another component's tint; a legend
   swatch shows its component's tint and colour. */
static int check_map(const char *png, int w, int h, const gg_sim *sim, const gr_data *run) {
  const gg_scenario *sc = gg_sim_scenario(sim);
  gr_data d;
  if (gg_scenario_powers(sc) != 3 || gr_data_init(&d, sc) != 0) return 0;
  /* The records drawn (the labels' text depends on them), else the sim's. */
  for (int i = 0; run && i < run->nt; i++) {
    if (gr_data_reserve(&d, i + 1) != 0) return 0;
    d.tick[i] = run->tick[i];
    memcpy(d.date[i], run->date[i], sizeof d.date[i]);
    memcpy(d.share + (size_t)i * d.ns * (d.np + 1), run->share + (size_t)i * d.ns * (d.np + 1),
           (size_t)d.ns * (d.np + 1) * sizeof *d.share);
    d.nt++;
  }
  if (!run && gr_data_record(&d, sim) != 0) return 0;
  gr_box box;
  float lx, ly;
  gr_plot_map_boxes(w, h, &box, &lx, &ly);
  double scale = gr_scale_for(w, h);
  gr_map_layout m;
  gr_map_layout_make(&d, gr_map_body(scale, box, 1), scale, &m);
  SDL_Surface *s = load_png(png);
  SDL_Surface *scratch = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
  SDL_Renderer *r = scratch ? SDL_CreateSoftwareRenderer(scratch) : NULL;
  gr_ctx g;
  gg_error err;
  int ok = s && s->w == w && s->h == h && m.has_outlines && r && TTF_Init() == 0 &&
           gr_ctx_init(&g, r, w, h, &err) == 0;
  if (!ok) {
    fprintf(stderr, "cannot load %s or make a drawing context\n", png);
    goto done;
  }
  gr_box lab[64];
  gr_view v = {d.nt - 1, -1, -1, d.nt - 1, 1};
  ok = gr_map_labels(&g, &d, &v, &m, lab, NULL, NULL) == d.ns;
  for (int st = 0; ok && st < d.ns; st++) {
    int dom = gg_sim_dominant(sim, st), n = 0, tint = 0, full = 0, other = 0;
    for (int y = 0; y < h; y += 2)
      for (int x = 0; x < w; x += 2) {
        int covered = 0;
        for (int i = 0; i < d.ns; i++)
          covered |= x >= lab[i].x - 2 && x <= lab[i].x + lab[i].w + 2 && y >= lab[i].y - 2 &&
                     y <= lab[i].y + lab[i].h + 2;
        if (covered || gr_map_hit(&d, &m, (float)x, (float)y) != st) continue;
        uint32_t c = pixel(s, x, y);
        n++;
        tint += c == want_tint(dom) || (dom == 0 && c == want_color(0));
        full += c == want_color(dom);
        for (int k = 1; k <= 3; k++)
          other += k != dom && c == want_tint(k); /* a neighbour's edge may reach in */
      }
    /* Autonomy is plain grey; a power's fill has its pattern over the tint. */
    int good = n > 50 && tint > n / 3 && other <= n / 100 && (dom == 0 || full > n / 20);
    if (!good) {
      fprintf(stderr, "state %s (largest share %d): %d pixels, %d tint, %d colour, %d other\n",
              d.sid[st], dom, n, tint, full, other);
      ok = 0;
    }
  }
  /* Legend swatches: where the legend puts them on the scratch canvas. */
  float cx[GG_MAX_POWERS + 1], cy[GG_MAX_POWERS + 1];
  gr_draw_legend(&g, &d, lx, ly, (float)w - 2 * lx, cx, cy);
  float half = (float)(9 * scale);
  for (int k = 0; ok && k <= d.np; k++) {
    int tint = 0, full = 0;
    for (int y = (int)(cy[k] - half); y <= (int)(cy[k] + half); y++)
      for (int x = (int)(cx[k] - half); x <= (int)(cx[k] + half); x++) {
        tint += pixel(s, x, y) == want_tint(k);
        full += pixel(s, x, y) == want_color(k);
      }
    if (k == 0 ? full < 100 : tint < 40 || full < 20) {
      fprintf(stderr, "swatch %d: %d tint, %d colour pixels\n", k, tint, full);
      ok = 0;
    }
  }
  gr_ctx_free(&g);
done:
  if (TTF_WasInit()) TTF_Quit();
  if (r) SDL_DestroyRenderer(r);
  SDL_FreeSurface(scratch);
  SDL_FreeSurface(s);
  gr_data_free(&d);
  return ok;
}

static void plot_map_fills_dominant_colour_and_pattern(void) {
  const char *out = tmp_path("map0.png");
  const char *args[] = {"plot",   baseline_path(), "--kind", "map", "--tick", "0",
                        "--size", "1000x640",      "--out",  out,   NULL};
  ENSURE(run_cmd(gg_cmd_plot, args) == 0);
  gg_error err;
  gg_scenario *sc = gg_scenario_load(baseline_path(), &err);
  ENSURE(sc != NULL);
  gg_sim *sim = gg_sim_create(sc, gg_scenario_seed(sc));
  int ok = sim && check_map(out, 1000, 640, sim, NULL);
  gg_sim_free(sim);
  gg_scenario_free(sc);
  ENSURE(ok);
}

/* A results folder written here from a live run: alignment.csv and a
   manifest naming the scenario; the map at tick 6 has the run's colours. */
static void plot_results_folder_map(void) {
  gg_error err;
  gg_scenario *sc = gg_scenario_load(baseline_path(), &err);
  ENSURE(sc != NULL);
  gg_sim *sim = gg_sim_create(sc, 7);
  ENSURE(sim != NULL);
  const char *dir = tmp_path("results");
  ENSURE(mkdir(dir, 0777) == 0);
  char path[600];
  snprintf(path, sizeof path, "%s/alignment.csv", dir);
  FILE *f = fopen(path, "w");
  ENSURE(f != NULL);
  fprintf(f, "run,seed,tick,date,state,component,share\n");
  gr_data run;
  ENSURE(gr_data_init(&run, sc) == 0);
  for (int t = 0; t <= 6; t++) {
    if (t > 0) gg_sim_step(sim);
    ENSURE(gr_data_record(&run, sim) == 0);
    char date[32];
    gg_scenario_date(sc, t, date, sizeof date);
    for (int s = 0; s < gg_scenario_states(sc); s++)
      for (int k = 0; k <= gg_scenario_powers(sc); k++)
        fprintf(f, "0,7,%d,%s,%s,%s,%.17g\n", t, date, gg_state_id(sc, s), gg_component_id(sc, k),
                gg_sim_share(sim, s, k));
  }
  fclose(f);
  snprintf(path, sizeof path, "%s/manifest.json", dir);
  f = fopen(path, "w");
  ENSURE(f != NULL);
  fprintf(f, "{\"scenario\": \"x\", \"scenario_path\": \"%s\"}\n", baseline_path());
  fclose(f);
  const char *out = tmp_path("dirmap.png");
  const char *args[] = {"plot", dir, "--kind", "map", "--size", "1000x640", "--out", out, NULL};
  int rc = run_cmd(gg_cmd_plot, args);
  int ok = rc == 0 && check_map(out, 1000, 640, sim, &run);
  gr_data_free(&run);
  const char *ts = tmp_path("dirts.png");
  const char *args2[] = {"plot", dir, "--kind", "timeseries", "--out", ts, NULL};
  int rc2 = run_cmd(gg_cmd_plot, args2);
  gg_sim_free(sim);
  gg_scenario_free(sc);
  ENSURE(ok);
  ENSURE(rc2 == 0 && exists(ts));
}

static void plot_sweep_folder_fan(void) {
  const char *dir = tmp_path("sweep");
  ENSURE(mkdir(dir, 0777) == 0);
  char path[600];
  snprintf(path, sizeof path, "%s/summary.csv", dir);
  FILE *f = fopen(path, "w");
  ENSURE(f != NULL);
  fprintf(f, "sample,metric,n,excluded,mean,sd,q05,q50,q95\n");
  for (int i = 0; i < 8; i++) {
    fprintf(f, "%d,final.KZ.CN,20,0,%g,0.1,%g,%g,%g\n", i, 0.2 + 0.05 * i, 0.1 + 0.04 * i,
            0.2 + 0.05 * i, 0.3 + 0.06 * i);
    fprintf(f, "%d,final.KZ.RU,20,0,0.4,0.1,0.3,0.4,0.5\n", i);
  }
  fclose(f);
  snprintf(path, sizeof path, "%s/design.csv", dir);
  f = fopen(path, "w");
  ENSURE(f != NULL);
  fprintf(f, "sample,powers.CN.budget.investment\n");
  for (int i = 0; i < 8; i++)
    fprintf(f, "%d,%d\n", i, 100 * (7 - i)); /* x falls as the sample rises */
  fclose(f);
  const char *out = tmp_path("fan.png");
  const char *args[] = {"plot",   dir,       "--kind", "fan", "--metric", "final.KZ.CN",
                        "--size", "800x500", "--out",  out,   NULL};
  ENSURE(run_cmd(gg_cmd_plot, args) == 0);
  SDL_Surface *s = load_png(out);
  ENSURE(s != NULL);
  int median = 0;
  for (int y = 0; y < s->h; y++)
    for (int x = 0; x < s->w; x++)
      median += pixel(s, x, y) == 0x1a3f80;
  int w = s->w, h = s->h;
  SDL_FreeSurface(s);
  ENSURE(w == 800 && h == 500);
  ENSURE(median > 200);
}

static void plot_bad_input_writes_nothing(void) {
  const char *out = tmp_path("bad.png");
  const char *a1[] = {"plot", baseline_path(), "--kind", "pie", "--out", out, NULL};
  const char *a2[] = {"plot", baseline_path(), "--kind", "map", "--state",
                      "XX",   "--out",         out,      NULL};
  const char *a3[] = {"plot",  baseline_path(), "--kind", "map", "--tick",
                      "99999", "--out",         out,      NULL};
  const char *a4[] = {"plot",  baseline_path(), "--kind", "map", "--size",
                      "10x10", "--out",         out,      NULL};
  const char *a5[] = {"plot", "/nonexistent/x.json", "--kind", "map", "--out", out, NULL};
  ENSURE(run_cmd(gg_cmd_plot, a1) == 2);
  ENSURE(run_cmd(gg_cmd_plot, a2) == 2);
  ENSURE(run_cmd(gg_cmd_plot, a3) == 2);
  ENSURE(run_cmd(gg_cmd_plot, a4) == 2);
  ENSURE(run_cmd(gg_cmd_plot, a5) == 2);
  ENSURE(!exists(out));
}

/* The viewer's header is dark (0x1f2933) along the top. */
static int check_view_png(const char *png, int w, int h) {
  SDL_Surface *s = load_png(png);
  if (!s) return 0;
  int ok = s->w == w && s->h == h && pixel(s, 2, 2) == 0x1f2933 && distinct_colours(s) >= 12;
  SDL_FreeSurface(s);
  return ok;
}

static void view_scripted_session_offscreen(void) {
  setenv("SDL_VIDEODRIVER", "offscreen", 1);
  const char *out = tmp_path("view.png");
  const char *args[] = {"view",
                        baseline_path(),
                        "--size",
                        "960x540",
                        "--screenshot",
                        out,
                        "--events",
                        "space,wait:5,space,right,tab,2,up,c,down,h,h,S,q",
                        NULL};
  ENSURE(run_cmd(gg_cmd_view, args) == 0);
  ENSURE(check_view_png(out, 960, 540));
}

static void view_headless_screenshot_after_ticks(void) {
  unsetenv("SDL_VIDEODRIVER");
  const char *out = tmp_path("view12.png");
  const char *args[] = {"view", baseline_path(), "--ticks", "12", "--screenshot", out, NULL};
  ENSURE(run_cmd(gg_cmd_view, args) == 0);
  ENSURE(check_view_png(out, 1280, 720));
  const char *bad[] = {"view", baseline_path(), "--events", "space,nosuchkey", "--screenshot", out,
                       NULL};
  ENSURE(run_cmd(gg_cmd_view, bad) == 2);
}

/* F4: a PNG that cannot be written is a failure (exit 1), never a silent
   truncated file. /dev/full is written in place (a device is never renamed
   over) and every write to it fails with ENOSPC. */
static int is_char_device(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISCHR(st.st_mode);
}

static void plot_full_device_fails(void) {
  if (access("/dev/full", W_OK) != 0) {
    fprintf(stderr, "skipped: no writable /dev/full\n");
    return;
  }
  static const char *const kinds[] = {"timeseries", "map", "bars"};
  for (int i = 0; i < 3; i++) {
    const char *args[] = {"plot", baseline_path(), "--kind", kinds[i], "--out", "/dev/full", NULL};
    ENSURE(run_cmd(gg_cmd_plot, args) == 1);
  }
  ENSURE(is_char_device("/dev/full")); /* written in place, not replaced */
}

static void view_screenshot_full_device_fails(void) {
  if (access("/dev/full", W_OK) != 0) {
    fprintf(stderr, "skipped: no writable /dev/full\n");
    return;
  }
  unsetenv("SDL_VIDEODRIVER");
  const char *one[] = {"view",         baseline_path(), "--size", "800x450",
                       "--screenshot", "/dev/full",     NULL};
  ENSURE(run_cmd(gg_cmd_view, one) == 1);
  /* A scripted session: the S key's screenshot fails, the session ends, the
     status is 1. */
  const char *scripted[] = {"view",      baseline_path(), "--size",    "800x450", "--screenshot",
                            "/dev/full", "--events",      "right,S,q", NULL};
  ENSURE(run_cmd(gg_cmd_view, scripted) == 1);
  ENSURE(is_char_device("/dev/full"));
}

/* A PNG whose file cannot be created (no such folder): exit 1, nothing left. */
static void plot_unwritable_path_fails(void) {
  const char *out = tmp_path("no/such/folder/x.png");
  const char *args[] = {"plot", baseline_path(), "--kind", "bars", "--out", out, NULL};
  ENSURE(run_cmd(gg_cmd_plot, args) == 1);
  ENSURE(!exists(out));
}

/* A PNG made outside (the viewer under Xvfb): GG_RENDER_PNG, _W, _H. */
static void external_view_png(void) {
  const char *p = getenv("GG_RENDER_PNG");
  if (!p) return;
  ENSURE(check_view_png(p, atoi(getenv("GG_RENDER_W")), atoi(getenv("GG_RENDER_H"))));
}

/* ---- labels ----------------------------------------------------------- */

/* Labels against each other, their obstacles and their chart box: 1 if none
   overlaps another or an obstacle and none is clipped. */
static int labels_ok(const char *what, const gr_box *lab, int n, const gr_box *ob, int nob,
                     gr_box chart) {
  int ok = n > 0;
  for (int i = 0; i < n; i++) {
    if (!gr_box_inside(lab[i], chart)) {
      fprintf(stderr, "%s: label %d (%.0f,%.0f %.0fx%.0f) leaves the chart\n", what, i, lab[i].x,
              lab[i].y, lab[i].w, lab[i].h);
      ok = 0;
    }
    for (int j = i + 1; j < n; j++)
      if (gr_box_overlap(lab[i], lab[j])) {
        fprintf(stderr, "%s: labels %d and %d overlap\n", what, i, j);
        ok = 0;
      }
    for (int j = 0; j < nob; j++)
      if (gr_box_overlap(lab[i], ob[j])) {
        fprintf(stderr, "%s: label %d covers obstacle %d\n", what, i, j);
        ok = 0;
      }
  }
  return ok;
}

/* One scenario's labels at one size and tick, in the plot's map and
   ternary charts and in the viewer's panels. */
static int check_labels(const char *scenario, int w, int h, int ticks) {
  gg_error err;
  gg_scenario *sc = gg_scenario_load(scenario, &err);
  if (!sc) return 0;
  gg_sim *sim = gg_sim_create(sc, gg_seed_derive(gg_scenario_seed(sc), 0, 0));
  gr_data d;
  int ok = sim && gr_data_init(&d, sc) == 0 && gr_data_record(&d, sim) == 0;
  for (int t = 0; ok && t < ticks; t++) {
    gg_sim_step(sim);
    ok = gr_data_record(&d, sim) == 0;
  }
  SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
  SDL_Renderer *r = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
  gr_ctx g;
  ok = ok && r && TTF_Init() == 0 && gr_ctx_init(&g, r, w, h, &err) == 0;
  if (ok) {
    char what[300];
    gr_box lab[64], ob[GR_MAX_OBST];
    int nob = 0, rec = d.nt - 1;
    gr_view v = {rec, -1, -1, rec, 1};
    /* plot --kind map and --kind ternary */
    gr_box mb, all = {0, 0, (float)w, (float)h};
    float lx, ly;
    gr_plot_map_boxes(w, h, &mb, &lx, &ly);
    gr_map_layout m;
    gr_map_layout_make(&d, gr_map_body(g.scale, mb, 1), g.scale, &m);
    snprintf(what, sizeof what, "%s %dx%d tick %d plot map", scenario, w, h, ticks);
    int n = gr_map_labels(&g, &d, &v, &m, lab, ob, &nob);
    ok = labels_ok(what, lab, n, ob, nob, gr_map_label_bounds(&g, &d, &m)) && ok;
    snprintf(what, sizeof what, "%s %dx%d tick %d plot ternary", scenario, w, h, ticks);
    n = gr_ternary_labels(&g, &d, &v, all, lab, ob, &nob);
    ok = labels_ok(what, lab, n, ob, nob, all) && ok;
    /* the viewer's map and ternary panels */
    gr_viewer *vw = w >= GR_VIEW_MIN_W && h >= GR_VIEW_MIN_H ? calloc(1, sizeof *vw) : NULL;
    if (w < GR_VIEW_MIN_W || h < GR_VIEW_MIN_H) {
      /* the viewer refuses smaller windows */
    } else if (vw) {
      vw->g = g;
      vw->w = w;
      vw->h = h;
      gr_view_layout(vw);
      gr_view vv = {rec, 0, 0, rec, 0};
      gr_map_layout_make(&d, vw->map_box, g.scale, &m);
      snprintf(what, sizeof what, "%s %dx%d tick %d view map", scenario, w, h, ticks);
      n = gr_map_labels(&g, &d, &vv, &m, lab, ob, &nob);
      ok = labels_ok(what, lab, n, ob, nob, gr_map_label_bounds(&g, &d, &m)) && ok;
      ok = labels_ok(what, lab, n, NULL, 0, vw->map_box) && ok;
      snprintf(what, sizeof what, "%s %dx%d tick %d view ternary", scenario, w, h, ticks);
      n = gr_ternary_labels(&g, &d, &vv, vw->tern_box, lab, ob, &nob);
      ok = labels_ok(what, lab, n, ob, nob, vw->tern_box) && ok;
      free(vw);
    } else {
      ok = 0;
    }
    gr_ctx_free(&g);
  }
  if (TTF_WasInit()) TTF_Quit();
  if (r) SDL_DestroyRenderer(r);
  SDL_FreeSurface(surf);
  gr_data_free(&d);
  gg_sim_free(sim);
  gg_scenario_free(sc);
  return ok;
}

/* Every shipped scenario, at the sizes a class meets (a small window, the
   default, a projector's), at the start, mid-way and at the end. */
static void labels_never_overlap_or_clip(void) {
  static const int sizes[][2] = {{640, 400},  {800, 450},   {960, 540},
                                 {1280, 720}, {1920, 1080}, {1024, 768}};
  DIR *dir = opendir(GG_SCENARIO_DIR);
  ENSURE(dir != NULL);
  struct dirent *e;
  int nscen = 0, ok = 1;
  while ((e = readdir(dir)) != NULL) {
    size_t len = strlen(e->d_name);
    if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0 || strstr(e->d_name, "schema"))
      continue;
    char path[600];
    snprintf(path, sizeof path, "%s/%s", GG_SCENARIO_DIR, e->d_name);
    gg_error err;
    gg_scenario *sc = gg_scenario_load(path, &err);
    if (!sc) continue; /* not a scenario */
    int T = gg_scenario_ticks(sc);
    gg_scenario_free(sc);
    nscen++;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
      ok = check_labels(path, sizes[i][0], sizes[i][1], 0) && ok;
      ok = check_labels(path, sizes[i][0], sizes[i][1], T) && ok;
    }
    ok = check_labels(path, 1280, 720, T / 2) && ok;
  }
  closedir(dir);
  ENSURE(nscen >= 2);
  ENSURE(ok);
}

/* The placement itself: ten labels on one anchor all find room. */
static void labels_placed_apart_on_one_point(void) {
  gr_label l[10];
  for (int i = 0; i < 10; i++)
    l[i] = (gr_label){.ax = 200, .ay = 150, .clear = 6, .w = 40, .h = 16};
  gr_box ob = {190, 140, 20, 20}, bounds = {0, 0, 400, 300}, placed[10];
  gr_place_labels(l, 10, &ob, 1, bounds, 8);
  for (int i = 0; i < 10; i++)
    placed[i] = l[i].box;
  ENSURE(labels_ok("ten labels on one point", placed, 10, &ob, 1, bounds));
}

/* ---- the viewer's state ----------------------------------------------- */

/* The baseline's events "at": "2020-02" fire in the step from tick 1 (Feb
   2020) to tick 2: the ticker gives 2020-02, the month of the note's "3 Feb
   2020", not the month after. Random shocks say so; scheduled events do
   not. */
static void view_ticker_month_and_random_shocks(void) {
  gg_error err;
  gg_scenario *sc = gg_scenario_load(baseline_path(), &err);
  ENSURE(sc != NULL);
  gg_sim *sim = gg_sim_create(sc, gg_seed_derive(gg_scenario_seed(sc), 0, 0));
  ENSURE(sim != NULL);
  char lines[16][200];
  unsigned char rnd[16];
  gg_sim_step(sim);
  ENSURE(gr_fired_lines(sim, lines, rnd, 16) == 0); /* nothing scheduled at tick 0 */
  gg_sim_step(sim);
  int n = gr_fired_lines(sim, lines, rnd, 16), feb = 0;
  for (int i = 0; i < n; i++) {
    if (rnd[i]) continue;
    ENSURE(strncmp(lines[i], "2020-02  ", 9) == 0);
    feb += strstr(lines[i], "(3 Feb 2020)") != NULL;
  }
  ENSURE(feb == 1);
  int shocks = 0, scheduled = n;
  while (gg_sim_tick(sim) < gg_scenario_ticks(sc)) {
    int t = gg_sim_tick(sim);
    char date[32], want[40];
    gg_scenario_date(sc, t, date, sizeof date);
    snprintf(want, sizeof want, "%s  ", date);
    gg_sim_step(sim);
    n = gr_fired_lines(sim, lines, rnd, 16);
    for (int i = 0; i < n; i++) {
      ENSURE(strncmp(lines[i], want, strlen(want)) == 0);
      ENSURE((strstr(lines[i], "RANDOM shock in ") != NULL) == (rnd[i] != 0));
      shocks += rnd[i];
      scheduled += !rnd[i];
    }
  }
  ENSURE(shocks >= 1);    /* the baseline's seed gives some (three) */
  ENSURE(scheduled == 6); /* the baseline's six scheduled events */
  gg_sim_free(sim);
  gg_scenario_free(sc);
}

static gr_viewer *test_viewer(const char *scenario) {
  gr_viewer *vw = calloc(1, sizeof *vw);
  gg_error err;
  if (!vw) return NULL;
  vw->sc = gg_scenario_load(scenario, &err);
  vw->seed = vw->sc ? gg_seed_derive(gg_scenario_seed(vw->sc), 0, 0) : 0;
  vw->sim = vw->sc ? gg_sim_create(vw->sc, vw->seed) : NULL;
  if (!vw->sim || gr_view_setup(vw) != 0) return NULL;
  return vw;
}

static void test_viewer_free(gr_viewer *vw) {
  gr_view_teardown(vw);
  gg_sim_free(vw->sim);
  gg_scenario_free(vw->sc);
  free(vw);
}

/* One Up press moves the US investment budget by a tenth of its 16.5 (USD
   million a month), not 5% of a range set by Russia's 479.2; security,
   zero for every power, moves by 0.05 (a hundredth of the largest stock,
   Russia's 7.5 in Tajikistan, to a round number). R keeps the settings,
   Shift+R drops them; the title names what was changed. */
static void view_budget_steps_title_and_reset(void) {
  gr_viewer *vw = test_viewer(baseline_path());
  ENSURE(vw != NULL);
  ENSURE(gg_power_index(vw->sc, "US") == 0 && gg_channel_index(vw->sc, "security") == 1);
  ENSURE_NEAR(gr_budget_step(vw->sim, 0, 0), 1.65, 1e-12);
  ENSURE_NEAR(gr_budget_step(vw->sim, 0, 1), 0.05, 1e-12);
  ENSURE_NEAR(gr_budget_step(vw->sim, 1, 0), 39.77, 1e-9);
  ENSURE_STR(gr_step_word(vw->sc), "month");
  char title[600];
  gr_view_title(vw, title, sizeof title);
  ENSURE_STR(title, "Central Asia 2020 baseline");
  vw->power = 0;
  vw->channel = 0;
  for (int i = 0; i < 5; i++)
    gr_view_budget_key(vw, +1);
  ENSURE_NEAR(gg_sim_budget(vw->sim, 0, 0), 16.5 * 1.5, 1e-9);
  gr_view_title(vw, title, sizeof title);
  ENSURE_STR(title, "Central Asia 2020 baseline \xe2\x80\x94 US investment \xc3\x97"
                    "1.5");
  for (int t = 0; t < 10; t++)
    ENSURE(gr_view_step(vw) == 0);
  ENSURE(gg_sim_tick(vw->sim) == 10);
  gr_view_reset(vw, 0); /* R */
  ENSURE(gg_sim_tick(vw->sim) == 0 && vw->d.nt == 1);
  ENSURE_NEAR(gg_sim_budget(vw->sim, 0, 0), 24.75, 1e-9);
  gr_view_reset(vw, 1); /* Shift+R */
  ENSURE_NEAR(gg_sim_budget(vw->sim, 0, 0), 16.5, 1e-12);
  gr_view_title(vw, title, sizeof title);
  ENSURE_STR(title, "Central Asia 2020 baseline");
  /* Down never goes below zero; back at the scenario's value the title
     drops the change. */
  vw->channel = 1;
  gr_view_budget_key(vw, -1);
  ENSURE(gg_sim_budget(vw->sim, 0, 1) == 0);
  gr_view_budget_key(vw, +1);
  gr_view_title(vw, title, sizeof title);
  ENSURE_STR(title, "Central Asia 2020 baseline \xe2\x80\x94 US security 0.05 (was 0)");
  gr_view_budget_key(vw, -1);
  /* Twenty presses triple US investment and diplomacy exactly: the budgets
     of scenarios/us_pivot.json, whose run the viewer's then matches bit
     for bit. */
  vw->channel = 0;
  for (int i = 0; i < 20; i++)
    gr_view_budget_key(vw, +1);
  vw->channel = 2;
  for (int i = 0; i < 20; i++)
    gr_view_budget_key(vw, +1);
  ENSURE(gg_sim_budget(vw->sim, 0, 0) == 49.5 && gg_sim_budget(vw->sim, 0, 2) == 4.5);
  gr_view_reset(vw, 0);
  while (gg_sim_tick(vw->sim) < gg_scenario_ticks(vw->sc))
    ENSURE(gr_view_step(vw) == 0);
  gg_error err;
  gg_scenario *pivot = gg_scenario_load(GG_SCENARIO_DIR "/us_pivot.json", &err);
  ENSURE(pivot != NULL);
  gg_sim *ps = gg_sim_create(pivot, gg_seed_derive(gg_scenario_seed(pivot), 0, 0));
  ENSURE(ps != NULL);
  gg_sim_run(ps, NULL);
  int same = 1;
  for (int st = 0; st < gg_scenario_states(pivot); st++)
    for (int k = 0; k <= gg_scenario_powers(pivot); k++)
      same &= gg_sim_share(ps, st, k) == gg_sim_share(vw->sim, st, k);
  gg_sim_free(ps);
  gg_scenario_free(pivot);
  ENSURE(same);
  test_viewer_free(vw);
}

/* ---- pictures of the docs --------------------------------------------- */

/* 1 if pixel (x, y) of a has a match within tol in b's 3x3 neighbourhood. */
static int matched(const SDL_Surface *a, const SDL_Surface *b, int x, int y, int tol) {
  uint32_t c = pixel(a, x, y);
  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++) {
      int xx = x + dx, yy = y + dy;
      if (xx >= 0 && yy >= 0 && xx < b->w && yy < b->h && near_rgb(c, pixel(b, xx, yy), tol))
        return 1;
    }
  return 0;
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *buf = NULL;
  if (fseek(f, 0, SEEK_END) == 0) {
    long n = ftell(f);
    if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL)
      *len = fread(buf, 1, (size_t)n, f);
  }
  fclose(f);
  return buf;
}

/* ---- model GG-2: ties beside alignment ---------------------------------- */

static const char *gg2_path(void) {
  return GG_SCENARIO_DIR "/history_2005_gg2.json";
}

/* Ties of state s with every power after `ticks` steps of replicate 0, from
   the library (not from the drawing code); the hedging capacity to *hedge. */
static int gg2_ties_after(int ticks, int s, double *ties, double *hedge) {
  gg_error err;
  gg_scenario *sc = gg_scenario_load(gg2_path(), &err);
  if (!sc) return -1;
  gg_sim *sim = gg_sim_create(sc, gg_seed_derive(gg_scenario_seed(sc), 0, 0));
  int np = gg_scenario_powers(sc);
  for (int t = 0; sim && t < ticks; t++)
    gg_sim_step(sim);
  for (int p = 0; sim && p < np; p++)
    ties[p] = gg_sim_ties(sim, s, p);
  if (sim) *hedge = gg_sim_hedging_capacity(sim, s);
  int ok = sim != NULL && gg_scenario_model(sc) == 2 ? np : -1;
  gg_sim_free(sim);
  gg_scenario_free(sc);
  return ok;
}

/* `plot --kind ties` of a GG-2 scenario: a PNG of the requested size; in the
   lower panel each power's line in its colour, the hedging capacity's
   dashed line, and the lines in the order of the state's mean ties over the
   run as the library gives them (a higher tie is drawn higher). The same
   chart from a results folder (ties.csv) is the same picture. */
static void plot_ties_gg2_chart(void) {
  const int w = 1000, h = 640;
  const char *out = tmp_path("ties.png");
  const char *args[] = {"plot",   gg2_path(), "--kind", "ties", "--state", "KZ",
                        "--size", "1000x640", "--out",  out,    NULL};
  ENSURE(run_cmd(gg_cmd_plot, args) == 0);
  /* The mean tie of Kazakhstan with each power over ticks 1..T. */
  gg_error err;
  gg_scenario *sc = gg_scenario_load(gg2_path(), &err);
  ENSURE(sc != NULL && gg_scenario_powers(sc) == 3);
  gg_sim *sim = gg_sim_create(sc, gg_seed_derive(gg_scenario_seed(sc), 0, 0));
  ENSURE(sim != NULL);
  double mean[3] = {0};
  int T = gg_scenario_ticks(sc);
  for (int t = 1; t <= T; t++) {
    gg_sim_step(sim);
    for (int p = 0; p < 3; p++)
      mean[p] += gg_sim_ties(sim, 0, p) / T;
  }
  gg_sim_free(sim);
  gg_scenario_free(sc);
  SDL_Surface *s = load_png(out);
  ENSURE(s != NULL);
  ENSURE(s->w == w && s->h == h && distinct_colours(s) >= 12);
  /* Lower panel: below 56% of the height, left of the end labels. */
  double ysum[3] = {0};
  long n[3] = {0}, hedge = 0, upper_hedge = 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w * 8 / 10; x++) {
      uint32_t c = pixel(s, x, y);
      if (y < h * 56 / 100) { /* the upper panel (the lower's key line excluded) */
        upper_hedge += y < h / 2 && c == 0x505050;
        continue;
      }
      hedge += c == 0x505050;
      for (int p = 0; p < 3; p++)
        if (c == want_color(p + 1)) {
          ysum[p] += y;
          n[p]++;
        }
    }
  SDL_FreeSurface(s);
  fprintf(stderr, "ties lines: %ld %ld %ld pixels, hedging %ld (upper %ld)\n", n[0], n[1], n[2],
          hedge, upper_hedge);
  ENSURE(n[0] > 300 && n[1] > 300 && n[2] > 300);
  ENSURE(hedge > 300 && upper_hedge < 50);
  for (int p = 0; p < 3; p++)
    for (int q = 0; q < 3; q++)
      if (mean[p] > mean[q] + 0.05) ENSURE(ysum[p] / n[p] < ysum[q] / n[q]);

  /* From a `run --out` folder written here: alignment.csv, ties.csv and a
     manifest naming the scenario. */
  const char *dir = tmp_path("gg2run");
  ENSURE(mkdir(dir, 0777) == 0);
  sc = gg_scenario_load(gg2_path(), &err);
  ENSURE(sc != NULL);
  uint64_t seed = gg_seed_derive(gg_scenario_seed(sc), 0, 0);
  sim = gg_sim_create(sc, seed);
  ENSURE(sim != NULL);
  char pa[600], pt[600];
  snprintf(pa, sizeof pa, "%s/alignment.csv", dir);
  snprintf(pt, sizeof pt, "%s/ties.csv", dir);
  FILE *fa = fopen(pa, "w"), *ft = fopen(pt, "w");
  ENSURE(fa != NULL && ft != NULL);
  fprintf(fa, "run,seed,tick,date,state,component,share\n");
  fprintf(ft, "run,seed,tick,date,state,power,ties,dependence,hedging_capacity\n");
  int ns = gg_scenario_states(sc), np = gg_scenario_powers(sc);
  for (int t = 0; t <= T; t++) {
    if (t > 0) gg_sim_step(sim);
    char date[32];
    gg_scenario_date(sc, t, date, sizeof date);
    for (int st = 0; st < ns; st++) {
      for (int k = 0; k <= np; k++)
        fprintf(fa, "0,%llu,%d,%s,%s,%s,%.17g\n", (unsigned long long)seed, t, date,
                gg_state_id(sc, st), gg_component_id(sc, k), gg_sim_share(sim, st, k));
      for (int p = 0; t > 0 && p < np; p++)
        fprintf(ft, "0,%llu,%d,%s,%s,%s,%.17g,%.17g,%.17g\n", (unsigned long long)seed, t, date,
                gg_state_id(sc, st), gg_power_id(sc, p), gg_sim_ties(sim, st, p),
                gg_sim_dependence(sim, st, p), gg_sim_hedging_capacity(sim, st));
    }
  }
  fclose(fa);
  fclose(ft);
  gg_sim_free(sim);
  gg_scenario_free(sc);
  char pm[600];
  snprintf(pm, sizeof pm, "%s/manifest.json", dir);
  FILE *fm = fopen(pm, "w");
  ENSURE(fm != NULL);
  fprintf(fm, "{\"scenario\": \"x\", \"scenario_path\": \"%s\"}\n", gg2_path());
  fclose(fm);
  const char *out2 = tmp_path("ties_dir.png");
  const char *args2[] = {"plot",   dir,        "--kind", "ties", "--state", "KZ",
                         "--size", "1000x640", "--out",  out2,   NULL};
  ENSURE(run_cmd(gg_cmd_plot, args2) == 0);
  size_t la = 0, lb = 0;
  char *ba = slurp(out, &la), *bb = slurp(out2, &lb);
  int same = ba && bb && la == lb && memcmp(ba, bb, la) == 0;
  free(ba);
  free(bb);
  ENSURE(same);
  /* A ties.csv whose value is not a number is bad input: nothing written. */
  FILE *bad = fopen(pt, "a");
  ENSURE(bad != NULL);
  fprintf(bad, "0,1,3,x,KZ,US,oops,0,0\n");
  fclose(bad);
  const char *out3 = tmp_path("ties_bad.png");
  const char *args3[] = {"plot", dir, "--kind", "ties", "--state", "KZ", "--out", out3, NULL};
  ENSURE(run_cmd(gg_cmd_plot, args3) == 2);
  ENSURE(!exists(out3));
}

/* `plot --kind ties` refuses a GG-1 scenario, a GG-1 results folder and a
   missing --state with status 2, writing nothing; the other kinds still
   draw a GG-2 scenario. */
static void plot_ties_refused_without_gg2(void) {
  const char *out = tmp_path("ties_gg1.png");
  const char *a1[] = {"plot", baseline_path(), "--kind", "ties", "--state",
                      "KZ",   "--out",         out,      NULL};
  const char *a2[] = {"plot", gg2_path(), "--kind", "ties", "--out", out, NULL};
  ENSURE(run_cmd(gg_cmd_plot, a1) == 2);
  ENSURE(run_cmd(gg_cmd_plot, a2) == 2);
  const char *dir = tmp_path("gg1run");
  ENSURE(mkdir(dir, 0777) == 0);
  char path[600];
  snprintf(path, sizeof path, "%s/alignment.csv", dir);
  FILE *f = fopen(path, "w");
  ENSURE(f != NULL);
  fprintf(f, "run,seed,tick,date,state,component,share\n0,1,0,2020-01,KZ,autonomy,0.5\n"
             "0,1,0,2020-01,KZ,US,0.5\n0,1,1,2020-02,KZ,autonomy,0.4\n0,1,1,2020-02,KZ,US,0.6\n");
  fclose(f);
  const char *a3[] = {"plot", dir, "--kind", "ties", "--state", "KZ", "--out", out, NULL};
  ENSURE(run_cmd(gg_cmd_plot, a3) == 2);
  ENSURE(!exists(out));
  static const char *const kinds[] = {"timeseries", "ternary", "map", "bars"};
  for (int i = 0; i < 4; i++) {
    const char *o = tmp_path(kinds[i]);
    const char *args[] = {"plot",    gg2_path(), "--kind", kinds[i], "--size",
                          "800x450", "--out",    o,        NULL};
    ENSURE(run_cmd(gg_cmd_plot, args) == 0 && exists(o));
  }
}

/* Dark grey 0x505050 pixels (the hedging capacity's dashes) in the right
   30% of a PNG, where `plot --kind bars` puts a GG-2 scenario's ties. */
static long hedge_pixels_right(const char *png) {
  SDL_Surface *s = load_png(png);
  if (!s) return -1;
  long n = 0;
  for (int y = 0; y < s->h; y++)
    for (int x = s->w * 7 / 10; x < s->w; x++)
      n += pixel(s, x, y) == 0x505050;
  SDL_FreeSurface(s);
  return n;
}

/* `plot --kind bars` of a GG-2 scenario draws each state's ties and hedging
   capacity beside its shares; of a GG-1 scenario, the shares alone. */
static void plot_bars_gg2_show_ties(void) {
  const char *o2 = tmp_path("bars_gg2.png"), *o1 = tmp_path("bars_gg1.png");
  const char *a2[] = {"plot", gg2_path(), "--kind", "bars", "--size", "800x450", "--out", o2, NULL};
  const char *a1[] = {"plot",    baseline_path(), "--kind", "bars", "--size",
                      "800x450", "--out",         o1,       NULL};
  ENSURE(run_cmd(gg_cmd_plot, a2) == 0 && run_cmd(gg_cmd_plot, a1) == 0);
  long n2 = hedge_pixels_right(o2), n1 = hedge_pixels_right(o1);
  fprintf(stderr, "hedging pixels: GG-2 %ld, GG-1 %ld\n", n2, n1);
  ENSURE(n2 > 200 && n1 >= 0 && n1 < 20);
}

/* A viewer screenshot of the GG-2 scenario after 24 ticks at W x H: the
   state panel of the selected state (Kazakhstan, the first) holds one bar
   per power in its colour and pattern, as long as its tie (from the
   library) on one scale, and the hedging capacity's dashed bar. */
static int check_gg2_view_png(const char *png, int W, int H) {
  double ties[GG_MAX_POWERS], hedge = 0;
  if (!check_view_png(png, W, H) || gg2_ties_after(24, 0, ties, &hedge) != 3) return 0;
  /* Where the viewer puts the panel at this size. */
  gr_viewer *vw = test_viewer(gg2_path());
  if (!vw || !vw->d.has_ties) return 0;
  vw->w = W;
  vw->h = H;
  vw->g.scale = gr_scale_for(W, H);
  gr_view_layout(vw);
  gr_box b = vw->ties_box;
  test_viewer_free(vw);
  SDL_Surface *s = load_png(png);
  if (!s || b.w < 50 || b.h < 50) return 0;
  int x0[3] = {W, W, W}, x1[3] = {-1, -1, -1};
  long dashes = 0;
  for (int y = (int)b.y; y < (int)(b.y + b.h); y++)
    for (int x = (int)b.x; x < (int)(b.x + b.w); x++) {
      uint32_t c = pixel(s, x, y);
      dashes += c == 0x505050;
      for (int p = 0; p < 3; p++)
        if (c == want_color(p + 1) || c == want_tint(p + 1)) {
          x0[p] = x < x0[p] ? x : x0[p];
          x1[p] = x > x1[p] ? x : x1[p];
        }
    }
  SDL_FreeSurface(s);
  int ok = dashes > 20, best = 0;
  /* Bars start together and their lengths are in proportion to the ties. */
  for (int p = 1; p < 3; p++)
    if (ties[p] > ties[best]) best = p;
  double full = x1[best] - x0[best] + 2; /* the outline's pixels at each end */
  for (int p = 0; p < 3; p++) {
    fprintf(stderr, "power %d: tie %.4f, bar %d..%d\n", p, ties[p], x0[p], x1[p]);
    ok = ok && x1[p] >= x0[p] && abs(x0[p] - x0[best]) <= 2 &&
         fabs((x1[p] - x0[p] + 2) - full * ties[p] / ties[best]) <= 3;
  }
  return ok;
}

static void view_gg2_state_panel_shows_ties(void) {
  setenv("SDL_VIDEODRIVER", "offscreen", 1);
  const char *out = tmp_path("view_gg2.png");
  const char *args[] = {"view", gg2_path(), "--ticks", "24", "--screenshot", out, NULL};
  ENSURE(run_cmd(gg_cmd_view, args) == 0);
  ENSURE(check_gg2_view_png(out, 1280, 720));
}

/* The same check of a screenshot taken elsewhere (the viewer under Xvfb):
   GG_RENDER_PNG, GG_RENDER_W, GG_RENDER_H. */
static void external_view_gg2_png(void) {
  const char *p = getenv("GG_RENDER_PNG");
  if (!p) return;
  ENSURE(check_gg2_view_png(p, atoi(getenv("GG_RENDER_W")), atoi(getenv("GG_RENDER_H"))));
}

/* docs/img against pictures just made by scripts/make-docs-images.sh
   (GG_DOCS_IMG, GG_FRESH_IMG): the same files, and each picture the same.
   Identical bytes pass at once. Otherwise the decoded pixels are compared:
   another build of SDL or FreeType may move an edge by a pixel or shade it
   differently, so a pixel passes when a pixel within one step of it in the
   other picture is within 40 of it in each channel; at most 16 pixels may
   fail. A changed word, number, colour or line fails many more. */
static void docs_images_current(void) {
  const char *docs = getenv("GG_DOCS_IMG"), *fresh = getenv("GG_FRESH_IMG");
  if (!docs || !fresh) { /* run by ctest as render_docs_images_current */
    fprintf(stderr, "docs_images_current: skipped (GG_DOCS_IMG and GG_FRESH_IMG not set)\n");
    return;
  }
  DIR *dir = opendir(fresh);
  ENSURE(dir != NULL);
  int nfresh = 0, ok = 1;
  struct dirent *e;
  while ((e = readdir(dir)) != NULL) {
    size_t len = strlen(e->d_name);
    if (len < 5 || strcmp(e->d_name + len - 4, ".png") != 0) continue;
    nfresh++;
    char pa[1200], pb[1200];
    snprintf(pa, sizeof pa, "%s/%s", docs, e->d_name);
    snprintf(pb, sizeof pb, "%s/%s", fresh, e->d_name);
    size_t la = 0, lb = 0;
    char *ba = slurp(pa, &la), *bb = slurp(pb, &lb);
    int same = ba && bb && la == lb && memcmp(ba, bb, la) == 0;
    free(ba);
    free(bb);
    if (same) continue;
    SDL_Surface *a = load_png(pa), *b = load_png(pb);
    if (!a || !b || a->w != b->w || a->h != b->h) {
      fprintf(stderr, "%s: missing, unreadable or another size than the program makes now\n", pa);
      ok = 0;
    } else {
      long bad = 0;
      for (int y = 0; y < a->h; y++)
        for (int x = 0; x < a->w; x++)
          bad += !matched(a, b, x, y, 40) || !matched(b, a, x, y, 40);
      if (bad > 16) {
        fprintf(stderr, "%s: stale (%ld pixels differ from the program's picture %s)\n", pa, bad,
                pb);
        ok = 0;
      }
    }
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
  }
  closedir(dir);
  /* No picture in docs/img that the script does not make. */
  dir = opendir(docs);
  ENSURE(dir != NULL);
  while ((e = readdir(dir)) != NULL) {
    size_t len = strlen(e->d_name);
    if (len < 5 || strcmp(e->d_name + len - 4, ".png") != 0) continue;
    char pb[1200];
    snprintf(pb, sizeof pb, "%s/%s", fresh, e->d_name);
    if (!exists(pb)) {
      fprintf(stderr, "%s/%s: not made by scripts/make-docs-images.sh\n", docs, e->d_name);
      ok = 0;
    }
  }
  closedir(dir);
  ENSURE(nfresh >= 7);
  ENSURE(ok);
}

static const gg_test_case tests[] = {
    {"plot_kinds_give_png_of_requested_size", plot_kinds_give_png_of_requested_size},
    {"plot_map_fills_dominant_colour_and_pattern", plot_map_fills_dominant_colour_and_pattern},
    {"plot_results_folder_map", plot_results_folder_map},
    {"plot_sweep_folder_fan", plot_sweep_folder_fan},
    {"plot_bad_input_writes_nothing", plot_bad_input_writes_nothing},
    {"view_scripted_session_offscreen", view_scripted_session_offscreen},
    {"view_headless_screenshot_after_ticks", view_headless_screenshot_after_ticks},
    {"plot_full_device_fails", plot_full_device_fails},
    {"view_screenshot_full_device_fails", view_screenshot_full_device_fails},
    {"plot_unwritable_path_fails", plot_unwritable_path_fails},
    {"external_view_png", external_view_png},
    {"labels_never_overlap_or_clip", labels_never_overlap_or_clip},
    {"labels_placed_apart_on_one_point", labels_placed_apart_on_one_point},
    {"view_ticker_month_and_random_shocks", view_ticker_month_and_random_shocks},
    {"view_budget_steps_title_and_reset", view_budget_steps_title_and_reset},
    {"docs_images_current", docs_images_current},
    {"plot_ties_gg2_chart", plot_ties_gg2_chart},
    {"plot_ties_refused_without_gg2", plot_ties_refused_without_gg2},
    {"view_gg2_state_panel_shows_ties", view_gg2_state_panel_shows_ties},
    {"plot_bars_gg2_show_ties", plot_bars_gg2_show_ties},
    {"external_view_gg2_png", external_view_gg2_png},
};

GG_TEST_MAIN(tests)
