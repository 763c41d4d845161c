/* Internals of gg_backtest_run shared by backtest.c and backtest_obs.c. */
#ifndef GG_BACKTEST_INT_H
#define GG_BACKTEST_INT_H

#include <greatgame/greatgame.h>

#define GGA_BT_ID_MAX 64

/* One observed row. */
typedef struct gga_bt_obs {
  char date[16];
  int year, month; /* month 0 for a date YYYY */
  int state;       /* the scenario's index */
  char indicator[GGA_BT_ID_MAX];
  char partner[GGA_BT_ID_MAX];
  double value;
  int line;
} gga_bt_obs;

/* Parse the observed CSV `text` (named `path` in messages); states are
   resolved against `sc`. 0 with *obs (gg_malloc) and *n set, or -1 with err
   ("PATH:LINE: message"); *oom set when the failure is memory. */
int gga_bt_parse_observed(const char *path, const char *text, size_t len, const gg_scenario *sc,
                          gga_bt_obs **obs, int *n, int *oom, gg_error *err);

/* SHA-256 of data as 64 hex digits and a NUL. */

#endif
