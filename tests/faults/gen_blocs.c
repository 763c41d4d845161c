/* Writes extreme but valid scenarios for the numeric-limit tests: the
   baseline with NBLOCS extra blocs, every power sponsoring each, every state
   a member, each channel's multiplier and the bonus set to VALUE.
   Usage: gen_blocs OUT.json NBLOCS VALUE */
#include <greatgame/greatgame.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: gen_blocs OUT.json NBLOCS VALUE\n");
    return 2;
  }
  int n = atoi(argv[2]);
  double value = strtod(argv[3], NULL);
  cJSON *root = cJSON_Parse(gg_baseline_json());
  gg_error err;
  gg_scenario *sc = gg_scenario_baseline(&err);
  if (!root || !sc) {
    fprintf(stderr, "gen_blocs: cannot read the baseline\n");
    return 1;
  }
  cJSON *blocs = cJSON_GetObjectItem(root, "blocs");
  for (int b = 0; b < n; b++) {
    cJSON *bl = cJSON_CreateObject();
    char id[32];
    snprintf(id, sizeof id, "X%d", b);
    cJSON_AddStringToObject(bl, "id", id);
    cJSON_AddStringToObject(bl, "name", id);
    cJSON *sp = cJSON_AddArrayToObject(bl, "sponsors");
    for (int p = 0; p < gg_scenario_powers(sc); p++)
      cJSON_AddItemToArray(sp, cJSON_CreateString(gg_power_id(sc, p)));
    cJSON_AddNumberToObject(bl, "bonus", value);
    cJSON *m = cJSON_AddObjectToObject(bl, "multipliers");
    for (int c = 0; c < gg_scenario_channels(sc); c++)
      cJSON_AddNumberToObject(m, gg_channel_id(sc, c), value);
    cJSON *mem = cJSON_AddArrayToObject(bl, "members");
    for (int s = 0; s < gg_scenario_states(sc); s++)
      cJSON_AddItemToArray(mem, cJSON_CreateString(gg_state_id(sc, s)));
    cJSON_AddItemToArray(blocs, bl);
  }
  char *text = cJSON_Print(root);
  FILE *f = fopen(argv[1], "w");
  int rc = (text && f && fputs(text, f) >= 0 && fclose(f) == 0) ? 0 : 1;
  if (rc) fprintf(stderr, "%s: cannot write\n", argv[1]);
  cJSON_free(text);
  cJSON_Delete(root);
  gg_scenario_free(sc);
  return rc;
}
