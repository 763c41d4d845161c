#!/usr/bin/env python3
"""Reference implementation of the GG-1 influence model.

This program is written from the model and scenario specifications alone
(docs/model.md, docs/scenarios.md, and docs/kernel.md for the random
streams), as an independent check of the C engine.  It is deliberately
plain: lists of lists, one function per step of a tick, no cleverness.  It
covers every scenario, utility noise and `shock` events included.

Usage:
    gg1.py SCENARIO [--replicates N]              alignment CSV on standard output
    gg1.py SCENARIO [--replicates N] --stocks     stocks CSV on standard output
    gg1.py SCENARIO [--replicates N] --noise      the noise terms sigma * xi
    gg1.py SCENARIO [--replicates N] --out DIR    alignment.csv, stocks.csv and
                                                  noise.csv in DIR

The CSV columns are those of `greatgame run` (noise.csv holds the `noise`
rows of its utility.csv):
    run,seed,tick,date,state,component,share
    run,seed,tick,date,state,power,channel,stock,effort
    run,seed,tick,date,state,power,term,value
Replicate r (0 .. N-1, N = 1 by default) is run with the seed
mix(mix(mix(seed) ^ 0) ^ (r * 0xd1b54a32d192ed03)) (SplitMix64 steps; the
scenario's seed, sample 0), printed in the seed column.  That seed starts a
xoshiro256** stream; within each tick the shocks draw one uniform per named
state (in file order, among the tick's events), then the states whose noise
is above 0 draw P + 1 normal deviates each (the ziggurat of docs/kernel.md).
The generator and the ziggurat come from tests/core/kernel_reference.py,
itself written from docs/kernel.md.
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
    """The seed of one run of a scenario (a pure function of the three;
    docs/kernel.md section 4)."""
    inner = splitmix64(splitmix64(seed & MASK64) ^ sample)
    return splitmix64(inner ^ ((replicate * 0xD1B54A32D192ED03) & MASK64))


_KERNEL = None


def kernel():
    """tests/core/kernel_reference.py (the documented generator and normal
    deviates), imported on first use: building its ziggurat tables in
    decimal arithmetic takes a couple of seconds."""
    global _KERNEL
    if _KERNEL is None:
        here = os.path.dirname(os.path.abspath(__file__))
        core = os.path.join(here, "..", "core")
        if core not in sys.path:
            sys.path.insert(0, core)
        import kernel_reference  # noqa: E402

        _KERNEL = kernel_reference
    return _KERNEL


class Stream:
    """The random stream of one run: xoshiro256** seeded from the run's
    seed (s[i] = mix(seed + (i + 1) * 0x9e3779b97f4a7c15)), uniforms from
    the top 53 bits of one output, normals by the 256-layer ziggurat."""

    def __init__(self, seed):
        k = kernel()
        self.k = k
        self.gen = k.Xoshiro(k.seed_state(seed))

    def uniform(self):
        return self.gen.uniform()

    def normal(self):
        return self.k.normal(self.gen)


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

    def __init__(self, doc, replicate=0):
        self.doc = doc
        self.clock = Clock(doc["time"])
        self.replicate = replicate
        self.seed = run_seed(int(doc.get("seed", 1)), 0, replicate)
        self.rng = None  # the Stream, created at the first draw
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
        for index, e in enumerate(doc.get("events", [])):
            at = self.clock.tick_of(e["at"])
            until = self.clock.tick_of(e["until"]) if "until" in e else None
            item = {"ev": e, "index": index, "at": at, "until": until, "undo": None}
            if e["type"] == "shock":
                # Active on ticks at <= t < until (or the end); never undone.
                item["shock"] = True
                item["targets"] = state_list(e.get("states", "*"), self.states)
                item["hazard"] = float(e["hazard"])
                item["once"] = bool(e.get("once", False))
                item["fired"] = set()  # states where a `once` shock has fired
                if item["until"] is None:
                    item["until"] = self.clock.ticks
            self.events.append(item)
        self.held = {}  # values held by events with `until` (see change())
        self.noise_terms = []  # per tick from 1: sigma[s] * xi[s][k]
        self.fired = []  # (tick, event index, state index) of every shock that fired
        self.t = 0

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

    def draw(self):
        if self.rng is None:
            self.rng = Stream(self.seed)
        return self.rng

    # Events with `until` (docs/scenarios.md, "What `until` undoes"): each
    # reverses its own change (scale divides back, add subtracts, set
    # restores what it replaced), and when the last event with `until` that
    # holds a value ends, the value is what it was before the first of them
    # began, unless a lasting change (an event without `until`, a shock's
    # effect) touched it in between.  self.held maps a value, named by its
    # (table, index), to [table, events holding it, value before the first,
    # touched by a lasting change].

    def change(self, table, idx, temporary):
        """Note that an event is about to change table[idx]."""
        key = (id(table), idx)
        entry = self.held.get(key)
        if temporary:
            if entry is None or entry[1] == 0:
                entry = [table, 0, table[idx], False]
                self.held[key] = entry
            entry[1] += 1
        elif entry is not None and entry[1] > 0:
            entry[3] = True

    def reversed(self, table, idx):
        """Note that an event with `until` has just reversed its change of
        table[idx]; restore the value from before the first if it was the
        last and nothing lasting touched the value."""
        entry = self.held[(id(table), idx)]
        entry[1] -= 1
        if entry[1] == 0 and not entry[3]:
            table[idx] = entry[2]

    def apply_event(self, item, fired_in=None):
        """Apply an event; a shock's effect is applied with fired_in, the
        state where the shock fired, which is then the only target of an
        `inject` or `affinity` effect (their own `states` key is ignored)."""
        e = item["ev"]
        kind = e["type"]
        temporary = item.get("until") is not None and fired_in is None
        if kind == "budget":
            p = self.powers.index(e["power"])
            c = self.channels.index(e["channel"])
            self.change(self.budget[p], c, temporary)
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
            targets = [fired_in] if fired_in is not None else state_list(e["states"], self.states)
            for s in targets:
                self.X[s][p][c] += float(e["amount"])
        elif kind == "withdraw":
            p = self.powers.index(e["power"])
            c = self.channels.index(e["channel"])
            for s in state_list(e["states"], self.states):
                self.X[s][p][c] *= 1.0 - float(e["fraction"])
        elif kind == "affinity":
            p = self.powers.index(e["power"])
            if fired_in is not None:
                targets = [fired_in]
            else:
                targets = state_list(e["states"], self.states)
            for s in targets:
                self.change(self.g[s], p, temporary)
                self.g[s][p] += float(e["delta"])
            item["undo"] = ("affinity", p, targets, float(e["delta"]))
        elif kind in ("join", "leave"):
            b = self.blocs.index(e["bloc"])
            s = self.states.index(e["state"])
            self.override[(b, s)] = kind == "join"
        elif kind == "set":
            saved = []
            for table, idx in self.path_targets(e["path"]):
                self.change(table, idx, temporary)
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
                self.reversed(table, idx)
        elif undo[0] == "scale":
            _, p, c, f = undo
            self.budget[p][c] /= f
            self.reversed(self.budget[p], c)
        elif undo[0] == "add":
            _, p, c, d = undo
            self.budget[p][c] -= d
            self.reversed(self.budget[p], c)
        elif undo[0] == "affinity":
            _, p, targets, d = undo
            for s in targets:
                self.g[s][p] -= d
                self.reversed(self.g[s], p)

    def fire_shock(self, item):
        """One tick of an active shock: one uniform per named state, in the
        order the states are named, drawn whether or not the shock can
        still fire there; it fires when the uniform is below the hazard."""
        rng = self.draw()
        for s in item["targets"]:
            u = rng.uniform()
            if u < item["hazard"] and not (item["once"] and s in item["fired"]):
                item["fired"].add(s)
                self.fired.append((self.t, item["index"], s))
                # The effect is applied for good: its undo record is dropped.
                self.apply_event({"ev": item["ev"]["effect"], "undo": None}, fired_in=s)

    def run_events(self, t):
        self.t = t
        # First the undos of the events whose `until` is t (file order) ...
        for item in self.events:
            if item["until"] == t and not item.get("shock"):
                self.undo_event(item)
        # ... then, in file order, the events at t and the shocks active at t.
        for item in self.events:
            if item.get("shock"):
                if item["at"] <= t < item["until"]:
                    self.fire_shock(item)
            elif item["at"] == t:
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

    def targets(self, X, M, K, noise=None):
        """T[s][k] from stocks X, bloc terms and the current alignments.
        With a list `noise`, the utility noise is drawn (state by state,
        k = 0..P, only for states whose noise is above 0) and the terms
        sigma * xi are appended to it; without, there is no noise."""
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
            if noise is not None:
                sigma = par["noise"]
                if sigma > 0:
                    rng = self.draw()
                    xi = [rng.normal() for _ in range(P + 1)]
                else:
                    xi = [0.0] * (P + 1)
                terms = [sigma * x for x in xi]
                U = [U[k] + terms[k] for k in range(P + 1)]
                noise.append(terms)
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
        noise = []
        T = self.targets(self.X, M, K, noise)
        self.noise_terms.append(noise)
        for s in range(S):
            lam = self.par[s]["responsiveness"]
            self.a[s] = [(1.0 - lam) * self.a[s][k] + lam * T[s][k] for k in range(P + 1)]
        return u


# --------------------------------------------------------------------------
# Running and printing
# --------------------------------------------------------------------------


def simulate(doc, replicate=0):
    """Run replicate `replicate` of a scenario; return (model, shares,
    stocks) with shares[t][s][k] and stocks[t] = (X[s][p][c], u[s][p][c]).
    model.noise_terms[t - 1][s][k] is the noise term sigma * xi of tick t."""
    model = Model(doc, replicate)
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


def noise_rows(model):
    comps = ["autonomy"] + model.powers
    for t, per_state in enumerate(model.noise_terms, start=1):
        date = model.clock.date(t)
        for s, row in enumerate(per_state):
            for k, v in enumerate(row):
                yield (t, date, model.states[s], comps[k], v)


ALIGNMENT_HEADER = ["run", "seed", "tick", "date", "state", "component", "share"]
STOCKS_HEADER = ["run", "seed", "tick", "date", "state", "power", "channel", "stock", "effort"]
NOISE_HEADER = ["run", "seed", "tick", "date", "state", "power", "term", "value"]


def alignment_table(model, shares):
    """The rows of alignment.csv for one run, as lists of strings."""
    r, seed = "%d" % model.replicate, "%d" % model.seed
    return [
        [r, seed, "%d" % t, date, st, comp, "%.17g" % v]
        for t, date, st, comp, v in alignment_rows(model, shares)
    ]


def stocks_table(model, stocks):
    """The rows of stocks.csv for one run, as lists of strings."""
    r, seed = "%d" % model.replicate, "%d" % model.seed
    return [
        [r, seed, "%d" % t, date, st, pw, ch, "%.17g" % x, "%.17g" % u]
        for t, date, st, pw, ch, x, u in stock_rows(model, stocks)
    ]


def noise_table(model):
    """The `noise` rows of utility.csv for one run, as lists of strings."""
    r, seed = "%d" % model.replicate, "%d" % model.seed
    return [
        [r, seed, "%d" % t, date, st, comp, "noise", "%.17g" % v]
        for t, date, st, comp, v in noise_rows(model)
    ]


def write_rows(out, header, rows):
    if header is not None:
        out.write(",".join(header) + "\n")
    for row in rows:
        out.write(",".join(row) + "\n")


def write_alignment(out, model, shares, header=True):
    write_rows(out, ALIGNMENT_HEADER if header else None, alignment_table(model, shares))


def write_stocks(out, model, stocks, header=True):
    write_rows(out, STOCKS_HEADER if header else None, stocks_table(model, stocks))


def write_noise(out, model, header=True):
    write_rows(out, NOISE_HEADER if header else None, noise_table(model))


def write_tables(doc, replicates, alignment=None, stocks=None, noise=None):
    """Run replicates 0..replicates-1 and write each table to its stream
    (None: not written), runs one after the other as `greatgame run` does."""
    for r in range(replicates):
        model, shares, stock_list = simulate(doc, r)
        if alignment is not None:
            write_alignment(alignment, model, shares, header=r == 0)
        if stocks is not None:
            write_stocks(stocks, model, stock_list, header=r == 0)
        if noise is not None:
            write_noise(noise, model, header=r == 0)


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(argv) >= 2 else 2
    path = argv[1]
    rest = argv[2:]
    replicates = 1
    if len(rest) >= 2 and rest[0] == "--replicates":
        if not rest[1].isdigit() or int(rest[1]) < 1:
            sys.stderr.write("--replicates: a whole number >= 1\n")
            return 2
        replicates = int(rest[1])
        rest = rest[2:]
    if rest not in ([], ["--stocks"], ["--noise"]) and not (len(rest) == 2 and rest[0] == "--out"):
        sys.stderr.write("%s: unknown option\n" % " ".join(rest))
        return 2
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        if not rest:
            write_tables(doc, replicates, alignment=sys.stdout)
        elif rest == ["--stocks"]:
            write_tables(doc, replicates, stocks=sys.stdout)
        elif rest == ["--noise"]:
            write_tables(doc, replicates, noise=sys.stdout)
        else:
            os.makedirs(rest[1], exist_ok=True)
            with open(os.path.join(rest[1], "alignment.csv"), "w") as fa, open(
                os.path.join(rest[1], "stocks.csv"), "w"
            ) as fs, open(os.path.join(rest[1], "noise.csv"), "w") as fn:
                write_tables(doc, replicates, alignment=fa, stocks=fs, noise=fn)
    except (ScenarioError, KeyError, ValueError) as exc:
        sys.stderr.write("%s: %s\n" % (path, exc))
        return 2
    return 0


if __name__ == "__main__":
    sys.dont_write_bytecode = True  # importing kernel_reference leaves no __pycache__
    sys.exit(main(sys.argv))
