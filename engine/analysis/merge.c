/* gg_merge_run: join the shard folders of a sweep split between jobs into
   the files that one process would have written. The sweep is rebuilt from
   the reference shard's scenario.json and recorded options, every folder
   is checked against it, and only then is anything written: under the
   output folder's lock, into a folder that is new, empty, or holds a merge
   of the same sweep that did not finish (a retry). A merge that fails
   after that removes what it wrote, so that it can be run again. */
#include "gg_util.h"
#include "outfile.h"
#include "shard.h"
#include "sweep_api.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

gg_merge_options gg_merge_defaults(void) {
  gg_merge_options o;
  memset(&o, 0, sizeof o);
  return o;
}

typedef struct merge_job {
  const gg_merge_options *o;
  shard_info *si;
  int *owner;
  gga_sweep_args *args;
  gg_scenario *sc;
  gg_sweep *sw;
} merge_job;

static void merge_free(merge_job *m) {
  for (int d = 0; m->si && d < m->o->ndirs; d++)
    gga_shard_info_free(&m->si[d]);
  gg_free(m->si);
  gg_free(m->owner);
  gg_free(m->args);
  gg_sweep_free(m->sw);
  gg_scenario_free(m->sc);
}

/* Read every shard.json. 0, or -1. */
static int merge_read(merge_job *m, gg_sweep_result *res, gg_error *err) {
  const gg_merge_options *o = m->o;
  m->si = gg_calloc((size_t)o->ndirs, sizeof *m->si);
  if (!m->si) {
    gg_err_set(err, "merge: out of memory");
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_RUNTIME, -1);
  }
  int most = 1;
  for (int d = 0; d < o->ndirs; d++) {
    if (!o->dirs[d]) {
      gg_err_set(err, "dirs[%d]: NULL", d);
      return gga_sweep_api_fail(res, GG_SWEEP_ERR_NOT_SHARD, d);
    }
    int rc = gga_shard_read(o->dirs[d], &m->si[d], err);
    if (rc < 0) return gga_sweep_api_fail(res, GG_SWEEP_ERR_SHARD_FILE, d);
    if (rc == 0) {
      gg_err_set(err, "%s: no shard.json: not a folder written by a sweep shard", o->dirs[d]);
      return gga_sweep_api_fail(res, GG_SWEEP_ERR_NOT_SHARD, d);
    }
    if (m->si[d].count > most) most = m->si[d].count;
  }
  m->owner = gg_malloc((size_t)most * sizeof(int));
  if (!m->owner) {
    gg_err_set(err, "merge: out of memory");
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_RUNTIME, -1);
  }
  return 0;
}

/* A failure to rebuild the sweep of folder ref: `parse` for the options as
   recorded (their syntax, the scenario, sets, metrics), else for the sweep
   they describe. */
static int merge_rebuild_error(const merge_job *m, int ref, int parse, gg_sweep_error cause,
                               gg_error *err, gg_sweep_result *res) {
  gg_error e = *err;
  gg_err_set(err, "%s/shard.json: %s%s", m->o->dirs[ref],
             parse ? "its options do not make a sweep: " : "", e.msg);
  gga_sweep_api_fail(res, GG_SWEEP_ERR_SHARD_OPTIONS, ref);
  res->cause = cause;
  return -1;
}

/* Rebuild the sweep from the reference shard: its scenario.json and the
   options it recorded. 0, or -1. */
static int merge_rebuild(merge_job *m, int ref, gg_sweep_result *res, gg_error *err) {
  const gg_merge_options *o = m->o;
  const shard_info *si = &m->si[ref];
  m->args = gg_malloc(sizeof *m->args);
  if (!m->args) {
    gg_err_set(err, "merge: out of memory");
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_RUNTIME, -1);
  }
  if (gga_sweep_args_parse(m->args, (const char *const *)si->args, si->nargs, err) != 0)
    return merge_rebuild_error(m, ref, 1, GG_SWEEP_ERR_SHARD_OPTIONS, err, res);
  char scenario[4200];
  snprintf(scenario, sizeof scenario, "%s/scenario.json", o->dirs[ref]);
  m->sc = gg_scenario_load(scenario, err);
  if (!m->sc) return merge_rebuild_error(m, ref, 1, GG_SWEEP_ERR_SCENARIO, err, res);
  gg_sweep_options so = m->args->o;
  so.scenario = m->sc;
  so.out = o->out;
  so.threads = 1;
  so.keep_blocks = o->keep_blocks;
  so.command = o->command;
  so.now = o->now;
  so.temp_file = o->temp_file;
  so.callback_ctx = o->callback_ctx;
  so.resume = 1; /* the folder is checked here: an unfinished merge is taken up again */
  gg_sweep_result r;
  m->sw = gg_sweep_create(&so, &r, err);
  if (!m->sw) {
    int parse = r.error == GG_SWEEP_ERR_SETS || r.error == GG_SWEEP_ERR_METRICS;
    return merge_rebuild_error(m, ref, parse, r.error, err, res);
  }
  return 0;
}

/* May the merge write into o->out (held locked)? 0, or -1. */
static int merge_check_out(merge_job *m, gg_sweep_result *res, gg_error *err) {
  const char *out = m->o->out;
  char path[4200];
  snprintf(path, sizeof path, "%s/shard.json", out);
  if (access(path, F_OK) == 0) {
    gg_err_set(err, "%s: holds a shard of a sweep; merge into a new folder", out);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_MERGE_OUT, -1);
  }
  int state = gga_sweep_manifest_state(&m->sw->sw, out);
  if (state == 0) return 0; /* this very merge, stopped before it finished: redo it */
  if (state == 1 || (state == 2 && gga_outdir_is_ours(out))) {
    gg_err_set(err, "%s: already holds results; merge into a new folder", out);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_MERGE_OUT, -1);
  }
  if (gga_outdir_check(out, 0, err) != 0) {
    char text[sizeof err->msg];
    snprintf(text, sizeof text, "%s", err->msg);
    gg_err_set(err, "%s; merge into a new folder", text);
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_OUT_FOREIGN, -1);
  }
  return 0;
}

int gg_merge_run(const gg_merge_options *o, gg_sweep_result *res, gg_error *err) {
  gg_sweep_result local;
  if (!res) res = &local;
  gga_sweep_api_result_init(res);
  if (!o || !o->out) {
    gg_err_set(err, "out: a folder to merge into is required");
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_OUT, -1);
  }
  if (o->ndirs < 1 || !o->dirs) {
    gg_err_set(err, "dirs: at least one shard folder is required");
    return gga_sweep_api_fail(res, GG_SWEEP_ERR_SHARDS, -1);
  }
  merge_job m;
  memset(&m, 0, sizeof m);
  m.o = o;
  int rc = merge_read(&m, res, err);
  int ref = rc == 0 ? gga_shard_reference(m.si, o->ndirs) : 0;
  if (rc == 0) rc = merge_rebuild(&m, ref, res, err);
  if (rc == 0 && gga_shard_check(&m.sw->sw, o->dirs, m.si, o->ndirs, m.owner, err) != 0)
    rc = gga_sweep_api_fail(res, GG_SWEEP_ERR_SHARDS, -1);
  /* The shards are fine: now the output folder, under its lock. */
  gga_lock lock;
  memset(&lock, 0, sizeof lock);
  if (rc == 0 && gga_outdir_make(o->out, err) != 0)
    rc = gga_sweep_api_fail(res, GG_SWEEP_ERR_RUNTIME, -1);
  if (rc == 0) {
    int lr = gga_outdir_lock(&lock, o->out, "merge", o->temp_file, o->callback_ctx, err);
    if (lr != 0)
      rc = gga_sweep_api_fail(
          res, lr == GGA_OUT_BUSY ? GG_SWEEP_ERR_OUT_BUSY : GG_SWEEP_ERR_RUNTIME, -1);
  }
  if (rc == 0) rc = merge_check_out(&m, res, err);
  /* Everything checked: from here on, failures are of the file system, and
     what was written is taken back. */
  char path[4200];
  snprintf(path, sizeof path, "%s/blocks", o->out);
  if (rc == 0 && (gga_sweep_prepare(&m.sw->sw, err) != 0 ||
                  gga_shard_gather(&m.sw->sw, o->dirs, m.owner, m.si[ref].count, path, err) != 0 ||
                  gga_sweep_finish(&m.sw->sw, err) != 0)) {
    rc = gga_sweep_api_fail(res, GG_SWEEP_ERR_RUNTIME, -1);
    gga_outdir_clear(o->out, NULL);
  }
  gga_outdir_unlock(&lock);
  if (m.sw) {
    gga_sweep_api_result(m.sw, res); /* the figures; the error stays */
    res->shard_count = m.si[ref].count;
  }
  merge_free(&m);
  return rc;
}
