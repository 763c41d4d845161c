/* gg_run_study: replicated runs of one scenario, as `greatgame run`: the
   replicate loop and its seeds, the trajectories (alignment, stocks,
   utility, and ties for GG-2 scenarios), summary.json and manifest.json. */
#include "gg_util.h"
#include "outfile.h"
#include "run_record.h"
#include "trace.h"

#include <errno.h>
#include <greatgame/limits.h>
#include <string.h>

gg_run_options gg_run_defaults(void) {
  gg_run_options o;
  memset(&o, 0, sizeof o);
  o.replicates = 1;
  o.alignment_stream_name = "stream";
  return o;
}

/* ---- the size of the output -------------------------------------------- */

/* Saturating arithmetic: a bound that overflows is UINT64_MAX. */
static uint64_t os_add(uint64_t a, uint64_t b) {
  return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

static uint64_t os_mul(uint64_t a, uint64_t b) {
  return a && b > UINT64_MAX / a ? UINT64_MAX : a * b;
}

static uint64_t os_digits(uint64_t v) {
  uint64_t n = 1;
  for (; v >= 10; v /= 10)
    n++;
  return n;
}

/* The longest text of a number: %.17g of a finite double
   ("-1.2345678901234567e-308") and an unsigned 64-bit seed. */
#define OS_NUM 24
#define OS_SEED 20
/* A number in a JSON document, beyond its key: indentation (up to 8 tabs),
   quotes, colon, the number (cJSON's %.17g), comma and newline. */
#define OS_JSON_NUM 64
/* An object's or array's own lines, beyond its key. */
#define OS_JSON_OBJ 32

/* Ids of one kind: how many and the sum and largest of their lengths. */
typedef struct os_ids {
  uint64_t n, sum, max;
} os_ids;

static os_ids os_count(const gg_scenario *sc, int n, const char *(*id)(const gg_scenario *, int)) {
  os_ids r = {(uint64_t)n, 0, 0};
  for (int i = 0; i < n; i++) {
    uint64_t len = strlen(id(sc, i));
    r.sum += len;
    if (len > r.max) r.max = len;
  }
  return r;
}

/* Bytes of manifest.json's "parameters": every parameter pattern expanded
   over the ids of each <kind> it names, as run_record.c does. */
static uint64_t os_parameters(const gg_scenario *sc, const os_ids *st, const os_ids *pw,
                              const os_ids *ch, const os_ids *bl) {
  uint64_t total = 0;
  /* GG-1's rows, then GG-2's for a GG-2 scenario (run_record.c) */
  int n1 = gg_param_count(), n2 = gg_scenario_model(sc) == 2 ? gg_gg2_param_count() : 0;
  for (int i = 0; i < n1 + n2; i++) {
    const char *p = i < n1 ? gg_param_at(i)->path : gg_gg2_param_at(i - n1)->path;
    uint64_t count = 1, len = strlen(p);
    for (const char *lt = strchr(p, '<'); lt; lt = strchr(lt + 1, '<')) {
      const os_ids *k = strncmp(lt, "<state>", 7) == 0     ? st
                        : strncmp(lt, "<power>", 7) == 0   ? pw
                        : strncmp(lt, "<channel>", 9) == 0 ? ch
                                                           : bl;
      count = os_mul(count, k->n);
      len += k->max; /* the placeholder's own length stays: an upper bound */
    }
    total = os_add(total, os_mul(count, OS_JSON_NUM + len));
  }
  return total;
}

/* summary.json and manifest.json of a folder. */
static uint64_t os_json(const gg_scenario *sc, const gg_run_options *o, uint64_t runs,
                        uint64_t date_max, const os_ids *st, const os_ids *cp, const os_ids *pw,
                        const os_ids *ch, const os_ids *bl) {
  uint64_t S = st->n, K = cp->n,
           L = runs < GG_RUN_STATS_MAX_LISTED ? runs : GG_RUN_STATS_MAX_LISTED;
  uint64_t name = 6 * (uint64_t)strlen(gg_scenario_name(sc)); /* \u00XX escapes at worst */
  uint64_t num_s = OS_JSON_NUM + st->max, num_k = OS_JSON_NUM + cp->max;
  uint64_t obj_s = OS_JSON_OBJ + st->max, obj_k = OS_JSON_OBJ + cp->max;
  /* summary.json: per listed run its seed, final shares, dominant
     components, flips and region shares; then the statistics across runs. */
  uint64_t per_run = 5 * OS_JSON_OBJ + 2 * OS_JSON_NUM;
  per_run = os_add(per_run, os_mul(S, obj_s + K * num_k));   /* final */
  per_run = os_add(per_run, os_mul(S, num_s + cp->max + 2)); /* dominant */
  per_run = os_add(per_run, os_mul(S, num_s));               /* flips */
  per_run = os_add(per_run, K * num_k);                      /* region */
  uint64_t stats = OS_JSON_OBJ + 4 * (OS_JSON_NUM + 4);      /* mean, sd, min, max */
  uint64_t across = 5 * OS_JSON_OBJ;
  across = os_add(across, os_mul(S, obj_s + K * (obj_k + stats)));   /* final */
  across = os_add(across, os_mul(S, obj_s + K * num_k));             /* dominant_share */
  across = os_add(across, os_mul(S, obj_s + 2 * (OS_JSON_NUM + 4))); /* flips */
  across = os_add(across, K * (obj_k + stats));                      /* region */
  uint64_t summary = os_add(os_add(512 + name + date_max, os_mul(L, per_run)), across);
  /* manifest.json: fixed fields, the run seeds, the command line, the
     files and every resolved parameter. */
  uint64_t manifest = 1024 + name + 64;
  if (o->scenario_path) manifest += 6 * (uint64_t)strlen(o->scenario_path);
  manifest = os_add(manifest, os_mul(L, OS_JSON_NUM));
  for (int i = 0; i < o->argc && o->argv; i++)
    manifest = os_add(manifest, 16 + 6 * (uint64_t)strlen(o->argv[i] ? o->argv[i] : ""));
  if (o->started) manifest += 6 * (uint64_t)strlen(o->started);
  manifest = os_add(manifest, os_parameters(sc, st, pw, ch, bl));
  return os_add(summary, manifest);
}

uint64_t gg_run_output_estimate(const gg_scenario *sc, const gg_run_options *opt) {
  if (!opt) return 0;
  if (!sc) sc = opt->scenario;
  if (!sc || (!opt->out_dir && !opt->alignment_path && !opt->alignment_stream)) return 0;
  uint64_t R = opt->replicates < 1 ? 1 : (uint64_t)opt->replicates;
  uint64_t T = (uint64_t)gg_scenario_ticks(sc);
  os_ids st = os_count(sc, gg_scenario_states(sc), gg_state_id);
  os_ids cp = os_count(sc, gg_scenario_powers(sc) + 1, gg_component_id);
  os_ids pw = os_count(sc, gg_scenario_powers(sc), gg_power_id);
  os_ids ch = os_count(sc, gg_scenario_channels(sc), gg_channel_id);
  os_ids bl = os_count(sc, gg_scenario_blocs(sc), gg_bloc_id);
  uint64_t S = st.n, P = pw.n, C = ch.n;
  /* the trajectories leave the blocs' terms out above 1024 blocs (trace.c) */
  uint64_t B = bl.n <= 1024 ? bl.n : 0, bsum = bl.n <= 1024 ? bl.sum : 0;
  /* The longest date is at one end: years only grow away from 0. */
  char date[32];
  gg_scenario_date(sc, 0, date, sizeof date);
  uint64_t date_max = strlen(date);
  gg_scenario_date(sc, (int)T, date, sizeof date);
  if (strlen(date) > date_max) date_max = strlen(date);
  /* Every row starts "run,seed,tick,date,state,": five commas and the
     longest run number, seed, tick and date, then the state's id. */
  uint64_t base = 5 + os_digits(R - 1) + OS_SEED + os_digits(T) + date_max;
  /* alignment.csv, per tick: "PREFIX,component,share" for every state and component */
  uint64_t align = os_add(os_mul(cp.n, S * (base + OS_NUM + 2) + st.sum), S * cp.sum);
  uint64_t bytes = 64; /* the header */
  bytes = os_add(bytes, os_mul(os_mul(align, T + 1), R));
  if (opt->out_dir) {
    /* stocks.csv, per tick: "PREFIX,power,channel,stock,effort" */
    uint64_t stocks = os_mul(P * C, S * (base + 2 * OS_NUM + 4) + st.sum);
    stocks = os_add(stocks, S * (C * pw.sum + P * ch.sum));
    /* utility.csv, per tick from 1: "PREFIX,component,term,value"; autonomy
       has 4 terms (autonomy, neighbour, noise, utility), a power C + B + 5
       (affinity, channel.ID, bloc.ID, backlash, neighbour, noise, utility) */
    uint64_t prow = C + B + 5, arow = 4;
    uint64_t terms = 29 + P * (37 + 8 * C + ch.sum + 5 * B + bsum); /* the terms' text */
    int gg2 = gg_scenario_model(sc) == 2;
    if (gg2) {
      /* GG-2: autonomy has 5 terms (autonomy, hedging, neighbour, noise,
         utility), a power 10 (affinity, ties, dependence, regime,
         conditionality, bloc, backlash, neighbour, noise, utility) */
      prow = 10, arow = 5;
      terms = 36 + P * 75;
    }
    uint64_t rows = arow + P * prow;
    uint64_t comps = arow * strlen(gg_component_id(sc, 0)) + prow * pw.sum;
    uint64_t utility = os_mul(rows, S * (base + OS_NUM + 3) + st.sum);
    utility = os_add(utility, os_mul(S, terms + comps));
    bytes = os_add(bytes, 128); /* their headers */
    bytes = os_add(bytes, os_mul(os_mul(stocks, T + 1), R));
    bytes = os_add(bytes, os_mul(os_mul(utility, T), R));
    if (gg2) {
      /* ties.csv (GG-2), per tick from 1: "PREFIX,power,ties,dependence,
         hedging_capacity" for every state and power, and its header */
      uint64_t ties = os_mul(P, S * (base + 3 * OS_NUM + 4) + st.sum);
      ties = os_add(ties, S * pw.sum);
      bytes = os_add(bytes, 64 + os_mul(os_mul(ties, T), R));
    }
    /* indicators.csv, per tick: "PREFIX,indicator,partner,value" for every
       state and each entry's partners (or one row without) */
    uint64_t ind = 0;
    for (int i = 0; i < gg_scenario_measures(sc); i++) {
      const gg_measure *m = gg_scenario_measure(sc, i);
      uint64_t name = strlen(m->indicator), rows = m->npartners ? (uint64_t)m->npartners : 1;
      uint64_t partners = 0;
      for (int j = 0; j < m->npartners; j++)
        partners += strlen(gg_power_id(sc, m->partners[j]));
      ind = os_add(ind, os_mul(rows, S * (base + name + OS_NUM + 3) + st.sum));
      ind = os_add(ind, S * partners);
    }
    bytes = os_add(bytes, 64 + os_mul(os_mul(ind, T + 1), R));
    bytes = os_add(bytes, os_json(sc, opt, R, date_max, &st, &cp, &pw, &ch, &bl));
  }
  return bytes;
}

/* Everything one study holds while it runs. */
typedef struct rs_state {
  const gg_run_options *opt;
  gg_outfile file; /* alignment_path: the one file */
  int registered;  /* file's temporary name is registered (temp_file) */
  gga_lock lock;   /* out_dir: the folder's lock */
  gga_outset set;  /* out_dir: every file of the folder, one set */
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
  if (o->exact_seed && (!o->has_seed || o->replicates != 1)) {
    gg_err_set(err, "run: exact_seed needs a seed and one replicate");
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

/* Tell temp_file about the alignment_path file's temporary name. (The
   files of a folder are the output set's, which tells it itself.) */
static void rs_temp(rs_state *rs, int exists) {
  const gg_run_options *o = rs->opt;
  if (!o->temp_file || !rs->file.tmp[0] || rs->registered == exists) return;
  o->temp_file(o->context, rs->file.tmp, exists);
  rs->registered = exists;
}

/* Create and lock the output folder, check what it holds, and begin its
   output set. GG_STUDY_OK or a failure with err filled. */
static int rs_folder(rs_state *rs, gg_error *err) {
  const gg_run_options *o = rs->opt;
  const char *dir = o->out_dir;
  if (gga_outdir_make(dir, err) != 0) return GG_STUDY_OUTPUT_DIR;
  int rc = gga_outdir_lock(&rs->lock, dir, "run", o->temp_file, o->context, err);
  if (rc != 0) return rc == GGA_OUT_BUSY ? GG_STUDY_OUTPUT_BUSY : GG_STUDY_OUTPUT_DIR;
  int had_results = gga_outdir_state_of(dir, NULL, 0) == GGA_OUTDIR_RESULTS;
  rc = gga_outdir_check(dir, o->force, err);
  if (rc == GGA_OUT_HOLDS_RESULTS) return GG_STUDY_OUTPUT_EXISTS;
  if (rc == GGA_OUT_FOREIGN) return GG_STUDY_OUTPUT_FOREIGN;
  if (rc != 0) return GG_STUDY_OUTPUT_DIR;
  gga_outset_begin(&rs->set, dir, o->temp_file, o->context);
  /* with force over earlier results: their other files go at the commit */
  rs->set.clear_others = had_results;
  return GG_STUDY_OK;
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
    int status = rs_folder(rs, err);
    if (status != GG_STUDY_OK) return status;
    tr->align = gga_outset_open(&rs->set, "alignment.csv", err);
    tr->stocks = tr->align ? gga_outset_open(&rs->set, "stocks.csv", err) : NULL;
    tr->utility = tr->stocks ? gga_outset_open(&rs->set, "utility.csv", err) : NULL;
    if (!tr->utility) return GG_STUDY_OUTPUT_FILE;
    if (gg_scenario_measures(o->scenario) > 0) {
      tr->indicators = gga_outset_open(&rs->set, "indicators.csv", err);
      if (!tr->indicators) return GG_STUDY_OUTPUT_FILE;
    }
    if (gg_scenario_model(o->scenario) == 2) {
      tr->ties = gga_outset_open(&rs->set, "ties.csv", err);
      if (!tr->ties) return GG_STUDY_OUTPUT_FILE;
    }
  } else if (o->alignment_stream) {
    tr->align = o->alignment_stream;
  } else {
    tr->align = gg_outfile_open(&rs->file, NULL, o->alignment_path, err);
    if (!tr->align) return GG_STUDY_OUTPUT_FILE;
    rs_temp(rs, 1);
  }
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
    gg_sim_reset(sim, o->exact_seed ? base_seed : gg_seed_derive(base_seed, 0, (uint64_t)r));
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

/* Complete the files: the alignment_path file is renamed into place; a
   folder's summary.json and manifest.json join the trajectories in its
   output set, which is then put in place whole (manifest.json last). */
static int rs_finish(rs_state *rs, uint64_t base_seed, const char *started, gg_error *err) {
  const gg_run_options *o = rs->opt;
  if (rs->file.f) {
    int rc = gg_outfile_commit(&rs->file, err);
    rs_temp(rs, 0);
    if (rc != 0) return GG_STUDY_OUTPUT_FILE;
  }
  if (!o->out_dir) return GG_STUDY_OK;
  char finished[32];
  gga_timestamp(finished, sizeof finished);
  gga_manifest m = {o->scenario_path, base_seed, o->replicates, o->exact_seed,
                    o->argc,          o->argv,   started,       finished};
  if (gga_run_stats_write_summary_set(rs->stats, &rs->set, err) != 0 ||
      gga_write_manifest(o->scenario, &m, &rs->set, err) != 0 ||
      gga_outset_commit(&rs->set, err) != 0)
    return GG_STUDY_OUTPUT_FILE;
  return GG_STUDY_OK;
}

int gg_run_study(const gg_run_options *opt, gg_run_stats **out_stats, gg_error *err) {
  if (out_stats) *out_stats = NULL;
  if (!opt || rs_check(opt, err) != 0) {
    if (!opt) gg_err_set(err, "run: no options");
    return GG_STUDY_BAD_OPTIONS;
  }
  if (opt->max_output_bytes > 0) {
    uint64_t need = gg_run_output_estimate(opt->scenario, opt);
    if (need > opt->max_output_bytes) {
      char n[32], l[32];
      gg_limits_format_size(need > SIZE_MAX ? SIZE_MAX : (size_t)need, n, sizeof n);
      gg_limits_format_size(
          opt->max_output_bytes > SIZE_MAX ? SIZE_MAX : (size_t)opt->max_output_bytes, l, sizeof l);
      const char *dest = opt->out_dir          ? opt->out_dir
                         : opt->alignment_path ? opt->alignment_path
                                               : opt->alignment_stream_name;
      gg_err_set(err,
                 "%s: %d replicate%s of %d ticks would write up to %s into %s, over the output "
                 "limit of %s",
                 gg_limits_scenario_file(opt->scenario), opt->replicates,
                 opt->replicates == 1 ? "" : "s", gg_scenario_ticks(opt->scenario), n,
                 dest ? dest : "stream", l);
      return GG_STUDY_OUTPUT_LIMIT;
    }
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
  /* on every path: nothing left under a temporary name, the lock released
     (both do nothing after a commit, or when never taken) */
  gg_outfile_abort(&rs.file);
  rs_temp(&rs, 0);
  gga_outset_abort(&rs.set);
  gga_outdir_unlock(&rs.lock);
  gg_free(rs.trace);
  if (status == GG_STUDY_OK && out_stats)
    *out_stats = rs.stats;
  else
    gg_run_stats_free(rs.stats);
  return status;
}
