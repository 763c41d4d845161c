/* The worker of a sweep's blocks (sweep_block.c) and its batched path
   (sweep_batch.c): runs of a block stepped together in a gg_batch, their
   lines the same bytes as when each run has a gg_sim of its own. */
#ifndef GG_SWEEP_BATCH_H
#define GG_SWEEP_BATCH_H

#include "sweep.h"

#include <stdio.h>

/* The runs of one batch: their scenarios (one per sample), accumulators,
   and the shares of every tick when trajectories are written. */
typedef struct sweep_lanes {
  int G;               /* runs per batch; 0: every run by itself */
  int per_tick;        /* the metrics or trajectories read every tick */
  int ticks;           /* the baseline's: a batch runs only scenarios of this length */
  unsigned char *full; /* [ticks+1] a metric reads stocks or indicators at the tick */
  gg_scenario **pool;  /* [G] one scenario per sample of the batch */
  long *pool_sample;   /* [G] the sample pool[j] is set up for, or -1 */
  int *pool_variant;   /* [G] the variant pool[j] is a copy of, or -1 */
  char (*pool_err)[600];
  metrics_acc *acc; /* [G] */
  const gg_scenario **scs;
  uint64_t *seeds;
  int *lane_of;       /* [G] the lane of run k of the batch, -1 for a run that cannot start */
  int *slot_of;       /* [G] the pool slot of run k */
  double *traj;       /* [G][ticks+1][S*K] shares, with trajectories */
  unsigned *pool_gen; /* [G] copies made into pool[j] (a variant's copy replaces it) */
  gg_batch *b;        /* the last batch, reused when its lanes run the same pool slots */
  int b_lanes;
  int *b_slot;     /* [G] the pool slot of each of its lanes */
  unsigned *b_gen; /* [G] and that slot's copy */
  size_t traj_per;
  char reason[700];
} sweep_lanes;

/* What one thread needs to run runs. */
typedef struct sweep_worker {
  const sweep *sw;
  gg_scenario *sc;
  gg_sim *sim;
  long sim_sample; /* the sample the scenario and sim are set up for, or -1 */
  int variant;     /* the scenario variant sc is a copy of (factors), or -1 */
  char set_error[600];
  metrics_acc acc;
  char *line;
  size_t cap;
  FILE *traj; /* trajectories of the current block, or NULL */
  uint64_t traj_h;
  long traj_lines;
  long sample, replicate;
  uint64_t seed;
  sweep_lanes lanes;
} sweep_worker;

/* Set scenario *sc (a copy of variant *variant, or of the baseline) up for
   sample i: the variant's copy, then every parameter's value. A value the
   scenario refuses leaves the reason in err (one line, no commas), else
   err[0] is 0. -1 when out of memory. */
int gga_sweep_setup(const sweep *sw, long i, gg_scenario **sc, int *variant, char *err,
                    size_t size);
/* The seed of run `run` (sample i, replicate r) in a scenario set up for i. */
uint64_t gga_sweep_seed(const sweep *sw, const gg_scenario *sc, long i, long r);
/* The runs.csv line of run (i, r) into w->line: its seed, its status with
   the reason (empty: ok) and the metrics in acc. The length, or -1 when out
   of memory. */
long gga_sweep_line(sweep_worker *w, long i, long r, uint64_t seed, const char *reason,
                    const metrics_acc *acc);
/* The trajectories.csv lines of tick t of run (i, r) into w->traj, from the
   shares a[s * K + k]. */
void gga_sweep_traj_tick(sweep_worker *w, const gg_scenario *sc, int t, long i, long r,
                         uint64_t seed, const double *a);

/* Set up the batched path for the worker (lanes.G = 0 when every run goes
   by itself: --lanes 1, GG-2, utility metrics, huge trajectories). 0, or
   -1 when out of memory. */
int gga_sweep_lanes_init(sweep_worker *w);
void gga_sweep_lanes_free(sweep_worker *w);
/* Runs first..*last-1 (at most lanes.G of them) in one batch, their lines
   written to f in run order and hashed into *h; *failed counts the failed
   runs. *last comes back earlier when a sample of another scenario variant
   (factors) starts there: the batch stops before it. 1 when the batch
   cannot take the runs (the caller runs first..*last-1 one by one), 0 done,
   -1 out of memory. */
int gga_sweep_lanes_run(sweep_worker *w, long first, long *last, FILE *f, uint64_t *h,
                        long *failed);

#endif
