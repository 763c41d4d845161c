/* What `greatgame sweep`, `greatgame sensitivity` and `greatgame merge`
   share: the arguments become library options (<greatgame/sweep.h>), the
   library's errors become the program's words, and a progress bar. */
#ifndef GG_CMD_SWEEP_H
#define GG_CMD_SWEEP_H

#include "cli.h"

#include <greatgame/sweep.h>

/* Most --metric and --set options. */
#define SWEEP_CLI_MAX_LIST 256

typedef struct sweep_cli {
  gg_scenario *sc;
  gg_sweep_param params[GG_SWEEP_MAX_PARAMS];
  gg_sweep_factor factors[GG_SWEEP_MAX_FACTORS];
  const char *metrics[SWEEP_CLI_MAX_LIST];
  const char *sets[SWEEP_CLI_MAX_LIST];
  char *command; /* argv joined with spaces */
  int quiet;
  gg_progress pr;
  int pr_begun;
  const char *shard; /* the --shard argument, or NULL */
  /* The arguments that change the results (all but the scenario, --out,
     --shard, --threads, --resume, --keep-blocks and --quiet), pointing into
     argv: a shard records them for `greatgame merge`. */
  char **keep;
  int nkeep;
  gg_sensitivity_options so; /* so.sweep: the options of a sweep */
} sweep_cli;

/* Parse the command line into c->so. `sensitivity` selects the sensitivity
   options (--method, --second-order, --levels) instead of --design. Returns
   0, or the exit status to return (0 after --help, 2 on bad usage, with the
   message printed). */
int sweep_cli_parse(sweep_cli *c, int argc, char **argv, int sensitivity, int *stop);
void sweep_cli_free(sweep_cli *c);
/* End the progress bar, if it began. */
void sweep_cli_progress_end(sweep_cli *c);

/* The message of a failed library call (`error`: the check that failed) in
   the program's words: option names for field names. */
void sweep_cli_words(gg_sweep_error error, const gg_sweep_result *res, const char *msg, char *out,
                     size_t size);
/* Print a failed call's error and return the exit status: 2 for bad input
   (and a folder that holds results or other files), 1 otherwise (a file
   system failure, an interruption, a folder locked by another command).
   `interruptible`: an interruption by a signal is reported as such, with
   how to resume. */
int sweep_cli_fail(const gg_sweep_result *res, const gg_error *e, int interruptible);
/* Print the result's warnings to stderr, "warning: " and the option at fault first. */
void sweep_cli_warnings(const gg_sweep_result *res);

#endif
