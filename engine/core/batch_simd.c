/* The arithmetic of one tick of a batch (steps 2 to 8 of docs/model.md) on
   groups of lanes in the compiler's vector types (batch_kernel.h): every
   lane performs, in the same order, the IEEE operations of sim.c
   (compute_targets, split_contest, split_fixed_all, the stock and alignment
   updates) and of kernel.c (xoshiro256**, the ziggurat's first try, exp), so
   a lane gives the bits of gg_sim_step. What is rare goes lane by lane
   through the scalar kernel: the ziggurat's rejections and tail, an exp
   outside the normal range, a contest weight that needs pow.

   The kernel is compiled for 2 doubles per vector (the build's baseline:
   SSE2 on x86-64, NEON on aarch64, SIMD128 in WebAssembly, or the
   compiler's emulation) and, on x86-64, for 4 (AVX2) and 8 (AVX-512F)
   doubles, chosen at run time. None of these adds a fused multiply-add:
   GCC and clang do not contract vector expressions under -ffp-contract=off
   (and FMA is not among the enabled features). */
#include "batch_internal.h"

#include <float.h>
#include <math.h>
#include <string.h>

#if defined(__FAST_MATH__)
#error "batch_simd.c must not be compiled with -ffast-math"
#endif
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
/* GCC 12.2 at -O3 stops with an internal compiler error (in its expansion
   of vector selects) when it unswitches the 2-lane kernel's loops */
#pragma GCC optimize("no-unswitch-loops")
/* vectors wider than the baseline's are passed between inlined helpers only */
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

#define INLINE static inline __attribute__((always_inline))
#define GGB_HUGE 1e300
#define GGB_LN2_HI 0x1.62e42ffp-1
#define GGB_LN2_LO (-0x1.718432a1b0e26p-35)
#define GGB_INV_LN2 0x1.71547652b82fep+0
#define GGB_ROUNDER 0x1.8p52

/* The rest of gg_rng_normal (kernel.c) after its first output w was
   rejected: the same steps, the same draws. */
static double ggb_normal_rest(gg_rng *r, uint64_t w) {
  const double *zx = gg_batch_zig_x, *zf = gg_batch_zig_f;
  for (;;) {
    int i = (int)(w & 0xff), neg = (int)((w >> 8) & 1);
    double x = (double)(w >> 11) * 0x1p-53 * zx[i];
    if (x < zx[i + 1]) return neg ? -x : x;
    if (i == 0) {
      for (;;) {
        double a = -gg_log(1.0 - gg_rng_uniform(r)) / zx[1];
        double b = -gg_log(1.0 - gg_rng_uniform(r));
        if (b + b > a * a) {
          x = zx[1] + a;
          return neg ? -x : x;
        }
      }
    }
    double y = zf[i] + gg_rng_uniform(r) * (zf[i + 1] - zf[i]);
    if (y < gg_exp(-0.5 * x * x)) return neg ? -x : x;
    w = gg_rng_next(r);
  }
}

#define VL 2
#include "batch_kernel.h"
#undef VL

static void step_v2(gg_batch *b) {
  for (int i = 0; i < b->nblocks; i++) {
    group_tick_2(b, &b->blocks[i], 0);
    b->blocks[i].ac_ok = 1;
  }
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define GGB_X86 1
#pragma GCC push_options
#pragma GCC target("avx2")
#define VL 4
#include "batch_kernel.h"
#undef VL
static void step_v4(gg_batch *b) {
  for (int i = 0; i < b->nblocks; i++) {
    group_tick_4(b, &b->blocks[i], 0);
    b->blocks[i].ac_ok = 1;
  }
}
#pragma GCC pop_options
#pragma GCC push_options
#pragma GCC target("avx512f")
#define VL 8
#include "batch_kernel.h"
#undef VL
static void step_v8(gg_batch *b) {
  for (int i = 0; i < b->nblocks; i++) {
    group_tick_8(b, &b->blocks[i], 0);
    b->blocks[i].ac_ok = 1;
  }
}
#pragma GCC pop_options
#endif

/* 0 generic, 1 AVX2, 2 AVX-512F: the best the machine has. */
int ggb_isa_best(void) {
#ifdef GGB_X86
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") ? 2 : __builtin_cpu_supports("avx2") ? 1 : 0;
#else
  return 0;
#endif
}

void ggb_step_blocks(gg_batch *b) {
#ifdef GGB_X86
  if (b->isa == 2)
    step_v8(b);
  else if (b->isa == 1)
    step_v4(b);
  else
    step_v2(b);
#else
  step_v2(b);
#endif
}

static const char *const isa_names[] = {"generic", "avx2", "avx512f"};

const char *gg_batch_isa(const gg_batch *b) {
  if (!GG_OBJ("gg_batch_isa", "batch", b)) return NULL;
  return isa_names[b->isa];
}

int ggb_isa_lanes(int isa) {
  return isa == 2 ? 8 : isa == 1 ? 4 : 2;
}

int gg_batch_set_isa(gg_batch *b, const char *isa) {
  if (!GG_OBJ("gg_batch_set_isa", "batch", b)) return -1;
  for (int level = 0; level <= ggb_isa_best(); level++)
    if (isa && strcmp(isa, isa_names[level]) == 0) {
      int old = b->isa;
      b->isa = level;
      b->L = ggb_isa_lanes(level);
      if (b->scalar) return 0;
      if (ggb_relayout(b) == 0) return 0;
      b->isa = old; /* out of memory: back to the old blocks */
      b->L = ggb_isa_lanes(old);
      if (ggb_relayout(b) != 0) { /* still none: the lanes go one by one */
        b->scalar = 1;
        for (int l = 0; l < b->Wmax; l++)
          gg_sim_reset(b->sims[l], b->seeds[l < b->W ? l : b->W - 1]);
        b->t = 0;
        b->stepped = 0;
      }
      return -1;
    }
  return -1;
}

int gg_batch_isa_available(const char *isa) {
  for (int level = 0; isa && level <= ggb_isa_best(); level++)
    if (strcmp(isa, isa_names[level]) == 0) return 1;
  return 0;
}

int gg_batch_width(void) {
  int level = ggb_isa_best();
  if (level == 2) return 8;
  if (level == 1) return 4;
#if defined(__SSE2__) || defined(__ARM_NEON) || defined(__wasm_simd128__)
  return 2;
#else
  return 1;
#endif
}
