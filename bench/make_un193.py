#!/usr/bin/env python3
"""Write bench/data/un193.json: the 193 member states of the United Nations
with their land borders, under the three powers and three channels of the
Central Asia baseline, for the benchmarks of large worlds (bench_batch).

Source of the states and borders:
  repository  https://github.com/mledoze/countries
  commit      5e9f370050f83ad2ba4cb885f75d66114badf72c (2026-04-27)
  file        countries.json (Open Database License 1.0)
  fields      cca3 (ISO 3166-1 alpha-3 code, used as the state id),
              name.common, unMember, borders (the ISO codes of the countries
              sharing a land border)
The states are the entries with "unMember": true except Vatican City (VAT):
the Holy See is a UN observer state, not a member, though that commit marks
it a member; that leaves the 193 members. A border is kept when both its
ends are members and each lists the other: that drops one entry, Sri
Lanka's "IND" (India does not list Sri Lanka, and the two share no land
border). Every border has weight 1 (the engine normalises the weights of
each state's neighbours). The result has 307 borders; 39 members (islands,
and states whose only land neighbours are not members) have none.

Everything else comes from scenarios/central_asia_2020.json (whose numbers
are sourced in docs/calibration.md): the time axis, the channels, the
powers with their strategies, focus and budgets (no priority, so each power
spreads its budget evenly over the 193 states), and the `defaults`. Each
state takes the baseline Kazakhstan's autonomy, alignment and affinity, and
starts with no stocks. Population and GDP are 1 for every state and the
region measure weighs states equally: a documented judgment for a timing
scenario, where these values enter no computation the benchmark times.
There are no blocs and no events: the benchmark prices the model's
arithmetic per state-tick.

usage: make_un193.py COUNTRIES_JSON BASELINE_JSON OUT_JSON
  (COUNTRIES_JSON: countries.json of the commit above, e.g. from
   git -C countries show 5e9f370050f83ad2ba4cb885f75d66114badf72c:countries.json)
"""
import json
import sys

EXCLUDED = {"VAT": "the Holy See is a UN observer state, not a member"}
EXPECTED = 193


def main(argv):
    if len(argv) != 4:
        sys.stderr.write("usage: make_un193.py COUNTRIES_JSON BASELINE_JSON OUT_JSON\n")
        return 2
    with open(argv[1], encoding="utf-8") as f:
        countries = json.load(f)
    with open(argv[2], encoding="utf-8") as f:
        base = json.load(f)
    members = [c for c in countries if c.get("unMember") and c["cca3"] not in EXCLUDED]
    members.sort(key=lambda c: c["cca3"])
    if len(members) != EXPECTED:
        sys.stderr.write("%s: %d UN members, expected %d\n" % (argv[1], len(members), EXPECTED))
        return 1
    ids = {c["cca3"] for c in members}
    by_id = {c["cca3"]: c for c in members}
    kz = next(s for s in base["states"] if s["id"] == "KZ")
    states = []
    for c in members:
        borders = sorted(
            b for b in c.get("borders", []) if b in ids and c["cca3"] in by_id[b].get("borders", [])
        )
        state = {
            "id": c["cca3"],
            "name": c["name"]["common"],
            "population": 1,
            "gdp": 1,
            "autonomy": kz["autonomy"],
            "alignment": kz["alignment"],
            "affinity": kz.get("affinity", {}),
        }
        if borders:
            state["neighbours"] = {b: 1 for b in borders}
        states.append(state)
    powers = []
    for p in base["powers"]:
        q = {k: v for k, v in p.items() if k != "priority"}
        powers.append(q)
    doc = {
        "format": base["format"],
        "name": "UN 193 (benchmark)",
        "description": (
            "The 193 UN member states and their land borders (mledoze/countries, commit "
            "5e9f370, countries.json) under the baseline's powers, channels and defaults; "
            "made by bench/make_un193.py for the benchmarks of large worlds."
        ),
        "time": base["time"],
        "seed": 1,
        "outputs": {"weight": "equal"},
        "channels": base["channels"],
        "powers": powers,
        "defaults": base["defaults"],
        "states": states,
    }
    with open(argv[3], "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
