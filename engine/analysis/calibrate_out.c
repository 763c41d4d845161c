/* The files a calibration writes: one output set, each file under a
   temporary name, all renamed into place (manifest.json last) once every
   one is complete. */
#include "run_record.h"
#include "calibrate.h"
#include "outfile.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *cal_identified_label(int v) {
  return v > 0 ? "yes" : v == 0 ? "rank" : v == -1 ? "flat" : "bound";
}

static const char *cal_method_name(cal_method m) {
  return m == CAL_LM ? "lm" : "nelder-mead";
}

static void cal_csv_double(FILE *f, double v) {
  char buf[40];
  fputs(gg_fmt_csv(buf, sizeof buf, v), f);
}

static void cal_write_fit(FILE *f, const cal_report *r) {
  fputs("param,value,se,lo,hi,identified\n", f);
  const double *x = r->fit->x + (size_t)r->fit->best * (size_t)r->p;
  for (int j = 0; j < r->p; j++) {
    fprintf(f, "%s,", r->params[j].path);
    cal_csv_double(f, x[j]);
    fputc(',', f);
    cal_csv_double(f, r->stats->se[j]);
    char lo[40], hi[40];
    fprintf(f, ",%s,%s,%s\n", gg_fmt_csv(lo, sizeof lo, r->params[j].lo),
            gg_fmt_csv(hi, sizeof hi, r->params[j].hi),
            cal_identified_label(r->stats->identified[j]));
  }
}

static void cal_write_starts(FILE *f, const cal_report *r) {
  fputs("start,param,initial,fitted,objective,iterations,status,best\n", f);
  static const char *const status[] = {"failed", "converged", "max_iter"};
  for (int s = 0; s < r->fit->starts; s++) {
    for (int j = 0; j < r->p; j++) {
      size_t k = (size_t)s * (size_t)r->p + (size_t)j;
      char x0[40];
      fprintf(f, "%d,%s,%s,", s, r->params[j].path, gg_fmt_csv(x0, sizeof x0, r->fit->x0[k]));
      cal_csv_double(f, r->fit->x[k]);
      fputc(',', f);
      cal_csv_double(f, r->fit->objective[s]);
      int st = r->fit->status[s];
      fprintf(f, ",%d,%s,%d\n", r->fit->iterations[s], status[st < 0 ? 0 : st + 1],
              s == r->fit->best);
    }
  }
}

static void cal_write_residuals(FILE *f, const cal_report *r) {
  fputs("line,tick,date,state,component,observed,simulated,weight,residual,set,persistence\n", f);
  for (int i = 0; i < r->targets->n; i++) {
    const cal_target *t = &r->targets->t[i];
    char date[32];
    gg_scenario_date(r->scenario, t->tick, date, sizeof date);
    char x[40];
    fprintf(f, "%d,%d,%s,%s,%s,%s,", t->line, t->tick, date, gg_state_id(r->scenario, t->state),
            t->component, gg_fmt_csv(x, sizeof x, t->value));
    cal_csv_double(f, r->simulated[i]);
    fprintf(f, ",%s,", gg_fmt_csv(x, sizeof x, t->weight));
    cal_csv_double(f, r->simulated[i] - t->value);
    fprintf(f, ",%s,", t->holdout ? "holdout" : "fit");
    cal_csv_double(f, r->persistence ? r->persistence[i] : NAN);
    fputc('\n', f);
  }
}

static void cal_write_profile(FILE *f, const cal_report *r) {
  fputs("param,value,objective\n", f);
  for (int j = 0; j < r->p; j++) {
    for (int i = 0; i < CAL_PROFILE_POINTS; i++) {
      size_t k = (size_t)j * CAL_PROFILE_POINTS + (size_t)i;
      char x[40];
      fprintf(f, "%s,%s,", r->params[j].path, gg_fmt_csv(x, sizeof x, r->stats->profile_x[k]));
      cal_csv_double(f, r->stats->profile_obj[k]);
      fputc('\n', f);
    }
  }
}

/* cJSON builders that remember a failed allocation in *ok, so that a
   document is never written with members missing. */
static void cal_jnum(cJSON *o, const char *key, double v, int *ok) {
  if (!o || !cJSON_AddNumberToObject(o, key, v)) *ok = 0;
}

static void cal_jstr(cJSON *o, const char *key, const char *v, int *ok) {
  if (!o || !cJSON_AddStringToObject(o, key, v)) *ok = 0;
}

static void cal_jitem(cJSON *arr, cJSON *item, int *ok) {
  if (!arr || !item || !cJSON_AddItemToArray(arr, item)) {
    cJSON_Delete(item);
    *ok = 0;
  }
}

static cJSON *cal_jdone(cJSON *root, int ok) {
  if (ok) return root;
  cJSON_Delete(root);
  return NULL;
}

static void cal_summary_holdout(cJSON *root, const cal_report *r, int *ok) {
  cJSON *h = cJSON_AddObjectToObject(root, "holdout");
  if (!h) *ok = 0;
  char date[32];
  gg_scenario_date(r->scenario, r->holdout_from, date, sizeof date);
  cal_jstr(h, "from", date, ok);
  cal_jnum(h, "from_tick", r->holdout_from, ok);
  cal_jnum(h, "targets", r->holdout->n_heldout, ok);
  cal_jnum(h, "scored", r->holdout->n_scored, ok);
  cal_jnum(h, "sse_model", r->holdout->sse_model, ok);
  cal_jnum(h, "sse_persistence", r->holdout->sse_persistence, ok);
  cal_jnum(h, "rmse_model", r->holdout->rmse_model, ok);
  cal_jnum(h, "rmse_persistence", r->holdout->rmse_persistence, ok);
  cal_jnum(h, "skill", r->holdout->skill, ok);
}

static cJSON *cal_summary_json(const cal_report *r) {
  cJSON *root = cJSON_CreateObject();
  if (!root) return NULL;
  int ok = 1;
  const double *x = r->fit->x + (size_t)r->fit->best * (size_t)r->p;
  cal_jstr(root, "scenario", gg_scenario_name(r->scenario), &ok);
  cal_jstr(root, "method", cal_method_name(r->options->method), &ok);
  cal_jnum(root, "starts", r->fit->starts, &ok);
  cal_jnum(root, "best_start", r->fit->best, &ok);
  cal_jnum(root, "targets_fitted", r->stats->n, &ok);
  cal_jnum(root, "objective", r->stats->ssr, &ok);
  cal_jnum(root, "sigma2", r->stats->sigma2, &ok);
  cal_jnum(root, "jacobian_rank", r->stats->rank, &ok);
  if (!cJSON_AddBoolToObject(root, "noisy", r->noisy)) ok = 0;
  cJSON *sv = cJSON_AddArrayToObject(root, "singular_values");
  if (!sv) ok = 0;
  for (int j = 0; ok && j < r->p; j++)
    cal_jitem(sv, cJSON_CreateNumber(r->stats->sv[j]), &ok);
  cJSON *ps = cJSON_AddArrayToObject(root, "params");
  if (!ps) ok = 0;
  for (int j = 0; ok && j < r->p; j++) {
    cJSON *o = cJSON_CreateObject();
    cal_jstr(o, "path", r->params[j].path, &ok);
    cal_jnum(o, "value", x[j], &ok);
    cal_jnum(o, "se", r->stats->se[j], &ok);
    cal_jnum(o, "lo", r->params[j].lo, &ok);
    cal_jnum(o, "hi", r->params[j].hi, &ok);
    cal_jstr(o, "identified", cal_identified_label(r->stats->identified[j]), &ok);
    cal_jitem(ps, o, &ok);
  }
  if (ok && r->holdout) cal_summary_holdout(root, r, &ok);
  return cal_jdone(root, ok);
}

static cJSON *cal_manifest_json(const cal_report *r) {
  cJSON *root = cJSON_CreateObject();
  if (!root) return NULL;
  int ok = 1;
  const char *line = r->command_line ? r->command_line : "";
  uint64_t base_seed = gg_scenario_seed(r->scenario);
  /* the report does not carry the scenario's file name: "" records null */
  if (gga_manifest_head(root, "calibrate", "calibrate", "complete", -1, &line, r->scenario, "",
                        &base_seed) != 0)
    ok = 0;
  cal_jstr(root, "scenario", gg_scenario_name(r->scenario), &ok);
  char seed[32];
  snprintf(seed, sizeof seed, "%llu", (unsigned long long)r->options->seed);
  cal_jstr(root, "design_seed", seed, &ok);
  cJSON *varied = NULL;
  for (int j = 0; ok && j < r->p; j++)
    if (!(varied = gga_manifest_varied(varied, "--param", r->params[j].path, r->params[j].lo,
                                       r->params[j].hi, 0, NULL, 0)))
      ok = 0;
  static const char *const files[] = {"fit.csv",     "starts.csv",       "residuals.csv",
                                      "profile.csv", "calibration.json", "scenario.json"};
  if (ok && gga_manifest_tail(root, r->scenario, varied, files, 6) != 0) ok = 0;
  return cal_jdone(root, ok);
}

typedef void (*cal_writer)(FILE *f, const cal_report *r);

static int cal_write_file(gga_outset *set, const char *name, cal_writer fn, const char *text,
                          const cal_report *r, gg_error *err) {
  FILE *f = gga_outset_open(set, name, err);
  if (!f) return -1;
  if (fn)
    fn(f, r);
  else
    fputs(text, f);
  return 0; /* a failed write shows when the set is committed */
}

int gga_cal_report_write(const cal_report *r, const char *dir, gg_error *err) {
  /* the documents first, so that running out of memory writes nothing */
  char *summary = gga_json_text(cal_summary_json(r));
  char *manifest = summary ? gga_json_text(cal_manifest_json(r)) : NULL;
  int rc = -1;
  gga_outset set;
  gga_outset_begin(&set, dir, r->temp_file, r->temp_ctx);
  set.clear_others = r->clear_others; /* an earlier command's files do not stay beside these */
  if (!summary || !manifest)
    gg_err_set(err, "%s/%s: out of memory", dir, summary ? "manifest.json" : "calibration.json");
  else if (cal_write_file(&set, "fit.csv", cal_write_fit, NULL, r, err) == 0 &&
           cal_write_file(&set, "starts.csv", cal_write_starts, NULL, r, err) == 0 &&
           cal_write_file(&set, "residuals.csv", cal_write_residuals, NULL, r, err) == 0 &&
           cal_write_file(&set, "profile.csv", cal_write_profile, NULL, r, err) == 0 &&
           cal_write_file(&set, "scenario.json", NULL, r->calibrated_json, r, err) == 0 &&
           cal_write_file(&set, "calibration.json", NULL, summary, r, err) == 0 &&
           cal_write_file(&set, "manifest.json", NULL, manifest, r, err) == 0)
    rc = gga_outset_commit(&set, err);
  if (rc != 0) gga_outset_abort(&set);
  gg_free(summary);
  gg_free(manifest);
  return rc;
}
