/* The files a calibration writes, each under a temporary name renamed when
   complete. */
#include "calibrate.h"
#include "outfile.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *cal_identified_label(int v) {
  return v > 0 ? "yes" : v == 0 ? "rank" : "flat";
}

static const char *cal_method_name(cal_method m) {
  return m == CAL_LM ? "lm" : "nelder-mead";
}

static void cal_csv_double(FILE *f, double v) {
  if (isfinite(v))
    fprintf(f, "%.17g", v);
  else
    fputs("NA", f);
}

static void cal_write_fit(FILE *f, const cal_report *r) {
  fputs("param,value,se,lo,hi,identified\n", f);
  const double *x = r->fit->x + (size_t)r->fit->best * (size_t)r->p;
  for (int j = 0; j < r->p; j++) {
    fprintf(f, "%s,", r->params[j].path);
    cal_csv_double(f, x[j]);
    fputc(',', f);
    cal_csv_double(f, r->stats->se[j]);
    fprintf(f, ",%.17g,%.17g,%s\n", r->params[j].lo, r->params[j].hi,
            cal_identified_label(r->stats->identified[j]));
  }
}

static void cal_write_starts(FILE *f, const cal_report *r) {
  fputs("start,param,initial,fitted,objective,iterations,status,best\n", f);
  static const char *const status[] = {"failed", "converged", "max_iter"};
  for (int s = 0; s < r->fit->starts; s++) {
    for (int j = 0; j < r->p; j++) {
      size_t k = (size_t)s * (size_t)r->p + (size_t)j;
      fprintf(f, "%d,%s,%.17g,", s, r->params[j].path, r->fit->x0[k]);
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
    fprintf(f, "%d,%d,%s,%s,%s,%.17g,", t->line, t->tick, date, gg_state_id(r->scenario, t->state),
            t->component, t->value);
    cal_csv_double(f, r->simulated[i]);
    fprintf(f, ",%.17g,", t->weight);
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
      fprintf(f, "%s,%.17g,", r->params[j].path, r->stats->profile_x[k]);
      cal_csv_double(f, r->stats->profile_obj[k]);
      fputc('\n', f);
    }
  }
}

static cJSON *cal_summary_json(const cal_report *r) {
  cJSON *root = cJSON_CreateObject();
  if (!root) return NULL;
  const double *x = r->fit->x + (size_t)r->fit->best * (size_t)r->p;
  cJSON_AddStringToObject(root, "scenario", gg_scenario_name(r->scenario));
  cJSON_AddStringToObject(root, "method", cal_method_name(r->options->method));
  cJSON_AddNumberToObject(root, "starts", r->fit->starts);
  cJSON_AddNumberToObject(root, "best_start", r->fit->best);
  cJSON_AddNumberToObject(root, "targets_fitted", r->stats->n);
  cJSON_AddNumberToObject(root, "objective", r->stats->ssr);
  cJSON_AddNumberToObject(root, "sigma2", r->stats->sigma2);
  cJSON_AddNumberToObject(root, "jacobian_rank", r->stats->rank);
  cJSON_AddBoolToObject(root, "noisy", r->noisy);
  cJSON *sv = cJSON_AddArrayToObject(root, "singular_values");
  for (int j = 0; sv && j < r->p; j++)
    cJSON_AddItemToArray(sv, cJSON_CreateNumber(r->stats->sv[j]));
  cJSON *ps = cJSON_AddArrayToObject(root, "params");
  for (int j = 0; ps && j < r->p; j++) {
    cJSON *o = cJSON_CreateObject();
    if (!o) break;
    cJSON_AddStringToObject(o, "path", r->params[j].path);
    cJSON_AddNumberToObject(o, "value", x[j]);
    cJSON_AddNumberToObject(o, "se", r->stats->se[j]);
    cJSON_AddNumberToObject(o, "lo", r->params[j].lo);
    cJSON_AddNumberToObject(o, "hi", r->params[j].hi);
    cJSON_AddStringToObject(o, "identified", cal_identified_label(r->stats->identified[j]));
    cJSON_AddItemToArray(ps, o);
  }
  if (r->holdout) {
    cJSON *h = cJSON_AddObjectToObject(root, "holdout");
    if (h) {
      char date[32];
      gg_scenario_date(r->scenario, r->holdout_from, date, sizeof date);
      cJSON_AddStringToObject(h, "from", date);
      cJSON_AddNumberToObject(h, "from_tick", r->holdout_from);
      cJSON_AddNumberToObject(h, "targets", r->holdout->n_heldout);
      cJSON_AddNumberToObject(h, "scored", r->holdout->n_scored);
      cJSON_AddNumberToObject(h, "sse_model", r->holdout->sse_model);
      cJSON_AddNumberToObject(h, "sse_persistence", r->holdout->sse_persistence);
      cJSON_AddNumberToObject(h, "rmse_model", r->holdout->rmse_model);
      cJSON_AddNumberToObject(h, "rmse_persistence", r->holdout->rmse_persistence);
      cJSON_AddNumberToObject(h, "skill", r->holdout->skill);
    }
  }
  return root;
}

static cJSON *cal_manifest_json(const cal_report *r) {
  cJSON *root = cJSON_CreateObject();
  if (!root) return NULL;
  cJSON_AddStringToObject(root, "engine", gg_version());
  cJSON_AddStringToObject(root, "command", "calibrate");
  cJSON_AddStringToObject(root, "command_line", r->command_line ? r->command_line : "");
  cJSON_AddStringToObject(root, "scenario", gg_scenario_name(r->scenario));
  cJSON_AddStringToObject(root, "scenario_sha256", gg_scenario_sha256(r->scenario));
  char seed[32];
  snprintf(seed, sizeof seed, "%llu", (unsigned long long)r->options->seed);
  cJSON_AddStringToObject(root, "design_seed", seed);
  static const char *const files[] = {"fit.csv",     "starts.csv",       "residuals.csv",
                                      "profile.csv", "calibration.json", "scenario.json"};
  cJSON *fl = cJSON_AddArrayToObject(root, "files");
  for (size_t i = 0; fl && i < sizeof files / sizeof files[0]; i++)
    cJSON_AddItemToArray(fl, cJSON_CreateString(files[i]));
  return root;
}

typedef void (*cal_writer)(FILE *f, const cal_report *r);

static int cal_write_file(const char *dir, const char *name, cal_writer fn, const char *text,
                          const cal_report *r, gg_error *err) {
  gg_outfile of;
  FILE *f = gg_outfile_open(&of, dir, name, err);
  if (!f) return -1;
  if (fn)
    fn(f, r);
  else
    fputs(text, f);
  if (ferror(f)) {
    gg_outfile_abort(&of);
    snprintf(err->msg, sizeof err->msg, "%s/%s: write failed", dir, name);
    return -1;
  }
  return gg_outfile_commit(&of, err);
}

static int cal_write_json(const char *dir, const char *name, cJSON *doc, const cal_report *r,
                          gg_error *err) {
  char *text = doc ? cJSON_Print(doc) : NULL;
  cJSON_Delete(doc);
  if (!text) {
    snprintf(err->msg, sizeof err->msg, "%s/%s: out of memory", dir, name);
    return -1;
  }
  size_t len = strlen(text);
  char *withnl = malloc(len + 2);
  int rc = -1;
  if (withnl) {
    memcpy(withnl, text, len);
    memcpy(withnl + len, "\n", 2);
    rc = cal_write_file(dir, name, NULL, withnl, r, err);
    free(withnl);
  } else {
    snprintf(err->msg, sizeof err->msg, "%s/%s: out of memory", dir, name);
  }
  cJSON_free(text);
  return rc;
}

int gga_cal_report_write(const cal_report *r, const char *dir, gg_error *err) {
  if (cal_write_file(dir, "fit.csv", cal_write_fit, NULL, r, err) != 0 ||
      cal_write_file(dir, "starts.csv", cal_write_starts, NULL, r, err) != 0 ||
      cal_write_file(dir, "residuals.csv", cal_write_residuals, NULL, r, err) != 0 ||
      cal_write_file(dir, "profile.csv", cal_write_profile, NULL, r, err) != 0 ||
      cal_write_file(dir, "scenario.json", NULL, r->calibrated_json, r, err) != 0 ||
      cal_write_json(dir, "calibration.json", cal_summary_json(r), r, err) != 0 ||
      cal_write_json(dir, "manifest.json", cal_manifest_json(r), r, err) != 0)
    return -1;
  return 0;
}
