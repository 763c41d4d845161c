/* The Python extension greatgame._greatgame: shared declarations of its two
   source files (scenarios and runs in ggpy_scenario.c, the studies in
   ggpy_study.c). The extension only calls the public library; every default
   comes from the library's *_defaults() functions. */
#ifndef GGPY_H
#define GGPY_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <greatgame/greatgame.h>

/// A scenario owned by Python. `busy` counts the calls that read it with the
/// interpreter lock released; set() refuses to change it meanwhile.
typedef struct ggpy_scenario {
  PyObject_HEAD gg_scenario *sc;
  PyObject *path; ///< the file it was loaded from (str), or None
  int busy;
} ggpy_scenario;

extern PyTypeObject ggpy_scenario_type;
/// greatgame.Error (set up by the module).
extern PyObject *ggpy_error;

/// Raise greatgame.Error with the library's message and a status number.
PyObject *ggpy_raise(const char *msg, int status);
/// The scenario inside `o`, or NULL with TypeError set ("NAME: expected a Scenario").
gg_scenario *ggpy_scenario_of(PyObject *o, const char *name);
/// Wrap a scenario the caller gives away (freed on failure).
PyObject *ggpy_scenario_wrap(gg_scenario *sc, PyObject *path);
/// A 64-bit seed from a Python int: 0, or -1 with ValueError naming `name`.
int ggpy_seed(PyObject *o, const char *name, uint64_t *out);
/// An int within [lo, hi]: 0, or -1 with ValueError naming `name`.
int ggpy_int(PyObject *o, const char *name, long lo, long hi, long *out);
/// A UTF-8 string of `o` (kept alive by `o`), or NULL with TypeError.
const char *ggpy_str(PyObject *o, const char *name);
/// A list of strings from a sequence: *n entries in a new array of pointers
/// into the items of *keep (a new list the caller releases). 0, or -1.
int ggpy_strings(PyObject *seq, const char *name, const char ***out, int *n, PyObject **keep);

/* Module functions of ggpy_study.c. */
PyObject *ggpy_run_study(PyObject *self, PyObject *args, PyObject *kw);
PyObject *ggpy_compare(PyObject *self, PyObject *args, PyObject *kw);
PyObject *ggpy_explain(PyObject *self, PyObject *args, PyObject *kw);
PyObject *ggpy_sweep(PyObject *self, PyObject *args, PyObject *kw);
PyObject *ggpy_sensitivity(PyObject *self, PyObject *args, PyObject *kw);
PyObject *ggpy_merge(PyObject *self, PyObject *args, PyObject *kw);
PyObject *ggpy_calibrate(PyObject *self, PyObject *args, PyObject *kw);
PyObject *ggpy_backtest(PyObject *self, PyObject *args, PyObject *kw);
PyObject *ggpy_discover(PyObject *self, PyObject *args, PyObject *kw);
PyObject *ggpy_sweep_replay(PyObject *self, PyObject *args);

#endif
