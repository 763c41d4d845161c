/* Categorical factors of a sweep: their text form ("PATH=LEVEL,LEVEL"),
   the level each sample takes, and the scenario variants, one per
   combination of levels, built once before any run by editing the
   scenario's JSON document and loading it again. */
#include "gg_util.h"
#include "sweep_api.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Does `path` name a factor, and which kind? */
typedef enum factor_kind {
  FACTOR_NONE = 0,
  FACTOR_STRATEGY,
  FACTOR_EVENT,
  FACTOR_BLOC,
  FACTOR_SCENARIO
} factor_kind;

/* The kind of a factor path and its id (power, bloc, or event number). */
static factor_kind factor_path(const char *path, char *id, size_t size) {
  if (strcmp(path, "scenario") == 0) {
    id[0] = '\0';
    return FACTOR_SCENARIO;
  }
  static const struct {
    const char *head, *tail;
    factor_kind kind;
  } forms[] = {{"powers.", ".strategy", FACTOR_STRATEGY},
               {"events.", ".enabled", FACTOR_EVENT},
               {"blocs.", ".enabled", FACTOR_BLOC}};
  size_t n = strlen(path);
  for (size_t k = 0; k < sizeof forms / sizeof forms[0]; k++) {
    size_t h = strlen(forms[k].head), t = strlen(forms[k].tail);
    if (n <= h + t || strncmp(path, forms[k].head, h) != 0 ||
        strcmp(path + n - t, forms[k].tail) != 0)
      continue;
    size_t len = n - h - t;
    if (len >= size || memchr(path + h, '.', len)) return FACTOR_NONE;
    memcpy(id, path + h, len);
    id[len] = '\0';
    if (forms[k].kind == FACTOR_EVENT) {
      for (size_t i = 0; i < len; i++)
        if (id[i] < '0' || id[i] > '9') return FACTOR_NONE;
      if (atol(id) < 1) return FACTOR_NONE;
    }
    return forms[k].kind;
  }
  return FACTOR_NONE;
}

int gg_sweep_factor_parse(const char *text, gg_sweep_factor *f, gg_error *err) {
  memset(f, 0, sizeof *f);
  const char *eq = strchr(text, '=');
  if (!eq || eq == text || (size_t)(eq - text) >= sizeof f->path) {
    gg_err_set(err, "%s: expected PATH=LEVEL,LEVEL[,...]", text);
    return -1;
  }
  memcpy(f->path, text, (size_t)(eq - text));
  char id[GG_SWEEP_PATH_MAX];
  factor_kind kind = factor_path(f->path, id, sizeof id);
  if (kind == FACTOR_NONE) {
    gg_err_set(err,
               "%s: expected powers.ID.strategy, events.N.enabled, blocs.ID.enabled or "
               "scenario before '='",
               text);
    return -1;
  }
  for (const char *p = eq + 1;;) {
    const char *c = strchr(p, ',');
    size_t len = c ? (size_t)(c - p) : strlen(p);
    if (len == 0 || len >= GG_SWEEP_PATH_MAX || memchr(p, '"', len) || memchr(p, '\n', len) ||
        memchr(p, '\r', len)) {
      gg_err_set(err, "%s: a level is empty, too long or holds a quote", text);
      return -1;
    }
    if (f->nlevels == GG_SWEEP_MAX_LEVELS) {
      gg_err_set(err, "%s: at most %d levels", text, GG_SWEEP_MAX_LEVELS);
      return -1;
    }
    char *lv = f->levels[f->nlevels];
    memcpy(lv, p, len);
    lv[len] = '\0';
    for (int k = 0; k < f->nlevels; k++)
      if (strcmp(f->levels[k], lv) == 0) {
        gg_err_set(err, "%s: level \"%s\" is given twice", text, lv);
        return -1;
      }
    int ok = 1;
    if (kind == FACTOR_STRATEGY)
      ok = strcmp(lv, "fixed") == 0 || strcmp(lv, "contest") == 0;
    else if (kind == FACTOR_EVENT || kind == FACTOR_BLOC)
      ok = strcmp(lv, "0") == 0 || strcmp(lv, "1") == 0;
    if (!ok) {
      gg_err_set(err, "%s: level \"%s\": expected %s", text, lv,
                 kind == FACTOR_STRATEGY ? "fixed or contest" : "0 or 1");
      return -1;
    }
    f->nlevels++;
    if (!c) break;
    p = c + 1;
  }
  if (f->nlevels < 2) {
    gg_err_set(err, "%s: a factor needs at least 2 levels", text);
    return -1;
  }
  return 0;
}

int gga_sweep_level(const sweep *sw, long sample, int f) {
  int L = sw->o.factors[f].nlevels;
  double u = design_row(&sw->ds, sample)[sw->o.nparams + f];
  int k = u > 0.0 ? (int)floor(u * (double)L) : 0;
  return k < L ? k : L - 1;
}

int gga_sweep_variant(const sweep *sw, long sample) {
  int v = 0;
  for (int f = 0; f < sw->o.nfactors; f++)
    v = v * sw->o.factors[f].nlevels + gga_sweep_level(sw, sample, f);
  return v;
}

/* ---- the variants ------------------------------------------------------ */

/* The item of array `arr` whose "id" is `id`, or NULL. */
static cJSON *factor_by_id(const cJSON *arr, const char *id, int *index) {
  int i = 0;
  for (cJSON *it = arr ? arr->child : NULL; it; it = it->next, i++) {
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(it, "id");
    if (cJSON_IsString(x) && strcmp(x->valuestring, id) == 0) {
      if (index) *index = i;
      return it;
    }
  }
  return NULL;
}

/* The ids of an array's items, for a did-you-mean list: "A, B, C". */
static void factor_ids(const cJSON *arr, char *buf, size_t size) {
  size_t n = 0;
  buf[0] = '\0';
  for (const cJSON *it = arr ? arr->child : NULL; it && n + 1 < size; it = it->next) {
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(it, "id");
    if (cJSON_IsString(x))
      n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "", x->valuestring);
  }
}

/* Does an event (or its shock effect) name bloc `id`? */
static int factor_names_bloc(const cJSON *ev, const char *id) {
  const cJSON *b = cJSON_GetObjectItemCaseSensitive(ev, "bloc");
  if (cJSON_IsString(b) && strcmp(b->valuestring, id) == 0) return 1;
  const cJSON *eff = cJSON_GetObjectItemCaseSensitive(ev, "effect");
  return eff && factor_names_bloc(eff, id);
}

/* Check every factor's id against the document (once, on the base). */
static int factor_check_ids(const gg_sweep_factor *fs, int nf, const cJSON *doc, int *fault,
                            gg_error *err) {
  char id[GG_SWEEP_PATH_MAX], list[600];
  for (int f = 0; f < nf; f++) {
    factor_kind kind = factor_path(fs[f].path, id, sizeof id);
    const cJSON *arr = NULL;
    const char *what = NULL;
    if (kind == FACTOR_STRATEGY) {
      arr = cJSON_GetObjectItemCaseSensitive(doc, "powers");
      what = "power";
    } else if (kind == FACTOR_BLOC) {
      arr = cJSON_GetObjectItemCaseSensitive(doc, "blocs");
      what = "bloc";
    } else if (kind == FACTOR_EVENT) {
      int n = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "events"));
      if (atol(id) > n) {
        gg_err_set(err, "factors %s: the scenario has %d events (number them from 1)", fs[f].path,
                   n);
        *fault = f;
        return -1;
      }
      continue;
    } else {
      continue;
    }
    if (!factor_by_id(arr, id, NULL)) {
      factor_ids(arr, list, sizeof list);
      gg_err_set(err, "factors %s: unknown %s \"%s\" (the scenario has %s)", fs[f].path, what, id,
                 list[0] ? list : "none");
      *fault = f;
      return -1;
    }
  }
  return 0;
}

/* Apply the levels lv[] of the factors (but the scenario factor) to doc. */
static void factor_apply(const gg_sweep_factor *fs, int nf, const int *lv, cJSON *doc) {
  char id[GG_SWEEP_PATH_MAX];
  cJSON *events = cJSON_GetObjectItemCaseSensitive(doc, "events");
  int nev = cJSON_GetArraySize(events);
  unsigned char drop[4096] = {0};
  for (int f = 0; f < nf; f++) {
    factor_kind kind = factor_path(fs[f].path, id, sizeof id);
    const char *level = fs[f].levels[lv[f]];
    if (kind == FACTOR_STRATEGY) {
      cJSON *p = factor_by_id(cJSON_GetObjectItemCaseSensitive(doc, "powers"), id, NULL);
      if (p) {
        cJSON_DeleteItemFromObjectCaseSensitive(p, "strategy");
        cJSON_AddStringToObject(p, "strategy", level);
      }
    } else if (kind == FACTOR_EVENT && strcmp(level, "0") == 0) {
      long k = atol(id) - 1;
      if (k >= 0 && k < nev && k < (long)sizeof drop) drop[k] = 1;
    } else if (kind == FACTOR_BLOC && strcmp(level, "0") == 0) {
      cJSON *blocs = cJSON_GetObjectItemCaseSensitive(doc, "blocs");
      int at = -1;
      if (factor_by_id(blocs, id, &at)) cJSON_DeleteItemFromArray(blocs, at);
      int k = 0;
      for (const cJSON *ev = events ? events->child : NULL; ev; ev = ev->next, k++)
        if (k < (int)sizeof drop && factor_names_bloc(ev, id)) drop[k] = 1;
    }
  }
  for (int k = (nev < (int)sizeof drop ? nev : (int)sizeof drop) - 1; k >= 0; k--)
    if (drop[k]) cJSON_DeleteItemFromArray(events, k);
}

/* Do two scenarios have the same states and components, in order? */
static int factor_same_shape(const gg_scenario *a, const gg_scenario *b) {
  int S = gg_scenario_states(a), K = gg_scenario_powers(a) + 1;
  if (S != gg_scenario_states(b) || K != gg_scenario_powers(b) + 1) return 0;
  for (int s = 0; s < S; s++)
    if (strcmp(gg_state_id(a, s), gg_state_id(b, s)) != 0) return 0;
  for (int k = 0; k < K; k++)
    if (strcmp(gg_component_id(a, k), gg_component_id(b, k)) != 0) return 0;
  return 1;
}

/* The level texts of variant v, "path=level;..." for messages. */
static void factor_describe(const gg_sweep_factor *fs, int nf, const int *lv, char *buf,
                            size_t size) {
  size_t n = 0;
  buf[0] = '\0';
  for (int f = 0; f < nf && n + 1 < size; f++)
    n += (size_t)snprintf(buf + n, size - n, "%s%s=%s", f ? ", " : "", fs[f].path,
                          fs[f].levels[lv[f]]);
}

int gga_sweep_variants_make(gg_sweep *s, const gg_sweep_options *o, gg_error *err, int *fault) {
  const gg_sweep_factor *fs = s->factors;
  int nf = s->nfactors, scen = -1;
  long nv = 1;
  *fault = -1;
  for (int f = 0; f < nf; f++) {
    for (int g = 0; g < f; g++)
      if (strcmp(fs[g].path, fs[f].path) == 0) {
        gg_err_set(err, "factors %s: given twice", fs[f].path);
        *fault = f;
        return -1;
      }
    for (int j = 0; j < o->nparams; j++)
      if (strcmp(o->params[j].path, fs[f].path) == 0) {
        gg_err_set(err, "factors %s: also a parameter", fs[f].path);
        *fault = f;
        return -1;
      }
    if (strcmp(fs[f].path, "scenario") == 0) scen = f;
    nv *= fs[f].nlevels;
    if (nv > GG_SWEEP_MAX_VARIANTS) {
      gg_err_set(err, "factors: over %d combinations of levels", GG_SWEEP_MAX_VARIANTS);
      return -1;
    }
  }
  /* The documents each variant starts from: the scenario's, or each level
     of the scenario factor. */
  int nbase = scen >= 0 ? fs[scen].nlevels : 1;
  cJSON *base[GG_SWEEP_MAX_LEVELS] = {0};
  gg_error e;
  int rc = 0;
  for (int b = 0; b < nbase && rc == 0; b++) {
    const char *text;
    size_t len;
    gg_scenario *lsc = NULL;
    if (scen >= 0) {
      lsc = gg_scenario_load(fs[scen].levels[b], &e);
      if (!lsc) {
        gg_err_set(err, "factors scenario: %.900s", e.msg);
        *fault = scen;
        rc = -1;
        break;
      }
      text = gg_scenario_text(lsc, &len);
    } else if (o->scenario) {
      text = gg_scenario_text(o->scenario, &len);
    } else {
      text = gg_baseline_json();
      len = strlen(text);
    }
    base[b] = cJSON_ParseWithLength(text, len);
    if (lsc && s->nlevel_sha < GG_SWEEP_MAX_LEVELS)
      snprintf(s->level_sha[s->nlevel_sha++], sizeof s->level_sha[0], "%s",
               gg_scenario_sha256(lsc));
    gg_scenario_free(lsc);
    if (!base[b]) {
      gg_err_set(err, "sweep: out of memory");
      rc = -1;
    } else if (factor_check_ids(fs, nf, base[b], fault, err) != 0) {
      if (scen >= 0) {
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err->msg);
        gg_err_set(err, "%.600s (in %.300s)", msg, fs[scen].levels[b]);
      }
      rc = -1;
    }
  }
  if (rc == 0) {
    s->variants = gg_calloc((size_t)nv, sizeof *s->variants);
    if (!s->variants) {
      gg_err_set(err, "sweep: out of memory");
      rc = -1;
    }
  }
  int lv[GG_SWEEP_MAX_FACTORS];
  char what[700];
  for (long v = 0; v < nv && rc == 0; v++) {
    long rest = v;
    for (int f = nf - 1; f >= 0; f--) {
      lv[f] = (int)(rest % fs[f].nlevels);
      rest /= fs[f].nlevels;
    }
    cJSON *doc = cJSON_Duplicate(base[scen >= 0 ? lv[scen] : 0], 1);
    char *text = NULL;
    if (doc) {
      factor_apply(fs, nf, lv, doc);
      text = cJSON_PrintUnformatted(doc);
      cJSON_Delete(doc);
    }
    if (!text) {
      gg_err_set(err, "sweep: out of memory");
      rc = -1;
      break;
    }
    factor_describe(fs, nf, lv, what, sizeof what);
    gg_scenario *vs = gg_scenario_parse(text, strlen(text), gg_scenario_name(s->sc), &e);
    cJSON_free(text);
    if (!vs) {
      gg_err_set(err, "factors: the scenario with %.300s does not load: %.500s", what, e.msg);
      rc = -1;
      break;
    }
    s->variants[v] = vs;
    s->nvariants = (int)v + 1;
    for (int i = 0; i < o->nsets && rc == 0; i++)
      if (gga_sweep_api_set(vs, o->sets[i], &e) != 0) {
        gg_err_set(err, "factors: with %.300s, %.500s", what, e.msg);
        rc = -1;
      }
    if (rc != 0) break;
    gg_scenario_set_seed(vs, gg_scenario_seed(s->sc));
    if (!factor_same_shape(vs, s->sc)) {
      gg_err_set(err,
                 "factors: the scenario with %.300s has other states or powers than the "
                 "sweep's scenario (metrics would not match)",
                 what);
      *fault = scen;
      rc = -1;
    }
  }
  for (int b = 0; b < nbase; b++)
    cJSON_Delete(base[b]);
  return rc;
}

void gga_sweep_variants_free(gg_sweep *s) {
  for (int v = 0; v < s->nvariants; v++)
    gg_scenario_free(s->variants[v]);
  gg_free(s->variants);
  s->variants = NULL;
  s->nvariants = 0;
}
