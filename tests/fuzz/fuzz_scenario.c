/* Fuzz target: scenario parsing and validation (gg_scenario_parse) on
   arbitrary bytes; valid scenarios are also cloned and run for a few ticks.

   Built two ways: with -fsanitize=fuzzer as a libFuzzer target, and with
   replay_main.c as a plain program that replays the files of
   tests/fuzz/regressions/ under CTest. */
#include <greatgame/greatgame.h>

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Caps that keep one execution fast whatever the input says. */
#define FUZZ_MAX_TICKS 12
#define FUZZ_MAX_CELLS 20000 /* states * powers * channels */
#define FUZZ_MAX_EVENTS 2000

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fuzz_check_sim(const gg_sim *sim, const gg_scenario *sc) {
  int S = gg_scenario_states(sc), P = gg_scenario_powers(sc);
  for (int s = 0; s < S; s++) {
    double sum = 0.0;
    for (int k = 0; k <= P; k++) {
      double a = gg_sim_share(sim, s, k);
      if (!isfinite(a) || a < -1e-9 || a > 1.0 + 1e-9) return -1;
      sum += a;
    }
    if (fabs(sum - 1.0) > 1e-6) return -1;
    /* Everything `run` writes: the utility decomposition, stocks, efforts. */
    for (int k = 0; k <= P; k++) {
      gg_utility_terms u;
      gg_sim_utility(sim, s, k, &u, NULL);
      int bad = !isfinite(u.affinity) || !isfinite(u.bloc_total) || !isfinite(u.backlash) ||
                !isfinite(u.neighbour) || !isfinite(u.noise) || !isfinite(u.total);
      for (int c = 0; c < GG_MAX_CHANNELS; c++)
        bad |= !isfinite(u.channel[c]);
      if (bad) return -1;
    }
    for (int p = 0; p < P; p++)
      for (int c = 0; c < gg_scenario_channels(sc); c++)
        if (!isfinite(gg_sim_stock(sim, s, p, c)) || !isfinite(gg_sim_effort(sim, s, p, c)))
          return -1;
  }
  return 0;
}

static void fuzz_run(const gg_scenario *sc) {
  long cells = (long)gg_scenario_states(sc) * gg_scenario_powers(sc) * gg_scenario_channels(sc);
  if (cells > FUZZ_MAX_CELLS || gg_scenario_events(sc) > FUZZ_MAX_EVENTS) return;
  gg_sim *sim = gg_sim_create(sc, gg_scenario_seed(sc));
  if (!sim) return;
  int ticks = gg_scenario_ticks(sc);
  if (ticks > FUZZ_MAX_TICKS) ticks = FUZZ_MAX_TICKS;
  for (int t = 0; t < ticks; t++) {
    gg_sim_step(sim);
    if (fuzz_check_sim(sim, sc) != 0)
      abort(); /* a share left [0, 1], or a value run writes is not finite */
  }
  const int *ev, *st;
  (void)gg_sim_fired(sim, &ev, &st);
  (void)gg_sim_region(sim, 0);
  gg_sim_free(sim);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  gg_error err;
  err.msg[0] = '\0';
  gg_scenario *sc = gg_scenario_parse((const char *)data, size, "fuzz.json", &err);
  if (!sc) {
    /* Every refusal says why, on one line naming the file. */
    if (strncmp(err.msg, "fuzz.json", 9) != 0 || strchr(err.msg, '\n')) abort();
    return 0;
  }
  /* Accessors on everything the scenario holds. */
  char date[64];
  gg_scenario_date(sc, gg_scenario_ticks(sc), date, sizeof date);
  for (int e = 0; e < gg_scenario_events(sc); e++)
    (void)gg_event_type(sc, e);
  for (int s = 0; s < gg_scenario_states(sc); s++) {
    int n;
    (void)gg_state_outline(sc, s, &n);
    if (gg_state_index(sc, gg_state_id(sc, s)) != s) abort();
  }
  gg_scenario *copy = gg_scenario_clone(sc);
  if (copy) {
    if (strcmp(gg_scenario_sha256(copy), gg_scenario_sha256(sc)) != 0) abort();
    fuzz_run(copy);
    gg_scenario_free(copy);
  }
  gg_scenario_free(sc);
  return 0;
}
