/* Helpers shared by the subcommands. */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void gg_cli_error(const char *fmt, ...) {
  char buf[2048];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  for (char *c = buf; *c; c++)
    if (*c == '\n' || *c == '\r') *c = ' ';
  fprintf(stderr, "%s\n", buf);
}

/* The largest scenario file the commands read (--max-scenario-size). */
static size_t cli_max_scenario = GG_SCENARIO_MAX_BYTES;

void gg_cli_set_max_scenario(size_t bytes) {
  cli_max_scenario = bytes;
}

gg_scenario *gg_cli_load_file(const char *path, gg_error *err) {
  gg_read_options o = {cli_max_scenario, strcmp(path, "-") == 0};
  return gg_scenario_load_ex(path, &o, err);
}

gg_scenario *gg_cli_load(const char *path) {
  gg_error err;
  gg_scenario *sc = path ? gg_cli_load_file(path, &err) : gg_scenario_baseline(&err);
  if (!sc) gg_cli_error("%s", err.msg);
  return sc;
}

int gg_cli_u64(const char *opt, const char *text, uint64_t *out) {
  char *end;
  errno = 0;
  if (!text[0] || text[0] == '-' || text[0] == '+' || text[0] == ' ') {
    gg_cli_error("%s: expected an unsigned 64-bit integer, got \"%s\"", opt, text);
    return 2;
  }
  unsigned long long v = strtoull(text, &end, 10);
  if (errno || *end) {
    gg_cli_error("%s: expected an unsigned 64-bit integer (0 to 18446744073709551615), got \"%s\"",
                 opt, text);
    return 2;
  }
  *out = (uint64_t)v;
  return 0;
}

int gg_cli_int(const char *opt, const char *text, long lo, long hi, long *out) {
  char *end;
  errno = 0;
  long v = strtol(text, &end, 10);
  if (!text[0] || errno || *end || v < lo || v > hi) {
    gg_cli_error("%s: expected a whole number from %ld to %ld, got \"%s\"", opt, lo, hi, text);
    return 2;
  }
  *out = v;
  return 0;
}

int gg_cli_double(const char *opt, const char *text, double *out) {
  if (gg_parse_number(text, out) != 0) {
    gg_cli_error("%s: expected a finite number, got \"%s\"", opt, text);
    return 2;
  }
  return 0;
}

int gg_cli_apply_set(gg_scenario *sc, const char *arg) {
  const char *eq = strchr(arg, '=');
  if (!eq || eq == arg) {
    gg_cli_error("--set %s: expected PATH=VALUE", arg);
    return 2;
  }
  char path[512];
  size_t n = (size_t)(eq - arg);
  if (n >= sizeof path) {
    gg_cli_error("--set: path too long");
    return 2;
  }
  memcpy(path, arg, n);
  path[n] = '\0';
  char opt[600];
  snprintf(opt, sizeof opt, "--set %s", arg);
  gg_error err;
  if (strcmp(path, "seed") == 0) {
    uint64_t seed;
    if (gg_cli_u64(opt, eq + 1, &seed)) return 2;
    gg_scenario_set_seed(sc, seed);
    return 0;
  }
  double v;
  if (gg_cli_double(opt, eq + 1, &v)) return 2;
  if (gg_scenario_set(sc, path, v, &err) < 0) {
    gg_cli_error("--set %s", err.msg);
    return 2;
  }
  return 0;
}

const char *gg_cli_opt(int argc, char **argv, int *i, const char *name, int *bad) {
  const char *a = argv[*i];
  size_t n = strlen(name);
  if (strncmp(a, name, n) != 0) return NULL;
  if (a[n] == '=') return a + n + 1;
  if (a[n] != '\0') return NULL;
  if (*i + 1 >= argc) {
    gg_cli_error("%s: expected a value", name);
    *bad = 1;
    return NULL;
  }
  (*i)++;
  return argv[*i];
}

double gg_cli_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void gg_progress_begin(gg_progress *pr, uint64_t total, int quiet) {
  pr->start = gg_cli_now();
  pr->last = pr->start;
  pr->total = total;
  pr->enabled = !quiet && isatty(2) && total > 0;
  pr->shown = 0;
}

void gg_progress_update(gg_progress *pr, uint64_t done) {
  if (!pr->enabled) return;
  double now = gg_cli_now();
  if (now - pr->start < 1.0 || (now - pr->last < 0.1 && done < pr->total)) return;
  pr->last = now;
  pr->shown = 1;
  double el = now - pr->start, rate = el > 0 ? (double)done / el : 0;
  double eta = rate > 0 ? (double)(pr->total - done) / rate : 0;
  int width = 30, fill = pr->total ? (int)((double)width * (double)done / (double)pr->total) : 0;
  char bar[64];
  for (int i = 0; i < width; i++)
    bar[i] = i < fill ? '#' : '.';
  bar[width] = '\0';
  fprintf(stderr, "\r[%s] %llu/%llu runs  %.0f runs/s  ETA %02d:%02d:%02d ", bar,
          (unsigned long long)done, (unsigned long long)pr->total, rate, (int)(eta / 3600),
          (int)(eta / 60) % 60, (int)eta % 60);
  fflush(stderr);
}

void gg_progress_end(gg_progress *pr) {
  if (pr->enabled && pr->shown) fprintf(stderr, "\n");
}

/* Edit distance of two short words (99 when either is long). */
static int cli_distance(const char *a, const char *b) {
  size_t na = strlen(a), nb = strlen(b);
  if (na > 63 || nb > 63) return 99;
  int row[64];
  for (size_t j = 0; j <= nb; j++)
    row[j] = (int)j;
  for (size_t i = 1; i <= na; i++) {
    int diag = row[0];
    row[0] = (int)i;
    for (size_t j = 1; j <= nb; j++) {
      int up = row[j], best = diag + (a[i - 1] != b[j - 1]);
      if (up + 1 < best) best = up + 1;
      if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
      diag = up;
      row[j] = best;
    }
  }
  return row[nb];
}

void gg_cli_unknown_option_usage(const char *arg, const char *command, const char *usage) {
  char words[64][40];
  const char *known[65];
  int n = 0;
  for (const char *p = usage; p && *p && n < 64; p++) {
    if (*p != '-' || (p > usage && !strchr(" [(|,\n", p[-1]))) continue;
    size_t len = strspn(p, "-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
    int dashes = p[1] == '-' ? 2 : 1;
    if (len <= (size_t)dashes || len >= sizeof words[0] || (dashes == 1 && len != 2)) continue;
    snprintf(words[n], sizeof words[n], "%.*s", (int)len, p);
    int seen = 0;
    for (int k = 0; k < n && !seen; k++)
      seen = strcmp(words[k], words[n]) == 0;
    if (!seen) {
      known[n] = words[n];
      n++;
    }
    p += len - 1;
  }
  known[n] = NULL;
  gg_cli_unknown_option(arg, command, known);
}

void gg_cli_unknown_option(const char *arg, const char *command, const char *const *known) {
  char word[80];
  size_t n = strcspn(arg, "=");
  snprintf(word, sizeof word, "%.*s", (int)(n < 79 ? n : 79), arg);
  const char *near = NULL;
  int best = 99;
  for (int k = 0; known && known[k]; k++) {
    int d = cli_distance(word, known[k]);
    if (d < best) {
      best = d;
      near = known[k];
    }
  }
  if (near && best <= 3 && best < (int)strlen(word) / 2)
    gg_cli_error("%s: unknown option; did you mean %s? (see greatgame %s --help)", arg, near,
                 command);
  else
    gg_cli_error("%s: unknown option (see greatgame %s --help)", arg, command);
}
