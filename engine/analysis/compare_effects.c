/* Effect sizes of a paired comparison against the spread over parameters
   (gg_compare_effects, <greatgame/sweep.h>): a comparison's interval says
   how well the runs pin the difference down, not whether the difference
   is large next to what the uncertain parameters do. The yardstick is the
   standard deviation, across a finished sweep's samples, of the per-sample
   mean of the same share at the last tick (summary.csv). */
#include "gg_util.h"

#include <errno.h>
#include <greatgame/greatgame.h>
#include <greatgame/sweep.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The standard deviation over samples of the mean of `metric` in
   summary.csv (text), or NaN with fewer than 2 samples with a value. */
static double effects_sd(const char *text, const char *metric, double *buf, long cap) {
  long n = 0;
  size_t ml = strlen(metric);
  for (const char *line = strchr(text, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
    const char *p = strchr(line + 1, ',');
    if (!p || strncmp(p + 1, metric, ml) != 0 || p[1 + ml] != ',') continue;
    /* sample,metric,n,excluded,mean,... */
    const char *q = p + 1 + ml + 1;
    for (int k = 0; k < 2 && q; k++) {
      q = strchr(q, ',');
      if (q) q++;
    }
    if (!q) continue;
    char *end;
    double v = strtod(q, &end);
    if (end != q && isfinite(v) && n < cap) buf[n++] = v;
  }
  return n >= 2 ? gsl_stats_sd(buf, 1, (size_t)n) : NAN;
}

int gg_compare_effects(const gg_compare_result *res, const char *sweep_dir, double *effects,
                       gg_error *err) {
  char path[4200];
  snprintf(path, sizeof path, "%s/summary.csv", sweep_dir);
  FILE *f = fopen(path, "rb");
  if (!f) {
    gg_err_set(err, "%.900s: cannot open: %s", path, strerror(errno));
    return -1;
  }
  size_t cap = 65536, n = 0;
  char *text = gg_malloc(cap);
  while (text) {
    n += fread(text + n, 1, cap - n - 1, f);
    if (n + 1 < cap) break;
    char *t = gg_malloc(cap * 2);
    if (t) memcpy(t, text, n);
    gg_free(text);
    text = t;
    cap *= 2;
  }
  fclose(f);
  long lines = 0;
  for (size_t i = 0; text && i < n; i++)
    lines += text[i] == '\n';
  double *buf = text ? gg_malloc((size_t)(lines + 1) * sizeof(double)) : NULL;
  if (!text || !buf) {
    gg_free(text);
    gg_free(buf);
    gg_err_set(err, "%.900s: out of memory", path);
    return -1;
  }
  text[n] = '\0';
  if (strncmp(text, "sample,metric,n,excluded,mean,", 30) != 0) {
    gg_free(text);
    gg_free(buf);
    gg_err_set(err, "%.900s: not a sweep's summary.csv", path);
    return -1;
  }
  char metric[300];
  for (int r = 0; r < gg_compare_rows(res); r++) {
    const gg_compare_row *w = gg_compare_row_at(res, r);
    if (w->state_index < 0)
      snprintf(metric, sizeof metric, "region.%s", w->component);
    else
      snprintf(metric, sizeof metric, "final.%s.%s", w->state, w->component);
    double sd = effects_sd(text, metric, buf, lines + 1);
    effects[r] = sd > 0 ? w->diff_end / sd : NAN;
  }
  gg_free(text);
  gg_free(buf);
  return 0;
}
