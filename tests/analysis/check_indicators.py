#!/usr/bin/env python3
"""Recompute indicators.csv of a `greatgame run --out` folder from its
alignment.csv and stocks.csv and the scenario's measurement section, by
the formulas of docs/validation.md (standard library only; bloc membership
from the members' from/until dates, so the scenario must not use join or
leave events).

usage: check_indicators.py SCENARIO DIR
Prints `indicators: N rows checked` and exits 0, or names the first
difference and exits 1."""
import csv
import json
import math
import sys


def tick_of(sc, when):
    if isinstance(when, int):
        return when
    y0, m0 = map(int, sc["time"]["start"].split("-"))
    y, m = map(int, when.split("-"))
    return (y - y0) * 12 + (m - m0)


def member(sc, bloc, state, t):
    for b in sc.get("blocs", []):
        if b["id"] != bloc:
            continue
        for m in b.get("members", []):
            if isinstance(m, str):
                if m == state:
                    return 1.0
                continue
            if m["state"] != state:
                continue
            lo = tick_of(sc, m["from"]) if "from" in m else -10**9
            hi = tick_of(sc, m["until"]) if "until" in m else 10**9
            if lo <= t < hi:
                return 1.0
    return 0.0


def inverse(link, eta):
    if link == "logit":
        return 1 / (1 + math.exp(-eta))
    if link == "log":
        return math.exp(eta)
    return eta


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1]) as f:
        sc = json.load(f)
    d = sys.argv[2]
    share, stock = {}, {}
    with open(f"{d}/alignment.csv", newline="") as f:
        for r in csv.DictReader(f):
            share[(r["run"], int(r["tick"]), r["state"], r["component"])] = float(r["share"])
    with open(f"{d}/stocks.csv", newline="") as f:
        for r in csv.DictReader(f):
            key = (r["run"], int(r["tick"]), r["state"], r["channel"])
            stock.setdefault(key, {})[r["power"]] = float(r["stock"])
    entries = {}
    for m in sc["measurement"]:
        for p in m.get("partners", [""]):
            entries[(m["indicator"], p)] = m
    n = 0
    with open(f"{d}/indicators.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    for i, r in enumerate(rows, start=2):
        m = entries[(r["indicator"], r["partner"])]
        run, t, s = r["run"], int(r["tick"]), r["state"]
        p = r["partner"] or m.get("of")
        eta = m["intercept"]
        for term, b in zip(m["terms"], m["coefficients"]):
            if term == "share":
                x = share[(run, t, s, p)]
            elif term == "autonomy":
                x = share[(run, t, s, "autonomy")]
            elif term.startswith("stock_share:"):
                st = stock[(run, t, s, term.split(":", 1)[1])]
                tot = sum(st.values())
                x = st[p] / tot if tot > 0 else 0.0
            elif term.startswith("stock_gdp:"):
                st = stock[(run, t, s, term.split(":", 1)[1])]
                gdp = next(x["gdp"] for x in sc["states"] if x["id"] == s)
                x = min((st[p] if p else sum(st.values())) / (1000.0 * gdp), 1e300)
            else:
                x = member(sc, term.split(":", 1)[1], s, t)
            eta += b * x
        want = inverse(m.get("link", "identity"), eta)
        got = float(r["value"])
        if abs(got - want) > 1e-9 * max(1.0, abs(want)):
            print(f"indicators.csv:{i}: value {got!r}, recomputed {want!r}")
            return 1
        n += 1
    states = {k[2] for k in share}
    ticks = {k[1] for k in share}
    runs = {k[0] for k in share}
    expect = len(entries) * len(states) * len(ticks) * len(runs)
    if n != expect:
        print(f"indicators.csv: {n} rows, expected {expect}")
        return 1
    print(f"indicators: {n} rows checked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
