#!/usr/bin/env python3
"""Reference implementation of the GG-1 influence model (deterministic part).

This program is written from the model and scenario specifications alone,
as an independent check of the C engine.  It is deliberately plain: lists
of lists, one function per step of a tick, no cleverness.  It covers every
scenario whose noise is zero and which has no `shock` events, and refuses
any other.

Usage:
    gg1.py SCENARIO              alignment CSV on standard output
    gg1.py SCENARIO --stocks     stocks CSV on standard output
    gg1.py SCENARIO --out DIR    alignment.csv and stocks.csv in DIR

The CSV columns are those of `greatgame run`:
    run,seed,tick,date,state,component,share
    run,seed,tick,date,state,power,channel,stock,effort
The seed column holds the seed of the scenario's first run, derived from
the scenario's seed, sample 0 and replicate 0 by SplitMix64 steps; the
model itself never uses it (noise is zero).
"""

import json
import math
import os
import sys


MASK64 = (1 << 64) - 1


def splitmix64(x):
    """One SplitMix64 step: the output for state x."""
    z = (x + 0x9E3779B97F4A7C15) & MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return z ^ (z >> 31)


def run_seed(seed, sample=0, replicate=0):
    """The seed of one run of a scenario (a pure function of the three)."""
    return splitmix64((splitmix64((splitmix64(seed) + sample) & MASK64) + replicate) & MASK64)


class ScenarioError(Exception):
    """The scenario is outside what this reference handles, or invalid."""


# --------------------------------------------------------------------------
# Time: ticks and dates
# --------------------------------------------------------------------------


def date_index(text, step):
    """Map a date in the step's format to a count of steps since year 0."""
    if not isinstance(text, str):
        raise ScenarioError("date %r is not a string" % (text,))
    if step == "month":
        year, month = text.split("-")
        return int(year) * 12 + int(month) - 1
    if step == "quarter":
        year, quarter = text.split("-Q")
        return int(year) * 4 + int(quarter) - 1
    if step == "year":
        return int(text)
    raise ScenarioError("unknown step %r" % (step,))


def format_date(index, step):
    """Inverse of date_index."""
    if step == "month":
        return "%04d-%02d" % (index // 12, index % 12 + 1)
    if step == "quarter":
        return "%04d-Q%d" % (index // 4, index % 4 + 1)
    return "%04d" % index


class Clock:
    def __init__(self, time_obj):
        self.step = time_obj["step"]
        self.ticks = int(time_obj["ticks"])
        self.origin = date_index(time_obj["start"], self.step)

    def tick_of(self, value):
        """A time value (tick number or date string) as a tick number."""
        if isinstance(value, bool):
            raise ScenarioError("time %r is not a tick or date" % (value,))
        if isinstance(value, (int, float)):
            return int(value)
        return date_index(value, self.step) - self.origin

    def date(self, tick):
        return format_date(self.origin + tick, self.step)


# --------------------------------------------------------------------------
# The scenario, resolved into plain tables
# --------------------------------------------------------------------------

STATE_SCALARS = [
    "autonomy",
    "responsiveness",
    "decisiveness",
    "backlash.strength",
    "backlash.threshold",
    "neighbour_weight",
    "noise",
]


def lookup(obj, dotted):
    """obj['a']['b'] for dotted 'a.b', or None if any part is missing."""
    for part in dotted.split("."):
        if not isinstance(obj, dict) or part not in obj:
            return None
        obj = obj[part]
    return obj


def state_list(spec, state_ids):
    """The `states` key of an event: one id, a list of ids, or "*"."""
    if spec == "*":
        return list(range(len(state_ids)))
    if isinstance(spec, str):
        spec = [spec]
    return [state_ids.index(s) for s in spec]


class Model:
    """All parameters and state variables of one run."""

    def __init__(self, doc):
        self.doc = doc
        self.clock = Clock(doc["time"])
        self.seed = run_seed(int(doc.get("seed", 1)))
        self.channels = [c["id"] for c in doc["channels"]]
        self.powers = [p["id"] for p in doc["powers"]]
        self.states = [s["id"] for s in doc["states"]]
        self.blocs = [b["id"] for b in doc.get("blocs", [])]
        S, P, C = len(self.states), len(self.powers), len(self.channels)
        self.S, self.P, self.C = S, P, C

        # Channels.
        self.half_life = [float(c["half_life"]) for c in doc["channels"]]

        # Powers.
        self.contest = []
        self.focus = []
        self.budget = []
        self.priority = []
        for p in doc["powers"]:
            strategy = p.get("strategy", "fixed")
            if strategy not in ("fixed", "contest"):
                raise ScenarioError("unknown strategy %r" % (strategy,))
            self.contest.append(strategy == "contest")
            self.focus.append(float(p.get("focus", 1.0)))
            budget = p.get("budget", {})
            self.budget.append([float(budget.get(c, 0.0)) for c in self.channels])
            if "priority" in p:
                prio = p["priority"]
                self.priority.append([float(prio.get(s, 0.0)) for s in self.states])
            else:
                self.priority.append([1.0] * S)

        # States: parameters from the state, else from defaults.
        defaults = doc.get("defaults", {})
        self.par = []  # per state: dict name -> value
        self.weights = []
        self.saturation = []
        self.g = []
        self.a = []
        self.X = []
        for st in doc["states"]:
            par = {}
            for name in STATE_SCALARS:
                value = lookup(st, name)
                if value is None:
                    value = lookup(defaults, name)
                if value is None:
                    raise ScenarioError("state %s: %s set nowhere" % (st["id"], name))
                par[name] = float(value)
            par["population"] = float(st["population"])
            par["gdp"] = float(st["gdp"])
            self.par.append(par)
            for table, key in ((self.weights, "weights"), (self.saturation, "saturation")):
                row = []
                for c in self.channels:
                    value = lookup(st, key + "." + c)
                    if value is None:
                        value = lookup(defaults, key + "." + c)
                    if value is None:
                        raise ScenarioError("state %s: %s.%s set nowhere" % (st["id"], key, c))
                    row.append(float(value))
                table.append(row)
            aff = st.get("affinity", {})
            self.g.append([float(aff.get(p, 0.0)) for p in self.powers])
            align = st["alignment"]
            self.a.append(
                [float(align.get("autonomy", 0.0))] + [float(align.get(p, 0.0)) for p in self.powers]
            )
            stocks = st.get("stocks", {})
            self.X.append(
                [[float(stocks.get(p, {}).get(c, 0.0)) for c in self.channels] for p in self.powers]
            )
            if par["noise"] != 0.0:
                raise ScenarioError("state %s: noise must be 0 for the reference" % st["id"])

        # Neighbours: symmetrise by the larger raw weight, then row-normalise.
        raw = [[0.0] * S for _ in range(S)]
        for i, st in enumerate(doc["states"]):
            for n, w in st.get("neighbours", {}).items():
                raw[i][self.states.index(n)] = float(w)
        self.W = []
        for i in range(S):
            row = [max(raw[i][j], raw[j][i]) for j in range(S)]
            total = sum(row)
            self.W.append([w / total for w in row] if total > 0 else [0.0] * S)

        # Blocs.
        self.sponsors = []
        self.bonus = []
        self.mult = []
        self.intervals = []  # per bloc: per state: list of (from, until) ticks
        for b in doc.get("blocs", []):
            self.sponsors.append([self.powers.index(p) for p in b["sponsors"]])
            self.bonus.append(float(b.get("bonus", 0.0)))
            mult = b.get("multipliers", {})
            self.mult.append([float(mult.get(c, 1.0)) for c in self.channels])
            spans = [[] for _ in range(S)]
            for m in b.get("members", []):
                if isinstance(m, str):
                    spans[self.states.index(m)].append((-math.inf, math.inf))
                else:
                    lo = self.clock.tick_of(m["from"]) if "from" in m else -math.inf
                    hi = self.clock.tick_of(m["until"]) if "until" in m else math.inf
                    spans[self.states.index(m["state"])].append((lo, hi))
            self.intervals.append(spans)
        # join/leave overrides: (bloc, state) -> True (member) / False.
        self.override = {}

        # Events, with their ticks resolved.
        self.events = []
        for e in doc.get("events", []):
            if e["type"] == "shock":
                raise ScenarioError("shock events are stochastic: not handled")
            at = self.clock.tick_of(e["at"])
            until = self.clock.tick_of(e["until"]) if "until" in e else None
            self.events.append({"ev": e, "at": at, "until": until, "undo": None})

    # ---- parameter paths -------------------------------------------------

    def path_targets(self, path):
        """The (table, index) pairs a parameter path names (`*` expands)."""

        def ids(which, token):
            if token == "*":
                return list(range(len(which)))
            return [which.index(token)]

        parts = path.split(".")
        head = parts[0]
        out = []
        if head == "powers":
            for p in ids(self.powers, parts[1]):
                if parts[2] == "budget":
                    out += [(self.budget[p], c) for c in ids(self.channels, parts[3])]
                elif parts[2] == "priority":
                    out += [(self.priority[p], s) for s in ids(self.states, parts[3])]
                elif parts[2] == "focus":
                    out.append((self.focus, p))
                else:
                    raise ScenarioError("unknown path %s" % path)
        elif head == "states":
            for s in ids(self.states, parts[1]):
                rest = parts[2:]
                if rest[0] == "weights":
                    out += [(self.weights[s], c) for c in ids(self.channels, rest[1])]
                elif rest[0] == "saturation":
                    out += [(self.saturation[s], c) for c in ids(self.channels, rest[1])]
                elif rest[0] == "affinity":
                    out += [(self.g[s], p) for p in ids(self.powers, rest[1])]
                else:
                    name = ".".join(rest)
                    if name not in self.par[s]:
                        raise ScenarioError("unknown path %s" % path)
                    out.append((self.par[s], name))
        elif head == "channels":
            out += [(self.half_life, c) for c in ids(self.channels, parts[1])]
        elif head == "blocs":
            for b in ids(self.blocs, parts[1]):
                if parts[2] == "bonus":
                    out.append((self.bonus, b))
                else:
                    out += [(self.mult[b], c) for c in ids(self.channels, parts[3])]
        else:
            raise ScenarioError("path %s cannot be set by an event" % path)
        return out

    # ---- events (step 1) -------------------------------------------------

    def apply_event(self, item):
        e = item["ev"]
        kind = e["type"]
        if kind == "budget":
            p = self.powers.index(e["power"])
            c = self.channels.index(e["channel"])
            old = self.budget[p][c]
            if "set" in e:
                self.budget[p][c] = float(e["set"])
                item["undo"] = ("restore", [(self.budget[p], c, old)])
            elif "scale" in e:
                self.budget[p][c] = old * float(e["scale"])
                item["undo"] = ("scale", p, c, float(e["scale"]))
            else:
                self.budget[p][c] = old + float(e["add"])
                item["undo"] = ("add", p, c, float(e["add"]))
        elif kind == "inject":
            p = self.powers.index(e["power"])
            c = self.channels.index(e["channel"])
            for s in state_list(e["states"], self.states):
                self.X[s][p][c] += float(e["amount"])
        elif kind == "affinity":
            p = self.powers.index(e["power"])
            targets = state_list(e["states"], self.states)
            for s in targets:
                self.g[s][p] += float(e["delta"])
            item["undo"] = ("affinity", p, targets, float(e["delta"]))
        elif kind in ("join", "leave"):
            b = self.blocs.index(e["bloc"])
            s = self.states.index(e["state"])
            self.override[(b, s)] = kind == "join"
        elif kind == "set":
            if str(e["path"]).split(".")[-1] == "noise" and float(e["value"]) != 0.0:
                raise ScenarioError("set event makes noise non-zero")
            saved = []
            for table, idx in self.path_targets(e["path"]):
                saved.append((table, idx, table[idx]))
                table[idx] = float(e["value"])
            item["undo"] = ("restore", saved)
        else:
            raise ScenarioError("unknown event type %r" % (kind,))

    def undo_event(self, item):
        undo = item["undo"]
        if undo is None:
            return
        if undo[0] == "restore":
            for table, idx, old in undo[1]:
                table[idx] = old
        elif undo[0] == "scale":
            _, p, c, f = undo
            self.budget[p][c] /= f
        elif undo[0] == "add":
            _, p, c, d = undo
            self.budget[p][c] -= d
        elif undo[0] == "affinity":
            _, p, targets, d = undo
            for s in targets:
                self.g[s][p] -= d

    def run_events(self, t):
        for item in self.events:
            if item["until"] == t:
                self.undo_event(item)
        for item in self.events:
            if item["at"] == t:
                self.apply_event(item)

    # ---- blocs -----------------------------------------------------------

    def member(self, b, s, t):
        if (b, s) in self.override:
            return self.override[(b, s)]
        return any(lo <= t < hi for lo, hi in self.intervals[b][s])

    def bloc_terms(self, t):
        """M[s][p][c] (multiplier products) and K[s][p] (bonus sums) at t."""
        S, P, C = self.S, self.P, self.C
        M = [[[1.0] * C for _ in range(P)] for _ in range(S)]
        K = [[0.0] * P for _ in range(S)]
        for b in range(len(self.blocs)):
            for s in range(S):
                if not self.member(b, s, t):
                    continue
                for p in self.sponsors[b]:
                    K[s][p] += self.bonus[b]
                    for c in range(C):
                        M[s][p][c] *= self.mult[b][c]
        return M, K

    # ---- steps 4 to 7 ----------------------------------------------------

    def targets(self, X, M, K):
        """T[s][k] from stocks X, bloc terms and the current alignments."""
        S, P, C = self.S, self.P, self.C
        T = []
        for s in range(S):
            par = self.par[s]
            R = [
                [X[s][p][c] / (X[s][p][c] + self.saturation[s][c]) for c in range(C)]
                for p in range(P)
            ]
            presence = [sum(R[p]) for p in range(P)]
            total = sum(presence)
            U = [0.0] * (P + 1)
            N = [sum(self.W[s][n] * self.a[n][k] for n in range(S)) for k in range(P + 1)]
            U[0] = par["autonomy"] + par["neighbour_weight"] * N[0]
            for p in range(P):
                pull = sum(self.weights[s][c] * M[s][p][c] * R[p][c] for c in range(C))
                pi = presence[p] / total if total > 0 else 0.0
                backlash = par["backlash.strength"] * max(0.0, pi - par["backlash.threshold"])
                A = self.g[s][p] + pull + K[s][p] - backlash
                U[p + 1] = A + par["neighbour_weight"] * N[p + 1]
            tau = par["decisiveness"]
            top = max(tau * u for u in U)
            ex = [math.exp(tau * u - top) for u in U]
            z = sum(ex)
            T.append([e / z for e in ex])
        return T

    # ---- step 2 ----------------------------------------------------------

    def efforts(self, M, K):
        S, P, C = self.S, self.P, self.C
        u = [[[0.0] * C for _ in range(P)] for _ in range(S)]
        T = None
        for p in range(P):
            prio = self.priority[p]
            for c in range(C):
                budget = max(0.0, self.budget[p][c])
                shares = None
                if self.contest[p]:
                    if T is None:
                        T = self.targets(self.X, M, K)
                    m = []
                    for s in range(S):
                        h = self.saturation[s][c]
                        x = self.X[s][p][c]
                        m.append(
                            prio[s]
                            * self.par[s]["decisiveness"]
                            * T[s][p + 1]
                            * (1.0 - T[s][p + 1])
                            * self.weights[s][c]
                            * M[s][p][c]
                            * h
                            / ((x + h) * (x + h))
                        )
                    # m^eta / sum m'^eta, computed as (m/max m)^eta so that
                    # tiny m (a nearly decided state) does not underflow.
                    top = max(m)
                    powered = [(v / top) ** self.focus[p] if v > 0 else 0.0 for v in m]
                    total = sum(powered)
                    if total > 0:
                        shares = [v / total for v in powered]
                if shares is None:
                    total = sum(prio)
                    shares = [v / total for v in prio] if total > 0 else [0.0] * S
                for s in range(S):
                    u[s][p][c] = budget * shares[s]
        return u

    # ---- one tick --------------------------------------------------------

    def step(self, t):
        """Advance from tick t to t+1; return the efforts used."""
        S, P, C = self.S, self.P, self.C
        self.run_events(t)
        M, K = self.bloc_terms(t)
        u = self.efforts(M, K)
        for c in range(C):
            r = 2.0 ** (-1.0 / self.half_life[c])
            for s in range(S):
                for p in range(P):
                    self.X[s][p][c] = r * self.X[s][p][c] + u[s][p][c]
        T = self.targets(self.X, M, K)
        for s in range(S):
            lam = self.par[s]["responsiveness"]
            self.a[s] = [(1.0 - lam) * self.a[s][k] + lam * T[s][k] for k in range(P + 1)]
        return u


# --------------------------------------------------------------------------
# Running and printing
# --------------------------------------------------------------------------


def simulate(doc):
    """Run a scenario; return (model, shares, stocks) with
    shares[t][s][k] and stocks[t] = (X[s][p][c], u[s][p][c])."""
    model = Model(doc)
    S, P, C = model.S, model.P, model.C
    zero = [[[0.0] * C for _ in range(P)] for _ in range(S)]
    shares = [[row[:] for row in model.a]]
    stocks = [([[row[:] for row in xs] for xs in model.X], zero)]
    for t in range(model.clock.ticks):
        u = model.step(t)
        shares.append([row[:] for row in model.a])
        stocks.append(([[row[:] for row in xs] for xs in model.X], u))
    return model, shares, stocks


def alignment_rows(model, shares):
    comps = ["autonomy"] + model.powers
    for t, per_state in enumerate(shares):
        date = model.clock.date(t)
        for s, row in enumerate(per_state):
            for k, v in enumerate(row):
                yield (t, date, model.states[s], comps[k], v)


def stock_rows(model, stocks):
    for t, (X, u) in enumerate(stocks):
        date = model.clock.date(t)
        for s in range(model.S):
            for p in range(model.P):
                for c in range(model.C):
                    yield (
                        t,
                        date,
                        model.states[s],
                        model.powers[p],
                        model.channels[c],
                        X[s][p][c],
                        u[s][p][c],
                    )


def write_alignment(out, model, shares):
    out.write("run,seed,tick,date,state,component,share\n")
    for t, date, st, comp, v in alignment_rows(model, shares):
        out.write("0,%d,%d,%s,%s,%s,%.17g\n" % (model.seed, t, date, st, comp, v))


def write_stocks(out, model, stocks):
    out.write("run,seed,tick,date,state,power,channel,stock,effort\n")
    for t, date, st, pw, ch, x, u in stock_rows(model, stocks):
        out.write("0,%d,%d,%s,%s,%s,%s,%.17g,%.17g\n" % (model.seed, t, date, st, pw, ch, x, u))


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(argv) >= 2 else 2
    path = argv[1]
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        model, shares, stocks = simulate(doc)
    except (ScenarioError, KeyError, ValueError) as exc:
        sys.stderr.write("%s: %s\n" % (path, exc))
        return 2
    rest = argv[2:]
    if not rest:
        write_alignment(sys.stdout, model, shares)
    elif rest == ["--stocks"]:
        write_stocks(sys.stdout, model, stocks)
    elif len(rest) == 2 and rest[0] == "--out":
        os.makedirs(rest[1], exist_ok=True)
        with open(os.path.join(rest[1], "alignment.csv"), "w") as f:
            write_alignment(f, model, shares)
        with open(os.path.join(rest[1], "stocks.csv"), "w") as f:
            write_stocks(f, model, stocks)
    else:
        sys.stderr.write("%s: unknown option\n" % " ".join(rest))
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
