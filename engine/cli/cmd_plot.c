/* greatgame plot: the viewer's drawings as PNG files, headless (SDL's
   software renderer on an offscreen surface; no display needed). */
#include "cli.h"
#include "render.h"

#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char gr_plot_usage[] =
    "usage: greatgame plot [RESULT_DIR|SCENARIO] --kind KIND --out FILE.png [options]\n"
    "\n"
    "Draw a chart of a run as a PNG file, without a display. From a scenario\n"
    "file (or the baseline when none is given) the run is made first; from a\n"
    "`run --out` folder its alignment.csv, stocks.csv and (GG-2) ties.csv are\n"
    "read, and the scenario named in its manifest gives the outlines and\n"
    "colours. From a `sweep --out` folder (summary.csv) the chart is a fan\n"
    "chart of a metric.\n"
    "\n"
    "  --kind KIND        timeseries, ternary, map, bars, ties (GG-2 runs only),\n"
    "                     or fan (a sweep folder)\n"
    "  --out FILE.png     the file to write\n"
    "  --state ID         the state of a time series (default: the first); required\n"
    "                     by ties: a state's alignment and its ties with each power\n"
    "  --power ID         the power whose arrows a map shows (default: every power)\n"
    "  --tick T           tick number or date shown (default: the last)\n"
    "  --size WxH         image size in pixels (default 1280x720)\n"
    "  --metric M         sweep metric of a fan chart (default: the first)\n"
    "  --run N            run of a results folder (default: the first)\n"
    "  --scenario FILE    scenario of a results folder (default: from manifest.json)\n"
    "  --seed N           seed of a run made from a scenario\n"
    "  --set PATH=VALUE   change a parameter of a scenario before its run\n"
    "  --help             this text\n";

typedef enum { GR_K_TIMESERIES, GR_K_TERNARY, GR_K_MAP, GR_K_BARS, GR_K_FAN, GR_K_TIES } gr_kind;

static int gr_parse_kind(const char *s, gr_kind *k) {
  static const char *const names[] = {"timeseries", "ternary", "map", "bars", "fan", "ties"};
  for (int i = 0; i < 6; i++)
    if (strcmp(s, names[i]) == 0) {
      *k = (gr_kind)i;
      return 0;
    }
  gg_cli_error("--kind: expected timeseries, ternary, map, bars, ties or fan, got '%s'", s);
  return 2;
}

typedef struct gr_record_ctx {
  gr_data *d;
} gr_record_ctx;

static int gr_record_sink(void *ctx, const gg_sim *sim) {
  return gr_data_record(((gr_record_ctx *)ctx)->d, sim) == 0 ? 0 : 1;
}

void gr_plot_map_boxes(int w, int h, gr_box *map, float *legend_x, float *legend_y) {
  double scale = gr_scale_for(w, h);
  float legh = (float)(44 * scale);
  *map = (gr_box){0, 0, (float)w, (float)h - legh};
  *legend_x = (float)(12 * scale);
  *legend_y = (float)h - legh + (float)(8 * scale);
}

/* A fan chart puts the sweep's one input on its x axis: a design.csv with
   more than one input (parameters and factors) would draw a zigzag through
   samples that differ in the others, so it is refused. 0, or 2 with the
   error printed. A folder without design.csv is left to the loader. */
static int plot_fan_inputs(const char *src) {
  char path[4200], line[8192];
  snprintf(path, sizeof path, "%s/design.csv", src);
  FILE *f = fopen(path, "r");
  if (!f) return 0;
  int ok = fgets(line, sizeof line, f) != NULL;
  fclose(f);
  if (!ok) return 0;
  line[strcspn(line, "\r\n")] = '\0';
  int inputs = 0;
  for (const char *c = line; *c; c++)
    inputs += *c == ',';
  if (inputs <= 1) return 0;
  const char *names = strchr(line, ',') + 1;
  gg_cli_error("--kind fan: %s varies %d inputs (%s); a fan chart needs a sweep of one parameter "
               "or factor (plot runs.csv against design.csv for more)",
               src, inputs, names);
  return 2;
}

/* Draw one chart on a w x h surface and save it. 0, or 1 with the error
   printed. */
static int gr_render_png(const gr_data *d, const gr_sweep *sw, gr_kind kind, const gr_view *v,
                         int w, int h, const char *out) {
  gg_error err = {{0}};
  int rc = 1;
  if (TTF_Init() != 0) {
    gg_cli_error("%s: cannot start SDL_ttf: %s", out, TTF_GetError());
    return 1;
  }
  SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
  SDL_Renderer *r = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
  gr_ctx g;
  if (!r) {
    gg_cli_error("%s: cannot create a %dx%d image: %s", out, w, h, SDL_GetError());
    goto done;
  }
  if (gr_ctx_init(&g, r, w, h, &err) != 0) {
    gg_cli_error("%s", err.msg);
    goto done;
  }
  gr_fill_rect(&g, 0, 0, (float)w, (float)h, GR_PAPER, 255);
  gr_box all = {0, 0, (float)w, (float)h};
  if (kind == GR_K_FAN) {
    gr_draw_fan(&g, sw, all);
  } else if (kind == GR_K_MAP) {
    gr_box mb;
    float lx, ly;
    gr_plot_map_boxes(w, h, &mb, &lx, &ly);
    gr_draw_map(&g, d, v, mb, NULL);
    gr_draw_legend(&g, d, lx, ly, (float)w - 2 * lx, NULL, NULL);
  } else if (kind == GR_K_TERNARY) {
    gr_draw_ternary(&g, d, v, all);
    gr_text(&g, GR_NORMAL, gr_px(&g, 12), gr_px(&g, 12), GR_LEFT | GR_TOP, GR_INK, d->title);
  } else if (kind == GR_K_BARS) {
    gr_draw_bars(&g, d, v, all);
  } else if (kind == GR_K_TIES) {
    gr_draw_ties(&g, d, v, all);
  } else {
    gr_draw_timeseries(&g, d, v, all);
  }
  SDL_RenderPresent(r);
  if (gr_save_png(r, w, h, out, &err) != 0)
    gg_cli_error("%s", err.msg);
  else
    rc = 0;
  gr_ctx_free(&g);
done:
  if (r) SDL_DestroyRenderer(r);
  if (surf) SDL_FreeSurface(surf);
  TTF_Quit();
  return rc;
}

int gg_cmd_plot(int argc, char **argv) {
  const char *src = NULL, *kind_s = NULL, *out = NULL, *state_s = NULL, *tick_s = NULL;
  const char *metric = NULL, *scen = NULL, *run_s = NULL, *seed_s = NULL, *power_s = NULL;
  const char *sets[256];
  int nsets = 0, w = 1280, h = 720;
  for (int i = 1; i < argc; i++) {
    int bad = 0;
    const char *val;
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(gr_plot_usage, stdout);
      return 0;
    }
#define GR_OPT(name, var)                                                                          \
  if ((val = gg_cli_opt(argc, argv, &i, name, &bad)) != NULL || bad) {                             \
    if (bad) return 2;                                                                             \
    var = val;                                                                                     \
    continue;                                                                                      \
  }
    GR_OPT("--kind", kind_s)
    GR_OPT("--out", out)
    GR_OPT("--state", state_s)
    GR_OPT("--power", power_s)
    GR_OPT("--tick", tick_s)
    GR_OPT("--metric", metric)
    GR_OPT("--scenario", scen)
    GR_OPT("--run", run_s)
    GR_OPT("--seed", seed_s)
#undef GR_OPT
    if ((val = gg_cli_opt(argc, argv, &i, "--size", &bad)) != NULL || bad) {
      if (bad || gr_parse_size("--size", val, &w, &h) != 0) return 2;
      continue;
    }
    if ((val = gg_cli_opt(argc, argv, &i, "--set", &bad)) != NULL || bad) {
      if (bad) return 2;
      if (nsets == 256) {
        gg_cli_error("--set: at most 256");
        return 2;
      }
      sets[nsets++] = val;
      continue;
    }
    if (argv[i][0] == '-' && argv[i][1]) {
      gg_cli_unknown_option_usage(argv[i], "plot", gr_plot_usage);
      return 2;
    }
    if (src) {
      gg_cli_error("%s: only one RESULT_DIR or SCENARIO", argv[i]);
      return 2;
    }
    src = argv[i];
  }
  gr_kind kind;
  if (!kind_s) {
    gg_cli_error("--kind: required (timeseries, ternary, map, bars, ties or fan)");
    return 2;
  }
  if (gr_parse_kind(kind_s, &kind) != 0) return 2;
  if (!out) {
    gg_cli_error("--out: required");
    return 2;
  }
  if (kind == GR_K_TIES && !state_s) {
    gg_cli_error("--state: required with --kind ties (the state whose ties are shown)");
    return 2;
  }
  long run = -1;
  if (run_s && gg_cli_int("--run", run_s, 0, 2147483647L, &run) != 0) return 2;
  uint64_t seed = 0;
  if (seed_s && gg_cli_u64("--seed", seed_s, &seed) != 0) return 2;

  struct stat st;
  int is_dir = src && stat(src, &st) == 0 && S_ISDIR(st.st_mode);
  gg_error err = {{0}};
  gr_data d;
  memset(&d, 0, sizeof d);
  gr_sweep sw;
  memset(&sw, 0, sizeof sw);
  gg_scenario *sc = NULL;
  int rc = 2;

  if (is_dir) {
    char probe[4200];
    snprintf(probe, sizeof probe, "%s/alignment.csv", src);
    int has_run = stat(probe, &st) == 0;
    snprintf(probe, sizeof probe, "%s/summary.csv", src);
    int has_sweep = stat(probe, &st) == 0;
    if (seed_s || nsets) {
      gg_cli_error("%s: --seed and --set apply to a scenario, not to a results folder", src);
      return 2;
    }
    if (kind == GR_K_FAN || (!has_run && has_sweep)) {
      if (!has_sweep) {
        gg_cli_error("%s: no summary.csv (a fan chart needs a sweep folder)", src);
        return 2;
      }
      if (kind != GR_K_FAN && kind != GR_K_TIMESERIES) {
        gg_cli_error("--kind: a sweep folder gives a fan chart (timeseries or fan), not %s",
                     kind_s);
        return 2;
      }
      if (plot_fan_inputs(src) != 0) return 2;
      int ld = gr_sweep_load(&sw, src, metric, &err);
      if (ld != 0) {
        gg_cli_error("%s", err.msg);
        return ld == -2 ? 1 : 2; /* out of memory is not bad input */
      }
      rc = gr_render_png(NULL, &sw, GR_K_FAN, NULL, w, h, out);
      gr_sweep_free(&sw);
      return rc;
    }
    if (!has_run) {
      gg_cli_error("%s: neither alignment.csv (run) nor summary.csv (sweep)", src);
      return 2;
    }
    int ld = gr_data_load_dir(&d, src, scen, run, &sc, &err);
    if (ld != 0) {
      gg_cli_error("%s", err.msg);
      return ld == -2 ? 1 : 2;
    }
    if (kind == GR_K_TIES && !d.has_ties) {
      if (d.model == 2)
        gg_cli_error("%s: no ties.csv (--kind ties reads the ties a GG-2 run wrote there)", src);
      else
        gg_cli_error("--kind ties: ties exist only in GG-2 (format 2) scenarios; %s holds a "
                     "GG-1 run (no ties.csv)",
                     src);
      goto done;
    }
    if (kind == GR_K_MAP && !sc) {
      gg_cli_error("%s: a map needs the scenario's outlines; manifest.json names none that "
                   "loads (use --scenario FILE)",
                   src);
      goto done;
    }
  } else {
    if (kind == GR_K_FAN) {
      gg_cli_error("--kind fan: needs a sweep folder");
      return 2;
    }
    if (scen || run_s) {
      gg_cli_error("%s: --scenario and --run apply to a results folder",
                   scen ? "--scenario" : "--run");
      return 2;
    }
    sc = gg_cli_load(src);
    if (!sc) return 2;
    if (kind == GR_K_TIES && gg_scenario_model(sc) != 2) {
      gg_cli_error("--kind ties: ties exist only in GG-2 (format 2) scenarios; %s is GG-1",
                   src ? src : "the baseline");
      goto done;
    }
    for (int i = 0; i < nsets; i++)
      if (gg_cli_apply_set(sc, sets[i]) != 0) goto done;
    if (gr_data_init(&d, sc) != 0) {
      gg_cli_error("%s: out of memory", src ? src : "(baseline)");
      rc = 1;
      goto done;
    }
    gg_sim *sim = gg_sim_create(sc, gg_seed_derive(seed_s ? seed : gg_scenario_seed(sc), 0, 0));
    gr_record_ctx rctx = {&d};
    gg_sink sink = {gr_record_sink, &rctx};
    if (!sim || gr_data_reserve(&d, gg_scenario_ticks(sc) + 1) != 0 ||
        gg_sim_run(sim, &sink) != 0) {
      gg_cli_error("%s: out of memory", src ? src : "(baseline)");
      gg_sim_free(sim);
      rc = 1;
      goto done;
    }
    gg_sim_free(sim);
  }

  gr_view v = {d.nt - 1, 0, -1, d.nt - 1, 1};
  if (state_s) {
    v.state = -1;
    for (int s = 0; s < d.ns; s++)
      if (strcmp(d.sid[s], state_s) == 0) v.state = s;
    if (v.state < 0) {
      gg_cli_error("--state: no state '%s'", state_s);
      goto done;
    }
  } else if (kind != GR_K_TIMESERIES) {
    v.state = -1;
  }
  if (power_s) {
    v.power = -1;
    for (int p = 0; p < d.np; p++)
      if (strcmp(d.pid[p], power_s) == 0) v.power = p;
    if (v.power < 0) {
      gg_cli_error("--power: no power '%s'", power_s);
      goto done;
    }
  }
  if (tick_s) {
    long t = -1;
    int dt;
    gg_error terr;
    if (sc) { /* the reading every command shares */
      if (gg_scenario_parse_time(sc, tick_s, &dt, &terr) == 0) t = dt;
    } else {
      char *end;
      t = strtol(tick_s, &end, 10);
      if (end == tick_s || *end) t = -1;
    }
    if (t < 0 || t > d.tick[d.nt - 1]) {
      gg_cli_error("--tick: expected a tick 0..%d or a date in the run, got '%s'", d.tick[d.nt - 1],
                   tick_s);
      goto done;
    }
    v.rec = gr_data_find(&d, (int)t);
  }
  v.upto = kind == GR_K_TIMESERIES || kind == GR_K_TIES ? d.nt - 1 : v.rec;
  rc = gr_render_png(&d, NULL, kind, &v, w, h, out);
done:
  gr_data_free(&d);
  gg_scenario_free(sc);
  return rc;
}
