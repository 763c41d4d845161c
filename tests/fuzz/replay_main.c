/* Replays files through a fuzz target's entry point without libFuzzer, so
   the regressions of tests/fuzz/regressions/ (and the seed corpus) run as
   ordinary CTest tests. Usage: REPLAY FILE|DIR... */

#include <greatgame/greatgame.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path) {
  gg_error err;
  size_t n;
  char *buf = gg_read_file(path, &n, &err);
  if (!buf) {
    fprintf(stderr, "%s\n", err.msg);
    return -1;
  }
  LLVMFuzzerTestOneInput((const uint8_t *)buf, n);
  gg_free_buffer(buf);
  return 0;
}

static int replay_path(const char *path, int *count) {
  struct stat st;
  if (stat(path, &st) != 0) {
    fprintf(stderr, "%s: no such file or folder\n", path);
    return -1;
  }
  if (!S_ISDIR(st.st_mode)) {
    (*count)++;
    return replay_file(path);
  }
  DIR *d = opendir(path);
  if (!d) {
    fprintf(stderr, "%s: cannot open folder\n", path);
    return -1;
  }
  int rc = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    char sub[4096];
    snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
    if (replay_path(sub, count) != 0) rc = -1;
  }
  closedir(d);
  return rc;
}

int main(int argc, char **argv) {
  int rc = 0, count = 0;
  for (int i = 1; i < argc; i++)
    if (replay_path(argv[i], &count) != 0) rc = 1;
  printf("replayed %d inputs\n", count);
  return rc;
}
