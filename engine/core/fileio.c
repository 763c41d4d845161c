/* Reading a whole file, bounded: regular files up to a size, and FIFOs,
   devices or standard input only when asked (a FIFO with no writer would
   block for ever; /dev/zero never ends). */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *kind_of(mode_t m) {
  if (S_ISDIR(m)) return "a folder";
  if (S_ISFIFO(m)) return "a pipe (FIFO)";
  if (S_ISCHR(m)) return "a character device";
  if (S_ISBLK(m)) return "a block device";
  if (S_ISSOCK(m)) return "a socket";
  return "not a regular file";
}

static void size_text(char *buf, size_t size, size_t bytes) {
  gg_limits_format_size(bytes, buf, size);
}

char *gg_read_file_ex(const char *path, const gg_read_options *o, size_t *len_out, gg_error *err) {
  char clean[600];
  gg_err_clean(clean, sizeof clean, path ? path : "(null)", 500);
  size_t max = o && o->max_bytes ? o->max_bytes : GG_READ_MAX_DEFAULT;
  int special = o && o->allow_special;
  if (!path) {
    gg_err_set(err, "(null): cannot open: no path");
    return NULL;
  }
  int stdin_asked = special && strcmp(path, "-") == 0;
  int fd = stdin_asked ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    gg_err_set(err, "%s: cannot open: %s", clean, strerror(errno));
    return NULL;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int e = errno;
    close(fd);
    gg_err_set(err, "%s: cannot open: %s", clean, strerror(e));
    return NULL;
  }
  char a[40], b[40];
  if (S_ISDIR(st.st_mode) || (!S_ISREG(st.st_mode) && !special)) {
    close(fd);
    gg_err_set(err, "%s: is %s, expected a regular file", clean, kind_of(st.st_mode));
    return NULL;
  }
  if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > (uint64_t)max) {
    close(fd);
    size_text(a, sizeof a, (size_t)st.st_size);
    size_text(b, sizeof b, max);
    gg_err_set(err, "%s: file of %s, larger than the limit of %s", clean, a, b);
    return NULL;
  }
  if (!S_ISREG(st.st_mode)) { /* asked for: block for a writer as usual */
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
  }
  size_t cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : (size_t)1 << 16;
  if (cap > max + 1) cap = max + 1;
  size_t len = 0;
  char *buf = gg_malloc(cap + 1);
  int rerr = 0;
  while (buf) {
    ssize_t n = read(fd, buf + len, cap - len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      rerr = errno;
      break;
    }
    if (n == 0) break;
    len += (size_t)n;
    if (len > max) break;
    if (len == cap) {
      size_t ncap = cap * 2 > max + 1 ? max + 1 : cap * 2;
      if (ncap == cap) break;
      char *nb = gg_realloc(buf, cap + 1, ncap + 1);
      if (!nb) gg_free(buf);
      buf = nb;
      cap = ncap;
    }
  }
  close(fd);
  if (!buf) {
    gg_err_set(err, "%s: out of memory", clean);
    return NULL;
  }
  if (rerr) {
    gg_free(buf);
    gg_err_set(err, "%s: cannot read: %s", clean, strerror(rerr));
    return NULL;
  }
  if (len > max) {
    gg_free(buf);
    size_text(b, sizeof b, max);
    gg_err_set(err, "%s: more than the limit of %s", clean, b);
    return NULL;
  }
  buf[len] = '\0';
  *len_out = len;
  return buf;
}

char *gg_read_file(const char *path, size_t *len_out, gg_error *err) {
  return gg_read_file_ex(path, NULL, len_out, err);
}
