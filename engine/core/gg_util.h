/* The small set of internal utilities that the analysis layer may use besides
   the public headers: allocation through the gg_set_allocator hook, error
   messages and number formatting. Not installed; not part of the API. */
#ifndef GG_UTIL_H
#define GG_UTIL_H

#include <greatgame/greatgame.h>
#include <stddef.h>

/* The core's random streams and exp/log/pow (kernel.h): analysis code that
   must give the same bits on every platform draws from these too. */
#include "kernel.h"

/* ---- allocation (routed through the hook of gg_set_allocator) ---------- */
void *gg_malloc(size_t n);
void *gg_calloc(size_t count, size_t size);
void *gg_realloc(void *p, size_t old_size, size_t new_size);
void gg_free(void *p);
char *gg_strdup(const char *s);

/* ---- errors ----------------------------------------------------------- */
void gg_err_set(gg_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Copy `s` into `out` with non-printable bytes escaped, at most `max` bytes
   of input, so a message stays one line. */
void gg_err_clean(char *out, size_t size, const char *s, size_t max);

/* SHA-256 (FIPS 180-4) of `len` bytes as 64 lowercase hex digits. */
void gg_sha256_hex(const void *data, size_t len, char out[65]);

/* Edit distance of two words (99 when either is over 64 characters), for
   "did you mean". */
int gg_edit_distance(const char *a, const char *b);

/* The shortest text that reads back as the same double (for messages). */
const char *gg_fmt_num(char *buf, size_t size, double v);

/* A number in a CSV file, the one way every file writes it: the shortest
   text that reads back as the same double (gg_fmt_shortest), and for non-finite values "nan"
   (whatever its sign bit), "inf" and "-inf", which pandas, R and NumPy all read. */
const char *gg_fmt_csv(char *buf, size_t size, double v);

#endif
