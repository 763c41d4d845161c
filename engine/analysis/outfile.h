/* Files written under a temporary name and renamed when complete, and the
   output folder's checks. Part of the engine (no printing). */
#ifndef GG_OUTFILE_H
#define GG_OUTFILE_H

#include <greatgame/greatgame.h>
#include <stdio.h>

typedef struct gg_outfile {
  FILE *f;
  char tmp[4200];
  char final[4096];
} gg_outfile;

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

/* Create DIR (and parents) if needed. If it already holds greatgame results
   (manifest.json), refuse unless force. 0, or -1 with err filled. */
int gg_outdir_prepare(const char *dir, int force, gg_error *err);

#endif
