#!/usr/bin/env python3
"""Build scenarios/history_2005_gg2.json: scenarios/history_2005.json run by
model GG-2 (format 2), for GG-2's first backtests against GG-1.

    python3 scripts/make_history_2005_gg2.py [OUT]

Everything of history_2005.json is kept (its sources are in its notes and in
docs/validation.md). What GG-2 adds is judgment, each with a range, and is
listed in docs/validation.md:

- channels: visibility 1.0 for investment (land leases, factories and debt
  are what protests target), 0.6 for security, 0.2 for diplomacy (ranges
  0.5-1, 0.3-0.9, 0-0.5); investment counts toward dependence (1: the
  stock as a share of GDP); security is the regime's guarantor channel;
- every state: ties pull 1 (GG-1's weight), hedging 0.5 (range 0-1),
  leverage 0.5 (range 0-2), regime security 1 (range 0-3), conditionality
  aversion 0.2 (range 0-0.5); the United States attaches conditionality 1
  (democracy and human-rights conditions; China and Russia 0);
- unrest as dated events (set with until), each with its source: the Tulip
  Revolution (Kyrgyzstan, March-April 2005), Andijan (Uzbekistan, May 2005),
  the April 2010 revolution and the June 2010 Osh violence (Kyrgyzstan),
  Zhanaozen (Kazakhstan, December 2011), Khorog (Tajikistan, July 2012 and
  May 2022), the January 2022 unrest in Kazakhstan, Karakalpakstan
  (Uzbekistan, July 2022); sizes are judgments (0.3-1).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

CHANNELS = {
    "investment": {"visibility": 1.0, "dependence": 1},
    "security": {"visibility": 0.6, "guarantor": True},
    "diplomacy": {"visibility": 0.2},
}
DEFAULTS = {"ties_pull": 1, "hedging": 0.5, "leverage": 0.5, "regime_security": 1,
            "conditionality_aversion": 0.2}
CONDITIONALITY = {"US": 1}

UNREST = [
    ("KG", "2005-03", "2005-05", 0.8, "Tulip Revolution: Akayev ousted (24 March 2005)"),
    ("UZ", "2005-05", "2005-07", 0.8, "Andijan uprising and its suppression (13 May 2005)"),
    ("KG", "2010-04", "2010-08", 1.0,
     "Bakiyev ousted (7 April 2010), then the Osh violence (June 2010)"),
    ("KZ", "2011-12", "2012-02", 0.5, "Zhanaozen: oil workers' strike shot at (16 December 2011)"),
    ("TJ", "2012-07", "2012-09", 0.5, "fighting in Khorog, Gorno-Badakhshan (July 2012)"),
    ("KZ", "2022-01", "2022-03", 1.0,
     "January 2022 unrest; the government calls in the CSTO (2-11 January 2022)"),
    ("TJ", "2022-05", "2022-07", 0.5, "Gorno-Badakhshan protests put down (May 2022)"),
    ("UZ", "2022-07", "2022-08", 0.5,
     "Karakalpakstan protests against the constitutional change (1-2 July 2022)"),
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "scenarios",
                                                              "history_2005_gg2.json")
    with open(os.path.join(ROOT, "scenarios", "history_2005.json")) as f:
        d = json.load(f)
    doc = {"format": 2, "model": "GG-2"}
    for k, v in d.items():
        if k != "format":
            doc[k] = v
    doc["name"] = "History from 2005, model GG-2"
    doc["description"] = (
        "scenarios/history_2005.json run by model GG-2: the same observed start, events and "
        "measurement model, plus visible backlash, dependence, regime security with dated "
        "unrest, US conditionality and hedging (judgments with ranges: "
        "scripts/make_history_2005_gg2.py, docs/validation.md).")
    for c in doc["channels"]:
        c.update(CHANNELS.get(c["id"], {}))
    for p in doc["powers"]:
        if p["id"] in CONDITIONALITY:
            p["conditionality"] = CONDITIONALITY[p["id"]]
    doc["defaults"].update(DEFAULTS)
    tick = lambda at: 0 if at == 0 else (int(at[:4]) - 2005) * 12 + int(at[5:7]) - 1
    events = list(doc["events"])
    for state, at, until, size, note in UNREST:
        events.append({"at": at, "until": until, "type": "set",
                       "path": "states.%s.unrest" % state, "value": size,
                       "note": "%s (size a judgment, 0.3-1)" % note})
    events.sort(key=lambda e: tick(e["at"]))
    doc["events"] = events
    with open(out, "w") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
