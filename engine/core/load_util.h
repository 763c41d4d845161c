/* Helpers of the scenario loader: JSON paths, typed reads with range checks,
   references to ids with "did you mean", dates. */
#ifndef GG_LOAD_UTIL_H
#define GG_LOAD_UTIL_H

#include "internal.h"

#include <cjson/cJSON.h>

#define LD_PATH 512

typedef struct ld {
  const char *file;
  gg_error *err;
  char scratch[256];
} ld;

typedef enum ld_kind { LD_CHANNEL, LD_POWER, LD_STATE, LD_BLOC } ld_kind;

extern const gg_param_def ggl_ld_stock_def;     /* initial stocks and inject amounts */
extern const gg_param_def ggl_ld_neighbour_def; /* neighbour weights */

int ggl_ld_fail(ld *L, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int ggl_ld_type(ld *L, const char *path, const cJSON *item, const char *expected);
int ggl_ld_oom(ld *L);
void ggl_ld_index(char *out, const char *base, int i);
void ggl_ld_key(char *out, const char *base, const char *key);
const char *ggl_ld_describe(const cJSON *item, char *buf, size_t size);
unsigned ggl_ld_hash(const char *s);
int ggl_ld_check_id(ld *L, const char *path, const char *id);
int ggl_ld_keys(ld *L, const cJSON *obj, const char *path, const char **allowed, int n);
int ggl_ld_duplicates(ld *L, const cJSON *item, const char *path);
int ggl_ld_enum(ld *L, const cJSON *obj, const char *key, const char *path, const char **names,
                int n, int def, int *out);
int ggl_ld_string(ld *L, const cJSON *obj, const char *key, const char *base, char **out,
                  int required);
int ggl_ld_number(ld *L, const cJSON *obj, const char *key, const char *path, double *out,
                  int required);
int ggl_ld_check_param(ld *L, const char *path, double v, const gg_param_def *d);
int ggl_ld_value(ld *L, const cJSON *item, const char *path, const gg_param_def *d, double *out);
int ggl_ld_param(ld *L, const cJSON *obj, const char *key, const char *path, const gg_param_def *d,
                 double *out, int required);
int ggl_ld_map(ld *L, const cJSON *obj, const char *key, const char *path, ld_kind kind,
               const gg_scenario *sc, const gg_param_def *d, double *dst, unsigned char *seen,
               int unused);
int ggl_ld_lookup(const gg_scenario *sc, ld_kind kind, const char *id);
int ggl_ld_ref(ld *L, const cJSON *item, const char *path, ld_kind kind, const gg_scenario *sc,
               int *out);
int ggl_ld_unknown_ref(ld *L, const char *path, const char *what, const char *id, char **ids, int n,
                       const char *extra);
int ggl_ld_time(ld *L, const cJSON *item, const char *path, const gg_scenario *sc, int *tick);
int ggl_ld_parse_date_form(gg_step step, const char *text, int *year, int *sub);
int ggl_ld_parse_color(const char *text, uint32_t *rgb);

/* The measurement section (measure.c). */
int ggl_measures_load(ld *L, gg_scenario *sc, const cJSON *arr);

#endif
