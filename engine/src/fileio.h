/* Reading a whole file, for the engine and its commands. */
#ifndef GG_FILEIO_H
#define GG_FILEIO_H

#include <greatgame/greatgame.h>
#include <stddef.h>

/* Read all of `path` into a NUL-terminated buffer (free it with gg_free).
   NULL with err as "PATH: cannot open: REASON", "PATH: read error" or
   "PATH: file larger than 1 GiB" / "PATH: out of memory". */
char *gg_read_file(const char *path, size_t *len, gg_error *err);
void gg_free(void *p);

#endif
