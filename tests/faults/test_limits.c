/* Memory limits (estimate, sizes, the --max-memory check) and the signal
   helpers (flag, temporary-file registry). */
#include "harness.h"
#include <greatgame/limits.h>
#include "limits_cli.h"
#include "signals.h"

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static gg_scenario *baseline(void) {
  gg_error err;
  return gg_scenario_baseline(&err);
}

static void test_estimate_grows(void) {
  gg_scenario *sc = baseline();
  ENSURE(sc != NULL);
  size_t e = gg_sim_memory_estimate(sc);
  /* 5 states, 3 powers, 3 channels: a few kilobytes, never zero. */
  ENSURE(e > 1000 && e < (size_t)1 << 20);
  ENSURE(gg_cli_run_memory(sc, 1000) > gg_cli_run_memory(sc, 1));
  /* The record keeps at most GG_RECORD_MAX_LISTED replicates one by one. */
  ENSURE(gg_cli_run_memory(sc, 1000000) == gg_cli_run_memory(sc, 1000));
  gg_scenario_free(sc);
}

/* The estimate is close to what gg_sim_create really allocates. */
static size_t lt_bytes;
static void *lt_alloc(size_t n) {
  lt_bytes += (n + 16 + 15) / 16 * 16;
  return malloc(n);
}

static void test_estimate_matches(void) {
  gg_scenario *sc = baseline();
  ENSURE(sc != NULL);
  gg_set_allocator(lt_alloc, free);
  lt_bytes = 0;
  gg_sim *sim = gg_sim_create(sc, 1);
  size_t used = lt_bytes;
  gg_sim_free(sim);
  gg_set_allocator(NULL, NULL);
  size_t e = gg_sim_memory_estimate(sc);
  printf("gg_sim_create: %zu bytes through the hook, estimate %zu\n", used, e);
  ENSURE(sim != NULL);
  ENSURE(e >= used);
  ENSURE(e <= 2 * used + 4096);
  gg_scenario_free(sc);
}

static void test_parse_size(void) {
  size_t b;
  gg_error err;
  ENSURE(gg_limits_parse_size("512", &b, &err) == 0 && b == 512);
  ENSURE(gg_limits_parse_size("2K", &b, &err) == 0 && b == 2048);
  ENSURE(gg_limits_parse_size("1.5GiB", &b, &err) == 0 && b == (size_t)3 << 29);
  ENSURE(gg_limits_parse_size("3M", &b, &err) == 0 && b == (size_t)3 << 20);
  ENSURE(gg_limits_parse_size("50%", &b, &err) == 0 && b > 0);
  ENSURE(gg_limits_parse_size("", &b, &err) == -1);
  ENSURE(gg_limits_parse_size("-1G", &b, &err) == -1);
  ENSURE(gg_limits_parse_size("12parsecs", &b, &err) == -1 && strstr(err.msg, "unknown unit"));
  ENSURE(gg_limits_parse_size("0", &b, &err) == -1);
  ENSURE(gg_limits_parse_size("101%", &b, &err) == -1);
  ENSURE(gg_limits_parse_size("99999999999T", &b, &err) == -1);
  char buf[32];
  gg_limits_format_size(3u << 20, buf, sizeof buf);
  ENSURE_STR(buf, "3.0 MiB");
  gg_limits_format_size(100, buf, sizeof buf);
  ENSURE_STR(buf, "100 B");
}

static void test_check_memory(void) {
  gg_scenario *sc = baseline();
  ENSURE(sc != NULL);
  ENSURE(gg_cli_check_memory(sc, NULL, 1) == 0);
  ENSURE(gg_cli_check_memory(sc, "1G", 1000) == 0);
  ENSURE(gg_cli_check_memory(sc, "1K", 1) == 2); /* prints the estimate */
  ENSURE(gg_cli_check_memory(sc, "lots", 1) == 2);
  gg_scenario_free(sc);
}

static void test_signal_flag_and_temps(void) {
  char path[256];
  snprintf(path, sizeof path, "%s/gg_test_limits_%ld.tmp", P_tmpdir, (long)getpid());
  FILE *f = fopen(path, "w");
  ENSURE(f != NULL);
  fclose(f);
  ENSURE(gg_cli_temp_register(path) == 0);
  gg_cli_signals_install();
  ENSURE(gg_cli_interrupted() == 0);
  raise(SIGTERM); /* handled: the process goes on */
  ENSURE(gg_cli_interrupted() == SIGTERM);
  ENSURE(gg_cli_interrupt_report("test", "rerun to finish") == 1);
  ENSURE(access(path, F_OK) != 0); /* removed */
  ENSURE(gg_cli_temp_remove_all() == 0);
  ENSURE_STR(gg_cli_signal_name(SIGINT), "SIGINT");
}

static void test_temp_registry(void) {
  char path[64];
  for (int i = 0; i < 64; i++) {
    snprintf(path, sizeof path, "/nonexistent/t%d", i);
    ENSURE(gg_cli_temp_register(path) == 0);
  }
  ENSURE(gg_cli_temp_register("/nonexistent/one-too-many") == -1);
  gg_cli_temp_unregister("/nonexistent/t5");
  ENSURE(gg_cli_temp_register("/nonexistent/again") == 0);
  ENSURE(gg_cli_temp_remove_all() == 0); /* none existed */
  ENSURE(gg_cli_temp_register("/nonexistent/after") == 0);
  gg_cli_temp_unregister("/nonexistent/after");
}

static const gg_test_case tests[] = {
    {"estimate_grows", test_estimate_grows},
    {"estimate_matches", test_estimate_matches},
    {"parse_size", test_parse_size},
    {"check_memory", test_check_memory},
    {"signal_flag_and_temps", test_signal_flag_and_temps},
    {"temp_registry", test_temp_registry},
};

GG_TEST_MAIN(tests)
