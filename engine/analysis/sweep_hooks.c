/* The callbacks of a public sweep call (progress, interrupted, now take a
   context) bound to those of the internal machinery (interrupted and now
   take none): each call in progress holds one of a few slots of
   trampolines. */
#include "sweep_api.h"

#include <stdio.h>
#include <time.h>

static struct sweep_api_slot {
  int used; /* claimed with __atomic builtins */
  int (*interrupted)(void *ctx);
  void (*now)(void *ctx, char *buf, size_t size);
  void *ctx;
} sweep_api_slots[GGA_SWEEP_SLOTS];

#define SWEEP_API_TRAMPOLINES(i)                                                                   \
  static int sweep_api_int_##i(void) {                                                             \
    return sweep_api_slots[i].interrupted(sweep_api_slots[i].ctx);                                 \
  }                                                                                                \
  static void sweep_api_now_##i(char *buf, size_t size) {                                          \
    sweep_api_slots[i].now(sweep_api_slots[i].ctx, buf, size);                                     \
  }
SWEEP_API_TRAMPOLINES(0)
SWEEP_API_TRAMPOLINES(1)
SWEEP_API_TRAMPOLINES(2)
SWEEP_API_TRAMPOLINES(3)
SWEEP_API_TRAMPOLINES(4)
SWEEP_API_TRAMPOLINES(5)
SWEEP_API_TRAMPOLINES(6)
SWEEP_API_TRAMPOLINES(7)
SWEEP_API_TRAMPOLINES(8)
SWEEP_API_TRAMPOLINES(9)
SWEEP_API_TRAMPOLINES(10)
SWEEP_API_TRAMPOLINES(11)
SWEEP_API_TRAMPOLINES(12)
SWEEP_API_TRAMPOLINES(13)
SWEEP_API_TRAMPOLINES(14)
SWEEP_API_TRAMPOLINES(15)

static int (*const sweep_api_int_fns[GGA_SWEEP_SLOTS])(void) = {
    sweep_api_int_0,  sweep_api_int_1,  sweep_api_int_2,  sweep_api_int_3,
    sweep_api_int_4,  sweep_api_int_5,  sweep_api_int_6,  sweep_api_int_7,
    sweep_api_int_8,  sweep_api_int_9,  sweep_api_int_10, sweep_api_int_11,
    sweep_api_int_12, sweep_api_int_13, sweep_api_int_14, sweep_api_int_15};
static void (*const sweep_api_now_fns[GGA_SWEEP_SLOTS])(char *, size_t) = {
    sweep_api_now_0,  sweep_api_now_1,  sweep_api_now_2,  sweep_api_now_3,
    sweep_api_now_4,  sweep_api_now_5,  sweep_api_now_6,  sweep_api_now_7,
    sweep_api_now_8,  sweep_api_now_9,  sweep_api_now_10, sweep_api_now_11,
    sweep_api_now_12, sweep_api_now_13, sweep_api_now_14, sweep_api_now_15};

/* UTC as 2026-01-02T03:04:05Z. */
static void sweep_api_utc(char *buf, size_t size) {
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int gga_sweep_api_slot(int (*interrupted)(void *), void (*now)(void *, char *, size_t), void *ctx,
                       int (**int_fn)(void), void (**now_fn)(char *, size_t)) {
  *int_fn = NULL;
  *now_fn = sweep_api_utc;
  if (!interrupted && !now) return -1;
  for (int i = 0; i < GGA_SWEEP_SLOTS; i++) {
    int expected = 0;
    if (!__atomic_compare_exchange_n(&sweep_api_slots[i].used, &expected, 1, 0, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE))
      continue;
    sweep_api_slots[i].interrupted = interrupted;
    sweep_api_slots[i].now = now;
    sweep_api_slots[i].ctx = ctx;
    if (interrupted) *int_fn = sweep_api_int_fns[i];
    if (now) *now_fn = sweep_api_now_fns[i];
    return i;
  }
  return -2;
}

void gga_sweep_api_slot_release(int slot) {
  if (slot < 0 || slot >= GGA_SWEEP_SLOTS) return;
  sweep_api_slots[slot].interrupted = NULL;
  sweep_api_slots[slot].now = NULL;
  sweep_api_slots[slot].ctx = NULL;
  __atomic_store_n(&sweep_api_slots[slot].used, 0, __ATOMIC_RELEASE);
}
