/* The cost of writing a number: gg_fmt_shortest (the files' text) next to
   snprintf's "%.17g" (what the files used before), on the values a sweep
   writes most (shares in [0, 1]) and on random bit patterns; also the
   average length of the text. CPU time of one thread.
   usage: bench_numfmt [RESULTS_DIR]   (writes bench_numfmt.csv there) */
#include "bench_util.h"

#include <greatgame/numfmt.h>
#include <stdint.h>
#include <string.h>

#define N 1000000

static uint64_t state = 0x2545f4914f6cdd1dull;
static uint64_t next(void) { /* xorshift64* */
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return state * 0x2545f4914f6cdd1dull;
}

int main(int argc, char **argv) {
  double *v = malloc(2 * N * sizeof(double));
  if (!v) return 1;
  for (int i = 0; i < N; i++)
    v[i] = (double)(next() >> 11) * 0x1p-53; /* shares */
  for (int i = N; i < 2 * N;) {
    uint64_t b = next();
    double x;
    memcpy(&x, &b, sizeof x);
    if (x == x && x - x == 0) v[i++] = x; /* finite bit patterns */
  }
  FILE *out = NULL;
  if (argc > 1) {
    char path[4096];
    snprintf(path, sizeof path, "%s/bench_numfmt.csv", argv[1]);
    out = fopen(path, "w");
    if (out) fputs("values,writer,ns_per_number,mean_chars\n", out);
  }
  printf("%-12s %-16s %14s %10s\n", "values", "writer", "ns per number", "chars");
  const char *set_name[] = {"shares", "random bits"};
  for (int set = 0; set < 2; set++) {
    const double *x = v + (size_t)set * N;
    for (int w = 0; w < 2; w++) {
      char buf[64];
      size_t chars = 0;
      double t0 = (double)clock();
      for (int i = 0; i < N; i++)
        chars += (size_t)(w == 0 ? gg_fmt_shortest(buf, x[i])
                                 : snprintf(buf, sizeof buf, "%.17g", x[i]));
      double ns = ((double)clock() - t0) / CLOCKS_PER_SEC * 1e9 / N;
      const char *name = w == 0 ? "gg_fmt_shortest" : "%.17g";
      printf("%-12s %-16s %14.1f %10.2f\n", set_name[set], name, ns, (double)chars / N);
      if (out) fprintf(out, "%s,%s,%.1f,%.2f\n", set_name[set], name, ns, (double)chars / N);
    }
  }
  if (out) fclose(out);
  free(v);
  return 0;
}
