/* greatgame._greatgame: the module, scenarios, the parameter table and runs
   to memory (through gg_sim_*). */
#include "ggpy.h"

#include <stdlib.h>
#include <string.h>

PyObject *ggpy_error = NULL;

/* Programmer errors of the library (an index out of range) must not abort
   the interpreter: the extension checks indices first, and this handler only
   keeps the message of anything that slips through. */
static _Thread_local char check_message[512];
static void check_handler(const char *message) {
  snprintf(check_message, sizeof check_message, "%s", message);
}

PyObject *ggpy_raise(const char *msg, int status) {
  PyObject *e = PyObject_CallFunction(ggpy_error, "s", msg);
  if (!e) return NULL;
  PyObject *st = PyLong_FromLong(status);
  if (!st || PyObject_SetAttrString(e, "status", st) < 0) {
    Py_XDECREF(st);
    Py_DECREF(e);
    return NULL;
  }
  Py_DECREF(st);
  PyErr_SetObject(ggpy_error, e);
  Py_DECREF(e);
  return NULL;
}

int ggpy_seed(PyObject *o, const char *name, uint64_t *out) {
  if (!PyLong_Check(o) || PyBool_Check(o)) {
    PyErr_Format(PyExc_TypeError, "%s: expected an int (unsigned, 64-bit)", name);
    return -1;
  }
  unsigned long long v = PyLong_AsUnsignedLongLong(o);
  if (v == (unsigned long long)-1 && PyErr_Occurred()) {
    PyErr_Clear();
    PyErr_Format(PyExc_ValueError, "%s: expected an integer from 0 to 18446744073709551615", name);
    return -1;
  }
  *out = (uint64_t)v;
  return 0;
}

int ggpy_int(PyObject *o, const char *name, long lo, long hi, long *out) {
  if (!PyLong_Check(o) || PyBool_Check(o)) {
    PyErr_Format(PyExc_TypeError, "%s: expected an int", name);
    return -1;
  }
  int overflow = 0;
  long v = PyLong_AsLongAndOverflow(o, &overflow);
  if ((v == -1 && PyErr_Occurred()) || overflow || v < lo || v > hi) {
    PyErr_Clear();
    PyErr_Format(PyExc_ValueError, "%s: expected an integer from %ld to %ld", name, lo, hi);
    return -1;
  }
  *out = v;
  return 0;
}

const char *ggpy_str(PyObject *o, const char *name) {
  if (!PyUnicode_Check(o)) {
    PyErr_Format(PyExc_TypeError, "%s: expected a str", name);
    return NULL;
  }
  Py_ssize_t n = 0;
  const char *s = PyUnicode_AsUTF8AndSize(o, &n);
  if (s && (Py_ssize_t)strlen(s) != n) {
    PyErr_Format(PyExc_ValueError, "%s: contains a NUL character", name);
    return NULL;
  }
  return s;
}

int ggpy_strings(PyObject *seq, const char *name, const char ***out, int *n, PyObject **keep) {
  *out = NULL;
  *n = 0;
  *keep = NULL;
  if (PyUnicode_Check(seq)) {
    PyErr_Format(PyExc_TypeError, "%s: expected a list of str, not a str", name);
    return -1;
  }
  PyObject *list = PySequence_List(seq);
  if (!list) {
    PyErr_Clear();
    PyErr_Format(PyExc_TypeError, "%s: expected a list of str", name);
    return -1;
  }
  Py_ssize_t len = PyList_GET_SIZE(list);
  if (len > 100000) {
    Py_DECREF(list);
    PyErr_Format(PyExc_ValueError, "%s: at most 100000 entries", name);
    return -1;
  }
  const char **a = PyMem_Calloc((size_t)len + 1, sizeof *a);
  if (!a) {
    Py_DECREF(list);
    PyErr_NoMemory();
    return -1;
  }
  for (Py_ssize_t i = 0; i < len; i++) {
    char label[96];
    snprintf(label, sizeof label, "%s[%zd]", name, i);
    a[i] = ggpy_str(PyList_GET_ITEM(list, i), label);
    if (!a[i]) {
      PyMem_Free(a);
      Py_DECREF(list);
      return -1;
    }
  }
  *out = a;
  *n = (int)len;
  *keep = list;
  return 0;
}

/* ---- Scenario ----------------------------------------------------------- */

gg_scenario *ggpy_scenario_of(PyObject *o, const char *name) {
  if (!PyObject_TypeCheck(o, &ggpy_scenario_type)) {
    PyErr_Format(PyExc_TypeError, "%s: expected a greatgame Scenario", name);
    return NULL;
  }
  return ((ggpy_scenario *)o)->sc;
}

PyObject *ggpy_scenario_wrap(gg_scenario *sc, PyObject *path) {
  ggpy_scenario *o = PyObject_New(ggpy_scenario, &ggpy_scenario_type);
  if (!o) {
    gg_scenario_free(sc);
    return NULL;
  }
  o->sc = sc;
  o->busy = 0;
  o->path = path ? path : Py_None;
  Py_INCREF(o->path);
  return (PyObject *)o;
}

static void scenario_dealloc(ggpy_scenario *o) {
  gg_scenario_free(o->sc);
  Py_XDECREF(o->path);
  Py_TYPE(o)->tp_free((PyObject *)o);
}

static PyObject *scenario_load(PyObject *cls, PyObject *args) {
  (void)cls;
  PyObject *path;
  if (!PyArg_ParseTuple(args, "U", &path)) return NULL;
  const char *p = ggpy_str(path, "path");
  if (!p) return NULL;
  gg_error err;
  gg_scenario *sc;
  PyThreadState *unlocked = PyEval_SaveThread();
  sc = gg_scenario_load(p, &err);
  PyEval_RestoreThread(unlocked);
  if (!sc) return ggpy_raise(err.msg, 2);
  return ggpy_scenario_wrap(sc, path);
}

static PyObject *scenario_parse(PyObject *cls, PyObject *args) {
  (void)cls;
  const char *text, *name = "(text)";
  Py_ssize_t len;
  if (!PyArg_ParseTuple(args, "s#|s", &text, &len, &name)) return NULL;
  gg_error err;
  gg_scenario *sc = gg_scenario_parse(text, (size_t)len, name, &err);
  if (!sc) return ggpy_raise(err.msg, 2);
  return ggpy_scenario_wrap(sc, NULL);
}

static PyObject *scenario_baseline(PyObject *cls, PyObject *noargs) {
  (void)cls;
  (void)noargs;
  gg_error err;
  gg_scenario *sc = gg_scenario_baseline(&err);
  if (!sc) return ggpy_raise(err.msg, 2);
  return ggpy_scenario_wrap(sc, NULL);
}

static PyObject *scenario_copy(ggpy_scenario *self, PyObject *noargs) {
  (void)noargs;
  gg_scenario *sc = gg_scenario_clone(self->sc);
  if (!sc) return PyErr_NoMemory();
  return ggpy_scenario_wrap(sc, self->path);
}

static PyObject *scenario_set(ggpy_scenario *self, PyObject *args) {
  const char *path;
  PyObject *value;
  if (!PyArg_ParseTuple(args, "sO", &path, &value)) return NULL;
  if (self->busy) {
    PyErr_SetString(PyExc_RuntimeError,
                    "the scenario is in use by a running study and cannot be changed");
    return NULL;
  }
  if (strcmp(path, "seed") == 0) {
    uint64_t seed;
    if (PyUnicode_Check(value)) {
      const char *t = ggpy_str(value, "seed");
      char *end = NULL;
      if (!t) return NULL;
      unsigned long long v = strtoull(t, &end, 10);
      if (!*t || *end || t[0] == '-' || t[0] == '+' || t[0] == ' ') {
        PyErr_Format(PyExc_ValueError, "seed=%s: expected an integer from 0 to %llu", t,
                     (unsigned long long)UINT64_MAX);
        return NULL;
      }
      seed = (uint64_t)v;
    } else if (ggpy_seed(value, "seed", &seed) != 0) {
      return NULL;
    }
    gg_scenario_set_seed(self->sc, seed);
    return PyLong_FromLong(1);
  }
  double v;
  if (PyUnicode_Check(value)) {
    const char *t = ggpy_str(value, path);
    if (!t) return NULL;
    if (gg_parse_number(t, &v) != 0) {
      PyErr_Format(PyExc_ValueError, "%s=%s: expected a number", path, t);
      return NULL;
    }
  } else if (PyBool_Check(value) || !PyNumber_Check(value)) {
    PyErr_Format(PyExc_TypeError, "%s: expected a number", path);
    return NULL;
  } else {
    v = PyFloat_AsDouble(value);
    if (v == -1.0 && PyErr_Occurred()) return NULL;
  }
  gg_error err;
  int n = gg_scenario_set(self->sc, path, v, &err);
  if (n < 0) return ggpy_raise(err.msg, 2);
  return PyLong_FromLong(n);
}

static PyObject *scenario_get(ggpy_scenario *self, PyObject *args) {
  const char *path;
  if (!PyArg_ParseTuple(args, "s", &path)) return NULL;
  if (strcmp(path, "seed") == 0)
    return PyLong_FromUnsignedLongLong((unsigned long long)gg_scenario_seed(self->sc));
  double v;
  gg_error err;
  if (gg_scenario_get(self->sc, path, &v, &err) != 0) return ggpy_raise(err.msg, 2);
  return PyFloat_FromDouble(v);
}

static PyObject *scenario_date(ggpy_scenario *self, PyObject *args) {
  int t;
  if (!PyArg_ParseTuple(args, "i", &t)) return NULL;
  char buf[32];
  gg_scenario_date(self->sc, t, buf, sizeof buf);
  return PyUnicode_FromString(buf);
}

static PyObject *scenario_tick_of(ggpy_scenario *self, PyObject *args) {
  const char *text;
  if (!PyArg_ParseTuple(args, "s", &text)) return NULL;
  int tick;
  gg_error err;
  if (gg_scenario_parse_time(self->sc, text, &tick, &err) != 0) return ggpy_raise(err.msg, 2);
  return PyLong_FromLong(tick);
}

/* A list of ids: f(sc, i) for i < n. */
static PyObject *id_list(const gg_scenario *sc, int n, const char *(*f)(const gg_scenario *, int)) {
  PyObject *list = PyList_New(n);
  if (!list) return NULL;
  for (int i = 0; i < n; i++) {
    const char *s = f(sc, i);
    PyObject *item = PyUnicode_FromString(s ? s : "");
    if (!item) {
      Py_DECREF(list);
      return NULL;
    }
    PyList_SET_ITEM(list, i, item);
  }
  return list;
}

static PyObject *scenario_info(ggpy_scenario *self, PyObject *noargs) {
  (void)noargs;
  const gg_scenario *sc = self->sc;
  int S = gg_scenario_states(sc), P = gg_scenario_powers(sc), C = gg_scenario_channels(sc);
  int B = gg_scenario_blocs(sc);
  static const char *steps[] = {"month", "quarter", "year"};
  static const char *weights[] = {"population", "gdp", "equal"};
  const char *d = gg_scenario_description(sc);
  return Py_BuildValue(
      "{s:s,s:s,s:s,s:i,s:K,s:s,s:s,s:N,s:N,s:N,s:N,s:N,s:N,s:N,s:s}", "name", gg_scenario_name(sc),
      "description", d ? d : "", "sha256", gg_scenario_sha256(sc), "ticks", gg_scenario_ticks(sc),
      "seed", (unsigned long long)gg_scenario_seed(sc), "step", steps[gg_scenario_step(sc)],
      "weight", weights[gg_scenario_weight(sc)], "states", id_list(sc, S, gg_state_id),
      "state_names", id_list(sc, S, gg_state_name), "powers", id_list(sc, P, gg_power_id),
      "power_names", id_list(sc, P, gg_power_name), "components",
      id_list(sc, P + 1, gg_component_id), "channels", id_list(sc, C, gg_channel_id), "blocs",
      id_list(sc, B, gg_bloc_id), "file", gg_limits_scenario_file(sc));
}

/* The model the scenario runs: "GG-1" or "GG-2". */
static PyObject *scenario_model(ggpy_scenario *self, PyObject *noargs) {
  (void)noargs;
  return PyUnicode_FromString(gg_scenario_model(self->sc) == 2 ? "GG-2" : "GG-1");
}

static PyObject *scenario_text(ggpy_scenario *self, PyObject *noargs) {
  (void)noargs;
  size_t len = 0;
  const char *t = gg_scenario_text(self->sc, &len);
  return PyUnicode_DecodeUTF8(t ? t : "", t ? (Py_ssize_t)len : 0, "replace");
}

static PyObject *scenario_get_path(ggpy_scenario *self, void *closure) {
  (void)closure;
  Py_INCREF(self->path);
  return self->path;
}

static PyMethodDef scenario_methods[] = {
    {"load", (PyCFunction)scenario_load, METH_VARARGS | METH_CLASS,
     "load(path): load and validate a scenario file"},
    {"parse", (PyCFunction)scenario_parse, METH_VARARGS | METH_CLASS,
     "parse(text, name='(text)'): parse and validate scenario JSON text"},
    {"baseline", (PyCFunction)scenario_baseline, METH_NOARGS | METH_CLASS,
     "baseline(): the Central Asia baseline compiled into the library"},
    {"copy", (PyCFunction)scenario_copy, METH_NOARGS, "copy(): a deep copy"},
    {"set", (PyCFunction)scenario_set, METH_VARARGS,
     "set(path, value): set every parameter that path names; returns how many"},
    {"get", (PyCFunction)scenario_get, METH_VARARGS, "get(path): a parameter's value"},
    {"date", (PyCFunction)scenario_date, METH_VARARGS, "date(tick): the tick's date as text"},
    {"tick_of", (PyCFunction)scenario_tick_of, METH_VARARGS,
     "tick_of(text): a date or tick number as a tick"},
    {"info", (PyCFunction)scenario_info, METH_NOARGS, "info(): ids, sizes, seed and hash"},
    {"model", (PyCFunction)scenario_model, METH_NOARGS, "model(): \"GG-1\" or \"GG-2\""},
    {"text", (PyCFunction)scenario_text, METH_NOARGS, "text(): the JSON text it was read from"},
    {NULL, NULL, 0, NULL}};

static PyGetSetDef scenario_getset[] = {
    {"path", (getter)scenario_get_path, NULL, "the file it was loaded from, or None", NULL},
    {NULL, NULL, NULL, NULL, NULL}};

PyTypeObject ggpy_scenario_type = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "greatgame._greatgame.Scenario",
    .tp_basicsize = sizeof(ggpy_scenario),
    .tp_dealloc = (destructor)scenario_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A validated scenario (load, parse or baseline).",
    .tp_methods = scenario_methods,
    .tp_getset = scenario_getset,
};

/* ---- runs to memory ----------------------------------------------------- */

/* A run's block of the output: doubles for each tick, S x N per tick (N the
   components or the powers x 3). */
typedef struct block_sink {
  double *out; /* this run's block */
  int S, N;
} block_sink;

static int share_tick(void *ctx, const gg_sim *sim) {
  block_sink *k = ctx;
  double *row = k->out + (size_t)gg_sim_tick(sim) * (size_t)k->S * (size_t)k->N;
  for (int s = 0; s < k->S; s++)
    for (int c = 0; c < k->N; c++)
      row[(size_t)s * (size_t)k->N + (size_t)c] = gg_sim_share(sim, s, c);
  return 0;
}

/* GG-2's ties, dependence and hedging capacity of every tick from 1. */
static int ties_tick(void *ctx, const gg_sim *sim) {
  block_sink *k = ctx;
  int t = gg_sim_tick(sim);
  if (t == 0) return 0;
  double *row = k->out + (size_t)(t - 1) * (size_t)k->S * (size_t)k->N * 3;
  for (int s = 0; s < k->S; s++)
    for (int p = 0; p < k->N; p++) {
      double *v = row + ((size_t)s * (size_t)k->N + (size_t)p) * 3;
      v[0] = gg_sim_ties(sim, s, p);
      v[1] = gg_sim_dependence(sim, s, p);
      v[2] = gg_sim_hedging_capacity(sim, s);
    }
  return 0;
}

/* The replicates of a scenario, replicate r seeded gg_seed_derive(base, 0,
   r), each writing `per` doubles through `tick` (with S and N): (seeds,
   bytearray of the blocks one after another). The interpreter lock is
   released for each replicate and taken back between them to let Ctrl-C
   (KeyboardInterrupt) stop the runs. */
static PyObject *run_blocks(ggpy_scenario *so, long reps, uint64_t base, size_t per, int N,
                            int (*tick)(void *, const gg_sim *), const char *what) {
  if (per > (size_t)PY_SSIZE_T_MAX / sizeof(double) / (size_t)reps)
    return PyErr_Format(PyExc_MemoryError, "%ld replicates of %zu %s are too many", reps, per,
                        what);
  PyObject *buf = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)(per * (size_t)reps * 8));
  if (!buf) return NULL;
  PyObject *seeds = PyList_New(reps);
  if (!seeds) {
    Py_DECREF(buf);
    return NULL;
  }
  double *out = (double *)(void *)PyByteArray_AS_STRING(buf);
  gg_sim *sim = gg_sim_create(so->sc, gg_seed_derive(base, 0, 0));
  if (!sim) {
    Py_DECREF(buf);
    Py_DECREF(seeds);
    return PyErr_NoMemory();
  }
  so->busy++;
  int stopped = 0;
  for (long r = 0; r < reps && !stopped; r++) {
    block_sink k = {out + per * (size_t)r, gg_scenario_states(so->sc), N};
    gg_sink sink = {tick, &k};
    PyThreadState *unlocked = PyEval_SaveThread();
    gg_sim_reset(sim, gg_seed_derive(base, 0, (uint64_t)r));
    gg_sim_run(sim, &sink);
    PyEval_RestoreThread(unlocked);
    stopped = PyErr_CheckSignals() != 0;
  }
  so->busy--;
  gg_sim_free(sim);
  if (stopped) {
    Py_DECREF(buf);
    Py_DECREF(seeds);
    return NULL;
  }
  for (long r = 0; r < reps; r++) {
    PyObject *v = PyLong_FromUnsignedLongLong(gg_seed_derive(base, 0, (uint64_t)r));
    if (!v) {
      Py_DECREF(buf);
      Py_DECREF(seeds);
      return NULL;
    }
    PyList_SET_ITEM(seeds, r, v);
  }
  return Py_BuildValue("(NN)", seeds, buf);
}

/* run_shares(scenario, replicates, seed or None): (seeds, bytearray of
   doubles shaped replicates x (ticks+1) x states x components). Replicate r
   has the seed gg_seed_derive(seed, 0, r), as `greatgame run`. */
static PyObject *run_shares(PyObject *self, PyObject *args) {
  (void)self;
  PyObject *scobj, *repobj, *seedobj;
  if (!PyArg_ParseTuple(args, "O!OO", &ggpy_scenario_type, &scobj, &repobj, &seedobj)) return NULL;
  ggpy_scenario *so = (ggpy_scenario *)scobj;
  long reps;
  if (ggpy_int(repobj, "replicates", 1, 1000000, &reps) != 0) return NULL;
  uint64_t base = gg_scenario_seed(so->sc);
  if (seedobj != Py_None && ggpy_seed(seedobj, "seed", &base) != 0) return NULL;
  int T = gg_scenario_ticks(so->sc), S = gg_scenario_states(so->sc);
  int K = gg_scenario_powers(so->sc) + 1;
  size_t per = (size_t)(T + 1) * (size_t)S * (size_t)K;
  return run_blocks(so, reps, base, per, K, share_tick, "shares");
}

/* run_ties(scenario, replicates, seed or None): (seeds, bytearray of
   doubles shaped replicates x ticks x states x powers x 3: the ties, the
   dependence index and the state's hedging capacity after the steps to
   ticks 1..ticks), the rows of ties.csv. GG-2 scenarios only. */
static PyObject *run_ties(PyObject *self, PyObject *args) {
  (void)self;
  PyObject *scobj, *repobj, *seedobj;
  if (!PyArg_ParseTuple(args, "O!OO", &ggpy_scenario_type, &scobj, &repobj, &seedobj)) return NULL;
  ggpy_scenario *so = (ggpy_scenario *)scobj;
  if (gg_scenario_model(so->sc) != 2) {
    char msg[600];
    snprintf(msg, sizeof msg,
             "%s: runs GG-1; ties, dependence and hedging capacity are GG-2's (\"format\": 2, "
             "\"model\": \"GG-2\")",
             gg_limits_scenario_file(so->sc));
    return ggpy_raise(msg, GG_STUDY_BAD_OPTIONS);
  }
  long reps;
  if (ggpy_int(repobj, "replicates", 1, 1000000, &reps) != 0) return NULL;
  uint64_t base = gg_scenario_seed(so->sc);
  if (seedobj != Py_None && ggpy_seed(seedobj, "seed", &base) != 0) return NULL;
  int T = gg_scenario_ticks(so->sc), S = gg_scenario_states(so->sc);
  int P = gg_scenario_powers(so->sc);
  size_t per = (size_t)T * (size_t)S * (size_t)P * 3;
  return run_blocks(so, reps, base, per, P, ties_tick, "values");
}

/* ---- the parameter table, generated scenarios, seeds, versions ---------- */

/* params(model=1): GG-1's rows, then with model 2 GG-2's. */
static PyObject *params_table(PyObject *self, PyObject *args) {
  (void)self;
  int model = 1;
  if (!PyArg_ParseTuple(args, "|i", &model)) return NULL;
  int n1 = gg_param_count(), n = n1 + (model == 2 ? gg_gg2_param_count() : 0);
  PyObject *list = PyList_New(n);
  if (!list) return NULL;
  for (int i = 0; i < n; i++) {
    const gg_param_info *p = i < n1 ? gg_param_at(i) : gg_gg2_param_at(i - n1);
    PyObject *row = Py_BuildValue(
        "{s:s,s:s,s:s,s:d,s:d,s:O,s:O,s:d,s:O,s:O}", "path", p->path, "doc", p->doc, "unit",
        p->unit, "lo", p->lo, "hi", p->hi, "lo_open", p->lo_open ? Py_True : Py_False, "hi_open",
        p->hi_open ? Py_True : Py_False, "default", p->def, "in_events",
        p->in_events ? Py_True : Py_False, "integer", p->integer ? Py_True : Py_False);
    if (!row) {
      Py_DECREF(list);
      return NULL;
    }
    PyList_SET_ITEM(list, i, row);
  }
  return list;
}

static PyObject *generate(PyObject *self, PyObject *args, PyObject *kw) {
  (void)self;
  static char *names[] = {"states", "powers", "channels", "ticks", "contest", "seed", NULL};
  PyObject *o[6] = {Py_None, Py_None, Py_None, Py_None, Py_None, Py_None};
  if (!PyArg_ParseTupleAndKeywords(args, kw, "|$OOOOOO", names, &o[0], &o[1], &o[2], &o[3], &o[4],
                                   &o[5]))
    return NULL;
  gg_generate_options g = gg_generate_defaults();
  int *f[5] = {&g.states, &g.powers, &g.channels, &g.ticks, &g.contest};
  for (int i = 0; i < 5; i++) {
    long v;
    if (o[i] == Py_None) continue;
    if (i == 4) {
      *f[i] = PyObject_IsTrue(o[i]);
      continue;
    }
    if (ggpy_int(o[i], names[i], 0, GG_MAX_TICKS + 1L, &v) != 0) return NULL;
    *f[i] = (int)v;
  }
  if (o[5] != Py_None && ggpy_seed(o[5], "seed", &g.seed) != 0) return NULL;
  char *text = NULL;
  size_t len = 0;
  gg_error err;
  if (gg_generate_json(&g, &text, &len, &err) != 0) return ggpy_raise(err.msg, 1);
  PyObject *r = PyUnicode_DecodeUTF8(text, (Py_ssize_t)len, "strict");
  gg_free_buffer(text);
  return r;
}

static PyObject *seed_derive(PyObject *self, PyObject *args) {
  (void)self;
  PyObject *a, *b, *c;
  uint64_t x, y, z;
  if (!PyArg_ParseTuple(args, "OOO", &a, &b, &c)) return NULL;
  if (ggpy_seed(a, "seed", &x) || ggpy_seed(b, "sample", &y) || ggpy_seed(c, "replicate", &z))
    return NULL;
  return PyLong_FromUnsignedLongLong(gg_seed_derive(x, y, z));
}

static PyObject *versions(PyObject *self, PyObject *noargs) {
  (void)self;
  (void)noargs;
  return Py_BuildValue("(ss)", gg_version(), gg_model_version());
}

static PyMethodDef module_methods[] = {
    {"run_shares", run_shares, METH_VARARGS, "run_shares(scenario, replicates, seed)"},
    {"run_ties", run_ties, METH_VARARGS, "run_ties(scenario, replicates, seed)"},
    {"params", params_table, METH_VARARGS, "params(model=1): the parameter table"},
    {"generate", (PyCFunction)(void (*)(void))generate, METH_VARARGS | METH_KEYWORDS,
     "generate(**size): a random valid scenario's JSON text"},
    {"seed_derive", seed_derive, METH_VARARGS, "seed_derive(seed, sample, replicate)"},
    {"versions", versions, METH_NOARGS, "versions(): (engine version, model version)"},
    {"run_study", (PyCFunction)(void (*)(void))ggpy_run_study, METH_VARARGS | METH_KEYWORDS,
     "gg_run_study"},
    {"compare", (PyCFunction)(void (*)(void))ggpy_compare, METH_VARARGS | METH_KEYWORDS,
     "gg_compare_run"},
    {"explain", (PyCFunction)(void (*)(void))ggpy_explain, METH_VARARGS | METH_KEYWORDS,
     "gg_explain_run"},
    {"sweep", (PyCFunction)(void (*)(void))ggpy_sweep, METH_VARARGS | METH_KEYWORDS,
     "gg_sweep_run"},
    {"sensitivity", (PyCFunction)(void (*)(void))ggpy_sensitivity, METH_VARARGS | METH_KEYWORDS,
     "gg_sensitivity_run"},
    {"merge", (PyCFunction)(void (*)(void))ggpy_merge, METH_VARARGS | METH_KEYWORDS,
     "gg_merge_run"},
    {"calibrate", (PyCFunction)(void (*)(void))ggpy_calibrate, METH_VARARGS | METH_KEYWORDS,
     "gg_calibrate_run"},
    {"backtest", (PyCFunction)(void (*)(void))ggpy_backtest, METH_VARARGS | METH_KEYWORDS,
     "gg_backtest_run"},
    {"discover", (PyCFunction)(void (*)(void))ggpy_discover, METH_VARARGS | METH_KEYWORDS,
     "discover(sweep_dir=, metric=, where=, out=, ...): gg_discover_run"},
    {"sweep_replay", ggpy_sweep_replay, METH_VARARGS,
     "sweep_replay(dir, sample, replicate): (scenario, seed) of one run of a sweep"},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "_greatgame",
    "The greatgame library's calls (use the greatgame package instead).",
    -1,
    module_methods,
    NULL,
    NULL,
    NULL,
    NULL};

PyMODINIT_FUNC PyInit__greatgame(void) {
  gg_set_check_handler(check_handler);
  if (PyType_Ready(&ggpy_scenario_type) < 0) return NULL;
  PyObject *m = PyModule_Create(&module_def);
  if (!m) return NULL;
  ggpy_error = PyErr_NewExceptionWithDoc(
      "greatgame.Error",
      "A failure reported by the greatgame library: str(error) is its one-line message "
      "(starting with the file, path or option at fault); error.status is the status number "
      "the library returned.",
      NULL, NULL);
  if (!ggpy_error) {
    Py_DECREF(m);
    return NULL;
  }
  Py_INCREF(ggpy_error);
  if (PyModule_AddObject(m, "Error", ggpy_error) < 0) {
    Py_DECREF(ggpy_error);
    Py_DECREF(m);
    return NULL;
  }
  Py_INCREF(&ggpy_scenario_type);
  if (PyModule_AddObject(m, "Scenario", (PyObject *)&ggpy_scenario_type) < 0) {
    Py_DECREF(&ggpy_scenario_type);
    Py_DECREF(m);
    return NULL;
  }
  return m;
}
