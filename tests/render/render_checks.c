/* Checks of `greatgame plot` and `greatgame view` (built only with the
   render module): every chart kind gives a PNG of the requested size that
   is not blank, a state's anchor on the map has the colour its shares mix
   to (computed here from the simulation, not by the drawing code), legend
   swatches have the powers' colours, bad input writes nothing, and the
   viewer runs a scripted session headless. */
#include "harness.h"
#include "render.h"

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

/* The colour a state's shares mix to, by hand: the mean of the powers'
   colours and autonomy grey 0x9a9a9a weighted by the shares. */
static uint32_t expected_mix(const gg_sim *sim, int s) {
  const gg_scenario *sc = gg_sim_scenario(sim);
  double acc[3] = {0, 0, 0};
  for (int k = 0; k <= gg_scenario_powers(sc); k++) {
    uint32_t c = k == 0 ? 0x9a9a9a : gg_power_color(sc, k - 1);
    double w = gg_sim_share(sim, s, k);
    acc[0] += w * ((c >> 16) & 255);
    acc[1] += w * ((c >> 8) & 255);
    acc[2] += w * (c & 255);
  }
  return ((uint32_t)lround(acc[0]) << 16) | ((uint32_t)lround(acc[1]) << 8) |
         (uint32_t)lround(acc[2]);
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

/* Anchors and swatches of a map drawn by `plot` against the run. */
static int check_map(const char *png, int w, int h, const gg_sim *sim) {
  const gg_scenario *sc = gg_sim_scenario(sim);
  gr_data d;
  if (gr_data_init(&d, sc) != 0 || gr_data_record(&d, sim) != 0) return 0;
  gr_box box;
  float lx, ly;
  gr_plot_map_boxes(w, h, &box, &lx, &ly);
  gr_map_layout m;
  gr_map_layout_make(&d, gr_map_body(gr_scale_for(w, h), box, 1), &m);
  SDL_Surface *s = load_png(png);
  int ok = s && s->w == w && s->h == h && m.has_outlines;
  for (int st = 0; ok && st < d.ns; st++) {
    float x, y;
    gr_map_anchor(&d, &m, st, &x, &y);
    uint32_t got = pixel(s, (int)x, (int)y), want = expected_mix(sim, st);
    if (!near_rgb(got, want, 3)) {
      fprintf(stderr, "state %s at %.0f,%.0f: %06x, expected %06x\n", d.sid[st], x, y, got, want);
      ok = 0;
    }
  }
  /* Legend swatches: where the legend puts them on a scratch canvas. */
  float cx[GG_MAX_POWERS + 1], cy[GG_MAX_POWERS + 1];
  SDL_Surface *scratch = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
  SDL_Renderer *r = scratch ? SDL_CreateSoftwareRenderer(scratch) : NULL;
  gr_ctx g;
  gg_error err;
  if (ok && r && TTF_Init() == 0 && gr_ctx_init(&g, r, w, h, &err) == 0) {
    gr_draw_legend(&g, &d, lx, ly, (float)w - 2 * lx, cx, cy);
    gr_ctx_free(&g);
    TTF_Quit();
    for (int k = 0; ok && k <= d.np; k++) {
      uint32_t want = k == 0 ? 0x9a9a9a : gg_power_color(sc, k - 1);
      uint32_t got = pixel(s, (int)cx[k], (int)cy[k]);
      if (got != want) {
        fprintf(stderr, "swatch %d: %06x, expected %06x\n", k, got, want);
        ok = 0;
      }
    }
  } else {
    ok = 0;
  }
  if (r) SDL_DestroyRenderer(r);
  SDL_FreeSurface(scratch);
  SDL_FreeSurface(s);
  gr_data_free(&d);
  return ok;
}

static void plot_map_anchor_has_mixed_colour(void) {
  const char *out = tmp_path("map0.png");
  const char *args[] = {"plot",   baseline_path(), "--kind", "map", "--tick", "0",
                        "--size", "1000x640",      "--out",  out,   NULL};
  ENSURE(run_cmd(gg_cmd_plot, args) == 0);
  gg_error err;
  gg_scenario *sc = gg_scenario_load(baseline_path(), &err);
  ENSURE(sc != NULL);
  gg_sim *sim = gg_sim_create(sc, gg_scenario_seed(sc));
  int ok = sim && check_map(out, 1000, 640, sim);
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
  for (int t = 0; t <= 6; t++) {
    if (t > 0) gg_sim_step(sim);
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
  int ok = rc == 0 && check_map(out, 1000, 640, sim);
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
  const char *one[] = {"view",         baseline_path(), "--size", "320x200",
                       "--screenshot", "/dev/full",     NULL};
  ENSURE(run_cmd(gg_cmd_view, one) == 1);
  /* A scripted session: the S key's screenshot fails, the session ends, the
     status is 1. */
  const char *scripted[] = {"view",      baseline_path(), "--size",    "320x200", "--screenshot",
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

static const gg_test_case tests[] = {
    {"plot_kinds_give_png_of_requested_size", plot_kinds_give_png_of_requested_size},
    {"plot_map_anchor_has_mixed_colour", plot_map_anchor_has_mixed_colour},
    {"plot_results_folder_map", plot_results_folder_map},
    {"plot_sweep_folder_fan", plot_sweep_folder_fan},
    {"plot_bad_input_writes_nothing", plot_bad_input_writes_nothing},
    {"view_scripted_session_offscreen", view_scripted_session_offscreen},
    {"view_headless_screenshot_after_ticks", view_headless_screenshot_after_ticks},
    {"plot_full_device_fails", plot_full_device_fails},
    {"view_screenshot_full_device_fails", view_screenshot_full_device_fails},
    {"plot_unwritable_path_fails", plot_unwritable_path_fails},
    {"external_view_png", external_view_png},
};

GG_TEST_MAIN(tests)
