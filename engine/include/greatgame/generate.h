/// greatgame: random valid scenarios of any size (for benchmarks and tests;
/// `greatgame generate`).
#ifndef GREATGAME_GENERATE_H
#define GREATGAME_GENERATE_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

/// The size and seed of a generated scenario.
typedef struct gg_generate_options {
  int states;    ///< 1..GG_MAX_STATES (default 5)
  int powers;    ///< 1..GG_MAX_POWERS (default 3)
  int channels;  ///< 1..GG_MAX_CHANNELS (default 3)
  int ticks;     ///< 1..GG_MAX_TICKS monthly ticks from 2020-01 (default 132)
  int contest;   ///< 1: every power uses the contest strategy (default 0: fixed)
  uint64_t seed; ///< the generator's seed, also the scenario's (default 1)
} gg_generate_options;

/// The defaults: 5 states, 3 powers, 3 channels, 132 ticks, fixed strategy, seed 1.
GG_API gg_generate_options gg_generate_defaults(void);

/// Write a random valid scenario of the given size as JSON text into a
/// NUL-terminated buffer (free it with gg_free_buffer). The same options
/// always give the same bytes. 0, or -1 with err filled (a size out of
/// range, or out of memory).
GG_API int gg_generate_json(const gg_generate_options *o, char **out, size_t *len, gg_error *err);

#ifdef __cplusplus
}
#endif
#endif
