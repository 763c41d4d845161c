#!/usr/bin/env python3
"""Build scenarios/history_2005.json: Central Asia, monthly from January 2005
to December 2024, starting from observed indicators rather than from the
model's equilibrium.

    python3 scripts/make_history_2005.py [OUT]

Inputs (both in the repository): scenarios/history_2013.json, whose sourced
structure (channels, powers' budgets, state parameters, neighbours, outlines,
blocs, the 2013-2023 events) is reused, and scenarios/observed/observed.csv.

What changes, and where each number comes from (docs/validation.md repeats it):

- Alignment at January 2005. Autonomy is a judgment: 0.35 for every state
  (range 0.2-0.5), 0.6 for Turkmenistan (range 0.45-0.75; permanent
  neutrality, UN General Assembly resolution 50/80 of 1995). The rest is
  split between the US, China and Russia in proportion to each state's 2005
  UN General Assembly voting agreement with each (observed.csv, indicator
  un_agreement, source unvotes). No equilibrium is computed.
- Security stocks (presence index, about one unit per thousand personnel,
  the convention of history_2013.json): the bases open in January 2005
  (scenarios/observed/facts.csv): Manas (US, KG) 1.2, Karshi-Khanabad (US, UZ)
  1.5, Kant (RU, KG) 0.5, the 201st base (RU, TJ) 7.0; Russia in Kazakhstan
  1.0 (Baikonur and test ranges, history_2013's judgment); 0.1 elsewhere.
- Investment stocks: half of history_2013's September 2013 stocks (a
  judgment, range 0.25-1.0 of them: eight years of flows were still to come).
  Diplomacy stocks (half-life six months): history_2013's.
- US budget: FY2010-FY2013 assistance obligations (ForeignAssistance.gov,
  summed over the five states, per month); before FY2010 held at the FY2013
  value (judgment, range 20-60 USD m per month).
- Events 2005-2013 added (each with its source or judgment in its note);
  events of history_2013 kept; the Manas closure now also withdraws the US
  security stock in Kyrgyzstan.
- A measurement section (UN agreement, trade shares, where emigrants live,
  remittances), refitted by every
  backtest; its coefficients here come from `greatgame backtest
  scenarios/history_2005.json --fit-until 2012`.
"""
import csv
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

AUTONOMY = {"KZ": 0.35, "KG": 0.35, "TJ": 0.35, "TM": 0.6, "UZ": 0.35}
SECURITY_2005 = {
    ("KG", "US"): 1.2,
    ("UZ", "US"): 1.5,
    ("KG", "RU"): 0.5,
    ("TJ", "RU"): 7.0,
    ("KZ", "RU"): 1.0,
}
INVESTMENT_FRACTION = 0.5

# US assistance obligations by fiscal year, USD m, summed over KZ KG TJ TM UZ
# (ForeignAssistance.gov, obligations): FY2010 612.6, FY2011 350.6, FY2012
# 435.6, FY2013 357.0; per month below.
US_BUDGET = [("2009-10", 2010, 612.6), ("2010-10", 2011, 350.6), ("2011-10", 2012, 435.6),
             ("2012-10", 2013, 357.0)]

NEW_EVENTS = [
    {"at": "2005-05", "type": "affinity", "power": "US", "states": ["UZ"], "delta": -0.2,
     "note": "Andijan (13 May 2005): US criticism and Uzbekistan's turn away (judgment, range "
             "-0.1 to -0.3)"},
    {"at": "2005-11", "type": "withdraw", "power": "US", "states": ["UZ"], "channel": "security",
     "fraction": 1,
     "note": "the last US personnel leave Karshi-Khanabad (21 Nov 2005; facts.csv)"},
    {"at": "2008-08", "type": "affinity", "power": "RU", "states": "*", "delta": -0.02,
     "note": "war in Georgia (Aug 2008): caution towards Moscow (judgment, range 0 to -0.05)"},
    {"at": "2010-04", "until": "2011-04", "type": "affinity", "power": "RU", "states": ["KG"],
     "delta": 0.05,
     "note": "Bakiyev ousted (Apr 2010) after Russian pressure over Manas (judgment, range 0 to "
             "0.1)"},
]

for at, fy, total in US_BUDGET:
    NEW_EVENTS.append({"at": at, "type": "budget", "power": "US", "channel": "investment",
                       "set": round(total / 12, 1),
                       "note": "US assistance obligations, FY%d, five states (ForeignAssistance.gov),"
                               " per month" % fy})

LATER_EVENTS = [
    {"at": "2014-06", "type": "withdraw", "power": "US", "states": ["KG"], "channel": "security",
     "fraction": 1, "note": "Manas handed back (3 June 2014; facts.csv): the US presence goes"},
    {"at": "2021-08", "type": "set", "path": "states.TJ.weights.security", "value": 1.5,
     "note": "Taliban take Kabul (15 Aug 2021): security weighs more on the Afghan border "
             "(judgment, 1.2-2.0)"},
    {"at": "2021-08", "type": "set", "path": "states.UZ.weights.security", "value": 1.2,
     "note": "Taliban take Kabul (15 Aug 2021) (judgment, 1.0-1.5)"},
    {"at": "2022-01", "until": "2022-02", "type": "affinity", "power": "RU", "states": ["KZ"],
     "delta": 0.2,
     "note": "CSTO deployment in Kazakhstan, 6-19 Jan 2022 (facts.csv): one month, not a lasting "
             "presence (judgment, 0.1-0.3)"},
    {"at": "2022-02", "type": "affinity", "power": "RU", "states": ["KZ", "UZ"], "delta": -0.05,
     "note": "Russia's invasion of Ukraine (24 Feb 2022): abstentions and distance (judgment, 0 to "
             "-0.1)"},
    {"at": "2022-02", "type": "budget", "power": "RU", "channel": "investment", "scale": 0.8,
     "note": "sanctions on Russia (2022): less to invest abroad (judgment, 0.6-1.0)"},
    {"at": "2022-09", "type": "affinity", "power": "RU", "states": ["KG", "TJ"], "delta": -0.05,
     "note": "Kyrgyz-Tajik border war (Sep 2022): the CSTO does not act (judgment, 0 to -0.1)"},
]


def observed_2005(path):
    agree = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if row["date"] == "2005" and row["indicator"] == "un_agreement":
                agree[(row["state"], row["partner"])] = float(row["value"])
    return agree


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "scenarios", "history_2005.json")
    with open(os.path.join(ROOT, "scenarios", "history_2013.json")) as f:
        d = json.load(f)
    agree = observed_2005(os.path.join(ROOT, "scenarios", "observed", "observed.csv"))
    powers = [p["id"] for p in d["powers"]]
    d["name"] = "History from 2005: observed start, 2005-2024"
    d["description"] = (
        "Monthly from January 2005 to December 2024. The alignment at the start comes from the "
        "2005 UN General Assembly voting agreement with each power and an autonomy judgment, "
        "not from the model's equilibrium; bases open in 2005 give the security stocks; dated "
        "events 2005-2022 with sources or judgments with ranges in their notes. Built by "
        "scripts/make_history_2005.py (docs/validation.md).")
    d["time"] = {"start": "2005-01", "step": "month", "ticks": 240}
    for s in d["states"]:
        sid = s["id"]
        a = AUTONOMY[sid]
        w = {p: agree[(sid, p)] for p in powers}
        tot = sum(w.values())
        shares = {p: round((1 - a) * w[p] / tot, 4) for p in powers}
        # the shares sum to one exactly: autonomy takes the rounding
        s["alignment"] = {"autonomy": round(1 - sum(shares.values()), 4), **shares}
        for p in powers:
            st = s["stocks"][p]
            st["investment"] = round(st["investment"] * INVESTMENT_FRACTION, 1)
            st["security"] = SECURITY_2005.get((sid, p), 0.1)
    for b in d["blocs"]:
        if b["id"] == "EEU":
            # the Customs Union from January 2010 (Kazakhstan), the EEU's forerunner
            b["name"] = "Customs Union / Eurasian Economic Union"
            b["members"] = [{"state": "KZ", "from": "2010-01"}, {"state": "KG", "from": "2015-08"}]
        if b["id"] == "CSTO":
            # Uzbekistan rejoined on 16 Aug 2006 and suspended in Dec 2012 (facts.csv)
            b["members"] = ["KZ", "KG", "TJ", {"state": "UZ", "from": "2006-08", "until": "2012-12"}]
    kept = []
    for e in d["events"]:
        if e.get("type") == "affinity" and e.get("note", "").startswith("Manas"):
            e["note"] += " (affinity; the withdraw event of the same month removes the stock)"
        kept.append(e)
    # an event already in history_2013.json is not added twice
    later = [e for e in LATER_EVENTS if not any(k.get("type") == e["type"] and
                                                k.get("at") == e["at"] and
                                                k.get("power") == e.get("power") and
                                                k.get("states") == e.get("states") for k in kept)]
    events = NEW_EVENTS + kept + later
    tick = lambda e: 0 if e["at"] == 0 else (int(e["at"][:4]) - 2005) * 12 + int(e["at"][5:7]) - 1
    events.sort(key=tick)
    d["events"] = [e for e in events if tick(e) < 240]
    d["measurement"] = [
        {"indicator": "un_agreement", "partners": [p], "link": "logit", "terms": ["share"],
         "intercept": 0.0, "coefficients": [1.0], "sd": 0.5,
         "note": "UN General Assembly agreement with %s (abstention half) as a logistic function "
                 "of the share aligned with it; one line per power, refitted by every backtest" % p}
        for p in powers
    ] + [
        {"indicator": "trade_share", "partners": [p], "link": "logit",
         "terms": ["stock_share:investment"], "intercept": -2.0, "coefficients": [1.0], "sd": 0.5,
         "note": "%s's share of the state's goods trade as a logistic function of its share of "
                 "the powers' investment stocks; refitted by every backtest" % p}
        for p in ("CN", "RU")  # the US is almost never among the top five partners
    ] + [
        {"indicator": "migrant_stock_share", "partners": [p], "link": "logit", "terms": ["share"],
         "intercept": 0.0, "coefficients": [1.0], "sd": 0.5,
         "note": "share of the state's emigrants living in %s as a logistic function of the share "
                 "aligned with it; refitted by every backtest" % p}
        for p in ("RU", "US")
    ] + [
        {"indicator": "remittances_gdp", "of": "RU", "link": "identity", "terms": ["share"],
         "intercept": 0.0, "coefficients": [20.0], "sd": 8.0,
         "note": "remittances (% of GDP), mostly from Russia, linear in the share aligned with "
                 "Russia; refitted by every backtest"},
    ]
    fit = os.environ.get("GG_HISTORY_FIT")
    if fit:
        # the coefficients of a backtest's measurement.csv
        with open(fit, newline="") as f:
            rows = list(csv.DictReader(f))
        for m in d["measurement"]:
            partner = m["partners"][0] if "partners" in m else ""
            for r in rows:
                if r["indicator"] != m["indicator"] or r["partner"] != partner:
                    continue
                v = round(float(r["coefficient"]), 4)
                if r["term"] == "intercept":
                    m["intercept"] = v
                    if r["sd"] not in ("", "nan"):
                        m["sd"] = round(float(r["sd"]), 4)
                else:
                    m["coefficients"][m["terms"].index(r["term"])] = v
    with open(out, "w") as f:
        json.dump(d, f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
