/// greatgame: batched simulations: many runs of one scenario stepped together.
///
/// A batch holds W independent runs ("lanes") of scenarios of the same shape
/// and advances them together, their state stored lane by lane in
/// structure-of-arrays form so that the arithmetic of one tick runs in SIMD
/// registers, several runs per instruction. The instruction set (SSE2, AVX2,
/// AVX-512 on x86-64; the compiler's generic vectors elsewhere) is chosen at
/// run time. Every lane performs exactly the operations of gg_sim_step, so a
/// lane gives the same bits as a gg_sim of the same scenario and seed,
/// whatever W, the lane it sits in and the machine (docs/performance.md).
#ifndef GREATGAME_BATCH_H
#define GREATGAME_BATCH_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gg_batch gg_batch;

/// The widest vector of doubles the running machine offers to the batch code
/// (8 with AVX-512, 4 with AVX2, 2 with SSE2, NEON or WebAssembly SIMD128).
/// A batch advances its lanes in blocks of this many runs, so a number of
/// lanes that is a multiple of it wastes nothing (the last block is padded
/// with copies of the last lane); results never depend on it.
GG_API int gg_batch_width(void);

/// W lanes of scenario `sc`, lane l seeded with seeds[l], at tick 0. The
/// scenario must outlive the batch and must not change while it exists. All
/// the memory is allocated here; stepping allocates nothing. NULL when out of
/// memory or W < 1.
GG_API gg_batch *gg_batch_create(const gg_scenario *sc, int W, const uint64_t *seeds);
/// W lanes, lane l running scenario scs[l] with seeds[l]: the scenarios may
/// differ in every parameter value, event and initial state, but must have
/// the same states, powers, channels, blocs, strategies, neighbour weights
/// and number of ticks (a sweep's samples of one scenario do). NULL with
/// `err` ("lane 3: ...: not the shape of lane 0") when they differ, or when
/// out of memory.
GG_API gg_batch *gg_batch_create_lanes(const gg_scenario *const *scs, int W, const uint64_t *seeds,
                                       gg_error *err);
/// Back to tick 0, lane l with seeds[l] (no allocation).
GG_API void gg_batch_reset(gg_batch *b, const uint64_t *seeds);
/// As gg_batch_reset, but each lane's parameter values, events and initial
/// state are read again from its scenario (the same object as at create,
/// changed since, e.g. by gg_scenario_set): a sweep reuses one batch for
/// its next samples. 0, or -1 with the batch unchanged when a lane's
/// scenario no longer has the shape of the batch.
GG_API int gg_batch_reload(gg_batch *b, const uint64_t *seeds);
GG_API void gg_batch_free(gg_batch *b);

/// The instruction set a batch uses: "avx512f", "avx2" or "generic" (the
/// compiler's vectors for the build's target: SSE2, NEON, SIMD128). A new
/// batch uses the best the machine has.
GG_API const char *gg_batch_isa(const gg_batch *b);
/// Use instruction set `isa` (one of the names above, no better than the
/// machine's), for tests and benchmarks: the results are the same bits. The
/// batch goes back to tick 0 with its seeds. 0, or -1 when the machine lacks
/// it (or out of memory: the batch keeps its instruction set).
GG_API int gg_batch_set_isa(gg_batch *b, const char *isa);
/// 1 when this machine and build can use instruction set `isa` (a name of
/// gg_batch_isa), else 0.
GG_API int gg_batch_isa_available(const char *isa);

/// One tick for every lane, t -> t+1 (docs/model.md, steps 1-8). Nothing
/// happens at the last tick.
GG_API void gg_batch_step(gg_batch *b);
/// Step every lane to the scenario's last tick.
GG_API void gg_batch_run(gg_batch *b);

GG_API int gg_batch_lanes(const gg_batch *b);
/// The current tick (the same for every lane).
GG_API int gg_batch_tick(const gg_batch *b);
GG_API int gg_batch_ticks(const gg_batch *b);
GG_API uint64_t gg_batch_seed(const gg_batch *b, int lane);

/// Alignment share a[s][k] of a lane (k = 0 autonomy, k = p+1 power p).
GG_API double gg_batch_share(const gg_batch *b, int lane, int state, int component);
/// All the shares of a lane at once: out[s * (P+1) + k], S * (P+1) doubles.
GG_API void gg_batch_shares(const gg_batch *b, int lane, double *out);
/// Stock X[s][p][c] of a lane in the channel's unit.
GG_API double gg_batch_stock(const gg_batch *b, int lane, int state, int power, int channel);
/// Effort u[s][p][c] of a lane's last step (0 at tick 0).
GG_API double gg_batch_effort(const gg_batch *b, int lane, int state, int power, int channel);
/// The component with the largest share in a lane (ties to the lower k), as
/// gg_sim_dominant.
GG_API int gg_batch_dominant(const gg_batch *b, int lane, int state);
/// Weighted regional share of component k in a lane, as gg_sim_region.
GG_API double gg_batch_region(const gg_batch *b, int lane, int component);

/// A lane as a gg_sim, for code written against the single-run API (sinks,
/// gg_sim_member, gg_sim_fired, gg_sim_budget, gg_sim_affinity, gg_sim_share,
/// gg_sim_stock, gg_sim_effort, gg_sim_region): the lane's state is copied
/// into it at this call. Valid until the next step, reset or free. The
/// utility decomposition (gg_sim_utility) is not kept by the batch.
GG_API const gg_sim *gg_batch_lane_sim(gg_batch *b, int lane);
/// As gg_batch_lane_sim, but only the lane's shares and tick are copied:
/// cheaper, for code that reads only gg_sim_tick, gg_sim_share,
/// gg_sim_dominant and gg_sim_region (the other readings may be stale).
GG_API const gg_sim *gg_batch_lane_shares(gg_batch *b, int lane);

#ifdef __cplusplus
}
#endif
#endif
