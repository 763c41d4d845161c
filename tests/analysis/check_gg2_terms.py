#!/usr/bin/env python3
"""The GG-2 measurement terms (ties, dependence, hedging) of indicators.csv
against the independent GG-2 reference (tests/reference/gg2.py).

usage: check_gg2_terms.py GREATGAME SEED WORK

Generates a random format 2 scenario (tests/reference/gen_scenario.py --gg2
SEED), gives it a measurement section whose indicators are the three terms
themselves (identity link, intercept 0, coefficient 1), runs it with
`greatgame run --out`, and compares every row of indicators.csv with the
reference's ties, dependence and hedging capacity after the same step (1e-9,
relative). Prints `gg2 terms: N rows checked` and exits 0, or names the
first difference and exits 1."""
import csv
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REF = os.path.join(os.path.dirname(HERE), "reference")
sys.path.insert(0, REF)
sys.dont_write_bytecode = True
import gg2  # noqa: E402


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    prog, seed, work = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, "gg2_terms.json")
    subprocess.run([sys.executable, os.path.join(REF, "gen_scenario.py"), "--gg2", seed, path],
                   check=True)
    with open(path) as f:
        doc = json.load(f)
    powers = [p["id"] for p in doc["powers"]]
    one = {"link": "identity", "intercept": 0, "coefficients": [1]}
    doc["measurement"] = [
        dict(one, indicator="ties_ind", partners=powers, terms=["ties"]),
        dict(one, indicator="dependence_ind", partners=powers, terms=["dependence"]),
        dict(one, indicator="hedging_ind", terms=["hedging"]),
    ]
    with open(path, "w") as f:
        json.dump(doc, f)
    out = os.path.join(work, "run")
    subprocess.run([prog, "run", path, "--out", out, "--force", "--quiet"], check=True)

    model = gg2.Model2(doc, 0)
    states = [s["id"] for s in doc["states"]]
    want = {}

    def record(t):
        for s, sid in enumerate(states):
            for p, pid in enumerate(powers):
                e = model.last_ties[s][p] if t > 0 else 0.0
                d = model.last_dependence[s][p] if t > 0 else 0.0
                want[(t, sid, "ties_ind", pid)] = e
                want[(t, sid, "dependence_ind", pid)] = d
            want[(t, sid, "hedging_ind", "")] = model.last_hedging[s] if t > 0 else 0.0

    record(0)
    for t in range(model.clock.ticks):
        model.step(t)
        record(t + 1)
    n = 0
    with open(os.path.join(out, "indicators.csv"), newline="") as f:
        for i, r in enumerate(csv.DictReader(f), start=2):
            key = (int(r["tick"]), r["state"], r["indicator"], r["partner"])
            w, got = want.pop(key), float(r["value"])
            if abs(got - w) > 1e-9 * max(1.0, abs(w)):
                print(f"indicators.csv:{i}: {key}: {got!r}, reference {w!r}")
                return 1
            n += 1
    if want:
        print(f"indicators.csv: {len(want)} rows missing, e.g. {next(iter(want))}")
        return 1
    print(f"gg2 terms: {n} rows checked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
