#!/usr/bin/env python3
"""Build scenarios/central_asia_2020_gg2.json, the Central Asia baseline of
model GG-2, from the inputs table scenarios/inputs/central_asia_2020_gg2.csv.

    python3 scripts/make_central_asia_2020_gg2.py [OUT]

One information date, February 2020: every figure describes 2019 or earlier
(or is a judgment made with what was known then), and the only dated events
are those of February 2020. The start is observed, not an equilibrium:

- Channels measured alike for every power: goods trade, direct investment
  (with grant aid), official lending (with the debt stock it leaves),
  remittances (migration), security presence and diplomacy. A power's
  effort in a channel is the flow of 2019 (USD million a month), split
  across the states by that channel's own priorities (the flows
  themselves); flow channels (trade, remittances, diplomacy) start at the
  stock the 2019 flow keeps up, investment, lending and security at their
  observed or judged stocks.
- The alignment at the start: an autonomy judgment, the rest split by the
  2019 UN General Assembly voting agreement with each power (observed.csv).
- Every input is a row of the inputs table, observed with its source or a
  judgment with a range (tests/data/check_observed.py checks it); the
  ranges are the priors of docs/claims.md. Other values that are not rows
  (states' names, population, GDP, neighbours, outlines, blocs and the
  February 2020 events) are those of scenarios/central_asia_2020.json and
  carry its sources (docs/calibration.md).
- The measurement section: UN agreement and where emigrants live from
  scenarios/history_2005_gg2.json (fitted on 2005-2012); remittances read
  from the migration channel (its stocks over GDP, no fitted coefficient);
  creditor and trade shares from the channels' stock shares (the trade
  coefficient the 2019 ratio of the three powers' trade to all trade, the
  creditor coefficient the ratio of the observed Chinese shares of
  2011-2019 to China's share of the powers' lending).

With --set-inputs FILE.json, a JSON object {"item|state|power|channel":
value} overrides rows of the table (for studies of inputs that are not
parameter paths).

With --events, it writes scenarios/central_asia_2020_gg2_events.json
instead: the same baseline plus what happened after February 2020 (the
events of scripts/make_history_2005.py from 2020 on, the unrest of
scripts/make_history_2005_gg2.py, Uzbekistan's EEU observer status and the
Chinese post in the Wakhan), each with its source or judgment in its note;
docs/validation.md compares both with the observations of 2020-2024.
"""
import csv
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
STATES = ["KZ", "KG", "TJ", "TM", "UZ"]
POWERS = ["US", "CN", "RU"]
CHANNELS = [
    ("trade", "Goods trade", "USD million"),
    ("investment", "Direct investment and grant aid", "USD million"),
    ("lending", "Official lending", "USD million"),
    ("migration", "Remittances", "USD million"),
    ("security", "Security presence", "presence index"),
    ("diplomacy", "Diplomatic engagement", "engagement points"),
]
START = "2020-02"
TICKS = 131  # February 2020 to December 2030


def sig(v, n=6):
    """v rounded to n significant digits (so that the file reads cleanly)."""
    if v == 0 or not math.isfinite(v):
        return v
    r = round(v, n - 1 - int(math.floor(math.log10(abs(v)))))
    return int(r) if r == int(r) and abs(r) < 1e15 else r


class Inputs:
    def __init__(self, path, overrides=None):
        with open(path, newline="") as f:
            self.rows = list(csv.DictReader(f))
        self.over = overrides or {}

    def get(self, item, state="", power="", channel="", default=None):
        key = "|".join((item, state, power, channel))
        if key in self.over:
            return float(self.over[key])
        for st in (state, "*") if state else ("",):
            for r in self.rows:
                if (r["item"], r["state"], r["power"], r["channel"]) == (item, st, power, channel):
                    return float(r["value"])
        if default is not None:
            return default
        raise KeyError(key)

    def params(self):
        return [(r["item"][6:], float(self.over.get(r["item"], r["value"]))) for r in self.rows
                if r["item"].startswith("param:")]


def un_agreement_2019():
    agree = {}
    with open(os.path.join(ROOT, "scenarios", "observed", "observed.csv"), newline="") as f:
        for row in csv.DictReader(f):
            if row["date"] == "2019" and row["indicator"] == "un_agreement":
                agree[(row["state"], row["partner"])] = float(row["value"])
    return agree


def keep(half_life):
    """r, the share of a stock kept each month."""
    return 0.5 ** (1.0 / half_life)


def build(inp):
    with open(os.path.join(ROOT, "scenarios", "central_asia_2020.json")) as f:
        gg1 = json.load(f)
    with open(os.path.join(ROOT, "scenarios", "history_2005_gg2.json")) as f:
        hist = json.load(f)
    base_states = {s["id"]: s for s in gg1["states"]}
    gdp = {s: base_states[s]["gdp"] for s in STATES}
    r = {c: keep(inp.get("half_life", channel=c)) for c, _, _ in CHANNELS}

    # yearly flows (USD m) of the flow channels, per state and power
    flow = {c: {(s, p): 0.0 for s in STATES for p in POWERS} for c, _, _ in CHANNELS}
    for s in STATES:
        total_rem = inp.get("remittances_gdp", s) / 100 * gdp[s] * 1000
        for p in POWERS:
            flow["trade"][(s, p)] = inp.get("trade", s, p, "trade", 0.0)
            share = inp.get("emigrant_share", s, p, "", 0.0)
            flow["migration"][(s, p)] = total_rem * share * inp.get("remittance_split", s, "", "")
            flow["investment"][(s, p)] = inp.get("investment_flow", s, p, "investment")
            flow["lending"][(s, p)] = inp.get("lending_flow", s, p, "lending")
    # diplomacy: a power's monthly points split by its relative weights
    dip = {}
    for p in POWERS:
        w = {s: inp.get("diplomacy", s, p, "diplomacy") for s in STATES}
        tot = sum(w.values())
        for s in STATES:
            dip[(s, p)] = inp.get("diplomacy_budget", "", p, "diplomacy") * w[s] / tot
    security = {(s, p): inp.get("security", s, p, "security", 0.0) for s in STATES for p in POWERS}

    # monthly efforts and budgets
    monthly = {}
    for c in ("trade", "investment", "lending", "migration"):
        monthly[c] = {k: v / 12 for k, v in flow[c].items()}
    monthly["diplomacy"] = dip
    monthly["security"] = {k: v * (1 - r["security"]) for k, v in security.items()}

    channels = []
    for c, name, unit in CHANNELS:
        ch = {"id": c, "name": name, "half_life": inp.get("half_life", channel=c), "unit": unit,
              "visibility": inp.get("visibility", channel=c)}
        if c in ("investment", "lending"):
            ch["dependence"] = inp.get("dependence", channel=c)
        elif c == "trade" and inp.get("dependence", channel="trade"):
            ch["dependence"] = inp.get("dependence", channel="trade")
        elif c == "migration":
            # D is then remittances as a share of GDP once the stock has
            # settled at its flow (stock * 12 (1 - r) = a year's flow)
            ch["dependence"] = sig(12 * (1 - r["migration"]))
        elif c == "security":
            ch["guarantor"] = True
        channels.append(ch)

    powers = []
    for p in (q for q in gg1["powers"] if q["id"] in POWERS):
        pid = p["id"]
        budget, chp = {}, {}
        for c, _, _ in CHANNELS:
            m = {s: monthly[c][(s, pid)] for s in STATES}
            budget[c] = sig(sum(m.values()))
            if budget[c] > 0:
                chp[c] = {s: sig(m[s]) for s in STATES if m[s] > 0}
        powers.append({
            "id": pid, "name": p["name"], "color": p["color"], "strategy": "fixed", "focus": 1.0,
            "budget": budget,
            # priority is unused (every channel with a budget lists its own)
            "priority": {s: 1 for s in STATES},
            "channel_priority": chp,
        })

    agree = un_agreement_2019()
    states = []
    for s in STATES:
        b = base_states[s]
        a = inp.get("start_autonomy", s)
        w = {p: agree[(s, p)] for p in POWERS}
        shares = {p: round((1 - a) * w[p] / sum(w.values()), 4) for p in POWERS}
        trade_total = inp.get("trade_total", s)
        stocks = {}
        for p in POWERS:
            st = {}
            for c in ("trade", "migration", "diplomacy"):
                st[c] = sig(monthly[c][(s, p)] / (1 - r[c]))
            st["investment"] = sig(inp.get("investment_stock", s, p, "investment"))
            st["lending"] = sig(inp.get("lending_stock", s, p, "lending"))
            st["security"] = security[(s, p)]
            stocks[p] = {c: st[c] for c, _, _ in CHANNELS}
        states.append({
            "id": s, "name": b["name"], "population": b["population"], "gdp": b["gdp"],
            "alignment": {"autonomy": round(1 - sum(shares.values()), 4), **shares},
            "stocks": stocks,
            "saturation": {
                "trade": sig(inp.get("saturation_share", channel="trade") * trade_total / 12 /
                             (1 - r["trade"])),
                "investment": sig(inp.get("saturation_share", channel="investment") * gdp[s] * 1000),
                "lending": sig(inp.get("saturation_share", channel="lending") * gdp[s] * 1000),
                "migration": sig(inp.get("saturation_share", channel="migration") * gdp[s] * 1000
                                 / 12 / (1 - r["migration"])),
            },
            "neighbours": b["neighbours"],
            "outline": b["outline"],
        })

    multipliers = {"BRI": {"investment": 1.2, "lending": 1.2}, "EEU": {"trade": 1.1},
                   "CSTO": {"security": 1.5},
                   "C5P1": {"diplomacy": 1.2}}
    blocs = []
    for bl in gg1["blocs"]:
        bl = dict(bl)
        bl.pop("multipliers", None)
        if bl["id"] in multipliers:
            bl["multipliers"] = multipliers[bl["id"]]
        blocs.append(bl)

    defaults = {
        "backlash": {"strength": 2.0, "threshold": 0.5},
        "weights": {c: 1.0 for c, _, _ in CHANNELS},
        "saturation": {"security": inp.get("saturation", channel="security"),
                       "diplomacy": inp.get("saturation", channel="diplomacy")},
    }
    doc = {
        "format": 2, "model": "GG-2",
        "name": "Central Asia 2020 baseline, model GG-2",
        "description": (
            "The five Central Asian states under the pressure of the United States, China and "
            "Russia, monthly from February 2020 to December 2030, with what was known in "
            "February 2020. Trade, investment and lending, remittances, security and diplomacy measured alike "
            "for every power; the start observed (2019 flows and stocks, 2019 UN voting), not "
            "an equilibrium. Built by scripts/make_central_asia_2020_gg2.py from "
            "scenarios/inputs/central_asia_2020_gg2.csv (sources and judgments with ranges: "
            "docs/baseline-gg2.md)."),
        "time": {"start": START, "step": "month", "ticks": TICKS},
        "seed": 20200203,
        "outputs": {"weight": "population"},
        "channels": channels,
        "powers": powers,
        "defaults": defaults,
        "states": states,
        "blocs": blocs,
    }
    # the parameters of the table (decisiveness, weights, GG-2's keys,
    # autonomy utilities, affinities, bloc bonuses) by their paths
    apply_params(doc, inp.params())

    events = [e for e in gg1["events"] if str(e["at"]) in ("0", "2020-01", "2020-02")]
    events.append({
        "at": "2020-02", "until": "2022-02", "type": "affinity", "power": "CN", "states": ["KG"],
        "delta": inp.get("event_affinity", "KG", "CN", ""),
        "note": "the At-Bashi protests (January-February 2020), after which the government "
                "cancelled the Chinese logistics centre (24 Feb 2020; its planned investment is "
                "not in China's flows) (judgment, range 0 to -0.1)"})
    doc["events"] = events
    doc["measurement"] = measurement(hist, inp, doc["states"])
    return doc


def apply_params(doc, params):
    states = {s["id"]: s for s in doc["states"]}
    for path, v in params:
        parts = path.split(".")
        if parts[0] == "states" and parts[1] == "*":
            node = doc["defaults"]
            for k in parts[2:-1]:
                node = node.setdefault(k, {})
            node[parts[-1]] = v
        elif parts[0] == "states":
            node = states[parts[1]]
            for k in parts[2:-1]:
                node = node.setdefault(k, {})
            node[parts[-1]] = v
        elif parts[0] == "powers":
            next(p for p in doc["powers"] if p["id"] == parts[1])[parts[2]] = v
        elif parts[0] == "blocs":
            next(b for b in doc["blocs"] if b["id"] == parts[1])[parts[2]] = v
        else:
            raise SystemExit("make_central_asia_2020_gg2: unknown parameter path %s" % path)


def measurement(hist, inp, states=None):
    keep_ind = ("un_agreement", "migrant_stock_share")
    lines = [dict(m) for m in hist["measurement"] if m["indicator"] in keep_ind]
    for m in lines:
        m["note"] = m["note"].split(";")[0] + "; coefficients fitted on 2005-2012 " \
            "(scenarios/history_2005_gg2.json)"
    # the three powers' part of all trade, pooled over the observed rows
    num = den = 0.0
    for s in STATES:
        rows = [r for r in inp.rows if r["item"] == "trade" and r["state"] == s]
        tot = [r for r in inp.rows if r["item"] == "trade_total" and r["state"] == s]
        if (len(rows) == 3 and tot and all(r["basis"] == "observed" for r in rows)
                and tot[0]["basis"] == "observed"):
            num += sum(float(r["value"]) for r in rows)
            den += float(tot[0]["value"])
    ratio = sig(num / den, 4)
    # China's share of external debt observed by 2019, over its share of the
    # three powers' lending at the start
    ratios = []
    with open(os.path.join(ROOT, "scenarios", "observed", "observed.csv"), newline="") as f:
        for row in csv.DictReader(f):
            if row["indicator"] == "creditor_share" and row["partner"] == "CN" and \
                    row["date"][:4] <= "2019":
                st = row["state"]
                lend = {p: inp.get("lending_stock", st, p, "lending") for p in POWERS}
                ratios.append(float(row["value"]) / (lend["CN"] / sum(lend.values())))
    creditor = sig(sum(ratios) / len(ratios), 4)
    # remittances (% of GDP) over the migration channel's stocks over GDP at
    # the start (the three powers' part of the remittances), pooled over the
    # states: the 2019 observations over the start's stocks
    obs = sum(inp.get("remittances_gdp", s["id"]) for s in states)
    model = sum(sum(s["stocks"][p]["migration"] for p in POWERS) / (1000.0 * s["gdp"])
                for s in states)
    rem = sig(obs / model, 4)
    lines += [
        {"indicator": "remittances_gdp", "link": "identity", "terms": ["stock_gdp:migration"],
         "intercept": 0.0, "coefficients": [rem],
         "note": "remittances (%% of GDP) read from the migration channel: its stocks over GDP "
                 "times %s, the ratio of the 2019 observations to the start's stocks, pooled "
                 "over the states (the channel holds the remittances from the three powers "
                 "only)" % rem},
        {"indicator": "trade_share", "partners": ["CN", "RU"], "link": "identity",
         "terms": ["stock_share:trade"], "intercept": 0.0, "coefficients": [ratio],
         "note": "a power's share of the state's goods trade: its share of the three powers' "
                 "trade stocks times the three powers' part of all trade in 2019 (%s, pooled "
                 "over the states observed in full)" % ratio},
        {"indicator": "creditor_share", "partners": ["CN"], "link": "identity",
         "terms": ["stock_share:lending"], "intercept": 0.0, "coefficients": [creditor],
         "note": "China's share of external public debt: its share of the three powers' "
                 "official lending times %s, the mean ratio of the observed shares of 2011-2019 "
                 "to China's lending share at the start (the rest is owed to multilateral "
                 "and other lenders)" % creditor},
    ]
    return lines


def with_events(doc):
    """The baseline plus the dated events of 2020-2024."""
    sys.path.insert(0, HERE)
    import make_history_2005 as h05
    import make_history_2005_gg2 as h05g
    gg1 = json.load(open(os.path.join(ROOT, "scenarios", "central_asia_2020.json")))
    later = [e for e in gg1["events"] if str(e["at"]) not in ("0", "2020-01", "2020-02")]
    later += [dict(e) for e in h05.LATER_EVENTS if e["at"] >= "2020-03"]
    for state, at, until, size, note in h05g.UNREST:
        if at >= "2020-03":
            later.append({"at": at, "until": until, "type": "set",
                          "path": "states.%s.unrest" % state, "value": size,
                          "note": "%s (size a judgment, 0.3-1)" % note})
    doc = dict(doc)
    doc["name"] = "Central Asia 2020 baseline, model GG-2, with the events of 2020-2024"
    doc["description"] = (
        "scenarios/central_asia_2020_gg2.json plus what happened after February 2020: the Taliban "
        "in Kabul, the January 2022 unrest in Kazakhstan and the CSTO deployment, the war in "
        "Ukraine and the sanctions, the Kyrgyz-Tajik border war, unrest in Gorno-Badakhshan and "
        "Karakalpakstan, Uzbekistan's EEU observer status, the Chinese post in the Wakhan. Built "
        "by scripts/make_central_asia_2020_gg2.py --events.")
    tick = lambda e: 0 if str(e["at"]) == "0" else \
        (int(e["at"][:4]) - 2020) * 12 + int(e["at"][5:7]) - 2
    doc["events"] = sorted(doc["events"] + later, key=tick)
    return doc


def main():
    args = sys.argv[1:]
    over = None
    events = False
    if args[:1] == ["--events"]:
        events, args = True, args[1:]
    if args[:1] == ["--set-inputs"]:
        with open(args[1]) as f:
            over = json.load(f)
        args = args[2:]
    name = "central_asia_2020_gg2_events.json" if events else "central_asia_2020_gg2.json"
    out = args[0] if args else os.path.join(ROOT, "scenarios", name)
    inp = Inputs(os.path.join(ROOT, "scenarios", "inputs", "central_asia_2020_gg2.csv"), over)
    doc = build(inp)
    if events:
        doc = with_events(doc)
    with open(out, "w") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
