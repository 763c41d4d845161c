/* gg_web: the library calls the web edition's page makes, compiled to
   WebAssembly with the core. The page never computes the model: it loads a
   scenario, applies the class's settings (each read as `--set` reads it),
   runs from the seed and asks for the explanation and the saved scenario
   through these functions, which answer in JSON text.

   Every function returns a NUL-terminated string owned by this module and
   valid until the next call. Answers are objects with "ok": true, or
   {"ok": false, "error": "one line"}. Numbers are written as the shortest text
   that reads back as the same double (gg_fmt_shortest, as the program's
   files), so the page reads back the exact doubles the engine computed. */

#include <cjson/cJSON.h>

#include <emscripten/emscripten.h>
#include <errno.h>
#include <greatgame/greatgame.h>
#include <greatgame/numfmt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a growing text buffer ---------------------------------------------- */

typedef struct wb {
  char *p;
  size_t n, cap;
  int failed;
} wb;

static void wb_reserve(wb *b, size_t more) {
  if (b->failed || b->n + more + 1 <= b->cap) return;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < b->n + more + 1)
    cap *= 2;
  char *q = realloc(b->p, cap);
  if (!q) {
    b->failed = 1;
    return;
  }
  b->p = q;
  b->cap = cap;
}

static void wb_put(wb *b, const char *s, size_t len) {
  wb_reserve(b, len);
  if (b->failed) return;
  memcpy(b->p + b->n, s, len);
  b->n += len;
  b->p[b->n] = '\0';
}

static void wb_puts(wb *b, const char *s) {
  wb_put(b, s, strlen(s));
}

static void wb_printf(wb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void wb_printf(wb *b, const char *fmt, ...) {
  char tmp[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0) {
    b->failed = 1;
    return;
  }
  if ((size_t)n < sizeof tmp) {
    wb_put(b, tmp, (size_t)n);
    return;
  }
  wb_reserve(b, (size_t)n);
  if (b->failed) return;
  va_start(ap, fmt);
  vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->n += (size_t)n;
}

/* A JSON string (NULL as null). */
static void wb_str(wb *b, const char *s) {
  if (!s) {
    wb_puts(b, "null");
    return;
  }
  wb_puts(b, "\"");
  for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
    if (*c == '"' || *c == '\\') {
      char e[3] = {'\\', (char)*c, 0};
      wb_puts(b, e);
    } else if (*c < 0x20) {
      wb_printf(b, "\\u%04x", *c);
    } else {
      wb_put(b, (const char *)c, 1);
    }
  }
  wb_puts(b, "\"");
}

/* A number, exactly (null if not finite: the page shows it as missing). */
static void wb_num(wb *b, double v) {
  char t[GG_SHORTEST_MAX];
  if (isfinite(v)) {
    gg_fmt_shortest(t, v + 0.0);
    wb_puts(b, t);
  } else
    wb_puts(b, "null");
}

/* ---- the session ------------------------------------------------------- */

#define GW_MAX_SETTINGS 256
/* The most shares (states x components x recorded ticks) the page keeps:
   about 40 MB of answer text, ten times the largest shipped scenario's. */
#define GW_MAX_VALUES 2000000

static struct {
  gg_scenario *base; /* the scenario as loaded */
  gg_scenario *work; /* base + settings + seed: what runs */
  uint64_t seed;     /* the scenario seed of the work copy */
  int nset;          /* settings applied to work, in order */
  gg_calibrate_param set[GW_MAX_SETTINGS];
  double value[GW_MAX_SETTINGS];
  char *csv; /* the alignment CSV of the last run */
  wb out;    /* the last answer */
} gw;

static const char *gw_answer_error(const char *msg) {
  gw.out.n = 0;
  gw.out.failed = 0;
  wb_puts(&gw.out, "{\"ok\":false,\"error\":");
  wb_str(&gw.out, msg);
  wb_puts(&gw.out, "}");
  return gw.out.failed ? "{\"ok\":false,\"error\":\"out of memory\"}" : gw.out.p;
}

static const char *gw_finish(void) {
  return gw.out.failed ? gw_answer_error("out of memory") : gw.out.p;
}

static void gw_begin_answer(void) {
  gw.out.n = 0;
  gw.out.failed = 0;
  wb_puts(&gw.out, "{\"ok\":true");
}

static const char *step_name(gg_step s) {
  return s == GG_STEP_MONTH ? "month" : s == GG_STEP_QUARTER ? "quarter" : "year";
}

/* Load scenario text (validated as `greatgame validate` does). The settings
   are cleared and the seed is the scenario's. Answers what the page needs to
   draw it: ids, names, dates, units, budgets, events, outlines, and the
   model (1 for GG-1, 2 for GG-2). */
EMSCRIPTEN_KEEPALIVE const char *gw_load(const char *json, const char *name) {
  gg_error err;
  gg_scenario *sc = gg_scenario_parse(json, strlen(json), name, &err);
  if (!sc) return gw_answer_error(err.msg);
  double values = (double)gg_scenario_states(sc) * (gg_scenario_powers(sc) + 1) *
                  ((double)gg_scenario_ticks(sc) + 1);
  if (values > GW_MAX_VALUES) {
    char msg[512];
    snprintf(msg, sizeof msg,
             "%.200s: too large for the web page: %d states x %d options x %d ticks is %.0f "
             "shares, the page holds at most %d (run it with greatgame run)",
             name, gg_scenario_states(sc), gg_scenario_powers(sc) + 1, gg_scenario_ticks(sc) + 1,
             values, GW_MAX_VALUES);
    gg_scenario_free(sc);
    return gw_answer_error(msg);
  }
  gg_scenario *work = gg_scenario_clone(sc);
  if (!work) {
    gg_scenario_free(sc);
    return gw_answer_error("out of memory");
  }
  gg_scenario_free(gw.base);
  gg_scenario_free(gw.work);
  gw.base = sc;
  gw.work = work;
  gw.seed = gg_scenario_seed(sc);
  gw.nset = 0;

  int S = gg_scenario_states(sc), P = gg_scenario_powers(sc), C = gg_scenario_channels(sc);
  int T = gg_scenario_ticks(sc), E = gg_scenario_events(sc);
  wb *b = &gw.out;
  gw_begin_answer();
  wb_puts(b, ",\"name\":");
  wb_str(b, gg_scenario_name(sc));
  wb_puts(b, ",\"description\":");
  wb_str(b, gg_scenario_description(sc));
  wb_printf(b, ",\"ticks\":%d,\"step\":\"%s\",\"seed\":\"%llu\",\"model\":%d", T,
            step_name(gg_scenario_step(sc)), (unsigned long long)gw.seed, gg_scenario_model(sc));
  wb_puts(b, ",\"dates\":[");
  for (int t = 0; t <= T; t++) {
    char d[32];
    gg_scenario_date(sc, t, d, sizeof d);
    if (t) wb_puts(b, ",");
    wb_str(b, d);
  }
  wb_puts(b, "],\"components\":[");
  for (int k = 0; k <= P; k++) {
    if (k) wb_puts(b, ",");
    wb_str(b, gg_component_id(sc, k));
  }
  wb_puts(b, "],\"powers\":[");
  for (int p = 0; p < P; p++) {
    wb_puts(b, p ? ",{\"id\":" : "{\"id\":");
    wb_str(b, gg_power_id(sc, p));
    wb_puts(b, ",\"name\":");
    wb_str(b, gg_power_name(sc, p));
    wb_puts(b, ",\"budget\":[");
    for (int c = 0; c < C; c++) {
      char path[512];
      double v = 0;
      snprintf(path, sizeof path, "powers.%s.budget.%s", gg_power_id(sc, p), gg_channel_id(sc, c));
      if (gg_scenario_get(sc, path, &v, &err) != 0) v = 0;
      if (c) wb_puts(b, ",");
      wb_num(b, v);
    }
    wb_puts(b, "]}");
  }
  wb_puts(b, "],\"channels\":[");
  for (int c = 0; c < C; c++) {
    wb_puts(b, c ? ",{\"id\":" : "{\"id\":");
    wb_str(b, gg_channel_id(sc, c));
    wb_puts(b, ",\"unit\":");
    wb_str(b, gg_channel_unit(sc, c));
    wb_puts(b, "}");
  }
  wb_puts(b, "],\"states\":[");
  for (int s = 0; s < S; s++) {
    wb_puts(b, s ? ",{\"id\":" : "{\"id\":");
    wb_str(b, gg_state_id(sc, s));
    wb_puts(b, ",\"name\":");
    wb_str(b, gg_state_name(sc, s));
    /* the judgment parameters as the state has them (they may differ) */
    static const char *const judg[] = {"backlash.strength", "decisiveness", "responsiveness"};
    for (size_t j = 0; j < sizeof judg / sizeof judg[0]; j++) {
      char path[512];
      double v = 0;
      snprintf(path, sizeof path, "states.%s.%s", gg_state_id(sc, s), judg[j]);
      wb_printf(b, ",\"%s\":", judg[j]);
      if (gg_scenario_get(sc, path, &v, &err) == 0)
        wb_num(b, v);
      else
        wb_puts(b, "null");
    }
    int n = 0;
    const double *o = gg_state_outline(sc, s, &n);
    wb_puts(b, ",\"outline\":[");
    for (int i = 0; o && i < n; i++) {
      if (i) wb_puts(b, ",");
      wb_puts(b, "[");
      wb_num(b, o[2 * i]);
      wb_puts(b, ",");
      wb_num(b, o[2 * i + 1]);
      wb_puts(b, "]");
    }
    wb_puts(b, "]}");
  }
  wb_puts(b, "],\"events\":[");
  for (int e = 0; e < E; e++) {
    wb_puts(b, e ? ",{\"type\":" : "{\"type\":");
    wb_str(b, gg_event_type(sc, e));
    wb_printf(b, ",\"at\":%d,\"until\":%d,\"note\":", gg_event_at(sc, e), gg_event_until(sc, e));
    wb_str(b, gg_event_note(sc, e));
    wb_puts(b, "}");
  }
  wb_puts(b, "]}");
  return gw_finish();
}

/* Back to the scenario as loaded: no settings, its own seed. */
EMSCRIPTEN_KEEPALIVE const char *gw_reset(void) {
  if (!gw.base) return gw_answer_error("no scenario is loaded");
  gg_scenario *work = gg_scenario_clone(gw.base);
  if (!work) return gw_answer_error("out of memory");
  gg_scenario_free(gw.work);
  gw.work = work;
  gw.seed = gg_scenario_seed(gw.base);
  gw.nset = 0;
  gw_begin_answer();
  wb_puts(&gw.out, "}");
  return gw_finish();
}

/* Set a parameter as `--set PATH=VALUE` does: VALUE is read with the one
   number reader of the program, `*` is allowed for ids, and the range is
   checked. The error names the path. */
EMSCRIPTEN_KEEPALIVE const char *gw_set(const char *path, const char *value) {
  if (!gw.work) return gw_answer_error("no scenario is loaded");
  double v;
  char msg[sizeof(gg_error) + 64];
  if (gg_parse_number(value, &v) != 0) {
    snprintf(msg, sizeof msg, "%.200s: expected a number, got \"%.100s\"", path, value);
    return gw_answer_error(msg);
  }
  if (strlen(path) >= GG_CALIBRATE_PATH_MAX) {
    snprintf(msg, sizeof msg, "%.200s...: the path is too long", path);
    return gw_answer_error(msg);
  }
  if (gw.nset == GW_MAX_SETTINGS) return gw_answer_error("too many settings (at most 256)");
  gg_error err;
  if (gg_scenario_set(gw.work, path, v, &err) < 0) return gw_answer_error(err.msg);
  memset(&gw.set[gw.nset], 0, sizeof gw.set[0]);
  strcpy(gw.set[gw.nset].path, path);
  gw.value[gw.nset] = v;
  gw.nset++;
  gw_begin_answer();
  wb_puts(&gw.out, ",\"value\":");
  wb_num(&gw.out, v);
  wb_puts(&gw.out, "}");
  return gw_finish();
}

/* Set the seed (an unsigned 64-bit whole number in decimal digits). */
EMSCRIPTEN_KEEPALIVE const char *gw_seed(const char *text) {
  if (!gw.work) return gw_answer_error("no scenario is loaded");
  char *end;
  errno = 0;
  unsigned long long v = strtoull(text, &end, 10);
  if (text[0] < '0' || text[0] > '9' || errno || *end) {
    char msg[200];
    snprintf(msg, sizeof msg, "seed: expected a whole number from 0 to %llu, got \"%.64s\"",
             (unsigned long long)UINT64_MAX, text);
    return gw_answer_error(msg);
  }
  gw.seed = (uint64_t)v;
  gg_scenario_set_seed(gw.work, gw.seed);
  gw_begin_answer();
  wb_printf(&gw.out, ",\"seed\":\"%llu\"}", v);
  return gw_finish();
}

/* ---- a run ---------------------------------------------------------------- */

typedef struct run_ctx {
  wb *b;
  gg_csv_trace *trace;
} run_ctx;

static int run_tick(void *ctx, const gg_sim *sim) {
  run_ctx *r = ctx;
  wb *b = r->b;
  const gg_scenario *sc = gg_sim_scenario(sim);
  int S = gg_scenario_states(sc), P = gg_scenario_powers(sc), t = gg_sim_tick(sim);
  wb_puts(b, t ? ",{\"share\":[" : "{\"share\":[");
  for (int s = 0; s < S; s++) {
    wb_puts(b, s ? ",[" : "[");
    for (int k = 0; k <= P; k++) {
      if (k) wb_puts(b, ",");
      wb_num(b, gg_sim_share(sim, s, k));
    }
    wb_puts(b, "]");
  }
  wb_puts(b, "],\"dominant\":[");
  for (int s = 0; s < S; s++)
    wb_printf(b, s ? ",%d" : "%d", gg_sim_dominant(sim, s));
  wb_puts(b, "],\"region\":[");
  for (int k = 0; k <= P; k++) {
    if (k) wb_puts(b, ",");
    wb_num(b, gg_sim_region(sim, k));
  }
  if (gg_scenario_model(sc) == 2) { /* GG-2: ties [state][power], hedging capacity [state] */
    wb_puts(b, "],\"ties\":[");
    for (int s = 0; s < S; s++) {
      wb_puts(b, s ? ",[" : "[");
      for (int p = 0; p < P; p++) {
        if (p) wb_puts(b, ",");
        wb_num(b, gg_sim_ties(sim, s, p));
      }
      wb_puts(b, "]");
    }
    wb_puts(b, "],\"hedging\":[");
    for (int s = 0; s < S; s++) {
      if (s) wb_puts(b, ",");
      wb_num(b, gg_sim_hedging_capacity(sim, s));
    }
  }
  wb_puts(b, "],\"fired\":[");
  const int *ev, *st;
  int n = t > 0 ? gg_sim_fired(sim, &ev, &st) : 0;
  for (int i = 0; i < n; i++)
    wb_printf(b, i ? ",[%d,%d]" : "[%d,%d]", ev[i], st[i]);
  wb_puts(b, "]}");
  if (b->failed) return 1;
  return gg_csv_trace_tick(r->trace, sim);
}

/* Run the scenario with the settings from tick 0 to the end, as replicate 0
   of `greatgame run` (seed gg_seed_derive(seed, 0, 0)). Answers every tick's
   shares [state][component], dominant components, regional shares, for a
   GG-2 scenario the ties [state][power] and hedging capacities [state] (0 at
   tick 0), and the events that fired ([event, state], state -1 for events
   without one). The
   alignment CSV, byte for byte as `greatgame run -o -` writes it, is kept for
   gw_csv. */
EMSCRIPTEN_KEEPALIVE const char *gw_run(void) {
  if (!gw.work) return gw_answer_error("no scenario is loaded");
  uint64_t seed = gg_seed_derive(gw.seed, 0, 0);
  gg_sim *sim = gg_sim_create(gw.work, seed);
  if (!sim) return gw_answer_error("out of memory");
  free(gw.csv);
  gw.csv = NULL;
  size_t csv_len = 0;
  run_ctx r;
  memset(&r, 0, sizeof r);
  r.b = &gw.out;
  FILE *csv = open_memstream(&gw.csv, &csv_len);
  r.trace = csv ? gg_csv_trace_create(csv) : NULL;
  if (!r.trace) {
    if (csv) fclose(csv);
    gg_sim_free(sim);
    return gw_answer_error("out of memory");
  }
  gg_csv_trace_headers(r.trace);
  gw_begin_answer();
  wb_printf(&gw.out, ",\"seed\":\"%llu\",\"run_seed\":\"%llu\",\"ticks\":[",
            (unsigned long long)gw.seed, (unsigned long long)seed);
  gg_sink sink = {run_tick, &r};
  int rc = gg_sim_run(sim, &sink);
  gg_sim_free(sim);
  int bad_csv = fclose(csv) != 0;
  int nonfinite = gg_csv_trace_nonfinite(r.trace);
  gg_csv_trace_free(r.trace);
  if (rc != 0 || gw.out.failed || bad_csv) {
    free(gw.csv);
    gw.csv = NULL;
    return gw_answer_error("out of memory");
  }
  if (nonfinite) {
    free(gw.csv);
    gw.csv = NULL;
    return gw_answer_error("a share was not finite: the run is not shown");
  }
  wb_puts(&gw.out, "]}");
  return gw_finish();
}

/* The alignment CSV of the last run ("" before the first). */
EMSCRIPTEN_KEEPALIVE const char *gw_csv(void) {
  return gw.csv ? gw.csv : "";
}

/* The explanation (`greatgame explain --state STATE --from 1 --to TO`) of
   the scenario with the settings and seed: every component's terms in the
   step to tick 1 and in the step to tick `to`. */
EMSCRIPTEN_KEEPALIVE const char *gw_explain(int state, int to) {
  if (!gw.work) return gw_answer_error("no scenario is loaded");
  gg_explain_options o = gg_explain_defaults();
  o.scenario = gw.work;
  o.state = state;
  o.from = 1;
  o.to = to;
  gg_explain_result *res = NULL;
  gg_error err;
  if (gg_explain_run(&o, &res, &err) != GG_STUDY_OK) return gw_answer_error(err.msg);
  int K = gg_explain_components(res), T = gg_explain_terms(res);
  wb *b = &gw.out;
  gw_begin_answer();
  wb_printf(b, ",\"state\":%d,\"from\":%d,\"to\":%d,\"components\":[", state, gg_explain_from(res),
            gg_explain_to(res));
  static const char *const kinds[] = {"affinity",  "channel", "bloc",    "backlash",
                                      "neighbour", "noise",   "utility", "share"};
  for (int k = 0; k < K; k++) {
    wb_puts(b, k ? ",[" : "[");
    for (int i = 0; i < T; i++) {
      const gg_explain_term *t = gg_explain_term_at(res, k, i);
      wb_printf(b, "%s{\"kind\":\"%s\",\"index\":%d,\"label\":", i ? "," : "", kinds[t->kind],
                t->index);
      wb_str(b, t->label);
      wb_puts(b, ",\"from\":");
      wb_num(b, t->from);
      wb_puts(b, ",\"to\":");
      wb_num(b, t->to);
      wb_puts(b, "}");
    }
    wb_puts(b, "]");
  }
  wb_puts(b, "]}");
  gg_explain_free(res);
  return gw_finish();
}

/* `text` (a scenario's JSON) with a "seed" member holding all 64 bits, in
   memory from malloc with a final newline; NULL when out of memory. */
static char *gw_add_seed(const char *text, uint64_t seed) {
  cJSON *root = cJSON_Parse(text);
  char digits[32];
  snprintf(digits, sizeof digits, "%llu", (unsigned long long)seed);
  cJSON_DeleteItemFromObjectCaseSensitive(root, "seed");
  char *printed = root && cJSON_AddRawToObject(root, "seed", digits) ? cJSON_Print(root) : NULL;
  cJSON_Delete(root);
  if (!printed) return NULL;
  size_t len = strlen(printed);
  char *out = malloc(len + 2);
  if (out) {
    memcpy(out, printed, len);
    out[len] = '\n';
    out[len + 1] = '\0';
  }
  cJSON_free(printed);
  return out;
}

/* The scenario with the settings written at their paths and the seed, as a
   scenario file (JSON with a final newline) that `greatgame validate` accepts
   and that runs as the page ran it. */
EMSCRIPTEN_KEEPALIVE const char *gw_save(void) {
  if (!gw.base) return gw_answer_error("no scenario is loaded");
  gg_error err;
  char *lib = NULL;
  int rc = gg_calibrate_scenario_json(gw.base, gw.set, gw.value, gw.nset, gw.seed, &lib, &err);
  if (rc != 0) return gw_answer_error(err.msg);
  char *text = strdup(lib);
  gg_free_buffer(lib);
  if (!text) return gw_answer_error("out of memory");
  /* check it the way `greatgame validate` will */
  gg_scenario *again = gg_scenario_parse(text, strlen(text), "saved scenario", &err);
  if (!again) {
    free(text);
    return gw_answer_error(err.msg);
  }
  uint64_t saved_seed = gg_scenario_seed(again);
  gg_scenario_free(again);
  if (saved_seed != gw.seed) { /* the file had no "seed" for the writer to replace */
    char *with = gw_add_seed(text, gw.seed);
    free(text);
    if (!with) return gw_answer_error("out of memory");
    text = with;
  }
  gw_begin_answer();
  wb_puts(&gw.out, ",\"text\":");
  wb_str(&gw.out, text);
  wb_puts(&gw.out, "}");
  free(text);
  return gw_finish();
}

/* The engine's and the model's versions. */
EMSCRIPTEN_KEEPALIVE const char *gw_version(void) {
  gw_begin_answer();
  wb_puts(&gw.out, ",\"engine\":");
  wb_str(&gw.out, gg_version());
  wb_puts(&gw.out, ",\"model\":");
  wb_str(&gw.out, gg_model_version());
  wb_puts(&gw.out, ",\"baseline\":");
  wb_str(&gw.out, gg_baseline_json());
  wb_puts(&gw.out, "}");
  return gw_finish();
}
