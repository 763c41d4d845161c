/* wasm_run: run a scenario through the library's public API and write the
   alignment CSV to standard output, byte for byte as `greatgame run -o -`
   does (same seeds, same writer). Built to WebAssembly and run under Node by
   tests/web/wasm_identical.sh, which compares it with the native program.

   usage: wasm_run [SCENARIO.json] [--replicates N] [--seed N]

   Without a scenario it runs the baseline compiled into the library. Exit
   status: 0 success, 1 runtime failure, 2 bad usage or bad input. */
#include "trace.h"

#include <errno.h>
#include <greatgame/greatgame.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *USAGE =
    "usage: wasm_run [SCENARIO.json] [--replicates N] [--seed N]\n\n"
    "Run SCENARIO (default: the built-in baseline) and write the alignment CSV to\n"
    "standard output, as `greatgame run SCENARIO -o -` does.\n\n"
    "  --replicates N   N runs (1 to 1000000); replicate r uses a seed derived from (seed, r)\n"
    "  --seed N         the run's seed (unsigned 64-bit; default: the scenario's)\n";

/* The trace is large (it keeps a per-bloc scratch array): not on the stack. */
static gg_trace trace;
static char outbuf[1 << 16];

/* The value of option `name` at argv[*i] ("--name V" or "--name=V"), or NULL
   if argv[*i] is not that option; *bad is set when the value is missing. */
static const char *opt(int argc, char **argv, int *i, const char *name, int *bad) {
  size_t n = strlen(name);
  if (strncmp(argv[*i], name, n) != 0) return NULL;
  if (argv[*i][n] == '=') return argv[*i] + n + 1;
  if (argv[*i][n] != '\0') return NULL;
  if (*i + 1 >= argc) {
    fprintf(stderr, "wasm_run: %s: expected a value\n", name);
    *bad = 1;
    return NULL;
  }
  (*i)++;
  return argv[*i];
}

static int parse_u64(const char *name, const char *text, unsigned long long lo,
                     unsigned long long hi, unsigned long long *out) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(text, &end, 10);
  if (text[0] < '0' || text[0] > '9' || errno || *end || v < lo || v > hi) {
    fprintf(stderr, "wasm_run: %s: expected a whole number from %llu to %llu, got \"%s\"\n", name,
            lo, hi, text);
    return 2;
  }
  *out = v;
  return 0;
}

int main(int argc, char **argv) {
  const char *path = NULL;
  unsigned long long replicates = 1, seed = 0;
  int have_seed = 0;
  for (int i = 1; i < argc; i++) {
    int bad = 0;
    const char *v;
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(USAGE, stdout);
      return 0;
    } else if ((v = opt(argc, argv, &i, "--replicates", &bad))) {
      if (parse_u64("--replicates", v, 1, 1000000, &replicates)) return 2;
    } else if ((v = opt(argc, argv, &i, "--seed", &bad))) {
      if (parse_u64("--seed", v, 0, UINT64_MAX, &seed)) return 2;
      have_seed = 1;
    } else if (bad) {
      return 2;
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      fprintf(stderr, "wasm_run: %s: unknown option (see wasm_run --help)\n", argv[i]);
      return 2;
    } else if (path) {
      fprintf(stderr, "wasm_run: %s: one scenario only (already given: %s)\n", argv[i], path);
      return 2;
    } else {
      path = argv[i];
    }
  }

  gg_error err;
  gg_scenario *sc = path ? gg_scenario_load(path, &err) : gg_scenario_baseline(&err);
  if (!sc) {
    fprintf(stderr, "%s\n", err.msg);
    return 2;
  }
  if (have_seed) gg_scenario_set_seed(sc, (uint64_t)seed);

  /* As gg_cmd_run: one simulation, reset with each replicate's seed. */
  gg_sim *sim = gg_sim_create(sc, 0);
  if (!sim) {
    fprintf(stderr, "wasm_run: out of memory\n");
    gg_scenario_free(sc);
    return 1;
  }
  setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
  trace.align = stdout;
  gg_trace_headers(&trace);
  gg_sink sink = {gg_trace_tick, &trace};
  int rc = 0;
  for (unsigned long long r = 0; r < replicates && rc == 0; r++) {
    gg_sim_reset(sim, gg_seed_derive(gg_scenario_seed(sc), 0, (uint64_t)r));
    trace.run = (int)r;
    if (gg_sim_run(sim, &sink) != 0) {
      fprintf(stderr, "wasm_run: write to standard output failed\n");
      rc = 1;
    }
  }
  gg_sim_free(sim);
  gg_scenario_free(sc);
  if (rc == 0 && trace.nonfinite) {
    fprintf(stderr, "wasm_run: a value was not finite\n");
    rc = 1;
  }
  if (fflush(stdout) != 0 || ferror(stdout)) {
    if (rc == 0) fprintf(stderr, "wasm_run: write to standard output failed\n");
    rc = 1;
  }
  return rc;
}
