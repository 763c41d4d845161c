/* greatgame._greatgame: the studies, one library call each (gg_run_study,
   gg_compare_run, gg_explain_run, gg_sweep_run, gg_sensitivity_run,
   gg_merge_run, gg_calibrate_run, gg_backtest_run). Options come in as
   keywords; a keyword left out (or None) keeps the library's default from
   its *_defaults() function. The interpreter lock is released while the
   library works. */
#include "ggpy.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- keyword options ---------------------------------------------------- */

/* The keywords of a call, taken one by one; any left at the end is unknown. */
typedef struct kwargs {
  PyObject *d; /* a copy of the keywords */
  const char *func;
} kwargs;

static int kw_begin(kwargs *k, PyObject *args, PyObject *kw, const char *func) {
  k->func = func;
  k->d = NULL;
  if (args && PyTuple_GET_SIZE(args) > 0) {
    PyErr_Format(PyExc_TypeError, "%s: takes keyword arguments only", func);
    return -1;
  }
  k->d = kw ? PyDict_Copy(kw) : PyDict_New();
  return k->d ? 0 : -1;
}

/* The value of `name` (borrowed), or NULL if absent or None. */
static PyObject *kw_take(kwargs *k, const char *name) {
  PyObject *v = PyDict_GetItemString(k->d, name);
  if (!v) return NULL;
  Py_INCREF(v);
  PyDict_DelItemString(k->d, name);
  Py_DECREF(v); /* still held by the caller's keywords */
  return v == Py_None ? NULL : v;
}

static int kw_end(kwargs *k) {
  Py_ssize_t pos = 0;
  PyObject *key, *value;
  int rc = 0;
  if (PyDict_Next(k->d, &pos, &key, &value)) {
    PyErr_Format(PyExc_TypeError, "%s: unexpected option %R", k->func, key);
    rc = -1;
  }
  Py_CLEAR(k->d);
  return rc;
}

static int kw_int(kwargs *k, const char *name, long lo, long hi, int *out) {
  PyObject *v = kw_take(k, name);
  long x;
  if (!v) return 0;
  if (ggpy_int(v, name, lo, hi, &x) != 0) return -1;
  *out = (int)x;
  return 0;
}

static int kw_long(kwargs *k, const char *name, long lo, long hi, long *out) {
  PyObject *v = kw_take(k, name);
  if (!v) return 0;
  return ggpy_int(v, name, lo, hi, out);
}

static int kw_flag(kwargs *k, const char *name, int *out) {
  PyObject *v = kw_take(k, name);
  if (!v) return 0;
  int t = PyObject_IsTrue(v);
  if (t < 0) return -1;
  *out = t;
  return 0;
}

static int kw_seed(kwargs *k, const char *name, int *has, uint64_t *out) {
  PyObject *v = kw_take(k, name);
  if (!v) return 0;
  if (ggpy_seed(v, name, out) != 0) return -1;
  if (has) *has = 1;
  return 0;
}

static int kw_str(kwargs *k, const char *name, const char **out) {
  PyObject *v = kw_take(k, name);
  if (!v) return 0;
  *out = ggpy_str(v, name);
  return *out ? 0 : -1;
}

static int kw_double(kwargs *k, const char *name, double *out) {
  PyObject *v = kw_take(k, name);
  if (!v) return 0;
  double x = PyFloat_AsDouble(v);
  if (x == -1.0 && PyErr_Occurred()) return -1;
  *out = x;
  return 0;
}

static int kw_scenario(kwargs *k, const char *name, PyObject **obj, const gg_scenario **out) {
  PyObject *v = kw_take(k, name);
  *obj = v;
  if (!v) return 0;
  *out = ggpy_scenario_of(v, name);
  return *out ? 0 : -1;
}

static void busy(PyObject *scobj, int delta) {
  if (scobj) ((ggpy_scenario *)scobj)->busy += delta;
}

static PyObject *matrix(const void *st, int rows, int cols, double (*f)(const void *, int, int)) {
  PyObject *m = PyList_New(rows);
  if (!m) return NULL;
  for (int i = 0; i < rows; i++) {
    PyObject *row = PyList_New(cols);
    if (!row) {
      Py_DECREF(m);
      return NULL;
    }
    for (int j = 0; j < cols; j++) {
      PyObject *x = PyFloat_FromDouble(f(st, i, j));
      if (!x) {
        Py_DECREF(row);
        Py_DECREF(m);
        return NULL;
      }
      PyList_SET_ITEM(row, j, x);
    }
    PyList_SET_ITEM(m, i, row);
  }
  return m;
}

/* ---- runs ------------------------------------------------------------------ */

#define STAT2(name)                                                                                \
  static double name##_2(const void *st, int s, int k) {                                           \
    return gg_##name(st, s, k);                                                                    \
  }
STAT2(run_stats_final_mean)
STAT2(run_stats_final_sd)
STAT2(run_stats_final_min)
STAT2(run_stats_final_max)
STAT2(run_stats_dominant_share)
static double region_mean_2(const void *st, int i, int k) {
  (void)i;
  return gg_run_stats_region_mean(st, k);
}
static double region_sd_2(const void *st, int i, int k) {
  (void)i;
  return gg_run_stats_region_sd(st, k);
}
static double region_min_2(const void *st, int i, int k) {
  (void)i;
  return gg_run_stats_region_min(st, k);
}
static double region_max_2(const void *st, int i, int k) {
  (void)i;
  return gg_run_stats_region_max(st, k);
}
static double flips_mean_2(const void *st, int i, int s) {
  (void)i;
  return gg_run_stats_flips_mean(st, s);
}
static double flips_max_2(const void *st, int i, int s) {
  (void)i;
  return (double)gg_run_stats_flips_max(st, s);
}

static PyObject *stats_dict(const gg_run_stats *st, const gg_scenario *sc) {
  int S = gg_scenario_states(sc), K = gg_scenario_powers(sc) + 1;
  int listed = gg_run_stats_listed(st);
  PyObject *seeds = PyList_New(listed);
  if (!seeds) return NULL;
  for (int r = 0; r < listed; r++) {
    PyObject *v = PyLong_FromUnsignedLongLong(gg_run_stats_run_seed(st, r));
    if (!v) {
      Py_DECREF(seeds);
      return NULL;
    }
    PyList_SET_ITEM(seeds, r, v);
  }
  return Py_BuildValue(
      "{s:i,s:N,s:N,s:N,s:N,s:N,s:N,s:N,s:N,s:N,s:N,s:N,s:N}", "runs", gg_run_stats_runs(st),
      "run_seeds", seeds, "final_mean", matrix(st, S, K, run_stats_final_mean_2), "final_sd",
      matrix(st, S, K, run_stats_final_sd_2), "final_min", matrix(st, S, K, run_stats_final_min_2),
      "final_max", matrix(st, S, K, run_stats_final_max_2), "dominant_share",
      matrix(st, S, K, run_stats_dominant_share_2), "region_mean", matrix(st, 1, K, region_mean_2),
      "region_sd", matrix(st, 1, K, region_sd_2), "region_min", matrix(st, 1, K, region_min_2),
      "region_max", matrix(st, 1, K, region_max_2), "flips_mean", matrix(st, 1, S, flips_mean_2),
      "flips_max", matrix(st, 1, S, flips_max_2));
}

PyObject *ggpy_run_study(PyObject *self, PyObject *args, PyObject *kw) {
  (void)self;
  kwargs k;
  if (kw_begin(&k, args, kw, "run_study") != 0) return NULL;
  gg_run_options o = gg_run_defaults();
  PyObject *scobj = NULL, *argv = NULL, *keep = NULL;
  const char **av = NULL;
  int ac = 0;
  PyObject *mo;
  if (kw_scenario(&k, "scenario", &scobj, &o.scenario) ||
      kw_str(&k, "scenario_path", &o.scenario_path) ||
      kw_int(&k, "replicates", 1, 1000000, &o.replicates) ||
      kw_seed(&k, "seed", &o.has_seed, &o.seed) || kw_str(&k, "out_dir", &o.out_dir) ||
      kw_flag(&k, "force", &o.force) || kw_str(&k, "alignment_path", &o.alignment_path) ||
      kw_str(&k, "started", &o.started) || kw_flag(&k, "exact_seed", &o.exact_seed))
    goto fail;
  if ((mo = kw_take(&k, "max_output_bytes")) != NULL) {
    uint64_t v;
    if (ggpy_seed(mo, "max_output_bytes", &v) != 0) goto fail;
    o.max_output_bytes = v;
  }
  if ((argv = kw_take(&k, "argv")) != NULL) {
    if (ggpy_strings(argv, "argv", &av, &ac, &keep) != 0) goto fail;
    o.argc = ac;
    o.argv = av;
  }
  if (kw_end(&k) != 0) goto fail;
  if (!o.scenario) {
    PyErr_SetString(PyExc_TypeError, "run_study: scenario is required");
    goto fail;
  }
  gg_run_stats *st = NULL;
  gg_error err;
  int status;
  busy(scobj, 1);
  PyThreadState *unlocked = PyEval_SaveThread();
  status = gg_run_study(&o, &st, &err);
  PyEval_RestoreThread(unlocked);
  busy(scobj, -1);
  PyMem_Free(av);
  Py_XDECREF(keep);
  if (status != GG_STUDY_OK) return ggpy_raise(err.msg, status);
  PyObject *r = stats_dict(st, o.scenario);
  gg_run_stats_free(st);
  return r;
fail:
  Py_CLEAR(k.d);
  PyMem_Free(av);
  Py_XDECREF(keep);
  return NULL;
}

/* ---- paired comparison ---------------------------------------------------- */

/* compare --out DIR (and --design): the effects, then the folder. */
static int compare_dir(const gg_compare_result *res, const gg_compare_options *o, const char *dir,
                       const char *base_path, const char *whatif_path, const char *design,
                       const char *const *argv, int argc, int force, gg_error *err) {
  double *effects = NULL;
  if (design) {
    effects = malloc((size_t)gg_compare_rows(res) * sizeof(double));
    if (!effects) {
      snprintf(err->msg, sizeof err->msg, "compare: out of memory");
      return GG_STUDY_OUT_OF_MEMORY;
    }
    if (gg_compare_effects(res, design, effects, err) != 0) {
      char msg[sizeof err->msg];
      memcpy(msg, err->msg, sizeof msg);
      snprintf(err->msg, sizeof err->msg, "design %.1000s", msg);
      free(effects);
      return GG_STUDY_BAD_OPTIONS;
    }
  }
  int st = gg_compare_write_dir(res, o, dir, base_path, whatif_path, design, effects, argc, argv,
                                force, err);
  free(effects);
  return st;
}

PyObject *ggpy_compare(PyObject *self, PyObject *args, PyObject *kw) {
  (void)self;
  kwargs k;
  if (kw_begin(&k, args, kw, "compare") != 0) return NULL;
  gg_compare_options o = gg_compare_defaults();
  PyObject *b = NULL, *w = NULL, *argv = NULL, *keep = NULL;
  const char *csv = NULL, *dir = NULL, *design = NULL, *bpath = NULL, *wpath = NULL;
  const char **av = NULL;
  int ac = 0, force = 0;
  if (kw_scenario(&k, "base", &b, &o.base) || kw_scenario(&k, "whatif", &w, &o.whatif) ||
      kw_int(&k, "replicates", 1, 1000000, &o.replicates) ||
      kw_seed(&k, "seed", &o.has_seed, &o.seed) || kw_str(&k, "csv_path", &csv) ||
      kw_str(&k, "out_dir", &dir) || kw_str(&k, "design", &design) ||
      kw_str(&k, "base_path", &bpath) || kw_str(&k, "whatif_path", &wpath) ||
      kw_flag(&k, "force", &force))
    return NULL;
  if ((argv = kw_take(&k, "argv")) != NULL && ggpy_strings(argv, "argv", &av, &ac, &keep) != 0) {
    Py_CLEAR(k.d);
    return NULL;
  }
  if (kw_end(&k)) {
    PyMem_Free(av);
    Py_XDECREF(keep);
    return NULL;
  }
  if (!o.base || !o.whatif) {
    PyMem_Free(av);
    Py_XDECREF(keep);
    PyErr_SetString(PyExc_TypeError, "compare: base and whatif are required");
    return NULL;
  }
  gg_compare_result *res = NULL;
  gg_error err;
  int status;
  busy(b, 1);
  busy(w, 1);
  PyThreadState *unlocked = PyEval_SaveThread();
  status = gg_compare_run(&o, &res, &err);
  if (status == GG_STUDY_OK && csv) status = gg_compare_write_csv(res, csv, &err);
  if (status == GG_STUDY_OK && dir)
    status = compare_dir(res, &o, dir, bpath, wpath, design, av, ac, force, &err);
  if (status != GG_STUDY_OK) {
    gg_compare_free(res);
    res = NULL;
  }
  PyEval_RestoreThread(unlocked);
  busy(b, -1);
  busy(w, -1);
  PyMem_Free(av);
  Py_XDECREF(keep);
  if (status != GG_STUDY_OK) return ggpy_raise(err.msg, status);
  int n = gg_compare_rows(res), reps = gg_compare_replicates(res);
  PyObject *rows = PyList_New(n);
  PyObject *samples = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)n * reps * 4 * 8);
  if (!rows || !samples) goto oom;
  double *sp = (double *)(void *)PyByteArray_AS_STRING(samples);
  for (int i = 0; i < n; i++) {
    const gg_compare_row *x = gg_compare_row_at(res, i);
    PyObject *t =
        Py_BuildValue("(sisidddddddddddd)", x->state, x->state_index, x->component,
                      x->component_index, x->base_end, x->whatif_end, x->diff_end, x->diff_end_half,
                      x->diff_end_lo, x->diff_end_hi, x->base_mean, x->whatif_mean, x->diff_mean,
                      x->diff_mean_half, x->diff_mean_lo, x->diff_mean_hi);
    if (!t) goto oom;
    PyList_SET_ITEM(rows, i, t);
    for (int r = 0; r < reps; r++)
      for (int v = 0; v < 4; v++)
        sp[((size_t)i * (size_t)reps + (size_t)r) * 4 + (size_t)v] =
            gg_compare_sample(res, i, r, (gg_compare_value)v);
  }
  PyObject *out = Py_BuildValue("{s:N,s:N,s:i,s:K}", "rows", rows, "samples", samples, "replicates",
                                reps, "seed", (unsigned long long)gg_compare_seed(res));
  gg_compare_free(res);
  return out;
oom:
  Py_XDECREF(rows);
  Py_XDECREF(samples);
  gg_compare_free(res);
  return NULL;
}

/* ---- explanation ---------------------------------------------------------- */

/* A tick given as an int or as text (a date or a number). */
static int kw_tick(kwargs *k, const char *name, const gg_scenario *sc, int *out) {
  PyObject *v = kw_take(k, name);
  if (!v) return 0;
  if (PyLong_Check(v)) {
    long t;
    if (ggpy_int(v, name, 0, GG_MAX_TICKS, &t) != 0) return -1;
    *out = (int)t;
    return 0;
  }
  const char *s = ggpy_str(v, name);
  if (!s) return -1;
  gg_error err;
  if (gg_scenario_parse_time(sc, s, out, &err) != 0) {
    char msg[1200];
    snprintf(msg, sizeof msg, "%s: %s", name, err.msg);
    ggpy_raise(msg, GG_STUDY_BAD_OPTIONS);
    return -1;
  }
  return 0;
}

PyObject *ggpy_explain(PyObject *self, PyObject *args, PyObject *kw) {
  (void)self;
  kwargs k;
  if (kw_begin(&k, args, kw, "explain") != 0) return NULL;
  gg_explain_options o = gg_explain_defaults();
  PyObject *scobj = NULL;
  const char *state = NULL;
  if (kw_scenario(&k, "scenario", &scobj, &o.scenario) || kw_str(&k, "state", &state)) goto fail;
  if (!o.scenario || !state) {
    PyErr_SetString(PyExc_TypeError, "explain: scenario and state are required");
    goto fail;
  }
  o.state = gg_state_index(o.scenario, state);
  if (o.state < 0) {
    char msg[300];
    snprintf(msg, sizeof msg, "state: no state with id \"%.200s\"", state);
    Py_CLEAR(k.d);
    return ggpy_raise(msg, GG_STUDY_BAD_OPTIONS);
  }
  if (kw_tick(&k, "start", o.scenario, &o.from) || kw_tick(&k, "end", o.scenario, &o.to) ||
      kw_seed(&k, "seed", &o.has_seed, &o.seed) || kw_end(&k))
    goto fail;
  gg_explain_result *res = NULL;
  gg_error err;
  int status;
  busy(scobj, 1);
  PyThreadState *unlocked = PyEval_SaveThread();
  status = gg_explain_run(&o, &res, &err);
  PyEval_RestoreThread(unlocked);
  busy(scobj, -1);
  if (status != GG_STUDY_OK) return ggpy_raise(err.msg, status);
  /* GG-1's kinds, then GG-2's (explain.c numbers them 8 to 12) */
  static const char *kinds[] = {"affinity", "channel",        "bloc",   "backlash", "neighbour",
                                "noise",    "utility",        "share",  "ties",     "dependence",
                                "regime",   "conditionality", "hedging"};
  int C = gg_explain_components(res), T = gg_explain_terms(res);
  PyObject *rows = PyList_New((Py_ssize_t)C * T);
  if (!rows) {
    gg_explain_free(res);
    return NULL;
  }
  for (int c = 0; c < C; c++)
    for (int t = 0; t < T; t++) {
      const gg_explain_term *x = gg_explain_term_at(res, c, t);
      size_t kind = (size_t)x->kind;
      const char *kname = kind < sizeof kinds / sizeof kinds[0] ? kinds[kind] : "term";
      PyObject *row = Py_BuildValue("(ssisdd)", gg_component_id(o.scenario, c), kname, x->index,
                                    x->label, x->from, x->to);
      if (!row) {
        Py_DECREF(rows);
        gg_explain_free(res);
        return NULL;
      }
      PyList_SET_ITEM(rows, (Py_ssize_t)c * T + t, row);
    }
  PyObject *out =
      Py_BuildValue("{s:N,s:i,s:i,s:K}", "rows", rows, "start", gg_explain_from(res), "end",
                    gg_explain_to(res), "seed", (unsigned long long)gg_explain_seed(res));
  gg_explain_free(res);
  return out;
fail:
  Py_CLEAR(k.d);
  return NULL;
}

/* ---- sweeps and sensitivity ------------------------------------------------ */

/* What a gg_sweep_options points into. */
typedef struct sweep_store {
  PyObject *scobj;
  PyObject *keep_sets, *keep_metrics;
  const char **sets, **metrics;
  gg_sweep_param *params;
  gg_sweep_factor *factors;
} sweep_store;

static void store_free(sweep_store *s) {
  Py_CLEAR(s->keep_sets);
  Py_CLEAR(s->keep_metrics);
  PyMem_Free(s->sets);
  PyMem_Free(s->metrics);
  PyMem_Free(s->params);
  PyMem_Free(s->factors);
  memset(s, 0, sizeof *s);
}

/* A parameter: "PATH=LO:HI[:STEPS]" (read by the library, as --param) or a
   tuple (path, lo, hi[, steps]). */
static int sweep_param(PyObject *v, int i, gg_sweep_param *p) {
  char label[64];
  snprintf(label, sizeof label, "params[%d]", i);
  gg_error err;
  if (PyUnicode_Check(v)) {
    const char *s = ggpy_str(v, label);
    if (!s) return -1;
    if (gg_sweep_param_parse(s, p, &err) != 0) {
      char msg[1200];
      snprintf(msg, sizeof msg, "%s %s", label, err.msg);
      ggpy_raise(msg, GG_SWEEP_ERR_PARAMS);
      return -1;
    }
    return 0;
  }
  const char *path;
  Py_ssize_t plen;
  int steps = 0;
  memset(p, 0, sizeof *p);
  if (!PyTuple_Check(v) || !PyArg_ParseTuple(v, "s#dd|i", &path, &plen, &p->lo, &p->hi, &steps)) {
    PyErr_Clear();
    PyErr_Format(PyExc_TypeError, "%s: expected \"PATH=LO:HI[:STEPS]\" or (path, lo, hi[, steps])",
                 label);
    return -1;
  }
  if ((size_t)plen >= sizeof p->path) {
    PyErr_Format(PyExc_ValueError, "%s: path longer than %d bytes", label, GG_SWEEP_PATH_MAX - 1);
    return -1;
  }
  memcpy(p->path, path, (size_t)plen + 1);
  p->steps = steps;
  return 0;
}

/* Factors: a list of "PATH=LEVEL,LEVEL..." as --factor (read by the
   library). */
static int sweep_factors(PyObject *v, gg_sweep_options *o, sweep_store *s) {
  PyObject *list = PyUnicode_Check(v) ? NULL : PySequence_List(v);
  if (!list) {
    PyErr_Clear();
    PyErr_SetString(PyExc_TypeError,
                    "factors: expected a list of \"PATH=LEVEL,LEVEL...\" (as --factor)");
    return -1;
  }
  Py_ssize_t n = PyList_GET_SIZE(list);
  if (n > GG_SWEEP_MAX_FACTORS) {
    Py_DECREF(list);
    PyErr_Format(PyExc_ValueError, "factors: at most %d factors", GG_SWEEP_MAX_FACTORS);
    return -1;
  }
  s->factors = PyMem_Calloc((size_t)n + 1, sizeof *s->factors);
  if (!s->factors) {
    Py_DECREF(list);
    PyErr_NoMemory();
    return -1;
  }
  for (Py_ssize_t i = 0; i < n; i++) {
    char label[64];
    snprintf(label, sizeof label, "factors[%d]", (int)i);
    const char *text = ggpy_str(PyList_GET_ITEM(list, i), label);
    gg_error err;
    if (!text) {
      Py_DECREF(list);
      return -1;
    }
    if (gg_sweep_factor_parse(text, &s->factors[i], &err) != 0) {
      char msg[1200];
      snprintf(msg, sizeof msg, "%s %s", label, err.msg);
      Py_DECREF(list);
      ggpy_raise(msg, GG_SWEEP_ERR_FACTORS);
      return -1;
    }
  }
  Py_DECREF(list);
  o->factors = s->factors;
  o->nfactors = (int)n;
  return 0;
}

static int sweep_fill(kwargs *k, gg_sweep_options *o, sweep_store *s) {
  PyObject *v;
  const char *design = NULL, *shard = NULL;
  if (kw_scenario(k, "scenario", &s->scobj, &o->scenario)) return -1;
  if ((v = kw_take(k, "sets")) != NULL) {
    if (ggpy_strings(v, "sets", &s->sets, &o->nsets, &s->keep_sets) != 0) return -1;
    o->sets = s->sets;
  }
  if ((v = kw_take(k, "metrics")) != NULL) {
    if (ggpy_strings(v, "metrics", &s->metrics, &o->nmetrics, &s->keep_metrics) != 0) return -1;
    o->metrics = s->metrics;
  }
  if ((v = kw_take(k, "params")) != NULL) {
    PyObject *list = PySequence_List(v);
    if (!list || PyUnicode_Check(v)) {
      Py_XDECREF(list);
      PyErr_SetString(PyExc_TypeError, "params: expected a list of parameters");
      return -1;
    }
    Py_ssize_t n = PyList_GET_SIZE(list);
    if (n > GG_SWEEP_MAX_PARAMS) {
      Py_DECREF(list);
      PyErr_Format(PyExc_ValueError, "params: at most %d parameters", GG_SWEEP_MAX_PARAMS);
      return -1;
    }
    s->params = PyMem_Calloc((size_t)n + 1, sizeof *s->params);
    if (!s->params) {
      Py_DECREF(list);
      PyErr_NoMemory();
      return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++)
      if (sweep_param(PyList_GET_ITEM(list, i), (int)i, &s->params[i]) != 0) {
        Py_DECREF(list);
        return -1;
      }
    Py_DECREF(list);
    o->params = s->params;
    o->nparams = (int)n;
  }
  if ((v = kw_take(k, "factors")) != NULL && sweep_factors(v, o, s) != 0) return -1;
  if (kw_str(k, "design", &design)) return -1;
  if (design && gg_design_from_name(design, &o->design) != 0) {
    PyErr_Format(PyExc_ValueError, "design: expected grid, random, lhs or sobol, got \"%s\"",
                 design);
    return -1;
  }
  if (kw_long(k, "samples", 0, 100000000L, &o->samples) ||
      kw_int(k, "replicates", 1, 100000000L, &o->replicates) ||
      kw_flag(k, "independent_seeds", &o->independent_seeds) ||
      kw_seed(k, "design_seed", &o->design_seed_given, &o->design_seed) ||
      kw_int(k, "trajectories", 0, 15, &o->trajectories) ||
      kw_long(k, "block_runs", 1, 100000000L, &o->block_runs) ||
      kw_int(k, "threads", 0, 4096, &o->threads) || kw_str(k, "out", &o->out) ||
      kw_flag(k, "resume", &o->resume) || kw_flag(k, "force", &o->force) ||
      kw_flag(k, "keep_blocks", &o->keep_blocks) || kw_str(k, "shard", &shard) ||
      kw_str(k, "command", &o->command))
    return -1;
  o->shard_spec = shard;
  return 0;
}

static PyObject *sweep_result_dict(const gg_sweep_result *r) {
  return Py_BuildValue(
      "{s:s,s:K,s:i,s:i,s:i,s:i,s:i,s:l,s:l,s:l,s:l,s:l,s:l,s:l,s:l,s:i}", "hash", r->hash,
      "design_seed", (unsigned long long)r->design_seed, "threads", r->threads, "replicates",
      r->replicates, "trajectories", r->trajectories, "shard_index", r->shard_index, "shard_count",
      r->shard_count, "samples", r->samples, "runs", r->runs, "blocks", r->blocks, "blocks_reused",
      r->blocks_reused, "blocks_run", r->blocks_run, "runs_run", r->runs_run, "runs_failed",
      r->runs_failed, "part_runs", r->part_runs, "was_complete", r->was_complete);
}

static PyObject *sweep_raise(const gg_error *err, const gg_sweep_result *r) {
  PyObject *e = NULL;
  ggpy_raise(err->msg, (int)r->error);
  /* the entry at fault, for a front end's own words */
  PyObject *type, *value, *tb;
  PyErr_Fetch(&type, &value, &tb);
  PyErr_NormalizeException(&type, &value, &tb);
  if (value) {
    e = PyLong_FromLong(r->fault_index);
    if (e) PyObject_SetAttrString(value, "fault_index", e);
    Py_XDECREF(e);
  }
  PyErr_Restore(type, value, tb);
  return NULL;
}

PyObject *ggpy_sweep(PyObject *self, PyObject *args, PyObject *kw) {
  (void)self;
  kwargs k;
  sweep_store s;
  memset(&s, 0, sizeof s);
  if (kw_begin(&k, args, kw, "sweep") != 0) return NULL;
  gg_sweep_options o = gg_sweep_defaults();
  if (sweep_fill(&k, &o, &s) != 0 || kw_end(&k) != 0) {
    Py_CLEAR(k.d);
    store_free(&s);
    return NULL;
  }
  gg_sweep_result res;
  gg_error err;
  int rc;
  memset(&res, 0, sizeof res);
  busy(s.scobj, 1);
  PyThreadState *unlocked = PyEval_SaveThread();
  rc = gg_sweep_run(&o, &res, &err);
  PyEval_RestoreThread(unlocked);
  busy(s.scobj, -1);
  store_free(&s);
  if (rc != 0) return sweep_raise(&err, &res);
  return sweep_result_dict(&res);
}

PyObject *ggpy_sensitivity(PyObject *self, PyObject *args, PyObject *kw) {
  (void)self;
  kwargs k;
  sweep_store s;
  memset(&s, 0, sizeof s);
  if (kw_begin(&k, args, kw, "sensitivity") != 0) return NULL;
  gg_sensitivity_options o = gg_sensitivity_defaults();
  const char *method = NULL;
  if (sweep_fill(&k, &o.sweep, &s) != 0 || kw_str(&k, "method", &method) ||
      kw_flag(&k, "second_order", &o.second_order) || kw_int(&k, "levels", 2, 1000, &o.levels) ||
      kw_int(&k, "resamples", 1, 100000000L, &o.resamples) ||
      kw_double(&k, "confidence", &o.confidence) ||
      kw_seed(&k, "bootstrap_seed", NULL, &o.bootstrap_seed) || kw_end(&k) != 0)
    goto fail;
  if (method && strcmp(method, "sobol") == 0) {
    o.method = GG_SENSITIVITY_SOBOL;
  } else if (method && strcmp(method, "morris") == 0) {
    o.method = GG_SENSITIVITY_MORRIS;
  } else if (method && strcmp(method, "efast") == 0) {
    o.method = GG_SENSITIVITY_EFAST;
  } else if (method) {
    PyErr_Format(PyExc_ValueError, "method: expected sobol, morris or efast, got \"%s\"", method);
    goto fail;
  }
  gg_sensitivity_result res;
  gg_error err;
  int rc;
  memset(&res, 0, sizeof res);
  busy(s.scobj, 1);
  PyThreadState *unlocked = PyEval_SaveThread();
  rc = gg_sensitivity_run(&o, &res, &err);
  PyEval_RestoreThread(unlocked);
  busy(s.scobj, -1);
  store_free(&s);
  if (rc != 0) {
    sweep_raise(&err, &res.sweep);
    gg_sensitivity_result_free(&res);
    return NULL;
  }
  int M = res.metrics, D = res.params;
  PyObject *names = PyList_New(M), *paths = PyList_New(D), *failed = PyList_New(M);
  PyObject *ind = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)M * D * 4 * 8);
  PyObject *sec = res.second ? PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)M * D * D * 2 * 8)
                             : (Py_INCREF(Py_None), Py_None);
  PyObject *out = NULL;
  if (!names || !paths || !failed || !ind || !sec) goto done;
  for (int m = 0; m < M; m++) {
    PyList_SET_ITEM(names, m, PyUnicode_FromString(res.metric_names[m]));
    PyObject *f = res.failed && res.failed[m] ? PyUnicode_FromString(res.failed[m])
                                              : (Py_INCREF(Py_None), Py_None);
    PyList_SET_ITEM(failed, m, f);
  }
  for (int j = 0; j < D; j++)
    PyList_SET_ITEM(paths, j, PyUnicode_FromString(res.param_paths[j]));
  if (PyErr_Occurred()) goto done;
  memcpy(PyByteArray_AS_STRING(ind), res.indices, (size_t)M * (size_t)D * 4 * sizeof(double));
  if (res.second)
    memcpy(PyByteArray_AS_STRING(sec), res.second,
           (size_t)M * (size_t)D * (size_t)D * 2 * sizeof(double));
  out = Py_BuildValue("{s:N,s:O,s:O,s:O,s:O,s:O,s:s}", "sweep", sweep_result_dict(&res.sweep),
                      "metrics", names, "params", paths, "indices", ind, "second", sec, "failed",
                      failed, "method",
                      o.method == GG_SENSITIVITY_SOBOL   ? "sobol"
                      : o.method == GG_SENSITIVITY_EFAST ? "efast"
                                                         : "morris");
done:
  Py_XDECREF(names);
  Py_XDECREF(paths);
  Py_XDECREF(failed);
  Py_XDECREF(ind);
  Py_XDECREF(sec);
  gg_sensitivity_result_free(&res);
  return out;
fail:
  Py_CLEAR(k.d);
  store_free(&s);
  return NULL;
}

PyObject *ggpy_merge(PyObject *self, PyObject *args, PyObject *kw) {
  (void)self;
  kwargs k;
  if (kw_begin(&k, args, kw, "merge") != 0) return NULL;
  gg_merge_options o = gg_merge_defaults();
  PyObject *dirs, *keep = NULL;
  const char **d = NULL;
  if (kw_str(&k, "out", &o.out) || kw_flag(&k, "keep_blocks", &o.keep_blocks) ||
      kw_str(&k, "command", &o.command))
    goto fail;
  if ((dirs = kw_take(&k, "dirs")) != NULL) {
    if (ggpy_strings(dirs, "dirs", &d, &o.ndirs, &keep) != 0) goto fail;
    o.dirs = d;
  }
  if (kw_end(&k) != 0) goto fail;
  gg_sweep_result res;
  gg_error err;
  int rc;
  memset(&res, 0, sizeof res);
  PyThreadState *unlocked = PyEval_SaveThread();
  rc = gg_merge_run(&o, &res, &err);
  PyEval_RestoreThread(unlocked);
  PyMem_Free(d);
  Py_XDECREF(keep);
  if (rc != 0) return sweep_raise(&err, &res);
  return sweep_result_dict(&res);
fail:
  Py_CLEAR(k.d);
  PyMem_Free(d);
  Py_XDECREF(keep);
  return NULL;
}

/* ---- calibration ------------------------------------------------------------ */

/* The warnings of a calibration (its callback; calls never overlap). */
#define CAL_WARNINGS 16
typedef struct cal_warnings {
  int n;
  char text[CAL_WARNINGS][1024];
} cal_warnings;

static void cal_warning(void *ctx, const char *message) {
  cal_warnings *w = ctx;
  if (w->n < CAL_WARNINGS) snprintf(w->text[w->n++], sizeof w->text[0], "%s", message);
}

static PyObject *doubles(const double *v, int n) {
  PyObject *l = PyList_New(n);
  if (!l) return NULL;
  for (int i = 0; i < n; i++)
    PyList_SET_ITEM(l, i, PyFloat_FromDouble(v[i]));
  return l;
}

static PyObject *calibrate_dict(const gg_calibrate_result *r) {
  int P = gg_calibrate_result_params(r), NS = gg_calibrate_result_starts(r);
  PyObject *params = PyList_New(P), *starts = PyList_New(NS), *holdout = Py_None;
  if (!params || !starts) goto fail;
  for (int j = 0; j < P; j++) {
    const gg_calibrate_param *p = gg_calibrate_result_param(r, j);
    const double *pv, *po;
    gg_calibrate_result_profile(r, j, &pv, &po);
    PyObject *row = Py_BuildValue("{s:s,s:d,s:d,s:d,s:d,s:i,s:N,s:N}", "path", p->path, "lo", p->lo,
                                  "hi", p->hi, "value", gg_calibrate_result_value(r, j), "se",
                                  gg_calibrate_result_se(r, j), "identified",
                                  (int)gg_calibrate_result_identified(r, j), "profile_values",
                                  doubles(pv, GG_CALIBRATE_PROFILE_POINTS), "profile_objectives",
                                  doubles(po, GG_CALIBRATE_PROFILE_POINTS));
    if (!row) goto fail;
    PyList_SET_ITEM(params, j, row);
  }
  for (int s = 0; s < NS; s++) {
    gg_calibrate_start st;
    gg_calibrate_result_start(r, s, &st);
    PyObject *row = Py_BuildValue("{s:N,s:N,s:d,s:i,s:i}", "initial", doubles(st.initial, P),
                                  "fitted", doubles(st.fitted, P), "objective", st.objective,
                                  "iterations", st.iterations, "status", (int)st.status);
    if (!row) goto fail;
    PyList_SET_ITEM(starts, s, row);
  }
  gg_calibrate_holdout h;
  if (gg_calibrate_result_holdout(r, &h)) {
    holdout =
        Py_BuildValue("{s:i,s:s,s:i,s:i,s:d,s:d,s:d,s:d,s:d}", "from_tick", h.from_tick,
                      "from_date", h.from_date, "targets", h.targets, "scored", h.scored,
                      "sse_model", h.sse_model, "sse_persistence", h.sse_persistence, "rmse_model",
                      h.rmse_model, "rmse_persistence", h.rmse_persistence, "skill", h.skill);
    if (!holdout) goto fail;
  } else {
    Py_INCREF(holdout);
  }
  gg_scenario *sc = gg_scenario_clone(gg_calibrate_result_scenario(r));
  if (!sc) {
    PyErr_NoMemory();
    Py_DECREF(holdout);
    goto fail;
  }
  PyObject *scobj = ggpy_scenario_wrap(sc, NULL);
  if (!scobj) {
    Py_DECREF(holdout);
    goto fail;
  }
  return Py_BuildValue("{s:N,s:N,s:N,s:d,s:d,s:i,s:i,s:i,s:i,s:K,s:i,s:N,s:s}", "params", params,
                       "starts", starts, "holdout", holdout, "objective",
                       gg_calibrate_result_objective(r), "sigma2", gg_calibrate_result_sigma2(r),
                       "rank", gg_calibrate_result_rank(r), "targets",
                       gg_calibrate_result_targets(r), "targets_fitted",
                       gg_calibrate_result_targets_fitted(r), "noisy", gg_calibrate_result_noisy(r),
                       "design_seed", (unsigned long long)gg_calibrate_result_design_seed(r),
                       "best_start", gg_calibrate_result_best_start(r), "scenario", scobj,
                       "scenario_json", gg_calibrate_result_scenario_json(r));
fail:
  Py_XDECREF(params);
  Py_XDECREF(starts);
  return NULL;
}

PyObject *ggpy_calibrate(PyObject *self, PyObject *args, PyObject *kw) {
  (void)self;
  kwargs k;
  if (kw_begin(&k, args, kw, "calibrate") != 0) return NULL;
  gg_calibrate_options o = gg_calibrate_defaults();
  PyObject *scobj = NULL, *v, *plist = NULL, *slist = NULL, *result = NULL;
  gg_calibrate_param *params = NULL;
  gg_calibrate_set *sets = NULL;
  char(*setpaths)[512] = NULL;
  gg_scenario *parse_sc = NULL;
  const char *method = NULL, *targets_csv = NULL;
  gg_error err;
  if (kw_scenario(&k, "scenario", &scobj, &o.scenario) ||
      kw_str(&k, "scenario_path", &o.scenario_path) || kw_str(&k, "targets", &o.targets_path) ||
      kw_str(&k, "targets_csv", &targets_csv) || kw_str(&k, "method", &method) ||
      kw_int(&k, "starts", 1, 100000, &o.starts) || kw_seed(&k, "seed", &o.has_seed, &o.seed) ||
      kw_int(&k, "max_iter", 1, 10000000, &o.max_iter) ||
      kw_int(&k, "threads", 0, 4096, &o.threads) || kw_str(&k, "holdout_from", &o.holdout_from) ||
      kw_str(&k, "out_dir", &o.out_dir) || kw_flag(&k, "force", &o.force) ||
      kw_str(&k, "command_line", &o.command_line))
    goto done;
  if (targets_csv) {
    o.targets_csv = targets_csv;
    o.targets_csv_len = strlen(targets_csv);
  }
  if (method && strcmp(method, "nelder-mead") == 0) {
    o.method = GG_CALIBRATE_NELDER_MEAD;
  } else if (method && strcmp(method, "lm") == 0) {
    o.method = GG_CALIBRATE_LM;
  } else if (method) {
    PyErr_Format(PyExc_ValueError, "method: expected nelder-mead or lm, got \"%s\"", method);
    goto done;
  }
  /* The parameters are read against the scenario (the baseline if none). */
  const gg_scenario *psc = o.scenario;
  if (!psc && o.scenario_path) {
    parse_sc = gg_scenario_load(o.scenario_path, &err);
    if (!parse_sc) {
      ggpy_raise(err.msg, GG_CALIBRATE_BAD_SCENARIO);
      goto done;
    }
    psc = parse_sc;
  } else if (!psc) {
    parse_sc = gg_scenario_baseline(&err);
    if (!parse_sc) {
      ggpy_raise(err.msg, GG_CALIBRATE_BAD_SCENARIO);
      goto done;
    }
    psc = parse_sc;
  }
  if ((v = kw_take(&k, "params")) != NULL) {
    plist = PySequence_List(v);
    if (!plist || PyUnicode_Check(v)) {
      PyErr_SetString(PyExc_TypeError, "params: expected a list of \"PATH=LO:HI\"");
      goto done;
    }
    Py_ssize_t n = PyList_GET_SIZE(plist);
    params = PyMem_Calloc((size_t)n + 1, sizeof *params);
    if (!params) {
      PyErr_NoMemory();
      goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
      char label[64];
      snprintf(label, sizeof label, "params[%zd]", i);
      const char *t = ggpy_str(PyList_GET_ITEM(plist, i), label);
      if (!t) goto done;
      if (gg_calibrate_param_parse(psc, t, &params[i], &err) != 0) {
        ggpy_raise(err.msg, GG_CALIBRATE_BAD_PARAM);
        goto done;
      }
    }
    o.params = params;
    o.n_params = (int)n;
  }
  if ((v = kw_take(&k, "sets")) != NULL) {
    slist = PySequence_List(v);
    if (!slist || PyUnicode_Check(v)) {
      PyErr_SetString(PyExc_TypeError, "sets: expected a list of \"PATH=VALUE\"");
      goto done;
    }
    Py_ssize_t n = PyList_GET_SIZE(slist);
    sets = PyMem_Calloc((size_t)n + 1, sizeof *sets);
    setpaths = PyMem_Calloc((size_t)n + 1, sizeof *setpaths);
    if (!sets || !setpaths) {
      PyErr_NoMemory();
      goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
      char label[64];
      snprintf(label, sizeof label, "sets[%zd]", i);
      const char *t = ggpy_str(PyList_GET_ITEM(slist, i), label);
      if (!t) goto done;
      const char *eq = strchr(t, '=');
      if (!eq || eq == t || (size_t)(eq - t) >= sizeof setpaths[i]) {
        PyErr_Format(PyExc_ValueError, "%s %s: expected PATH=VALUE", label, t);
        goto done;
      }
      memcpy(setpaths[i], t, (size_t)(eq - t));
      sets[i].path = setpaths[i];
      if (strcmp(setpaths[i], "seed") == 0) {
        char *end = NULL;
        sets[i].seed = strtoull(eq + 1, &end, 10);
        if (!eq[1] || *end || eq[1] == '-' || eq[1] == '+' || eq[1] == ' ') {
          PyErr_Format(PyExc_ValueError, "%s %s: expected an integer from 0 to %llu", label, t,
                       (unsigned long long)UINT64_MAX);
          goto done;
        }
      } else if (gg_parse_number(eq + 1, &sets[i].value) != 0) {
        PyErr_Format(PyExc_ValueError, "%s %s: expected a number", label, t);
        goto done;
      }
    }
    o.sets = sets;
    o.n_sets = (int)n;
  }
  if (kw_end(&k) != 0) goto done;
  cal_warnings *warn = PyMem_Calloc(1, sizeof *warn);
  if (!warn) {
    PyErr_NoMemory();
    goto done;
  }
  o.callbacks.warning = cal_warning;
  o.callbacks.ctx = warn;
  gg_calibrate_result *res = NULL;
  int status;
  busy(scobj, 1);
  PyThreadState *unlocked = PyEval_SaveThread();
  status = gg_calibrate_run(&o, &res, &err);
  PyEval_RestoreThread(unlocked);
  busy(scobj, -1);
  if (status != GG_CALIBRATE_OK) {
    PyMem_Free(warn);
    ggpy_raise(err.msg, status);
    goto done;
  }
  result = calibrate_dict(res);
  gg_calibrate_result_free(res);
  PyObject *wl = result ? PyList_New(warn->n) : NULL;
  for (int i = 0; wl && i < warn->n; i++)
    PyList_SET_ITEM(wl, i, PyUnicode_FromString(warn->text[i]));
  PyMem_Free(warn);
  if (result && (!wl || PyErr_Occurred() || PyDict_SetItemString(result, "warnings", wl) < 0))
    Py_CLEAR(result);
  Py_XDECREF(wl);
done:
  Py_CLEAR(k.d);
  Py_XDECREF(plist);
  Py_XDECREF(slist);
  PyMem_Free(params);
  PyMem_Free(sets);
  PyMem_Free(setpaths);
  gg_scenario_free(parse_sc);
  return result;
}

/* ---- backtests ---------------------------------------------------------------- */

PyObject *ggpy_backtest(PyObject *self, PyObject *args, PyObject *kw) {
  (void)self;
  kwargs k;
  if (kw_begin(&k, args, kw, "backtest") != 0) return NULL;
  gg_backtest_options o = gg_backtest_defaults();
  PyObject *scobj = NULL, *argv, *keep = NULL;
  const char **av = NULL;
  int ac = 0;
  if (kw_scenario(&k, "scenario", &scobj, &o.scenario) ||
      kw_str(&k, "observed", &o.observed_path) ||
      kw_int(&k, "fit_until", 1000, 9999, &o.fit_until) ||
      kw_str(&k, "indicators", &o.indicators) || kw_str(&k, "leave_out", &o.leave_out) ||
      kw_seed(&k, "seed", &o.has_seed, &o.seed) || kw_str(&k, "out_dir", &o.out_dir) ||
      kw_flag(&k, "force", &o.force))
    goto fail;
  if ((argv = kw_take(&k, "argv")) != NULL) {
    if (ggpy_strings(argv, "argv", &av, &ac, &keep) != 0) goto fail;
    o.argc = ac;
    o.argv = av;
  }
  if (kw_end(&k) != 0) goto fail;
  gg_backtest_result *res = NULL;
  gg_error err;
  int status;
  busy(scobj, 1);
  PyThreadState *unlocked = PyEval_SaveThread();
  status = gg_backtest_run(&o, &res, &err);
  PyEval_RestoreThread(unlocked);
  busy(scobj, -1);
  PyMem_Free(av);
  Py_XDECREF(keep);
  if (status != GG_BACKTEST_OK) return ggpy_raise(err.msg, status);
  int nf = gg_backtest_forecasts(res), ns = gg_backtest_scores(res);
  int np = gg_backtest_params(res), nn = gg_backtest_notes(res);
  PyObject *f = PyList_New(nf), *s = PyList_New(ns), *p = PyList_New(np), *n = PyList_New(nn);
  PyObject *out = NULL;
  if (!f || !s || !p || !n) goto done;
  for (int i = 0; i < nf; i++) {
    const gg_backtest_forecast *x = gg_backtest_forecast_at(res, i);
    PyList_SET_ITEM(f, i,
                    Py_BuildValue("(ssssdddd)", x->date, x->state, x->indicator, x->partner,
                                  x->observed, x->forecast, x->persistence, x->trend));
  }
  for (int i = 0; i < ns; i++) {
    const gg_backtest_score *x = gg_backtest_score_at(res, i);
    PyList_SET_ITEM(s, i,
                    Py_BuildValue("(ssidddddd)", x->indicator, x->state, x->n, x->rmse, x->mae,
                                  x->rmse_persistence, x->rmse_trend, x->skill_persistence,
                                  x->skill_trend));
  }
  for (int i = 0; i < np; i++) {
    const gg_backtest_param *x = gg_backtest_param_at(res, i);
    PyList_SET_ITEM(p, i,
                    Py_BuildValue("(ssssddi)", x->indicator, x->partner, x->share_of, x->link, x->a,
                                  x->b, x->n));
  }
  for (int i = 0; i < nn; i++)
    PyList_SET_ITEM(n, i, PyUnicode_FromString(gg_backtest_note_at(res, i)));
  if (PyErr_Occurred()) goto done;
  const gg_backtest_counts *c = gg_backtest_counts_of(res);
  out = Py_BuildValue("{s:O,s:O,s:O,s:O,s:s,s:{s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i}}",
                      "forecasts", f, "scores", s, "params", p, "notes", n, "observed_sha256",
                      gg_backtest_observed_sha256(res), "counts", "rows", c->rows, "not_selected",
                      c->not_selected, "no_partner", c->no_partner, "outside_scenario",
                      c->outside_scenario, "left_out", c->left_out, "fitted", c->fitted, "forecast",
                      c->forecast, "scored", c->scored, "years_before_start", c->years_before_start,
                      "years_after_end", c->years_after_end);
done:
  Py_XDECREF(f);
  Py_XDECREF(s);
  Py_XDECREF(p);
  Py_XDECREF(n);
  gg_backtest_free(res);
  return out;
fail:
  Py_CLEAR(k.d);
  PyMem_Free(av);
  Py_XDECREF(keep);
  return NULL;
}

/* ---- scenario discovery and the replay of one run ---------------------------- */

PyObject *ggpy_discover(PyObject *self, PyObject *args, PyObject *kw) {
  (void)self;
  kwargs k;
  if (kw_begin(&k, args, kw, "discover") != 0) return NULL;
  gg_discover_options o = gg_discover_defaults();
  PyObject *box = NULL;
  if (kw_str(&k, "sweep_dir", &o.sweep_dir) || kw_str(&k, "metric", &o.metric) ||
      kw_str(&k, "where", &o.where) || kw_double(&k, "peel", &o.peel) ||
      kw_double(&k, "paste", &o.paste) || kw_double(&k, "min_mass", &o.min_mass) ||
      kw_double(&k, "min_coverage", &o.min_coverage) || kw_str(&k, "out", &o.out) ||
      kw_flag(&k, "force", &o.force) || kw_str(&k, "command", &o.command))
    goto fail;
  if ((box = kw_take(&k, "box")) != NULL && box != Py_None) {
    long b;
    if (ggpy_int(box, "box", 0, 1000000, &b) != 0) goto fail;
    o.box = (int)b;
  }
  if (kw_end(&k) != 0) goto fail;
  gg_discover_result res;
  gg_error err;
  PyThreadState *unlocked = PyEval_SaveThread();
  int rc = gg_discover_run(&o, &res, &err);
  PyEval_RestoreThread(unlocked);
  if (rc != 0) {
    int e = (int)res.error;
    gg_discover_result_free(&res);
    return ggpy_raise(err.msg, e);
  }
  PyObject *out =
      Py_BuildValue("{s:l,s:l,s:i,s:i,s:d,s:d,s:d}", "runs", res.runs, "interesting",
                    res.interesting, "steps", res.steps, "chosen", res.chosen, "coverage",
                    res.box_coverage, "density", res.box_density, "mass", res.box_mass);
  gg_discover_result_free(&res);
  return out;
fail:
  Py_CLEAR(k.d);
  return NULL;
}

PyObject *ggpy_sweep_replay(PyObject *self, PyObject *args) {
  (void)self;
  const char *dir;
  long sample, replicate;
  if (!PyArg_ParseTuple(args, "sll", &dir, &sample, &replicate)) return NULL;
  gg_scenario *sc = NULL;
  uint64_t seed = 0;
  gg_error err;
  PyThreadState *unlocked = PyEval_SaveThread();
  int rc = gg_sweep_replay(dir, sample, replicate, &sc, &seed, &err);
  PyEval_RestoreThread(unlocked);
  if (rc != 0) return ggpy_raise(err.msg, GG_STUDY_BAD_OPTIONS);
  PyObject *w = ggpy_scenario_wrap(sc, Py_None);
  if (!w) return NULL;
  return Py_BuildValue("(NK)", w, (unsigned long long)seed);
}
