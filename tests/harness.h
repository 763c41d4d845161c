/* A tiny test harness: ENSURE macros and a registry run by main(). A failed
   check prints file:line and the expression and makes the program exit 1. */
#ifndef GG_TEST_HARNESS_H
#define GG_TEST_HARNESS_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern int gg_test_failures;

#define ENSURE(cond)                                                                               \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);                     \
      gg_test_failures++;                                                                          \
      return;                                                                                      \
    }                                                                                              \
  } while (0)

#define ENSURE_NEAR(a, b, tol)                                                                     \
  do {                                                                                             \
    double ensure_a_ = (a), ensure_b_ = (b);                                                       \
    if (!(fabs(ensure_a_ - ensure_b_) <= (tol))) {                                                 \
      fprintf(stderr, "%s:%d: %s = %.17g, expected %s = %.17g (tolerance %g)\n", __FILE__,         \
              __LINE__, #a, ensure_a_, #b, ensure_b_, (double)(tol));                              \
      gg_test_failures++;                                                                          \
      return;                                                                                      \
    }                                                                                              \
  } while (0)

#define ENSURE_STR(a, b)                                                                           \
  do {                                                                                             \
    const char *ensure_a_ = (a), *ensure_b_ = (b);                                                 \
    if (!ensure_a_ || !ensure_b_ || strcmp(ensure_a_, ensure_b_) != 0) {                           \
      fprintf(stderr, "%s:%d: %s = \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #a,             \
              ensure_a_ ? ensure_a_ : "(null)", ensure_b_ ? ensure_b_ : "(null)");                 \
      gg_test_failures++;                                                                          \
      return;                                                                                      \
    }                                                                                              \
  } while (0)

typedef struct gg_test_case {
  const char *name;
  void (*fn)(void);
} gg_test_case;

/* Each test file defines `static const gg_test_case tests[]` and calls
   GG_TEST_MAIN(tests). Run one test by name: ./test_x NAME. */
#define GG_TEST_MAIN(table)                                                                        \
  int gg_test_failures = 0;                                                                        \
  int main(int argc, char **argv) {                                                                \
    int ran = 0, failed = 0;                                                                       \
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {                                \
      if (argc > 1 && strcmp(argv[1], table[i].name) != 0) continue;                               \
      int before = gg_test_failures;                                                               \
      table[i].fn();                                                                               \
      ran++;                                                                                       \
      if (gg_test_failures != before) {                                                            \
        failed++;                                                                                  \
        fprintf(stderr, "FAIL %s\n", table[i].name);                                               \
      }                                                                                            \
    }                                                                                              \
    printf("%d passed, %d failed\n", ran - failed, failed);                                        \
    return (failed || ran == 0) ? 1 : 0;                                                           \
  }

#endif
