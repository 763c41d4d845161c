#!/usr/bin/env python3
"""Recompute scores.csv of a `greatgame backtest` folder from its
forecasts.csv (standard library only) and compare every number.

usage: check_backtest_scores.py DIR
Prints `backtest scores: N rows checked` and exits 0, or names the first
difference and exits 1."""
import csv
import math
import sys


def stats(rows):
    n = len(rows)
    if n == 0:
        return 0, [math.nan] * 6
    se = sum((f - o) ** 2 for o, f, p, t in rows)
    ae = sum(abs(f - o) for o, f, p, t in rows)
    sp = sum((p - o) ** 2 for o, f, p, t in rows)
    st = sum((t - o) ** 2 for o, f, p, t in rows)
    rmse, rp, rt = math.sqrt(se / n), math.sqrt(sp / n), math.sqrt(st / n)
    skp = 1 - rmse / rp if rp > 0 else math.nan
    skt = 1 - rmse / rt if rt > 0 else math.nan
    return n, [rmse, ae / n, rp, rt, skp, skt]


def same(a, b):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    d = sys.argv[1]
    with open(f"{d}/forecasts.csv", newline="") as f:
        fc = list(csv.DictReader(f))
    with open(f"{d}/scores.csv", newline="") as f:
        sc = list(csv.DictReader(f))
    vals = []
    for r in fc:
        v = tuple(float(r[k]) for k in ("observed", "forecast", "persistence", "trend"))
        if all(math.isfinite(x) for x in v):
            vals.append((r["indicator"], r["state"], v))
    if not sc or (sc[-1]["indicator"], sc[-1]["state"]) != ("all", "all"):
        print("scores.csv: the last row is not indicator all, state all")
        return 1
    names = ["rmse", "mae", "rmse_persistence", "rmse_trend", "skill_persistence", "skill_trend"]
    for i, s in enumerate(sc, start=2):
        rows = [v for ind, st, v in vals
                if s["indicator"] in ("all", ind) and s["state"] in ("all", st)]
        n, want = stats(rows)
        if int(s["n"]) != n:
            print(f"scores.csv:{i}: n = {s['n']}, recomputed {n}")
            return 1
        for name, w in zip(names, want):
            if not same(float(s[name]), w):
                print(f"scores.csv:{i}: {name} = {s[name]}, recomputed {w!r}")
                return 1
    # every (indicator, state) with forecasts has its row
    have = {(s["indicator"], s["state"]) for s in sc}
    for ind, st, _ in vals:
        for key in ((ind, st), (ind, "all")):
            if key not in have:
                print(f"scores.csv: no row for indicator {key[0]}, state {key[1]}")
                return 1
    print(f"backtest scores: {len(sc)} rows checked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
