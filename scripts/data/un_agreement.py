#!/usr/bin/env python3
"""Derive UN General Assembly voting agreement rows for scenarios/observed/.

Reads the roll-call data of the `unvotes` R package (David Robinson,
github.com/dgrtwo/unvotes, MIT; data from Erik Voeten's "United Nations General
Assembly Voting Data", Harvard Dataverse hdl:1902.1/12379, CC0) out of a git
snapshot of that repository, converts its .rda files to CSV in a temporary
folder with scripts/data/unvotes_to_csv.R (needs Rscript: Debian r-base-core),
and writes, for each state (KZ KG TJ TM UZ), partner (US CN RU TR) and
calendar year 2005.. :

  un_agreement      share 0..1: over the roll calls on which both voted
                    (yes, abstain or no; absent and non-member are not votes),
                    1 for the same vote, 0.5 when exactly one of the two
                    abstained, 0 for yes against no; averaged.
  un_agreement_rel  un_agreement minus the mean un_agreement of the five
                    states with that partner in that year (over the states
                    that have a value that year); range -1..1.
  un_common_votes   the number of roll calls both voted on (the denominator).

A state-partner-year with fewer than MIN_COMMON common roll calls gets no row
(a gap, see docs/data.md). Nothing is interpolated.

The rows of these three indicators in observed.csv are replaced; all other rows
are kept; the file is rewritten sorted by (date, state, indicator, partner).
The source row `unvotes` in sources.csv is rewritten with the commit read.

Usage:
  python3 scripts/data/un_agreement.py --repo GIT_DIR [--commit REV] \
      [--observed scenarios/observed] [--workdir /tmp/greatgame_unvotes]
GIT_DIR is a clone or bare snapshot of github.com/dgrtwo/unvotes.
"""
import argparse
import csv
import datetime
import os
import subprocess
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import observed_io  # noqa: E402

STATES = ["KZ", "KG", "TJ", "TM", "UZ"]
PARTNERS = ["US", "CN", "RU", "TR"]
FIRST_YEAR = 2005
MIN_COMMON = 20
INDICATORS = ("un_agreement", "un_agreement_rel", "un_common_votes")
SOURCE_ID = "unvotes"
HERE = os.path.dirname(os.path.abspath(__file__))


def git(repo, *args, binary=False):
    out = subprocess.run(["git", "-C", repo] + list(args), check=True,
                         stdout=subprocess.PIPE)
    return out.stdout if binary else out.stdout.decode().strip()


def score(a, b):
    if a == b:
        return 1.0
    if "abstain" in (a, b):
        return 0.5
    return 0.0


def compute(votes_csv, calls_csv):
    year_of = {}
    with open(calls_csv, newline="") as f:
        for r in csv.DictReader(f):
            year_of[r["rcid"]] = int(r["date"][:4])
    keep = set(STATES) | set(PARTNERS)
    by_call = defaultdict(dict)
    with open(votes_csv, newline="") as f:
        for r in csv.DictReader(f):
            if r["country_code"] in keep and r["vote"] in ("yes", "abstain", "no"):
                by_call[r["rcid"]][r["country_code"]] = r["vote"]
    acc = defaultdict(lambda: [0.0, 0])  # (year, state, partner) -> [sum, n]
    for rcid, v in by_call.items():
        y = year_of[rcid]
        if y < FIRST_YEAR:
            continue
        for s in STATES:
            for p in PARTNERS:
                if s in v and p in v:
                    a = acc[(y, s, p)]
                    a[0] += score(v[s], v[p])
                    a[1] += 1
    agree = {k: (a[0] / a[1], a[1]) for k, a in acc.items() if a[1] >= MIN_COMMON}
    rows = []
    years = sorted({k[0] for k in agree})
    for y in years:
        for p in PARTNERS:
            vals = [agree[(y, s, p)][0] for s in STATES if (y, s, p) in agree]
            mean = sum(vals) / len(vals) if vals else None
            for s in STATES:
                if (y, s, p) not in agree:
                    continue
                share, n = agree[(y, s, p)]
                rows.append([str(y), s, "un_agreement", p, "%.4f" % share, SOURCE_ID])
                rows.append([str(y), s, "un_agreement_rel", p, "%.4f" % (share - mean), SOURCE_ID])
                rows.append([str(y), s, "un_common_votes", p, str(n), SOURCE_ID])
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repo", required=True, help="git dir of dgrtwo/unvotes")
    ap.add_argument("--commit", default="HEAD")
    ap.add_argument("--observed", default=os.path.join(HERE, "..", "..", "scenarios", "observed"))
    ap.add_argument("--workdir", default="/tmp/greatgame_unvotes")
    a = ap.parse_args()

    commit = git(a.repo, "rev-parse", a.commit + "^{commit}")
    rda = os.path.join(a.workdir, "rda")
    out = os.path.join(a.workdir, "csv")
    os.makedirs(rda, exist_ok=True)
    for name in ("un_votes", "un_roll_calls"):
        with open(os.path.join(rda, name + ".rda"), "wb") as f:
            f.write(git(a.repo, "show", "%s:data/%s.rda" % (commit, name), binary=True))
    subprocess.run(["Rscript", os.path.join(HERE, "unvotes_to_csv.R"), rda, out], check=True)
    new = compute(os.path.join(out, "un_votes.csv"), os.path.join(out, "un_roll_calls.csv"))

    observed_io.replace_indicators(a.observed, INDICATORS, new)
    observed_io.replace_source(a.observed, [
        SOURCE_ID,
        "unvotes: United Nations General Assembly Voting Data (R package 0.3.0; "
        "data from Erik Voeten's UNGA voting data, Harvard Dataverse hdl:1902.1/12379, "
        "2020 release, votes to the end of 2019)",
        "David Robinson (package); Erik Voeten, Anton Strezhnev, Michael Bailey (data)",
        commit, "data/un_votes.rda; data/un_roll_calls.rda",
        "https://github.com/dgrtwo/unvotes", datetime.date.today().isoformat(),
        "derived by scripts/data/un_agreement.py (un_agreement, un_agreement_rel, un_common_votes)"])
    print("un_agreement: %d rows from %s@%s" % (len(new), a.repo, commit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
