/* Random valid scenarios of any size, for benchmarks and tests. */
#ifndef GG_GENERATE_H
#define GG_GENERATE_H

#include <greatgame/greatgame.h>
#include <stddef.h>
#include <stdint.h>

typedef struct gen_opts {
  int states;   /* 1..GG_MAX_STATES */
  int powers;   /* 1..GG_MAX_POWERS */
  int channels; /* 1..GG_MAX_CHANNELS */
  int ticks;    /* 1..GG_MAX_TICKS; 132 monthly ticks by default */
  int contest;  /* 1: every power uses the contest strategy */
  uint64_t seed;
} gen_opts;

/* The defaults: 5 states, 3 powers, 3 channels, 132 ticks, seed 1. */
gen_opts gga_gen_defaults(void);

/* Write a random scenario of the given size as JSON text into a buffer
   allocated with gg_malloc (NUL-terminated; the caller frees it with
   gg_free). The same options always give the same bytes. 0, or -1 with err
   filled (sizes out of range, or out of memory). */
int gga_gen_scenario_json(const gen_opts *o, char **out, size_t *len, gg_error *err);

#endif
