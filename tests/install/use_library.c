#include <greatgame/greatgame.h>
#include <stdio.h>
int main(void) {
  gg_error err;
  gg_scenario *sc = gg_scenario_baseline(&err);
  if (!sc) {
    puts(err.msg);
    return 1;
  }
  gg_sim *sim = gg_sim_create(sc, 1);
  gg_sim_run(sim, NULL);
  printf("%s %s KZ RU %.4f\n", gg_version(), gg_scenario_name(sc), gg_sim_share(sim, 0, 3));
  gg_sim_free(sim);
  gg_scenario_free(sc);
  return 0;
}
