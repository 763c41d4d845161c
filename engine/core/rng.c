/* Random numbers: xoshiro256** (Blackman and Vigna) wrapped as a GSL
   generator so that a full 64-bit seed reaches it (GSL's own generators keep
   32 bits of a seed), and the seed derivation of runs. */
#include "internal.h"

#include <string.h>

uint64_t gg_mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t gg_seed_derive(uint64_t scenario_seed, uint64_t sample, uint64_t replicate) {
  return gg_mix64(gg_mix64(gg_mix64(scenario_seed) ^ sample) ^ (replicate * 0xd1b54a32d192ed03ULL));
}

typedef struct xoshiro_state {
  uint64_t s[4];
} xoshiro_state;

static inline uint64_t rotl(uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

static inline uint64_t next(xoshiro_state *st) {
  uint64_t *s = st->s;
  uint64_t result = rotl(s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

static void xo_set(void *vstate, unsigned long seed) {
  xoshiro_state *st = vstate;
  uint64_t x = (uint64_t)seed;
  for (int i = 0; i < 4; i++) {
    x += 0x9e3779b97f4a7c15ULL;
    st->s[i] = gg_mix64(x);
  }
}

/* GSL's integer interface: 32 random bits (get returns in [min, max]). */
static unsigned long xo_get(void *vstate) {
  return (unsigned long)(next(vstate) >> 32);
}

/* Uniform in [0, 1): the top 53 bits. */
static double xo_get_double(void *vstate) {
  return (double)(next(vstate) >> 11) * 0x1.0p-53;
}

static const gsl_rng_type xoshiro_type = {
    "xoshiro256**", 0xffffffffUL, 0, sizeof(xoshiro_state), xo_set, xo_get, xo_get_double};

const gsl_rng_type *gg_rng_xoshiro256 = &xoshiro_type;
