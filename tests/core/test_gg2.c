/* GG-2 (docs/model.md, "GG-2"): each new mechanism against values computed
   by hand for tiny scenarios (the arithmetic is in the comments), the
   reduction to GG-1 when every new key keeps its default, GG-2's parameter
   paths, and the loader's messages for format 2. */
#include "harness.h"
#include "internal.h"

#include <greatgame/gg2.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define TOL 1e-12

/* gg_sim_create hands GG-2 scenarios to ggl_gg2_init, and gg_sim_step to
   ggl_gg2_step. Where a build's sim.c does not do it yet, the test drives
   the same functions itself, so that it checks GG-2 either way. */
static int wired = -1;

static gg_sim *create2(const gg_scenario *sc, uint64_t seed) {
  gg_sim *sim = gg_sim_create(sc, seed);
  if (!sim) return NULL;
  if (wired < 0) wired = sim->g2 != NULL;
  if (!sim->g2 && ggl_gg2_init(sim) != 0) {
    ggl_gg2_free(sim);
    gg_sim_free(sim);
    return NULL;
  }
  return sim;
}

static void step2(gg_sim *sim) {
  if (wired)
    gg_sim_step(sim);
  else
    ggl_gg2_step(sim);
}

static void free2(gg_sim *sim) {
  if (!wired) ggl_gg2_free(sim);
  gg_sim_free(sim);
}

static gg_error last_err; /* of the last tiny2 */

/* Format 2: states from `states` (each "gdp": 10, USD 10 billion), powers
   from `powers`, channels inv and sec (half-life 1: retention 1/2) with
   the extra keys given; defaults autonomy 0, lambda 1/2, tau 1, backlash 1
   above 0.6, weights inv 1 and sec 0.5, saturation 2, no noise. */
static gg_scenario *tiny2(const char *inv, const char *sec, const char *powers, const char *states,
                          const char *extra) {
  char buf[8192];
  snprintf(buf, sizeof buf,
           "{\"format\":2,\"model\":\"GG-2\",\"name\":\"tiny\",\"time\":{\"start\":\"2020-01\","
           "\"step\":\"month\",\"ticks\":4},"
           "\"channels\":[{\"id\":\"inv\",\"half_life\":1%s},{\"id\":\"sec\",\"half_life\":1%s}],"
           "\"powers\":[%s],"
           "\"defaults\":{\"autonomy\":0,\"responsiveness\":0.5,\"decisiveness\":1,"
           "\"backlash\":{\"strength\":1,\"threshold\":0.6},\"neighbour_weight\":0,\"noise\":0,"
           "\"weights\":{\"inv\":1,\"sec\":0.5},\"saturation\":{\"inv\":2,\"sec\":2}},"
           "\"states\":[%s]%s}",
           inv, sec, powers, states, extra);
  return gg_scenario_parse(buf, strlen(buf), "tiny.json", &last_err);
}

#define STATE(id, more)                                                                            \
  "{\"id\":\"" id "\",\"name\":\"" id "\",\"population\":1,\"gdp\":10,"                            \
  "\"alignment\":{\"autonomy\":1}" more "}"

static double logit3(double u0, double u1, double u2, int k) {
  double m = fmax(u0, fmax(u1, u2));
  double e0 = exp(u0 - m), e1 = exp(u1 - m), e2 = exp(u2 - m), z = e0 + e1 + e2;
  return (k == 0 ? e0 : k == 1 ? e1 : e2) / z;
}

static void ties_dependence_hedging_and_visible_backlash(void) {
  /* P puts 2 into inv (dependence 0.5, visible), Q 6 into sec (invisible).
     After one tick: R_P,inv = 2/4 = 0.5, R_Q,sec = 6/8 = 0.75.
     Ties E_P = 1*0.5 = 0.5, E_Q = 0.5*0.75 = 0.375.
     Dependence D_P = 0.5*2/(1000*10) = 1e-4, D_Q = 0.
     Visible presence V_P = 0.5, V_Q = 0: piV_P = 1, B_P = 1*(1-0.6) = 0.4.
     Hedging capacity H = 0.375 (every tie but P's).
     U0 = 3*0.375 = 1.125; U_P = 1.5*0.5 + 2*1e-4 - 0.4 = 0.3502;
     U_Q = 1.5*0.375 = 0.5625; a = 0.5*a0 + 0.5*T. */
  gg_scenario *sc = tiny2(",\"dependence\":0.5", ",\"visibility\":0",
                          "{\"id\":\"P\",\"name\":\"P\",\"budget\":{\"inv\":2}},"
                          "{\"id\":\"Q\",\"name\":\"Q\",\"budget\":{\"sec\":6}}",
                          STATE("S", ",\"ties_pull\":1.5,\"leverage\":2,\"hedging\":3"), "");
  ENSURE(sc);
  ENSURE(gg_scenario_model(sc) == 2);
  gg_sim *sim = create2(sc, 1);
  ENSURE(sim);
  ENSURE(gg_sim_ties(sim, 0, 0) == 0.0); /* before the first step */
  step2(sim);
  ENSURE_NEAR(gg_sim_ties(sim, 0, 0), 0.5, TOL);
  ENSURE_NEAR(gg_sim_ties(sim, 0, 1), 0.375, TOL);
  ENSURE_NEAR(gg_sim_dependence(sim, 0, 0), 1e-4, TOL);
  ENSURE_NEAR(gg_sim_dependence(sim, 0, 1), 0.0, TOL);
  ENSURE_NEAR(gg_sim_hedging_capacity(sim, 0), 0.375, TOL);
  double u0 = 1.125, u1 = 0.3502, u2 = 0.5625;
  gg_utility_terms u;
  gg_sim_utility(sim, 0, 1, &u, NULL);
  ENSURE_NEAR(u.total, u1, TOL);
  ENSURE_NEAR(u.backlash, -0.4, TOL);
  gg_sim_utility(sim, 0, 2, &u, NULL);
  ENSURE_NEAR(u.total, u2, TOL);
  ENSURE_NEAR(u.backlash, 0.0, TOL);
  gg_sim_utility(sim, 0, 0, &u, NULL);
  ENSURE_NEAR(u.total, u0, TOL);
  for (int k = 0; k < 3; k++)
    ENSURE_NEAR(gg_sim_share(sim, 0, k), 0.5 * (k == 0) + 0.5 * logit3(u0, u1, u2, k), TOL);
  /* the GG-2 decomposition: each term, and their sum is the utility */
  gg_gg2_utility_terms t;
  gg_sim_gg2_utility(sim, 0, 1, &t);
  ENSURE_NEAR(t.ties, 0.75, TOL);
  ENSURE_NEAR(t.dependence, 2e-4, TOL);
  ENSURE_NEAR(t.backlash, -0.4, TOL);
  ENSURE(t.regime == 0 && t.conditionality == 0 && t.hedging == 0);
  ENSURE_NEAR(t.affinity + t.ties + t.dependence + t.regime + t.conditionality + t.bloc +
                  t.backlash + t.hedging + t.neighbour + t.noise,
              t.total, TOL);
  ENSURE_NEAR(t.total, u1, TOL);
  gg_sim_gg2_utility(sim, 0, 0, &t);
  ENSURE_NEAR(t.hedging, 1.125, TOL);
  ENSURE_NEAR(t.total, u0, TOL);
  free2(sim);
  gg_scenario_free(sc);
}

static void regime_security_follows_unrest_events(void) {
  /* Q alone puts 6 into sec, a guarantor; no backlash; rho 2; unrest 0
     until a set event makes it 0.5 at tick 1.
     Tick 1: R = 6/8 = 0.75; U_Q = 0.5*0.75 = 0.375 (no unrest).
     Tick 2: X = 3 + 6 = 9, R = 9/11; U_Q = 0.5*R + 2*0.5*R = 1.5*9/11. */
  gg_scenario *sc =
      tiny2("", ",\"guarantor\":true", "{\"id\":\"Q\",\"name\":\"Q\",\"budget\":{\"sec\":6}}",
            STATE("S", ",\"regime_security\":2,\"backlash\":{\"strength\":0,"
                       "\"threshold\":0.6}"),
            ",\"events\":[{\"type\":\"set\",\"at\":1,\"path\":\"states.S.unrest\","
            "\"value\":0.5}]");
  ENSURE(sc);
  gg_sim *sim = create2(sc, 1);
  ENSURE(sim);
  gg_utility_terms u;
  step2(sim);
  gg_sim_utility(sim, 0, 1, &u, NULL);
  ENSURE_NEAR(u.total, 0.375, TOL);
  step2(sim);
  gg_sim_utility(sim, 0, 1, &u, NULL);
  ENSURE_NEAR(u.total, 1.5 * 9.0 / 11.0, TOL);
  gg_gg2_utility_terms t;
  gg_sim_gg2_utility(sim, 0, 1, &t);
  ENSURE_NEAR(t.regime, 9.0 / 11.0, TOL);
  ENSURE_NEAR(t.ties, 0.5 * 9.0 / 11.0, TOL);
  free2(sim);
  gg_scenario_free(sc);
}

static void conditionality_costs_attraction(void) {
  /* No budgets: E = D = G = 0, no presence, no backlash. P attaches
     conditions 2 and the state's aversion is 0.25: U_P = 0.3 - 0.5 = -0.2;
     Q has none: U_Q = 0. U0 = 0. */
  gg_scenario *sc =
      tiny2("", "",
            "{\"id\":\"P\",\"name\":\"P\",\"conditionality\":2},"
            "{\"id\":\"Q\",\"name\":\"Q\"}",
            STATE("S", ",\"affinity\":{\"P\":0.3},\"conditionality_aversion\":0.25"), "");
  ENSURE(sc);
  gg_sim *sim = create2(sc, 1);
  ENSURE(sim);
  step2(sim);
  gg_utility_terms u;
  gg_sim_utility(sim, 0, 1, &u, NULL);
  ENSURE_NEAR(u.total, -0.2, TOL);
  gg_sim_utility(sim, 0, 2, &u, NULL);
  ENSURE_NEAR(u.total, 0.0, TOL);
  ENSURE_NEAR(gg_sim_share(sim, 0, 1), 0.5 * logit3(0, -0.2, 0, 1), TOL);
  gg_gg2_utility_terms t;
  gg_sim_gg2_utility(sim, 0, 1, &t);
  ENSURE_NEAR(t.conditionality, -0.5, TOL);
  ENSURE_NEAR(t.affinity, 0.3, TOL);
  free2(sim);
  gg_scenario_free(sc);
}

static void channel_priority_splits_each_channel(void) {
  /* P (fixed) gives 4 to each channel. priority A 1, B 1 splits inv 2/2;
     channel_priority for sec names A only (3), so B gets 0 there. */
  gg_scenario *sc = tiny2("", "",
                          "{\"id\":\"P\",\"name\":\"P\",\"budget\":{\"inv\":4,\"sec\":4},"
                          "\"priority\":{\"A\":1,\"B\":1},"
                          "\"channel_priority\":{\"sec\":{\"A\":3}}}",
                          STATE("A", "") "," STATE("B", ""), "");
  ENSURE(sc);
  gg_sim *sim = create2(sc, 1);
  ENSURE(sim);
  step2(sim);
  ENSURE_NEAR(gg_sim_effort(sim, 0, 0, 0), 2.0, TOL);
  ENSURE_NEAR(gg_sim_effort(sim, 1, 0, 0), 2.0, TOL);
  ENSURE_NEAR(gg_sim_effort(sim, 0, 0, 1), 4.0, TOL);
  ENSURE_NEAR(gg_sim_effort(sim, 1, 0, 1), 0.0, TOL);
  free2(sim);
  gg_scenario_free(sc);
}

static void contest_counts_dependence(void) {
  /* P contests inv (dependence 1) with budget 4; ties pull 0 and leverage
     1, so the marginal gain is prio*tau*T(1-T)*mu*d/(1000*gdp). Before
     the first step every target is 1/2 in both states, so the budget goes
     in proportion to 1/gdp: A (gdp 10) gets 4*(1/10)/(1/10+1/30) = 3,
     B (gdp 30) gets 1. */
  gg_scenario *sc = tiny2(",\"dependence\":1", "",
                          "{\"id\":\"P\",\"name\":\"P\",\"strategy\":\"contest\","
                          "\"budget\":{\"inv\":4}}",
                          "{\"id\":\"A\",\"name\":\"A\",\"population\":1,\"gdp\":10,"
                          "\"alignment\":{\"autonomy\":1}},"
                          "{\"id\":\"B\",\"name\":\"B\",\"population\":1,\"gdp\":30,"
                          "\"alignment\":{\"autonomy\":1}}",
                          "");
  ENSURE(sc);
  ENSURE(gg_scenario_set(sc, "states.*.ties_pull", 0, NULL) == 2);
  ENSURE(gg_scenario_set(sc, "states.*.leverage", 1, NULL) == 2);
  gg_sim *sim = create2(sc, 1);
  ENSURE(sim);
  step2(sim);
  ENSURE_NEAR(gg_sim_effort(sim, 0, 0, 0), 3.0, TOL);
  ENSURE_NEAR(gg_sim_effort(sim, 1, 0, 0), 1.0, TOL);
  free2(sim);
  gg_scenario_free(sc);
}

/* A shipped scenario as format 2 with "model": "GG-2" and nothing else new. */
static char *as_format2(const char *text) {
  const char *f = strstr(text, "\"format\"");
  if (!f) return NULL;
  const char *one = strchr(f + 8, '1');
  if (!one) return NULL;
  size_t n = strlen(text), head = (size_t)(one - text);
  const char *add = "2, \"model\": \"GG-2\"";
  char *out = malloc(n + strlen(add) + 1);
  if (!out) return NULL;
  memcpy(out, text, head);
  strcpy(out + head, add);
  strcat(out, one + 1);
  return out;
}

static void defaults_reduce_to_gg1(void) {
  /* Every shipped scenario, run as GG-1 and as GG-2 with every new key at
     its default: the same shares within 1e-12 at every tick. */
  DIR *d = opendir(GG_SCENARIO_DIR);
  ENSURE(d);
  int checked = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    size_t n = strlen(e->d_name);
    if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0) continue;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", GG_SCENARIO_DIR, e->d_name);
    gg_error err;
    size_t len;
    char *text = gg_read_file(path, &len, &err);
    ENSURE(text);
    if (strstr(text, "\"format\": 2")) { /* already GG-2 */
      gg_free_buffer(text);
      continue;
    }
    char *t2 = as_format2(text);
    gg_scenario *s1 = gg_scenario_parse(text, len, path, &err);
    gg_scenario *s2 = t2 ? gg_scenario_parse(t2, strlen(t2), path, &err) : NULL;
    if (!s2) fprintf(stderr, "%s: %s\n", e->d_name, err.msg);
    gg_free_buffer(text);
    free(t2);
    ENSURE(s1 && s2);
    ENSURE(gg_scenario_model(s1) == 1 && gg_scenario_model(s2) == 2);
    gg_sim *a = gg_sim_create(s1, 7), *b = create2(s2, 7);
    ENSURE(a && b);
    int S = gg_scenario_states(s1), K = gg_scenario_powers(s1) + 1;
    double worst = 0;
    while (gg_sim_tick(a) < gg_scenario_ticks(s1)) {
      gg_sim_step(a);
      step2(b);
      for (int s = 0; s < S; s++)
        for (int k = 0; k < K; k++)
          worst = fmax(worst, fabs(gg_sim_share(a, s, k) - gg_sim_share(b, s, k)));
    }
    if (!(worst <= TOL)) fprintf(stderr, "%s: differs by %g\n", e->d_name, worst);
    ENSURE(worst <= TOL);
    ENSURE(gg_sim_tick(b) == gg_sim_tick(a));
    gg_sim_free(a);
    free2(b);
    gg_scenario_free(s1);
    gg_scenario_free(s2);
    checked++;
  }
  closedir(d);
  ENSURE(checked >= 5);
}

static void gg2_paths(void) {
  gg_scenario *sc = tiny2("", "",
                          "{\"id\":\"P\",\"name\":\"P\",\"budget\":{\"inv\":4},"
                          "\"channel_priority\":{\"sec\":{\"A\":3}}}",
                          STATE("A", "") "," STATE("B", ",\"unrest\":0.2"), "");
  ENSURE(sc);
  gg_error err;
  double v;
  ENSURE(gg_scenario_get(sc, "states.B.unrest", &v, &err) == 0);
  ENSURE(v == 0.2);
  ENSURE(gg_scenario_get(sc, "states.A.ties_pull", &v, &err) == 0);
  ENSURE(v == 1.0);
  ENSURE(gg_scenario_get(sc, "channels.sec.visibility", &v, &err) == 0);
  ENSURE(v == 1.0);
  ENSURE(gg_scenario_get(sc, "powers.P.channel_priority.sec.A", &v, &err) == 0);
  ENSURE(v == 3.0);
  ENSURE(gg_scenario_get(sc, "powers.P.channel_priority.sec.B", &v, &err) == 0);
  ENSURE(v == 0.0);
  ENSURE(gg_scenario_set(sc, "states.*.hedging", 2, &err) == 2);
  ENSURE(gg_scenario_get(sc, "states.B.hedging", &v, &err) == 0);
  ENSURE(v == 2.0);
  ENSURE(gg_scenario_set(sc, "powers.P.conditionality", 1.5, &err) == 1);
  ENSURE(gg_scenario_set(sc, "powers.*.channel_priority.*.*", 1, &err) == 2);
  ENSURE(gg_scenario_get(sc, "powers.P.channel_priority.sec.B", &v, &err) == 0);
  ENSURE(v == 1.0);
  ENSURE(gg_scenario_set(sc, "powers.P.channel_priority.inv.A", 1, &err) < 0);
  ENSURE_STR(err.msg, "powers.P.channel_priority.inv.A: power \"P\" gives no channel_priority for "
                      "channel \"inv\" (it allocates that channel by priority); list the channel "
                      "in the power's channel_priority first");
  ENSURE(gg_scenario_set(sc, "channels.inv.visibility", 1.5, &err) < 0);
  ENSURE_STR(err.msg, "channels.inv.visibility: must be a number between 0 and 1, got 1.5");
  ENSURE(gg_scenario_set(sc, "states.A.unrest", -0.1, &err) < 0);
  ENSURE_STR(err.msg,
             "states.A.unrest: must be a number between 0 and 1, got -0.10000000000000001");
  ENSURE(gg_scenario_set(sc, "states.C.hedging", 1, &err) < 0);
  ENSURE_STR(err.msg, "states.C.hedging: no state with id \"C\"");
  ENSURE(gg_scenario_set(sc, "states.A.hedgin", 1, &err) < 0);
  ENSURE_STR(err.msg,
             "states.A.hedgin: unknown parameter path; did you mean \"states.A.hedging\"?");
  gg_scenario_free(sc);
  /* GG-1 scenarios know no GG-2 path, and the table they list is GG-1's */
  gg_scenario *g1 = gg_scenario_load(GG_SCENARIO_DIR "/central_asia_2020.json", &err);
  ENSURE(g1);
  ENSURE(gg_scenario_model(g1) == 1);
  ENSURE(gg_scenario_set(g1, "states.KZ.unrest", 1, &err) < 0);
  ENSURE_STR(err.msg, "states.KZ.unrest: a GG-2 parameter, but this scenario runs GG-1 (GG-2 "
                      "needs \"format\": 2 and \"model\": \"GG-2\")");
  for (int i = 0; i < gg_param_count(); i++)
    ENSURE(strstr(gg_param_at(i)->path, "unrest") == NULL);
  gg_scenario_free(g1);
  ENSURE(gg_gg2_param_count() == 10);
  ENSURE(gg_gg2_param_at(-1) == NULL && gg_gg2_param_at(10) == NULL);
  ENSURE_STR(gg_gg2_param_at(2)->path, "powers.<power>.channel_priority.<channel>.<state>");
  ENSURE(gg_gg2_param_at(4)->def == 1.0); /* ties_pull */
}

static const char *parse_error(const char *json) {
  static gg_error err;
  gg_scenario *sc = gg_scenario_parse(json, strlen(json), "x.json", &err);
  if (sc) {
    gg_scenario_free(sc);
    return "(parsed)";
  }
  return err.msg;
}

static void format2_loader_messages(void) {
  ENSURE_STR(parse_error("{\"format\":2}"),
             "x.json: $.model: missing (format 2 scenarios say \"model\": \"GG-2\")");
  ENSURE_STR(parse_error("{\"format\":2,\"model\":\"GG-1\"}"),
             "x.json: $.model: must be \"GG-2\" in a format 2 scenario, got \"GG-1\"");
  ENSURE_STR(parse_error("{\"format\":1,\"model\":\"GG-2\"}"),
             "x.json: $.model: must be \"GG-1\" in a format 1 scenario, got \"GG-2\"");
  ENSURE_STR(parse_error("{\"format\":2,\"model\":2}"),
             "x.json: $.model: expected a string, got 2");
  ENSURE_STR(parse_error("{\"format\":3}"),
             "x.json: $.format: must be 1 (GG-1) or 2 (GG-2), got 3");
  /* GG-2's keys, checked like GG-1's */
  ENSURE(tiny2(",\"guarantor\":1", "", "{\"id\":\"P\",\"name\":\"P\"}", STATE("S", ""), "") ==
         NULL);
  ENSURE_STR(last_err.msg, "tiny.json: $.channels[0].guarantor: expected true or false, got 1");
  gg_scenario *ok =
      tiny2(",\"visibility\":0.5", "", "{\"id\":\"P\",\"name\":\"P\"}", STATE("S", ""), "");
  ENSURE(ok);
  gg_scenario_free(ok);
  ENSURE(tiny2(",\"visibility\":2", "", "{\"id\":\"P\",\"name\":\"P\"}", STATE("S", ""), "") ==
         NULL);
  ENSURE_STR(last_err.msg,
             "tiny.json: $.channels[0].visibility: must be a number between 0 and 1, got 2");
  ENSURE(tiny2("", "", "{\"id\":\"P\",\"name\":\"P\",\"channel_priority\":{\"air\":{\"S\":1}}}",
               STATE("S", ""), "") == NULL);
  ENSURE(strstr(last_err.msg, "tiny.json: $.powers[0].channel_priority.air: ") == last_err.msg);
  ENSURE(tiny2("", "", "{\"id\":\"P\",\"name\":\"P\"}", STATE("S", ",\"unrest\":1.5"), "") == NULL);
  ENSURE_STR(last_err.msg,
             "tiny.json: $.states[0].unrest: must be a number between 0 and 1, got 1.5");
  ENSURE(tiny2("", "", "{\"id\":\"P\",\"name\":\"P\"}", STATE("S", ",\"hedgin\":1"), "") == NULL);
  ENSURE_STR(last_err.msg,
             "tiny.json: $.states[0].hedgin: unknown key \"hedgin\"; did you mean \"hedging\"?");
}

static void docs_list_gg2_rows(void) {
  /* docs/scenarios.md, "GG-2's parameter paths": each row of GG-2's table
     as `greatgame params` prints GG-1's rows. */
  char path[1024];
  snprintf(path, sizeof path, "%s/../docs/scenarios.md", GG_SCENARIO_DIR);
  gg_error err;
  size_t len;
  char *doc = gg_read_file(path, &len, &err);
  ENSURE(doc);
  int missing = 0;
  for (int i = 0; i < gg_gg2_param_count(); i++) {
    const gg_param_info *in = gg_gg2_param_at(i);
    char line[1024];
    snprintf(line, sizeof line, "| `%s` | %s%.17g, %.17g%s | %.17g | %s | %s | %s |", in->path,
             in->lo_open ? "(" : "[", in->lo, in->hi, in->hi_open ? ")" : "]", in->def,
             in->unit[0] ? in->unit : "-", in->in_events ? "yes" : "no", in->doc);
    if (!strstr(doc, line)) {
      fprintf(stderr, "docs/scenarios.md lacks the row:\n%s\n", line);
      missing++;
    }
  }
  gg_free_buffer(doc);
  ENSURE(missing == 0);
}

/* ---- running out of memory --------------------------------------------------- */

static long live_blocks, allocs_left = -1; /* -1: never fail */

static void *failing_alloc(size_t n) {
  if (allocs_left == 0) return NULL;
  if (allocs_left > 0) allocs_left--;
  void *p = malloc(n);
  if (p) live_blocks++;
  return p;
}

static void counting_free(void *p) {
  if (p) {
    live_blocks--;
    free(p);
  }
}

static void out_of_memory_fails_cleanly(void) {
  /* Fail the first, second, ... allocation of loading a GG-2 scenario,
     creating its simulation and stepping it: every failure is reported
     (NULL), never a crash, and frees everything it took. */
  gg_set_allocator(failing_alloc, counting_free);
  int completed = 0;
  for (long n = 0; n < 5000 && !completed; n++) {
    live_blocks = 0;
    allocs_left = n;
    gg_scenario *sc = tiny2(",\"dependence\":1", ",\"guarantor\":true",
                            "{\"id\":\"P\",\"name\":\"P\",\"budget\":{\"inv\":2,\"sec\":1},"
                            "\"channel_priority\":{\"sec\":{\"A\":1}}}",
                            STATE("A", ",\"unrest\":0.5") "," STATE("B", ""), "");
    gg_sim *sim = sc ? create2(sc, 1) : NULL;
    if (sim) {
      for (int t = 0; t < 4; t++)
        step2(sim);
      completed = gg_sim_tick(sim) == 4;
      free2(sim);
    }
    gg_scenario_free(sc);
    allocs_left = -1;
    if (live_blocks != 0)
      fprintf(stderr, "failing allocation %ld: %ld blocks left\n", n, live_blocks);
    ENSURE(live_blocks == 0);
  }
  gg_set_allocator(NULL, NULL);
  ENSURE(completed);
}

static const gg_test_case tests[] = {
    {"ties_dependence_hedging_and_visible_backlash", ties_dependence_hedging_and_visible_backlash},
    {"regime_security_follows_unrest_events", regime_security_follows_unrest_events},
    {"conditionality_costs_attraction", conditionality_costs_attraction},
    {"channel_priority_splits_each_channel", channel_priority_splits_each_channel},
    {"contest_counts_dependence", contest_counts_dependence},
    {"defaults_reduce_to_gg1", defaults_reduce_to_gg1},
    {"gg2_paths", gg2_paths},
    {"format2_loader_messages", format2_loader_messages},
    {"docs_list_gg2_rows", docs_list_gg2_rows},
    {"out_of_memory_fails_cleanly", out_of_memory_fails_cleanly},
};

GG_TEST_MAIN(tests)
