/* Files written under a temporary name and renamed when complete, output
   sets that appear whole or not at all, and the output folder: its checks
   and its lock. Part of the engine (no printing); messages name the folder
   or the file, never a command-line option. */
#ifndef GG_OUTFILE_H
#define GG_OUTFILE_H

#include <greatgame/greatgame.h>
#include <stdio.h>

struct cJSON;

/* A JSON document's text with a final newline (gg_malloc), or NULL when out
   of memory; the document is deleted either way. */
char *gga_json_text(struct cJSON *doc);

typedef struct gg_outfile {
  FILE *f;
  char tmp[4200];
  char final[4096];
} gg_outfile;

/* Called with exists = 1 when a file is created that must be removed if
   the process is stopped at once (a temporary file, the folder's lock), and
   with 0 once it is renamed or removed. */
typedef void (*gga_temp_hook)(void *ctx, const char *path, int exists);

/* Open DIR/NAME.tmp.PID for writing (dir may be NULL: name is a path).
   Returns the FILE or NULL with err filled. */
FILE *gg_outfile_open(gg_outfile *of, const char *dir, const char *name, gg_error *err);
/* Flush, fsync, close and rename to the final name. 0, or -1 with err
   filled (the temporary file is removed). */
int gg_outfile_commit(gg_outfile *of, gg_error *err);
/* Write `len` bytes of `text` as DIR/NAME (dir may be NULL), atomically.
   0, or -1 with err filled. */
int gg_outfile_write(const char *dir, const char *name, const char *text, size_t len,
                     gg_error *err);
/* The same for a JSON document (cJSON_Print output): the text and a newline. */
int gg_outfile_write_json(const char *dir, const char *name, const char *json, gg_error *err);
/* Close and remove the temporary file. */
void gg_outfile_abort(gg_outfile *of);

/* ---- the output folder ------------------------------------------------- */

/* What the folder calls return besides 0 (err filled, starting with the
   folder). A front end adds its own hints (an option to force, another
   folder). */
enum {
  GGA_OUT_IO = -1,            /* the folder cannot be created, or is not a writable folder */
  GGA_OUT_BUSY = -2,          /* another command holds the folder's lock */
  GGA_OUT_HOLDS_RESULTS = -3, /* "DIR: already holds results (manifest.json)" */
  GGA_OUT_FOREIGN = -4        /* not empty, and no manifest.json of greatgame */
};

/* What a folder holds. */
typedef enum gga_outdir_state {
  GGA_OUTDIR_EMPTY = 0,   /* nothing, or only the lock and temporary files of greatgame */
  GGA_OUTDIR_RESULTS = 1, /* a manifest.json written by greatgame */
  GGA_OUTDIR_FOREIGN = 2  /* other files and no manifest.json of greatgame */
} gga_outdir_state;

/* The name of the lock file in an output folder. */
#define GGA_LOCK_NAME ".greatgame.lock"

/* Create DIR (and its parents) if needed; check it is a writable folder.
   0, or GGA_OUT_IO. */
int gga_outdir_make(const char *dir, gg_error *err);
/* What DIR holds; for GGA_OUTDIR_FOREIGN, `example` (may be NULL) receives
   the name of one file that is not greatgame's. Allocates nothing. */
gga_outdir_state gga_outdir_state_of(const char *dir, char *example, size_t size);
/* Refuse a folder that holds results or other files, unless force: 0,
   GGA_OUT_HOLDS_RESULTS or GGA_OUT_FOREIGN. */
int gga_outdir_check(const char *dir, int force, gg_error *err);
/* Does DIR/manifest.json look like greatgame's (a JSON object whose first
   key is "engine" or "greatgame")? Allocates nothing. */
int gga_outdir_is_ours(const char *dir);
/* Remove the files of earlier greatgame results from DIR: manifest.json
   first, then every name that a greatgame command writes (alignment.csv,
   runs.csv, fit.csv, ..., blocks/block-*) except those in `keep`
   (NULL-terminated, may be NULL). No other file is touched. */
void gga_outdir_clear(const char *dir, const char *const *keep);

/* The lock of an output folder, held for the life of a command: the file
   DIR/.greatgame.lock, created exclusively (O_CREAT | O_EXCL), holding the
   process id, the host name, the command and the time. */
typedef struct gga_lock {
  char path[4200];
  char text[512]; /* what this process wrote into it */
  int held;
  gga_temp_hook hook; /* told about the lock file (may be NULL) */
  void *hook_ctx;
} gga_lock;

/* Take DIR's lock for the command `what` ("sweep", "calibrate", ...). A
   lock held by a live process is refused at once (GGA_OUT_BUSY, naming the
   process and host); a lock left by a process of this host that no longer
   exists is taken over; a lock of another host, whose process cannot be
   checked, is refused with the file to remove. 0, GGA_OUT_BUSY or
   GGA_OUT_IO. `hook` (may be NULL) is told about the lock file. */
int gga_outdir_lock(gga_lock *lk, const char *dir, const char *what, gga_temp_hook hook,
                    void *hook_ctx, gg_error *err);
/* Release the lock (remove the file if it still is this process's). Safe
   on a lock not held. */
void gga_outdir_unlock(gga_lock *lk);

/* ---- output sets: every file of a command, whole or not at all ----------- */

#define GGA_OUTSET_MAX 12

/* The files of one command, written under temporary names; commit renames
   them into place only once every one is complete, manifest.json last. */
typedef struct gga_outset {
  char dir[4096];
  int n;
  gg_outfile files[GGA_OUTSET_MAX];
  int registered[GGA_OUTSET_MAX];
  /* 1: an existing manifest.json is replaced by the new one in one rename
     (it says "running": the folder is already marked incomplete); 0
     (default): the old one is removed before any file is renamed. */
  int keep_old_manifest;
  /* 1: remove the files of earlier greatgame results that this set does not
     write (gga_outdir_clear) before renaming. Default 0. */
  int clear_others;
  gga_temp_hook hook; /* told about each temporary file (may be NULL) */
  void *hook_ctx;
} gga_outset;

/* Start an empty set of files in dir. */
void gga_outset_begin(gga_outset *s, const char *dir, gga_temp_hook hook, void *hook_ctx);
/* Open DIR/NAME of the set under a temporary name. The FILE, or NULL with
   err filled. */
FILE *gga_outset_open(gga_outset *s, const char *name, gg_error *err);
/* A whole file of the set from text. 0, or -1 with err filled. */
int gga_outset_write(gga_outset *s, const char *name, const char *text, size_t len, gg_error *err);
/* Complete every file (flush, fsync, close): on any failure every temporary
   file is removed, nothing is renamed, and -1 is returned with err filled.
   Then remove the old manifest.json (unless keep_old_manifest) and, with
   clear_others, the other files of earlier results; rename each file, and
   manifest.json last. A rename that fails removes the set's files renamed
   so far. 0, or -1 with err filled. */
int gga_outset_commit(gga_outset *s, gg_error *err);
/* Remove every temporary file of the set (after a failure). */
void gga_outset_abort(gga_outset *s);

#endif
