/* The --max-memory check shared by the commands that run simulations. */
#ifndef GG_LIMITS_CLI_H
#define GG_LIMITS_CLI_H

#include <greatgame/greatgame.h>
#include <stddef.h>

/* Bytes a `run` of `replicates` replicates of `sc` needs: the scenario, one
   simulation and the per-replicate record. */
size_t gg_cli_run_memory(const gg_scenario *sc, long replicates);

/* Refuse a run that would need more memory than the limit: the value of
   --max-memory (NULL: half of physical memory). Prints one error line and
   returns 2 when over the limit or when the option is malformed, else 0. */
int gg_cli_check_memory(const gg_scenario *sc, const char *max_memory_opt_or_NULL, long replicates);

/* Before reading a scenario file: refuse one whose loading alone may need
   more memory than the limit (--max-memory counts from the first byte).
   Prints one line and returns 2, else 0 (also for "-" and what is not a
   regular file: the reader bounds those). */
int gg_cli_check_load_memory(const char *path, const char *max_memory_opt_or_NULL);

/* The same check for any estimate (e.g. a sweep: its threads' simulations
   plus its results); `what` names the work in the message. */
int gg_cli_check_bytes(const gg_scenario *sc, const char *max_memory_opt_or_NULL, size_t need,
                       const char *what);

#endif
