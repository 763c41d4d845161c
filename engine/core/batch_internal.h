/* Private structures of the batched simulations (batch.c, batch_simd.c). */
#ifndef GG_BATCH_INTERNAL_H
#define GG_BATCH_INTERNAL_H

#include <greatgame/batch.h>

#include "internal.h"

/* What may happen at a tick in some lane (gg_batch.flags). */
#define GGB_EV 1    /* events to apply or shocks to draw */
#define GGB_XF 2    /* ... some of which change stocks */
#define GGB_UNTIL 4 /* an event with `until` ends */
#define GGB_BLOC 8  /* a bloc membership starts or ends */

/* The most lanes of a block (AVX-512: 8 doubles per register). */
#define GGB_MAX_L 8

/* One block of L lanes (gg_batch.L): every array holds n values per lane,
   value i of lane l at [i * L + l]. */
typedef struct ggb_block {
  double *X, *u, *M;                                           /* [S*P*C] */
  double *a, *T, *Tc;                                          /* [S*(P+1)] */
  double *sat, *wts;                                           /* [S*C] */
  double *aff, *kb;                                            /* [S*P] */
  double *autonomy, *lambda, *tau, *beta, *theta, *nu, *sigma; /* [S] */
  double *spare;                                               /* [S] */
  double *budget;                                              /* [P*C] */
  double *prio;                                                /* [P*S] */
  double *focus;                                               /* [P] */
  double *ret;                                                 /* [C] retention 2^(-1/half-life) */
  double *m;     /* [S] scratch of the contest split */
  double *R;     /* [P*C] scratch of one state's responses */
  double *Ac;    /* [S*P] utilities of the last live pass but neighbour pull and noise */
  int ac_ok;     /* Ac holds for the next contest pass (nothing changed since) */
  uint64_t *rng; /* [4] xoshiro256** words */
} ggb_block;

struct gg_batch {
  int W, Wp, nblocks; /* lanes, lanes with the padding of the last block, blocks */
  int L;              /* lanes per block: doubles per vector of the instruction set */
  int Wmax;           /* lanes with the padding of the widest blocks (the sims) */
  int S, P, C, ticks, t;
  int contest;               /* some power plays the contest strategy */
  int scalar;                /* lanes stepped one by one by gg_sim_step (a model the blocks lack) */
  int stepped;               /* a step has run */
  int events_last;           /* the last step applied events */
  int isa;                   /* 0 generic vectors, 1 AVX2, 2 AVX-512F (batch_simd.c) */
  gg_sim **sims;             /* [Wmax] each lane's own run: events, blocs, values */
  uint64_t *seeds;           /* [Wmax] */
  unsigned char *flags;      /* [ticks+1] GGB_* */
  uint32_t *touch;           /* [ticks+1] parameter arrays events may write (1 << gg_pid) */
  unsigned char *member_old; /* [B*S] scratch: a lane's membership before an update */
  ggb_block *blocks;
  double *mem; /* the blocks' arrays */
  size_t per_block;
};

/* The arithmetic of one tick (steps 2 to 8) for every block, with the
   widest instruction set of the machine (batch_simd.c). */
void ggb_step_blocks(gg_batch *b);
/* The best instruction set of this machine for ggb_step_blocks (0, 1, 2). */
int ggb_isa_best(void);
/* Doubles per vector of an instruction set (2, 4, 8): a block's lanes. */
int ggb_isa_lanes(int isa);
/* Blocks for the current L, then tick 0 with the lanes' seeds (batch.c).
   0, or -1 when out of memory (the batch then has no blocks). */
int ggb_relayout(gg_batch *b);

/* The ziggurat tables of kernel.c (defined there). */
extern const double *const gg_batch_zig_x;
extern const double *const gg_batch_zig_f;

#endif
