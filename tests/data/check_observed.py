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
FACT_COLUMNS = ["start", "end", "state", "power", "kind", "subject", "size", "unit", "outcome",
                "source", "notes"]
VOTE_OUTCOMES = {"yes", "no", "abstain", "absent"}
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
    "export_share": (0.0, 1.0, True, False),
    "import_share": (0.0, 1.0, True, False),
    "creditor_share": (0.0, 1.0, True, False),
    "arms_import_share_5y": (0.0, 1.0, True, False),
}
# shares of one whole: over the partners of a state and date they add up to at most 1
SHARES_OF_ONE = ("trade_share", "export_share", "import_share", "creditor_share",
                 "arms_import_share_5y", "migrant_stock_share")
FACT_KINDS = {"base", "deployment", "bloc_member", "bloc_observer", "bloc_suspended", "notice",
              "agreement", "conflict", "un_vote", "event"}


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


def period(text):
    """(first day, last day) of a date written YYYY, YYYY-MM or YYYY-MM-DD, or None."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if not m:
        return None
    y = int(m.group(1))
    try:
        if m.group(3):
            d = datetime.date(y, int(m.group(2)), int(m.group(3)))
            return d, d
        if m.group(2):
            first = datetime.date(y, int(m.group(2)), 1)
            nxt = datetime.date(y + (first.month == 12), first.month % 12 + 1, 1)
            return first, nxt - datetime.timedelta(days=1)
        return datetime.date(y, 1, 1), datetime.date(y, 12, 31)
    except ValueError:
        return None


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


INPUT_COLUMNS = ["item", "state", "power", "channel", "value", "low", "high", "unit", "basis",
                 "source", "note"]
INPUT_BASES = {"observed", "computed", "judgment"}


def check_inputs(c, path, ids):
    """One inputs table: its columns, numbers, ranges and sources. Returns the
    source ids it uses."""
    name = os.path.basename(path)
    rows = read(path)
    used = set()
    if not c.check(rows and rows[0] == INPUT_COLUMNS, "%s columns are %s" % (name, INPUT_COLUMNS)):
        return used
    bad = []
    for i, r in enumerate(rows[1:], 2):
        if len(r) != len(INPUT_COLUMNS):
            bad.append("%s:%d: %d fields" % (name, i, len(r)))
            continue
        f = dict(zip(INPUT_COLUMNS, r))
        try:
            v, lo, hi = float(f["value"]), float(f["low"]), float(f["high"])
        except ValueError:
            bad.append("%s:%d: value, low and high must be numbers" % (name, i))
            continue
        if not lo <= v <= hi:
            bad.append("%s:%d: %s outside its range %s..%s" % (name, i, f["value"], f["low"],
                                                               f["high"]))
        if f["basis"] not in INPUT_BASES:
            bad.append("%s:%d: basis %r" % (name, i, f["basis"]))
        srcs = f["source"].split(";") if f["source"] else []
        if any(x not in ids for x in srcs):
            bad.append("%s:%d: source %r not in sources.csv" % (name, i, f["source"]))
        if f["basis"] == "observed" and (not srcs or lo != hi):
            bad.append("%s:%d: an observed value needs a source and no range" % (name, i))
        if f["basis"] == "judgment" and not (srcs or f["note"]):
            bad.append("%s:%d: a judgment needs a note or a source" % (name, i))
        used.update(srcs)
    for b in bad:
        print("  " + b)
    c.check(not bad, "%s: every row observed with a source or a judgment with a range (%d rows)"
            % (name, len(rows) - 1))
    return used


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
                print("  observed.csv:%d: %d fields" % (i, len(r)))
                continue
            date, state, ind, partner, value, source = r
            p = period(date) if re.fullmatch(r"\d{4}(-\d{2})?", date) else None
            if not (p and FIRST_YEAR <= p[0].year <= this_year):
                bad["date"] += 1
                print("  observed.csv:%d: date %r" % (i, date))
            if state not in STATES:
                bad["state"] += 1
                print("  observed.csv:%d: state %r" % (i, state))
            if ind not in RANGES:
                bad["indicator"] += 1
                print("  observed.csv:%d: indicator %r" % (i, ind))
                continue
            lo, hi, needs_partner, integer = RANGES[ind]
            if (partner in PARTNERS) != needs_partner or (not needs_partner and partner):
                bad["partner"] += 1
                print("  observed.csv:%d: partner %r for %s" % (i, partner, ind))
            try:
                v = int(value) if integer else float(value)
                if not lo <= v <= hi:
                    bad["range"] += 1
                    print("  observed.csv:%d: %s = %s outside %s..%s" % (i, ind, value, lo, hi))
            except ValueError:
                bad["value"] += 1
                print("  observed.csv:%d: value %r is not a number (a gap is an absent row)" % (i, value))
            if source not in ids:
                bad["source"] += 1
                print("  observed.csv:%d: source %r not in sources.csv" % (i, source))
            used.add(source)
            key = (date, state, ind, partner)
            if key in keys:
                bad["dup"] += 1
                print("  observed.csv:%d: duplicate %s" % (i, key))
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

        # partner shares of one whole add up to at most 1 per state, date and indicator
        total = {}
        share = {}
        for r in body:
            if len(r) == 6 and r[2] in SHARES_OF_ONE:
                try:
                    v = float(r[4])
                except ValueError:
                    continue
                total[(r[0], r[1], r[2])] = total.get((r[0], r[1], r[2]), 0.0) + v
                share[(r[0], r[1], r[2], r[3])] = v
        over = [k for k, v in total.items() if v > 1.0 + 1e-9]
        c.check(not over, "partner shares add up to at most 1 (over: %s)" % over[:5])
        # trade_share is the mean of export_share and import_share weighted by
        # the totals, so it lies between the two when both are given
        outside = []
        for (date, state, ind, partner), t in share.items():
            if ind != "trade_share":
                continue
            x = share.get((date, state, "export_share", partner))
            m = share.get((date, state, "import_share", partner))
            if x is not None and m is not None and not min(x, m) - 1e-4 <= t <= max(x, m) + 1e-4:
                outside.append((date, state, partner))
        c.check(not outside, "trade_share lies between export_share and import_share (not: %s)"
                % outside[:5])

    # facts.csv (optional)
    fact_path = os.path.join(d, "facts.csv")
    if os.path.exists(fact_path):
        rows = read(fact_path)
        c.check(rows and rows[0] == FACT_COLUMNS, "facts.csv columns are %s" % FACT_COLUMNS)
        for i, r in enumerate(rows[1:], 2):
            if not c.check(len(r) == len(FACT_COLUMNS),
                           "facts.csv line %d has %d fields" % (i, len(FACT_COLUMNS))):
                continue
            f = dict(zip(FACT_COLUMNS, r))
            start = period(f["start"])
            end = period(f["end"]) if f["end"] else None
            c.check(start is not None and 1990 <= start[0].year <= this_year,
                    "facts.csv line %d: start %r is a date (YYYY, YYYY-MM or YYYY-MM-DD)"
                    % (i, f["start"]))
            c.check(not f["end"] or end is not None,
                    "facts.csv line %d: end %r is empty or a date" % (i, f["end"]))
            if start and end:
                c.check(start[0] <= end[1], "facts.csv line %d: start %s <= end %s"
                        % (i, f["start"], f["end"]))
            c.check(f["state"] in STATES or f["state"] == "",
                    "facts.csv line %d: state %r" % (i, f["state"]))
            c.check(f["power"] in PARTNERS or f["power"] == "",
                    "facts.csv line %d: power %r" % (i, f["power"]))
            c.check(f["kind"] in FACT_KINDS, "facts.csv line %d: kind %r" % (i, f["kind"]))
            c.check(bool(f["subject"]), "facts.csv line %d: subject given" % i)
            size_ok = f["size"] == "" and f["unit"] == ""
            m = re.fullmatch(r"(\d+)(?:-(\d+))?", f["size"])
            if m and f["unit"]:
                size_ok = m.group(2) is None or int(m.group(1)) <= int(m.group(2))
            c.check(size_ok, "facts.csv line %d: size %r is empty or N or LO-HI, with a unit"
                    % (i, f["size"]))
            if f["kind"] == "un_vote":
                c.check(f["outcome"] in VOTE_OUTCOMES, "facts.csv line %d: outcome %r is one of %s"
                        % (i, f["outcome"], sorted(VOTE_OUTCOMES)))
            else:
                c.check(f["outcome"] == "", "facts.csv line %d: outcome only for un_vote" % i)
            srcs = f["source"].split(";") if f["source"] else []
            c.check(bool(srcs) and all(x in ids for x in srcs),
                    "facts.csv line %d: source %r: ids of sources.csv separated by ;"
                    % (i, f["source"]))
            used.update(srcs)

    # the inputs of scenarios built from data (scenarios/inputs/*.csv, beside
    # this folder): every row is observed (with sources), computed, or a
    # judgment with a range that holds its value
    inputs = os.path.join(os.path.dirname(os.path.abspath(d)), "inputs")
    if os.path.isdir(inputs):
        for name in sorted(os.listdir(inputs)):
            if name.endswith(".csv"):
                used.update(check_inputs(c, os.path.join(inputs, name), ids))

    for s in sorted(ids - used):
        c.check(False, "source %r is listed but never used" % s)

    print("observed: %d passed, %d failed" % (c.passed, c.failed))
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
