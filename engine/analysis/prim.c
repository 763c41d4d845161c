/* PRIM: peeling, pasting and the quasi-p-values of a box's limits (prim.h).
   Every choice is deterministic: candidates are tried in input order, low
   side before high side, and a tie keeps the first. */
#include "gg_util.h"
#include "prim.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <math.h>
#include <string.h>

static int prim_box_alloc(prim_box *b, int d) {
  memset(b, 0, sizeof *b);
  b->lo = gg_malloc((size_t)d * sizeof(double));
  b->hi = gg_malloc((size_t)d * sizeof(double));
  b->mask = gg_malloc((size_t)d * sizeof(uint32_t));
  if (!b->lo || !b->hi || !b->mask) {
    gga_prim_box_free(b);
    return -1;
  }
  return 0;
}

void gga_prim_box_free(prim_box *b) {
  gg_free(b->lo);
  gg_free(b->hi);
  gg_free(b->mask);
  memset(b, 0, sizeof *b);
}

static int prim_box_copy(prim_box *to, const prim_box *from, int d) {
  if (prim_box_alloc(to, d) != 0) return -1;
  memcpy(to->lo, from->lo, (size_t)d * sizeof(double));
  memcpy(to->hi, from->hi, (size_t)d * sizeof(double));
  memcpy(to->mask, from->mask, (size_t)d * sizeof(uint32_t));
  to->n = from->n;
  to->hits = from->hits;
  return 0;
}

/* Is point i inside the box, ignoring input `skip` (-1: none)? */
static int prim_inside(const prim_data *dt, const prim_box *b, long i, int skip) {
  const double *x = dt->x + (size_t)i * (size_t)dt->d;
  for (int j = 0; j < dt->d; j++) {
    if (j == skip) continue;
    if (dt->levels[j] > 0) {
      if (!(b->mask[j] & (1u << (int)x[j]))) return 0;
    } else if (x[j] < b->lo[j] || x[j] > b->hi[j]) {
      return 0;
    }
  }
  return 1;
}

static void prim_count(const prim_data *dt, prim_box *b) {
  b->n = b->hits = 0;
  for (long i = 0; i < dt->n; i++)
    if (prim_inside(dt, b, i, -1)) {
      b->n++;
      b->hits += dt->y[i];
    }
}

/* The whole space: every point, every level. */
static void prim_full(const prim_data *dt, prim_box *b) {
  for (int j = 0; j < dt->d; j++) {
    b->lo[j] = INFINITY;
    b->hi[j] = -INFINITY;
    b->mask[j] = dt->levels[j] > 0 ? (uint32_t)((1u << dt->levels[j]) - 1u) : 0u;
  }
  for (long i = 0; i < dt->n; i++)
    for (int j = 0; j < dt->d; j++) {
      double v = dt->x[(size_t)i * (size_t)dt->d + (size_t)j];
      if (v < b->lo[j]) b->lo[j] = v;
      if (v > b->hi[j]) b->hi[j] = v;
    }
  prim_count(dt, b);
}

int gga_prim_restricted(const prim_data *dt, const prim_box *b, int j) {
  if (dt->levels[j] > 0) return b->mask[j] != (uint32_t)((1u << dt->levels[j]) - 1u);
  for (long i = 0; i < dt->n; i++) {
    double v = dt->x[(size_t)i * (size_t)dt->d + (size_t)j];
    if (v < b->lo[j] || v > b->hi[j]) return 1;
  }
  return 0;
}

/* The k-th smallest (or largest) distinct cut of input j among `vals`
   (sorted, m of them) that removes at least k points from one side: the
   new limit, or NaN when every value is the same. */
static double prim_cut(const double *vals, long m, long k, int high) {
  if (m == 0 || vals[0] == vals[m - 1]) return NAN;
  if (k < 1) k = 1;
  if (k >= m) k = m - 1;
  if (!high) {
    double c = vals[k]; /* keep x >= c: removes the k smallest at least */
    if (c == vals[0]) {
      long i = k;
      while (i < m && vals[i] == vals[0])
        i++;
      c = vals[i];
    }
    return c;
  }
  double c = vals[m - 1 - k]; /* keep x <= c */
  if (c == vals[m - 1]) {
    long i = m - 1 - k;
    while (i >= 0 && vals[i] == vals[m - 1])
      i--;
    c = vals[i];
  }
  return c;
}

/* The box's values of input j, sorted, into buf (returns their count). */
static long prim_values(const prim_data *dt, const prim_box *b, int j, double *buf) {
  long m = 0;
  for (long i = 0; i < dt->n; i++)
    if (prim_inside(dt, b, i, -1)) buf[m++] = dt->x[(size_t)i * (size_t)dt->d + (size_t)j];
  gsl_sort(buf, 1, (size_t)m);
  return m;
}

/* The peeling objective: the rise in density per point removed (the
   "lenient" objective of Kwakkel and Jaxa-Rozen 2016, Environmental
   Modelling & Software 79: 311-321), so that a slice that removes many
   points at once (a factor's level) must earn it. */
static double prim_gain(const prim_box *from, long n, long hits) {
  double d0 = (double)from->hits / (double)from->n, d1 = (double)hits / (double)n;
  return (d1 - d0) / (double)(from->n - n);
}

/* Is the candidate (n, hits) better than the best so far? Ties keep the
   larger box, then the first found. */
static int prim_better(const prim_box *from, long n, long hits, long bn, long bhits) {
  if (bn == 0) return 1;
  double a = prim_gain(from, n, hits), b = prim_gain(from, bn, bhits);
  return a > b || (a == b && n > bn);
}

/* One peeling step of box b into next; 0 done, 1 no admissible peel. */
static int prim_peel_step(const prim_data *dt, const prim_options *o, const prim_box *b,
                          prim_box *next, double *buf) {
  long best_n = 0, best_hits = 0, min_n = (long)ceil(o->min_mass * (double)dt->n);
  int best_j = -1, best_side = 0;
  double best_cut = 0;
  uint32_t best_mask = 0;
  prim_box trial;
  if (prim_box_copy(&trial, b, dt->d) != 0) return -1;
  for (int j = 0; j < dt->d; j++) {
    if (dt->levels[j] > 0) {
      for (int l = 0; l < dt->levels[j]; l++) {
        if (!(b->mask[j] & (1u << l)) || (b->mask[j] & ~(1u << l)) == 0) continue;
        trial.mask[j] = b->mask[j] & ~(1u << l);
        prim_count(dt, &trial);
        if (trial.n < b->n && trial.n >= min_n && trial.n > 0 &&
            prim_better(b, trial.n, trial.hits, best_n, best_hits)) {
          best_n = trial.n, best_hits = trial.hits, best_j = j, best_mask = trial.mask[j];
        }
        trial.mask[j] = b->mask[j];
      }
      continue;
    }
    long m = prim_values(dt, b, j, buf);
    long k = (long)ceil(o->peel * (double)m);
    for (int side = 0; side < 2; side++) {
      double c = prim_cut(buf, m, k, side);
      if (isnan(c)) continue;
      if (side == 0)
        trial.lo[j] = c;
      else
        trial.hi[j] = c;
      prim_count(dt, &trial);
      if (trial.n < b->n && trial.n >= min_n && trial.n > 0 &&
          prim_better(b, trial.n, trial.hits, best_n, best_hits)) {
        best_n = trial.n, best_hits = trial.hits, best_j = j, best_side = side, best_cut = c;
      }
      trial.lo[j] = b->lo[j];
      trial.hi[j] = b->hi[j];
    }
  }
  gga_prim_box_free(&trial);
  if (best_j < 0) return 1;
  if (prim_box_copy(next, b, dt->d) != 0) return -1;
  if (dt->levels[best_j] > 0)
    next->mask[best_j] = best_mask;
  else if (best_side == 0)
    next->lo[best_j] = best_cut;
  else
    next->hi[best_j] = best_cut;
  next->n = best_n;
  next->hits = best_hits;
  return 0;
}

void gga_prim_result_free(prim_result *res) {
  for (int s = 0; s < res->steps; s++)
    gga_prim_box_free(&res->boxes[s]);
  gg_free(res->boxes);
  memset(res, 0, sizeof *res);
}

int gga_prim_peel(const prim_data *dt, const prim_options *o, prim_result *res, gg_error *err) {
  memset(res, 0, sizeof *res);
  double *buf = gg_malloc((size_t)(dt->n > 0 ? dt->n : 1) * sizeof(double));
  int cap = 64;
  res->boxes = gg_calloc((size_t)cap, sizeof(prim_box));
  if (!buf || !res->boxes || prim_box_alloc(&res->boxes[0], dt->d) != 0) {
    gg_free(buf);
    gga_prim_result_free(res);
    gg_err_set(err, "discover: out of memory");
    return -1;
  }
  prim_full(dt, &res->boxes[0]);
  res->steps = 1;
  res->n = res->boxes[0].n;
  res->hits = res->boxes[0].hits;
  for (;;) {
    if (res->steps == cap) {
      prim_box *nb = gg_calloc((size_t)cap * 2, sizeof(prim_box));
      if (!nb) break;
      memcpy(nb, res->boxes, (size_t)cap * sizeof(prim_box));
      gg_free(res->boxes);
      res->boxes = nb;
      cap *= 2;
    }
    int rc = prim_peel_step(dt, o, &res->boxes[res->steps - 1], &res->boxes[res->steps], buf);
    if (rc < 0) {
      gg_free(buf);
      gga_prim_result_free(res);
      gg_err_set(err, "discover: out of memory");
      return -1;
    }
    if (rc > 0) break;
    res->steps++;
  }
  gg_free(buf);
  return 0;
}

int gga_prim_paste(const prim_data *dt, const prim_options *o, const prim_box *in, prim_box *out,
                   gg_error *err) {
  double *buf = gg_malloc((size_t)(dt->n > 0 ? dt->n : 1) * sizeof(double));
  prim_box trial;
  if (!buf || prim_box_copy(out, in, dt->d) != 0) {
    gg_free(buf);
    gg_err_set(err, "discover: out of memory");
    return -1;
  }
  if (prim_box_copy(&trial, in, dt->d) != 0) {
    gg_free(buf);
    gga_prim_box_free(out);
    gg_err_set(err, "discover: out of memory");
    return -1;
  }
  while (o->paste > 0) {
    long best_n = out->n, best_hits = out->hits;
    int best_j = -1, best_side = 0;
    double best_cut = 0;
    uint32_t best_mask = 0;
    long k = (long)ceil(o->paste * (double)out->n);
    for (int j = 0; j < dt->d; j++) {
      if (dt->levels[j] > 0) {
        for (int l = 0; l < dt->levels[j]; l++) {
          if (out->mask[j] & (1u << l)) continue;
          trial.mask[j] = out->mask[j] | (1u << l);
          prim_count(dt, &trial);
          if (trial.n > out->n &&
              (double)trial.hits * (double)best_n > (double)best_hits * (double)trial.n) {
            best_n = trial.n, best_hits = trial.hits, best_j = j, best_mask = trial.mask[j];
          }
          trial.mask[j] = out->mask[j];
        }
        continue;
      }
      /* The points outside input j's limits but inside the others. */
      long m = 0;
      for (int side = 0; side < 2; side++) {
        m = 0;
        for (long i = 0; i < dt->n; i++) {
          double v = dt->x[(size_t)i * (size_t)dt->d + (size_t)j];
          if ((side == 0 ? v < out->lo[j] : v > out->hi[j]) && prim_inside(dt, out, i, j))
            buf[m++] = v;
        }
        if (m == 0) continue;
        gsl_sort(buf, 1, (size_t)m);
        long take = k < m ? k : m;
        /* Move the limit to take the `take` nearest points (and their ties). */
        double c = side == 0 ? buf[m - take] : buf[take - 1];
        if (side == 0)
          trial.lo[j] = c;
        else
          trial.hi[j] = c;
        prim_count(dt, &trial);
        if (trial.n > out->n &&
            (double)trial.hits * (double)best_n > (double)best_hits * (double)trial.n) {
          best_n = trial.n, best_hits = trial.hits, best_j = j, best_side = side, best_cut = c;
        }
        trial.lo[j] = out->lo[j];
        trial.hi[j] = out->hi[j];
      }
    }
    if (best_j < 0) break;
    if (dt->levels[best_j] > 0)
      out->mask[best_j] = trial.mask[best_j] = best_mask;
    else if (best_side == 0)
      out->lo[best_j] = trial.lo[best_j] = best_cut;
    else
      out->hi[best_j] = trial.hi[best_j] = best_cut;
    out->n = best_n;
    out->hits = best_hits;
  }
  gga_prim_box_free(&trial);
  gg_free(buf);
  return 0;
}

double gga_prim_quasi_p(const prim_data *dt, const prim_box *b, int j) {
  if (!gga_prim_restricted(dt, b, j) || b->n == 0) return NAN;
  long n = 0, hits = 0;
  for (long i = 0; i < dt->n; i++)
    if (prim_inside(dt, b, i, j)) {
      n++;
      hits += dt->y[i];
    }
  double p = n > 0 ? (double)hits / (double)n : 0.0;
  if (b->hits == 0) return 1.0;
  /* P(X >= hits) for X ~ Binomial(b->n, p). */
  return gsl_cdf_binomial_Q((unsigned int)(b->hits - 1), p, (unsigned int)b->n);
}
