/* gg_merge_run: join the shard folders of a sweep split between jobs into
   the files that one process would have written. The sweep is rebuilt from
   the reference shard's scenario.json and recorded options, every folder
   is checked against it, and only then is anything written. */
#include "gg_util.h"
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

/* Replace the first `from` in msg by `to` (when it fits). */
static void merge_replace(char *msg, size_t size, const char *from, const char *to) {
  char *at = strstr(msg, from);
  if (!at) return;
  size_t fl = strlen(from), tl = strlen(to), rest = strlen(at + fl);
  if ((size_t)(at - msg) + tl + rest + 1 > size) return;
  memmove(at + tl, at + fl, rest + 1);
  memcpy(at, to, tl);
}

/* The checks of shard.c name the program's options in their hints; ours
   name the fields of the options. */
static int merge_shards_error(gg_error *err, gg_sweep_result *res) {
  merge_replace(err->msg, sizeof err->msg, "scenario, --set, --param, design",
                "scenario, sets, params, design");
  merge_replace(err->msg, sizeof err->msg, "(run its sweep again with --resume)",
                "(run its sweep again with resume)");
  return gga_sweep_api_fail(res, GG_SWEEP_ERR_SHARDS, -1);
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
  so.callback_ctx = o->callback_ctx;
  gg_sweep_result r;
  m->sw = gg_sweep_create(&so, &r, err);
  if (!m->sw) {
    int parse = r.error == GG_SWEEP_ERR_SETS || r.error == GG_SWEEP_ERR_METRICS;
    return merge_rebuild_error(m, ref, parse, r.error, err, res);
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
    rc = merge_shards_error(err, res);
  char path[4200];
  snprintf(path, sizeof path, "%s/manifest.json", o->out);
  if (rc == 0 && access(path, F_OK) == 0) {
    gg_err_set(err, "%s: already holds results; merge into a new folder", o->out);
    rc = gga_sweep_api_fail(res, GG_SWEEP_ERR_MERGE_OUT, -1);
  }
  /* Everything checked: from here on, failures are of the file system. */
  snprintf(path, sizeof path, "%s/blocks", o->out);
  if (rc == 0 && (gga_sweep_prepare(&m.sw->sw, err) != 0 ||
                  gga_shard_gather(&m.sw->sw, o->dirs, m.owner, m.si[ref].count, path, err) != 0 ||
                  gga_sweep_finish(&m.sw->sw, err) != 0))
    rc = gga_sweep_api_fail(res, GG_SWEEP_ERR_RUNTIME, -1);
  if (m.sw) {
    gga_sweep_api_result(m.sw, res); /* the figures; the error stays */
    res->shard_count = m.si[ref].count;
  }
  merge_free(&m);
  return rc;
}
