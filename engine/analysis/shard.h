/* Shards of a sweep: a cluster job splits a sweep's blocks between
   independent processes (block b goes to shard b % N), each writing its
   blocks and a shard.json into its own folder; `greatgame merge` checks the
   folders against each other and assembles the final files from them. */
#ifndef GG_SHARD_H
#define GG_SHARD_H

#include "sweep.h"

#include <greatgame/greatgame.h>

/* The most options a sweep's command line may record. */
#define SHARD_MAX_ARGS 2048

typedef struct shard_info {
  int index, count;  /* shard I of N */
  char hash[17];     /* the sweep hash */
  long blocks;       /* blocks of the whole sweep */
  long shard_blocks; /* blocks of this shard */
  int complete;      /* every block of the shard was written */
  /* The options of the sweep that change its results, as given on the
     command line (without the scenario, --out, --shard, --threads ...). */
  char **args;
  int nargs;
} shard_info;

/* Parse "I/N", or "auto": read the Slurm array variables through `get`
   (getenv in the program): I = (SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN)
   / SLURM_ARRAY_TASK_STEP, N = SLURM_ARRAY_TASK_COUNT. 0, or -1 with err
   filled (starting with "shard"). */
int gga_shard_parse(const char *text, const char *(*get)(const char *name), int *index, int *count,
                    gg_error *err);

/* Write DIR/shard.json (atomically). 0, or -1 with err filled. */
int gga_shard_write(const char *dir, const shard_info *si, gg_error *err);
/* Read DIR/shard.json. 1 when read, 0 when the folder has none, -1 with err
   filled when it cannot be read or is malformed. */
int gga_shard_read(const char *dir, shard_info *si, gg_error *err);
void gga_shard_info_free(shard_info *si);

/* Write the scenario's source text to DIR/scenario.json (atomically), so
   that a merge rebuilds the same sweep anywhere. 0, or -1. */
int gga_shard_write_scenario(const char *dir, const gg_scenario *sc, gg_error *err);

/* The folder whose sweep hash most of the n folders share (the first such):
   the reference that a folder of another sweep is told apart from. */
int gga_shard_reference(const shard_info *si, int n);

/* Check that the shard folders dirs[0..n) (with their shard.json in si)
   hold every block of the sweep sw exactly once: same hash, same N, no
   shard twice, none missing, each block present and intact. owner[i]
   (N entries) receives the folder of shard i. 0, or -1 with err filled,
   naming the folder at fault. */
int gga_shard_check(const sweep *sw, const char *const *dirs, const shard_info *si, int n,
                    int *owner, gg_error *err);

/* Hard-link (or copy, across file systems) every block file (.csv and
   .traj) from the blocks/ of its shard's folder (shard b % count) into
   blockdir. 0, or -1
   with err. */
int gga_shard_gather(const sweep *sw, const char *const *dirs, const int *owner, int count,
                     const char *blockdir, gg_error *err);

#endif
