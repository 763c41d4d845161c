/* SIGINT, SIGTERM and SIGHUP during long commands: the first signal sets a
   flag that the work loop polls (finish the current block, flush, remove
   temporary files, say how to resume, exit 1); a second one removes the
   registered files (temporary files, the output folder's lock) at once and
   ends the process. A command whose work cannot stop in between
   (calibrate, merge) installs the immediate handlers instead: the first
   signal removes the registered files and ends the process. */
#ifndef GG_SIGNALS_H
#define GG_SIGNALS_H

/* Install the handlers for SIGINT, SIGTERM and SIGHUP (idempotent). */
void gg_cli_signals_install(void);

/* Install handlers that stop at the first signal: remove the registered
   files, print "WHAT: interrupted by SIGINT; temporary files removed[; HINT]"
   on stderr and exit with status 1. `what` and `hint` (may be NULL) are
   copied. */
void gg_cli_signals_install_immediate(const char *what, const char *hint);

/* The library's temp_file callback: register (exists = 1) or unregister
   (0) `path`. `ctx` is not used. */
void gg_cli_temp_file(void *ctx, const char *path, int exists);

/* The signal received (SIGINT or SIGTERM), or 0. Safe to poll from any
   thread. */
int gg_cli_interrupted(void);

/* Files to remove on interruption (temporary files, an output folder's
   lock). Register a path as soon as the file is created, unregister it once
   renamed to its final name or removed.
   Paths longer than 4095 bytes and registrations beyond 64 files are
   refused (-1); 0 on success. */
int gg_cli_temp_register(const char *path);
void gg_cli_temp_unregister(const char *path);

/* Remove every registered temporary file and forget them; returns how many
   were removed. */
int gg_cli_temp_remove_all(void);

/* After the loop stopped on gg_cli_interrupted(): remove the temporary
   files and print one line on stderr, "interrupted by SIGINT: ...", ending
   with `resume_hint` when not NULL (e.g. "rerun with --resume"). Returns
   the exit status to use (1). */
int gg_cli_interrupt_report(const char *what, const char *resume_hint);

/* Name of a signal number ("SIGINT", "SIGTERM", "signal N"). */
const char *gg_cli_signal_name(int sig);

#endif
