/* gg_run_study: replicated runs of one scenario, as `greatgame run`: the
   replicate loop and its seeds, the trajectories (alignment, stocks,
   utility), summary.json and manifest.json. */
#include "gg_util.h"
#include "outfile.h"
#include "run_record.h"
#include "trace.h"

#include <errno.h>
#include <string.h>

gg_run_options gg_run_defaults(void) {
  gg_run_options o;
  memset(&o, 0, sizeof o);
  o.replicates = 1;
  o.alignment_stream_name = "stream";
  return o;
}

/* Everything one study holds while it runs. */
typedef struct rs_state {
  const gg_run_options *opt;
  gg_outfile files[3];
  int registered[3];
  gg_trace *trace; /* NULL: no trajectories */
  gg_run_stats *stats;
  int interrupted;
} rs_state;

static int rs_tick(void *ctx, const gg_sim *sim) {
  rs_state *rs = ctx;
  const gg_run_options *o = rs->opt;
  if (o->interrupt && o->interrupt(o->context)) {
    rs->interrupted = 1;
    return 2;
  }
  gg_run_stats_tick(rs->stats, sim);
  return rs->trace ? gg_trace_tick(rs->trace, sim) : 0;
}

static int rs_check(const gg_run_options *o, gg_error *err) {
  int dests = (o->out_dir != NULL) + (o->alignment_path != NULL) + (o->alignment_stream != NULL);
  if (!o->scenario) {
    gg_err_set(err, "run: no scenario");
    return -1;
  }
  if (o->replicates < 1 || o->replicates > 1000000) {
    gg_err_set(err, "run: replicates must be a whole number from 1 to 1000000, got %d",
               o->replicates);
    return -1;
  }
  if (dests > 1) {
    gg_err_set(err, "run: give one destination (a folder, an alignment file or a stream)");
    return -1;
  }
  if (o->argc < 0 || (o->argc > 0 && !o->argv)) {
    gg_err_set(err, "run: argc is %d but argv is missing", o->argc);
    return -1;
  }
  return 0;
}

static void rs_temp(rs_state *rs, int k, int exists) {
  const gg_run_options *o = rs->opt;
  if (!o->temp_file || !rs->files[k].tmp[0] || rs->registered[k] == exists) return;
  o->temp_file(o->context, rs->files[k].tmp, exists);
  rs->registered[k] = exists;
}

/* Open the trajectory files. GG_STUDY_OK or a failure with err filled. */
static int rs_open(rs_state *rs, gg_error *err) {
  const gg_run_options *o = rs->opt;
  if (!o->out_dir && !o->alignment_path && !o->alignment_stream) return GG_STUDY_OK;
  rs->trace = gg_calloc(1, sizeof *rs->trace);
  if (!rs->trace) {
    gg_err_set(err, "run: out of memory");
    return GG_STUDY_OUT_OF_MEMORY;
  }
  gg_trace *tr = rs->trace;
  if (o->out_dir) {
    if (gg_outdir_prepare(o->out_dir, o->force, err) != 0) return GG_STUDY_OUTPUT_DIR;
    tr->align = gg_outfile_open(&rs->files[0], o->out_dir, "alignment.csv", err);
    tr->stocks = tr->align ? gg_outfile_open(&rs->files[1], o->out_dir, "stocks.csv", err) : NULL;
    tr->utility =
        tr->stocks ? gg_outfile_open(&rs->files[2], o->out_dir, "utility.csv", err) : NULL;
    if (!tr->utility) return GG_STUDY_OUTPUT_FILE;
  } else if (o->alignment_stream) {
    tr->align = o->alignment_stream;
  } else {
    tr->align = gg_outfile_open(&rs->files[0], NULL, o->alignment_path, err);
    if (!tr->align) return GG_STUDY_OUTPUT_FILE;
  }
  for (int k = 0; k < 3; k++)
    if (rs->files[k].f) rs_temp(rs, k, 1);
  return GG_STUDY_OK;
}

/* The replicate loop. GG_STUDY_OK or a failure with err filled. */
static int rs_loop(rs_state *rs, uint64_t base_seed, gg_error *err) {
  const gg_run_options *o = rs->opt;
  gg_sim *sim = gg_sim_create(o->scenario, 0);
  if (!sim) {
    gg_err_set(err, "run: out of memory");
    return GG_STUDY_OUT_OF_MEMORY;
  }
  if (rs->trace) gg_trace_headers(rs->trace);
  gg_sink sink = {rs_tick, rs};
  int status = GG_STUDY_OK;
  for (int r = 0; r < o->replicates && status == GG_STUDY_OK; r++) {
    gg_sim_reset(sim, gg_seed_derive(base_seed, 0, (uint64_t)r));
    if (rs->trace) rs->trace->run = r;
    if (gg_sim_run(sim, &sink) != 0) {
      int saved = errno;
      if (rs->interrupted || (o->interrupt && o->interrupt(o->context))) {
        gg_err_set(err, "run: interrupted");
        status = GG_STUDY_INTERRUPTED;
      } else {
        const char *dest = o->out_dir          ? o->out_dir
                           : o->alignment_path ? o->alignment_path
                                               : o->alignment_stream_name;
        gg_err_set(err, "%s: write failed: %s", dest ? dest : "stream", strerror(saved));
        status = GG_STUDY_WRITE_FAILED;
      }
    }
    if (o->progress) o->progress(o->context, (uint64_t)r + 1, (uint64_t)o->replicates);
  }
  gg_sim_free(sim);
  return status;
}

/* Complete the files: rename the trajectories, write summary and manifest. */
static int rs_finish(rs_state *rs, uint64_t base_seed, const char *started, gg_error *err) {
  const gg_run_options *o = rs->opt;
  for (int k = 0; k < 3; k++) {
    if (!rs->files[k].f) continue;
    int rc = gg_outfile_commit(&rs->files[k], err);
    rs_temp(rs, k, 0);
    if (rc != 0) return GG_STUDY_OUTPUT_FILE;
  }
  if (!o->out_dir) return GG_STUDY_OK;
  char finished[32];
  gga_timestamp(finished, sizeof finished);
  gga_manifest m = {o->scenario_path, base_seed, o->replicates, o->argc,
                    o->argv,          started,   finished};
  if (gg_run_stats_write_summary(rs->stats, o->out_dir, err) != 0 ||
      gga_write_manifest(o->scenario, &m, o->out_dir, err) != 0)
    return GG_STUDY_OUTPUT_FILE;
  return GG_STUDY_OK;
}

int gg_run_study(const gg_run_options *opt, gg_run_stats **out_stats, gg_error *err) {
  if (out_stats) *out_stats = NULL;
  if (!opt || rs_check(opt, err) != 0) {
    if (!opt) gg_err_set(err, "run: no options");
    return GG_STUDY_BAD_OPTIONS;
  }
  char started[32];
  if (opt->started)
    snprintf(started, sizeof started, "%s", opt->started);
  else
    gga_timestamp(started, sizeof started);
  uint64_t base_seed = opt->has_seed ? opt->seed : gg_scenario_seed(opt->scenario);
  rs_state rs;
  memset(&rs, 0, sizeof rs);
  rs.opt = opt;
  int status = rs_open(&rs, err);
  if (status == GG_STUDY_OK) {
    rs.stats = gg_run_stats_create(opt->scenario, opt->replicates);
    if (!rs.stats) {
      gg_err_set(err, "run: out of memory");
      status = GG_STUDY_OUT_OF_MEMORY;
    }
  }
  if (status == GG_STUDY_OK) status = rs_loop(&rs, base_seed, err);
  if (status == GG_STUDY_OK && ((rs.trace && rs.trace->nonfinite) || rs.stats->nonfinite)) {
    gg_err_set(err, "run: a value was not finite; nothing written (please report this scenario)");
    status = GG_STUDY_NONFINITE;
  }
  if (status == GG_STUDY_OK) status = rs_finish(&rs, base_seed, started, err);
  for (int k = 0; k < 3; k++) {
    gg_outfile_abort(&rs.files[k]);
    rs_temp(&rs, k, 0);
  }
  gg_free(rs.trace);
  if (status == GG_STUDY_OK && out_stats)
    *out_stats = rs.stats;
  else
    gg_run_stats_free(rs.stats);
  return status;
}
