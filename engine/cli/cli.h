/* Shared helpers of the greatgame subcommands (not part of the library API). */
#ifndef GG_CLI_H
#define GG_CLI_H

#include <greatgame/greatgame.h>
#include <stdint.h>
#include <stdio.h>

/* Every subcommand: argv[0] is the command's name; returns the exit status
   (0 success, 1 runtime failure, 2 bad usage or bad input). */
typedef int (*gg_cmd_fn)(int argc, char **argv);

/* Print one error line to stderr: the text is expected to start with the
   file or the option at fault. */
void gg_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Load a scenario file, or the compiled-in baseline when path is NULL.
   On failure prints the one-line error and returns NULL. */
gg_scenario *gg_cli_load(const char *path);
/* Load a scenario file as every command does: a regular file up to the
   --max-scenario-size limit, or "-" for standard input (up to the limit). */
gg_scenario *gg_cli_load_file(const char *path, gg_error *err);
/* Set that limit (the global option --max-scenario-size). */
void gg_cli_set_max_scenario(size_t bytes);

/* Apply one "--set PATH=VALUE" argument. 0, or prints `--set ARG: ...` and
   returns 2. */
int gg_cli_apply_set(gg_scenario *sc, const char *arg);

/* Strict number parsing of an option's value; print `OPT: expected ...`
   and return 2 on error, else 0. */
int gg_cli_u64(const char *opt, const char *text, uint64_t *out);
int gg_cli_int(const char *opt, const char *text, long lo, long hi, long *out);
int gg_cli_double(const char *opt, const char *text, double *out);

/* Does argv[i] match --name or --name=VALUE? Returns the value (next argv
   element when not inline, advancing *i), or NULL when not this option.
   Missing value: prints `--name: expected a value` and sets *bad = 1. */
const char *gg_cli_opt(int argc, char **argv, int *i, const char *name, int *bad);

/* A progress bar on stderr (only when stderr is a terminal, not quiet, and
   the work takes over a second): runs done, runs per second and ETA. */
typedef struct gg_progress {
  double start;
  double last;
  uint64_t total;
  int enabled;
  int shown;
} gg_progress;
void gg_progress_begin(gg_progress *pr, uint64_t total, int quiet);
void gg_progress_update(gg_progress *pr, uint64_t done);
void gg_progress_end(gg_progress *pr);

/* Print "ARG: unknown option (see greatgame COMMAND --help)", with "did
   you mean OPT?" when one of `known` (NULL-terminated) is close. */
void gg_cli_unknown_option(const char *arg, const char *command, const char *const *known);
/* The same, with the options read from the command's usage text (every word
   that starts with "--", and "-o", "-q", "-h"). */
void gg_cli_unknown_option_usage(const char *arg, const char *command, const char *usage);

/* Wall-clock seconds (monotonic). */
double gg_cli_now(void);

#endif
