/* Resource limits: the memory estimate of a simulation and memory sizes as
   text. */
#include <greatgame/limits.h>

#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Overflow-checked size arithmetic: any overflow saturates to SIZE_MAX. */
static size_t lim_add(size_t a, size_t b) {
  return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

static size_t lim_mul(size_t a, size_t b) {
  if (a && b > SIZE_MAX / a) return SIZE_MAX;
  return a * b;
}

/* An allocation of n bytes costs n plus the allocator's header, rounded to
   16 bytes. */
static size_t lim_block(size_t n) {
  if (n > SIZE_MAX - 32) return SIZE_MAX;
  return (n + 16 + 15) / 16 * 16;
}

size_t gg_sim_memory_estimate(const gg_scenario *sc) {
  size_t S = (size_t)sc->S, P = (size_t)sc->P, C = (size_t)sc->C, B = (size_t)sc->B,
         E = (size_t)sc->E;
  size_t SPC = lim_mul(lim_mul(S, P), C), SK = lim_mul(S, P + 1), SP = lim_mul(S, P);
  size_t fired = E, once = 0;
  for (int e = 0; e < sc->E; e++)
    if (sc->events[e].type == GG_EV_SHOCK) {
      fired = lim_add(fired, (size_t)sc->events[e].nstates);
      once = lim_add(once, (size_t)sc->events[e].nstates);
    }
  size_t d = sizeof(double), total = lim_block(sizeof(gg_sim));
  /* Stocks, efforts, responses and multipliers [S*P*C]. */
  for (int k = 0; k < 4; k++)
    total = lim_add(total, lim_block(lim_mul(SPC, d)));
  /* Alignment, targets, utilities, contest targets, noise, neighbour pull. */
  for (int k = 0; k < 6; k++)
    total = lim_add(total, lim_block(lim_mul(SK, d)));
  total = lim_add(total, lim_block(lim_mul(SP, d)) * 2);
  total = lim_add(total, lim_block(lim_mul(S, d)));
  total = lim_add(total, lim_block(lim_mul(C, d)));
  total = lim_add(total, lim_block(lim_add(lim_mul(B, S), 1)) * 2);
  total = lim_add(total, lim_block(lim_mul((size_t)sc->undo_count + 1, d)));
  total = lim_add(total, lim_block(lim_add(once, 1)));
  total = lim_add(total, lim_block(lim_mul(E + 1, sizeof(int))) * 4);
  total = lim_add(total, lim_block(lim_mul(fired + 1, sizeof(int))) * 2);
  /* The run's copy of the parameter block, and per value the bookkeeping of
     events with `until` (count, value before them, touched-meanwhile flag). */
  total = lim_add(total, lim_block(lim_mul(sc->v.count, d)));
  total = lim_add(total, lim_block(lim_mul(sc->v.count + 1, d)));
  total = lim_add(total, lim_block(lim_mul(sc->v.count + 1, sizeof(int))));
  total = lim_add(total, lim_block(sc->v.count + 1));
  /* GG-2 (sim_gg2.c): its header, ties, dependence and guarantor presence
     [S*P] and hedging capacity [S]. sc->v.count already counts its
     parameter values. */
  if (sc->model == 2) {
    total = lim_add(total, lim_block(4 * sizeof(double *)));
    total = lim_add(total, lim_mul(lim_block(lim_mul(SP, d)), 3));
    total = lim_add(total, lim_block(lim_mul(S, d)));
  }
  /* Slack for what is not itemised above (a few small blocks). */
  return lim_add(total, total / 8 + 1024);
}

size_t gg_scenario_load_memory_estimate(size_t file_bytes) {
  return lim_add(lim_mul(file_bytes, 48), (size_t)1 << 20);
}

const char *gg_limits_scenario_file(const gg_scenario *sc) {
  if (sc->file && sc->file[0]) return sc->file;
  return sc->name && sc->name[0] ? sc->name : "(baseline)";
}

size_t gg_limits_physical_memory(void) {
  long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page <= 0) return 0;
  return lim_mul((size_t)pages, (size_t)page);
}

size_t gg_limits_default_memory(void) {
  size_t phys = gg_limits_physical_memory();
  return phys ? phys / 2 : (size_t)1 << 30;
}

int gg_limits_parse_size(const char *text, size_t *bytes, gg_error *err) {
  const char *p = text;
  if (!p || !isdigit((unsigned char)*p)) {
    gg_err_set(err, "expected a size such as 512M, 2G or 25%%");
    return -1;
  }
  double v = 0.0;
  int frac = 0;
  double scale = 1.0;
  for (; isdigit((unsigned char)*p) || (*p == '.' && !frac); p++) {
    if (*p == '.') {
      frac = 1;
      continue;
    }
    if (frac) {
      scale /= 10.0;
      v += (*p - '0') * scale;
    } else {
      v = v * 10.0 + (*p - '0');
    }
  }
  double mult = 1.0;
  if (strcmp(p, "%") == 0) {
    size_t phys = gg_limits_physical_memory();
    if (!phys) {
      gg_err_set(err, "physical memory unknown: give the size in bytes, e.g. 2G");
      return -1;
    }
    if (v <= 0.0 || v > 100.0) {
      gg_err_set(err, "a percentage must be above 0 and at most 100");
      return -1;
    }
    mult = (double)phys / 100.0;
  } else {
    static const struct {
      const char *unit;
      double mult;
    } units[] = {{"", 1.0},       {"B", 1.0},     {"K", 0x1p10},   {"KB", 0x1p10},  {"KiB", 0x1p10},
                 {"M", 0x1p20},   {"MB", 0x1p20}, {"MiB", 0x1p20}, {"G", 0x1p30},   {"GB", 0x1p30},
                 {"GiB", 0x1p30}, {"T", 0x1p40},  {"TB", 0x1p40},  {"TiB", 0x1p40}, {"k", 0x1p10},
                 {"m", 0x1p20},   {"g", 0x1p30},  {"t", 0x1p40}};
    size_t i = 0, n = sizeof units / sizeof units[0];
    while (i < n && strcmp(p, units[i].unit) != 0)
      i++;
    if (i == n) {
      char clean[64];
      gg_err_clean(clean, sizeof clean, p, 40);
      gg_err_set(err, "unknown unit \"%s\" (use B, K, M, G, T or %%)", clean);
      return -1;
    }
    mult = units[i].mult;
  }
  double b = v * mult;
  if (!(b >= 1.0)) {
    gg_err_set(err, "the size must be at least 1 byte");
    return -1;
  }
  if (b >= 0x1p63) {
    gg_err_set(err, "size too large");
    return -1;
  }
  *bytes = (size_t)b;
  return 0;
}

void gg_limits_format_size(size_t bytes, char *buf, size_t size) {
  static const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  double v = (double)bytes;
  int u = 0;
  while (v >= 1024.0 && u < 6) {
    v /= 1024.0;
    u++;
  }
  if (u == 0)
    snprintf(buf, size, "%zu B", bytes);
  else
    snprintf(buf, size, "%.1f %s", v, units[u]);
}
