/* A loaded scenario: accessors, dates, parameters by path, copy and free. */
#include "internal.h"
#include "load_util.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void free_event(gg_event *e) {
  gg_free(e->states);
  gg_free(e->targets);
  gg_free(e->note);
  if (e->effect) {
    free_event(e->effect);
    gg_free(e->effect);
  }
}

static void free_strings(char **v, int n) {
  if (!v) return;
  for (int i = 0; i < n; i++)
    gg_free(v[i]);
  gg_free(v);
}

void gg_scenario_free(gg_scenario *sc) {
  if (!sc) return;
  /* Counts may be set before the arrays they describe were filled: every
     array is calloc'ed, so NULL entries are skipped. */
  free_strings(sc->channel_id, sc->C);
  free_strings(sc->channel_name, sc->channel_name ? sc->C : 0);
  free_strings(sc->channel_unit, sc->channel_unit ? sc->C : 0);
  free_strings(sc->power_id, sc->P);
  free_strings(sc->power_name, sc->power_name ? sc->P : 0);
  free_strings(sc->state_id, sc->S);
  free_strings(sc->state_name, sc->state_name ? sc->S : 0);
  free_strings(sc->bloc_id, sc->B);
  free_strings(sc->bloc_name, sc->bloc_name ? sc->B : 0);
  if (sc->outline)
    for (int s = 0; s < sc->S; s++)
      gg_free(sc->outline[s]);
  gg_free(sc->outline);
  gg_free(sc->outline_n);
  gg_free(sc->power_color);
  gg_free(sc->power_color_set);
  gg_free(sc->strategy);
  gg_free(sc->state_hash);
  gg_free(sc->alignment);
  gg_free(sc->stocks);
  gg_free(sc->nb_start);
  gg_free(sc->nb_index);
  gg_free(sc->nb_weight);
  gg_free(sc->sponsor);
  gg_free(sc->members);
  if (sc->events)
    for (int e = 0; e < sc->E; e++)
      free_event(&sc->events[e]);
  gg_free(sc->events);
  ggl_measures_free(sc);
  gg_values_free(&sc->v);
  gg_free(sc->name);
  gg_free(sc->description);
  gg_free(sc->text);
  gg_free(sc->file);
  gg_free(sc);
}

gg_scenario *gg_scenario_clone(const gg_scenario *sc) {
  gg_error err;
  gg_scenario *c = gg_scenario_parse(sc->text, sc->text_len, sc->file, &err);
  if (!c) return NULL;
  /* Only parameters, the seed and the length can differ from the text. */
  memcpy(c->v.block, sc->v.block, sc->v.count * sizeof(double));
  c->seed = sc->seed;
  c->ticks = sc->ticks;
  return c;
}

/* ---- accessors ------------------------------------------------------------ */

const char *gg_scenario_name(const gg_scenario *sc) {
  return sc->name;
}
const char *gg_scenario_description(const gg_scenario *sc) {
  return sc->description ? sc->description : "";
}
const char *gg_scenario_text(const gg_scenario *sc, size_t *len) {
  if (len) *len = sc->text_len;
  return sc->text;
}

const char *gg_scenario_sha256(const gg_scenario *sc) {
  return sc->sha256;
}
int gg_scenario_states(const gg_scenario *sc) {
  return sc->S;
}
int gg_scenario_powers(const gg_scenario *sc) {
  return sc->P;
}
int gg_scenario_channels(const gg_scenario *sc) {
  return sc->C;
}
int gg_scenario_blocs(const gg_scenario *sc) {
  return sc->B;
}
int gg_scenario_events(const gg_scenario *sc) {
  return sc->E;
}
int gg_scenario_ticks(const gg_scenario *sc) {
  return sc->ticks;
}
uint64_t gg_scenario_seed(const gg_scenario *sc) {
  return sc->seed;
}
gg_step gg_scenario_step(const gg_scenario *sc) {
  return sc->step;
}
gg_weight gg_scenario_weight(const gg_scenario *sc) {
  return sc->weight;
}
const char *gg_state_id(const gg_scenario *sc, int s) {
  if (!GG_OBJ("gg_state_id", "scenario", sc) || !GG_IN("gg_state_id", "state", s, sc->S)) return "";
  return sc->state_id[s];
}
const char *gg_state_name(const gg_scenario *sc, int s) {
  if (!GG_OBJ("gg_state_name", "scenario", sc) || !GG_IN("gg_state_name", "state", s, sc->S))
    return "";
  return sc->state_name[s];
}
const char *gg_power_id(const gg_scenario *sc, int p) {
  if (!GG_OBJ("gg_power_id", "scenario", sc) || !GG_IN("gg_power_id", "power", p, sc->P)) return "";
  return sc->power_id[p];
}
const char *gg_power_name(const gg_scenario *sc, int p) {
  if (!GG_OBJ("gg_power_name", "scenario", sc) || !GG_IN("gg_power_name", "power", p, sc->P))
    return "";
  return sc->power_name[p];
}
gg_strategy gg_power_strategy(const gg_scenario *sc, int p) {
  if (!GG_OBJ("gg_power_strategy", "scenario", sc) ||
      !GG_IN("gg_power_strategy", "power", p, sc->P))
    return GG_STRATEGY_FIXED;
  return sc->strategy[p];
}
const char *gg_channel_id(const gg_scenario *sc, int c) {
  if (!GG_OBJ("gg_channel_id", "scenario", sc) || !GG_IN("gg_channel_id", "channel", c, sc->C))
    return "";
  return sc->channel_id[c];
}
const char *gg_channel_unit(const gg_scenario *sc, int c) {
  if (!GG_OBJ("gg_channel_unit", "scenario", sc) || !GG_IN("gg_channel_unit", "channel", c, sc->C))
    return "";
  return sc->channel_unit[c] ? sc->channel_unit[c] : "";
}
const char *gg_bloc_id(const gg_scenario *sc, int b) {
  if (!GG_OBJ("gg_bloc_id", "scenario", sc) || !GG_IN("gg_bloc_id", "bloc", b, sc->B)) return "";
  return sc->bloc_id[b];
}
const char *gg_bloc_name(const gg_scenario *sc, int b) {
  if (!GG_OBJ("gg_bloc_name", "scenario", sc) || !GG_IN("gg_bloc_name", "bloc", b, sc->B))
    return "";
  return sc->bloc_name[b];
}

uint32_t gg_power_color(const gg_scenario *sc, int p) {
  if (!GG_OBJ("gg_power_color", "scenario", sc) || !GG_IN("gg_power_color", "power", p, sc->P))
    return 0;
  static const uint32_t palette[] = {0x2f6fdb, 0xd62728, 0x2ca02c, 0xff7f0e, 0x9467bd,
                                     0x8c564b, 0xe377c2, 0x17becf, 0xbcbd22, 0x7f7f7f};
  return sc->power_color_set[p] ? sc->power_color[p] : palette[p % 10];
}

const char *gg_component_id(const gg_scenario *sc, int k) {
  if (!GG_OBJ("gg_component_id", "scenario", sc) ||
      !GG_IN("gg_component_id", "component", k, sc->P + 1))
    return "";
  return k == 0 ? "autonomy" : sc->power_id[k - 1];
}

int gg_state_index(const gg_scenario *sc, const char *id) {
  if (!sc->state_hash) {
    for (int s = 0; s < sc->S; s++)
      if (sc->state_id[s] && strcmp(sc->state_id[s], id) == 0) return s;
    return -1;
  }
  unsigned mask = (unsigned)sc->state_hash_cap - 1, h = ggl_ld_hash(id) & mask;
  while (sc->state_hash[h]) {
    int s = sc->state_hash[h] - 1;
    if (strcmp(sc->state_id[s], id) == 0) return s;
    h = (h + 1) & mask;
  }
  return -1;
}

int gg_power_index(const gg_scenario *sc, const char *id) {
  for (int p = 0; p < sc->P; p++)
    if (sc->power_id[p] && strcmp(sc->power_id[p], id) == 0) return p;
  return -1;
}

int gg_channel_index(const gg_scenario *sc, const char *id) {
  for (int c = 0; c < sc->C; c++)
    if (sc->channel_id[c] && strcmp(sc->channel_id[c], id) == 0) return c;
  return -1;
}

const double *gg_state_outline(const gg_scenario *sc, int s, int *n) {
  *n = 0;
  if (!GG_OBJ("gg_state_outline", "scenario", sc) || !GG_IN("gg_state_outline", "state", s, sc->S))
    return NULL;
  *n = sc->outline_n[s];
  return sc->outline_n[s] ? sc->outline[s] : NULL;
}

const char *gg_event_type(const gg_scenario *sc, int e) {
  if (!GG_OBJ("gg_event_type", "scenario", sc) || !GG_IN("gg_event_type", "event", e, sc->E))
    return "";
  static const char *names[] = {"budget", "inject", "affinity", "join",
                                "leave",  "set",    "shock",    "withdraw"};
  return names[sc->events[e].type];
}
int gg_event_at(const gg_scenario *sc, int e) {
  if (!GG_OBJ("gg_event_at", "scenario", sc) || !GG_IN("gg_event_at", "event", e, sc->E)) return -1;
  return sc->events[e].at;
}
int gg_event_until(const gg_scenario *sc, int e) {
  if (!GG_OBJ("gg_event_until", "scenario", sc) || !GG_IN("gg_event_until", "event", e, sc->E))
    return -1;
  return sc->events[e].until;
}
const char *gg_event_note(const gg_scenario *sc, int e) {
  if (!GG_OBJ("gg_event_note", "scenario", sc) || !GG_IN("gg_event_note", "event", e, sc->E))
    return NULL;
  return sc->events[e].note;
}

/* ---- dates ---------------------------------------------------------------- */

static const int PER_YEAR[] = {12, 4, 1};

void gg_scenario_date(const gg_scenario *sc, int t, char *buf, size_t size) {
  int per = PER_YEAR[sc->step];
  long idx = (long)sc->start_year * per + (sc->step == GG_STEP_YEAR ? 0 : sc->start_sub - 1) + t;
  long year = idx >= 0 ? idx / per : -((-idx + per - 1) / per);
  long sub = idx - year * per + 1;
  if (sc->step == GG_STEP_MONTH)
    snprintf(buf, size, "%04ld-%02ld", year, sub);
  else if (sc->step == GG_STEP_QUARTER)
    snprintf(buf, size, "%04ld-Q%ld", year, sub);
  else
    snprintf(buf, size, "%04ld", year);
}

int gg_scenario_parse_date(const gg_scenario *sc, const char *text, int *tick) {
  int year, sub;
  if (ggl_ld_parse_date_form(sc->step, text, &year, &sub) != 0) return -1;
  int per = PER_YEAR[sc->step];
  *tick = (year - sc->start_year) * per + (sc->step == GG_STEP_YEAR ? 0 : sub - sc->start_sub);
  return 0;
}

int gg_scenario_parse_time(const gg_scenario *sc, const char *text, int *tick, gg_error *err) {
  static const char *example[] = {"2021-06", "2021-Q2", "2021"};
  size_t n = strlen(text), digits = 0;
  while (digits < n && isdigit((unsigned char)text[digits]))
    digits++;
  int year_form = sc->step == GG_STEP_YEAR && n == 4;
  if (n > 0 && digits == n && !year_form && n <= 9) {
    *tick = (int)strtol(text, NULL, 10);
    return 0;
  }
  if (gg_scenario_parse_date(sc, text, tick) == 0) return 0;
  char clean[80];
  gg_err_clean(clean, sizeof clean, text, 40);
  gg_err_set(err, "expected a tick number or a date like %s, got \"%s\"", example[sc->step], clean);
  return -1;
}

/* ---- parameters by path --------------------------------------------------- */

int gg_scenario_set(gg_scenario *sc, const char *path, double value, gg_error *err) {
  gg_target *t;
  int n = gg_path_resolve(sc, path, &t, err);
  if (n < 0) return -1;
  const gg_param_def *d = gg_param_def_of((gg_pid)t[0].pid);
  /* 2^64 is the seed range's top as a double, but not a uint64_t */
  if (!gg_param_in_range(d, value) || (d->pid == GG_P_SEED && value >= 18446744073709551616.0)) {
    char r[200], c[160];
    gg_param_range_text(d, r, sizeof r);
    gg_err_clean(c, sizeof c, path, 120);
    gg_err_set(err, "%s: must be %s, got %.17g", c, r, value);
    gg_free(t);
    return -1;
  }
  for (int i = 0; i < n; i++) {
    if (t[i].pid == GG_P_SEED)
      sc->seed = (uint64_t)value;
    else if (t[i].pid == GG_P_TICKS)
      sc->ticks = (int)value;
    else
      *gg_values_ref(sc, &sc->v, t[i]) = value;
  }
  gg_free(t);
  return n;
}

int gg_scenario_get(const gg_scenario *sc, const char *path, double *value, gg_error *err) {
  gg_target *t;
  int n = gg_path_resolve(sc, path, &t, err);
  if (n < 0) return -1;
  if (n != 1) {
    char c[160];
    gg_err_clean(c, sizeof c, path, 120);
    gg_err_set(err, "%s: names %d parameters, expected exactly one", c, n);
    gg_free(t);
    return -1;
  }
  if (t[0].pid == GG_P_SEED)
    *value = (double)sc->seed;
  else if (t[0].pid == GG_P_TICKS)
    *value = sc->ticks;
  else
    *value = *gg_values_ref(sc, (gg_values *)&sc->v, t[0]);
  gg_free(t);
  return 0;
}

void gg_scenario_set_seed(gg_scenario *sc, uint64_t seed) {
  sc->seed = seed;
}
