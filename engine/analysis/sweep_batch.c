/* A sweep's runs in batches (greatgame/batch.h): a worker takes up to G runs
   of a block, sets up one scenario per sample among them (as the one-by-one
   path does: the variant's copy, then every parameter), steps them together
   in SIMD lanes and writes their lines in run order. A lane gives the bits
   of a gg_sim of the same scenario and seed, and the metrics and
   trajectories read the lane through the same code as a gg_sim's, so the
   files are the same bytes whatever G, the instruction set and the threads.
   Runs that a batch cannot take (another model, the utility decomposition,
   scenarios of different shapes) go one by one. */
#include "gg_util.h"
#include "sweep_batch.h"

#include <greatgame/batch.h>
#include <greatgame/gg2.h>
#include <math.h>
#include <string.h>

/* Most memory of one worker's batch of trajectories (shares of every tick). */
#define LANES_TRAJ_BYTES (64u << 20)

/* Does the metric read the run at every tick, or at one tick (*at)? */
static int metric_ticks(const metric *m, int *at) {
  *at = -1;
  switch (m->kind) {
  case METRIC_MEAN:
  case METRIC_MIN:
  case METRIC_MAX:
  case METRIC_FIRST:
  case METRIC_AT:
  case METRIC_FLIPS:
    return 1;
  case METRIC_STOCK:
  case METRIC_INDICATOR:
    *at = m->tick;
    return m->tick >= 0;
  default:
    return 0;
  }
}

void gga_sweep_lanes_free(sweep_worker *w) {
  sweep_lanes *z = &w->lanes;
  for (int j = 0; z->pool && j < z->G; j++)
    gg_scenario_free(z->pool[j]);
  for (int j = 0; z->acc && j < z->G; j++)
    gga_metrics_acc_free(&z->acc[j]);
  gg_free(z->pool);
  gg_free(z->pool_sample);
  gg_free(z->pool_variant);
  gg_free(z->pool_err);
  gg_free(z->acc);
  gg_free(z->scs);
  gg_free(z->seeds);
  gg_free(z->lane_of);
  gg_free(z->slot_of);
  gg_free(z->traj);
  gg_free(z->full);
  gg_free(z->pool_gen);
  gg_free(z->b_slot);
  gg_free(z->b_gen);
  gg_batch_free(z->b);
  memset(z, 0, sizeof *z);
}

int gga_sweep_lanes_init(sweep_worker *w) {
  sweep_lanes *z = &w->lanes;
  const sweep *sw = w->sw;
  const gg_scenario *sc = sw->o.sc;
  memset(z, 0, sizeof *z);
  if (sw->o.lanes == 1 || gg_scenario_model(sc) != 1) return 0;
  const metric_set *set = sw->o.metrics;
  int T = gg_scenario_ticks(sc);
  for (int m = 0; m < set->n; m++)
    if (set->m[m].kind == METRIC_UTILITY) return 0; /* the batch keeps no utilities */
  size_t S = (size_t)gg_scenario_states(sc), K = (size_t)gg_scenario_powers(sc) + 1,
         C = (size_t)gg_scenario_channels(sc);
  int width = gg_batch_width(), G = sw->o.lanes;
  if (G == 0) {
    /* a few blocks of the vector width, fewer for large worlds (a lane's
       state, about 4 S K C doubles, kept within a few megabytes) */
    size_t lane_bytes = 8 * (4 * S * K * C + 16 * S * K + 64);
    G = 4 * width;
    while (G > width && (size_t)G * lane_bytes > (4u << 20))
      G -= width;
  }
  if (sw->o.trajectories) {
    size_t per = ((size_t)T + 1) * S * K;
    while (G > 1 && (size_t)G * per * sizeof(double) > LANES_TRAJ_BYTES)
      G = G > width ? G - width : G - 1;
    if (G < 2) return 0;
    z->traj_per = per;
  }
  if (G < 2) return 0;
  z->G = G;
  z->ticks = T;
  z->full = gg_calloc((size_t)T + 1, 1);
  z->pool = gg_calloc((size_t)G, sizeof *z->pool);
  z->pool_sample = gg_malloc((size_t)G * sizeof *z->pool_sample);
  z->pool_variant = gg_malloc((size_t)G * sizeof *z->pool_variant);
  z->pool_err = gg_calloc((size_t)G, sizeof *z->pool_err);
  z->acc = gg_calloc((size_t)G, sizeof *z->acc);
  z->scs = gg_calloc((size_t)G, sizeof *z->scs);
  z->seeds = gg_calloc((size_t)G, sizeof *z->seeds);
  z->lane_of = gg_calloc((size_t)G, sizeof *z->lane_of);
  z->slot_of = gg_calloc((size_t)G, sizeof *z->slot_of);
  z->pool_gen = gg_calloc((size_t)G, sizeof *z->pool_gen);
  z->b_slot = gg_calloc((size_t)G, sizeof *z->b_slot);
  z->b_gen = gg_calloc((size_t)G, sizeof *z->b_gen);
  if (z->traj_per) z->traj = gg_malloc((size_t)G * z->traj_per * sizeof(double));
  if (!z->full || !z->pool || !z->pool_sample || !z->pool_variant || !z->pool_err || !z->acc ||
      !z->scs || !z->seeds || !z->lane_of || !z->slot_of || !z->pool_gen || !z->b_slot ||
      !z->b_gen || (z->traj_per && !z->traj))
    goto oom;
  for (int j = 0; j < G; j++) {
    z->pool_sample[j] = -1;
    z->pool_variant[j] = -1;
    z->pool[j] = gg_scenario_clone(sc);
    if (!z->pool[j] || gga_metrics_acc_init(&z->acc[j], set, (int)S) != 0) goto oom;
  }
  z->per_tick = sw->o.trajectories;
  for (int m = 0; m < set->n; m++) {
    int at;
    if (metric_ticks(&set->m[m], &at)) z->per_tick = 1;
    if (at >= 0 && at <= T) z->full[at] = 1;
  }
  return 0;
oom:
  gga_sweep_lanes_free(w);
  return -1;
}

/* Pool slot j set up for sample i. -1 when out of memory. */
static int lanes_slot(sweep_worker *w, int j, long i) {
  sweep_lanes *z = &w->lanes;
  if (z->pool_sample[j] == i) return 0;
  z->pool_sample[j] = -1;
  int variant = z->pool_variant[j];
  if (w->sw->o.nvariants > 0 && gga_sweep_variant(w->sw, i) != variant) {
    gg_batch_free(z->b); /* its lanes may run the copy about to be replaced */
    z->b = NULL;
  }
  if (gga_sweep_setup(w->sw, i, &z->pool[j], &z->pool_variant[j], z->pool_err[j],
                      sizeof z->pool_err[j]) != 0)
    return -1;
  if (z->pool_variant[j] != variant) z->pool_gen[j]++; /* a new copy */
  z->pool_sample[j] = i;
  return 0;
}

/* Every lane's metrics (and shares, with trajectories) at the batch's tick. */
static void lanes_read(sweep_lanes *z, gg_batch *b, int nl) {
  int t = gg_batch_tick(b);
  for (int l = 0; l < nl; l++) {
    const gg_sim *v = z->full[t] ? gg_batch_lane_sim(b, l) : gg_batch_lane_shares(b, l);
    gga_metrics_acc_tick(&z->acc[l], v);
    if (z->traj) {
      size_t SK = z->traj_per / ((size_t)gg_batch_ticks(b) + 1);
      gg_batch_shares(b, l, z->traj + (size_t)l * z->traj_per + (size_t)t * SK);
    }
  }
}

int gga_sweep_lanes_run(sweep_worker *w, long first, long *last, FILE *f, uint64_t *h,
                        long *failed) {
  sweep_lanes *z = &w->lanes;
  const sweep *sw = w->sw;
  int n = (int)(*last - first), nl = 0, slots = 0;
  long prev = -1;
  int v0 = sw->o.nvariants > 0 ? gga_sweep_variant(sw, first / sw->o.replicates) : 0;
  for (int k = 0; k < n; k++) {
    long run = first + k, i = run / sw->o.replicates, r = run % sw->o.replicates;
    if (i != prev && sw->o.nvariants > 0 && gga_sweep_variant(sw, i) != v0) {
      n = k; /* another variant of the scenario (factors): the next batch */
      *last = run;
      break;
    }
    if (i != prev) {
      if (lanes_slot(w, slots, i) != 0) return -1;
      slots++;
      prev = i;
    }
    int j = slots - 1;
    z->slot_of[k] = j;
    z->lane_of[k] = -1;
    if (z->pool_err[j][0]) continue;
    if (gg_scenario_model(z->pool[j]) != 1 || gg_scenario_ticks(z->pool[j]) != z->ticks)
      return 1; /* GG-2 (a factor's scenario), or another length (time.ticks) */
    z->lane_of[k] = nl;
    z->scs[nl] = z->pool[j];
    z->seeds[nl] = gga_sweep_seed(sw, z->pool[j], i, r);
    nl++;
  }
  gg_batch *b = NULL;
  if (nl > 0) {
    /* The last batch again when its lanes run the same scenario copies
       (their values set for the new samples): read again, not rebuilt. */
    int same = z->b && z->b_lanes == nl;
    for (int k = 0, l = 0; k < n && same; k++)
      if (z->lane_of[k] >= 0) {
        same = z->b_slot[l] == z->slot_of[k] && z->b_gen[l] == z->pool_gen[z->slot_of[k]];
        l++;
      }
    if (same && gg_batch_reload(z->b, z->seeds) == 0) {
      b = z->b;
    } else {
      gg_batch_free(z->b);
      z->b = NULL;
      gg_error e;
      b = gg_batch_create_lanes(z->scs, nl, z->seeds, &e);
      if (!b) return 1; /* another shape, or no memory for a batch: one by one */
      if (sw->o.batch_isa) gg_batch_set_isa(b, sw->o.batch_isa);
      z->b = b;
      z->b_lanes = nl;
      for (int k = 0, l = 0; k < n; k++)
        if (z->lane_of[k] >= 0) {
          z->b_slot[l] = z->slot_of[k];
          z->b_gen[l++] = z->pool_gen[z->slot_of[k]];
        }
    }
    for (int l = 0; l < nl; l++)
      gga_metrics_acc_reset(&z->acc[l]);
    if (!z->per_tick) {
      gg_batch_run(b);
    } else {
      lanes_read(z, b, nl);
      while (gg_batch_tick(b) < gg_batch_ticks(b)) {
        gg_batch_step(b);
        lanes_read(z, b, nl);
      }
    }
  }
  int T = nl > 0 ? gg_batch_ticks(b) : 0;
  long rc = 0;
  for (int k = 0; k < n && rc >= 0; k++) {
    long run = first + k, i = run / sw->o.replicates, r = run % sw->o.replicates;
    int j = z->slot_of[k], l = z->lane_of[k];
    uint64_t seed = gga_sweep_seed(sw, z->pool[j], i, r);
    const metrics_acc *acc = &w->acc; /* a run that cannot start: no metrics read */
    if (l < 0) {
      snprintf(z->reason, sizeof z->reason, "%s", z->pool_err[j]);
    } else {
      z->reason[0] = '\0';
      gga_metrics_acc_finish(&z->acc[l], gg_batch_lane_sim(b, l), z->reason, sizeof z->reason);
      acc = &z->acc[l];
      if (z->traj)
        for (int t = 0; t <= T; t++)
          gga_sweep_traj_tick(w, z->pool[j], t, i, r, seed,
                              z->traj + (size_t)l * z->traj_per +
                                  (size_t)t * (z->traj_per / ((size_t)T + 1)));
    }
    rc = gga_sweep_line(w, i, r, seed, z->reason, acc);
    if (rc < 0) break;
    *failed += z->reason[0] != '\0';
    *h = gga_sweep_fnv(*h, w->line, (size_t)rc);
    fwrite(w->line, 1, (size_t)rc, f);
  }
  return rc < 0 ? -1 : 0;
}
