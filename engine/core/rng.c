/* The seed of each run: a pure function of the scenario seed, the sweep
   sample and the replicate (docs/kernel.md). The generator itself, the
   normal deviates and the exponential are in kernel.c. */
#include "internal.h"

uint64_t gg_seed_derive(uint64_t scenario_seed, uint64_t sample, uint64_t replicate) {
  return gg_mix64(gg_mix64(gg_mix64(scenario_seed) ^ sample) ^ (replicate * 0xd1b54a32d192ed03ULL));
}
