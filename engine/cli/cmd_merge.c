/* greatgame merge: join the shard folders of a sweep run as a cluster array
   job (`greatgame sweep --shard I/N`) into the files that one process would
   have written. */
#include "cli.h"
#include "cmd_sweep.h"
#include "shard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char merge_usage[] =
    "usage: greatgame merge OUT SHARD_DIR... [--keep-blocks] [--quiet]\n"
    "\n"
    "Join the folders written by `greatgame sweep --shard I/N` (one per shard,\n"
    "in any order) into OUT: design.csv, runs.csv, summary.csv (and\n"
    "trajectories.csv) and manifest.json, identical to those of the same sweep\n"
    "run in one process. The shards must come from the same sweep, each once,\n"
    "all of them finished; otherwise nothing is written.\n"
    "\n"
    "  --keep-blocks  keep OUT/blocks (links to the shards' blocks) afterwards\n"
    "  --quiet        print nothing on success\n";

typedef struct merge_job {
  const char *out;
  const char **dirs;
  int n;
  int keep_blocks, quiet;
  shard_info *si;
  int *owner;
  char *command;
} merge_job;

static void merge_free(merge_job *m) {
  for (int d = 0; m->si && d < m->n; d++)
    gga_shard_info_free(&m->si[d]);
  free(m->si);
  free(m->dirs);
  free(m->owner);
  free(m->command);
}

static int merge_parse(merge_job *m, int argc, char **argv, int *stop) {
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
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      fputs(merge_usage, stdout);
      *stop = 1;
      return 0;
    } else if (strcmp(a, "--keep-blocks") == 0) {
      m->keep_blocks = 1;
    } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
      m->quiet = 1;
    } else if (a[0] == '-' && a[1] != '\0') {
      gg_cli_error("%s: unknown option (see greatgame merge --help)", a);
      return 2;
    } else if (!m->out) {
      m->out = a;
    } else {
      m->dirs[m->n++] = a;
    }
  }
  if (!m->out || m->n == 0) {
    gg_cli_error("merge: expected OUT and at least one SHARD_DIR (see greatgame merge --help)");
    return 2;
  }
  return 0;
}

/* Read every shard.json. 0 or the exit status (error printed). */
static int merge_read(merge_job *m) {
  m->si = calloc((size_t)m->n, sizeof *m->si);
  if (!m->si) {
    gg_cli_error("merge: out of memory");
    return 1;
  }
  int most = 1;
  for (int d = 0; d < m->n; d++) {
    gg_error e;
    int rc = gga_shard_read(m->dirs[d], &m->si[d], &e);
    if (rc < 0) {
      gg_cli_error("%s", e.msg);
      return 2;
    }
    if (rc == 0) {
      gg_cli_error("%s: no shard.json: not a folder written by greatgame sweep --shard",
                   m->dirs[d]);
      return 2;
    }
    if (m->si[d].count > most) most = m->si[d].count;
  }
  m->owner = malloc((size_t)most * sizeof(int));
  if (!m->owner) {
    gg_cli_error("merge: out of memory");
    return 1;
  }
  return 0;
}

/* Rebuild the sweep options from the reference shard: its scenario.json and
   the options it recorded. */
static int merge_rebuild(merge_job *m, sweep_cli *c, int ref) {
  const shard_info *si = &m->si[ref];
  char scenario[4200];
  snprintf(scenario, sizeof scenario, "%s/scenario.json", m->dirs[ref]);
  int argc = si->nargs + 7;
  char **argv = malloc((size_t)argc * sizeof(char *));
  if (!argv) {
    gg_cli_error("merge: out of memory");
    return 1;
  }
  int k = 0;
  argv[k++] = "sweep";
  argv[k++] = scenario;
  for (int i = 0; i < si->nargs; i++)
    argv[k++] = si->args[i];
  argv[k++] = "--out";
  argv[k++] = (char *)m->out;
  argv[k++] = "--threads";
  argv[k++] = "1";
  argv[k++] = "--quiet";
  int stop;
  int rc = sweep_cli_parse(c, k, argv, 0, &stop);
  free(argv);
  if (rc == 0 && stop) rc = 2;
  if (rc != 0) {
    gg_cli_error("%s/shard.json: its options do not make a sweep", m->dirs[ref]);
    return rc;
  }
  c->o.keep_blocks = m->keep_blocks;
  c->o.command = m->command;
  return 0;
}

int gg_cmd_merge(int argc, char **argv) {
  merge_job m = {0};
  int stop;
  int rc = merge_parse(&m, argc, argv, &stop);
  if (rc != 0 || stop || (rc = merge_read(&m)) != 0) {
    merge_free(&m);
    return rc;
  }
  sweep_cli c;
  memset(&c, 0, sizeof c);
  sweep sw;
  memset(&sw, 0, sizeof sw);
  gg_error e;
  int ref = gga_shard_reference(m.si, m.n);
  rc = merge_rebuild(&m, &c, ref);
  if (rc == 0 && gga_sweep_init(&sw, &c.o, &e) != 0) {
    gg_cli_error("%s/shard.json: %s", m.dirs[ref], e.msg);
    rc = 2;
  }
  if (rc == 0 && gga_shard_check(&sw, m.dirs, m.si, m.n, m.owner, &e) != 0) {
    gg_cli_error("%s", e.msg);
    rc = 2;
  }
  char manifest[4200];
  snprintf(manifest, sizeof manifest, "%s/manifest.json", m.out);
  if (rc == 0 && access(manifest, F_OK) == 0) {
    gg_cli_error("%s: already holds results; merge into a new folder", m.out);
    rc = 2;
  }
  /* Everything checked: from here on, failures are of the file system. */
  char blockdir[4200];
  snprintf(blockdir, sizeof blockdir, "%s/blocks", m.out);
  if (rc == 0 && (gga_sweep_prepare(&sw, &e) != 0 ||
                  gga_shard_gather(&sw, m.dirs, m.owner, m.si[ref].count, blockdir, &e) != 0 ||
                  gga_sweep_finish(&sw, &e) != 0)) {
    gg_cli_error("%s", e.msg);
    rc = 1;
  }
  if (rc == 0 && !m.quiet) {
    printf("merged %d shards: %ld samples x %d replicates = %ld runs (%ld failed) in %ld blocks\n",
           m.si[ref].count, sw.ds.n, c.o.replicates, sw.runs, sw.runs_failed, sw.blocks);
    printf("wrote %s/design.csv, runs.csv, summary.csv%s, manifest.json\n", m.out,
           c.o.trajectories ? ", trajectories.csv" : "");
  }
  gga_sweep_free(&sw);
  sweep_cli_free(&c);
  merge_free(&m);
  return rc;
}
