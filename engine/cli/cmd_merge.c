/* greatgame merge: join the shard folders of a sweep run as a cluster array
   job (`greatgame sweep --shard I/N`) into the files that one process would
   have written. The library (gg_merge_run) checks and joins; this parses
   and prints. */
#include "cli.h"
#include "cmd_sweep.h"
#include "signals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char merge_usage[] =
    "usage: greatgame merge OUT SHARD_DIR... [--keep-blocks] [--quiet]\n"
    "\n"
    "Join the folders written by `greatgame sweep --shard I/N` (one per shard,\n"
    "in any order) into OUT: design.csv, runs.csv, summary.csv (and\n"
    "trajectories.csv) and manifest.json, identical to those of the same sweep\n"
    "run in one process. The shards must come from the same sweep, each once,\n"
    "all of them finished; otherwise nothing is written. OUT must be new, empty,\n"
    "or hold a merge of the same shards that failed or was stopped: the same\n"
    "command completes it.\n"
    "\n"
    "  --keep-blocks  keep OUT/blocks (links to the shards' blocks) afterwards\n"
    "  --quiet        print nothing on success\n";

typedef struct merge_cli {
  gg_merge_options o;
  const char **dirs;
  int quiet;
  char *command;
} merge_cli;

static int merge_parse(merge_cli *m, int argc, char **argv, int *stop) {
  *stop = 0;
  size_t len = strlen("greatgame") + 1;
  for (int i = 0; i < argc; i++)
    len += strlen(argv[i]) + 1;
  m->dirs = malloc((size_t)argc * sizeof(char *));
  m->command = malloc(len);
  if (!m->dirs || !m->command) {
    gg_cli_error("merge: out of memory");
    return 1;
  }
  strcpy(m->command, "greatgame");
  for (int i = 0; i < argc; i++) {
    strcat(m->command, " ");
    strcat(m->command, argv[i]);
  }
  m->o = gg_merge_defaults();
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      fputs(merge_usage, stdout);
      *stop = 1;
      return 0;
    } else if (strcmp(a, "--keep-blocks") == 0) {
      m->o.keep_blocks = 1;
    } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
      m->quiet = 1;
    } else if (a[0] == '-' && a[1] != '\0') {
      gg_cli_unknown_option_usage(a, "merge", merge_usage);
      return 2;
    } else if (!m->o.out) {
      m->o.out = a;
    } else {
      m->dirs[m->o.ndirs++] = a;
    }
  }
  if (!m->o.out || m->o.ndirs == 0) {
    gg_cli_error("merge: expected OUT and at least one SHARD_DIR (see greatgame merge --help)");
    return 2;
  }
  m->o.dirs = m->dirs;
  m->o.command = m->command;
  return 0;
}

/* The reference shard's options do not rebuild a sweep: the reason, then
   (for the options as recorded) which shard.json it was. */
static void merge_rebuild_error(const merge_cli *m, const gg_sweep_result *r, const char *msg) {
  static const char parse[] = "its options do not make a sweep: ";
  char prefix[4200], text[2048];
  snprintf(prefix, sizeof prefix, "%s/shard.json: ", m->dirs[r->fault_index]);
  size_t pl = strlen(prefix);
  if (strncmp(msg, prefix, pl) != 0) {
    gg_cli_error("%s", msg);
    return;
  }
  const char *rest = msg + pl;
  if (strncmp(rest, parse, sizeof parse - 1) != 0) {
    sweep_cli_words(r->cause, r, rest, text, sizeof text);
    gg_cli_error("%s%s", prefix, text);
    return;
  }
  rest += sizeof parse - 1;
  sweep_cli_words(r->cause, r, rest, text, sizeof text);
  size_t tl = strlen(text);
  static const char unknown[] = ": unknown option";
  if (strcmp(text, "--param: at least one PATH=LO:HI is required") == 0 ||
      (tl >= sizeof unknown - 1 && strcmp(text + tl - (sizeof unknown - 1), unknown) == 0))
    gg_cli_error("%s (see greatgame sweep --help)", text);
  else
    gg_cli_error("%s", text);
  gg_cli_error("%s/shard.json: its options do not make a sweep", m->dirs[r->fault_index]);
}

int gg_cmd_merge(int argc, char **argv) {
  merge_cli m;
  memset(&m, 0, sizeof m);
  int stop;
  int rc = merge_parse(&m, argc, argv, &stop);
  if (rc == 0 && !stop) {
    /* The merge does not stop in between: a signal removes its temporary
       files and OUT's lock at once, and the same merge, run again, redoes
       the unfinished one. */
    gg_cli_signals_install_immediate("merge", "run the same merge again to finish it");
    m.o.temp_file = gg_cli_temp_file;
    gg_sweep_result res;
    gg_error e;
    if (gg_merge_run(&m.o, &res, &e) != 0) {
      if (res.error == GG_SWEEP_ERR_SHARD_OPTIONS && res.fault_index >= 0) {
        merge_rebuild_error(&m, &res, e.msg);
        rc = 2;
      } else if (res.error == GG_SWEEP_ERR_OUT_BUSY || res.error == GG_SWEEP_ERR_OUT_FOREIGN ||
                 res.error == GG_SWEEP_ERR_MERGE_OUT || res.error == GG_SWEEP_ERR_RUNTIME) {
        /* about OUT, named first: no option to name */
        gg_cli_error("%s", e.msg);
        rc = 1; /* the output folder: exit 1, as every command */
      } else {
        rc = sweep_cli_fail(&res, &e, 0);
      }
    } else if (!m.quiet) {
      printf("merged %d shards: %ld samples x %d replicates = %ld runs (%ld failed) in %ld "
             "blocks\n",
             res.shard_count, res.samples, res.replicates, res.runs, res.runs_failed, res.blocks);
      printf("wrote %s/design.csv, runs.csv, summary.csv%s, manifest.json\n", m.o.out,
             res.trajectories ? ", trajectories.csv" : "");
    }
  }
  free(m.dirs);
  free(m.command);
  return rc;
}
