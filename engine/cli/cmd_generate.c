/* greatgame generate: write a random valid scenario of a given size. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static void generate_usage(FILE *f) {
  fprintf(f,
          "usage: greatgame generate --states N --powers P [--channels C] [--ticks T] [--contest]\n"
          "                          [--seed S] -o FILE|-\n\n"
          "Write a random valid scenario of N states, P powers and C channels (default 3):\n"
          "monthly ticks from 2020-01 (default 132), a grid of borders (each state borders\n"
          "a few others), one bloc per power (at most four), a few events and a shock.\n"
          "The same options always give the same file.\n\n"
          "  --states N     1..%d\n"
          "  --powers P     1..%d\n"
          "  --channels C   1..%d (default 3)\n"
          "  --ticks T      1..%d (default 132)\n"
          "  --contest      every power uses the contest strategy (default: fixed)\n"
          "  --seed S       the generator's seed, also written as the scenario's (default 1)\n"
          "  -o FILE|-      the file to write, or - for standard output\n\n"
          "Exit status: 0 success, 1 runtime failure, 2 bad usage.\n",
          GG_MAX_STATES, GG_MAX_POWERS, GG_MAX_CHANNELS, GG_MAX_TICKS);
}

static int generate_write(const char *path, const char *text, size_t len) {
  gg_error err;
  if (strcmp(path, "-") == 0) {
    if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
      gg_cli_error("-: write error");
      return 1;
    }
    return 0;
  }
  if (gg_write_file(path, text, len, &err) != 0) {
    gg_cli_error("%s", err.msg);
    return 1;
  }
  return 0;
}

int gg_cmd_generate(int argc, char **argv) {
  gg_generate_options o = gg_generate_defaults();
  const char *out = NULL;
  int have_states = 0, have_powers = 0, bad = 0;
  for (int i = 1; i < argc; i++) {
    const char *v;
    long n;
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      generate_usage(stdout);
      return 0;
    } else if (strcmp(argv[i], "--contest") == 0) {
      o.contest = 1;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--states", &bad))) {
      if (gg_cli_int("--states", v, 1, GG_MAX_STATES, &n)) return 2;
      o.states = (int)n, have_states = 1;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--powers", &bad))) {
      if (gg_cli_int("--powers", v, 1, GG_MAX_POWERS, &n)) return 2;
      o.powers = (int)n, have_powers = 1;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--channels", &bad))) {
      if (gg_cli_int("--channels", v, 1, GG_MAX_CHANNELS, &n)) return 2;
      o.channels = (int)n;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--ticks", &bad))) {
      if (gg_cli_int("--ticks", v, 1, GG_MAX_TICKS, &n)) return 2;
      o.ticks = (int)n;
    } else if ((v = gg_cli_opt(argc, argv, &i, "--seed", &bad))) {
      if (gg_cli_u64("--seed", v, &o.seed)) return 2;
    } else if ((v = gg_cli_opt(argc, argv, &i, "-o", &bad)) ||
               (!bad && (v = gg_cli_opt(argc, argv, &i, "--out", &bad)))) {
      out = v;
    } else if (bad) {
      return 2;
    } else {
      static const char *const known[] = {"--states", "--powers",  "--channels",
                                          "--ticks",  "--contest", "--seed",
                                          "-o",       "--help",    NULL};
      gg_cli_unknown_option(argv[i], "generate", known);
      return 2;
    }
    if (bad) return 2;
  }
  if (!have_states || !have_powers || !out) {
    gg_cli_error("%s: required (see greatgame generate --help)", !have_states   ? "--states"
                                                                 : !have_powers ? "--powers"
                                                                                : "-o");
    return 2;
  }
  gg_error err;
  char *text;
  size_t len;
  if (gg_generate_json(&o, &text, &len, &err) != 0) {
    gg_cli_error("%s", err.msg);
    return 1;
  }
  int rc = generate_write(out, text, len);
  gg_free_buffer(text);
  return rc;
}
