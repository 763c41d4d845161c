#!/usr/bin/env python3
"""The what-if library on the GG-2 baseline: scenarios/*_gg2.json beside
the GG-1 ones, each scenarios/central_asia_2020_gg2.json with one change.

    python3 scripts/make_whatifs_gg2.py                 # write the files
    python3 scripts/make_whatifs_gg2.py --table GREATGAME [--check PAGE | --write PAGE]

The changes are those of the GG-1 library (docs/whatifs.md), with the same
judgment sizes and ranges, on GG-2's channels; the CSTO what-if adds the
January 2022 unrest GG-2 can represent. --table runs each what-if and the
baseline with 20 paired replicates (the same seeds) and prints the change
of the regional shares at the end, the block "whatifs gg2" of
docs/whatifs.md (test whatifs_gg2 checks the files and the block).
"""
import csv
import io
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import docblock  # noqa: E402

BASE = os.path.join(ROOT, "scenarios", "central_asia_2020_gg2.json")
REPLICATES = 20

WHATIFS = [
    ("us_pivot_gg2", "What-if (GG-2): US pivot to Central Asia",
     "The United States triples its investment and diplomacy budgets from February 2020 (the "
     "size of the GG-1 what-if; a judgment, range 2-4).",
     [{"at": 0, "type": "budget", "power": "US", "channel": "investment", "scale": 3.0,
       "note": "US investment tripled (judgment, range 2-4)"},
      {"at": 0, "type": "budget", "power": "US", "channel": "diplomacy", "scale": 3.0,
       "note": "US diplomacy tripled (judgment, range 2-4)"}], None),
    ("bri_slowdown_gg2", "What-if (GG-2): Belt and Road slowdown",
     "Chinese investment and lending halve from February 2020 (judgment, range 0.3-0.7).",
     [{"at": 0, "type": "budget", "power": "CN", "channel": "investment", "scale": 0.5,
       "note": "Chinese investment and lending halve (judgment, range 0.3-0.7)"}], None),
    ("xinjiang_backlash_gg2", "What-if (GG-2): Xinjiang backlash",
     "Reports from the Xinjiang camps turn opinion against China from June 2020, most strongly "
     "in Kazakhstan and Kyrgyzstan, whose kin are detained (the GG-1 what-if's sizes).",
     [{"at": "2020-06", "type": "affinity", "power": "CN", "states": ["KZ", "KG"], "delta": -0.3,
       "note": "ethnic Kazakhs and Kyrgyz among the detained (judgment, range -0.1 to -0.5)"},
      {"at": "2020-06", "type": "affinity", "power": "CN", "states": ["TJ", "TM", "UZ"],
       "delta": -0.15, "note": "wider Muslim solidarity (judgment, range 0 to -0.3)"}], None),
    ("uzbekistan_joins_eeu_gg2", "What-if (GG-2): Uzbekistan joins the Eurasian Economic Union",
     "Uzbekistan becomes a full member of the Eurasian Economic Union in January 2022.",
     [{"at": "2022-01", "type": "join", "state": "UZ", "bloc": "EEU",
       "note": "hypothetical full membership"}], None),
    ("csto_kazakhstan_2022_gg2", "What-if (GG-2): unrest in Kazakhstan and the CSTO, January 2022",
     "The January 2022 unrest in Kazakhstan (unrest 1 for two months, a judgment, range 0.5-1) "
     "and the CSTO deployment it called in (Russian affinity +0.1, judgment 0.05-0.2, no "
     "lasting troops): GG-2's regime security at work.",
     [{"at": "2022-01", "until": "2022-03", "type": "set", "path": "states.KZ.unrest",
       "value": 1.0, "note": "January 2022 unrest; the government calls in the CSTO (2-11 January "
       "2022) (size a judgment, 0.5-1)"},
      {"at": "2022-01", "type": "affinity", "power": "RU", "states": ["KZ"], "delta": 0.1,
       "note": "CSTO deployment, 6-19 Jan 2022 (about 2,500 troops): the government owes its "
       "survival to Moscow (judgment, 0.05-0.2); the troops left after two weeks"}], None),
    ("great_game_gg2", "What-if (GG-2): the great game",
     "All three powers play the contest strategy: each puts its effort where the marginal gain "
     "in alignment is largest.", [], "contest"),
]


def build():
    with open(BASE) as f:
        base = json.load(f)
    out = []
    for name, title, desc, events, strategy in WHATIFS:
        doc = json.loads(json.dumps(base))
        doc["name"] = title
        doc["description"] = desc + " Otherwise identical to the GG-2 baseline (docs/whatifs.md)."
        tick = lambda e: 0 if str(e["at"]) == "0" else \
            (int(e["at"][:4]) - 2020) * 12 + int(e["at"][5:7]) - 2
        doc["events"] = sorted(doc["events"] + events, key=tick)
        if strategy:
            for p in doc["powers"]:
                p["strategy"] = strategy
        out.append((name, doc))
    return out


def finals(gg, path):
    """component -> mean regional share at the end over the replicates."""
    text = subprocess.run([gg, "run", path, "--replicates", str(REPLICATES), "-o", "-", "--quiet"],
                          check=True, capture_output=True, text=True).stdout
    with open(path) as f:
        doc = json.load(f)
    pop = {s["id"]: s["population"] for s in doc["states"]}
    last = doc["time"]["ticks"]
    acc = {}
    for r in csv.DictReader(io.StringIO(text)):
        if int(r["tick"]) == last:
            acc.setdefault((r["state"], r["component"]), []).append(float(r["share"]))
    region = {}
    for (s, k), v in acc.items():
        region[k] = region.get(k, 0.0) + pop[s] * sum(v) / len(v) / sum(pop.values())
    state = {key: sum(v) / len(v) for key, v in acc.items()}
    return region, state


def table(gg):
    base_r, base_s = finals(gg, BASE)
    comps = list(base_r)
    lines = ["%d paired replicates; the change of the regional (population-weighted) share at "
             "the end, what-if minus baseline, and the state that moves most:" % REPLICATES, "",
             "| what-if | " + " | ".join(comps) + " | largest change in a state |",
             "|---" * (len(comps) + 2) + "|"]
    for name, _, _, _, _ in WHATIFS:
        r, s = finals(gg, os.path.join(ROOT, "scenarios", name + ".json"))
        big = max(s, key=lambda k: (abs(s[k] - base_s[k]), k))
        d = lambda v: "%+.4f" % (round(v, 4) or 0.0)  # no "-0.0000"
        lines.append("| `%s` | " % name + " | ".join(d(r[k] - base_r[k]) for k in comps)
                     + " | %s %s %s |" % (big[0], big[1], d(s[big] - base_s[big])))
    return "\n".join(lines)


def main():
    args = sys.argv[1:]
    if args[:1] == ["--table"]:
        text = table(args[1])
        if len(args) == 4 and args[2] == "--check":
            docblock.check(args[3], "whatifs gg2", text)
        elif len(args) == 4 and args[2] == "--write":
            docblock.replace(args[3], "whatifs gg2", text)
        else:
            print(text)
        return
    out_dir = args[0] if args else os.path.join(ROOT, "scenarios")
    for name, doc in build():
        with open(os.path.join(out_dir, name + ".json"), "w") as f:
            json.dump(doc, f, indent=2, ensure_ascii=False)
            f.write("\n")


if __name__ == "__main__":
    main()
