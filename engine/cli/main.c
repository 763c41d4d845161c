/* greatgame: the command-line program. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
GG_CMD(discover)
GG_CMD(backtest)
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

/* Status 2 is for bad usage and bad input. Running out of memory is a runtime
   failure (1), whatever path the failure took: every engine allocation goes
   through this hook, which notes a failure, and a command that then returns 2
   returns 1 (cli_status). Allocations of the program's own (SDL, the viewer)
   are checked where they are made. */
static atomic_int cli_alloc_failed;

static void *cli_alloc(size_t n) {
  void *p = malloc(n);
  if (!p && n) atomic_store_explicit(&cli_alloc_failed, 1, memory_order_relaxed);
  return p;
}

/* A closed standard descriptor (`>&-`) would be taken by the first file the
   command opens, and what it prints would land in that file. Keep 0, 1 and 2
   occupied with /dev/null opened read-only: reading gives nothing, writing
   fails with EBADF, as writing to a closed descriptor does. */
static void cli_hold_std_fds(void) {
  for (int fd = 0; fd <= 2; fd++) {
    if (fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    int n = open("/dev/null", O_RDONLY);
    if (n < 0) return;
    if (n != fd) {
      dup2(n, fd);
      close(n);
    }
  }
}

/* Standard output must have been written: flush and close it, and turn a
   command's success into status 1 with one line when its output was lost (a
   full disk, /dev/full, a closed descriptor). A command that wrote nothing
   succeeds even when standard output is closed; a command that already
   failed keeps its status and its own message. */
static int cli_finish_stdout(int rc) {
  int last = errno; /* the reason of a failed write, if nothing failed since */
  int bad = ferror(stdout) != 0, why = 0;
  errno = 0;
  if (fflush(stdout) != 0) {
    bad = 1;
    why = errno;
  }
  if (bad && !why) { /* failed earlier, nothing left to flush: find the reason */
    int fl = fcntl(STDOUT_FILENO, F_GETFL);
    if (fl == -1 || (fl & O_ACCMODE) == O_RDONLY)
      why = EBADF;
    else if (last == ENOSPC || last == EFBIG || last == EDQUOT || last == EIO)
      why = last;
  }
  errno = 0;
  if (fclose(stdout) != 0 && !bad && errno != EBADF) {
    bad = 1; /* the close reported a delayed write error (NFS, some devices) */
    why = errno;
  }
  if (!bad || rc != 0) return rc;
  if (why)
    gg_cli_error("standard output: write failed: %s", strerror(why));
  else
    gg_cli_error("standard output: write failed");
  return 1;
}

static int cli_status(int rc) {
  if (rc == 2 && atomic_load_explicit(&cli_alloc_failed, memory_order_relaxed)) rc = 1;
  return cli_finish_stdout(rc);
}

static int dispatch(int argc, char **argv) {
  const command cmds[] = {
      {"run", gg_cmd_run, "run a scenario and write its trajectories"},
      {"validate", gg_cmd_validate, "check scenario files"},
      {"params", gg_cmd_params, "list every parameter path, its range and default"},
      {"explain", gg_cmd_explain, "decompose a state's utilities: why did it move?"},
      {"compare", gg_cmd_compare, "paired comparison of two scenarios (common random numbers)"},
      {"sweep", gg_cmd_sweep, "run a parameter sweep (grid, random, LHS, Sobol designs)"},
      {"sensitivity", gg_cmd_sensitivity, "Sobol or Morris sensitivity indices"},
      {"merge", gg_cmd_merge, "join the shards of a sweep"},
      {"discover", gg_cmd_discover, "scenario discovery (PRIM) over a finished sweep"},
      {"calibrate", gg_cmd_calibrate, "fit free parameters to observed data"},
      {"backtest", gg_cmd_backtest, "score out-of-sample forecasts of observed indicators"},
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
    printf("greatgame %s (models %s and GG-2, scenario formats 1 and 2)\n", gg_version(),
           gg_model_version());
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

int main(int argc, char **argv) {
  cli_hold_std_fds();
  gg_set_allocator(cli_alloc, free);
  return cli_status(dispatch(argc, argv));
}
