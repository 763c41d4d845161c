/* --max-memory: refuse up front the work whose memory estimate is over the
   limit, with the estimate in the message. */
#include "limits_cli.h"

#include "cli.h"
#include <greatgame/limits.h>

#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

static size_t lc_add(size_t a, size_t b) {
  return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

static size_t lc_mul(size_t a, size_t b) {
  return a && b > SIZE_MAX / a ? SIZE_MAX : a * b;
}

size_t gg_cli_run_memory(const gg_scenario *sc, long replicates) {
  size_t S = (size_t)gg_scenario_states(sc), K = (size_t)gg_scenario_powers(sc) + 1;
  size_t L = replicates < 1 ? 1 : (size_t)replicates;
  if (L > GG_RUN_STATS_MAX_LISTED) L = GG_RUN_STATS_MAX_LISTED;
  size_t sim = gg_sim_memory_estimate(sc);
  /* The scenario holds about as much as a simulation, twice over during
     loading (the text and the parsed JSON tree); count it twice. */
  size_t need = lc_mul(sim, 3);
  /* The record: per listed replicate its seed, final shares, region shares,
     flips and dominant components; per state and component its running
     statistics. */
  size_t per = lc_add(lc_add(8, lc_mul(lc_mul(S, K), 8)), lc_add(lc_mul(K, 8), lc_mul(S, 8)));
  need = lc_add(need, lc_mul(L, per));
  need = lc_add(need, lc_mul(lc_mul(S, K), 8 * 6));
  return need;
}

/* The limit of --max-memory (NULL: the default). Prints and returns 2 when
   the option is malformed, else 0. */
static int memory_limit(const char *opt, size_t *limit) {
  gg_error err;
  if (!opt) {
    *limit = gg_limits_default_memory();
    return 0;
  }
  if (gg_limits_parse_size(opt, limit, &err) != 0) {
    gg_cli_error("--max-memory %s: %s", opt, err.msg);
    return 2;
  }
  return 0;
}

int gg_cli_check_bytes(const gg_scenario *sc, const char *opt, size_t need, const char *what) {
  size_t limit;
  if (memory_limit(opt, &limit)) return 2;
  if (need <= limit) return 0;
  char n[32], l[32];
  gg_limits_format_size(need, n, sizeof n);
  gg_limits_format_size(limit, l, sizeof l);
  gg_cli_error("%s: %s would need about %s of memory (%d states, %d powers, %d channels), over the "
               "limit of %s%s; raise it with --max-memory SIZE",
               gg_limits_scenario_file(sc), what, n, gg_scenario_states(sc), gg_scenario_powers(sc),
               gg_scenario_channels(sc), l, opt ? "" : " (half of physical memory)");
  return 2;
}

int gg_cli_check_load_memory(const char *path, const char *opt) {
  struct stat st;
  if (!path || strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
  size_t limit;
  if (memory_limit(opt, &limit)) return 2;
  size_t need = gg_scenario_load_memory_estimate((size_t)st.st_size);
  if (need <= limit) return 0;
  char f[32], n[32], l[32];
  gg_limits_format_size((size_t)st.st_size, f, sizeof f);
  gg_limits_format_size(need, n, sizeof n);
  gg_limits_format_size(limit, l, sizeof l);
  gg_cli_error("%s: reading a scenario file of %s may need up to %s of memory, over the limit of "
               "%s%s; raise it with --max-memory SIZE",
               path, f, n, l, opt ? "" : " (half of physical memory)");
  return 2;
}

int gg_cli_check_memory(const gg_scenario *sc, const char *opt, long replicates) {
  char what[64];
  snprintf(what, sizeof what, "a run of %ld replicate%s", replicates, replicates == 1 ? "" : "s");
  return gg_cli_check_bytes(sc, opt, gg_cli_run_memory(sc, replicates), what);
}
