/* greatgame view: the SDL2 window for classrooms. Keys, mouse, scripted
   input (--events, --script) and headless screenshots (--screenshot with
   SDL's offscreen video driver). Without a display, and without
   --screenshot, it stops with status 2 rather than run unseen. */
#include "cli.h"
#include "viewer.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char gr_view_usage[] =
    "usage: greatgame view [SCENARIO] [options]\n"
    "\n"
    "Show a run in a window: the map, the ternary plot, the selected state's\n"
    "shares over time (and, for a GG-2 scenario, its ties with each power) and\n"
    "the events as they fire. Press H in the window for the keys. With no\n"
    "SCENARIO, the baseline.\n"
    "\n"
    "  --seed N            seed of the run (default: the scenario's)\n"
    "  --set PATH=VALUE    change a parameter before the run\n"
    "  --size WxH          window size (default 1280x720, at least 800x450)\n"
    "  --fullscreen        start in full screen\n"
    "  --ticks N           step N ticks before showing the first frame\n"
    "  --screenshot FILE   save the window as FILE (PNG) and quit; needs no display\n"
    "                      (SDL's offscreen driver unless SDL_VIDEODRIVER is set).\n"
    "                      With --events or --script, S saves to FILE instead\n"
    "  --events LIST       inject input, one item per frame, comma-separated: key\n"
    "                      names (space, right, up, down, tab, plus, minus, r, s,\n"
    "                      c, f, h, q, 1-9), shift+KEY, click:X:Y, wait:N (frames)\n"
    "  --script FILE       the same items, one per line ('#' starts a comment)\n"
    "  --frames N          quit after N frames and print the mean frame time\n"
    "  --help              this text\n"
    "\n"
    "Without a display (no DISPLAY or WAYLAND_DISPLAY) the viewer stops with\n"
    "status 2: use --screenshot FILE for a picture.\n";

static void gr_view_screenshot(gr_viewer *vw) {
  char path[4200];
  if (vw->shot_path) {
    snprintf(path, sizeof path, "%s", vw->shot_path);
  } else {
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    snprintf(path, sizeof path, "greatgame-%04d%02d%02d-%02d%02d%02d-%d.png", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, vw->shot_count);
  }
  gg_error err;
  if (gr_save_png(vw->ren, vw->w, vw->h, path, &err) != 0) {
    gg_cli_error("%s", err.msg);
    vw->shot_failed = 1;
  } else {
    printf("saved %s\n", path);
  }
  vw->shot_count++;
}

static void gr_view_key(gr_viewer *vw, const SDL_Keysym *k) {
  int T = gg_scenario_ticks(vw->sc);
  switch (k->sym) {
  case SDLK_SPACE:
    vw->playing = !vw->playing && gg_sim_tick(vw->sim) < T;
    vw->acc = 0;
    break;
  case SDLK_RIGHT:
    vw->playing = 0;
    gr_view_step(vw);
    break;
  case SDLK_PLUS:
  case SDLK_EQUALS:
  case SDLK_KP_PLUS:
    if (vw->speed + 1 < GR_SPEEDS) vw->speed++;
    break;
  case SDLK_MINUS:
  case SDLK_KP_MINUS:
    if (vw->speed > 0) vw->speed--;
    break;
  case SDLK_r:
    gr_view_reset(vw, (k->mod & KMOD_SHIFT) != 0);
    break;
  case SDLK_TAB:
    if (vw->d.ns > 0)
      vw->state = (k->mod & KMOD_SHIFT) ? (vw->state + vw->d.ns - 1) % vw->d.ns
                                        : (vw->state + 1) % vw->d.ns;
    break;
  case SDLK_UP:
    gr_view_budget_key(vw, +1);
    break;
  case SDLK_DOWN:
    gr_view_budget_key(vw, -1);
    break;
  case SDLK_c:
    if (vw->d.nc > 0) vw->channel = (vw->channel + 1) % vw->d.nc;
    break;
  case SDLK_s:
    vw->shot_pending = 1;
    break;
  case SDLK_f:
    vw->fullscreen = !vw->fullscreen;
    SDL_SetWindowFullscreen(vw->win, vw->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
    break;
  case SDLK_h:
    vw->help = !vw->help;
    break;
  case SDLK_ESCAPE:
    if (vw->help)
      vw->help = 0;
    else
      vw->quit = 1;
    break;
  case SDLK_q:
    vw->quit = 1;
    break;
  default:
    if (k->sym >= SDLK_1 && k->sym <= SDLK_9 && (int)(k->sym - SDLK_1) < vw->d.np)
      vw->power = (int)(k->sym - SDLK_1);
    break;
  }
}

static int gr_in(const SDL_FRect *r, float x, float y) {
  return x >= r->x && x < r->x + r->w && y >= r->y - 4 && y < r->y + r->h + 4;
}

static void gr_view_mouse(gr_viewer *vw, const SDL_Event *e) {
  if (e->type == SDL_MOUSEBUTTONDOWN && e->button.button == SDL_BUTTON_LEFT) {
    float x = (float)e->button.x, y = (float)e->button.y;
    for (int c = 0; vw->power >= 0 && c < vw->d.nc; c++)
      if (gr_in(&vw->track[c], x, y)) {
        vw->drag = c;
        gr_view_slider_set(vw, c, x);
        return;
      }
    gr_box m = vw->map_box;
    if (x >= m.x && x < m.x + m.w && y >= m.y && y < m.y + m.h) {
      int s = gr_map_hit(&vw->d, &vw->map, x, y);
      if (s >= 0) vw->state = s;
      for (int p = 0; p < vw->d.np; p++) { /* a power's marker selects it */
        float px, py;
        gr_map_power_pos(&vw->d, &vw->map, p, &px, &py);
        float r = gr_px(&vw->g, 26);
        if ((x - px) * (x - px) + (y - py) * (y - py) <= r * r) vw->power = p;
      }
    }
  } else if (e->type == SDL_MOUSEBUTTONUP) {
    vw->drag = -1;
  } else if (e->type == SDL_MOUSEMOTION && vw->drag >= 0) {
    gr_view_slider_set(vw, vw->drag, (float)e->motion.x);
  }
}

/* One scripted item into an SDL event pushed on the queue. 0, or 2 with the
   error printed (checked once before the window opens with push = 0). */
static int gr_script_item(gr_viewer *vw, const char *item, int push) {
  SDL_Event e;
  memset(&e, 0, sizeof e);
  long a, b;
  char *end;
  if (strncmp(item, "wait:", 5) == 0) {
    a = strtol(item + 5, &end, 10);
    if (end == item + 5 || *end || a < 0 || a > 1000000) goto bad;
    if (push) vw->wait = (int)a;
    return 0;
  }
  if (strncmp(item, "click:", 6) == 0) {
    a = strtol(item + 6, &end, 10);
    if (end == item + 6 || *end != ':') goto bad;
    const char *p = end + 1;
    b = strtol(p, &end, 10);
    if (end == p || *end || a < 0 || b < 0 || a > 100000 || b > 100000) goto bad;
    if (push) {
      e.type = SDL_MOUSEBUTTONDOWN;
      e.button.button = SDL_BUTTON_LEFT;
      e.button.state = SDL_PRESSED;
      e.button.x = (int)a;
      e.button.y = (int)b;
      SDL_PushEvent(&e);
      e.type = SDL_MOUSEBUTTONUP;
      e.button.state = SDL_RELEASED;
      SDL_PushEvent(&e);
    }
    return 0;
  }
  SDL_Keycode key = SDLK_UNKNOWN;
  Uint16 mod = KMOD_NONE;
  if (strncmp(item, "shift+", 6) == 0 && item[6]) {
    mod = KMOD_LSHIFT;
    item += 6;
  }
  if (strcmp(item, "plus") == 0)
    key = SDLK_PLUS;
  else if (strcmp(item, "minus") == 0)
    key = SDLK_MINUS;
  else if (strcmp(item, "esc") == 0)
    key = SDLK_ESCAPE;
  else
    key = SDL_GetKeyFromName(item);
  if (key == SDLK_UNKNOWN) goto bad;
  if (push) {
    e.type = SDL_KEYDOWN;
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = key;
    e.key.keysym.mod = mod;
    SDL_PushEvent(&e);
  }
  return 0;
bad:
  gg_cli_error("%s: not an input item (key name, shift+KEY, click:X:Y or wait:N)", item);
  return 2;
}

static int gr_script_parse(gr_viewer *vw, char *text, const char *seps) {
  for (char *save = NULL, *tok = strtok_r(text, seps, &save); tok;
       tok = strtok_r(NULL, seps, &save)) {
    while (*tok == ' ' || *tok == '\t')
      tok++;
    char *hash = strchr(tok, '#');
    if (hash) *hash = 0;
    size_t n = strlen(tok);
    while (n && (tok[n - 1] == ' ' || tok[n - 1] == '\t' || tok[n - 1] == '\r'))
      tok[--n] = 0;
    if (!n) continue;
    if (vw->nscript == GR_SCRIPT_MAX) {
      gg_cli_error("%s: more than %d input items", tok, GR_SCRIPT_MAX);
      return 2;
    }
    if (gr_script_item(vw, tok, 0) != 0) return 2;
    vw->script[vw->nscript++] = tok;
  }
  return 0;
}

/* 0, 2 on bad input, or 1 when out of memory (each with the error printed). */
static int gr_script_load(gr_viewer *vw, const char *events, const char *file) {
  if (events) {
    vw->script_buf = strdup(events);
    if (!vw->script_buf) {
      gg_cli_error("--events: out of memory");
      return 1;
    }
    return gr_script_parse(vw, vw->script_buf, ",");
  }
  FILE *f = fopen(file, "rb");
  if (!f) {
    gg_cli_error("%s: %s", file, strerror(errno));
    return 2;
  }
  vw->script_buf = calloc(1, 1 << 16);
  size_t n = vw->script_buf ? fread(vw->script_buf, 1, (1 << 16) - 1, f) : 0;
  fclose(f);
  if (!vw->script_buf) {
    gg_cli_error("%s: out of memory", file);
    return 1;
  }
  vw->script_buf[n] = 0;
  return gr_script_parse(vw, vw->script_buf, "\n");
}

static void gr_view_update_title(gr_viewer *vw);

/* 0, -1 with err filled, or -2 with err filled when there is no display. */
static int gr_view_open(gr_viewer *vw, int headless, gg_error *err) {
  const char *asked = getenv("SDL_VIDEODRIVER"), *x11 = getenv("DISPLAY"),
             *wl = getenv("WAYLAND_DISPLAY");
  if (!headless && !(asked && *asked) && !(x11 && *x11) && !(wl && *wl)) {
    /* Before SDL probes its drivers (which print warnings of their own). A
       console driver such as kmsdrm is used when SDL_VIDEODRIVER names it. */
    snprintf(err->msg, sizeof err->msg,
             "view: no display (DISPLAY and WAYLAND_DISPLAY are not set); use --screenshot FILE "
             "for a picture without a window");
    return -2;
  }
  if (headless && !(asked && *asked)) SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
  if (SDL_Init(SDL_INIT_VIDEO) != 0) {
    snprintf(err->msg, sizeof err->msg,
             "view: no display (%.600s); use --screenshot FILE for a picture without a window",
             SDL_GetError());
    return -2;
  }
  /* SDL falls back to its offscreen or dummy driver when no display works:
     a window nobody sees. Only when asked for (--screenshot, or
     SDL_VIDEODRIVER set by the user). */
  const char *drv = SDL_GetCurrentVideoDriver();
  if (!headless && !(asked && *asked) && drv &&
      (strcmp(drv, "offscreen") == 0 || strcmp(drv, "dummy") == 0)) {
    snprintf(err->msg, sizeof err->msg,
             "view: no display could be opened; use --screenshot FILE for a picture without a "
             "window");
    return -2;
  }
  if (TTF_Init() != 0) {
    snprintf(err->msg, sizeof err->msg, "view: cannot start SDL_ttf: %s", TTF_GetError());
    return -1;
  }
  Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
  if (vw->fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  vw->win = SDL_CreateWindow("greatgame", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, vw->w,
                             vw->h, flags);
  if (!vw->win) {
    snprintf(err->msg, sizeof err->msg, "view: cannot open a window: %s", SDL_GetError());
    return -1;
  }
  SDL_SetWindowMinimumSize(vw->win, GR_VIEW_MIN_W, GR_VIEW_MIN_H);
  gr_view_update_title(vw);
  int soft = headless || (drv && (strcmp(drv, "offscreen") == 0 || strcmp(drv, "dummy") == 0));
  if (!soft)
    vw->ren = SDL_CreateRenderer(vw->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
  if (!vw->ren) vw->ren = SDL_CreateRenderer(vw->win, -1, SDL_RENDERER_SOFTWARE);
  if (!vw->ren) {
    snprintf(err->msg, sizeof err->msg, "view: cannot create a renderer: %s", SDL_GetError());
    return -1;
  }
  SDL_GetRendererOutputSize(vw->ren, &vw->w, &vw->h);
  return gr_ctx_init(&vw->g, vw->ren, vw->w, vw->h, err);
}

/* The window title: "greatgame - SCENARIO - what the class changed". */
static void gr_view_update_title(gr_viewer *vw) {
  char full[sizeof vw->title];
  size_t n = (size_t)snprintf(full, sizeof full, "greatgame \xe2\x80\x94 ");
  gr_view_title(vw, full + n, sizeof full - n);
  if (strcmp(full, vw->title) != 0) {
    memcpy(vw->title, full, sizeof full);
    if (vw->win) SDL_SetWindowTitle(vw->win, vw->title);
  }
}

static void gr_view_close(gr_viewer *vw) {
  if (vw->g.r) gr_ctx_free(&vw->g);
  if (vw->ren) SDL_DestroyRenderer(vw->ren);
  if (vw->win) SDL_DestroyWindow(vw->win);
  if (TTF_WasInit()) TTF_Quit();
  SDL_Quit();
}

/* The main loop. 0, or 1 on a runtime failure (a screenshot that could not be
   saved included: the session goes on, the exit status is 1). */
static int gr_view_loop(gr_viewer *vw, int headless, long max_frames) {
  Uint64 freq = SDL_GetPerformanceFrequency(), last = SDL_GetPerformanceCounter();
  double busy = 0;
  long frames = 0;
  int scripted = vw->nscript > 0;
  while (!vw->quit) {
    Uint64 start = SDL_GetPerformanceCounter();
    if (scripted && vw->wait > 0) {
      vw->wait--;
    } else if (vw->iscript < vw->nscript) {
      gr_script_item(vw, vw->script[vw->iscript++], 1);
    } else if (scripted && headless && max_frames == 0) {
      vw->quit = 1; /* a headless script ends the session */
    }
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
      if (e.type == SDL_QUIT)
        vw->quit = 1;
      else if (e.type == SDL_KEYDOWN)
        gr_view_key(vw, &e.key.keysym);
      else if (e.type == SDL_MOUSEBUTTONDOWN || e.type == SDL_MOUSEBUTTONUP ||
               e.type == SDL_MOUSEMOTION)
        gr_view_mouse(vw, &e);
    }
    int w, h;
    SDL_GetRendererOutputSize(vw->ren, &w, &h);
    if (w != vw->w || h != vw->h) {
      gg_error err;
      vw->w = w;
      vw->h = h;
      if (gr_ctx_resize(&vw->g, w, h, &err) != 0) {
        gg_cli_error("%s", err.msg);
        return 1;
      }
    }
    Uint64 now = SDL_GetPerformanceCounter();
    double dt = (double)(now - last) / (double)freq;
    last = now;
    if (vw->playing) {
      /* Scripted and headless sessions advance one tick per frame. */
      vw->acc += scripted || headless ? 1.0 : dt * gr_speeds[vw->speed];
      if (vw->acc > 60) vw->acc = 60;
      while (vw->acc >= 1) {
        vw->acc -= 1;
        if (gg_sim_tick(vw->sim) >= gg_scenario_ticks(vw->sc)) {
          vw->playing = 0;
          break;
        }
        if (gr_view_step(vw) != 0) {
          gg_cli_error("view: out of memory");
          return 1;
        }
      }
    }
    gr_view_update_title(vw);
    gr_view_layout(vw);
    gr_view_draw(vw);
    if (vw->shot_pending) {
      gr_view_screenshot(vw);
      vw->shot_pending = 0;
    }
    SDL_RenderPresent(vw->ren);
    gr_ctx_frame_end(&vw->g);
    busy += (double)(SDL_GetPerformanceCounter() - start) / (double)freq;
    frames++;
    if (max_frames > 0 && frames >= max_frames) vw->quit = 1;
    if (!headless && !scripted) {
      double left = 1.0 / 60 - (double)(SDL_GetPerformanceCounter() - start) / (double)freq;
      if (left > 0.001) SDL_Delay((Uint32)(left * 1000));
    }
  }
  if (max_frames > 0)
    printf("frames: %ld, mean draw time %.2f ms (%.0f frames/s possible)\n", frames,
           1000 * busy / (double)frames, (double)frames / busy);
  return vw->shot_failed ? 1 : 0;
}

int gg_cmd_view(int argc, char **argv) {
  const char *src = NULL, *seed_s = NULL, *events = NULL, *script = NULL, *ticks_s = NULL;
  const char *frames_s = NULL, *sets[256];
  int nsets = 0;
  gr_viewer *vw = calloc(1, sizeof *vw);
  if (!vw) {
    gg_cli_error("view: out of memory");
    return 1;
  }
  vw->w = 1280;
  vw->h = 720;
  vw->drag = -1;
  vw->speed = 3;
  int rc = 2;
  for (int i = 1; i < argc; i++) {
    int bad = 0;
    const char *val;
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(gr_view_usage, stdout);
      rc = 0;
      goto out;
    }
    if (strcmp(argv[i], "--fullscreen") == 0) {
      vw->fullscreen = 1;
      continue;
    }
#define GR_OPT(name, var)                                                                          \
  if ((val = gg_cli_opt(argc, argv, &i, name, &bad)) != NULL || bad) {                             \
    if (bad) goto out;                                                                             \
    var = val;                                                                                     \
    continue;                                                                                      \
  }
    GR_OPT("--seed", seed_s)
    GR_OPT("--events", events)
    GR_OPT("--script", script)
    GR_OPT("--ticks", ticks_s)
    GR_OPT("--frames", frames_s)
    GR_OPT("--screenshot", vw->shot_path)
#undef GR_OPT
    if ((val = gg_cli_opt(argc, argv, &i, "--size", &bad)) != NULL || bad) {
      if (bad || gr_parse_size("--size", val, &vw->w, &vw->h) != 0) goto out;
      if (vw->w < GR_VIEW_MIN_W || vw->h < GR_VIEW_MIN_H) {
        gg_cli_error("--size: the viewer needs at least %dx%d to stay readable, got '%s'",
                     GR_VIEW_MIN_W, GR_VIEW_MIN_H, val);
        goto out;
      }
      continue;
    }
    if ((val = gg_cli_opt(argc, argv, &i, "--set", &bad)) != NULL || bad) {
      if (bad) goto out;
      if (nsets == 256) {
        gg_cli_error("--set: at most 256");
        goto out;
      }
      sets[nsets++] = val;
      continue;
    }
    if (argv[i][0] == '-' && argv[i][1]) {
      gg_cli_unknown_option_usage(argv[i], "view", gr_view_usage);
      goto out;
    }
    if (src) {
      gg_cli_error("%s: only one SCENARIO", argv[i]);
      goto out;
    }
    src = argv[i];
  }
  long nticks = 0, max_frames = 0;
  if (events && script) {
    gg_cli_error("--script: give --events or --script, not both");
    goto out;
  }
  if (events || script) {
    int st = gr_script_load(vw, events, script);
    if (st != 0) {
      rc = st;
      goto out;
    }
  }
  if (frames_s && gg_cli_int("--frames", frames_s, 1, 100000000L, &max_frames) != 0) goto out;
  vw->sc = gg_cli_load(src);
  if (!vw->sc) goto out;
  for (int i = 0; i < nsets; i++)
    if (gg_cli_apply_set(vw->sc, sets[i]) != 0) goto out;
  if (ticks_s && gg_cli_int("--ticks", ticks_s, 0, gg_scenario_ticks(vw->sc), &nticks) != 0)
    goto out;
  vw->seed = gg_scenario_seed(vw->sc);
  if (seed_s && gg_cli_u64("--seed", seed_s, &vw->seed) != 0) goto out;
  vw->seed = gg_seed_derive(vw->seed, 0, 0); /* the stream of `run` replicate 0 */

  rc = 1;
  vw->sim = gg_sim_create(vw->sc, vw->seed);
  vw->sets = sets;
  vw->nsets = nsets;
  vw->seed_text = seed_s;
  if (!vw->sim || gr_view_setup(vw) != 0) {
    gg_cli_error("view: out of memory");
    goto out;
  }
  for (long t = 0; t < nticks; t++)
    if (gr_view_step(vw) != 0) {
      gg_cli_error("view: out of memory");
      goto out;
    }
  int headless = vw->shot_path != NULL;
  gg_error err = {{0}};
  int op = gr_view_open(vw, headless, &err);
  if (op != 0) {
    gg_cli_error("%s", err.msg);
    if (op == -2) rc = 2;
    goto close;
  }
  if (headless && vw->nscript == 0 && max_frames == 0) {
    /* One frame, saved. */
    gr_view_layout(vw);
    gr_view_draw(vw);
    if (gr_save_png(vw->ren, vw->w, vw->h, vw->shot_path, &err) != 0) {
      gg_cli_error("%s", err.msg);
      goto close;
    }
    rc = 0;
    goto close;
  }
  rc = gr_view_loop(vw, headless, max_frames);
close:
  gr_view_close(vw);
out:
  if (vw->sim) gg_sim_free(vw->sim);
  gr_view_teardown(vw);
  if (vw->sc) gg_scenario_free(vw->sc);
  free(vw->script_buf);
  free(vw);
  return rc;
}
