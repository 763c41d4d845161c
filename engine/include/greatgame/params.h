/// greatgame: the parameter table behind validation, --set, sweeps and the docs.
#ifndef GREATGAME_PARAMS_H
#define GREATGAME_PARAMS_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- parameter table -------------------------------------------------- */

/// One row of the parameter table from which validation, `--set`, sweep
/// paths, the JSON Schema and the docs are made.
typedef struct gg_param_info {
  const char *path; ///< pattern, e.g. "states.<state>.backlash.strength"
  const char *doc;  ///< one sentence
  const char *unit; ///< unit or "" for pure numbers
  double lo, hi;    ///< range
  int lo_open;      ///< 1 if lo itself is excluded
  int hi_open;      ///< 1 if hi itself is excluded
  double def;       ///< default (NaN: required)
  int in_events;    ///< 1 if `set` events may change it
  int integer;      ///< 1 if it takes whole numbers only
} gg_param_info;

GG_API int gg_param_count(void);
GG_API const gg_param_info *gg_param_at(int i);

#ifdef __cplusplus
}
#endif
#endif
