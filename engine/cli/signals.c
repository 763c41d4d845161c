/* SIGINT/SIGTERM/SIGHUP handling (and SIGXFSZ ignored) for the commands: a flag to poll and a
   registry of temporary files to remove. The handler only touches lock-free state and
   async-signal-safe calls (unlink, _exit, write). */
#include "signals.h"

#include "cli.h"

#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define SIG_TEMP_MAX 64
#define SIG_PATH_MAX 4096

/* Process-wide by nature: a signal reaches the process, not an object. */
/* Read from every worker thread: a lock-free atomic (async-signal-safe to
   store from the handler, and no data race between threads). */
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "the signal flag must be lock-free");
static atomic_int sig_received;
static volatile sig_atomic_t sig_used[SIG_TEMP_MAX];
static char sig_paths[SIG_TEMP_MAX][SIG_PATH_MAX];
static int sig_installed;
/* Immediate mode: the first signal stops; the line's start and end. */
static volatile sig_atomic_t sig_immediate;
static char sig_what[256], sig_hint[512];

static void sig_remove_temps(void) {
  for (int i = 0; i < SIG_TEMP_MAX; i++)
    if (sig_used[i]) {
      unlink(sig_paths[i]);
      sig_used[i] = 0;
    }
}

static void sig_write(const char *text) {
  ssize_t w = write(STDERR_FILENO, text, strlen(text)); /* strlen is async-signal-safe */
  (void)w;
}

static void sig_handler(int sig) {
  if (sig_immediate) {
    /* The work cannot stop in between: leave no temporary file and no lock. */
    sig_remove_temps();
    sig_write(sig_what);
    sig_write(": interrupted by ");
    sig_write(gg_cli_signal_name(sig));
    sig_write("; temporary files removed");
    if (sig_hint[0]) {
      sig_write("; ");
      sig_write(sig_hint);
    }
    sig_write("\n");
    _exit(1);
  }
  if (atomic_load(&sig_received)) {
    /* Second signal: the user insists. Leave no temporary file behind. */
    static const char msg[] = "interrupted twice: stopping now\n";
    sig_remove_temps();
    ssize_t w = write(STDERR_FILENO, msg, sizeof msg - 1);
    (void)w;
    _exit(1);
  }
  atomic_store(&sig_received, sig);
}

void gg_cli_signals_install(void) {
  if (sig_installed) return;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = sig_handler;
  sigemptyset(&sa.sa_mask);
  sigaddset(&sa.sa_mask, SIGINT);
  sigaddset(&sa.sa_mask, SIGTERM);
  sigaddset(&sa.sa_mask, SIGHUP);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL); /* the terminal went away: stop as for SIGINT */
  /* A file larger than `ulimit -f`: no signal death; the write fails with
     EFBIG and the command reports it and removes its temporary files. */
  signal(SIGXFSZ, SIG_IGN);
  sig_installed = 1;
}

void gg_cli_signals_install_immediate(const char *what, const char *hint) {
  snprintf(sig_what, sizeof sig_what, "%s", what ? what : "greatgame");
  snprintf(sig_hint, sizeof sig_hint, "%s", hint ? hint : "");
  sig_immediate = 1;
  gg_cli_signals_install();
}

void gg_cli_temp_file(void *ctx, const char *path, int exists) {
  (void)ctx;
  if (exists)
    gg_cli_temp_register(path);
  else
    gg_cli_temp_unregister(path);
}

int gg_cli_interrupted(void) {
  return atomic_load(&sig_received);
}

int gg_cli_temp_register(const char *path) {
  size_t n = strlen(path);
  if (n >= SIG_PATH_MAX) return -1;
  for (int i = 0; i < SIG_TEMP_MAX; i++)
    if (!sig_used[i]) {
      memcpy(sig_paths[i], path, n + 1);
      sig_used[i] = 1; /* only now may the handler read the slot */
      return 0;
    }
  return -1;
}

void gg_cli_temp_unregister(const char *path) {
  for (int i = 0; i < SIG_TEMP_MAX; i++)
    if (sig_used[i] && strcmp(sig_paths[i], path) == 0) {
      sig_used[i] = 0;
      return;
    }
}

int gg_cli_temp_remove_all(void) {
  int n = 0;
  for (int i = 0; i < SIG_TEMP_MAX; i++)
    if (sig_used[i]) {
      if (unlink(sig_paths[i]) == 0) n++;
      sig_used[i] = 0;
    }
  return n;
}

const char *gg_cli_signal_name(int sig) {
  switch (sig) {
  case SIGINT:
    return "SIGINT";
  case SIGTERM:
    return "SIGTERM";
  case SIGHUP:
    return "SIGHUP";
  default:
    return "a signal";
  }
}

int gg_cli_interrupt_report(const char *what, const char *resume_hint) {
  gg_cli_temp_remove_all();
  gg_cli_error("%s: interrupted by %s; no partial file left%s%s", what,
               gg_cli_signal_name(gg_cli_interrupted()), resume_hint ? "; " : "",
               resume_hint ? resume_hint : "");
  return 1;
}
