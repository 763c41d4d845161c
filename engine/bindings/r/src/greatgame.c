/* The R package greatgame: .Call entry points over the greatgame C library.
   Runs go through gg_sim_* (as `greatgame run`: replicate r has the seed
   gg_seed_derive(seed, 0, r)); sweeps are one gg_sweep_run call. Seeds cross
   the boundary as text (R has no unsigned 64-bit integer): decimal digits or
   0x followed by hexadecimal digits. Every library failure becomes an R error
   whose message is the library's one line. */
#include <R.h>
#include <Rinternals.h>
#include <R_ext/Rdynload.h>

#include <greatgame/greatgame.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Programmer errors must not abort R: indices are checked before the
   accessors are called, and this handler only swallows the message. */
static void gg_r_check(const char *message) {
  (void)message;
}

/* A seed from text; 0, or -1 if it is not one. */
static int seed_parse(const char *t, uint64_t *out) {
  int base = 10;
  if (t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
    base = 16;
    t += 2;
  }
  if (!*t) return -1;
  for (const char *c = t; *c; c++)
    if (!(base == 16
              ? ((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f') || (*c >= 'A' && *c <= 'F'))
              : (*c >= '0' && *c <= '9')))
      return -1;
  errno = 0;
  char *end = NULL;
  unsigned long long v = strtoull(t, &end, base);
  if (errno == ERANGE || *end) return -1;
  *out = (uint64_t)v;
  return 0;
}

static SEXP seed_text(uint64_t seed) {
  char buf[32];
  snprintf(buf, sizeof buf, "%llu", (unsigned long long)seed);
  return Rf_mkChar(buf);
}

/* An optional seed argument (NULL or one string). */
static int seed_arg(SEXP s, const char *name, int *has, uint64_t *out) {
  if (Rf_isNull(s)) return 0;
  if (!Rf_isString(s) || XLENGTH(s) != 1 || STRING_ELT(s, 0) == NA_STRING ||
      seed_parse(CHAR(STRING_ELT(s, 0)), out) != 0)
    Rf_errorcall(R_NilValue,
                 "%s: expected an unsigned 64-bit integer as text (decimal, or 0x and hexadecimal "
                 "digits)",
                 name);
  *has = 1;
  return 0;
}

static const char *opt_string(SEXP s, const char *name) {
  if (Rf_isNull(s)) return NULL;
  if (!Rf_isString(s) || XLENGTH(s) != 1 || STRING_ELT(s, 0) == NA_STRING)
    Rf_errorcall(R_NilValue, "%s: expected one string", name);
  return CHAR(STRING_ELT(s, 0));
}

static int opt_int(SEXP s, const char *name, int lo, int hi, int *out) {
  if (Rf_isNull(s)) return 0;
  double v = Rf_asReal(s);
  if (XLENGTH(s) != 1 || ISNAN(v) || v != (double)(long)v || v < lo || v > hi)
    Rf_errorcall(R_NilValue, "%s: expected a whole number from %d to %d", name, lo, hi);
  *out = (int)v;
  return 0;
}

/* Load the scenario (NULL: the baseline) and apply "PATH=VALUE" settings as
   --set does. NULL with err filled. */
static gg_scenario *scenario_make(SEXP path, SEXP sets, gg_error *err) {
  const char *p = opt_string(path, "scenario");
  if (!Rf_isNull(sets) && !Rf_isString(sets))
    Rf_errorcall(R_NilValue, "sets: expected a character vector");
  gg_scenario *sc = p ? gg_scenario_load(p, err) : gg_scenario_baseline(err);
  if (!sc) return NULL;
  R_xlen_t n = Rf_isNull(sets) ? 0 : XLENGTH(sets);
  for (R_xlen_t i = 0; i < n; i++) {
    const char *a = CHAR(STRING_ELT(sets, i));
    const char *eq = strchr(a, '=');
    char path_buf[512];
    if (!eq || eq == a || (size_t)(eq - a) >= sizeof path_buf) {
      snprintf(err->msg, sizeof err->msg, "sets %.900s: expected PATH=VALUE", a);
      gg_scenario_free(sc);
      return NULL;
    }
    memcpy(path_buf, a, (size_t)(eq - a));
    path_buf[eq - a] = '\0';
    if (strcmp(path_buf, "seed") == 0) {
      uint64_t seed;
      if (seed_parse(eq + 1, &seed) != 0) {
        snprintf(err->msg, sizeof err->msg, "sets %.900s: expected an unsigned 64-bit integer", a);
        gg_scenario_free(sc);
        return NULL;
      }
      gg_scenario_set_seed(sc, seed);
      continue;
    }
    double v;
    if (gg_parse_number(eq + 1, &v) != 0) {
      snprintf(err->msg, sizeof err->msg, "sets %.900s: expected a number", a);
      gg_scenario_free(sc);
      return NULL;
    }
    gg_error e;
    if (gg_scenario_set(sc, path_buf, v, &e) < 0) {
      snprintf(err->msg, sizeof err->msg, "%s", e.msg);
      gg_scenario_free(sc);
      return NULL;
    }
  }
  return sc;
}

SEXP gg_r_version(void) {
  SEXP v = PROTECT(Rf_allocVector(STRSXP, 2));
  SET_STRING_ELT(v, 0, Rf_mkChar(gg_version()));
  SET_STRING_ELT(v, 1, Rf_mkChar(gg_model_version()));
  UNPROTECT(1);
  return v;
}

SEXP gg_r_seed_derive(SEXP seed, SEXP sample, SEXP replicate) {
  uint64_t a = 0, b = 0, c = 0;
  int has = 0;
  seed_arg(seed, "seed", &has, &a);
  seed_arg(sample, "sample", &has, &b);
  seed_arg(replicate, "replicate", &has, &c);
  return Rf_ScalarString(seed_text(gg_seed_derive(a, b, c)));
}

static SEXP ids(const gg_scenario *sc, int n, const char *(*f)(const gg_scenario *, int)) {
  SEXP v = PROTECT(Rf_allocVector(STRSXP, n));
  for (int i = 0; i < n; i++)
    SET_STRING_ELT(v, i, Rf_mkCharCE(f(sc, i), CE_UTF8));
  UNPROTECT(1);
  return v;
}

SEXP gg_r_scenario_info(SEXP path, SEXP sets) {
  gg_error err;
  gg_scenario *sc = scenario_make(path, sets, &err);
  if (!sc) Rf_errorcall(R_NilValue, "%s", err.msg);
  int S = gg_scenario_states(sc), P = gg_scenario_powers(sc);
  const char *names[] = {"name", "sha256", "ticks", "seed", "states", "components", ""};
  SEXP out = PROTECT(Rf_mkNamed(VECSXP, names));
  SET_VECTOR_ELT(out, 0, Rf_ScalarString(Rf_mkCharCE(gg_scenario_name(sc), CE_UTF8)));
  SET_VECTOR_ELT(out, 1, Rf_mkString(gg_scenario_sha256(sc)));
  SET_VECTOR_ELT(out, 2, Rf_ScalarInteger(gg_scenario_ticks(sc)));
  SET_VECTOR_ELT(out, 3, Rf_ScalarString(seed_text(gg_scenario_seed(sc))));
  SET_VECTOR_ELT(out, 4, ids(sc, S, gg_state_id));
  SET_VECTOR_ELT(out, 5, ids(sc, P + 1, gg_component_id));
  gg_scenario_free(sc);
  UNPROTECT(1);
  return out;
}

typedef struct share_sink {
  const gg_scenario *sc;
  int run, S, K;
  int *col_run, *col_tick;
  double *col_share;
  SEXP col_seed, col_date, col_state, col_comp, dates, states, comps, seed_chr;
  R_xlen_t row;
} share_sink;

static int share_tick(void *ctx, const gg_sim *sim) {
  share_sink *k = ctx;
  int t = gg_sim_tick(sim);
  SEXP date = STRING_ELT(k->dates, t);
  for (int s = 0; s < k->S; s++)
    for (int c = 0; c < k->K; c++) {
      R_xlen_t i = k->row++;
      k->col_run[i] = k->run;
      k->col_tick[i] = t;
      k->col_share[i] = gg_sim_share(sim, s, c);
      SET_STRING_ELT(k->col_seed, i, k->seed_chr);
      SET_STRING_ELT(k->col_date, i, date);
      SET_STRING_ELT(k->col_state, i, STRING_ELT(k->states, s));
      SET_STRING_ELT(k->col_comp, i, STRING_ELT(k->comps, c));
    }
  return 0;
}

/* Owners of library objects while R may raise an error (an allocation that
   fails): the finalizer frees what an error left behind. */
static void scenario_finalizer(SEXP xp) {
  gg_scenario_free(R_ExternalPtrAddr(xp));
  R_ClearExternalPtr(xp);
}
static void sim_finalizer(SEXP xp) {
  gg_sim_free(R_ExternalPtrAddr(xp));
  R_ClearExternalPtr(xp);
}
static SEXP owner(void *p, R_CFinalizer_t fin) {
  SEXP xp = PROTECT(R_MakeExternalPtr(p, R_NilValue, R_NilValue));
  R_RegisterCFinalizerEx(xp, fin, TRUE);
  UNPROTECT(1);
  return xp;
}

/* The runs of `greatgame run --replicates N` as the columns of alignment.csv. */
SEXP gg_r_run(SEXP path, SEXP sets, SEXP replicates, SEXP seed) {
  int reps = 1, has_seed = 0;
  uint64_t base = 0;
  opt_int(replicates, "replicates", 1, 1000000, &reps);
  seed_arg(seed, "seed", &has_seed, &base);
  gg_error err;
  gg_scenario *sc = scenario_make(path, sets, &err);
  if (!sc) Rf_errorcall(R_NilValue, "%s", err.msg);
  if (!has_seed) base = gg_scenario_seed(sc);
  int T = gg_scenario_ticks(sc), S = gg_scenario_states(sc), K = gg_scenario_powers(sc) + 1;
  double rows = (double)reps * (T + 1) * S * K;
  if (rows > (double)R_XLEN_T_MAX) {
    gg_scenario_free(sc);
    Rf_errorcall(R_NilValue, "replicates: %d runs of %d ticks would make too many rows", reps, T);
  }
  SEXP sc_owner = PROTECT(owner(sc, scenario_finalizer));
  gg_sim *sim = gg_sim_create(sc, gg_seed_derive(base, 0, 0));
  if (!sim) Rf_errorcall(R_NilValue, "run: out of memory");
  SEXP sim_owner = PROTECT(owner(sim, sim_finalizer));
  R_xlen_t n = (R_xlen_t)rows;
  const char *names[] = {"run", "seed", "tick", "date", "state", "component", "share", ""};
  SEXP out = PROTECT(Rf_mkNamed(VECSXP, names));
  share_sink k;
  memset(&k, 0, sizeof k);
  k.sc = sc;
  k.S = S;
  k.K = K;
  SET_VECTOR_ELT(out, 0, Rf_allocVector(INTSXP, n));
  SET_VECTOR_ELT(out, 1, Rf_allocVector(STRSXP, n));
  SET_VECTOR_ELT(out, 2, Rf_allocVector(INTSXP, n));
  SET_VECTOR_ELT(out, 3, Rf_allocVector(STRSXP, n));
  SET_VECTOR_ELT(out, 4, Rf_allocVector(STRSXP, n));
  SET_VECTOR_ELT(out, 5, Rf_allocVector(STRSXP, n));
  SET_VECTOR_ELT(out, 6, Rf_allocVector(REALSXP, n));
  k.col_run = INTEGER(VECTOR_ELT(out, 0));
  k.col_seed = VECTOR_ELT(out, 1);
  k.col_tick = INTEGER(VECTOR_ELT(out, 2));
  k.col_date = VECTOR_ELT(out, 3);
  k.col_state = VECTOR_ELT(out, 4);
  k.col_comp = VECTOR_ELT(out, 5);
  k.col_share = REAL(VECTOR_ELT(out, 6));
  k.dates = PROTECT(Rf_allocVector(STRSXP, T + 1));
  for (int t = 0; t <= T; t++) {
    char d[32];
    gg_scenario_date(sc, t, d, sizeof d);
    SET_STRING_ELT(k.dates, t, Rf_mkChar(d));
  }
  k.states = PROTECT(ids(sc, S, gg_state_id));
  k.comps = PROTECT(ids(sc, K, gg_component_id));
  for (int r = 0; r < reps; r++) {
    uint64_t s = gg_seed_derive(base, 0, (uint64_t)r);
    k.run = r;
    k.seed_chr = PROTECT(seed_text(s));
    gg_sink sink = {share_tick, &k};
    gg_sim_reset(sim, s);
    gg_sim_run(sim, &sink);
    UNPROTECT(1);
  }
  sim_finalizer(sim_owner);
  scenario_finalizer(sc_owner);
  UNPROTECT(6);
  return out;
}

/* One gg_sweep_run call. params: "PATH=LO:HI[:STEPS]" texts; factors:
   "PATH=LEVEL,LEVEL..." texts (as --factor); numbers of the options as
   doubles (NULL: the library's default). */
SEXP gg_r_sweep(SEXP path, SEXP sets, SEXP params, SEXP metrics, SEXP out, SEXP design,
                SEXP samples, SEXP replicates, SEXP threads, SEXP trajectories, SEXP force,
                SEXP independent_seeds, SEXP design_seed, SEXP command, SEXP factors) {
  gg_sweep_options o = gg_sweep_defaults();
  if (!Rf_isString(params) || XLENGTH(params) > GG_SWEEP_MAX_PARAMS)
    Rf_errorcall(R_NilValue, "params: expected up to %d texts PATH=LO:HI[:STEPS]",
                 GG_SWEEP_MAX_PARAMS);
  if (!Rf_isNull(factors) && (!Rf_isString(factors) || XLENGTH(factors) > GG_SWEEP_MAX_FACTORS))
    Rf_errorcall(R_NilValue, "factors: expected up to %d texts PATH=LEVEL,LEVEL...",
                 GG_SWEEP_MAX_FACTORS);
  int nf = Rf_isNull(factors) ? 0 : (int)XLENGTH(factors);
  gg_sweep_factor *fv = (gg_sweep_factor *)R_alloc((size_t)nf + 1, sizeof *fv);
  for (int i = 0; i < nf; i++) {
    gg_error e;
    if (gg_sweep_factor_parse(CHAR(STRING_ELT(factors, i)), &fv[i], &e) != 0)
      Rf_errorcall(R_NilValue, "factors %s", e.msg);
  }
  o.factors = fv;
  o.nfactors = nf;
  if (!Rf_isNull(metrics) && !Rf_isString(metrics))
    Rf_errorcall(R_NilValue, "metrics: expected a character vector");
  if (!Rf_isNull(sets) && !Rf_isString(sets))
    Rf_errorcall(R_NilValue, "sets: expected a character vector");
  int np = (int)XLENGTH(params);
  gg_sweep_param *pp = (gg_sweep_param *)R_alloc((size_t)np + 1, sizeof *pp);
  for (int i = 0; i < np; i++) {
    gg_error e;
    if (gg_sweep_param_parse(CHAR(STRING_ELT(params, i)), &pp[i], &e) != 0)
      Rf_errorcall(R_NilValue, "params %s", e.msg);
  }
  o.params = pp;
  o.nparams = np;
  int ns = Rf_isNull(sets) ? 0 : (int)XLENGTH(sets);
  const char **sv = (const char **)R_alloc((size_t)ns + 1, sizeof *sv);
  for (int i = 0; i < ns; i++)
    sv[i] = CHAR(STRING_ELT(sets, i));
  o.sets = sv;
  o.nsets = ns;
  int nm = Rf_isNull(metrics) ? 0 : (int)XLENGTH(metrics);
  const char **mv = (const char **)R_alloc((size_t)nm + 1, sizeof *mv);
  for (int i = 0; i < nm; i++)
    mv[i] = CHAR(STRING_ELT(metrics, i));
  o.metrics = mv;
  o.nmetrics = nm;
  o.out = opt_string(out, "out");
  const char *d = opt_string(design, "design");
  if (d && gg_design_from_name(d, &o.design) != 0)
    Rf_errorcall(R_NilValue, "design: expected grid, random, lhs or sobol, got \"%s\"", d);
  int v;
  if (!Rf_isNull(samples)) {
    opt_int(samples, "samples", 1, 100000000, &v);
    o.samples = v;
  }
  opt_int(replicates, "replicates", 1, 100000000, &o.replicates);
  opt_int(threads, "threads", 0, 4096, &o.threads);
  o.trajectories = Rf_asLogical(trajectories) == TRUE;
  o.force = Rf_asLogical(force) == TRUE;
  o.independent_seeds = Rf_asLogical(independent_seeds) == TRUE;
  seed_arg(design_seed, "design_seed", &o.design_seed_given, &o.design_seed);
  o.command = opt_string(command, "command");
  gg_error err;
  gg_scenario *sc = NULL;
  const char *p = opt_string(path, "scenario");
  if (p) {
    sc = gg_scenario_load(p, &err);
    if (!sc) Rf_errorcall(R_NilValue, "%s", err.msg);
    o.scenario = sc;
  }
  gg_sweep_result res;
  memset(&res, 0, sizeof res);
  int rc = gg_sweep_run(&o, &res, &err);
  gg_scenario_free(sc);
  if (rc != 0) Rf_errorcall(R_NilValue, "%s", err.msg);
  const char *names[] = {"hash", "samples", "runs", "runs_failed", "design_seed", ""};
  SEXP r = PROTECT(Rf_mkNamed(VECSXP, names));
  SET_VECTOR_ELT(r, 0, Rf_mkString(res.hash));
  SET_VECTOR_ELT(r, 1, Rf_ScalarReal((double)res.samples));
  SET_VECTOR_ELT(r, 2, Rf_ScalarReal((double)res.runs));
  SET_VECTOR_ELT(r, 3, Rf_ScalarReal((double)res.runs_failed));
  SET_VECTOR_ELT(r, 4, Rf_ScalarString(seed_text(res.design_seed)));
  UNPROTECT(1);
  return r;
}

static const R_CallMethodDef call_methods[] = {
    {"gg_r_version", (DL_FUNC)(void (*)(void)) & gg_r_version, 0},
    {"gg_r_seed_derive", (DL_FUNC)(void (*)(void)) & gg_r_seed_derive, 3},
    {"gg_r_scenario_info", (DL_FUNC)(void (*)(void)) & gg_r_scenario_info, 2},
    {"gg_r_run", (DL_FUNC)(void (*)(void)) & gg_r_run, 4},
    {"gg_r_sweep", (DL_FUNC)(void (*)(void)) & gg_r_sweep, 15},
    {NULL, NULL, 0}};

void R_init_greatgame(DllInfo *dll) {
  gg_set_check_handler(gg_r_check);
  R_registerRoutines(dll, NULL, call_methods, NULL, NULL);
  R_useDynamicSymbols(dll, FALSE);
  R_forceSymbols(dll, TRUE);
}
