#!/usr/bin/env python3
"""Derive where each state's emigrants live, for scenarios/observed/.

Reads the UN DESA Population Division's "International Migrant Stock 2019:
by destination and origin" (POP/DB/MIG/Stock/Rev.2019), as a cleaned
destination-by-origin table kept in a git snapshot (one row per year and
country of destination, one column per country of origin, persons at
mid-year; years 1990, 1995, 2000, 2005, 2010, 2015, 2019), and writes for each
state (as the origin), partner and year from 2005:

  migrant_stock_share  persons born in the state (or its citizens, where the
                       destination counts by citizenship) living in the
                       partner, over all persons born in the state living
                       in any country of the table; 0..1.

Partners: US (United States of America), CN (China, without Hong Kong and
Macao), RU (Russian Federation), TR (Turkey), EU (the 27 member states of
2020, the same list for every year). A cell that is zero in the table is a
destination for which the UN published no estimate (the cleaned table writes
".." as 0), so it gives no row (a gap), not a zero share.

The rows of migrant_stock_share in observed.csv are replaced; the source row
`undesa_ims_2019` in sources.csv is rewritten. Standard library only.

Usage:
  python3 scripts/data/undesa_migrants.py --repo GIT_DIR [--commit REV]
      [--observed scenarios/observed]
GIT_DIR is a clone or bare snapshot of github.com/guyabel/stepladderChapter.
"""
import argparse
import csv
import datetime
import io
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import observed_io  # noqa: E402

PATH = "archive/UN_MigrantStockByOriginAndDestination_2019_clean.csv"
STATES = {"KZ": "Kazakhstan", "KG": "Kyrgyzstan", "TJ": "Tajikistan", "TM": "Turkmenistan",
          "UZ": "Uzbekistan"}
EU27 = ["Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Czechia", "Denmark", "Estonia",
        "Finland", "France", "Germany", "Greece", "Hungary", "Ireland", "Italy", "Latvia",
        "Lithuania", "Luxembourg", "Malta", "Netherlands", "Poland", "Portugal", "Romania",
        "Slovakia", "Slovenia", "Spain", "Sweden"]
PARTNERS = {"US": ["United States of America"], "CN": ["China"], "RU": ["Russian Federation"],
            "TR": ["Turkey"], "EU": EU27}
FIRST_YEAR = 2005
INDICATOR = "migrant_stock_share"
SOURCE_ID = "undesa_ims_2019"
HERE = os.path.dirname(os.path.abspath(__file__))


def git(repo, *args):
    out = subprocess.run(["git", "-C", repo] + list(args), check=True, stdout=subprocess.PIPE)
    return out.stdout


def compute(text):
    rows = list(csv.reader(io.StringIO(text)))
    head = rows[0]
    col = {name: i for i, name in enumerate(head)}
    table = {}  # (year, destination) -> row
    for r in rows[1:]:
        table[(int(r[0]), r[1])] = r
    dests = sorted({d for (_, d) in table})
    years = sorted({y for (y, _) in table if y >= FIRST_YEAR})
    missing = [n for names in PARTNERS.values() for n in names if n not in dests]
    missing += [n for n in STATES.values() if n not in col]
    if missing:
        raise SystemExit("%s: expected countries not in the table: %s" % (PATH, ", ".join(missing)))
    out = []
    for y in years:
        for s, origin in STATES.items():
            c = col[origin]
            total = sum(float(table[(y, d)][c] or 0) for d in dests if (y, d) in table)
            if total <= 0:
                continue
            for p, names in PARTNERS.items():
                cells = [float(table[(y, d)][c] or 0) for d in names if (y, d) in table]
                stock = sum(cells)
                if stock <= 0:
                    continue  # no estimate published: a gap
                out.append([str(y), s, INDICATOR, p, "%.4f" % (stock / total), SOURCE_ID])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repo", required=True, help="git dir of guyabel/stepladderChapter")
    ap.add_argument("--commit", default="HEAD")
    ap.add_argument("--observed", default=os.path.join(HERE, "..", "..", "scenarios", "observed"))
    a = ap.parse_args()
    commit = git(a.repo, "rev-parse", a.commit + "^{commit}").decode().strip()
    text = git(a.repo, "show", "%s:%s" % (commit, PATH)).decode("utf-8-sig")
    new = compute(text)
    observed_io.replace_indicators(a.observed, (INDICATOR,), new)
    observed_io.replace_source(a.observed, [
        SOURCE_ID,
        "International Migrant Stock 2019: by destination and origin (POP/DB/MIG/Stock/Rev.2019)",
        "United Nations, Department of Economic and Social Affairs, Population Division "
        "(cleaned table kept by Guy Abel in the GitHub repository guyabel/stepladderChapter)",
        commit, PATH,
        "https://github.com/guyabel/stepladderChapter (from "
        "https://www.un.org/en/development/desa/population/migration/data/estimates2/estimates19.asp)",
        datetime.date.today().isoformat(),
        "derived by scripts/data/undesa_migrants.py (migrant_stock_share)"])
    print("migrants: %d rows from %s@%s" % (len(new), a.repo, commit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
