/* Fuzz target: command-line parameter paths and values. The input is text:
   the first line is a `--set` argument "PATH=VALUE" applied to the baseline
   with gg_scenario_set (then read back with gg_scenario_get), the second a
   sweep `--param` range "PATH=LO:HI[:STEPS]" parsed with gga_sweep_param_parse
   and applied at both ends. Accepted settings are run for a few ticks. */
#include "sweep.h"

#include <greatgame/greatgame.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_MAX_TICKS 12
#define FUZZ_LINE 1024

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Copy line `which` (0 or 1) of the input into buf; NUL bytes end it. */
static void fuzz_line(const uint8_t *data, size_t size, int which, char *buf) {
  size_t i = 0, o = 0;
  for (int l = 0; l < which; l++) {
    while (i < size && data[i] != '\n')
      i++;
    if (i < size) i++;
  }
  while (i < size && data[i] != '\n' && o + 1 < FUZZ_LINE)
    buf[o++] = (char)data[i++];
  buf[o] = '\0';
}

static void fuzz_run(gg_scenario *sc) {
  gg_error err;
  if (gg_scenario_ticks(sc) > FUZZ_MAX_TICKS &&
      gg_scenario_set(sc, "time.ticks", FUZZ_MAX_TICKS, &err) != 1)
    abort();
  gg_sim *sim = gg_sim_create(sc, gg_scenario_seed(sc));
  if (!sim) return;
  gg_sim_run(sim, NULL);
  int S = gg_scenario_states(sc), P = gg_scenario_powers(sc);
  for (int s = 0; s < S; s++)
    for (int k = 0; k <= P; k++)
      if (!isfinite(gg_sim_share(sim, s, k))) abort();
  gg_sim_free(sim);
}

/* Apply PATH=VALUE as `--set` would. */
static void fuzz_set(const gg_scenario *base, const char *line) {
  const char *eq = strchr(line, '=');
  if (!eq) return;
  char path[FUZZ_LINE];
  memcpy(path, line, (size_t)(eq - line));
  path[eq - line] = '\0';
  char *end;
  double value = strtod(eq + 1, &end);
  if (end == eq + 1) return;
  gg_scenario *sc = gg_scenario_clone(base);
  if (!sc) return;
  gg_error err;
  err.msg[0] = '\0';
  int n = gg_scenario_set(sc, path, value, &err);
  if (n < 0) {
    if (err.msg[0] == '\0' || strchr(err.msg, '\n'))
      abort(); /* a refusal always says why, on one line */
  } else {
    double back;
    if (!strchr(path, '*') && n == 1 && gg_scenario_get(sc, path, &back, &err) == 0 &&
        !isfinite(back))
      abort();
    fuzz_run(sc);
  }
  gg_scenario_free(sc);
}

/* Parse a sweep range and check both ends against the scenario. */
static void fuzz_range(const gg_scenario *base, const char *line) {
  sweep_param p;
  gg_error err;
  err.msg[0] = '\0';
  if (gga_sweep_param_parse(&p, line, &err) != 0) {
    if (err.msg[0] == '\0' || strchr(err.msg, '\n')) abort();
    return;
  }
  (void)gga_sweep_param_integer(p.path);
  gg_scenario *sc = gg_scenario_clone(base);
  if (!sc) return;
  if (gg_scenario_set(sc, p.path, p.lo, &err) >= 0 && gg_scenario_set(sc, p.path, p.hi, &err) >= 0)
    fuzz_run(sc);
  gg_scenario_free(sc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static gg_scenario *base; /* parsed once per process; never changed */
  if (!base) {
    gg_error err;
    base = gg_scenario_baseline(&err);
    if (!base) abort();
  }
  char line[FUZZ_LINE];
  fuzz_line(data, size, 0, line);
  fuzz_set(base, line);
  fuzz_line(data, size, 1, line);
  fuzz_range(base, line);
  return 0;
}
