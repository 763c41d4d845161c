/* greatgame: the command-line program. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

/* Subcommands live in their own files; those not built (no SDL2, say) are
   null weak symbols. */
#define GG_CMD(name) int gg_cmd_##name(int argc, char **argv) __attribute__((weak));
GG_CMD(run)
GG_CMD(validate)
GG_CMD(params)
GG_CMD(sweep)
GG_CMD(sensitivity)
GG_CMD(merge)
GG_CMD(plot)
GG_CMD(view)
GG_CMD(calibrate)
GG_CMD(explain)
GG_CMD(compare)
GG_CMD(generate)

typedef struct command {
  const char *name;
  gg_cmd_fn fn;
  const char *summary;
} command;

static void usage(FILE *out, const command *cmds, int n) {
  fprintf(out, "greatgame %s: a geopolitical influence simulation engine (model GG-1)\n\n",
          gg_version());
  fprintf(out, "usage: greatgame [--max-scenario-size SIZE] COMMAND [OPTIONS]\n\ncommands:\n");
  for (int i = 0; i < n; i++)
    if (cmds[i].fn) fprintf(out, "  %-12s %s\n", cmds[i].name, cmds[i].summary);
  fprintf(out, "\n`greatgame COMMAND --help` describes a command; `greatgame --version` prints the "
               "version.\n"
               "With no SCENARIO, run and view use the Central Asia 2020 baseline built into the "
               "program;\nSCENARIO - reads standard input. --max-scenario-size SIZE (e.g. 256M) "
               "raises the\nlimit on a scenario file's size (default 64 MiB).\n");
}

int main(int argc, char **argv) {
  const command cmds[] = {
      {"run", gg_cmd_run, "run a scenario and write its trajectories"},
      {"validate", gg_cmd_validate, "check scenario files"},
      {"params", gg_cmd_params, "list every parameter path, its range and default"},
      {"explain", gg_cmd_explain, "decompose a state's utilities: why did it move?"},
      {"compare", gg_cmd_compare, "paired comparison of two scenarios (common random numbers)"},
      {"sweep", gg_cmd_sweep, "run a parameter sweep (grid, random, LHS, Sobol designs)"},
      {"sensitivity", gg_cmd_sensitivity, "Sobol or Morris sensitivity indices"},
      {"merge", gg_cmd_merge, "join the shards of a sweep"},
      {"calibrate", gg_cmd_calibrate, "fit free parameters to observed data"},
      {"generate", gg_cmd_generate, "write a random valid scenario of a given size"},
      {"plot", gg_cmd_plot, "draw a chart to PNG"},
      {"view", gg_cmd_view, "open the interactive viewer"},
  };
  int n = (int)(sizeof cmds / sizeof cmds[0]);
  /* Global options, before the command. */
  while (argc >= 2 && strncmp(argv[1], "--max-scenario-size", 19) == 0) {
    const char *v = argv[1][19] == '=' ? argv[1] + 20 : NULL;
    int used = 1;
    if (argv[1][19] != '=' && argv[1][19] != '\0') break;
    if (!v) {
      if (argc < 3) {
        gg_cli_error("--max-scenario-size: expected a size such as 256M");
        return 2;
      }
      v = argv[2];
      used = 2;
    }
    size_t bytes = 0;
    gg_error err;
    if (gg_limits_parse_size(v, &bytes, &err) != 0) {
      gg_cli_error("--max-scenario-size %s: %s", v, err.msg);
      return 2;
    }
    if (bytes == 0) {
      gg_cli_error("--max-scenario-size %s: must be above 0", v);
      return 2;
    }
    gg_cli_set_max_scenario(bytes);
    argc -= used;
    argv += used;
  }
  if (argc < 2) {
    usage(stderr, cmds, n);
    return 2;
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
      strcmp(argv[1], "help") == 0) {
    usage(stdout, cmds, n);
    return 0;
  }
  if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
    printf("greatgame %s (model %s, scenario format 1)\n", gg_version(), gg_model_version());
    return 0;
  }
  for (int i = 0; i < n; i++) {
    if (strcmp(argv[1], cmds[i].name) != 0) continue;
    if (!cmds[i].fn) {
      gg_cli_error("%s: this build of greatgame does not include the %s command", argv[1], argv[1]);
      return 2;
    }
    return cmds[i].fn(argc - 1, argv + 1);
  }
  gg_cli_error("%s: unknown command (see greatgame --help)", argv[1]);
  return 2;
}
