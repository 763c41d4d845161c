/* Small helpers shared by the benchmarks (header only). */
#ifndef GG_BENCH_UTIL_H
#define GG_BENCH_UTIL_H

#include "internal.h"

#include <greatgame/greatgame.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

static inline double bench_clock(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* A generated scenario (greatgame generate with these sizes and seed 1);
   NULL after printing the error. */
static inline gg_scenario *bench_generated(int states, int powers, int channels, int ticks) {
  gg_generate_options o = gg_generate_defaults();
  o.states = states, o.powers = powers, o.channels = channels, o.ticks = ticks;
  char *text;
  size_t len;
  gg_error err;
  if (gg_generate_json(&o, &text, &len, &err) != 0) {
    fprintf(stderr, "bench: %s\n", err.msg);
    return NULL;
  }
  gg_scenario *sc = gg_scenario_parse(text, len, "generated", &err);
  gg_free(text);
  if (!sc) fprintf(stderr, "bench: %s\n", err.msg);
  return sc;
}

/* RESULT_DIR/NAME opened for writing (the folder is created), or NULL. */
static inline FILE *bench_csv(const char *dir, const char *name, const char *header) {
  char path[4200];
  mkdir(dir, 0777);
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  if (!f)
    fprintf(stderr, "bench: cannot write %s\n", path);
  else
    fprintf(f, "%s\n", header);
  return f;
}

#endif
