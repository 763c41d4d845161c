/* Sample designs for sweeps and sensitivity analysis: points in the unit
   cube [0,1]^d, scaled to each parameter's range by the caller. */
#ifndef GG_DESIGN_H
#define GG_DESIGN_H

#include <greatgame/greatgame.h>
#include <stdint.h>

typedef enum design_kind {
  DESIGN_GRID = 0,     /* full factorial over each parameter's steps */
  DESIGN_RANDOM = 1,   /* independent uniform points */
  DESIGN_LHS = 2,      /* Latin hypercube */
  DESIGN_SOBOL = 3,    /* Sobol quasi-random points (GSL) */
  DESIGN_SALTELLI = 4, /* Saltelli's A, AB_j, [BA_j,] B rows, SALib's order */
  DESIGN_MORRIS = 5,   /* Morris trajectories over a p-level grid */
  DESIGN_EFAST = 6     /* eFAST: a block of N points per parameter (efast.c) */
} design_kind;

/* eFAST's interference factor M (SALib's default). */
#define EFAST_M 4

/* Largest number of parameters a design takes (GSL's Sobol generator has
   40 dimensions; Saltelli's design uses two per parameter). */
#define DESIGN_MAX_DIM 40

typedef struct design {
  design_kind kind;
  int dim;      /* parameters */
  long n;       /* rows */
  double *u;    /* n x dim unit-cube values, row major */
  long base;    /* Saltelli: base points N; Morris: trajectories */
  int second;   /* Saltelli: 1 if the BA_j rows are present */
  int levels;   /* Morris: grid levels p */
  double delta; /* Morris: step p / (2 (p - 1)) */
} design;

/* The name of a design kind ("grid", ...) and back (-1 if unknown). */
const char *gga_design_name(design_kind kind);
int gga_design_parse(const char *name);

/* Build a design. For DESIGN_GRID `steps[j]` gives the number of values of
   parameter j (>= 1) and `samples` is ignored; for DESIGN_SALTELLI and
   DESIGN_MORRIS `samples` is N (base points or trajectories) and the rows
   are N (d + 2), N (2d + 2) with `second`, or N (d + 1). `levels` is the
   Morris grid (>= 2, even is usual). 0, or -1 with err filled. */
int gga_design_make(design *ds, design_kind kind, int dim, long samples, const int *steps,
                    uint64_t seed, int second, int levels, gg_error *err);
void gga_design_free(design *ds);

/* Row i of the design. */
static inline const double *design_row(const design *ds, long i) {
  return ds->u + (size_t)i * (size_t)ds->dim;
}

/* eFAST (efast.c): SALib's frequencies for `dim` parameters and n points
   per parameter (omega[0] the high one, then dim - 1 low ones), and the
   design of n points per parameter (ds->dim set; rows dim x n, ds->base = n;
   random phases from `seed`). 0, or -1 with err filled. */
void gga_efast_frequencies(int dim, long n, int M, long *omega);
int gga_design_efast(design *ds, long n, int M, uint64_t seed, gg_error *err);

/* A uniform double in [0, 1) that is a pure function of (seed, a, b). */
double gga_design_uniform(uint64_t seed, uint64_t a, uint64_t b);

#endif
