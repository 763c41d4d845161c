/* The arithmetic of one tick of a batch on VL lanes at once, included by
   batch_simd.c once per vector width (VL = 2, 4, 8 doubles) with the names
   below given the suffix _VL. A block holds VL lanes, value i of lane l of
   an array at [i * VL + l] (the parameter o, the first lane, is 0). Every
   lane performs, in the same order, the IEEE operations of sim.c and
   kernel.c (see batch_simd.c). */
#ifndef VL
#error "batch_kernel.h is included by batch_simd.c with VL defined"
#endif

#define GGB_CAT2(a, b) a##_##b
#define GGB_CAT(a, b) GGB_CAT2(a, b)
#define vd GGB_CAT(vd, VL)
#define vi GGB_CAT(vi, VL)
#define vu GGB_CAT(vu, VL)
#define bc GGB_CAT(bc, VL)
#define ld GGB_CAT(ld, VL)
#define st GGB_CAT(st, VL)
#define ldu GGB_CAT(ldu, VL)
#define stu GGB_CAT(stu, VL)
#define sel GGB_CAT(sel, VL)
#define any GGB_CAT(any, VL)
#define two_sum GGB_CAT(two_sum, VL)
#define fast_two_sum GGB_CAT(fast_two_sum, VL)
#define two_prod GGB_CAT(two_prod, VL)
#define exp_core GGB_CAT(exp_core, VL)
#define vexp GGB_CAT(vexp, VL)
#define rotl GGB_CAT(rotl, VL)
#define vnext GGB_CAT(vnext, VL)
#define vnormal GGB_CAT(vnormal, VL)
#define clamp_huge GGB_CAT(clamp_huge, VL)
#define clamp_budget GGB_CAT(clamp_budget, VL)
#define vtargets GGB_CAT(vtargets, VL)
#define vcontest GGB_CAT(vcontest, VL)
#define vfixed_sums GGB_CAT(vfixed_sums, VL)
#define vfixed_state GGB_CAT(vfixed_state, VL)
#define group_tick GGB_CAT(group_tick, VL)

typedef double vd __attribute__((vector_size(VL * 8)));
typedef int64_t vi __attribute__((vector_size(VL * 8)));
typedef uint64_t vu __attribute__((vector_size(VL * 8)));

/* value i of the group's first lane in a block array */
#define AT(arr, i) (&k->arr[(size_t)(i)*VL + (size_t)o])

INLINE vd bc(double x) {
  vd v;
  for (int l = 0; l < VL; l++)
    v[l] = x;
  return v;
}
INLINE vd ld(const double *p) {
  vd v;
  memcpy(&v, p, sizeof v);
  return v;
}
INLINE void st(double *p, vd v) {
  memcpy(p, &v, sizeof v);
}
INLINE vu ldu(const uint64_t *p) {
  vu v;
  memcpy(&v, p, sizeof v);
  return v;
}
INLINE void stu(uint64_t *p, vu v) {
  memcpy(p, &v, sizeof v);
}
/* m ? a : b, lane by lane (m all ones or all zeros) */
INLINE vd sel(vi m, vd a, vd b) {
  return (vd)(((vi)a & m) | ((vi)b & ~m));
}
INLINE int any(vi m) {
  int64_t r = 0;
  for (int l = 0; l < VL; l++)
    r |= m[l];
  return r != 0;
}

/* ---- exp (kernel.c's exp_dd with zl = 0) ------------------------------------------------------
 */

INLINE void two_sum(vd a, vd b, vd *s, vd *e) {
  vd x = a + b, bv = x - a, av = x - bv;
  *s = x;
  *e = (a - av) + (b - bv);
}
INLINE void fast_two_sum(vd a, vd b, vd *s, vd *e) {
  vd x = a + b;
  *s = x;
  *e = b - (x - a);
}
INLINE void two_prod(vd a, vd b, vd *p, vd *e) {
  vd sp = bc(134217729.0);
  vd ca = sp * a, cb = sp * b;
  vd ah = ca - (ca - a), al = a - ah, bh = cb - (cb - b), bl = b - bh;
  vd x = a * b;
  *p = x;
  *e = ((ah * bh - x) + ah * bl + al * bh) + al * bl;
}

INLINE void exp_core(vd rh, vd rl, vd *hi, vd *lo) {
  vd u, ue;
  two_prod(rh, rh, &u, &ue);
  vd even =
      1.0 / 6 +
      u * (1.0 / 120 +
           u * (1.0 / 5040 + u * (1.0 / 362880 + u * (1.0 / 39916800 + u * (1.0 / 6227020800)))));
  vd odd =
      1.0 / 24 +
      u * (1.0 / 720 + u * (1.0 / 40320 +
                            u * (1.0 / 3628800 + u * (1.0 / 479001600 + u * (1.0 / 87178291200)))));
  vd t3 = (rh * u) * (even + rh * odd);
  vd h = 0.5 * u, hl = 0.5 * ue;
  vd s0, e0, s1, e1;
  fast_two_sum(bc(1.0), rh, &s0, &e0);
  fast_two_sum(s0, h, &s1, &e1);
  vd small = t3 + (hl + (e1 + (e0 + (rl + rl * (rh + h)))));
  fast_two_sum(s1, small, hi, lo);
}

/* gg_exp of every lane: exp_dd(x, 0) where the result is normal, gg_exp
   itself elsewhere (NaN, overflow, underflow, subnormal results). */
INLINE vd vexp(vd x) {
  vi bad = ~(x <= 710.0) | (x < -746.0);
  vd xs = sel(bad, bc(0.0), x);
  vd t = xs * GGB_INV_LN2 + GGB_ROUNDER;
  vd kd = t - GGB_ROUNDER;
  vi k = (vi)t - (vi)bc(GGB_ROUNDER); /* the integer kd, from the bits */
  vd a = xs - kd * GGB_LN2_HI;
  vd b = bc(0.0) - kd * GGB_LN2_LO;
  vd rh, rl, hi, lo;
  two_sum(a, b, &rh, &rl);
  exp_core(rh, rl, &hi, &lo);
  bad |= (k > 1023) | (k < -1021);
  vu p2 = (vu)(k + 1023) << 52;
  vd r = hi * (vd)p2;
  if (__builtin_expect(any(bad), 0))
    for (int l = 0; l < VL; l++)
      if (bad[l]) r[l] = gg_exp(x[l]);
  return r;
}

/* ---- random streams ------------------------------------------------------------------------- */

INLINE vu rotl(vu x, int n) {
  return (x << n) | (x >> (64 - n));
}

/* gg_rng_next of the lanes in `act`; the others keep their state. The
   words of the group's streams are at rng[j * VL], j = 0..3. */
INLINE vu vnext(uint64_t *rng, vi act) {
  uint64_t *p0 = rng, *p1 = rng + VL, *p2 = rng + 2 * VL, *p3 = rng + 3 * VL;
  vu s0 = ldu(p0), s1 = ldu(p1), s2 = ldu(p2), s3 = ldu(p3);
  vu x5 = (s1 << 2) + s1;
  vu r7 = rotl(x5, 7);
  vu out = (r7 << 3) + r7; /* rotl(s1 * 5, 7) * 9, mod 2^64 */
  vu t = s1 << 17;
  vu n2 = s2 ^ s0, n3 = s3 ^ s1;
  vu n1 = s1 ^ n2, n0 = s0 ^ n3;
  n2 ^= t;
  n3 = rotl(n3, 45);
  vu m = (vu)act;
  stu(p0, (n0 & m) | (s0 & ~m));
  stu(p1, (n1 & m) | (s1 & ~m));
  stu(p2, (n2 & m) | (s2 & ~m));
  stu(p3, (n3 & m) | (s3 & ~m));
  return out;
}

/* gg_rng_normal in the lanes of `act`, 0.0 in the others. */
INLINE vd vnormal(uint64_t *rng, vi act) {
  const double *zx = gg_batch_zig_x;
  vu w = vnext(rng, act);
  vu v = w >> 11;
  /* (double)v for v < 2^53, exactly: two halves through the bits of 2^52 + h */
  vu magic = (vu)bc(0x1p52);
  vd dh = (vd)((v >> 26) | magic) - 0x1p52;
  vd dl = (vd)((v & 0x3ffffffu) | magic) - 0x1p52;
  vd dv = dh * 0x1p26 + dl;
  vd zi, zi1;
  for (int l = 0; l < VL; l++) {
    const double *z = &zx[w[l] & 0xff];
    zi[l] = z[0];
    zi1[l] = z[1];
  }
  vd x = dv * 0x1p-53 * zi;
  vi acc = x < zi1;
  vu sign = (w >> 8 & 1) << 63;
  vd z = (vd)((vu)x ^ sign);
  vi slow = act & ~acc;
  if (__builtin_expect(any(slow), 0))
    for (int l = 0; l < VL; l++)
      if (slow[l]) {
        gg_rng r;
        for (int j = 0; j < 4; j++)
          r.s[j] = rng[j * VL + l];
        z[l] = ggb_normal_rest(&r, w[l]);
        for (int j = 0; j < 4; j++)
          rng[j * VL + l] = r.s[j];
      }
  return sel(act, z, bc(0.0));
}

/* ---- steps 4 to 7: utilities and targets (compute_targets of sim.c) ------------------------- */

INLINE vd clamp_huge(vd x) {
  return sel(x > GGB_HUGE, bc(GGB_HUGE), sel(x < -GGB_HUGE, bc(-GGB_HUGE), x));
}

/* With `live`, the noise is drawn and each utility's terms but the
   neighbour pull and the noise are kept in Ac; with `cached` (not live, and
   nothing changed the stocks, values or blocs since the live pass that
   wrote Ac), they are taken from Ac: the same operations on the same
   inputs, so the same bits. */
INLINE void vtargets(const gg_batch *b, const gg_scenario *sc, ggb_block *k, int o, double *Tout,
                     int live, int cached, int s_first, int s_end) {
  int S = b->S, P = b->P, C = b->C, K = P + 1;
  vd pres[GG_MAX_POWERS], N[GG_MAX_POWERS + 1], U[GG_MAX_POWERS + 1], xi[GG_MAX_POWERS + 1];
  double *R = &k->R[o];
  const int *nbs = sc->nb_start, *nbi = sc->nb_index;
  const double *nbw = sc->nb_weight;
  (void)S;
  for (int s = s_first; s < s_end; s++) {
    vd total = bc(0.0);
    if (!cached)
      for (int p = 0; p < P; p++) {
        vd sum = bc(0.0);
        for (int c = 0; c < C; c++) {
          vd x = ld(AT(X, (s * P + p) * C + c));
          vd r = x / (x + ld(AT(sat, s * C + c)));
          st(&R[(p * C + c) * VL], r);
          sum += r;
        }
        pres[p] = sum;
        total += sum;
      }
    for (int q = 0; q < K; q++)
      N[q] = bc(0.0);
    for (int i = nbs[s]; i < nbs[s + 1]; i++) {
      const double *an = AT(a, nbi[i] * K);
      vd wn = bc(nbw[i]);
      for (int q = 0; q < K; q++)
        N[q] += wn * ld(&an[q * VL]);
    }
    vd nu = ld(AT(nu, s)), sigma = ld(AT(sigma, s));
    if (live) {
      vi draw = sigma > 0.0;
      if (any(draw))
        for (int q = 0; q < K; q++)
          xi[q] = vnormal(&k->rng[o], draw);
      else
        for (int q = 0; q < K; q++)
          xi[q] = bc(0.0);
    }
    U[0] = ld(AT(autonomy, s)) + nu * N[0];
    if (live) U[0] += sigma * xi[0];
    if (cached)
      for (int p = 0; p < P; p++)
        U[p + 1] = ld(AT(Ac, s * P + p)) + nu * N[p + 1];
    else {
      vd beta = ld(AT(beta, s)), theta = ld(AT(theta, s));
      vi has_total = total > 0.0;
      for (int p = 0; p < P; p++) {
        vd A = ld(AT(aff, s * P + p));
        for (int c = 0; c < C; c++)
          A += ld(AT(wts, s * C + c)) * ld(AT(M, (s * P + p) * C + c)) * ld(&R[(p * C + c) * VL]);
        A += ld(AT(kb, s * P + p));
        vd pi = sel(has_total, pres[p] / total, bc(0.0));
        vd d = pi - theta;
        vd Bk = beta * sel(d > 0.0, d, bc(0.0));
        A -= Bk;
        if (live) st(AT(Ac, s * P + p), A);
        vd u = A + nu * N[p + 1];
        if (live) u += sigma * xi[p + 1];
        U[p + 1] = u;
      }
    }
    vd umax = bc(-DBL_MAX);
    for (int q = 0; q < K; q++) {
      U[q] = clamp_huge(U[q]);
      umax = sel(U[q] > umax, U[q], umax);
    }
    vd tau = ld(AT(tau, s)), z = bc(0.0);
    double *Ts = &Tout[(size_t)s * K * VL + (size_t)o];
    for (int q = 0; q < K; q++) {
      vd e = vexp(tau * (U[q] - umax));
      U[q] = e;
      z += e;
    }
    for (int q = 0; q < K; q++)
      st(&Ts[q * VL], U[q] / z);
  }
}

/* ---- step 2: efforts ----------------------------------------------------------------------------
 */

INLINE vd clamp_budget(vd x) {
  return sel(x > 0.0, sel(x < GGB_HUGE, x, bc(GGB_HUGE)), bc(0.0));
}

/* split_contest of sim.c for power p and channel c (split_fixed where no
   state gains), every lane of the group. */
INLINE void vcontest(const gg_batch *b, ggb_block *k, int o, int p, int c) {
  int S = b->S, P = b->P, C = b->C, K = P + 1;
  vd budget = clamp_budget(ld(AT(budget, p * C + c)));
  vd mmax = bc(0.0), fsum = bc(0.0);
  vi ninf = {0};
  vd inf = bc(INFINITY);
  for (int s = 0; s < S; s++) {
    int i = (s * P + p) * C + c;
    vd T = ld(AT(Tc, s * K + p + 1)), h = ld(AT(sat, s * C + c));
    vd xh = ld(AT(X, i)) + h;
    vd prio = ld(AT(prio, p * S + s));
    vd m = prio * ld(AT(tau, s)) * T * (1.0 - T) * ld(AT(wts, s * C + c)) * ld(AT(M, i)) * h /
           (xh * xh);
    m = sel(m >= 0.0, m, bc(0.0));
    ninf |= m == inf;
    st(AT(m, s), m);
    mmax = sel(m > mmax, m, mmax);
    fsum += prio;
  }
  vi zero = mmax == 0.0;
  vd eta = ld(AT(focus, p));
  vi direct = ~ninf & (eta == 1.0) & (mmax < 1e290) & (mmax >= 0x1p-969);
  vi pw = ~zero & ~ninf & ~direct;
  int need_pow = any(pw);
  vd sum = bc(0.0);
  for (int s = 0; s < S; s++) {
    vd m = ld(AT(m, s));
    vd wgt = sel(ninf, sel(m == inf, bc(1.0), bc(0.0)), m);
    if (need_pow)
      for (int l = 0; l < VL; l++)
        if (pw[l]) wgt[l] = gg_pow(m[l] / mmax[l], eta[l]);
    st(AT(m, s), wgt);
    sum += wgt;
  }
  vi fpos = fsum > 0.0;
  for (int s = 0; s < S; s++) {
    vd uc = budget * ld(AT(m, s)) / sum;
    vd uf = sel(fpos, budget * ld(AT(prio, p * S + s)) / fsum, bc(0.0));
    st(AT(u, (s * P + p) * C + c), sel(zero, uf, uc));
  }
}

/* split_fixed_all of sim.c, every lane of the group: the sums of the fixed
   powers' priorities (vfixed_sums, 0 when no power is fixed), then the
   efforts of state s (vfixed_state). */
INLINE int vfixed_sums(const gg_batch *b, const gg_scenario *sc, ggb_block *k, int o, vd *sum) {
  int S = b->S, P = b->P, nfixed = 0;
  for (int p = 0; p < P; p++) {
    if (sc->strategy[p] == GG_STRATEGY_CONTEST) continue;
    nfixed++;
    sum[p] = bc(0.0);
    for (int s = 0; s < S; s++)
      sum[p] += ld(AT(prio, p * S + s));
  }
  return nfixed;
}

INLINE void vfixed_state(const gg_batch *b, const gg_scenario *sc, ggb_block *k, int o,
                         const vd *sum, int s) {
  int S = b->S, P = b->P, C = b->C;
  for (int p = 0; p < P; p++) {
    if (sc->strategy[p] == GG_STRATEGY_CONTEST) continue;
    vd prio = ld(AT(prio, p * S + s));
    vi pos = sum[p] > 0.0;
    for (int c = 0; c < C; c++) {
      vd bud = clamp_budget(ld(AT(budget, p * C + c)));
      st(AT(u, (s * P + p) * C + c), sel(pos, bud * prio / sum[p], bc(0.0)));
    }
  }
}

/* ---- one tick (steps 2 to 8) of a group of lanes ----------------------------------------------
 */

/* The contest splits need every state's noise-free target first; after
   them, steps 2 (fixed powers), 3 and 4 to 7 run state by state, in one
   pass over the arrays: the efforts and stocks of state s are all that its
   target reads of them, the neighbours' alignments change only at step 8,
   and the noise is drawn in the order of the states as before. */
INLINE void group_tick(const gg_batch *b, ggb_block *k, int o) {
  const gg_scenario *sc = b->sims[0]->sc;
  int S = b->S, P = b->P, C = b->C, K = P + 1;
  if (b->contest) {
    if (k->ac_ok)
      vtargets(b, sc, k, o, k->Tc, 0, 1, 0, S);
    else
      vtargets(b, sc, k, o, k->Tc, 0, 0, 0, S);
    for (int p = 0; p < P; p++)
      for (int c = 0; c < C && sc->strategy[p] == GG_STRATEGY_CONTEST; c++)
        vcontest(b, k, o, p, c);
  }
  vd sum[GG_MAX_POWERS];
  int nfixed = vfixed_sums(b, sc, k, o, sum);
  for (int s = 0; s < S; s++) {
    if (nfixed) vfixed_state(b, sc, k, o, sum, s);
    for (int i = s * P * C; i < (s + 1) * P * C; i += C)
      for (int c = 0; c < C; c++) {
        vd x = ld(AT(ret, c)) * ld(AT(X, i + c)) + ld(AT(u, i + c));
        st(AT(X, i + c), sel(x < GGB_HUGE, x, bc(GGB_HUGE)));
      }
    vtargets(b, sc, k, o, k->T, 1, 0, s, s + 1);
  }
  for (int s = 0; s < S; s++) {
    vd lambda = ld(AT(lambda, s));
    for (int q = 0; q < K; q++) {
      int i = s * K + q;
      st(AT(a, i), (1.0 - lambda) * ld(AT(a, i)) + lambda * ld(AT(T, i)));
    }
  }
}

#undef AT
#undef vd
#undef vi
#undef vu
#undef bc
#undef ld
#undef st
#undef ldu
#undef stu
#undef sel
#undef any
#undef two_sum
#undef fast_two_sum
#undef two_prod
#undef exp_core
#undef vexp
#undef rotl
#undef vnext
#undef vnormal
#undef clamp_huge
#undef clamp_budget
#undef vtargets
#undef vcontest
#undef vfixed_sums
#undef vfixed_state
#undef group_tick
