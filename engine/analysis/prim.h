/* PRIM, the Patient Rule Induction Method (Friedman and Fisher 1999,
   "Bump hunting in high-dimensional data", Statistics and Computing 9:
   123-143): a box in the input space where the share of interesting
   points is high, found by peeling small slices off the box one at a time
   and then pasting back what raises the share. Quasi-p-values of the
   box's limits as in Bryant and Lempert (2010, Technological Forecasting
   and Social Change 77: 34-49). Pure computation: no files. */
#ifndef GG_PRIM_H
#define GG_PRIM_H

#include <greatgame/greatgame.h>
#include <stdint.h>

/* Most levels of a categorical input (a bit mask of kept levels). */
#define PRIM_MAX_LEVELS 16

typedef struct prim_data {
  long n;                 /* points */
  int d;                  /* inputs */
  const double *x;        /* n x d, row major; a categorical input holds its level index */
  const int *levels;      /* d entries: 0 for a number, else the number of levels */
  const unsigned char *y; /* n entries: 1 interesting, 0 not */
} prim_data;

/* A box: for a number, lo <= x <= hi; for a categorical input, the levels
   whose bit is set. */
typedef struct prim_box {
  double *lo, *hi; /* d entries each */
  uint32_t *mask;  /* d entries */
  long n, hits;    /* points in the box, interesting ones among them */
} prim_box;

typedef struct prim_options {
  double peel;     /* share of the box's points peeled per step, (0, 0.5) */
  double paste;    /* share of the box's points added per pasting step, [0, 0.5) */
  double min_mass; /* stop peeling before the box holds fewer than this share of the points */
} prim_options;

typedef struct prim_result {
  int steps;       /* boxes on the peeling trajectory (the first is the whole space) */
  prim_box *boxes; /* steps boxes */
  long n, hits;    /* all points and the interesting ones */
} prim_result;

/* The peeling trajectory. 0, or -1 when out of memory (err filled). */
int gga_prim_peel(const prim_data *data, const prim_options *o, prim_result *res, gg_error *err);
void gga_prim_result_free(prim_result *res);

/* Paste onto a copy of box `in` (into `out`, allocated here) while the
   share of interesting points rises. 0, or -1 when out of memory. */
int gga_prim_paste(const prim_data *data, const prim_options *o, const prim_box *in, prim_box *out,
                   gg_error *err);
void gga_prim_box_free(prim_box *b);

/* Is input j restricted by the box (narrower than all the points)? */
int gga_prim_restricted(const prim_data *data, const prim_box *b, int j);
/* The quasi-p-value of input j's limits: the chance, under a binomial
   with the share of interesting points of the box without j's limits,
   of at least as many interesting points among the box's points. NaN for
   an input the box does not restrict. */
double gga_prim_quasi_p(const prim_data *data, const prim_box *b, int j);

#endif
