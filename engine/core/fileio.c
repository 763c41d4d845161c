/* Reading a whole file. */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

char *gg_read_file(const char *path, size_t *len_out, gg_error *err) {
  char clean[600];
  gg_err_clean(clean, sizeof clean, path ? path : "(null)", 500);
  FILE *f = path ? fopen(path, "rb") : NULL;
  if (!f) {
    gg_err_set(err, "%s: cannot open: %s", clean, path ? strerror(errno) : "no path");
    return NULL;
  }
  size_t cap = (size_t)1 << 16, len = 0;
  errno = 0;
  char *buf = gg_malloc(cap + 1);
  while (buf) {
    len += fread(buf + len, 1, cap - len, f);
    if (len < cap) break;
    if (cap >= ((size_t)1 << 30)) {
      gg_free(buf);
      fclose(f);
      gg_err_set(err, "%s: file larger than 1 GiB", clean);
      return NULL;
    }
    char *nb = gg_malloc(cap * 2 + 1);
    if (nb) memcpy(nb, buf, len);
    gg_free(buf);
    buf = nb;
    cap *= 2;
  }
  int bad = ferror(f);
  fclose(f);
  if (!buf) {
    gg_err_set(err, "%s: out of memory", clean);
    return NULL;
  }
  if (bad) {
    int e = errno;
    gg_free(buf);
    gg_err_set(err, "%s: cannot read: %s", clean, strerror(e ? e : EIO));
    return NULL;
  }
  buf[len] = '\0';
  *len_out = len;
  return buf;
}
