/* Option parsing and running shared by `greatgame sweep` and
   `greatgame sensitivity`. */
#ifndef GG_CMD_SWEEP_H
#define GG_CMD_SWEEP_H

#include "cli.h"
#include "sweep.h"

typedef struct sweep_cli {
  gg_scenario *sc;
  sweep_param params[DESIGN_MAX_DIM];
  int nparams;
  metric_set metrics;
  char *sets;    /* the --set arguments joined with ';' */
  char *command; /* argv joined with spaces */
  char started[64];
  int quiet;
  int method_given;
  gg_progress pr;
  const char *shard; /* the --shard argument, or NULL */
  /* The arguments that change the results (all but the scenario, --out,
     --shard, --threads, --resume, --keep-blocks and --quiet), pointing into
     argv: a shard records them for `greatgame merge`. */
  char **keep;
  int nkeep;
  sweep_opts o;
} sweep_cli;

/* Parse the command line. `sensitivity` selects the sensitivity options
   (--method, --second-order, --levels) instead of --design. Returns 0, or the
   exit status to return (0 after --help, 2 on bad usage, with the message
   printed). */
int sweep_cli_parse(sweep_cli *c, int argc, char **argv, int sensitivity, int *stop);
/* Initialise and run the sweep; prints errors. Returns the exit status. */
int sweep_cli_run(sweep_cli *c, sweep *sw);
void sweep_cli_free(sweep_cli *c);
/* UTC time as 2026-01-02T03:04:05Z. */
void sweep_cli_now(char *buf, size_t size);

#endif
