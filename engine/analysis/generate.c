/* Random valid scenarios of any size (`greatgame generate`, benchmarks and
   tests). The scenario is laid out as a grid of states, each bordering the
   next in its row and the one below (and, now and then, the one diagonally
   below), so every state has a few borders whatever the size. */
#include "gg_util.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define GEN_MILLION 1000000

static const char *const gen_channel_names[GG_MAX_CHANNELS] = {
    "investment", "security",  "diplomacy",   "trade",      "energy", "media",
    "education",  "migration", "remittances", "technology", "arms",   "aid",
    "culture",    "finance",   "transport",   "health"};

/* A growing text buffer; `oom` sticks once an allocation fails. */
typedef struct gen_buf {
  char *p;
  size_t n, cap;
  int oom;
} gen_buf;

static void gen_put(gen_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void gen_put(gen_buf *b, const char *fmt, ...) {
  if (b->oom) return;
  for (;;) {
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(b->p ? b->p + b->n : NULL, b->p ? b->cap - b->n : 0, fmt, ap);
    va_end(ap);
    if (k < 0) {
      b->oom = 1;
      return;
    }
    if (b->p && b->n + (size_t)k < b->cap) {
      b->n += (size_t)k;
      return;
    }
    size_t cap = b->cap ? b->cap : 65536;
    while (cap <= b->n + (size_t)k)
      cap *= 2;
    char *q = gg_malloc(cap);
    if (!q) {
      b->oom = 1;
      return;
    }
    if (b->p)
      memcpy(q, b->p, b->n + 1);
    else
      q[0] = '\0';
    gg_free(b->p);
    b->p = q;
    b->cap = cap;
  }
}

gg_generate_options gg_generate_defaults(void) {
  gg_generate_options o = {
      .states = 5, .powers = 3, .channels = 3, .ticks = 132, .contest = 0, .seed = 1};
  return o;
}

/* The core's own random stream (xoshiro256**), so a generated file has the
   same bytes on every platform. */
static double gen_uniform(gg_rng *r, double lo, double hi) {
  return lo + (hi - lo) * gg_rng_uniform(r);
}

/* A whole number in [0, n), n >= 1 (the modulo's bias, below n / 2^64, is
   immaterial here). */
static unsigned long gen_int(gg_rng *r, unsigned long n) {
  return (unsigned long)(gg_rng_next(r) % (uint64_t)n);
}

/* Tick t of a monthly run starting in 2020-01, as a date. */
static void gen_date(int t, char *buf, size_t size) {
  snprintf(buf, size, "%04d-%02d", 2020 + t / 12, t % 12 + 1);
}

static void gen_channels(gen_buf *b, const gg_generate_options *o, gg_rng *r) {
  static const int known[] = {120, 60, 6};
  gen_put(b, "  \"channels\": [\n");
  for (int c = 0; c < o->channels; c++) {
    int hl = c < 3 ? known[c] : 6 + (int)gen_int(r, 115);
    gen_put(b, "    { \"id\": \"%s\", \"half_life\": %d, \"unit\": \"index\" }%s\n",
            gen_channel_names[c], hl, c + 1 < o->channels ? "," : "");
  }
  gen_put(b, "  ],\n");
}

/* Saturation of channel c (the defaults' value): 1 to 1000 units. */
static void gen_powers(gen_buf *b, const gg_generate_options *o, gg_rng *r, const double *sat) {
  gen_put(b, "  \"powers\": [\n");
  for (int p = 0; p < o->powers; p++) {
    gen_put(b,
            "    { \"id\": \"P%d\", \"name\": \"Power %d\", \"color\": \"#%06lx\", "
            "\"strategy\": \"%s\", \"focus\": 1,\n      \"budget\": {",
            p + 1, p + 1, gen_int(r, 0x1000000), o->contest ? "contest" : "fixed");
    for (int c = 0; c < o->channels; c++) {
      /* enough to hold stocks near saturation: u ~ h ln2 / half-life per state */
      double budget = (double)o->states * sat[c] * gen_uniform(r, 0.002, 0.02);
      gen_put(b, "%s \"%s\": %.4g", c ? "," : "", gen_channel_names[c], budget);
    }
    gen_put(b, " },\n      \"priority\": {");
    for (int s = 0; s < o->states; s++)
      gen_put(b, "%s\"S%d\": %.2f", s ? ", " : " ", s + 1, gen_uniform(r, 0.0, 2.0));
    gen_put(b, " } }%s\n", p + 1 < o->powers ? "," : "");
  }
  gen_put(b, "  ],\n");
}

static void gen_defaults_block(gen_buf *b, const gg_generate_options *o, const double *sat) {
  gen_put(b, "  \"defaults\": {\n    \"responsiveness\": 0.05, \"decisiveness\": 1.0,\n"
             "    \"backlash\": { \"strength\": 2.0, \"threshold\": 0.5 },\n"
             "    \"neighbour_weight\": 0.3, \"noise\": 0.05,\n    \"weights\": {");
  for (int c = 0; c < o->channels; c++)
    gen_put(b, "%s \"%s\": %.2f", c ? "," : "", gen_channel_names[c], c == 2 ? 0.5 : 1.0);
  gen_put(b, " },\n    \"saturation\": {");
  for (int c = 0; c < o->channels; c++)
    gen_put(b, "%s \"%s\": %.4g", c ? "," : "", gen_channel_names[c], sat[c]);
  gen_put(b, " }\n  },\n");
}

/* Shares in millionths summing to exactly one million (largest remainder),
   so the printed alignment sums to 1 exactly. */
static void gen_alignment(gg_rng *r, int K, double *theta, double *alpha, int *micro) {
  /* Dirichlet(2, ..., 2): normalised Gamma(2) draws, each the sum of two
     exponentials, -log((1 - u1)(1 - u2)). */
  double sum = 0;
  for (int k = 0; k < K; k++) {
    alpha[k] = -gg_log((1.0 - gg_rng_uniform(r)) * (1.0 - gg_rng_uniform(r)));
    sum += alpha[k];
  }
  for (int k = 0; k < K; k++)
    theta[k] = alpha[k] / sum;
  int total = 0;
  for (int k = 0; k < K; k++) {
    micro[k] = (int)floor(theta[k] * GEN_MILLION);
    total += micro[k];
  }
  while (total < GEN_MILLION) {
    int best = 0;
    double rem = -1;
    for (int k = 0; k < K; k++) {
      double d = theta[k] * GEN_MILLION - micro[k];
      if (d > rem) rem = d, best = k;
    }
    micro[best]++;
    theta[best] = (double)micro[best] / GEN_MILLION; /* not chosen twice */
    total++;
  }
}

static void gen_states(gen_buf *b, const gg_generate_options *o, gg_rng *r, const double *sat) {
  int S = o->states, P = o->powers, C = o->channels, K = P + 1;
  int W = (int)ceil(sqrt((double)S));
  double theta[GG_MAX_POWERS + 1], alpha[GG_MAX_POWERS + 1];
  int micro[GG_MAX_POWERS + 1];
  gen_put(b, "  \"states\": [\n");
  for (int s = 0; s < S; s++) {
    double pop = gg_pow(10.0, gen_uniform(r, -0.5, 2.3));
    double gdp = pop * gg_pow(10.0, gen_uniform(r, 0.0, 1.5));
    gen_put(b,
            "    { \"id\": \"S%d\", \"name\": \"State %d\", \"population\": %.3f, \"gdp\": %.3f,"
            " \"autonomy\": %.3f,\n      \"alignment\": {",
            s + 1, s + 1, pop, gdp, gen_uniform(r, 0.5, 1.5));
    gen_alignment(r, K, theta, alpha, micro);
    for (int k = 0; k < K; k++) {
      char id[16];
      if (k == 0)
        snprintf(id, sizeof id, "autonomy");
      else
        snprintf(id, sizeof id, "P%d", k);
      gen_put(b, "%s \"%s\": %d.%06d", k ? "," : "", id, micro[k] / GEN_MILLION,
              micro[k] % GEN_MILLION);
    }
    gen_put(b, " },\n      \"affinity\": {");
    for (int p = 0; p < P; p++)
      gen_put(b, "%s \"P%d\": %.3f", p ? "," : "", p + 1, gen_uniform(r, -0.5, 0.5));
    gen_put(b, " },\n      \"stocks\": {");
    int first = 1;
    for (int p = 0; p < P; p++) {
      if (gg_rng_uniform(r) < 0.5) continue;
      gen_put(b, "%s \"P%d\": {", first ? "" : ",", p + 1);
      first = 0;
      for (int c = 0; c < C; c++)
        gen_put(b, "%s \"%s\": %.4g", c ? "," : "", gen_channel_names[c],
                sat[c] * gen_uniform(r, 0.0, 2.0));
      gen_put(b, " }");
    }
    gen_put(b, " },\n      \"neighbours\": {");
    int col = s % W, nn = 0;
    int cand[3] = {col + 1 < W && s + 1 < S ? s + 1 : -1, s + W < S ? s + W : -1,
                   col + 1 < W && s + W + 1 < S && gg_rng_uniform(r) < 0.2 ? s + W + 1 : -1};
    for (int i = 0; i < 3; i++)
      if (cand[i] >= 0)
        gen_put(b, "%s \"S%d\": %.2f", nn++ ? "," : "", cand[i] + 1, gen_uniform(r, 0.5, 1.5));
    gen_put(b, " } }%s\n", s + 1 < S ? "," : "");
  }
  gen_put(b, "  ],\n");
}

/* One bloc per power, up to four, each with about a third of the states. */
static int gen_blocs(gen_buf *b, const gg_generate_options *o, gg_rng *r) {
  int nb = o->powers < 4 ? o->powers : 4;
  int late = o->ticks < 1000 ? o->ticks : 1000;
  gen_put(b, "  \"blocs\": [\n");
  for (int k = 0; k < nb; k++) {
    gen_put(
        b,
        "    { \"id\": \"B%d\", \"name\": \"Bloc %d\", \"sponsors\": [\"P%d\"], \"bonus\": %.3f,"
        " \"multipliers\": { \"%s\": %.3f },\n      \"members\": [",
        k + 1, k + 1, k + 1, gen_uniform(r, 0.05, 0.3), gen_channel_names[k % o->channels],
        gen_uniform(r, 1.0, 1.5));
    int n = 0;
    for (int s = 0; s < o->states; s++) {
      if (gg_rng_uniform(r) >= 0.3 && !(s + 1 == o->states && n == 0)) continue;
      if (gg_rng_uniform(r) < 0.2) {
        char date[32];
        gen_date(1 + (int)gen_int(r, (unsigned long)late), date, sizeof date);
        gen_put(b, "%s{ \"state\": \"S%d\", \"from\": \"%s\" }", n ? ", " : " ", s + 1, date);
      } else {
        gen_put(b, "%s\"S%d\"", n ? ", " : " ", s + 1);
      }
      n++;
    }
    gen_put(b, " ] }%s\n", k + 1 < nb ? "," : "");
  }
  gen_put(b, "  ],\n");
  return nb;
}

static void gen_events(gen_buf *b, const gg_generate_options *o, gg_rng *r, int nblocs,
                       const double *sat) {
  int T = o->ticks, P = o->powers, S = o->states;
  int until = 2 * T / 3 > T / 3 ? 2 * T / 3 : T / 3 + 1;
  gen_put(b, "  \"events\": [\n");
  int s1 = (int)gen_int(r, (unsigned long)S), s2 = s1;
  if (S > 1) /* two different states */
    s2 = (s1 + 1 + (int)gen_int(r, (unsigned long)(S - 1))) % S;
  gen_put(b, "    { \"at\": %d, \"type\": \"inject\", \"power\": \"P1\", \"states\": [\"S%d\"",
          T / 4, s1 + 1);
  if (s2 != s1) gen_put(b, ", \"S%d\"", s2 + 1);
  gen_put(b, "], \"channel\": \"%s\", \"amount\": %.4g, \"note\": \"a state visit\" },\n",
          gen_channel_names[o->channels - 1], 2 * sat[o->channels - 1]);
  gen_put(b,
          "    { \"at\": %d, \"until\": %d, \"type\": \"budget\", \"power\": \"P%d\", \"channel\": "
          "\"%s\", \"scale\": 1.5 },\n",
          T / 3, until, P, gen_channel_names[0]);
  gen_put(b,
          "    { \"at\": %d, \"type\": \"affinity\", \"power\": \"P%d\", \"states\": \"*\","
          " \"delta\": -0.1 },\n",
          T / 2, 1 + (int)gen_int(r, (unsigned long)P));
  if (nblocs > 0)
    gen_put(b, "    { \"at\": %d, \"type\": \"join\", \"state\": \"S%d\", \"bloc\": \"B1\" },\n",
            T / 2, 1 + (int)gen_int(r, (unsigned long)S));
  gen_put(
      b,
      "    { \"at\": %d, \"type\": \"set\", \"path\": \"states.S1.responsiveness\", \"value\": 0.1"
      " },\n",
      T / 5);
  gen_put(
      b,
      "    { \"at\": 0, \"type\": \"shock\", \"hazard\": 0.001, \"states\": \"*\", \"once\": true,"
      " \"effect\": { \"type\": \"affinity\", \"power\": \"P%d\", \"delta\": -0.2 },"
      " \"note\": \"a protest against a foreign project\" }\n",
      P);
  gen_put(b, "  ]\n");
}

int gg_generate_json(const gg_generate_options *o, char **out, size_t *len, gg_error *err) {
  *out = NULL;
  if (len) *len = 0;
  if (o->states < 1 || o->states > GG_MAX_STATES || o->powers < 1 || o->powers > GG_MAX_POWERS ||
      o->channels < 1 || o->channels > GG_MAX_CHANNELS || o->ticks < 1 || o->ticks > GG_MAX_TICKS) {
    gg_err_set(
        err,
        "generate: sizes out of range (states 1..%d, powers 1..%d, channels 1..%d, ticks 1..%d)",
        GG_MAX_STATES, GG_MAX_POWERS, GG_MAX_CHANNELS, GG_MAX_TICKS);
    return -1;
  }
  gg_rng rng, *r = &rng;
  gg_rng_seed(r, o->seed);
  double sat[GG_MAX_CHANNELS];
  for (int c = 0; c < o->channels; c++)
    sat[c] = gg_pow(10.0, round(gen_uniform(r, 0.0, 3.0) * 10.0) / 10.0);
  gen_buf b = {0};
  char start[32];
  gen_date(0, start, sizeof start);
  gen_put(&b,
          "{\n  \"format\": 1,\n  \"name\": \"Generated: %d states, %d powers, %d channels\",\n"
          "  \"description\": \"A random scenario from greatgame generate --states %d --powers %d"
          " --channels %d --ticks %d%s --seed %llu.\",\n"
          "  \"time\": { \"start\": \"%s\", \"step\": \"month\", \"ticks\": %d },\n"
          "  \"seed\": %llu,\n  \"outputs\": { \"weight\": \"population\" },\n",
          o->states, o->powers, o->channels, o->states, o->powers, o->channels, o->ticks,
          o->contest ? " --contest" : "", (unsigned long long)o->seed, start, o->ticks,
          (unsigned long long)o->seed);
  gen_channels(&b, o, r);
  gen_powers(&b, o, r, sat);
  gen_defaults_block(&b, o, sat);
  gen_states(&b, o, r, sat);
  int nb = gen_blocs(&b, o, r);
  gen_events(&b, o, r, nb, sat);
  gen_put(&b, "}\n");
  if (b.oom) {
    gg_free(b.p);
    gg_err_set(err, "generate: out of memory");
    return -1;
  }
  *out = b.p;
  if (len) *len = b.n;
  return 0;
}
