/* The shortest decimal text of a double that reads back as the same double
   (greatgame/numfmt.h), by Schubfach: R. Giulietti, "The Schubfach way to
   render doubles" (2020, revised 2022).

   A finite v > 0 is c 2^q with a whole c. Every real in its rounding
   interval (halfway to the neighbouring doubles; the ends belong to it when
   c is even) reads back as v. With k = floor(log10(2^q)) (of 3/4 2^q when
   the lower neighbour is nearer: c is a power of two), the interval scaled
   by 10^-k holds at most a few whole numbers, so the shortest text is s or
   s + 1 with s = floor(v 10^-k), or a multiple of ten of them, and one
   pass decides. The scaling multiplies 4c (and the interval's ends 4c -+ 2)
   by a 128-bit 10^-k rounded up (numfmt_table.h, scripts/gen_numfmt_table.py)
   and keeps the whole part, rounded to odd: the paper proves the decisions
   below are then those of exact arithmetic.

   A text within 1/64 of the way from v to a halfway point gets more digits
   (robust(), digits()): a reader that rounds twice, as R's read.csv does
   (long double, then double), reads it back as v too. */
#include <greatgame/numfmt.h>

#include <stdint.h>
#include <string.h>

#include "numfmt_table.h"

/* The high 64 bits of a * b, and the low ones in *lo. */
static uint64_t mul_hi(uint64_t a, uint64_t b, uint64_t *lo) {
#ifdef __SIZEOF_INT128__
  unsigned __int128 p = (unsigned __int128)a * b;
  *lo = (uint64_t)p;
  return (uint64_t)(p >> 64);
#else
  uint64_t a0 = a & 0xffffffffu, a1 = a >> 32, b0 = b & 0xffffffffu, b1 = b >> 32;
  uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  uint64_t mid = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);
  *lo = (mid << 32) | (p00 & 0xffffffffu);
  return p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
#endif
}

/* floor(g cp / 2^128), with its lowest bit set when the rest is not zero
   (the rest of an overestimated g at most 1 counts as zero). */
static uint64_t round_odd(const uint64_t g[2], uint64_t cp) {
  uint64_t lo0, lo1;
  uint64_t x = mul_hi(g[1], cp, &lo0); /* g0 cp: its high word carries into g1 cp */
  uint64_t y1 = mul_hi(g[0], cp, &lo1);
  uint64_t y0 = lo1 + x;
  y1 += y0 < x;
  (void)lo0;
  return y1 | (y0 > 1);
}

/* floor(log10(2^q)), floor(log10(3/4 2^q)) and floor(log2(10^e)) over the
   exponents of doubles (the generator checks every one). */
static int flog10_pow2(int q) {
  return (q * 1262611) >> 22;
}
static int flog10_three_quarters_pow2(int q) {
  return (q * 1262611 - 524031) >> 22;
}
static int flog2_pow10(int e) {
  return (e * 1741647) >> 19;
}

/* The shortest digits d (perhaps with trailing zeros) and exponent e of
   v = c 2^q > 0: v reads back from d 10^e. */
static void shortest(uint64_t c, int q, int lower_closer, uint64_t *d, int *e) {
  int k = lower_closer ? flog10_three_quarters_pow2(q) : flog10_pow2(q);
  int h = q + flog2_pow10(-k) + 1; /* 1 to 4 */
  const uint64_t *g = gg_numfmt_pow10[-k - GG_NUMFMT_E_MIN];
  uint64_t out = c & 1; /* an odd c: the interval's ends read as the neighbours */
  uint64_t cb = c << 2, cbl = cb - 2 + (uint64_t)lower_closer, cbr = cb + 2;
  uint64_t vb = round_odd(g, cb << h), vbl = round_odd(g, cbl << h), vbr = round_odd(g, cbr << h);
  uint64_t s = vb >> 2, r;
  int ok = 0;
  if (s >= 10) { /* one digit fewer: the multiples of ten around s */
    uint64_t sp10 = s / 10 * 10, tp10 = sp10 + 10;
    int u = vbl + out <= sp10 << 2, w = (tp10 << 2) + out <= vbr;
    if (u != w) {
      r = u ? sp10 : tp10;
      ok = 1;
    }
  }
  if (!ok) {
    uint64_t t = s + 1;
    int u = vbl + out <= s << 2, w = (t << 2) + out <= vbr;
    if (u != w) {
      r = u ? s : t;
    } else { /* both inside: the nearer to v, the even one on a tie */
      uint64_t mid = (s + t) << 1;
      r = vb < mid || (vb == mid && (s & 1) == 0) ? s : t;
    }
  }
  *d = r;
  *e = k;
}

/* ---- texts that readers with one extra rounding also read back ---------- */

/* A 64.64 fixed-point number: whole part and fraction. */
typedef struct fix {
  uint64_t w, f;
} fix;

/* cb 2^q 10^-k as a 64.64 number (truncated; g's excess is below 2^-120 of
   it): the 192-bit product of g and cb, shifted by h. */
static fix scaled(uint64_t cb, int q, int k) {
  const uint64_t *g = gg_numfmt_pow10[-k - GG_NUMFMT_E_MIN];
  int h = q + flog2_pow10(-k) + 1; /* -63 to 63 here */
  uint64_t p0, l1;
  uint64_t a = mul_hi(g[1], cb, &p0);
  uint64_t p2 = mul_hi(g[0], cb, &l1);
  uint64_t p1 = l1 + a;
  p2 += p1 < a;
  fix x;
  if (h > 0) { /* the product times 2^h, over 2^128 */
    x.w = (p2 << h) | (p1 >> (64 - h));
    x.f = (p1 << h) | (p0 >> (64 - h));
  } else if (h == 0) {
    x.w = p2;
    x.f = p1;
  } else {
    x.w = p2 >> -h;
    x.f = (p2 << (64 + h)) | (p1 >> -h);
  }
  return x;
}

static fix fix_sub(fix a, fix b) { /* a >= b */
  fix d = {a.w - b.w - (a.f < b.f), a.f - b.f};
  return d;
}
static int fix_less(fix a, fix b) {
  return a.w < b.w || (a.w == b.w && a.f < b.f);
}
static fix fix_shl(fix a, int n) { /* 1 <= n < 64, no overflow here */
  fix d = {(a.w << n) | (a.f >> (64 - n)), a.f << n};
  return d;
}

/* Is the text r 10^k (read back as v = c 2^q) within (1 - 2^-6) of the way
   from v to the halfway points? A reader that rounds twice (R's read.csv
   divides in long double, then rounds to double) then also reads v. */
static int robust(uint64_t c, int q, int lower_closer, uint64_t r, int k) {
  while (-k < GG_NUMFMT_E_MIN && r < 100000000000000000u) { /* within the table */
    r *= 10;
    k--;
  }
  if (-k < GG_NUMFMT_E_MIN) return 1;
  fix vb = scaled(c << 2, q, k), t = {r << 2, 0}, d, half;
  if (fix_less(t, vb)) {
    d = fix_sub(vb, t);
    half = scaled(lower_closer ? 1 : 2, q, k);
  } else {
    d = fix_sub(t, vb);
    half = scaled(2, q, k);
  }
  return fix_less(fix_shl(d, 6), fix_sub(fix_shl(half, 6), half));
}

static int count_digits(uint64_t r) { /* multiplications, no chain of divisions */
  int n = 1;
  for (uint64_t p = 10; n < 20 && r >= p; p *= 10)
    n++;
  return n;
}

/* The digits to write: the shortest (shortest()), or when a reader that
   rounds twice could miss v, the nearest with more digits that it reads
   (at most 17, which always are). */
static void digits(uint64_t c, int q, int lower_closer, uint64_t *d, int *e) {
  uint64_t r;
  int k;
  shortest(c, q, lower_closer, &r, &k);
  while (r % 10 == 0) {
    r /= 10;
    k++;
  }
  int n = count_digits(r), X = k + n - 1;
  for (int m = n + 1; m <= 17 && !robust(c, q, lower_closer, r, k); m++) {
    int km = X - m + 1;
    if (-km > GG_NUMFMT_E_MAX || -km < GG_NUMFMT_E_MIN) break;
    fix vb = scaled(c << 2, q, km); /* 4 v 10^-km */
    uint64_t rm = vb.w >> 2, rest = vb.w & 3;
    if (rest > 2 || (rest == 2 && (vb.f != 0 || (rm & 1)))) rm++; /* nearest, ties to even */
    r = rm;
    k = km;
  }
  while (r % 10 == 0) {
    r /= 10;
    k++;
  }
  *d = r;
  *e = k;
}

int gg_fmt_shortest(char *buf, double v) {
  uint64_t bits;
  memcpy(&bits, &v, sizeof bits);
  int neg = (int)(bits >> 63), be = (int)((bits >> 52) & 0x7ff);
  uint64_t frac = bits & ((1ull << 52) - 1);
  char *p = buf;
  if (be == 0x7ff) {
    strcpy(buf, frac ? "nan" : neg ? "-inf" : "inf");
    return (int)strlen(buf);
  }
  if (neg) *p++ = '-';
  if (be == 0 && frac == 0) {
    *p++ = '0';
    *p = '\0';
    return (int)(p - buf);
  }
  uint64_t c = be ? frac | (1ull << 52) : frac, d;
  int q = be ? be - 1075 : -1074, e;
  digits(c, q, be > 1 && frac == 0, &d, &e);
  char dig[20];
  int n = 0;
  uint64_t x = d;
  while (x >= 100) { /* two digits a division: half the chain of dependent steps */
    uint64_t y = x / 100;
    unsigned two = (unsigned)(x - y * 100);
    dig[n++] = (char)('0' + two % 10); /* reversed */
    dig[n++] = (char)('0' + two / 10);
    x = y;
  }
  dig[n++] = (char)('0' + x % 10);
  if (x >= 10) dig[n++] = (char)('0' + x / 10);
  int X = e + n - 1; /* exponent of the first digit */
  if (X < -4 || X > 16) {
    *p++ = dig[n - 1];
    if (n > 1) {
      *p++ = '.';
      for (int i = n - 2; i >= 0; i--)
        *p++ = dig[i];
    }
    *p++ = 'e';
    *p++ = X < 0 ? '-' : '+';
    int a = X < 0 ? -X : X;
    if (a >= 100) *p++ = (char)('0' + a / 100);
    *p++ = (char)('0' + a / 10 % 10);
    *p++ = (char)('0' + a % 10);
  } else if (X < 0) {
    *p++ = '0';
    *p++ = '.';
    for (int i = -1; i > X; i--)
      *p++ = '0';
    for (int i = n - 1; i >= 0; i--)
      *p++ = dig[i];
  } else {
    for (int i = n - 1; i >= 0; i--) {
      *p++ = dig[i];
      if (n - 1 - i == X && i > 0) *p++ = '.';
    }
    for (int i = n - 1; i < X; i++)
      *p++ = '0';
  }
  *p = '\0';
  return (int)(p - buf);
}
