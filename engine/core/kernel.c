/* The core's math kernel (kernel.h, docs/kernel.md): a random stream and the
   exponential family in plain IEEE-754 double arithmetic, so that the model
   gives the same bits on every platform. Only + - * / on doubles (each
   correctly rounded by IEEE 754, round-to-nearest-even), integer operations
   and bit copies; no libm call, no long double, no fused multiply-add.

   Written from the published algorithms:
   - SplitMix64: G. L. Steele, D. Lea and C. H. Flood, "Fast splittable
     pseudorandom number generators", OOPSLA 2014.
   - xoshiro256**: D. Blackman and S. Vigna, "Scrambled linear pseudorandom
     number generators" (2018; ACM TOMS 47(4), 2021).
   - Normal deviates: G. Marsaglia and W. W. Tsang, "The ziggurat method for
     generating random variables", J. Statistical Software 5(8), 2000, with
     256 layers, and the tail method of G. Marsaglia, "Generating a variable
     from the tail of the normal distribution", Technometrics 6(1), 1964.
   - exp, exp2, log: argument reduction with a two-part ln 2 (W. J. Cody and
     W. Waite, "Software Manual for the Elementary Functions", 1980): e^x =
     2^k e^r with |r| <= ln2/2, and log x = k ln2 + 2 atanh(s), s = (m-1)/(m+1),
     m in [sqrt(2)/2, sqrt(2)]. The series are the Taylor series of e^r and
     of atanh, with rational coefficients 1/n! and 2/(2k+1) written as
     quotients below; the sums that decide the last bit are carried in two
     doubles with the error-free transformations of T. J. Dekker ("A
     floating-point technique for extending the available precision",
     Numer. Math. 18, 1971: Fast2Sum, Veltkamp splitting, exact product) and
     D. E. Knuth (TAOCP vol. 2: TwoSum). */
#include "kernel.h"

#include <float.h>
#include <math.h> /* INFINITY and NAN only */
#include <string.h>

#if defined(__FAST_MATH__)
#error "kernel.c must not be compiled with -ffast-math (the bits would depend on the compiler)"
#endif
#if !defined(FLT_EVAL_METHOD) || FLT_EVAL_METHOD != 0
/* e.g. x87 arithmetic on x86-32: build with -msse2 -mfpmath=sse */
#error "kernel.c needs double expressions evaluated in double (FLT_EVAL_METHOD 0)"
#endif
/* No contraction of a*b+c into a fused multiply-add, whatever the build's
   default (GCC's GNU modes and some clang targets contract): the project
   builds with -ffp-contract=off as well. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

/* ---- random stream ----------------------------------------------------------------------- */

#define GOLDEN 0x9e3779b97f4a7c15ULL /* 2^64 / golden ratio, odd: SplitMix64's increment */

uint64_t gg_mix64(uint64_t x) {
  x += GOLDEN;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

void gg_rng_seed(gg_rng *r, uint64_t seed) {
  for (int i = 0; i < 4; i++)
    r->s[i] = gg_mix64(seed + (uint64_t)(i + 1) * GOLDEN);
}

static inline uint64_t rotl64(uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

uint64_t gg_rng_next(gg_rng *r) {
  uint64_t *s = r->s;
  uint64_t out = rotl64(s[1] * 5, 7) * 9; /* the ** scrambler */
  uint64_t t = s[1] << 17;                /* the linear engine, xoshiro256 */
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl64(s[3], 45);
  return out;
}

double gg_rng_uniform(gg_rng *r) {
  return (double)(gg_rng_next(r) >> 11) * 0x1p-53; /* both steps exact */
}

/* ---- bits and error-free transformations --------------------------------------------------- */

static inline uint64_t bits_of(double x) {
  uint64_t u;
  memcpy(&u, &x, sizeof u);
  return u;
}

static inline double from_bits(uint64_t u) {
  double x;
  memcpy(&x, &u, sizeof x);
  return x;
}

/* 2^k for -1022 <= k <= 1023, exactly. */
static inline double pow2i(int k) {
  return from_bits((uint64_t)(k + 1023) << 52);
}

/* s + e == a + b exactly, s = fl(a + b) (Knuth; any a, b without overflow). */
static inline void two_sum(double a, double b, double *s, double *e) {
  double x = a + b, bv = x - a, av = x - bv;
  *s = x;
  *e = (a - av) + (b - bv);
}

/* The same when |a| >= |b| or a == 0 (Dekker's Fast2Sum). */
static inline void fast_two_sum(double a, double b, double *s, double *e) {
  double x = a + b;
  *s = x;
  *e = b - (x - a);
}

/* p + e == a * b exactly, p = fl(a * b) (Dekker, with Veltkamp's split by
   2^27 + 1), for |a|, |b| < 2^995 and no underflow in the partial products. */
static inline void two_prod(double a, double b, double *p, double *e) {
  double ca = 134217729.0 * a, cb = 134217729.0 * b;
  double ah = ca - (ca - a), al = a - ah, bh = cb - (cb - b), bl = b - bh;
  double x = a * b;
  *p = x;
  *e = ((ah * bh - x) + ah * bl + al * bh) + al * bl;
}

/* ---- constants --------------------------------------------------------------------------- */

/* ln 2 rounded to 29 significant bits, so k * LN2_HI is exact for |k| < 2^24,
   and the rest, ln 2 - LN2_HI, rounded to nearest: |LN2_HI + LN2_LO - ln 2|
   < 2^-88. LN2D_HI is ln 2 rounded to nearest and LN2D_LO = ln 2 - LN2D_HI
   rounded to nearest. INV_LN2 = 1/ln 2 and SQRT2 = sqrt 2 rounded to nearest
   (SQRT2 > sqrt 2). Derived in decimal arithmetic by
   tests/core/kernel_reference.py --constants. */
#define LN2_HI 0x1.62e42ffp-1
#define LN2_LO (-0x1.718432a1b0e26p-35)
#define LN2D_HI 0x1.62e42fefa39efp-1
#define LN2D_LO 0x1.abc9e3b39803fp-56
#define INV_LN2 0x1.71547652b82fep+0
#define SQRT2 0x1.6a09e667f3bcdp+0
/* Adding and subtracting 1.5 * 2^52 rounds a double of magnitude < 2^51 to
   the nearest integer, ties to even. */
#define ROUNDER 0x1.8p52

/* ---- exponential ------------------------------------------------------------------------- */

/* e^(rh + rl) = hi + lo (|lo| <= ulp(hi)/2, hi in [0.70, 1.42]) for
   |rh| <= 0.35 and |rl| <= ulp(rh). e^rh = 1 + rh + rh^2/2 + rh^3 q(rh),
   q(r) = sum_{n=3..14} r^(n-3)/n! (truncation < 1e-19 relative). 1 + rh and
   rh^2/2 are carried exactly and the small terms summed, so hi is e^(rh+rl)
   rounded once: error below 0.5 ulp + 0.06 ulp (the rounding of rh^3 q,
   |rh^3 q| < 0.008). */
static void exp_core(double rh, double rl, double *hi, double *lo) {
  double u, ue;
  two_prod(rh, rh, &u, &ue); /* rh^2 = u + ue */
  double even =
      1.0 / 6 +
      u * (1.0 / 120 +
           u * (1.0 / 5040 + u * (1.0 / 362880 + u * (1.0 / 39916800 + u * (1.0 / 6227020800)))));
  double odd =
      1.0 / 24 +
      u * (1.0 / 720 + u * (1.0 / 40320 +
                            u * (1.0 / 3628800 + u * (1.0 / 479001600 + u * (1.0 / 87178291200)))));
  double t3 = (rh * u) * (even + rh * odd);
  double h = 0.5 * u, hl = 0.5 * ue; /* rh^2/2 */
  double s0, e0, s1, e1;
  fast_two_sum(1.0, rh, &s0, &e0);
  fast_two_sum(s0, h, &s1, &e1);
  /* rl e^rh ~ rl (1 + rh + rh^2/2) */
  double small = t3 + (hl + (e1 + (e0 + (rl + rl * (rh + h)))));
  fast_two_sum(s1, small, hi, lo);
}

/* (hi + lo) 2^k for hi in [0.70, 1.42], |lo| <= ulp(hi)/2 and
   -1076 <= k <= 1024, rounded once. */
static double scale(double hi, double lo, int k) {
  if (k > 1023) return (hi * 2.0) * pow2i(1023); /* may overflow to +inf */
  if (k >= -1021) return hi * pow2i(k);          /* exact: the result is normal */
  /* A result below 2^-1021: round hi + lo to the multiples of 2^-1074 (the
     subnormal grid) once, rather than rounding hi a second time. Scaled by
     2^(k+64), hi becomes a (exact, normal), lo becomes b (exact, or off by
     at most 2^-1075, far below what could matter) and the grid step becomes
     2^-1010. t = a 2^-64 is a rounded once to the grid; a - t 2^64 is exact
     and at most half a step, and so is b (|lo| <= ulp(hi)/2 <= 2^-53), so
     the grid point nearest to a + b is t or a neighbour. */
  double a = hi * pow2i(k + 64), b = lo * pow2i(k + 64);
  double t = a * 0x1p-64;
  double rb = (a - t * 0x1p64) + b;
  if (rb > 0x1p-1011) return t + 0x1p-1074;
  if (rb < -0x1p-1011) return t - 0x1p-1074;
  return t;
}

/* e^(zh + zl) for -746 <= zh <= 710 and |zl| <= ulp(zh). */
static double exp_dd(double zh, double zl) {
  double kd = (zh * INV_LN2 + ROUNDER) - ROUNDER; /* nearest integer to zh / ln 2 */
  int k = (int)kd;
  double a = zh - kd * LN2_HI; /* exact: both multiples of ulp(zh), |a| < 0.35 */
  double b = zl - kd * LN2_LO;
  double rh, rl;
  two_sum(a, b, &rh, &rl);
  double hi, lo;
  exp_core(rh, rl, &hi, &lo);
  return scale(hi, lo, k);
}

double gg_exp(double x) {
  if (!(x <= 710.0)) return x != x ? x + x : INFINITY; /* NaN, or certain overflow */
  if (x < -746.0) return 0.0;                          /* certain underflow */
  return exp_dd(x, 0.0);
}

double gg_exp2(double x) {
  if (!(x < 1024.0)) return x != x ? x + x : INFINITY;
  if (x <= -1075.0) return 0.0; /* 2^-1075 is halfway to 2^-1074: even is 0 */
  double kd = (x + ROUNDER) - ROUNDER;
  double f = x - kd; /* exact, |f| <= 1/2 */
  double rh, rl;
  two_prod(f, LN2D_HI, &rh, &rl); /* f ln 2 in two parts */
  rl += f * LN2D_LO;
  fast_two_sum(rh, rl, &rh, &rl);
  double hi, lo;
  exp_core(rh, rl, &hi, &lo);
  return scale(hi, lo, (int)kd);
}

/* ---- logarithm --------------------------------------------------------------------------- */

/* log x = hi + lo for finite x > 0, |hi + lo - log x| <= 2^-64.6 |log x|
   (measured, docs/kernel.md). x = 2^e m with m in [sqrt(2)/2, sqrt(2)],
   f = m - 1 (exact), s = f / (2 + f) = (m - 1)/(m + 1) in two parts,
   |s| < 0.1716, and log m = 2 atanh s = 2s + (2/3) s^3 + (2/5) s^5 +
   s^7 P(s^2), P(u) = sum_{k=3..12} 2 u^(k-3) / (2k+1) (truncation below
   2^-72). 2s and (2/3) s^3 are carried in two parts and s^5 is computed from
   two-part s^2 and s^3, so that every rounding is far below the last bit;
   e ln 2 = e LN2_HI (exact) + e LN2_LO. */
static void log_dd(double x, double *hi, double *lo) {
  uint64_t b = bits_of(x);
  int e = 0;
  if (b < (1ULL << 52)) { /* subnormal: make it normal */
    x *= 0x1p54;
    b = bits_of(x);
    e = -54;
  }
  e += (int)(b >> 52) - 1023;
  double m = from_bits((b & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL); /* [1, 2) */
  if (m > SQRT2) {
    m *= 0.5;
    e += 1;
  }
  double f = m - 1.0;
  double d, dl, p, pe;
  fast_two_sum(2.0, f, &d, &dl); /* 2 + f = d + dl */
  double rd = 1.0 / d, s = f * rd;
  two_prod(s, d, &p, &pe);
  double sl = (((f - p) - pe) - s * dl) * rd; /* s + sl = f / (2 + f) to ~2^-100 */
  double u, ul, c, cl, q, ql;
  two_prod(s, s, &u, &ul); /* s^2 = u + ul */
  two_prod(u, s, &c, &cl);
  cl += ul * s + 3.0 * u * sl; /* s^3 = c + cl */
  two_prod(c, u, &q, &ql);
  ql += c * (ul + 2.0 * s * sl) + cl * u; /* s^5 = q + ql */
  double c2 = 2.0 * c, v = c2 * (1.0 / 3), w, we;
  two_prod(v, 3.0, &w, &we);
  double vl = (((c2 - w) - we) + 2.0 * cl) * (1.0 / 3); /* (2/3) s^3 = v + vl */
  double t5 = (2.0 * (q + ql)) / 5.0;                   /* (2/5) s^5 */
  double u2 = u * u;
  double p_even = 2.0 / 7 + u2 * (2.0 / 11 + u2 * (2.0 / 15 + u2 * (2.0 / 19 + u2 * (2.0 / 23))));
  double p_odd = 2.0 / 9 + u2 * (2.0 / 13 + u2 * (2.0 / 17 + u2 * (2.0 / 21 + u2 * (2.0 / 25))));
  double t7 = (q * u) * (p_even + u * p_odd); /* s^7 P(s^2) */
  double ed = (double)e, h1, l1, h2, l2;
  two_sum(ed * LN2_HI, 2.0 * s, &h1, &l1);
  two_sum(h1, v, &h2, &l2);
  double small = t5 + (t7 + (ed * LN2_LO + (l1 + (l2 + (vl + 2.0 * sl)))));
  fast_two_sum(h2, small, hi, lo);
}

double gg_log(double x) {
  if (!(x > 0.0)) return x == 0.0 ? -INFINITY : (x != x ? x + x : NAN);
  if (x == INFINITY) return x;
  double hi, lo;
  log_dd(x, &hi, &lo);
  return hi;
}

/* ---- power ------------------------------------------------------------------------------- */

double gg_pow(double x, double y) {
  if (y == 1.0) return x;
  if (y == 0.0 || x == 1.0) return 1.0;
  if (x != x || y != y) return x + y;
  if (x < 0.0) return NAN;
  if (x == 0.0) return y > 0.0 ? 0.0 : INFINITY;
  if (x == INFINITY) return y > 0.0 ? INFINITY : 0.0;
  if (y == INFINITY || y == -INFINITY) return (x < 1.0) == (y > 0.0) ? 0.0 : INFINITY;
  double lh, ll;
  log_dd(x, &lh, &ll);
  double z = y * lh;              /* |y log x| > 800: certain overflow or underflow, and */
  if (z > 800.0) return INFINITY; /* two_prod's split of y must not overflow */
  if (z < -800.0) return 0.0;
  double zh, zl;
  two_prod(y, lh, &zh, &zl);
  zl += y * ll;
  fast_two_sum(zh, zl, &zh, &zl); /* y log x = zh + zl */
  if (zh > 710.0) return INFINITY;
  if (zh < -746.0) return 0.0;
  return exp_dd(zh, zl);
}

/* ---- normal deviates --------------------------------------------------------------------- */

/* BEGIN GENERATED by scripts/gen_ziggurat_tables.py: do not edit. */
// clang-format off
/* r = 3.654152885361008771645430, v = 0.004928673233974655347361775 */
#define ZIG_LAYERS 256
/* layer edges x_0 = v/f(r), x_1 = r, ..., x_256 = 0 */
static const double zig_x[ZIG_LAYERS + 1] = {
    0x1.f493b7815d982p+1, 0x1.d3bb48209ad33p+1, 0x1.b981f3878fdb0p+1,
    0x1.a8fdc78947759p+1, 0x1.9cbee014057aap+1, 0x1.92ee0946f4496p+1,
    0x1.8ab0fbfaa7c14p+1, 0x1.839030529f233p+1, 0x1.7d42df4d6ce8bp+1,
    0x1.7799556090672p+1, 0x1.72728f05f7a33p+1, 0x1.6db6b8d09e231p+1,
    0x1.69540be9fe5c2p+1, 0x1.653ce7b006aeap+1, 0x1.61669cf861e4bp+1,
    0x1.5dc8a243ad0fep+1, 0x1.5a5c08b718dd9p+1, 0x1.571b1a94ae41cp+1,
    0x1.54011523a7e43p+1, 0x1.5109f53e9ac42p+1, 0x1.4e3250dcd8903p+1,
    0x1.4b7739d6b5a28p+1, 0x1.48d62759c43bdp+1, 0x1.464ce44a73a16p+1,
    0x1.43d9815545e94p+1, 0x1.417a49cb9e5dbp+1, 0x1.3f2dbaa60f475p+1,
    0x1.3cf27b31704a6p+1, 0x1.3ac7570ae88fap+1, 0x1.38ab39256410ap+1,
    0x1.369d27a33a840p+1, 0x1.349c405ae12a3p+1, 0x1.32a7b5e68a4a3p+1,
    0x1.30becd256aeeep+1, 0x1.2ee0db1a978f5p+1, 0x1.2d0d43196db97p+1,
    0x1.2b437532a0a53p+1, 0x1.2982ecd770e78p+1, 0x1.27cb2faa8592ep+1,
    0x1.261bcc77658e0p+1, 0x1.24745a4ac9c24p+1, 0x1.22d477a6fd3efp+1,
    0x1.213bc9d04cc82p+1, 0x1.1fa9fc2e2d901p+1, 0x1.1e1ebfbe4ae39p+1,
    0x1.1c99ca971a695p+1, 0x1.1b1ad777f2f8fp+1, 0x1.19a1a564eebadp+1,
    0x1.182df74d21262p+1, 0x1.16bf93b9deef5p+1, 0x1.1556448602e3dp+1,
    0x1.13f1d69c4096fp+1, 0x1.129219bbb5d37p+1, 0x1.1136e04207043p+1,
    0x1.0fdffefa69fb8p+1, 0x1.0e8d4cf116594p+1, 0x1.0d3ea34aa3d32p+1,
    0x1.0bf3dd1eed449p+1, 0x1.0aacd7571c0c5p+1, 0x1.0969708e8a255p+1,
    0x1.082988f632e18p+1, 0x1.06ed023a72669p+1, 0x1.05b3bf6adb37ep+1,
    0x1.047da4e3ef5c7p+1, 0x1.034a983a902abp+1, 0x1.021a8028fc947p+1,
    0x1.00ed447d3a075p+1, 0x1.ff859c118f60bp+0, 0x1.fd360d22fe785p+0,
    0x1.faebb187122bfp+0, 0x1.f8a6604899782p+0, 0x1.f665f20c90168p+0,
    0x1.f42a40fb74d6dp+0, 0x1.f1f328ac25321p+0, 0x1.efc086101eca9p+0,
    0x1.ed9237610a73ap+0, 0x1.eb681c0f76f08p+0, 0x1.e94214b2abf09p+0,
    0x1.e72002f97fe23p+0, 0x1.e501c99c1d186p+0, 0x1.e2e74c4ea46f3p+0,
    0x1.e0d06fb49d219p+0, 0x1.debd195522e34p+0, 0x1.dcad2f8fc490cp+0,
    0x1.daa0999206e6ep+0, 0x1.d8973f4d7fba4p+0, 0x1.d691096e7f123p+0,
    0x1.d48de1533c647p+0, 0x1.d28db1037ef20p+0, 0x1.d0906328b8f6ep+0,
    0x1.ce95e3068e037p+0, 0x1.cc9e1c73bd690p+0, 0x1.caa8fbd36a2abp+0,
    0x1.c8b66e0eba617p+0, 0x1.c6c6608ec8705p+0, 0x1.c4d8c136e0d1dp+0,
    0x1.c2ed7e5f07a2dp+0, 0x1.c10486cec16a0p+0, 0x1.bf1dc9b81ae82p+0,
    0x1.bd3936b2ec0a2p+0, 0x1.bb56bdb85256ep+0, 0x1.b9764f1e5f73dp+0,
    0x1.b797db93f8928p+0, 0x1.b5bb541ce3d04p+0, 0x1.b3e0aa0e00c01p+0,
    0x1.b207cf09a985cp+0, 0x1.b030b4fc3a11bp+0, 0x1.ae5b4e18bb338p+0,
    0x1.ac878cd5af5cfp+0, 0x1.aab563e9ff10ap+0, 0x1.a8e4c64a0313fp+0,
    0x1.a715a724aa9a7p+0, 0x1.a547f9e0bbb8bp+0, 0x1.a37bb21a2c85ep+0,
    0x1.a1b0c39f93696p+0, 0x1.9fe7226fad24dp+0, 0x1.9e1ec2b6f7414p+0,
    0x1.9c5798cd5d92ep+0, 0x1.9a919933f99c1p+0, 0x1.98ccb892e2a33p+0,
    0x1.9708ebb70d5efp+0, 0x1.954627903a28bp+0, 0x1.9384612ef0afep+0,
    0x1.91c38dc288349p+0, 0x1.9003a2973b591p+0, 0x1.8e44951446a28p+0,
    0x1.8c865aba10c9dp+0, 0x1.8ac8e9205c044p+0, 0x1.890c35f47f72ep+0,
    0x1.875036f7a7ec7p+0, 0x1.8594e1fd1f5bep+0, 0x1.83da2ce899f16p+0,
    0x1.82200dac88677p+0, 0x1.80667a486ea1fp+0, 0x1.7ead68c73dee7p+0,
    0x1.7cf4cf3db22fcp+0, 0x1.7b3ca3c8b140ap+0, 0x1.7984dc8babd94p+0,
    0x1.77cd6faeff44ap+0, 0x1.7616535e57320p+0, 0x1.745f7dc70eeddp+0,
    0x1.72a8e516914c7p+0, 0x1.70f27f78b68ecp+0, 0x1.6f3c43161f856p+0,
    0x1.6d8626128d354p+0, 0x1.6bd01e8b343bdp+0, 0x1.6a1a22950b2b3p+0,
    0x1.6864283b13139p+0, 0x1.66ae257c99674p+0, 0x1.64f8104b7260dp+0,
    0x1.6341de8a2b0a4p+0, 0x1.618b860a31fc5p+0, 0x1.5fd4fc89f5e39p+0,
    0x1.5e1e37b2f8cd4p+0, 0x1.5c672d17d733fp+0, 0x1.5aafd23241b5ap+0,
    0x1.58f81c60e8515p+0, 0x1.574000e555f79p+0, 0x1.558774e1bb2c9p+0,
    0x1.53ce6d56a6650p+0, 0x1.5214df20a8b5cp+0, 0x1.505abef5e5563p+0,
    0x1.4ea001638a606p+0, 0x1.4ce49acb311ddp+0, 0x1.4b287f602415ep+0,
    0x1.496ba32488f30p+0, 0x1.47adf9e66c338p+0, 0x1.45ef773cac75ep+0,
    0x1.44300e83c30a6p+0, 0x1.426fb2da6745fp+0, 0x1.40ae571e09e76p+0,
    0x1.3eebede725a85p+0, 0x1.3d28698561de3p+0, 0x1.3b63bbfb83d06p+0,
    0x1.399dd6fb2b267p+0, 0x1.37d6abe05586cp+0, 0x1.360e2baca52d7p+0,
    0x1.3444470265ea4p+0, 0x1.3278ee1f4b933p+0, 0x1.30ac10d6e48dap+0,
    0x1.2edd9e8cba990p+0, 0x1.2d0d862e1b855p+0, 0x1.2b3bb62b82edbp+0,
    0x1.29681c719d71dp+0, 0x1.2792a661dd381p+0, 0x1.25bb40ca96bfep+0,
    0x1.23e1d7de9c322p+0, 0x1.2206572c4c6ecp+0, 0x1.2028a9940a0a3p+0,
    0x1.1e48b93e0d431p+0, 0x1.1c666f8f82acfp+0, 0x1.1a81b51ee6d8bp+0,
    0x1.189a71a78da37p+0, 0x1.16b08bfc42020p+0, 0x1.14c3e9f8e9143p+0,
    0x1.12d4707310fc1p+0, 0x1.10e20329515f1p+0, 0x1.0eec84b16086fp+0,
    0x1.0cf3d664bcc83p+0, 0x1.0af7d84bc6116p+0, 0x1.08f869071f40fp+0,
    0x1.06f565b72a014p+0, 0x1.04eea9e16a5ffp+0, 0x1.02e40f5398f9dp+0,
    0x1.00d56e04234eep+0, 0x1.fd8537dfa2eb1p-1, 0x1.f956d9e87d7b2p-1,
    0x1.f51f654d8f68cp-1, 0x1.f0de784f0622ap-1, 0x1.ec93abdf982d2p-1,
    0x1.e83e9337a6f04p-1, 0x1.e3debb5d2ee02p-1, 0x1.df73aa9f17656p-1,
    0x1.dafce0023b8c8p-1, 0x1.d679d29e41f14p-1, 0x1.d1e9f0e80b74bp-1,
    0x1.cd4c9fe72268fp-1, 0x1.c8a13a5323b66p-1, 0x1.c3e70f9594ef8p-1,
    0x1.bf1d62abf8239p-1, 0x1.ba4368e529f40p-1, 0x1.b558487427a2fp-1,
    0x1.b05b16d136ca2p-1, 0x1.ab4ad6e101636p-1, 0x1.a62676d77cd5fp-1,
    0x1.a0eccdca4a731p-1, 0x1.9b9c98e38c54dp-1, 0x1.96347822c1ef0p-1,
    0x1.90b2ea94ecf9ep-1, 0x1.8b1649e7b769fp-1, 0x1.855cc53430a7dp-1,
    0x1.7f845ad46f549p-1, 0x1.798ad10b32a7ep-1, 0x1.736dad346f8adp-1,
    0x1.6d2a292000576p-1, 0x1.66bd261a37c44p-1, 0x1.60231cfd97ef1p-1,
    0x1.59580a707ce9cp-1, 0x1.52575621ad379p-1, 0x1.4b1bb363dfeadp-1,
    0x1.439ef8dff9b5ap-1, 0x1.3bd9ec1a2b134p-1, 0x1.33c3fc05791fap-1,
    0x1.2b52e3863d885p-1, 0x1.227a28f7a1afap-1, 0x1.192a69741367dp-1,
    0x1.0f5053b025d4ap-1, 0x1.04d32278ebbb4p-1, 0x1.f32482d4cd5d0p-2,
    0x1.dac2f5a747281p-2, 0x1.c004d2f386207p-2, 0x1.a230c2e4cd0cbp-2,
    0x1.801fce82fa71ap-2, 0x1.57cb938443b71p-2, 0x1.250af3c2c5bc6p-2,
    0x1.b8d0be3fdf702p-3, 0x0.0p+0,
};
/* f(x_i) = exp(-x_i^2/2); f_0 = 0, f_256 = 1 */
static const double zig_f[ZIG_LAYERS + 1] = {
    0x0.0p+0, 0x1.4a605b6b9f70dp-10, 0x1.55f9f43c1b071p-9,
    0x1.08a1f03b0b205p-8, 0x1.69ea8d90cb868p-8, 0x1.ce160f8ec6838p-8,
    0x1.1a59229952f93p-7, 0x1.4eb96421acfebp-7, 0x1.841040d8da47ep-7,
    0x1.ba48d274f8fb3p-7, 0x1.f152a4f72dd55p-7, 0x1.149033460301ap-6,
    0x1.30d388dab5e1ap-6, 0x1.4d6eaf2fbb064p-6, 0x1.6a5daf40bbf89p-6,
    0x1.879d1b600c10bp-6, 0x1.a529f4e22ebf8p-6, 0x1.c301983cd0910p-6,
    0x1.e121adb828c6ap-6, 0x1.ff881d718a5b7p-6, 0x1.0f1982e96800bp-5,
    0x1.1e9059f1f6ab7p-5, 0x1.2e27ce83df492p-5, 0x1.3ddf2ce98eec4p-5,
    0x1.4db5d0e11275ep-5, 0x1.5dab23cf2adcep-5, 0x1.6dbe9b398d063p-5,
    0x1.7defb77af271dp-5, 0x1.8e3e02a68b5acp-5, 0x1.9ea90f9295563p-5,
    0x1.af30790385f71p-5, 0x1.bfd3e0f282a2cp-5, 0x1.d092efeadf161p-5,
    0x1.e16d547b25181p-5, 0x1.f262c2b6c6e36p-5, 0x1.01b979e30e498p-4,
    0x1.0a4ed2c159620p-4, 0x1.12f14d0f2179dp-4, 0x1.1ba0cbe97897cp-4,
    0x1.245d344dd0d90p-4, 0x1.2d266cf9b3110p-4, 0x1.35fc5e4d93e6ap-4,
    0x1.3edef23269a81p-4, 0x1.47ce1401b2214p-4, 0x1.50c9b06fa2baep-4,
    0x1.59d1b5774669dp-4, 0x1.62e6124854d12p-4, 0x1.6c06b73694a45p-4,
    0x1.753395aaa116ep-4, 0x1.7e6ca013eefc9p-4, 0x1.87b1c9dbf2844p-4,
    0x1.9103075a4a09ep-4, 0x1.9a604dc9d5b0bp-4, 0x1.a3c9933ea6279p-4,
    0x1.ad3ece9caf626p-4, 0x1.b6bff78f2e22ap-4, 0x1.c04d0680b1008p-4,
    0x1.c9e5f493b7403p-4, 0x1.d38abb9bd91dcp-4, 0x1.dd3b56176e889p-4,
    0x1.e6f7bf29aa542p-4, 0x1.f0bff29520e12p-4, 0x1.fa93ecb6b222dp-4,
    0x1.0239d54067d2bp-3, 0x1.072f94bb8bf85p-3, 0x1.0c2b33d5209bap-3,
    0x1.112cb1da26eb9p-3, 0x1.16340e5a82d63p-3, 0x1.1b41492757d42p-3,
    0x1.2054625183c34p-3, 0x1.256d5a2835eb6p-3, 0x1.2a8c3137a071bp-3,
    0x1.2fb0e847c2a65p-3, 0x1.34db805b4ab88p-3, 0x1.3a0bfaae8d7eep-3,
    0x1.3f4258b6931aep-3, 0x1.447e9c20375d6p-3, 0x1.49c0c6cf5ce30p-3,
    0x1.4f08dade31fc6p-3, 0x1.5456da9c8683bp-3, 0x1.59aac88f31d75p-3,
    0x1.5f04a76f88400p-3, 0x1.64647a2adf1a4p-3, 0x1.69ca43e21f260p-3,
    0x1.6f3607e96471ap-3, 0x1.74a7c9c7ab5a9p-3, 0x1.7a1f8d368a322p-3,
    0x1.7f9d5621f7175p-3, 0x1.852128a819a39p-3, 0x1.8aab09192815bp-3,
    0x1.903afbf74fa6ap-3, 0x1.95d105f6a7c26p-3, 0x1.9b6d2bfd2fe5bp-3,
    0x1.a10f7322d7e3cp-3, 0x1.a6b7e0b19267dp-3, 0x1.ac667a2571805p-3,
    0x1.b21b452ccd13bp-3, 0x1.b7d647a8731aap-3, 0x1.bd9787abe18a3p-3,
    0x1.c35f0b7d89d46p-3, 0x1.c92cd9971df52p-3, 0x1.cf00f8a5e6fc8p-3,
    0x1.d4db6f8b2514cp-3, 0x1.dabc455c79006p-3, 0x1.e0a3816457180p-3,
    0x1.e6912b2283cd9p-3, 0x1.ec854a4c99c3fp-3, 0x1.f27fe6ce998ccp-3,
    0x1.f88108cb83231p-3, 0x1.fe88b89df93bdp-3, 0x1.024b7f6c7747ap-2,
    0x1.0555f2242e9d4p-2, 0x1.0863b8f904330p-2, 0x1.0b74d88b242d5p-2,
    0x1.0e895598709bdp-2, 0x1.11a134fcf241ep-2, 0x1.14bc7bb34ee63p-2,
    0x1.17db2ed5454e5p-2, 0x1.1afd539c2f04cp-2, 0x1.1e22ef6188113p-2,
    0x1.214c079f7cc9cp-2, 0x1.2478a1f17de87p-2, 0x1.27a8c414db11ap-2,
    0x1.2adc73e963fd9p-2, 0x1.2e13b77210763p-2, 0x1.314e94d5af62dp-2,
    0x1.348d125f9d19cp-2, 0x1.37cf368081377p-2, 0x1.3b1507cf143acp-2,
    0x1.3e5e8d08ed2d8p-2, 0x1.41abcd1357a17p-2, 0x1.44fccefc324fbp-2,
    0x1.485199fad6ad3p-2, 0x1.4baa357109ca2p-2, 0x1.4f06a8ebf6d91p-2,
    0x1.5266fc2533bebp-2, 0x1.55cb3703d00fep-2, 0x1.5933619d6eebcp-2,
    0x1.5c9f84376c242p-2, 0x1.600fa7480d2c6p-2, 0x1.6383d377be512p-2,
    0x1.66fc11a25cbe0p-2, 0x1.6a786ad88de1fp-2, 0x1.6df8e86124ca5p-2,
    0x1.717d93ba96148p-2, 0x1.7506769c7b1e9p-2, 0x1.78939af9252e7p-2,
    0x1.7c250aff414abp-2, 0x1.7fbad11b8d90dp-2, 0x1.8354f7faa0dd5p-2,
    0x1.86f38a8ac5ab1p-2, 0x1.8a9693fde9184p-2, 0x1.8e3e1fcb9f113p-2,
    0x1.91ea39b33cb14p-2, 0x1.959aedbe09f8fp-2, 0x1.995048418c0c4p-2,
    0x1.9d0a55e1e93ddp-2, 0x1.a0c923946843cp-2, 0x1.a48cbea20c04bp-2,
    0x1.a85534aa4d87ep-2, 0x1.ac2293a5f5a9ap-2, 0x1.aff4e9ea1854fp-2,
    0x1.b3cc462b331c7p-2, 0x1.b7a8b78071319p-2, 0x1.bb8a4d6716d8ep-2,
    0x1.bf7117c616a14p-2, 0x1.c35d26f1d2cb4p-2, 0x1.c74e8bb00d7c5p-2,
    0x1.cb45573c0a843p-2, 0x1.cf419b4ae5b69p-2, 0x1.d3436a102107bp-2,
    0x1.d74ad6426de2ep-2, 0x1.db57f320b56aap-2, 0x1.df6ad47763a02p-2,
    0x1.e3838ea5f9b7ep-2, 0x1.e7a236a4ec3c0p-2, 0x1.ebc6e20bd1f50p-2,
    0x1.eff1a717e8f8ep-2, 0x1.f4229cb2f7aedp-2, 0x1.f859da7a900c4p-2,
    0x1.fc9778c7bbd9cp-2, 0x1.006dc85b8cac2p-1, 0x1.02931e18b8229p-1,
    0x1.04bbcafa63f2bp-1, 0x1.06e7dccf03c33p-1, 0x1.091761d995d7ep-1,
    0x1.0b4a68d70d9aap-1, 0x1.0d8101041429cp-1, 0x1.0fbb3a232590fp-1,
    0x1.11f9248311f34p-1, 0x1.143ad105ea997p-1, 0x1.16805128639d6p-1,
    0x1.18c9b709b3c4cp-1, 0x1.1b171573fd10ep-1, 0x1.1d687fe549966p-1,
    0x1.1fbe0a992961dp-1, 0x1.2217ca92ff7eep-1, 0x1.2475d5a90db7fp-1,
    0x1.26d84290504e8p-1, 0x1.293f28e93cd11p-1, 0x1.2baaa14d79545p-1,
    0x1.2e1ac55ea3be9p-1, 0x1.308fafd6438ebp-1, 0x1.33097c9703a32p-1,
    0x1.358848bf550e7p-1, 0x1.380c32bda00d2p-1, 0x1.3a955a662cd0bp-1,
    0x1.3d23e10af31a0p-1, 0x1.3fb7e99585b7fp-1, 0x1.425198a355fe0p-1,
    0x1.44f114a493676p-1, 0x1.479685fdf500fp-1, 0x1.4a42172dc5276p-1,
    0x1.4cf3f4f494ebdp-1, 0x1.4fac4e820b665p-1, 0x1.526b55a656cd3p-1,
    0x1.55313f08d9e44p-1, 0x1.57fe4264c8d8cp-1, 0x1.5ad29acc85c85p-1,
    0x1.5dae86f4aff66p-1, 0x1.6092498802662p-1, 0x1.637e298550c15p-1,
    0x1.667272a92e31fp-1, 0x1.696f75e513b26p-1, 0x1.6c7589e635a86p-1,
    0x1.6f850baea7aebp-1, 0x1.729e5f43f6d0ep-1, 0x1.75c1f0770d853p-1,
    0x1.78f033ca0b0d2p-1, 0x1.7c29a779c6855p-1, 0x1.7f6ed4b20e2c8p-1,
    0x1.82c050f56cf6bp-1, 0x1.861ebfc37bca7p-1, 0x1.898ad48badefep-1,
    0x1.8d0554fe60aa4p-1, 0x1.908f1bd31714bp-1, 0x1.94291c21b7a43p-1,
    0x1.97d4657617abep-1, 0x1.9b9228d24067ep-1, 0x1.9f63bee651fd5p-1,
    0x1.a34aafdf5af0cp-1, 0x1.a748bd550c9dep-1, 0x1.ab5fef17a2501p-1,
    0x1.af92a3f6ce89fp-1, 0x1.b3e3a8234dd0dp-1, 0x1.b85653a8ff54fp-1,
    0x1.bceeb4ee1dc7fp-1, 0x1.c1b1cd9eebae7p-1, 0x1.c6a5ecea9787cp-1,
    0x1.cbd33a8a72de8p-1, 0x1.d144978a119d9p-1, 0x1.d70920657bcefp-1,
    0x1.dd36fa704de93p-1, 0x1.e3f11e027f074p-1, 0x1.eb7545b6ca913p-1,
    0x1.f446ac979f084p-1, 0x1.0000000000000p+0,
};
// clang-format on
/* END GENERATED */

/* The same tables for the batch code's vector path (batch_internal.h). */
const double *const gg_batch_zig_x = zig_x;
const double *const gg_batch_zig_f = zig_f;

/* The ziggurat (docs/kernel.md gives the same rule in words). One output w
   picks the layer i = w & 255, the sign (bit 8) and u = (w >> 11) 2^-53;
   bits 9 and 10 are unused. x = u x_i is accepted at once when x < x_{i+1}
   (the point lies under the curve). Otherwise layer 0 draws from the tail
   x > r (Marsaglia 1964: two outputs per try), and layer i > 0 draws one
   more output for the height and accepts x when it lies under
   f(x) = e^(-x^2/2); a rejected point starts again with a new output. */
double gg_rng_normal(gg_rng *r) {
  for (;;) {
    uint64_t w = gg_rng_next(r);
    int i = (int)(w & 0xff), neg = (int)((w >> 8) & 1);
    double x = (double)(w >> 11) * 0x1p-53 * zig_x[i];
    if (x < zig_x[i + 1]) return neg ? -x : x;
    if (i == 0) {
      for (;;) {
        double a = -gg_log(1.0 - gg_rng_uniform(r)) / zig_x[1];
        double b = -gg_log(1.0 - gg_rng_uniform(r));
        if (b + b > a * a) {
          x = zig_x[1] + a;
          return neg ? -x : x;
        }
      }
    }
    double y = zig_f[i] + gg_rng_uniform(r) * (zig_f[i + 1] - zig_f[i]);
    if (y < gg_exp(-0.5 * x * x)) return neg ? -x : x;
  }
}
