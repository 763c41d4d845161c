#!/usr/bin/env python3
"""Print the coverage table of docs/data.md from scenarios/observed/observed.csv.

For each indicator and partner: per state, the number of dates with a row out
of the dates expected, where the expected dates of a yearly indicator are the
years from 2005 to the last year of that indicator over every state and
partner (the source's last year), so a gap inside the source's years counts as missing.
Indicators dated by month (stocks on a reference date) are listed with their
dates instead. Standard library only.

Usage: python3 scripts/data/coverage.py [scenarios/observed/observed.csv]
"""
import csv
import os
import sys

STATES = ["KZ", "KG", "TJ", "TM", "UZ"]
HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        HERE, "..", "..", "scenarios", "observed", "observed.csv")
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    groups = {}
    last_of = {}
    for r in rows:
        if len(r["date"]) == 4:
            last_of[r["indicator"]] = max(last_of.get(r["indicator"], 0), int(r["date"]))
    for r in rows:
        groups.setdefault((r["indicator"], r["partner"]), []).append(r)
    print("| indicator | partner | expected | " + " | ".join(STATES) + " |")
    print("|---|---|---|" + "---|" * len(STATES))
    for (ind, partner), rs in sorted(groups.items()):
        dates = sorted({r["date"] for r in rs})
        if all(len(d) == 4 for d in dates):
            last = last_of[ind]
            expected = "2005–%d (%d)" % (last, last - 2004)
            cells = []
            for s in STATES:
                years = sorted(int(r["date"]) for r in rs if r["state"] == s)
                cells.append("%d/%d" % (len(years), last - 2004) if years else "0/%d" % (last - 2004))
        else:
            expected = "dates as published"
            cells = [", ".join(sorted(r["date"] for r in rs if r["state"] == s)) or "—"
                     for s in STATES]
        print("| %s | %s | %s | %s |" % (ind, partner or "—", expected, " | ".join(cells)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
