/* Checking a set of shard folders against the sweep they claim to be part
   of, and gathering their blocks into one folder for assembly. */
#include "gg_util.h"
#include "shard.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int gga_shard_reference(const shard_info *si, int n) {
  int ref = 0, best = 0;
  for (int d = 0; d < n; d++) {
    int same = 0;
    for (int e = 0; e < n; e++)
      same += strcmp(si[d].hash, si[e].hash) == 0;
    if (same > best) best = same, ref = d;
  }
  return ref;
}

int gga_shard_check(const sweep *sw, const char *const *dirs, const shard_info *si, int n,
                    int *owner, gg_error *err) {
  int ref = gga_shard_reference(si, n);
  for (int d = 0; d < n; d++) {
    if (strcmp(si[d].hash, si[ref].hash) != 0) {
      gg_err_set(err,
                 "%.900s: shard of another sweep (hash %s, %.900s has %s): scenario, sets, "
                 "params, design, samples, replicates, block size, metrics or engine differ",
                 dirs[d], si[d].hash, dirs[ref], si[ref].hash);
      return -1;
    }
  }
  if (strcmp(si[ref].hash, sw->hash_hex) != 0) {
    gg_err_set(err,
               "%.900s: its scenario.json and options rebuild a sweep of hash %s, not %s "
               "(another engine version?)",
               dirs[ref], sw->hash_hex, si[ref].hash);
    return -1;
  }
  int N = si[ref].count;
  for (int i = 0; i < N; i++)
    owner[i] = -1;
  for (int d = 0; d < n; d++) {
    if (si[d].count != N) {
      gg_err_set(err,
                 "%.900s: shard %d/%d, but %.900s is shard %d/%d: the sweep was split "
                 "differently",
                 dirs[d], si[d].index, si[d].count, dirs[ref], si[ref].index, N);
      return -1;
    }
    if (si[d].blocks != sw->blocks) {
      gg_err_set(err, "%.900s/shard.json: %ld blocks, the sweep has %ld", dirs[d], si[d].blocks,
                 sw->blocks);
      return -1;
    }
    if (owner[si[d].index] >= 0) {
      gg_err_set(err, "%.900s: duplicate of shard %d/%d, already given as %.900s", dirs[d],
                 si[d].index, N, dirs[owner[si[d].index]]);
      return -1;
    }
    owner[si[d].index] = d;
  }
  for (int i = 0; i < N; i++) {
    if (owner[i] >= 0 || (long)i >= sw->blocks) continue; /* a shard past the last block is empty */
    char name[64];
    gga_sweep_block_name(name, sizeof name, i, "csv");
    gg_err_set(err,
               "merge: shard %d/%d is missing: no folder given holds it (its first block is %s)", i,
               N, name);
    return -1;
  }
  for (int d = 0; d < n; d++) {
    if (!si[d].complete) {
      gg_err_set(err, "%.900s: shard %d/%d is not finished (run its sweep again with resume)",
                 dirs[d], si[d].index, N);
      return -1;
    }
  }
  char name[64], path[4300];
  for (long b = 0; b < sw->blocks; b++) {
    int d = owner[b % N];
    gga_sweep_block_name(name, sizeof name, b, "csv");
    snprintf(path, sizeof path, "%s/blocks/%s", dirs[d], name);
    if (!gga_sweep_block_valid(sw, path, b)) {
      gg_err_set(err,
                 "%.900s: block %ld of shard %d/%d is missing or damaged (run its sweep again "
                 "with resume)",
                 path, b, (int)(b % N), N);
      return -1;
    }
  }
  return 0;
}

/* Link src to dst, or copy it when the two are on different file systems
   (or links are not allowed). */
static int shard_link(const char *src, const char *dst, gg_error *err) {
  if (link(src, dst) == 0) return 0;
  if (errno == EEXIST) {
    remove(dst);
    if (link(src, dst) == 0) return 0;
  }
  FILE *in = fopen(src, "rb");
  if (!in) {
    gg_err_set(err, "%.900s: cannot open: %s", src, strerror(errno));
    return -1;
  }
  FILE *out = fopen(dst, "wb");
  if (!out) {
    gg_err_set(err, "%.900s: cannot write: %s", dst, strerror(errno));
    fclose(in);
    return -1;
  }
  char buf[65536];
  size_t k;
  int bad = 0;
  while ((k = fread(buf, 1, sizeof buf, in)) > 0)
    bad |= fwrite(buf, 1, k, out) != k;
  bad |= ferror(in);
  fclose(in);
  bad |= fclose(out) != 0;
  if (bad) {
    gg_err_set(err, "%.900s: cannot copy to %.900s", src, dst);
    remove(dst);
    return -1;
  }
  return 0;
}

int gga_shard_gather(const sweep *sw, const char *const *dirs, const int *owner, int count,
                     const char *blockdir, gg_error *err) {
  if (mkdir(blockdir, 0777) != 0 && errno != EEXIST) {
    gg_err_set(err, "%.900s: cannot create: %s", blockdir, strerror(errno));
    return -1;
  }
  int N = count > 0 ? count : 1;
  char name[64], src[4300], dst[4300];
  for (long b = 0; b < sw->blocks; b++) {
    const char *dir = dirs[owner[b % N]];
    for (int t = 0; t < (sw->o.trajectories ? 2 : 1); t++) {
      gga_sweep_block_name(name, sizeof name, b, t ? "traj" : "csv");
      snprintf(src, sizeof src, "%s/blocks/%s", dir, name);
      snprintf(dst, sizeof dst, "%s/%s", blockdir, name);
      if (shard_link(src, dst, err) != 0) return -1;
    }
  }
  return 0;
}
