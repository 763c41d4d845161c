/* Long (tidy) CSV trajectories of a run: alignment, stocks and efforts, and
   the utility decomposition. Used by `run --out`, `-o` and sweeps. */
#ifndef GG_TRACE_H
#define GG_TRACE_H

#include <greatgame/greatgame.h>
#include <stdio.h>

typedef struct gg_trace {
  FILE *align;   /* run,seed,tick,date,state,component,share */
  FILE *stocks;  /* run,seed,tick,date,state,power,channel,stock,effort */
  FILE *utility; /* run,seed,tick,date,state,power,term,value */
  /* run,seed,tick,date,state,indicator,partner,value: the scenario's
     measurement model (written only when it has one) */
  FILE *indicators;
  /* run,seed,tick,date,state,power,ties,dependence,hedging_capacity: GG-2's
     ties E, dependence index D and the state's hedging capacity H (written
     only for GG-2 scenarios, from tick 1) */
  FILE *ties;
  int run;
  int nonfinite; /* set when a value was not finite (it is written as empty) */
  double bloc[1024];
} gg_trace;

void gg_trace_headers(const gg_trace *tr);
/* A gg_sink tick function: ctx is the gg_trace. Returns 1 on a write error. */
int gg_trace_tick(void *ctx, const gg_sim *sim);

#endif
