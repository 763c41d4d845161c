/// greatgame: simulations: create, step, run, read.
#ifndef GREATGAME_SIM_H
#define GREATGAME_SIM_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- simulation ------------------------------------------------------- */

/// Create a simulation of `sc` at tick 0 with the given 64-bit seed. All the
/// memory a run needs is allocated here; stepping allocates nothing. The
/// scenario must outlive the simulation and must not be changed (gg_scenario_set)
/// while the simulation exists. NULL when out of memory.
GG_API gg_sim *gg_sim_create(const gg_scenario *sc, uint64_t seed);
/// Back to tick 0 with a new seed (no allocation).
GG_API void gg_sim_reset(gg_sim *sim, uint64_t seed);
GG_API void gg_sim_free(gg_sim *sim);
/// One tick, t -> t+1 (docs/model.md, steps 1-8).
GG_API void gg_sim_step(gg_sim *sim);

/// A receiver of recorded ticks. `tick` is called for tick 0 and after each
/// step; a non-zero return stops the run (returned by gg_sim_run).
typedef struct gg_sink {
  int (*tick)(void *ctx, const gg_sim *sim);
  void *ctx;
} gg_sink;

/// Run from the current tick to the end, recording through `sink` (may be
/// NULL). Returns 0, or the sink's non-zero return.
GG_API int gg_sim_run(gg_sim *sim, const gg_sink *sink);

GG_API int gg_sim_tick(const gg_sim *sim);
GG_API uint64_t gg_sim_seed(const gg_sim *sim);
GG_API const gg_scenario *gg_sim_scenario(const gg_sim *sim);
/// Alignment share a[s][k] (k = 0 autonomy, k = p+1 power p).
GG_API double gg_sim_share(const gg_sim *sim, int state, int component);
/// Stock X[s][p][c] in the channel's unit.
GG_API double gg_sim_stock(const gg_sim *sim, int state, int power, int channel);
/// Effort u[s][p][c] of the last step (stock units per tick; 0 at tick 0).
GG_API double gg_sim_effort(const gg_sim *sim, int state, int power, int channel);
/// Current affinity g[s][p].
GG_API double gg_sim_affinity(const gg_sim *sim, int state, int power);
/// Current budget[p][c] (after events).
GG_API double gg_sim_budget(const gg_sim *sim, int power, int channel);
/// Set budget[p][c] live (the viewer's sliders); clamped at 0.
GG_API void gg_sim_set_budget(gg_sim *sim, int power, int channel, double value);
/// 1 if state s belongs to bloc b at the current tick.
GG_API int gg_sim_member(const gg_sim *sim, int bloc, int state);
/// The component with the largest share (ties to the lower k).
GG_API int gg_sim_dominant(const gg_sim *sim, int state);
/// Weighted regional share of component k (outputs.weight).
GG_API double gg_sim_region(const gg_sim *sim, int component);
/// Number of events that fired in the last step (shocks count per state) and
/// their indices; for tickers.
GG_API int gg_sim_fired(const gg_sim *sim, const int **events, const int **states);

/// The utility decomposition of power p in state s used by the last step
/// (docs/model.md, steps 4-6), for attribution. Terms: affinity, one per channel,
/// one per bloc, backlash (negative), neighbour pull, noise; they sum to U.
typedef struct gg_utility_terms {
  double affinity;
  double channel[GG_MAX_CHANNELS];
  double bloc_total;
  double backlash;
  double neighbour;
  double noise;
  double total;
} gg_utility_terms;
/// Fill `out` for state s and component k (k = 0 autonomy: only
/// `affinity` holds alpha, plus neighbour and noise) and the per-bloc bonus
/// into `bloc` (length gg_scenario_blocs, may be NULL). Valid after a step.
GG_API void gg_sim_utility(const gg_sim *sim, int state, int component, gg_utility_terms *out,
                           double *bloc);

#ifdef __cplusplus
}
#endif
#endif
