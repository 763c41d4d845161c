/* Private structures of the model core. Only engine/core and the tests see them. */
#ifndef GG_INTERNAL_H
#define GG_INTERNAL_H

#include <greatgame/greatgame.h>
#include <stdarg.h>
#include <stdint.h>

#include "gg_util.h"
#include "kernel.h"

/* ---- programmer errors (gg_set_check_handler) ---------------------------- */

/* Report index i of `what` outside [0, n) in function fn; returns 0. */
int gg_check_index_fail(const char *fn, const char *what, long i, long n);
/* Report a NULL object passed to fn; returns 0. */
int gg_check_null_fail(const char *fn, const char *what);
/* 1 when 0 <= i < n, else reports and gives 0. */
#define GG_IN(fn, what, i, n) ((i) >= 0 && (i) < (n) ? 1 : gg_check_index_fail(fn, what, (i), (n)))
#define GG_OBJ(fn, what, p) ((p) != NULL ? 1 : gg_check_null_fail(fn, what))

/* ---- parameters ------------------------------------------------------- */

/* Every numeric parameter a path can reach, in one allocation. */
typedef enum gg_pid {
  GG_P_HALF_LIFE, /* channels.<c>.half_life            [C]   */
  GG_P_BUDGET,    /* powers.<p>.budget.<c>              [P*C] */
  GG_P_PRIORITY,  /* powers.<p>.priority.<s>            [P*S] */
  GG_P_FOCUS,     /* powers.<p>.focus                   [P]   */
  GG_P_AUTONOMY,  /* states.<s>.autonomy                [S]   */
  GG_P_RESPONSIVENESS,
  GG_P_DECISIVENESS,
  GG_P_BACKLASH_STRENGTH,
  GG_P_BACKLASH_THRESHOLD,
  GG_P_NEIGHBOUR_WEIGHT,
  GG_P_NOISE,
  GG_P_POPULATION,
  GG_P_GDP,
  GG_P_WEIGHTS,     /* states.<s>.weights.<c>       [S*C] */
  GG_P_SATURATION,  /* states.<s>.saturation.<c>    [S*C] */
  GG_P_AFFINITY,    /* states.<s>.affinity.<p>      [S*P] */
  GG_P_BONUS,       /* blocs.<b>.bonus              [B]   */
  GG_P_MULTIPLIERS, /* blocs.<b>.multipliers.<c>    [B*C] */
  GG_P_SEED,        /* seed */
  GG_P_TICKS,       /* time.ticks */
  GG_P_COUNT
} gg_pid;

/* GG-2's parameters (docs/model.md, "GG-2"): a second table in params.c,
   reachable by path only in scenarios that run GG-2. Their ids follow
   GG_P2_BASE so that they never meet a gg_pid. */
#define GG_P2_BASE 32
typedef enum gg_p2id {
  GG_P2_VISIBILITY = GG_P2_BASE, /* channels.<c>.visibility                    [C]     */
  GG_P2_DEPENDENCE,              /* channels.<c>.dependence                    [C]     */
  GG_P2_CHANNEL_PRIORITY,        /* powers.<p>.channel_priority.<c>.<s>        [P*C*S] */
  GG_P2_CONDITIONALITY,          /* powers.<p>.conditionality                  [P]     */
  GG_P2_TIES_PULL,               /* states.<s>.ties_pull                       [S]     */
  GG_P2_LEVERAGE,                /* states.<s>.leverage                        [S]     */
  GG_P2_REGIME_SECURITY,         /* states.<s>.regime_security                 [S]     */
  GG_P2_UNREST,                  /* states.<s>.unrest                          [S]     */
  GG_P2_CONDITIONALITY_AVERSION, /* states.<s>.conditionality_aversion         [S]     */
  GG_P2_HEDGING,                 /* states.<s>.hedging                         [S]     */
  GG_P2_END
} gg_p2id;
#define GG_P2_COUNT (GG_P2_END - GG_P2_BASE)

/* Which list an id of a path names. */
typedef enum gg_scope { GG_SC_NONE, GG_SC_CHANNEL, GG_SC_POWER, GG_SC_STATE, GG_SC_BLOC } gg_scope;

typedef struct gg_param_def {
  gg_param_info info;
  gg_pid pid;
  gg_scope scope1, scope2; /* the ids in the path, in order */
  const char *key;         /* the key inside a state/default object, e.g. "backlash.strength" */
  int state_param;         /* 1 for the parameters `defaults` may give */
} gg_param_def;

/* The row of a gg_pid, or of a gg_p2id (GG-2's table). */
const gg_param_def *gg_param_def_of(gg_pid pid);
/* Is v inside the parameter's range? */
int gg_param_in_range(const gg_param_def *d, double v);
/* "between 0 (exclusive) and 1", "at least 0", ... */
void gg_param_range_text(const gg_param_def *d, char *buf, size_t size);

/* The numeric parameters that live in the values block: every gg_pid
   before GG_P_SEED (seed and time.ticks are kept apart). */
#define GG_P_VALUES GG_P_SEED

/* The arrays of a values block, by name (for the model's equations) and by
   gg_pid (for everything table-driven); both views are the same pointers,
   laid out from the parameter table (params.c): the array of parameter d
   holds count(scope1) x count(scope2) doubles, indexed [i][j]. */
typedef struct gg_values {
  union {
    struct {
      double *half_life, *budget, *priority, *focus;
      double *autonomy, *responsiveness, *decisiveness, *beta, *theta, *nu, *noise, *population,
          *gdp;
      double *weights, *saturation, *affinity, *bonus, *multipliers;
    };
    double *field[GG_P_VALUES];
  };
  double *block; /* the single allocation behind the arrays */
  size_t count;  /* doubles in block */
  /* GG-2's arrays, after GG-1's in the same block (NULL in GG-1 scenarios):
     g2[id - GG_P2_BASE] for the parameters (channel_priority is [P][C][S]),
     then two arrays no path reaches: g2[GG_V2_GUARANTOR] [C] (1 for a
     guarantor channel) and g2[GG_V2_LISTED] [P*C] (1 when the power lists
     the channel in channel_priority). */
  double *g2[GG_P2_COUNT + 2];
} gg_values;
#define GG_V2_GUARANTOR GG_P2_COUNT
#define GG_V2_LISTED (GG_P2_COUNT + 1)

/* A resolved parameter: which array and where. */
typedef struct gg_target {
  int pid;
  int i, j;
} gg_target;

/* Pointer to a target's value inside `v` (not for seed/ticks). */
double *gg_values_ref(const gg_scenario *sc, gg_values *v, gg_target t);

/* Resolve a dotted path with optional `*`s to targets. Returns the number of
   targets (allocated into *out, caller frees with gg_free), or -1 with err
   ("unknown parameter path ..." / "unknown state id ..."). */
int gg_path_resolve(const gg_scenario *sc, const char *path, gg_target **out, gg_error *err);

#define GG_EV_STATE(e, i) ((e)->states ? (e)->states[i] : (i))

/* ---- scenario ----------------------------------------------------------- */

typedef struct gg_member {
  int bloc, state;
  int from, until; /* tick interval [from, until); INT_MIN / INT_MAX when open */
} gg_member;

typedef enum gg_evtype {
  GG_EV_BUDGET,
  GG_EV_INJECT,
  GG_EV_AFFINITY,
  GG_EV_JOIN,
  GG_EV_LEAVE,
  GG_EV_SET,
  GG_EV_SHOCK,
  GG_EV_WITHDRAW /* after SHOCK: the names' order is the enum's */
} gg_evtype;

typedef enum gg_budget_op { GG_BOP_SET, GG_BOP_SCALE, GG_BOP_ADD } gg_budget_op;

typedef struct gg_event gg_event;
struct gg_event {
  gg_evtype type;
  int at, until; /* until = -1 when absent */
  int power, channel, bloc, state;
  int *states; /* target states (inject, affinity, shock); NULL for all: i */
  int nstates;
  gg_budget_op op;
  double value;       /* set/scale/add amount, inject amount, affinity delta, set value, hazard */
  gg_target *targets; /* set events */
  int ntargets;
  int undo_base;    /* offset of this event's saved values in the sim's undo array */
  gg_event *effect; /* shock */
  int once;
  char *note;
};

struct gg_scenario {
  char *file; /* as given, for messages */
  char *text; /* the JSON it was parsed from (clones re-parse it) */
  size_t text_len;
  char *name, *description;
  char sha256[65];
  int S, P, C, B, E;
  gg_step step;
  int start_year, start_sub; /* month 1..12, quarter 1..4, 0 for years */
  int ticks;
  uint64_t seed;
  gg_weight weight;
  char **channel_id, **channel_name, **channel_unit;
  char **power_id, **power_name;
  uint32_t *power_color;
  int *power_color_set;
  gg_strategy *strategy;
  char **state_id, **state_name;
  int *state_hash; /* open addressing over state ids: index+1, 0 empty */
  int state_hash_cap;
  double *alignment; /* [S*(P+1)] initial */
  double *stocks;    /* [S*P*C] initial */
  double **outline;  /* per state: 2n doubles */
  int *outline_n;
  int *nb_start; /* CSR of the normalised neighbour weights W: [S+1] */
  int *nb_index;
  double *nb_weight;
  char **bloc_id, **bloc_name;
  unsigned char *sponsor; /* [B*P] */
  gg_member *members;
  int nmembers;
  gg_event *events;
  int undo_count;              /* saved values the events need */
  struct gg_measure *measures; /* the measurement section, [M] (measure.c) */
  int M;
  gg_values v;
  int model; /* 1: GG-1 (format 1), 2: GG-2 (format 2, "model": "GG-2") */
};

/* Allocate a zeroed block for a scenario of these sizes. 0, or -1 when out
   of memory. */
int gg_values_alloc(gg_values *v, int S, int P, int C, int B);
/* The same for a scenario of model 1 (GG-1) or 2 (GG-2, with GG-2's arrays). */
int gg_values_alloc_model(gg_values *v, int S, int P, int C, int B, int model);
/* Free the measurement section (measure.c). */
void ggl_measures_free(gg_scenario *sc);
int gg_values_copy(gg_values *dst, const gg_values *src);
void gg_values_free(gg_values *v);

/* ---- JSON ------------------------------------------------------------- */

/* Check `text` against RFC 8259 (and UTF-8). Returns 0, or -1 with err as
   "NAME:LINE:COLUMN: message". */
int gg_json_check(const char *text, size_t len, const char *name, gg_error *err);
/* The raw text of the number that top-level key `key` holds in a checked
   document (for exact 64-bit integers). 0, or -1 if absent or not a number. */
int gg_json_top_number(const char *text, size_t len, const char *key, char *out, size_t size);
/* Edit distance, for "did you mean". */
int gg_edit_distance(const char *a, const char *b);
/* The name of `names` nearest to `word` by edit distance: within 1 for a word
   of up to 3 characters, 2 up to 6, else 3; NULL when none is that near. */
const char *ggl_closest(const char *word, const char *const *names, int n);

/* ---- random numbers ------------------------------------------------------ */
/* The generator, the normal deviates and the exponential are in kernel.h;
   a run's seed comes from gg_seed_derive (rng.c). */

/* ---- hashing ------------------------------------------------------------- */

/* ---- simulation --------------------------------------------------------- */

struct gg_sim {
  const gg_scenario *sc;
  gg_values v; /* this run's parameters (events change them) */
  int t;
  uint64_t seed;
  gg_rng rng;            /* the run's random stream (kernel.h) */
  double *X;             /* [S*P*C] stocks */
  double *u;             /* [S*P*C] efforts of the last step */
  double *a;             /* [S*(P+1)] alignment */
  double *T;             /* [S*(P+1)] target (scratch) */
  double *U;             /* [S*(P+1)] utilities of the last step */
  double *R;             /* [S*P*C] responses (scratch) */
  double *M;             /* [S*P*C] bloc multipliers product */
  double *kb;            /* [S*P] bloc bonus sum */
  double *Tc;            /* [S*(P+1)] noise-free target for contest (scratch) */
  double *Ac;            /* [S*P] utilities of the last live pass but neighbour pull and noise */
  int ac_ok;             /* Ac holds for this tick's contest pass (nothing changed since) */
  double *m;             /* [S] contest marginal gains (scratch) */
  double *xi;            /* [S*(P+1)] noise draws of the last step */
  double *bl;            /* [S*P] backlash of the last step */
  double *nbp;           /* [S*(P+1)] neighbour pull of the last step */
  double *retention;     /* [C] */
  unsigned char *member; /* [B*S] membership at tick t */
  signed char *override; /* [B*S] join/leave: -1 none, 0 out, 1 in */
  int noverride;
  int blocs_dirty;
  double *undo; /* saved values of events with `until` */
  /* Per value of v.block: how many events with `until` hold it now, its value
     before the first of them, and whether a lasting change touched it since;
     when the last one ends untouched, the value is restored exactly. */
  int *tmp_active;
  double *tmp_base;
  unsigned char *tmp_dirty;
  unsigned char *fired_once; /* [E*S] shock `once` flags */
  int *fired_ev, *fired_st;  /* events that fired this tick */
  int nfired, cap_fired;
  int *once_base; /* [E] offset of a shock's flags in fired_once */
  size_t once_total;
  int *order_at, *order_until, *shocks; /* event indices by at, by until; shocks */
  int *count;                           /* [ticks+2] scratch of the counting sort */
  int n_at, n_until, n_shocks;
  int pos_at, pos_until; /* next entries of order_at / order_until */
  int stepped;           /* 1 once a step has run (efforts are defined) */
  struct gg2_sim *g2;    /* GG-2's per-run arrays (sim_gg2.c), NULL for GG-1 */
};

/* GG-2 (sim_gg2.c). gg_sim_create calls ggl_gg2_init (0, or -1 when out of
   memory) and gg_sim_reset/gg_sim_free the others when sc->model == 2;
   gg_sim_step hands the tick to ggl_gg2_step. */
int ggl_gg2_init(gg_sim *sim);
void ggl_gg2_reset(gg_sim *sim);
void ggl_gg2_free(gg_sim *sim);
void ggl_gg2_step(gg_sim *sim);

#endif
