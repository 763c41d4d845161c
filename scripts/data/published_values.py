#!/usr/bin/env python3
"""Write the values transcribed from publications into scenarios/observed/.

Some observations exist only as single numbers in publications (a ministry's
debt bulletin as reported by the press, a SIPRI fact sheet), not as a dataset
in a repository. They are transcribed by hand, one row each, into
scripts/data/published_values.csv (columns date,state,indicator,partner,value,
source,how: `how` says whether the value is as published or computed from the
published numbers, and from which). Their sources, and those of
scenarios/observed/facts.csv, are in scripts/data/published_sources.csv.

This script replaces the rows of observed.csv whose source is one of
published_sources.csv with the rows of published_values.csv (rows of other
sources, such as the WITS trade shares, are kept), and adds or replaces each
source of published_sources.csv in sources.csv. Standard library only.

Usage: python3 scripts/data/published_values.py [--observed scenarios/observed]
"""
import argparse
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import observed_io  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--observed", default=os.path.join(HERE, "..", "..", "scenarios", "observed"))
    a = ap.parse_args()
    values = read(os.path.join(HERE, "published_values.csv"))
    sources = read(os.path.join(HERE, "published_sources.csv"))
    rows = [[v[k] for k in observed_io.HEADER] for v in values]
    indicators = sorted({v["indicator"] for v in values})
    ids = {s["id"] for s in sources}
    unknown = sorted({v["source"] for v in values} - ids)
    if unknown:
        raise SystemExit("published_values.csv: source ids not in published_sources.csv: %s"
                         % ", ".join(unknown))
    observed_io.replace_by_source(a.observed, ids, rows)
    for s in sources:
        observed_io.replace_source(a.observed, [s[k] for k in observed_io.SRC_HEADER])
    print("published: %d rows (%s), %d sources" % (len(rows), ", ".join(indicators), len(sources)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
