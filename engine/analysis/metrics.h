/* Sweep metrics: named scalar results of one run, computed while the run
   steps (a gg_sink), without keeping its time series. */
#ifndef GG_METRICS_H
#define GG_METRICS_H

#include <greatgame/greatgame.h>
#include <stddef.h>

typedef enum metric_kind {
  METRIC_FINAL = 0,  /* final.<state>.<component>: share at the last tick */
  METRIC_MEAN = 1,   /* mean.<state>.<component>: mean share over ticks 0..N */
  METRIC_REGION = 2, /* region.<component>: weighted regional share at the last tick */
  METRIC_FLIPS = 3   /* flips.<state>: changes of the dominant component */
} metric_kind;

typedef struct metric {
  metric_kind kind;
  int state;     /* -1 for region */
  int component; /* -1 for flips */
  char name[160];
} metric;

typedef struct metric_set {
  metric *m;
  int n, cap;
} metric_set;

/* Add the metrics `spec` names (`*` for every state or component) to the
   set, in the scenario's order. 0, or -1 with err filled (the message starts
   with the spec). */
int gga_metrics_add(metric_set *set, const gg_scenario *sc, const char *spec, gg_error *err);
/* The default set: every final share, then every regional share. */
int gga_metrics_default(metric_set *set, const gg_scenario *sc, gg_error *err);
void gga_metrics_free(metric_set *set);

/* The per-run accumulator behind the sink. */
typedef struct metrics_acc {
  const metric_set *set;
  double *sum; /* per metric: running sums (mean) */
  int *prev;   /* per state: dominant component at the last tick */
  int *flips;  /* per state */
  int states, ticks_seen;
  double *value; /* per metric: the result */
} metrics_acc;

int gga_metrics_acc_init(metrics_acc *acc, const metric_set *set, int states);
void gga_metrics_acc_free(metrics_acc *acc);
/* Before a run. */
void gga_metrics_acc_reset(metrics_acc *acc);
/* The gg_sink tick function; ctx is a metrics_acc. */
int gga_metrics_acc_tick(void *ctx, const gg_sim *sim);
/* After the run: fill acc->value. Returns -1 with the reason (one line, no
   commas) when a share or a value is not finite, else 0. */
int gga_metrics_acc_finish(metrics_acc *acc, const gg_sim *sim, char *reason, size_t size);

#endif
