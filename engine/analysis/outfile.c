/* Output files: written under a temporary name, renamed when complete. */
#include "gg_util.h"
#include "outfile.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Remove the temporary files "FINAL.tmp.PID" that a process which no longer
   exists left behind (killed by a signal the program could not catch). A
   live process's files, and any other name, are left alone. */
static void remove_stale_temps(const char *final) {
  char dir[4096];
  const char *slash = strrchr(final, '/');
  const char *base = slash ? slash + 1 : final;
  if (slash) {
    size_t n = (size_t)(slash - final);
    if (n >= sizeof dir) return;
    memcpy(dir, final, n);
    dir[n] = '\0';
    if (n == 0) strcpy(dir, "/");
  } else {
    strcpy(dir, ".");
  }
  size_t blen = strlen(base);
  DIR *d = opendir(dir);
  if (!d) return;
  for (struct dirent *de; (de = readdir(d)) != NULL;) {
    const char *name = de->d_name;
    if (strncmp(name, base, blen) != 0 || strncmp(name + blen, ".tmp.", 5) != 0) continue;
    const char *digits = name + blen + 5;
    if (!*digits || strspn(digits, "0123456789") != strlen(digits) || strlen(digits) > 9) continue;
    long pid = strtol(digits, NULL, 10);
    if (pid <= 0 || pid == (long)getpid()) continue;
    if (kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue; /* alive, or not ours to judge */
    char path[8192];
    if (snprintf(path, sizeof path, "%s/%s", dir, name) < (int)sizeof path) unlink(path);
  }
  closedir(d);
}

FILE *gg_outfile_open(gg_outfile *of, const char *dir, const char *name, gg_error *err) {
  memset(of, 0, sizeof *of);
  int n = dir ? snprintf(of->final, sizeof of->final, "%s/%s", dir, name)
              : snprintf(of->final, sizeof of->final, "%s", name);
  if (n < 0 || (size_t)n >= sizeof of->final) {
    gg_err_set(err, "%s: path too long", name);
    return NULL;
  }
  struct stat st;
  if (stat(of->final, &st) == 0 && !S_ISREG(st.st_mode)) {
    /* a device, pipe or terminal: write to it directly, never rename over it */
    of->tmp[0] = '\0';
    of->f = fopen(of->final, "wb");
    if (!of->f) gg_err_set(err, "%s: cannot write: %s", of->final, strerror(errno));
    return of->f;
  }
  remove_stale_temps(of->final);
  snprintf(of->tmp, sizeof of->tmp, "%s.tmp.%ld", of->final, (long)getpid());
  of->f = fopen(of->tmp, "wb");
  if (!of->f) {
    gg_err_set(err, "%s: cannot write: %s", of->final, strerror(errno));
    return NULL;
  }
  return of->f;
}

int gg_outfile_commit(gg_outfile *of, gg_error *err) {
  if (!of->f) return -1;
  int bad = ferror(of->f) || fflush(of->f) != 0;
  int saved = errno;
  if (!bad && fsync(fileno(of->f)) != 0 && errno != EINVAL && errno != EROFS)
    bad = 1, saved = errno;
  if (fclose(of->f) != 0 && !bad) bad = 1, saved = errno;
  of->f = NULL;
  if (bad) {
    if (of->tmp[0]) remove(of->tmp);
    gg_err_set(err, "%s: write failed: %s", of->final, strerror(saved ? saved : EIO));
    return -1;
  }
  if (!of->tmp[0]) return 0; /* written in place */
  if (rename(of->tmp, of->final) != 0) {
    saved = errno;
    remove(of->tmp);
    gg_err_set(err, "%s: cannot rename into place: %s", of->final, strerror(saved));
    return -1;
  }
  return 0;
}

int gg_outfile_write(const char *dir, const char *name, const char *text, size_t len,
                     gg_error *err) {
  gg_outfile of;
  FILE *f = gg_outfile_open(&of, dir, name, err);
  if (!f) return -1;
  fwrite(text, 1, len, f);
  return gg_outfile_commit(&of, err); /* reports a short write (ferror) */
}

int gg_outfile_write_json(const char *dir, const char *name, const char *json, gg_error *err) {
  gg_outfile of;
  FILE *f = gg_outfile_open(&of, dir, name, err);
  if (!f) return -1;
  fputs(json, f);
  fputc('\n', f);
  return gg_outfile_commit(&of, err);
}

void gg_outfile_abort(gg_outfile *of) {
  if (of->f) {
    fclose(of->f);
    of->f = NULL;
  }
  if (of->tmp[0]) remove(of->tmp);
}

int gg_outdir_prepare(const char *dir, int force, gg_error *err) {
  char path[4096];
  if (strlen(dir) >= sizeof path - 32) {
    gg_err_set(err, "%s: path too long", dir);
    return -1;
  }
  strcpy(path, dir);
  for (char *p = path + 1; *p; p++) { /* mkdir -p */
    if (*p != '/') continue;
    *p = '\0';
    if (mkdir(path, 0777) != 0 && errno != EEXIST) {
      gg_err_set(err, "%s: cannot create folder %s: %s", dir, path, strerror(errno));
      return -1;
    }
    *p = '/';
  }
  if (mkdir(path, 0777) != 0 && errno != EEXIST) {
    gg_err_set(err, "%s: cannot create folder: %s", dir, strerror(errno));
    return -1;
  }
  struct stat st;
  if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
    gg_err_set(err, "%s: not a folder", dir);
    return -1;
  }
  if (access(path, W_OK) != 0) {
    gg_err_set(err, "%s: folder is not writable", dir);
    return -1;
  }
  char manifest[4200];
  snprintf(manifest, sizeof manifest, "%s/manifest.json", path);
  if (!force && access(manifest, F_OK) == 0) {
    gg_err_set(err, "%s: already holds results (manifest.json); use --force to overwrite", dir);
    return -1;
  }
  return 0;
}

int gg_write_file(const char *path, const void *data, size_t len, gg_error *err) {
  gg_outfile of;
  FILE *f = gg_outfile_open(&of, NULL, path, err);
  if (!f) return -1;
  if (fwrite(data, 1, len, f) != len) {
    gg_outfile_abort(&of);
    char clean[600];
    gg_err_clean(clean, sizeof clean, path, 500);
    gg_err_set(err, "%s: write error", clean);
    return -1;
  }
  return gg_outfile_commit(&of, err);
}
