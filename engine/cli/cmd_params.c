/* greatgame params: the parameter table (GG-1's, or with --model GG-2 also
   GG-2's rows), as Markdown or JSON. */
#include "cli.h"

#include <cjson/cJSON.h>
#include <greatgame/numfmt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *USAGE =
    "usage: greatgame params [--model GG-1|GG-2] [--json]\n\n"
    "Print every parameter path (for --set, sweeps and `set` events) with its\n"
    "range, default and unit: a Markdown table, or JSON with --json.\n\n"
    "  --model M   GG-1 (the default): the rows every scenario has; GG-2: those\n"
    "              rows, then GG-2's own, valid only in GG-2 scenarios\n"
    "  --json      a JSON list instead of the table\n";

/* Row i of the listing: GG-1's rows, then (model 2) GG-2's. */
static const gg_param_info *row_at(int model, int i) {
  int n1 = gg_param_count();
  return i < n1 ? gg_param_at(i) : (model == 2 ? gg_gg2_param_at(i - n1) : NULL);
}

static void range(const gg_param_info *in, char *buf, size_t size) {
  char lo[40], hi[40];
  gg_fmt_shortest(lo, in->lo);
  gg_fmt_shortest(hi, in->hi);
  snprintf(buf, size, "%s%s, %s%s", in->lo_open ? "(" : "[", lo, hi, in->hi_open ? ")" : "]");
}

int gg_cmd_params(int argc, char **argv) {
  int json = 0, model = 1;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(USAGE, stdout);
      return 0;
    } else if (strcmp(argv[i], "--json") == 0) {
      json = 1;
    } else if (strcmp(argv[i], "--model") == 0 || strncmp(argv[i], "--model=", 8) == 0) {
      const char *m = argv[i][7] == '=' ? argv[i] + 8 : (i + 1 < argc ? argv[++i] : NULL);
      if (!m) {
        gg_cli_error("--model: expected GG-1 or GG-2 after it");
        return 2;
      }
      if (strcmp(m, "GG-1") == 0) {
        model = 1;
      } else if (strcmp(m, "GG-2") == 0) {
        model = 2;
      } else {
        gg_cli_error("--model: expected GG-1 or GG-2, got \"%s\"", m);
        return 2;
      }
    } else {
      gg_cli_unknown_option_usage(argv[i], "params", USAGE);
      return 2;
    }
  }
  if (json) {
    /* Every node checked: running out of memory prints nothing, never a
       document with entries missing. */
    cJSON *arr = cJSON_CreateArray();
    int ok = arr != NULL;
    for (int i = 0; ok && row_at(model, i); i++) {
      const gg_param_info *in = row_at(model, i);
      cJSON *o = cJSON_CreateObject();
      if (!o || !cJSON_AddItemToArray(arr, o)) {
        cJSON_Delete(o);
        ok = 0;
        break;
      }
      ok = cJSON_AddStringToObject(o, "path", in->path) &&
           cJSON_AddStringToObject(o, "doc", in->doc) &&
           cJSON_AddStringToObject(o, "unit", in->unit) &&
           cJSON_AddNumberToObject(o, "min", in->lo) && cJSON_AddNumberToObject(o, "max", in->hi) &&
           cJSON_AddBoolToObject(o, "min_exclusive", in->lo_open) &&
           cJSON_AddBoolToObject(o, "max_exclusive", in->hi_open) &&
           (isnan(in->def) ? cJSON_AddNullToObject(o, "default") != NULL
                           : cJSON_AddNumberToObject(o, "default", in->def) != NULL) &&
           cJSON_AddBoolToObject(o, "required", isnan(in->def)) &&
           cJSON_AddBoolToObject(o, "in_set_events", in->in_events) &&
           cJSON_AddBoolToObject(o, "integer", in->integer);
    }
    char *text = ok ? cJSON_Print(arr) : NULL;
    cJSON_Delete(arr);
    if (!text) {
      gg_cli_error("params: out of memory");
      return 1;
    }
    puts(text);
    free(text);
    return 0;
  }
  printf("| path | range | default | unit | `set` events | meaning |\n");
  printf("|---|---|---|---|---|---|\n");
  for (int i = 0; row_at(model, i); i++) {
    const gg_param_info *in = row_at(model, i);
    char r[100], d[40];
    range(in, r, sizeof r);
    if (isnan(in->def))
      snprintf(d, sizeof d, "required");
    else
      gg_fmt_shortest(d, in->def);
    printf("| `%s` | %s%s | %s | %s | %s | %s |\n", in->path, in->integer ? "whole number in " : "",
           r, d, in->unit[0] ? in->unit : "-", in->in_events ? "yes" : "no", in->doc);
  }
  return 0;
}
