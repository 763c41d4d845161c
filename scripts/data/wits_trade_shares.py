#!/usr/bin/env python3
"""Derive partner shares of goods trade for scenarios/observed/ from WITS.

Reads the World Bank's WITS "Trade Summary" files (one CSV per reporter,
`en_<ISO3>_AllYears_WITS_Trade_Summary.CSV`, from the bulk download
wits_en_trade_summary_allcountries_allyears.zip) out of a git snapshot that
keeps them, and writes, for each state, partner and year 2005.. :

  export_share  partner's share of the state's goods exports, 0..1
  import_share  partner's share of the state's goods imports, 0..1
  trade_share   (exports to + imports from the partner) over
                (total exports + total imports), 0..1

WITS lists only each reporter's five largest export and five largest import
partners of a year. A partner outside the five on a side has no value on that
side, so that side's share is a gap (an absent row), and trade_share is
written only when the partner is among the five on both sides. Nothing is
interpolated or bounded. Values are the reporter's own statistics as WITS
tabulates them (UN Comtrade), current US dollars.

The rows of observed.csv whose source is `wits_summary` are replaced; all
other rows (including trade shares transcribed from publications by
published_values.py) are kept. The source row `wits_summary` in sources.csv is
rewritten.

Usage:
  python3 scripts/data/wits_trade_shares.py --repo GIT_DIR [--commit REV]
      [--observed scenarios/observed]
GIT_DIR is a clone or bare snapshot of github.com/listenzcc/World-trade-data-I.
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

FOLDER = "wits_en_trade_summary_allcountries_allyears"
# state id -> WITS reporter file code (TJK and UZB have no file in the snapshot)
STATES = {"KZ": "KAZ", "KG": "KGZ", "TJ": "TJK", "TM": "TKM", "UZ": "UZB"}
# WITS partner name -> power id
PARTNERS = {"China": "CN", "Russian Federation": "RU", "United States": "US",
            "Turkey": "TR", "European Union": "EU"}
FIRST_YEAR = 2005
SOURCE_ID = "wits_summary"
HERE = os.path.dirname(os.path.abspath(__file__))


def git(repo, *args):
    out = subprocess.run(["git", "-C", repo] + list(args), check=True, stdout=subprocess.PIPE)
    return out.stdout


def number(s):
    s = s.strip()
    return float(s) if s else None


def read_summary(text):
    """{(partner_name, indicator): {year: value}} of one reporter's file."""
    rows = list(csv.reader(io.StringIO(text)))
    head = rows[0]
    years = {i: int(head[i]) for i in range(5, len(head)) if head[i].strip().isdigit()}
    out = {}
    for r in rows[1:]:
        if len(r) < 5:
            continue
        series = {}
        for i, y in years.items():
            if i < len(r) and y >= FIRST_YEAR:
                v = number(r[i])
                if v is not None:
                    series[y] = v
        out[(r[1], r[4])] = series
    return out


def shares(state, data):
    rows = []
    x_tot = data.get(("World", "Exports (in US$ Mil)"), {})
    m_tot = data.get(("World", "Imports (in US$ Mil)"), {})
    for name, p in PARTNERS.items():
        x = data.get((name, "Trade (US$ Mil)-Top 5 Export Partner"), {})
        m = data.get((name, "Trade (US$ Mil)-Top 5 Import Partner"), {})
        for y in sorted(set(x) | set(m)):
            if y in x and x_tot.get(y):
                rows.append([str(y), state, "export_share", p, "%.4f" % (x[y] / x_tot[y]), SOURCE_ID])
            if y in m and m_tot.get(y):
                rows.append([str(y), state, "import_share", p, "%.4f" % (m[y] / m_tot[y]), SOURCE_ID])
            if y in x and y in m and x_tot.get(y) and m_tot.get(y):
                t = (x[y] + m[y]) / (x_tot[y] + m_tot[y])
                rows.append([str(y), state, "trade_share", p, "%.4f" % t, SOURCE_ID])
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repo", required=True, help="git dir of listenzcc/World-trade-data-I")
    ap.add_argument("--commit", default="HEAD")
    ap.add_argument("--observed", default=os.path.join(HERE, "..", "..", "scenarios", "observed"))
    a = ap.parse_args()

    commit = git(a.repo, "rev-parse", a.commit + "^{commit}").decode().strip()
    listing = git(a.repo, "ls-tree", "--name-only", commit, FOLDER + "/").decode().split("\n")
    new = []
    for state, code in STATES.items():
        path = "%s/en_%s_AllYears_WITS_Trade_Summary.CSV" % (FOLDER, code)
        if path not in listing:
            print("wits: no file for %s (%s): its rows are gaps" % (state, path))
            continue
        text = git(a.repo, "show", "%s:%s" % (commit, path)).decode("utf-8-sig")
        new += shares(state, read_summary(text))

    observed_io.replace_by_source(a.observed, {SOURCE_ID}, new)
    observed_io.replace_source(a.observed, [
        SOURCE_ID,
        "World Integrated Trade Solution (WITS) Trade Summary, all countries all years "
        "(reporter statistics from UN Comtrade; top five export and import partners per year)",
        "World Bank (WITS); files kept in the GitHub repository listenzcc/World-trade-data-I",
        commit,
        FOLDER + "/en_KAZ_AllYears_WITS_Trade_Summary.CSV; en_KGZ_...; en_TKM_... "
        "(rows 'Trade (US$ Mil)-Top 5 Export Partner', '...Import Partner', "
        "'Exports (in US$ Mil)', 'Imports (in US$ Mil)')",
        "https://github.com/listenzcc/World-trade-data-I (from "
        "https://wits.worldbank.org/data/public/cp/wits_en_trade_summary_allcountries_allyears.zip)",
        datetime.date.today().isoformat(),
        "derived by scripts/data/wits_trade_shares.py (export_share, import_share, trade_share)"])
    print("wits: %d rows from %s@%s" % (len(new), a.repo, commit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
