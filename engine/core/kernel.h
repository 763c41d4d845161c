/* The core's own math kernel: random streams and the exponential family,
   written with plain IEEE-754 double arithmetic (+ - * / only, no FMA, no
   libm) so that a seed gives the same bits on x86-64, aarch64 and
   WebAssembly. Algorithms, stream layout and measured accuracy:
   docs/kernel.md. Private to the engine. */
#ifndef GG_KERNEL_H
#define GG_KERNEL_H

#include <stdint.h>

/* gg_mix64 is public API too (greatgame/base.h): exported from the library
   like the GG_API symbols, whatever the default visibility. */
#if defined(GG_BUILDING_LIBRARY) && defined(__GNUC__)
#define GG_KERNEL_EXPORT __attribute__((visibility("default")))
#else
#define GG_KERNEL_EXPORT
#endif

/// A xoshiro256** generator: 256 bits of state. Any state but all zeros is
/// valid; gg_rng_seed never produces all zeros. Plain data: copy it to fork a
/// stream, compare it with memcmp.
typedef struct gg_rng {
  uint64_t s[4];
} gg_rng;

/// SplitMix64 (Steele, Lea and Flood 2014) step and finaliser: adds
/// 0x9e3779b97f4a7c15 to x (mod 2^64), then
///   x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9;
///   x = (x ^ (x >> 27)) * 0x94d049bb133111eb;
///   return x ^ (x >> 31);
/// (products mod 2^64). A bijection of the 64-bit integers.
GG_KERNEL_EXPORT uint64_t gg_mix64(uint64_t x);

/// Seeds r from any 64-bit seed: r->s[i] = gg_mix64(seed + (i+1) *
/// 0x9e3779b97f4a7c15) for i = 0..3 (sums mod 2^64). The four words are
/// distinct, so the state is never all zeros. Every seed is valid.
void gg_rng_seed(gg_rng *r, uint64_t seed);

/// The next 64-bit output of xoshiro256** (Blackman and Vigna 2018):
/// rotl(s[1] * 5, 7) * 9, then the state advances by one step.
uint64_t gg_rng_next(gg_rng *r);

/// A uniform deviate in [0, 1) on the grid k * 2^-53, k = 0 .. 2^53 - 1:
/// (gg_rng_next(r) >> 11) * 2^-53. Consumes exactly one output.
double gg_rng_uniform(gg_rng *r);

/// A standard normal deviate (mean 0, variance 1): the ziggurat of Marsaglia
/// and Tsang (2000) with 256 layers and Marsaglia's (1964) tail. Consumes a
/// variable number of outputs: exactly one in 98.51% of calls, 1.0220 on
/// average; the exact rule is in docs/kernel.md. Never caches a deviate:
/// the result depends only on the state at the call. |z| <= 13.71.
double gg_rng_normal(gg_rng *r);

/// e^x for every double x. Error below 1 ulp for every finite x (measured
/// at most 0.526 ulp over 42 million points against expl, subnormal results
/// included; correctly rounded for 99.87% of them: docs/kernel.md). +inf for
/// x > 0x1.62e42fefa39efp+9 (709.782712893384, the result would exceed
/// DBL_MAX); subnormal results down to 2^-1074 near x = -745.13; 0 below
/// about -745.1332; exp(+-0) = 1, exp(-inf) = 0, exp(+inf) = +inf,
/// exp(NaN) = NaN.
double gg_exp(double x);

/// 2^x for every double x, with the same promise as gg_exp (measured at
/// most 0.523 ulp); exactly 2^n for integer n in [-1074, 1023]; +inf for
/// x >= 1024, 0 for x <= -1075, NaN for NaN.
double gg_exp2(double x);

/// The natural logarithm for x > 0, subnormal x included, error below 1 ulp
/// (measured at most 0.50001 ulp: correctly rounded but for rare hard
/// cases). log(1) = +0, log(+-0) = -inf, log(x < 0) = NaN,
/// log(+inf) = +inf, log(NaN) = NaN.
double gg_log(double x);

/// x^y = e^(y log x) for x >= 0 and finite y, with log x carried in two
/// doubles (relative error about 2^-64) so that a large |y log x| stays
/// accurate. Exact rules: pow(x, 1) == x, pow(x, 0) == 1, pow(1, y) == 1,
/// pow(0, y > 0) == 0, pow(0, y < 0) = +inf, pow(+inf, y) = +inf (y > 0) or
/// 0 (y < 0); otherwise x < 0 or a NaN gives NaN (pow(NaN, 0) = pow(1, NaN)
/// = 1, as in C). Error below 1 ulp: measured at most
/// 0.520 ulp for x in (0, 1], y in (0, 50] (the model's use) and 0.668 ulp
/// for x in (0, 1e10], |y| <= 100 and for x in [0.7, 1.42] with |y| up to
/// 2100 (docs/kernel.md). Overflow gives +inf, underflow 0 or a subnormal.
double gg_pow(double x, double y);

#endif
