/* The shortest number text (gg_fmt_shortest) against an independent route:
   the C library's strtod must read every text back as the same bits, and
   the digits must be the C library's correctly rounded ones, and there must
   be no fewer than the least N for which "%.{N}g" reads back (more only
   where a reader that rounds twice needs them).
   Millions of random bit patterns, random values of the ranges outputs
   hold, and the edge cases: subnormals, powers of two, the extremes, whole
   numbers, 0.1 + 0.2, negative zero. */
#include "harness.h"

#include <float.h>
#include <greatgame/numfmt.h>
#include <stdint.h>

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t next(void) { /* splitmix64 */
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static double from_bits(uint64_t b) {
  double v;
  memcpy(&v, &b, sizeof v);
  return v;
}
static uint64_t to_bits(double v) {
  uint64_t b;
  memcpy(&b, &v, sizeof b);
  return b;
}

/* The significant digits of a decimal text, leading and trailing zeros
   removed ("0.00120e+05" -> "12"). */
static void digits_of(const char *s, char *out) {
  int n = 0, started = 0;
  for (; *s && *s != 'e' && *s != 'E'; s++) {
    if (*s < '0' || *s > '9') continue;
    if (*s == '0' && !started) continue;
    started = 1;
    out[n++] = *s;
  }
  while (n > 0 && out[n - 1] == '0')
    n--;
  out[n] = '\0';
}

static long powers_of_two_shorter;      /* where the asymmetric interval allows fewer digits */
static long longer_for_double_rounding; /* one or more digits more than %g needs */
static long checked;

/* 0 when v's text passes every check, else prints why and returns -1:
   - strtod reads it back as v, and so does a reader that rounds twice
     (strtold, then to double: what R's read.csv does);
   - its digits are those of the correctly rounded "%.{n-1}e" (n digits);
   - n is at least the least N for which "%.{N}g" reads back (found from
     "%.{n}g" and "%.{n-1}g": the nearest N-digit number only comes closer
     as N grows), except where v is a power of two (the interval below v is
     half the one above, so a shorter text may read back). */
static int check(double v) {
  char t[GG_SHORTEST_MAX + 8], g[64], dt[32], dg[32];
  memset(t, 'x', sizeof t);
  int len = gg_fmt_shortest(t, v);
  if (len < 1 || len >= GG_SHORTEST_MAX || (int)strlen(t) != len) {
    fprintf(stderr, "%a: bad length %d\n", v, len);
    return -1;
  }
  checked++;
  char *end;
  double back = strtod(t, &end);
  if (*end || to_bits(back) != to_bits(v)) {
    fprintf(stderr, "%a: \"%s\" reads back as %a\n", v, t, back);
    return -1;
  }
  double twice = (double)strtold(t, NULL);
  if (to_bits(twice) != to_bits(v)) {
    fprintf(stderr, "%a: \"%s\" read through long double gives %a\n", v, t, twice);
    return -1;
  }
  digits_of(t, dt);
  int n = (int)strlen(dt);
  if (v == 0) return n == 0 ? 0 : -1;
  if (n > 17) {
    fprintf(stderr, "%a: \"%s\" has %d digits\n", v, t, n);
    return -1;
  }
  snprintf(g, sizeof g, "%.*g", n, v);
  int n_reads = to_bits(strtod(g, NULL)) == to_bits(v);
  int fewer_reads = 0;
  if (n > 1) {
    snprintf(g, sizeof g, "%.*g", n - 1, v);
    fewer_reads = to_bits(strtod(g, NULL)) == to_bits(v);
  }
  uint64_t frac = to_bits(v) & ((1ull << 52) - 1);
  if (!n_reads) {
    if (frac != 0) {
      fprintf(stderr, "%a: \"%s\": %%.%dg does not read back\n", v, t, n);
      return -1;
    }
    powers_of_two_shorter++;
    return 0;
  }
  if (fewer_reads) longer_for_double_rounding++;
  snprintf(g, sizeof g, "%.*e", n - 1, v);
  digits_of(g, dg);
  if (strcmp(dt, dg) != 0) {
    fprintf(stderr, "%a: \"%s\" has the digits %s, %%.%de gives %s\n", v, t, dt, n - 1, g);
    return -1;
  }
  return 0;
}

static void test_layout(void) {
  char b[GG_SHORTEST_MAX];
  struct {
    double v;
    const char *text;
  } cases[] = {{0.1, "0.1"},
               {0.1 + 0.2, "0.30000000000000004"},
               {1e-7, "1e-07"},
               {123456.789, "123456.789"},
               {0.0, "0"},
               {-0.0, "-0"},
               {3.0, "3"},
               {-2.5, "-2.5"},
               {100.0, "100"},
               {0.0001, "0.0001"},
               {0.00012, "0.00012"},
               {0.00001, "1e-05"},
               {1e16, "10000000000000000"},
               {1e17, "1e+17"},
               {12345678901234567e1, "1.2345678901234566e+17"} /* Python repr */,
               {5e-324, "5e-324"},
               {DBL_MAX, "1.7976931348623157e+308"},
               {DBL_MIN, "2.2250738585072014e-308"},
               {1.0 / 3.0, "0.3333333333333333"},
               {2.0 / 3.0, "0.6666666666666666"},
               {9007199254740993.0, "9007199254740992"},
               {1e23, "9.999999999999999e+22"}, /* 1e+23: almost halfway */
               {NAN, "nan"},
               {INFINITY, "inf"},
               {-INFINITY, "-inf"}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    gg_fmt_shortest(b, cases[i].v);
    ENSURE_STR(b, cases[i].text);
  }
}

static void test_edges(void) {
  int bad = 0;
  for (int e = -1074; e <= 1023; e++) { /* every power of two, and its neighbours */
    double p = ldexp(1.0, e);
    bad += check(p) != 0;
    bad += check(nextafter(p, 0)) != 0;
    bad += check(nextafter(p, INFINITY)) != 0;
    bad += check(-p) != 0;
  }
  for (int e = -323; e <= 308; e++) { /* powers of ten and their neighbours */
    char s[16];
    snprintf(s, sizeof s, "1e%d", e);
    double p = strtod(s, NULL);
    bad += check(p) != 0;
    bad += check(nextafter(p, 0)) != 0;
    bad += check(nextafter(p, INFINITY)) != 0;
  }
  for (uint64_t b = 1; b < 100000; b++) /* the least subnormals */
    bad += check(from_bits(b)) != 0;
  for (uint64_t b = 0x000fffffffffffffull - 1000; b <= 0x0010000000000000ull + 1000; b++)
    bad += check(from_bits(b)) != 0;       /* across the subnormal/normal border */
  for (long i = -100000; i <= 100000; i++) /* whole numbers */
    bad += check((double)i) != 0;
  for (int e = 0; e < 64; e++) /* large whole numbers near 2^e */
    for (int d = -3; d <= 3; d++)
      bad += check(ldexp(1.0, e) + d) != 0;
  bad += check(DBL_MAX) != 0;
  bad += check(-DBL_MAX) != 0;
  bad += check(DBL_MIN) != 0;
  bad += check(DBL_EPSILON) != 0;
  bad += check(0.1 + 0.2) != 0;
  bad += check(-0.0) != 0;
  ENSURE(bad == 0);
}

static void test_random_bits(void) {
  int bad = 0;
  long n = 0;
  for (long i = 0; i < 2000000 && bad < 10; i++) {
    double v = from_bits(next());
    if (!isfinite(v)) continue;
    bad += check(v) != 0;
    n++;
  }
  ENSURE(n > 1990000);
  ENSURE(bad == 0);
}

/* Values like those the files hold: shares in [0, 1], budgets, years. */
static void test_random_values(void) {
  int bad = 0;
  for (long i = 0; i < 600000 && bad < 10; i++) {
    double u = (double)(next() >> 11) * 0x1p-53;
    bad += check(u) != 0;
    bad += check(u * 1000.0) != 0;
    bad += check(2020.0 + floor(u * 132.0) / 12.0) != 0;
  }
  ENSURE(bad == 0);
  fprintf(stderr,
          "%ld values: %ld powers of two with fewer digits than %%g needs, %ld with more "
          "(for readers that round twice)\n",
          checked, powers_of_two_shorter, longer_for_double_rounding);
  /* more digits than the shortest only near the halfway points: rare */
  ENSURE(longer_for_double_rounding * 20 < checked);
}

static const gg_test_case tests[] = {{"layout", test_layout},
                                     {"edges", test_edges},
                                     {"random_bits", test_random_bits},
                                     {"random_values", test_random_values}};
GG_TEST_MAIN(tests)
