/* Cost per state-tick as the scenario grows, scenario load time, and the
   floor: the arithmetic one state-tick needs, priced at what this CPU
   sustains for each kind of operation.

   - scale: generated scenarios (greatgame generate, seed 1, 132 monthly
     ticks) of 5, 50, 500 and 4096 states with 3 and 8 powers and 3 or 8
     channels, run repeatedly on one thread; nanoseconds of CPU time per
     state-tick, and per state x power x channel-tick.
   - load: gg_scenario_load of the generated files and of the baseline.
   - floor: per state-tick GG-1 needs (fixed strategy, K = P + 1 components)
     2PC + P + K divisions (responses, presence shares, the logit's
     normalisation, the budget split), K exponentials, K normal draws (noise
     on), each priced by a loop of independent operations of that kind at
     the best rate our build reaches (divisions two per instruction). These
     cannot be skipped or replaced without changing the results' bits. The
     other work (about 9PC + 4P + 13K + 2dK additions, multiplications and
     comparisons, d borders) vectorises and overlaps, and is left out: the
     floor is a lower bound.

   usage: bench_scale [RESULT_DIR] [SECONDS]   (CPU seconds per case, default 0.5)
   Writes RESULT_DIR/bench_scale.csv, bench_load.csv and bench_floor.csv. */
#include "bench_util.h"

#include <math.h>
#include <string.h>

#include "kernel.h"

static double scale_cpu(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ---- unit costs (ns per operation, independent operations) ------------- */

#define FLOOR_N 4096

typedef struct unit_costs {
  double div, div_paired, exp, gauss, simple;
} unit_costs;

static volatile double floor_sink;

static double floor_time(int kind, const double *a, const double *b, double *y, const int *idx,
                         gg_rng *r) {
  long reps = 0;
  double t0 = scale_cpu(), t;
  do {
    switch (kind) {
    case 0: /* the index keeps the compiler from pairing divisions into one instruction */
      for (int i = 0; i < FLOOR_N; i++)
        y[i] = a[i] / b[idx[i]];
      break;
    case 1:
      for (int i = 0; i < FLOOR_N; i++)
        y[i] = a[i] / b[i];
      break;
    case 2:
      for (int i = 0; i < FLOOR_N; i++)
        y[i] = gg_exp(a[i]);
      break;
    case 3:
      for (int i = 0; i < FLOOR_N; i++)
        y[i] = gg_rng_normal(r);
      break;
    default:
      for (int i = 0; i < FLOOR_N; i++)
        y[i] = a[i] * b[i] + y[i];
      break;
    }
    floor_sink = y[reps % FLOOR_N];
    reps++;
    t = scale_cpu() - t0;
  } while (t < 0.2);
  return 1e9 * t / ((double)reps * FLOOR_N);
}

static int floor_units(unit_costs *uc) {
  double *a = malloc(3 * FLOOR_N * sizeof(double));
  int *idx = malloc(FLOOR_N * sizeof(int));
  gg_rng rng, *r = &rng;
  if (!a || !idx) {
    free(a);
    free(idx);
    return -1;
  }
  double *b = a + FLOOR_N, *y = b + FLOOR_N;
  gg_rng_seed(r, 1);
  for (int i = 0; i < FLOOR_N; i++) {
    a[i] = -5.0 * gg_rng_uniform(r);
    b[i] = 1.0 + gg_rng_uniform(r);
    y[i] = 0;
    idx[i] = i;
  }
  uc->div = floor_time(0, a, b, y, idx, r);
  uc->div_paired = floor_time(1, a, b, y, idx, r);
  uc->exp = floor_time(2, a, b, y, idx, r);
  uc->gauss = floor_time(3, a, b, y, idx, r);
  uc->simple = floor_time(4, a, b, y, idx, r);
  free(a);
  free(idx);
  return 0;
}

/* The floor of one state-tick in ns, for P powers, C channels, d borders. */
static double floor_ns(const unit_costs *uc, int P, int C, double d) {
  int K = P + 1;
  (void)d; /* the cheap operations vectorise and overlap with the rest: not counted */
  return uc->div_paired * (2.0 * P * C + P + K) + uc->exp * K + uc->gauss * K;
}

/* ---- scale ------------------------------------------------------------- */

/* CPU ns per state-tick of `sc` (runs repeated for about `target` s). */
static double scale_measure(const gg_scenario *sc, double target) {
  gg_sim *sim = gg_sim_create(sc, gg_scenario_seed(sc));
  if (!sim) return -1;
  long runs = 0;
  double t0 = scale_cpu(), t;
  do {
    gg_sim_reset(sim, gg_seed_derive(gg_scenario_seed(sc), 0, (uint64_t)runs));
    gg_sim_run(sim, NULL);
    runs++;
    t = scale_cpu() - t0;
  } while (t < target);
  gg_sim_free(sim);
  return 1e9 * t / ((double)runs * gg_scenario_ticks(sc) * gg_scenario_states(sc));
}

/* Mean borders per state (after making the network symmetric). */
static double scale_degree(int S) {
  int W = (int)ceil(sqrt((double)S));
  long edges = 0;
  for (int s = 0; s < S; s++)
    edges += (s % W + 1 < W && s + 1 < S) + (s + W < S);
  return 2.0 * (double)edges / S + 0.2 * 2.0; /* about 1 in 5 states also has a diagonal */
}

static int bench_scale_cases(FILE *f, FILE *ff, const unit_costs *uc, double target) {
  static const int sizes[][3] = {{5, 3, 3},   {50, 3, 3},  {500, 3, 3}, {4096, 3, 3},
                                 {5, 8, 3},   {50, 8, 3},  {500, 8, 3}, {4096, 8, 3},
                                 {500, 3, 8}, {500, 8, 8}, {4096, 8, 8}};
  printf("\n%-26s %12s %14s %11s %9s\n", "generated scenario", "ns/state-tick", "ns/(s*p*c)-tick",
         "floor ns", "x floor");
  for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
    int S = sizes[i][0], P = sizes[i][1], C = sizes[i][2];
    gg_scenario *sc = bench_generated(S, P, C, 132);
    if (!sc) return 1;
    double ns = scale_measure(sc, target);
    gg_scenario_free(sc);
    if (ns < 0) return 1;
    double fl = floor_ns(uc, P, C, scale_degree(S));
    char name[64];
    snprintf(name, sizeof name, "%d states %d powers %d ch", S, P, C);
    printf("%-26s %12.1f %14.2f %11.1f %9.2f\n", name, ns, ns / (P * C), fl, ns / fl);
    fprintf(f, "%d,%d,%d,132,%.2f,%.3f\n", S, P, C, ns, ns / (P * C));
    fprintf(ff, "%d,%d,%d,%.2f,%.2f,%.3f\n", S, P, C, fl, ns, ns / fl);
    fflush(stdout);
  }
  /* ticks: the cost of a tick does not depend on how many there are */
  printf("\n%-26s %12s\n", "ticks (500 states 3 x 3)", "ns/state-tick");
  for (int ticks = 12; ticks <= 1320; ticks *= 10) {
    gg_scenario *sc = bench_generated(500, 3, 3, ticks);
    if (!sc) return 1;
    double ns = scale_measure(sc, target);
    gg_scenario_free(sc);
    printf("%-26d %12.1f\n", ticks, ns);
    fprintf(f, "500,3,3,%d,%.2f,%.3f\n", ticks, ns, ns / 9);
  }
  return 0;
}

/* ---- load -------------------------------------------------------------- */

static double load_time(const char *path, int *ok) {
  gg_error err;
  long n = 0;
  double t0 = bench_clock(), t;
  do {
    gg_scenario *sc = gg_scenario_load(path, &err);
    if (!sc) {
      fprintf(stderr, "bench_scale: %s\n", err.msg);
      *ok = 0;
      return -1;
    }
    gg_scenario_free(sc);
    n++;
    t = bench_clock() - t0;
  } while (t < 0.3);
  return t / (double)n;
}

static int bench_load(const char *dir, FILE *f) {
  static const int sizes[][2] = {{5, 3}, {500, 8}, {4096, 3}, {4096, 8}};
  printf("\n%-40s %10s %12s\n", "scenario load (gg_scenario_load)", "bytes", "ms per load");
  int ok = 1;
  char path[4200];
  snprintf(path, sizeof path, "%s/central_asia_2020.json", GG_SCENARIO_DIR);
  struct stat st;
  if (stat(path, &st) == 0) {
    double t = load_time(path, &ok);
    printf("%-40s %10lld %12.3f\n", "scenarios/central_asia_2020.json", (long long)st.st_size,
           1e3 * t);
    fprintf(f, "central_asia_2020,%lld,%.4f\n", (long long)st.st_size, 1e3 * t);
  }
  for (size_t i = 0; i < sizeof sizes / sizeof sizes[0] && ok; i++) {
    gg_generate_options o = gg_generate_defaults();
    o.states = sizes[i][0], o.powers = sizes[i][1];
    char *text;
    size_t len;
    gg_error err;
    if (gg_generate_json(&o, &text, &len, &err) != 0) {
      fprintf(stderr, "bench_scale: %s\n", err.msg);
      return 1;
    }
    snprintf(path, sizeof path, "%s/generated_%d_%d.json", dir, o.states, o.powers);
    FILE *g = fopen(path, "w");
    int wrote = g && fwrite(text, 1, len, g) == len;
    if (g && fclose(g) != 0) wrote = 0;
    gg_free(text);
    if (!wrote) {
      fprintf(stderr, "bench_scale: cannot write %s\n", path);
      return 1;
    }
    double t = load_time(path, &ok);
    char name[64];
    snprintf(name, sizeof name, "generated %d states %d powers 3 ch", o.states, o.powers);
    printf("%-40s %10zu %12.3f\n", name, len, 1e3 * t);
    fprintf(f, "generated_%d_%d_3,%zu,%.4f\n", o.states, o.powers, len, 1e3 * t);
    remove(path);
  }
  return ok ? 0 : 1;
}

int main(int argc, char **argv) {
  const char *out = argc > 1 ? argv[1] : ".";
  double target = argc > 2 ? atof(argv[2]) : 0.5;
  unit_costs uc;
  if (floor_units(&uc) != 0) {
    fprintf(stderr, "bench_scale: out of memory\n");
    return 1;
  }
  printf("unit costs on this CPU (ns, independent operations): division %.2f (two per "
         "instruction: %.2f), exp %.2f, normal draw %.2f, multiply-add %.2f\n",
         uc.div, uc.div_paired, uc.exp, uc.gauss, uc.simple);
  FILE *f = bench_csv(out, "bench_scale.csv",
                      "states,powers,channels,ticks,ns_per_state_tick,"
                      "ns_per_spc_tick");
  FILE *ff = bench_csv(out, "bench_floor.csv", "states,powers,channels,floor_ns,measured_ns,ratio");
  FILE *fl = bench_csv(out, "bench_load.csv", "scenario,bytes,ms_per_load");
  if (!f || !ff || !fl) return 1;
  fprintf(ff, "# unit ns: div %.3f div_paired %.3f exp %.3f gauss %.3f simple %.3f\n", uc.div,
          uc.div_paired, uc.exp, uc.gauss, uc.simple);
  int rc = bench_scale_cases(f, ff, &uc, target);
  if (!rc) rc = bench_load(out, fl);
  fclose(f);
  fclose(ff);
  fclose(fl);
  return rc;
}
