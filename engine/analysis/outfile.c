/* Output files: written under a temporary name, renamed when complete. */
#include "gg_util.h"
#include "outfile.h"

#include <cjson/cJSON.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
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

/* Flush, fsync and close the temporary file, without renaming it. 0, or -1
   with err filled (the temporary file is removed). */
static int outfile_finish(gg_outfile *of, gg_error *err) {
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
  return 0;
}

/* Rename the finished temporary file into place. 0, or -1 with err filled
   (the temporary file is removed). */
static int outfile_rename(gg_outfile *of, gg_error *err) {
  if (!of->tmp[0]) return 0; /* written in place */
  if (rename(of->tmp, of->final) != 0) {
    int saved = errno;
    remove(of->tmp);
    gg_err_set(err, "%s: cannot rename into place: %s", of->final, strerror(saved));
    return -1;
  }
  return 0;
}

int gg_outfile_commit(gg_outfile *of, gg_error *err) {
  if (outfile_finish(of, err) != 0) return -1;
  return outfile_rename(of, err);
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

/* ---- the output folder ------------------------------------------------- */

/* Every name a greatgame command writes into an output folder (besides
   manifest.json and blocks/): run, sweep (and sensitivity, shards),
   calibrate, backtest. A command that writes a new name adds it here. */
static const char *const outdir_names[] = {"alignment.csv",
                                           "stocks.csv",
                                           "utility.csv",
                                           "summary.json",
                                           "design.csv",
                                           "runs.csv",
                                           "summary.csv",
                                           "trajectories.csv",
                                           "indices.csv",
                                           "indices2.csv",
                                           "shard.json",
                                           "scenario.json",
                                           "fit.csv",
                                           "starts.csv",
                                           "residuals.csv",
                                           "profile.csv",
                                           "calibration.json",
                                           "forecasts.csv",
                                           "scores.csv",
                                           "indicators.csv",
                                           "measurement.csv",
                                           "ties.csv",
                                           "compare.csv",
                                           "trajectory.csv",
                                           "box.csv",
                                           "trajectories_stocks.csv",
                                           "trajectories_indicators.csv",
                                           "trajectories_ties.csv"};

static int outdir_in(const char *name, const char *const *list) {
  for (size_t i = 0; list && list[i]; i++)
    if (strcmp(name, list[i]) == 0) return 1;
  return 0;
}

static int outdir_known(const char *name) {
  if (strcmp(name, "manifest.json") == 0) return 1;
  for (size_t i = 0; i < sizeof outdir_names / sizeof outdir_names[0]; i++)
    if (strcmp(name, outdir_names[i]) == 0) return 1;
  return 0;
}

/* Is `name` the lock, a temporary file of greatgame ("NAME.tmp.PID" of a
   name greatgame writes), or NFS's trace of a removed file? */
static int outdir_ignorable(const char *name) {
  if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || strcmp(name, GGA_LOCK_NAME) == 0 ||
      strcmp(name, GGA_LOCK_NAME ".break") == 0)
    return 1;
  if (strncmp(name, ".nfs", 4) == 0) return 1; /* NFS's name for a removed file still open */
  const char *t = strstr(name, ".tmp.");
  if (!t || t == name) return 0;
  const char *digits = t + 5;
  if (!*digits || strspn(digits, "0123456789") != strlen(digits)) return 0;
  char base[128];
  size_t n = (size_t)(t - name);
  if (n >= sizeof base) return 0;
  memcpy(base, name, n);
  base[n] = '\0';
  return outdir_known(base);
}

int gga_outdir_make(const char *dir, gg_error *err) {
  char path[4096];
  if (strlen(dir) >= sizeof path - 32) {
    gg_err_set(err, "%s: path too long", dir);
    return GGA_OUT_IO;
  }
  strcpy(path, dir);
  for (char *p = path + 1; *p; p++) { /* mkdir -p */
    if (*p != '/') continue;
    *p = '\0';
    if (mkdir(path, 0777) != 0 && errno != EEXIST) {
      gg_err_set(err, "%s: cannot create folder %s: %s", dir, path, strerror(errno));
      return GGA_OUT_IO;
    }
    *p = '/';
  }
  if (mkdir(path, 0777) != 0 && errno != EEXIST) {
    gg_err_set(err, "%s: cannot create folder: %s", dir, strerror(errno));
    return GGA_OUT_IO;
  }
  struct stat st;
  if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
    gg_err_set(err, "%s: not a folder", dir);
    return GGA_OUT_IO;
  }
  if (access(path, W_OK) != 0) {
    gg_err_set(err, "%s: folder is not writable", dir);
    return GGA_OUT_IO;
  }
  return 0;
}

int gga_outdir_is_ours(const char *dir) {
  char path[4200], head[256];
  snprintf(path, sizeof path, "%s/manifest.json", dir);
  FILE *f = fopen(path, "rb");
  if (!f) return 0;
  size_t n = fread(head, 1, sizeof head - 1, f);
  fclose(f);
  head[n] = '\0';
  const char *p = head;
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  if (*p++ != '{') return 0;
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  return strncmp(p, "\"engine\"", 8) == 0 || strncmp(p, "\"greatgame\"", 11) == 0;
}

gga_outdir_state gga_outdir_state_of(const char *dir, char *example, size_t size) {
  if (example && size) example[0] = '\0';
  if (gga_outdir_is_ours(dir)) return GGA_OUTDIR_RESULTS;
  DIR *d = opendir(dir);
  if (!d) return GGA_OUTDIR_EMPTY; /* not there yet */
  gga_outdir_state state = GGA_OUTDIR_EMPTY;
  char path[4400];
  for (struct dirent *de; state == GGA_OUTDIR_EMPTY && (de = readdir(d)) != NULL;) {
    if (outdir_ignorable(de->d_name)) continue;
    if (strcmp(de->d_name, "blocks") == 0 &&
        snprintf(path, sizeof path, "%s/blocks", dir) < (int)sizeof path && rmdir(path) == 0) {
      /* an empty blocks/ left by a command that stopped: nothing */
      continue;
    }
    state = GGA_OUTDIR_FOREIGN;
    if (example && size) gg_err_clean(example, size, de->d_name, 100);
  }
  closedir(d);
  return state;
}

/* The message for a folder of someone else's files. */
static void outdir_foreign(gg_error *err, const char *dir, const char *example) {
  if (strcmp(example, "manifest.json") == 0)
    gg_err_set(err, "%s: holds a manifest.json that greatgame did not write", dir);
  else
    gg_err_set(err, "%s: not empty and holds no greatgame results (%s, and no manifest.json)", dir,
               example);
}

int gga_outdir_check(const char *dir, int force, gg_error *err) {
  char example[200];
  gga_outdir_state st = gga_outdir_state_of(dir, example, sizeof example);
  if (force || st == GGA_OUTDIR_EMPTY) return 0;
  if (st == GGA_OUTDIR_RESULTS) {
    gg_err_set(err, "%s: already holds results (manifest.json)", dir);
    return GGA_OUT_HOLDS_RESULTS;
  }
  outdir_foreign(err, dir, example);
  return GGA_OUT_FOREIGN;
}

void gga_outdir_clear(const char *dir, const char *const *keep) {
  char path[4400];
  if (!outdir_in("manifest.json", keep)) {
    snprintf(path, sizeof path, "%s/manifest.json", dir);
    unlink(path); /* first: the folder is visibly incomplete from here on */
  }
  for (size_t i = 0; i < sizeof outdir_names / sizeof outdir_names[0]; i++) {
    if (outdir_in(outdir_names[i], keep)) continue;
    snprintf(path, sizeof path, "%s/%s", dir, outdir_names[i]);
    unlink(path);
  }
  if (outdir_in("blocks", keep)) return;
  snprintf(path, sizeof path, "%s/blocks", dir);
  DIR *d = opendir(path);
  if (!d) return;
  char file[4700];
  for (struct dirent *de; (de = readdir(d)) != NULL;) {
    if (strncmp(de->d_name, "block-", 6) != 0) continue;
    snprintf(file, sizeof file, "%s/%s", path, de->d_name);
    unlink(file);
  }
  closedir(d);
  rmdir(path);
}

/* ---- the lock -------------------------------------------------------- */

typedef struct lock_info {
  long pid;
  char host[256], command[64], started[64];
  char slurm_job[64]; /* SLURM_JOB_ID of the holder, or "" */
  long slurm_restart; /* its SLURM_RESTART_COUNT */
} lock_info;

/* This process's Slurm job (SLURM_JOB_ID, "" outside Slurm) and how many
   times Slurm requeued it (SLURM_RESTART_COUNT). */
static long lock_slurm(char *job, size_t size) {
  const char *id = getenv("SLURM_JOB_ID"), *rc = getenv("SLURM_RESTART_COUNT");
  job[0] = '\0';
  if (!id || !id[0] || strlen(id) >= size || strspn(id, "0123456789_") != strlen(id)) return 0;
  snprintf(job, size, "%s", id);
  long n = 0;
  if (rc && rc[0] && strspn(rc, "0123456789") == strlen(rc) && strlen(rc) < 9) n = atol(rc);
  return n;
}

static void lock_host(char *buf, size_t size) {
  if (gethostname(buf, size) != 0) snprintf(buf, size, "unknown");
  buf[size - 1] = '\0';
  for (char *c = buf; *c; c++)
    if ((unsigned char)*c <= ' ') *c = '_';
}

/* Read a lock file's text: its length, 0 when it is empty, -1 when it does
   not exist (or cannot be read: *unreadable set). */
static long lock_text_of(const char *path, char *buf, size_t size, int *unreadable) {
  *unreadable = 0;
  FILE *f = fopen(path, "rb");
  if (!f) {
    if (errno != ENOENT) *unreadable = 1;
    return -1;
  }
  size_t n = fread(buf, 1, size - 1, f);
  fclose(f);
  buf[n] = '\0';
  return (long)n;
}

/* Parse the text of a lock: 0, or -1 when it is not a complete lock. */
static int lock_parse(const char *text, lock_info *li) {
  memset(li, 0, sizeof *li);
  if (strncmp(text, "greatgame lock\n", 15) != 0) return -1;
  int have_pid = 0, have_host = 0, done = 0;
  for (const char *line = text + 15; *line;) {
    const char *nl = strchr(line, '\n');
    if (!nl) return -1; /* cut short: being written */
    size_t n = (size_t)(nl - line);
    char value[300];
    if (n > 4 && strncmp(line, "pid ", 4) == 0) {
      snprintf(value, sizeof value, "%.*s", (int)(n - 4 < 299 ? n - 4 : 299), line + 4);
      char *end;
      li->pid = strtol(value, &end, 10);
      have_pid = *end == '\0' && li->pid > 0;
    } else if (n > 5 && strncmp(line, "host ", 5) == 0) {
      snprintf(li->host, sizeof li->host, "%.*s", (int)(n - 5), line + 5);
      have_host = 1;
    } else if (n > 8 && strncmp(line, "command ", 8) == 0) {
      snprintf(li->command, sizeof li->command, "%.*s", (int)(n - 8), line + 8);
    } else if (n > 8 && strncmp(line, "started ", 8) == 0) {
      snprintf(li->started, sizeof li->started, "%.*s", (int)(n - 8), line + 8);
    } else if (n > 6 && strncmp(line, "slurm ", 6) == 0) {
      char job[64] = "";
      long restart = 0;
      if (sscanf(line + 6, "%63s %ld", job, &restart) == 2) {
        snprintf(li->slurm_job, sizeof li->slurm_job, "%s", job);
        li->slurm_restart = restart;
      }
    } else if (n == 3 && strncmp(line, "end", 3) == 0) {
      done = 1;
    }
    line = nl + 1;
  }
  return have_pid && have_host && done ? 0 : -1;
}

static void lock_sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

/* Remove a stale lock whose text is `stale`, under the breaker file
   PATH.break so that two processes never both take over (one could remove
   the lock the other just made). 0: removed (or already gone), try again;
   1: another process is breaking it now, wait; -1: the breaker is stuck
   (err filled). */
static int lock_break(gga_lock *lk, const char *dir, const char *stale, gg_error *err) {
  char bpath[4300], now[512];
  snprintf(bpath, sizeof bpath, "%s.break", lk->path);
  int fd = open(bpath, O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0) {
    if (errno != EEXIST) {
      gg_err_set(err, "%s: cannot create %s.break: %s", dir, GGA_LOCK_NAME, strerror(errno));
      return -1;
    }
    return 1;
  }
  ssize_t w = write(fd, lk->text, strlen(lk->text));
  (void)w;
  close(fd);
  int unreadable;
  long n = lock_text_of(lk->path, now, sizeof now, &unreadable);
  if (n >= 0 && strcmp(now, stale) == 0) unlink(lk->path); /* still the same stale lock */
  unlink(bpath);
  return 0;
}

int gga_outdir_lock(gga_lock *lk, const char *dir, const char *what, gga_temp_hook hook,
                    void *hook_ctx, gg_error *err) {
  memset(lk, 0, sizeof *lk);
  lk->hook = hook;
  lk->hook_ctx = hook_ctx;
  if (snprintf(lk->path, sizeof lk->path, "%s/%s", dir, GGA_LOCK_NAME) >= (int)sizeof lk->path) {
    gg_err_set(err, "%s: path too long", dir);
    return GGA_OUT_IO;
  }
  char host[256], started[64];
  lock_host(host, sizeof host);
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  struct tm tm;
  gmtime_r(&ts.tv_sec, &tm);
  strftime(started, sizeof started, "%Y-%m-%dT%H:%M:%SZ", &tm);
  char job[64], slurm[128] = "";
  long restart = lock_slurm(job, sizeof job);
  if (job[0]) snprintf(slurm, sizeof slurm, "slurm %s %ld\n", job, restart);
  snprintf(lk->text, sizeof lk->text,
           "greatgame lock\npid %ld\nhost %.200s\ncommand %.40s\nstarted %.32s\n%.100stoken "
           "%lld.%09ld\nend\n",
           (long)getpid(), host, what ? what : "greatgame", started, slurm, (long long)ts.tv_sec,
           (long)ts.tv_nsec);
  char text[512];
  for (int attempt = 0; attempt < 100; attempt++) {
    /* No signal between creating the lock and telling the hook about it:
       a handler that cleans up on a signal would otherwise leave it. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    int fd = open(lk->path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd >= 0) {
      size_t len = strlen(lk->text);
      int bad = write(fd, lk->text, len) != (ssize_t)len;
      int saved = errno;
      if (close(fd) != 0 && !bad) bad = 1, saved = errno;
      if (bad) {
        unlink(lk->path);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        gg_err_set(err, "%s: cannot write the lock file %s: %s", dir, GGA_LOCK_NAME,
                   strerror(saved ? saved : EIO));
        return GGA_OUT_IO;
      }
      lk->held = 1;
      if (lk->hook) lk->hook(lk->hook_ctx, lk->path, 1);
      pthread_sigmask(SIG_SETMASK, &old, NULL);
      return 0;
    }
    int open_errno = errno;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = open_errno;
    if (errno != EEXIST) {
      gg_err_set(err, "%s: cannot create the lock file %s: %s", dir, GGA_LOCK_NAME,
                 strerror(errno));
      return GGA_OUT_IO;
    }
    int unreadable;
    long n = lock_text_of(lk->path, text, sizeof text, &unreadable);
    if (n < 0 && !unreadable) continue; /* released in between: try again */
    lock_info li;
    if (n < 0 || lock_parse(text, &li) != 0) {
      if (!unreadable && attempt < 40) { /* its maker may be writing it now */
        lock_sleep_ms(25);
        continue;
      }
      gg_err_set(err,
                 "%s: locked, but %s is not a lock of greatgame; if no greatgame command is "
                 "writing into the folder, remove %s/%s",
                 dir, GGA_LOCK_NAME, dir, GGA_LOCK_NAME);
      return GGA_OUT_BUSY;
    }
    char who[512];
    snprintf(who, sizeof who, "greatgame %.60s, process %ld on %.200s, since %.60s",
             li.command[0] ? li.command : "?", li.pid, li.host, li.started[0] ? li.started : "?");
    /* The same Slurm job, requeued since: Slurm ended the holder (an
       earlier run of this very job, maybe on another node) before it
       started this one. */
    int requeued = job[0] && strcmp(li.slurm_job, job) == 0 && restart > li.slurm_restart;
    if (!requeued && strcmp(li.host, host) != 0) {
      gg_err_set(err,
                 "%s: locked by %s, which cannot be checked from %s; if it is no longer running, "
                 "remove %s/%s",
                 dir, who, host, dir, GGA_LOCK_NAME);
      return GGA_OUT_BUSY;
    }
    if (!requeued && (li.pid == (long)getpid() || kill((pid_t)li.pid, 0) == 0 || errno != ESRCH)) {
      gg_err_set(err, "%s: in use by %s; wait for it to finish, or use another folder", dir, who);
      return GGA_OUT_BUSY;
    }
    /* A process of this host that no longer exists, or the earlier run of
       this requeued Slurm job: take its lock over. */
    int rc = lock_break(lk, dir, text, err);
    if (rc < 0) return GGA_OUT_IO;
    if (rc == 1) {
      if (attempt >= 80) {
        gg_err_set(err,
                   "%s: %s.break stays in place (a takeover of a stale lock that stopped); if no "
                   "greatgame command is writing into the folder, remove %s and %s.break",
                   dir, GGA_LOCK_NAME, lk->path, lk->path);
        return GGA_OUT_BUSY;
      }
      lock_sleep_ms(25);
    }
  }
  gg_err_set(err, "%s: could not take %s (other commands keep taking it); try again", dir,
             GGA_LOCK_NAME);
  return GGA_OUT_BUSY;
}

void gga_outdir_unlock(gga_lock *lk) {
  if (!lk->held) return;
  lk->held = 0;
  if (lk->hook) lk->hook(lk->hook_ctx, lk->path, 0);
  char text[512];
  int unreadable;
  long n = lock_text_of(lk->path, text, sizeof text, &unreadable);
  if (n >= 0 && strcmp(text, lk->text) == 0) unlink(lk->path); /* only if still ours */
}

/* ---- output sets ------------------------------------------------------- */

static void outset_hook(gga_outset *s, int i, int exists) {
  if (!s->hook || s->registered[i] == exists || !s->files[i].tmp[0]) return;
  s->hook(s->hook_ctx, s->files[i].tmp, exists);
  s->registered[i] = exists;
}

void gga_outset_begin(gga_outset *s, const char *dir, gga_temp_hook hook, void *hook_ctx) {
  memset(s, 0, sizeof *s);
  snprintf(s->dir, sizeof s->dir, "%s", dir);
  s->hook = hook;
  s->hook_ctx = hook_ctx;
}

FILE *gga_outset_open(gga_outset *s, const char *name, gg_error *err) {
  if (s->n == GGA_OUTSET_MAX) {
    gg_err_set(err, "%s/%s: too many files in one output set", s->dir, name);
    return NULL;
  }
  FILE *f = gg_outfile_open(&s->files[s->n], s->dir, name, err);
  if (!f) return NULL;
  s->n++;
  outset_hook(s, s->n - 1, 1);
  return f;
}

int gga_outset_write(gga_outset *s, const char *name, const char *text, size_t len, gg_error *err) {
  FILE *f = gga_outset_open(s, name, err);
  if (!f) return -1;
  fwrite(text, 1, len, f); /* a short write shows in ferror at commit */
  return 0;
}

static const char *outset_base(const gg_outfile *of) {
  const char *slash = strrchr(of->final, '/');
  return slash ? slash + 1 : of->final;
}

void gga_outset_abort(gga_outset *s) {
  for (int i = 0; i < s->n; i++) {
    gg_outfile_abort(&s->files[i]);
    outset_hook(s, i, 0);
  }
  s->n = 0;
}

int gga_outset_commit(gga_outset *s, gg_error *err) {
  int man = -1;
  for (int i = 0; i < s->n; i++) {
    if (outfile_finish(&s->files[i], err) != 0) {
      outset_hook(s, i, 0);
      for (int k = 0; k < s->n; k++)
        if (k != i) {
          gg_outfile_abort(&s->files[k]);
          outset_hook(s, k, 0);
        }
      s->n = 0;
      return -1;
    }
    if (strcmp(outset_base(&s->files[i]), "manifest.json") == 0) man = i;
  }
  char path[4400];
  if (man >= 0 && !s->keep_old_manifest) {
    snprintf(path, sizeof path, "%s/manifest.json", s->dir);
    unlink(path); /* first: until the new one is in place, the folder is visibly incomplete */
  }
  if (s->clear_others) {
    const char *keep[GGA_OUTSET_MAX + 2];
    int k = 0;
    for (int i = 0; i < s->n; i++)
      keep[k++] = outset_base(&s->files[i]);
    if (s->keep_old_manifest) keep[k++] = "manifest.json";
    keep[k] = NULL;
    gga_outdir_clear(s->dir, keep);
  }
  int renamed[GGA_OUTSET_MAX] = {0}, failed = 0;
  for (int pass = 0; pass < 2 && !failed; pass++)
    for (int i = 0; i < s->n && !failed; i++) {
      if ((i == man) != (pass == 1)) continue; /* manifest.json last */
      outset_hook(s, i, 0);
      if (outfile_rename(&s->files[i], err) != 0)
        failed = 1;
      else
        renamed[i] = 1;
    }
  if (failed) {
    /* Take back what was renamed: no set is left half in place. */
    for (int i = 0; i < s->n; i++)
      if (renamed[i] && s->files[i].tmp[0]) unlink(s->files[i].final);
    gga_outset_abort(s);
    return -1;
  }
  int dfd = open(s->dir, O_RDONLY);
  if (dfd >= 0) {
    fsync(dfd); /* the renames themselves reach the disk */
    close(dfd);
  }
  s->n = 0;
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

/* A document's text with a final newline (gg_malloc), or NULL when out of
   memory; the document is deleted either way. */
char *gga_json_text(cJSON *doc) {
  char *text = doc ? cJSON_Print(doc) : NULL;
  cJSON_Delete(doc);
  if (!text) return NULL;
  size_t len = strlen(text);
  char *withnl = gg_malloc(len + 2);
  if (withnl) {
    memcpy(withnl, text, len);
    memcpy(withnl + len, "\n", 2);
  }
  cJSON_free(text);
  return withnl;
}
