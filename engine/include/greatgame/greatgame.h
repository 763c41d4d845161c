/// greatgame: a geopolitical influence simulation engine (model GG-1).
///
/// The public C API. Prefix `gg_`; every object has a create/free pair and
/// the caller owns what it creates. There is no global mutable state apart
/// from the optional allocator hook, so simulations run side by side in
/// threads (one simulation per thread).
#ifndef GREATGAME_GREATGAME_H
#define GREATGAME_GREATGAME_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(GG_BUILDING_LIBRARY)
#define GG_API __attribute__((visibility("default")))
#else
#define GG_API
#endif

#define GG_VERSION_MAJOR 0
#define GG_VERSION_MINOR 1
#define GG_VERSION_PATCH 0
#define GG_VERSION_STRING "0.1.0"

/// Largest sizes the scenario format allows (SCENARIO.md, format 1).
#define GG_MAX_CHANNELS 16
#define GG_MAX_POWERS 32
#define GG_MAX_STATES 4096
#define GG_MAX_TICKS 1000000

/// An error: one line, starting with the file or option at fault.
typedef struct gg_error {
  char msg[1024];
} gg_error;

typedef struct gg_scenario gg_scenario;
typedef struct gg_sim gg_sim;

/// The length of one tick.
typedef enum gg_step { GG_STEP_MONTH = 0, GG_STEP_QUARTER = 1, GG_STEP_YEAR = 2 } gg_step;

/// How the `region` measure weighs states.
typedef enum gg_weight {
  GG_WEIGHT_POPULATION = 0,
  GG_WEIGHT_GDP = 1,
  GG_WEIGHT_EQUAL = 2
} gg_weight;

typedef enum gg_strategy { GG_STRATEGY_FIXED = 0, GG_STRATEGY_CONTEST = 1 } gg_strategy;

/* ---- version and allocator ------------------------------------------- */

GG_API const char *gg_version(void);

/// Replace the allocator used by the engine and by cJSON inside it (tests use
/// this to fail the Nth allocation). Pass NULLs to restore malloc/free. Call it
/// before any other engine function, from one thread.
GG_API void gg_set_allocator(void *(*alloc_fn)(size_t), void (*free_fn)(void *));

/* ---- scenarios -------------------------------------------------------- */

/// Load and validate a scenario file. NULL with `err` filled on failure.
GG_API gg_scenario *gg_scenario_load(const char *path, gg_error *err);
/// Parse and validate scenario text; `name` is used in error messages.
GG_API gg_scenario *gg_scenario_parse(const char *json, size_t len, const char *name,
                                      gg_error *err);
/// The Central Asia baseline compiled into the library.
GG_API gg_scenario *gg_scenario_baseline(gg_error *err);
/// The baseline's JSON text (NUL-terminated, static).
GG_API const char *gg_baseline_json(void);
/// A deep copy (NULL when out of memory).
GG_API gg_scenario *gg_scenario_clone(const gg_scenario *sc);
GG_API void gg_scenario_free(gg_scenario *sc);

/// Set every parameter that `path` names (`*` allowed for any id) to
/// `value`. Returns the number of parameters set, or -1 with `err` filled
/// (unknown path, or value out of the parameter's range). `err` starts with
/// the path; callers prefix the option or file.
GG_API int gg_scenario_set(gg_scenario *sc, const char *path, double value, gg_error *err);
/// Set the seed exactly (all 64 bits; gg_scenario_set goes through a double).
GG_API void gg_scenario_set_seed(gg_scenario *sc, uint64_t seed);
/// Read a parameter by path (no `*`). Returns 0, or -1 with `err` filled.
GG_API int gg_scenario_get(const gg_scenario *sc, const char *path, double *value, gg_error *err);

GG_API const char *gg_scenario_name(const gg_scenario *sc);
GG_API const char *gg_scenario_description(const gg_scenario *sc);
/// The SHA-256 of the scenario's bytes, as 64 hex digits.
GG_API const char *gg_scenario_sha256(const gg_scenario *sc);
GG_API int gg_scenario_states(const gg_scenario *sc);
GG_API int gg_scenario_powers(const gg_scenario *sc);
GG_API int gg_scenario_channels(const gg_scenario *sc);
GG_API int gg_scenario_blocs(const gg_scenario *sc);
GG_API int gg_scenario_events(const gg_scenario *sc);
/// Number of ticks a run steps (it records ticks 0..ticks).
GG_API int gg_scenario_ticks(const gg_scenario *sc);
GG_API uint64_t gg_scenario_seed(const gg_scenario *sc);
GG_API gg_step gg_scenario_step(const gg_scenario *sc);
GG_API gg_weight gg_scenario_weight(const gg_scenario *sc);
GG_API const char *gg_state_id(const gg_scenario *sc, int s);
GG_API const char *gg_state_name(const gg_scenario *sc, int s);
GG_API const char *gg_power_id(const gg_scenario *sc, int p);
GG_API const char *gg_power_name(const gg_scenario *sc, int p);
/// A power's colour as 0xRRGGBB (a default palette colour if not given).
GG_API uint32_t gg_power_color(const gg_scenario *sc, int p);
GG_API gg_strategy gg_power_strategy(const gg_scenario *sc, int p);
GG_API const char *gg_channel_id(const gg_scenario *sc, int c);
GG_API const char *gg_channel_unit(const gg_scenario *sc, int c);
GG_API const char *gg_bloc_id(const gg_scenario *sc, int b);
GG_API const char *gg_bloc_name(const gg_scenario *sc, int b);
/// Component k of an alignment: "autonomy" for k = 0, else power k-1's id.
GG_API const char *gg_component_id(const gg_scenario *sc, int k);
/// Index of a state/power/channel id, or -1.
GG_API int gg_state_index(const gg_scenario *sc, const char *id);
GG_API int gg_power_index(const gg_scenario *sc, const char *id);
GG_API int gg_channel_index(const gg_scenario *sc, const char *id);
/// A state's outline polygon: `*n` points as lon,lat pairs (NULL if none).
GG_API const double *gg_state_outline(const gg_scenario *sc, int s, int *n);
/// An event's type name, tick, end tick (-1 if none) and note (may be NULL).
GG_API const char *gg_event_type(const gg_scenario *sc, int e);
GG_API int gg_event_at(const gg_scenario *sc, int e);
GG_API int gg_event_until(const gg_scenario *sc, int e);
GG_API const char *gg_event_note(const gg_scenario *sc, int e);

/// Write tick `t`'s date ("2020-02", "2020-Q3", "2021") into buf.
GG_API void gg_scenario_date(const gg_scenario *sc, int t, char *buf, size_t size);
/// Parse a date in the scenario's step format into a tick (may be negative or
/// past the end). Returns 0, or -1 if `text` is not a date of that format.
GG_API int gg_scenario_parse_date(const gg_scenario *sc, const char *text, int *tick);

/* ---- parameter table -------------------------------------------------- */

/// One row of the parameter table from which validation, `--set`, sweep
/// paths, the JSON Schema and the docs are made.
typedef struct gg_param_info {
  const char *path; ///< pattern, e.g. "states.<state>.backlash.strength"
  const char *doc;  ///< one sentence
  const char *unit; ///< unit or "" for pure numbers
  double lo, hi;    ///< range
  int lo_open;      ///< 1 if lo itself is excluded
  int hi_open;      ///< 1 if hi itself is excluded
  double def;       ///< default (NaN: required)
  int in_events;    ///< 1 if `set` events may change it
  int integer;      ///< 1 if it takes whole numbers only
} gg_param_info;

GG_API int gg_param_count(void);
GG_API const gg_param_info *gg_param_at(int i);

/* ---- seeds ------------------------------------------------------------ */

/// SplitMix64 finaliser.
GG_API uint64_t gg_mix64(uint64_t x);
/// The seed of replicate `replicate` of sweep sample `sample` (a pure
/// function of the three; `run` uses sample 0).
GG_API uint64_t gg_seed_derive(uint64_t scenario_seed, uint64_t sample, uint64_t replicate);

/* ---- simulation ------------------------------------------------------- */

/// Create a simulation of `sc` at tick 0 with the given 64-bit seed. All the
/// memory a run needs is allocated here; stepping allocates nothing. The
/// scenario must outlive the simulation and must not be changed (gg_scenario_set)
/// while the simulation exists. NULL when out of memory.
GG_API gg_sim *gg_sim_create(const gg_scenario *sc, uint64_t seed);
/// Back to tick 0 with a new seed (no allocation).
GG_API void gg_sim_reset(gg_sim *sim, uint64_t seed);
GG_API void gg_sim_free(gg_sim *sim);
/// One tick, t -> t+1 (MODEL.md steps 1-8).
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
/// (MODEL.md steps 4-6), for attribution. Terms: affinity, one per channel,
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
