/* greatgame validate: check scenario files. */
#include "cli.h"

#include <string.h>

static const char *USAGE =
    "usage: greatgame validate SCENARIO...\n\n"
    "Check each scenario file against its scenario format (1 or 2). Prints one line per\n"
    "valid file on standard output and one error line per invalid file on standard\n"
    "error.\n"
    "Exit status: 0 if every file is valid, 2 otherwise.\n";

int gg_cmd_validate(int argc, char **argv) {
  int files = 0, bad = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(USAGE, stdout);
      return 0;
    }
    if (argv[i][0] == '-' && argv[i][1] != '\0') {
      gg_cli_unknown_option_usage(argv[i], "validate", USAGE);
      return 2;
    }
  }
  for (int i = 1; i < argc; i++) {
    files++;
    gg_error err;
    gg_scenario *sc = gg_cli_load_file(argv[i], &err);
    if (!sc) {
      gg_cli_error("%s", err.msg);
      bad++;
      continue;
    }
    printf("%s: ok: \"%s\", %d states, %d powers, %d channels, %d blocs, %d events, %d ticks\n",
           argv[i], gg_scenario_name(sc), gg_scenario_states(sc), gg_scenario_powers(sc),
           gg_scenario_channels(sc), gg_scenario_blocs(sc), gg_scenario_events(sc),
           gg_scenario_ticks(sc));
    gg_scenario_free(sc);
  }
  if (files == 0) {
    gg_cli_error("validate: expected one or more scenario files (see greatgame validate --help)");
    return 2;
  }
  return bad ? 2 : 0;
}
