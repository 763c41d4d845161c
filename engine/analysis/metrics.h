/* Sweep metrics: named scalar results of one run, computed while the run
   steps (a gg_sink), without keeping its time series. */
#ifndef GG_METRICS_H
#define GG_METRICS_H

#include <greatgame/greatgame.h>
#include <stddef.h>

typedef enum metric_kind {
  METRIC_FINAL = 0,     /* final.<state>.<component>: share at the last tick */
  METRIC_MEAN = 1,      /* mean.<state>.<component>: mean share over ticks 0..N */
  METRIC_REGION = 2,    /* region.<component>: weighted regional share at the last tick */
  METRIC_FLIPS = 3,     /* flips.<state>: changes of the dominant component */
  METRIC_AT = 4,        /* at.<state>.<component>@DATE: share at a tick */
  METRIC_MIN = 5,       /* min.<state>.<component>: least share over ticks 0..N */
  METRIC_MAX = 6,       /* max.<state>.<component>: greatest share over ticks 0..N */
  METRIC_FIRST = 7,     /* first.<state>.<component>>=X: decimal year of the first tick with
                           share >= X; missing (empty) if never */
  METRIC_STOCK = 8,     /* stock.<state>.<power>.<channel>[@DATE]: stock at a tick (default last) */
  METRIC_UTILITY = 9,   /* utility.<state>.<component>[@DATE]: utility U at a tick >= 1 */
  METRIC_INDICATOR = 10 /* indicator.<name>.<state>[.<partner>][@DATE]: the measurement
                           model's predicted indicator at a tick (default the last) */
} metric_kind;

typedef struct metric {
  metric_kind kind;
  int state;        /* -1 for region */
  int component;    /* -1 for flips; the power of a stock */
  int channel;      /* stock only, else -1 */
  int tick;         /* at, stock, utility: the tick (-1: the last) */
  double threshold; /* first only */
  int measure;      /* indicator only: the entry of the scenario's measurement section */
  char name[160];
} metric;

/* May the metric have no value in a run that went well (first: never
   crossed)? Such a value is written as an empty field. */
int gga_metric_may_miss(const metric *m);

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
  double *track; /* per metric: min, max, first crossing, or the value at the tick */
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
