/* The default clock of a sweep's manifest. */
#include "sweep_api.h"

#include <stdio.h>
#include <time.h>

void gga_sweep_api_utc(void *ctx, char *buf, size_t size) {
  (void)ctx;
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
