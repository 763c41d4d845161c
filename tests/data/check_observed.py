#!/usr/bin/env python3
"""Check the observed data of scenarios/observed/ (standard library only).

Usage: python3 tests/data/check_observed.py scenarios/observed
Prints "observed: N passed, M failed" and exits 1 when a check failed.
The rules are those of docs/data.md: a missing value is an absent row
(never a row with an empty value); nothing here reads outside the folder.
"""
import csv
import datetime
import os
import re
import sys

OBS_COLUMNS = ["date", "state", "indicator", "partner", "value", "source"]
SRC_COLUMNS = ["id", "title", "publisher", "version_or_commit", "table_or_path",
               "url_or_repository", "retrieved", "notes"]
FACT_COLUMNS = ["date", "state", "partner", "kind", "description", "source"]
STATES = {"KZ", "KG", "TJ", "TM", "UZ"}
PARTNERS = {"US", "CN", "RU", "EU", "TR"}
FIRST_YEAR = 2005
# indicator -> (low, high, partner required?, integer?)
RANGES = {
    "un_agreement": (0.0, 1.0, True, False),
    "un_agreement_rel": (-1.0, 1.0, True, False),
    "un_common_votes": (0, 1000, True, True),
    "remittances_gdp": (0.0, 100.0, False, False),
    "migrant_stock_share": (0.0, 1.0, True, False),
    "trade_share": (0.0, 1.0, True, False),
}
FACT_KINDS = {"base_open", "base_close", "deployment", "bloc_join", "bloc_leave",
              "bloc_observer", "un_vote", "agreement"}


class Checker:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL:", what)
        return ok


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def main():
    if len(sys.argv) != 2:
        print("usage: check_observed.py DIR")
        return 2
    d = sys.argv[1]
    c = Checker()
    this_year = datetime.date.today().year

    # sources.csv
    src_path = os.path.join(d, "sources.csv")
    ids = set()
    if c.check(os.path.exists(src_path), "sources.csv exists"):
        rows = read(src_path)
        c.check(rows and rows[0] == SRC_COLUMNS, "sources.csv columns are %s" % SRC_COLUMNS)
        for i, r in enumerate(rows[1:], 2):
            if not c.check(len(r) == len(SRC_COLUMNS), "sources.csv line %d has %d fields" % (i, len(SRC_COLUMNS))):
                continue
            c.check(r[0] and r[0] not in ids, "sources.csv line %d: id %r unique and non-empty" % (i, r[0]))
            ids.add(r[0])
            c.check(all(r[k] for k in range(7)), "sources.csv line %d: id..retrieved all given" % i)
            c.check(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r[6]) is not None,
                    "sources.csv line %d: retrieved is YYYY-MM-DD" % i)

    # observed.csv
    obs_path = os.path.join(d, "observed.csv")
    used = set()
    if c.check(os.path.exists(obs_path), "observed.csv exists"):
        rows = read(obs_path)
        c.check(rows and rows[0] == OBS_COLUMNS, "observed.csv columns are %s" % OBS_COLUMNS)
        body = rows[1:]
        keys = set()
        bad = {"fields": 0, "date": 0, "state": 0, "indicator": 0, "partner": 0,
               "value": 0, "range": 0, "source": 0, "dup": 0}
        for i, r in enumerate(body, 2):
            if len(r) != len(OBS_COLUMNS):
                bad["fields"] += 1
                print("  line %d: %d fields" % (i, len(r)))
                continue
            date, state, ind, partner, value, source = r
            if not (re.fullmatch(r"\d{4}", date) and FIRST_YEAR <= int(date) <= this_year):
                bad["date"] += 1
                print("  line %d: date %r" % (i, date))
            if state not in STATES:
                bad["state"] += 1
                print("  line %d: state %r" % (i, state))
            if ind not in RANGES:
                bad["indicator"] += 1
                print("  line %d: indicator %r" % (i, ind))
                continue
            lo, hi, needs_partner, integer = RANGES[ind]
            if (partner in PARTNERS) != needs_partner or (not needs_partner and partner):
                bad["partner"] += 1
                print("  line %d: partner %r for %s" % (i, partner, ind))
            try:
                v = int(value) if integer else float(value)
                if not lo <= v <= hi:
                    bad["range"] += 1
                    print("  line %d: %s = %s outside %s..%s" % (i, ind, value, lo, hi))
            except ValueError:
                bad["value"] += 1
                print("  line %d: value %r is not a number (a gap is an absent row)" % (i, value))
            if source not in ids:
                bad["source"] += 1
                print("  line %d: source %r not in sources.csv" % (i, source))
            used.add(source)
            key = (date, state, ind, partner)
            if key in keys:
                bad["dup"] += 1
                print("  line %d: duplicate %s" % (i, key))
            keys.add(key)
        for k, n in bad.items():
            c.check(n == 0, "observed.csv: %d rows with bad %s" % (n, k))
        sort_key = [(r[0], r[1], r[2], r[3]) for r in body if len(r) == len(OBS_COLUMNS)]
        c.check(sort_key == sorted(sort_key), "observed.csv sorted by date,state,indicator,partner")
        # un_agreement_rel: the five states' values average to zero per partner and year
        rel = {}
        for r in body:
            if len(r) == 6 and r[2] == "un_agreement_rel":
                rel.setdefault((r[0], r[3]), []).append(float(r[4]))
        c.check(all(abs(sum(v) / len(v)) < 1e-3 for v in rel.values()),
                "un_agreement_rel averages to 0 over the states in each year and partner")

    # facts.csv (optional)
    fact_path = os.path.join(d, "facts.csv")
    if os.path.exists(fact_path):
        rows = read(fact_path)
        c.check(rows and rows[0] == FACT_COLUMNS, "facts.csv columns are %s" % FACT_COLUMNS)
        for i, r in enumerate(rows[1:], 2):
            if not c.check(len(r) == len(FACT_COLUMNS), "facts.csv line %d has 6 fields" % i):
                continue
            date, state, partner, kind, desc, source = r
            ok = re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date) is not None
            c.check(ok and FIRST_YEAR - 15 <= int(date[:4]) <= this_year,
                    "facts.csv line %d: date %r" % (i, date))
            c.check(state in STATES, "facts.csv line %d: state %r" % (i, state))
            c.check(partner in PARTNERS or partner == "", "facts.csv line %d: partner %r" % (i, partner))
            c.check(kind in FACT_KINDS, "facts.csv line %d: kind %r" % (i, kind))
            c.check(bool(desc), "facts.csv line %d: description" % i)
            c.check(source in ids, "facts.csv line %d: source %r in sources.csv" % (i, source))
            used.add(source)

    for s in sorted(ids - used):
        c.check(False, "source %r is listed but never used" % s)

    print("observed: %d passed, %d failed" % (c.passed, c.failed))
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
