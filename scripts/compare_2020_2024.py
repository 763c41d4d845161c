#!/usr/bin/env python3
"""The GG-2 baseline's 2020-2024 stretch beside what was observed.

    python3 scripts/compare_2020_2024.py GREATGAME [--check PAGE | --write PAGE]

Runs scenarios/central_asia_2020_gg2.json (`run --out`, its measurement
section predicts indicators) and central_asia_2020_gg2_events.json (the
same with the events of 2020-2024), and for every row of
scenarios/observed/observed.csv dated after the information date (February
2020) up to 2024 whose indicator the scenario predicts, prints the observed
value, the baseline's prediction (the mean over the months of a yearly
date, the month itself for a monthly date) and persistence (the last value
observed for that state, indicator and partner by 2019, which is what was
known in February 2020). The tables are the block "baseline 2020-2024" of
docs/validation.md: --check exits 1 when the page is stale (test
docs_baseline_2020_2024), --write puts them there.
"""
import csv
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import docblock  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SCENARIO = os.path.join(ROOT, "scenarios", "central_asia_2020_gg2.json")
EVENTS = os.path.join(ROOT, "scenarios", "central_asia_2020_gg2_events.json")
OBSERVED = os.path.join(ROOT, "scenarios", "observed", "observed.csv")
INFO_DATE = "2020-02"
LAST = "2024-12"


def month_key(date):
    return date if len(date) == 7 else None


def predictions(gg, scenario):
    """(state, indicator, partner) -> [(date, value)] of a run's indicators.csv."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([gg, "run", scenario, "--out", tmp, "--quiet"], check=True,
                       stdout=subprocess.DEVNULL)
        with open(os.path.join(tmp, "indicators.csv"), newline="") as f:
            pred = list(csv.DictReader(f))
    by = {}
    for r in pred:
        by.setdefault((r["state"], r["indicator"], r["partner"]), []).append(
            (r["date"], float(r["value"])))
    return by


def at(by, key, d):
    """The prediction for an observation dated d: the mean over the months of a
    year, or the month itself; None when the run does not cover it."""
    if len(d) == 4:
        vals = [v for date, v in by[key] if date[:4] == d]
    else:
        vals = [v for date, v in by[key] if date == d]
    return sum(vals) / len(vals) if vals else None


def main():
    args = sys.argv[1:]
    if len(args) not in (1, 3) or (len(args) == 3 and args[1] not in ("--check", "--write")):
        raise SystemExit(__doc__)
    gg = args[0]
    out = []
    by, byev = predictions(gg, SCENARIO), predictions(gg, EVENTS)
    with open(OBSERVED, newline="") as f:
        obs = list(csv.DictReader(f))
    rows = []
    for o in obs:
        key = (o["state"], o["indicator"], o["partner"])
        d = o["date"]
        if key not in by or not (d[:7] >= INFO_DATE or (len(d) == 4 and d >= "2020")):
            continue
        if d[:4] > LAST[:4]:
            continue
        model, withev = at(by, key, d), at(byev, key, d)
        if model is None:
            continue
        before = [p for p in obs if (p["state"], p["indicator"], p["partner"]) == key
                  and p["date"][:4] <= "2019"]
        persist = float(max(before, key=lambda p: p["date"])["value"]) if before else None
        rows.append((o["indicator"], o["state"], o["partner"], d, float(o["value"]), model,
                     withev, persist))
    rows.sort()
    out.append("| indicator | state | partner | date | observed | GG-2 baseline | with the events "
               "| persistence |")
    out.append("|---|---|---|---|---|---|---|---|")
    err = {}
    for ind, s, p, d, v, m, w, q in rows:
        out.append("| %s | %s | %s | %s | %.4g | %.4g | %.4g | %s |" % (
            ind, s, p or "-", d, v, m, w, "%.4g" % q if q is not None else "-"))
        if q is not None:
            e = err.setdefault(ind, [0.0, 0.0, 0.0, 0])
            e[0] += abs(m - v)
            e[1] += abs(w - v)
            e[2] += abs(q - v)
            e[3] += 1
    out.append("")
    out.append("| indicator | rows | mean absolute error: GG-2 baseline | with the events | "
               "persistence |")
    out.append("|---|---|---|---|---|")
    for ind in sorted(err):
        em, ew, ep, n = err[ind]
        out.append("| %s | %d | %.4g | %.4g | %.4g |" % (ind, n, em / n, ew / n, ep / n))
    text = "\n".join(out)
    if len(args) == 3 and args[1] == "--check":
        docblock.check(args[2], "baseline 2020-2024", text)
    elif len(args) == 3:
        docblock.replace(args[2], "baseline 2020-2024", text)
    else:
        print(text)


if __name__ == "__main__":
    main()
