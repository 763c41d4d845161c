#!/usr/bin/env python3
"""Random valid scenarios for the reference check (deterministic per seed).

Usage: gen_scenario.py [--gg2] SEED [FILE]   (standard output without FILE)

With --gg2 the scenario is format 2 (model GG-2): the same scenario with
random values for GG-2's keys and `set` events on GG-2's paths (add_gg2).

About half the scenarios draw random numbers: utility noise on some or all
states (some states keep noise 0, `set` events switch it on and off) and/or
`shock` events of every effect type (inject, affinity, budget set/scale/add,
set with `*` paths), with and without `once`, `until` and `states` (one id,
a list in any order, "*"), hazards of 0 and 1 included, firing among the
other events of a tick.  The other half are deterministic.  Every scenario
also exercises the rest of the format: 1-6 states, 1-4 powers, 1-4
channels, parameters from defaults or per state, asymmetric and self
neighbours, fixed and contest powers, blocs with member times as ticks and
dates (some before the start or after the end), and events of every other
type, with and without `until`, colliding on the same ticks, with `*` paths.
Seeds range over the whole unsigned 64-bit range.
"""

import json
import random
import sys

STEPS = ("month", "quarter", "year")


def make_ids(rng, prefix, n):
    ids = []
    while len(ids) < n:
        name = prefix + rng.choice(["", "x", "_", "-"]) + str(rng.randrange(100))
        if name[0].isalpha() and name not in ids:
            ids.append(name)
    return ids


def fmt_date(index, step):
    if step == "month":
        return "%04d-%02d" % (index // 12, index % 12 + 1)
    if step == "quarter":
        return "%04d-Q%d" % (index // 4, index % 4 + 1)
    return "%04d" % index


def num(rng, lo, hi, digits=None):
    """A number in [lo, hi]; sometimes a whole number, sometimes rounded."""
    v = rng.uniform(lo, hi)
    roll = rng.random()
    if roll < 0.15 and int(lo) <= round(v) <= hi and round(v) >= lo:
        return int(round(v))
    if digits is not None or roll < 0.5:
        return round(v, digits if digits is not None else 3)
    return v


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.seed = seed

    def when(self, tick):
        """A time value for `tick`: a plain number or a date."""
        if tick >= 0 and self.rng.random() < 0.5:
            return tick
        return fmt_date(self.origin + tick, self.step)

    def state_param(self, name):
        rng = self.rng
        return {
            "autonomy": lambda: num(rng, -1.0, 2.0),
            "responsiveness": lambda: 1 if rng.random() < 0.05 else num(rng, 0.01, 0.9),
            "decisiveness": lambda: num(rng, 20.0, 200.0) if self.stiff else num(rng, 0.2, 5.0),
            "strength": lambda: 0 if rng.random() < 0.15 else num(rng, 0.0, 3.0),
            "threshold": lambda: rng.choice([0, 1]) if rng.random() < 0.1 else num(rng, 0, 1),
            "neighbour_weight": lambda: 0 if rng.random() < 0.15 else num(rng, 0.0, 1.5),
            "noise": self.noise_value,
        }[name]()

    def noise_value(self, allowed=None):
        """A state's noise: always 0 in a deterministic scenario; otherwise
        0 for some states, usually moderate, sometimes large."""
        rng = self.rng
        if not (self.noisy if allowed is None else allowed) or rng.random() < 0.25:
            return 0
        roll = rng.random()
        if roll < 0.1:
            return num(rng, 5.0, 200.0)
        if roll < 0.2:
            return num(rng, 1e-6, 1e-3)
        return num(rng, 0.01, 1.5)

    def build(self):
        rng = self.rng
        S, P, C = rng.randint(1, 6), rng.randint(1, 4), rng.randint(1, 4)
        self.stiff = rng.random() < 0.1  # large decisiveness: exp() needs the max subtracted
        roll = rng.random()  # about half the scenarios draw random numbers
        self.noisy = 0.5 <= roll < 0.85
        self.shocky = roll >= 0.7
        self.random = self.noisy or self.shocky
        self.step = rng.choice(STEPS)
        year = rng.randint(1990, 2040)
        self.origin = {"month": year * 12, "quarter": year * 4, "year": year}[self.step]
        self.origin += rng.randrange({"month": 12, "quarter": 4, "year": 1}[self.step])
        self.ticks = rng.randint(1, 40)
        states = make_ids(rng, "S", S)
        powers = make_ids(rng, "P", P)
        channels = make_ids(rng, "c", C)
        self.states, self.powers, self.channels = states, powers, channels
        scale = {c: 10 ** rng.uniform(0, 3) for c in channels}  # saturation scale
        self.scale = scale

        doc = {
            "format": 1,
            "name": "reference check %d" % self.seed,
            "time": {"start": fmt_date(self.origin, self.step), "step": self.step, "ticks": self.ticks},
        }
        roll = rng.random()
        if roll < 0.4:
            doc["seed"] = rng.randrange(1, 2**32)
        elif roll < 0.65:
            doc["seed"] = rng.randrange(2**64)
        elif roll < 0.75:
            doc["seed"] = rng.choice([0, 1, 2**63, 2**64 - 1])
        doc["channels"] = [
            {"id": c, "half_life": num(rng, 0.3, 200.0)} for c in channels
        ]

        doc["powers"] = []
        for p in powers:
            pw = {"id": p, "name": "Power " + p}
            roll = rng.random()
            if roll < 0.45:
                pw["strategy"] = "contest"
            elif roll < 0.75:
                pw["strategy"] = "fixed"
            if rng.random() < 0.6:
                pw["focus"] = num(rng, 0.3, 3.0)
            budget = {}
            for c in channels:
                if rng.random() < 0.8:
                    budget[c] = 0 if rng.random() < 0.1 else num(rng, 0, 0.4 * scale[c])
            pw["budget"] = budget
            if rng.random() < 0.7:
                prio = {}
                for s in states:
                    if rng.random() < 0.75:
                        prio[s] = 0 if rng.random() < 0.2 else num(rng, 0, 3)
                pw["priority"] = prio
            doc["powers"].append(pw)

        # Defaults: each parameter either here, on every state, or both.
        scalars = ["autonomy", "responsiveness", "decisiveness", "neighbour_weight", "noise"]
        where = {}
        for name in scalars + ["strength", "threshold"]:
            where[name] = rng.choice(["defaults", "states", "both"])
        for c in channels:
            where["w." + c] = rng.choice(["defaults", "states", "both"])
            where["h." + c] = rng.choice(["defaults", "states", "both"])
        defaults = {}
        for name in scalars:
            if where[name] != "states":
                defaults[name] = self.state_param(name)
        for name in ("strength", "threshold"):
            if where[name] != "states":
                defaults.setdefault("backlash", {})[name] = self.state_param(name)
        for c in channels:
            if where["w." + c] != "states":
                defaults.setdefault("weights", {})[c] = self.weight()
            if where["h." + c] != "states":
                defaults.setdefault("saturation", {})[c] = self.saturation(scale[c])
        if defaults or rng.random() < 0.5:
            doc["defaults"] = defaults

        doc["states"] = []
        for s in states:
            st = {
                "id": s,
                "name": "State " + s,
                "population": num(rng, 0.1, 100),
                "gdp": num(rng, 1, 1000),
            }
            st["alignment"] = self.alignment()
            for name in scalars:
                if where[name] == "states" or (where[name] == "both" and rng.random() < 0.5):
                    st[name] = self.state_param(name)
            for name in ("strength", "threshold"):
                if where[name] == "states" or (where[name] == "both" and rng.random() < 0.5):
                    st.setdefault("backlash", {})[name] = self.state_param(name)
            for c in channels:
                if where["w." + c] == "states" or (where["w." + c] == "both" and rng.random() < 0.5):
                    st.setdefault("weights", {})[c] = self.weight()
                if where["h." + c] == "states" or (where["h." + c] == "both" and rng.random() < 0.5):
                    st.setdefault("saturation", {})[c] = self.saturation(scale[c])
            if rng.random() < 0.7:
                st["affinity"] = {p: num(rng, -1, 1) for p in powers if rng.random() < 0.6}
            if rng.random() < 0.6:
                stocks = {}
                for p in powers:
                    row = {c: num(rng, 0, 2 * scale[c]) for c in channels if rng.random() < 0.5}
                    if row:
                        stocks[p] = row
                st["stocks"] = stocks
            if rng.random() < 0.75:
                st["neighbours"] = {
                    n: (0 if rng.random() < 0.2 else num(rng, 0, 3))
                    for n in states
                    if rng.random() < (0.3 if n == s else 0.6)
                }
            doc["states"].append(st)

        blocs = [self.bloc(i) for i in range(rng.randint(0, 3))]
        self.blocs = [b["id"] for b in blocs]
        if blocs or rng.random() < 0.3:
            doc["blocs"] = blocs
        events = self.events(scale)
        if events or rng.random() < 0.3:
            doc["events"] = events
        return doc

    def weight(self):
        return 0 if self.rng.random() < 0.1 else num(self.rng, 0, 2.5)

    def saturation(self, scale):
        return num(self.rng, 0.2 * scale, 3 * scale)

    def alignment(self):
        rng = self.rng
        comps = ["autonomy"] + self.powers
        chosen = [k for k in comps if rng.random() < 0.7] or [rng.choice(comps)]
        raw = [rng.random() + 0.01 for _ in chosen]
        total = sum(raw)
        shares = [round(v / total, 6) for v in raw]
        shares[-1] = round(1.0 - sum(shares[:-1]), 9)
        if shares[-1] < 0:
            shares = [1.0 / len(chosen)] * len(chosen)
        return dict(zip(chosen, shares))

    def bloc(self, i):
        rng = self.rng
        b = {"id": "B%d%s" % (i, rng.choice(["", "_x", "-y"])), "name": "Bloc %d" % i}
        b["sponsors"] = rng.sample(self.powers, rng.randint(1, len(self.powers)))
        if rng.random() < 0.7:
            b["bonus"] = num(rng, -0.5, 1.0)
        if rng.random() < 0.7:
            b["multipliers"] = {
                c: (0 if rng.random() < 0.1 else num(rng, 0, 2.0))
                for c in self.channels
                if rng.random() < 0.6
            }
        members = []
        for s in self.states:
            for _ in range(2 if rng.random() < 0.15 else 1):
                roll = rng.random()
                if roll < 0.3:
                    continue
                if roll < 0.5:
                    members.append(s)
                    continue
                m = {"state": s}
                lo = rng.randint(-15, self.ticks + 3)
                hi = rng.randint(lo + 1, lo + 30)
                if rng.random() < 0.7:
                    m["from"] = self.when(lo)
                if rng.random() < 0.6:
                    m["until"] = self.when(hi)
                members.append(m)
        b["members"] = members
        return b

    def path_value(self, scale):
        """A `set` event's path and a valid value for it."""
        rng = self.rng

        def pick(ids):
            return "*" if rng.random() < 0.35 else rng.choice(ids)

        kinds = ["budget", "priority", "focus", "state", "weights", "saturation", "affinity", "half_life"]
        if self.blocs:
            kinds += ["bonus", "multipliers"]
        kind = rng.choice(kinds)
        if kind == "budget":
            c = rng.choice(self.channels)
            return "powers.%s.budget.%s" % (pick(self.powers), c), num(rng, 0, 0.5 * scale[c])
        if kind == "priority":
            return "powers.%s.priority.%s" % (pick(self.powers), pick(self.states)), num(rng, 0, 3)
        if kind == "focus":
            return "powers.%s.focus" % pick(self.powers), num(rng, 0.3, 3)
        if kind == "state":
            name = rng.choice(
                ["autonomy", "responsiveness", "decisiveness", "backlash.strength",
                 "backlash.threshold", "neighbour_weight", "noise", "population", "gdp"]
            )
            short = name.split(".")[-1]
            if short in ("population", "gdp"):
                value = num(rng, 0.5, 50)
            elif short == "noise":
                value = self.noise_value(self.random)  # switched on in shock-only scenarios too
            else:
                value = self.state_param(short)
            return "states.%s.%s" % (pick(self.states), name), value
        if kind == "weights":
            return "states.%s.weights.%s" % (pick(self.states), pick(self.channels)), self.weight()
        if kind == "saturation":
            c = rng.choice(self.channels)
            return "states.%s.saturation.%s" % (pick(self.states), c), self.saturation(scale[c])
        if kind == "affinity":
            return "states.%s.affinity.%s" % (pick(self.states), pick(self.powers)), num(rng, -1, 1)
        if kind == "half_life":
            return "channels.%s.half_life" % pick(self.channels), num(rng, 0.3, 100)
        if kind == "bonus":
            return "blocs.%s.bonus" % pick(self.blocs), num(rng, -0.5, 1)
        return "blocs.%s.multipliers.%s" % (pick(self.blocs), pick(self.channels)), num(rng, 0, 2)

    def targets(self):
        rng = self.rng
        roll = rng.random()
        if roll < 0.25:
            return "*"
        if roll < 0.45:
            return rng.choice(self.states)
        return rng.sample(self.states, rng.randint(1, len(self.states)))

    def body(self, kind, e, scale):
        """The keys of an event (or a shock's effect) of type `kind`."""
        rng = self.rng
        if kind == "budget":
            e["power"] = rng.choice(self.powers)
            c = rng.choice(self.channels)
            e["channel"] = c
            op = rng.choice(["set", "scale", "add"])
            if op == "set":
                e["set"] = num(rng, 0, 0.5 * scale[c])
            elif op == "scale":
                e["scale"] = num(rng, 0.2, 3)
            else:
                e["add"] = num(rng, -0.4 * scale[c], 0.4 * scale[c])
        elif kind == "inject":
            e["power"] = rng.choice(self.powers)
            e["states"] = self.targets()
            c = rng.choice(self.channels)
            e["channel"] = c
            e["amount"] = 0 if rng.random() < 0.1 else num(rng, 0, 2 * scale[c])
        elif kind == "withdraw":
            e["power"] = rng.choice(self.powers)
            e["states"] = self.targets()
            e["channel"] = rng.choice(self.channels)
            e["fraction"] = rng.choice([0, 1]) if rng.random() < 0.3 else num(rng, 0, 1)
        elif kind == "affinity":
            e["power"] = rng.choice(self.powers)
            e["states"] = self.targets()
            e["delta"] = num(rng, -1, 1)
        elif kind in ("join", "leave"):
            e["state"] = rng.choice(self.states)
            e["bloc"] = rng.choice(self.blocs)
        else:
            e["path"], e["value"] = self.path_value(scale)

    def shock(self, at, scale, earlier):
        """A shock event at tick `at`: its hazard, states, window, `once`
        and an effect of any type (sometimes aimed at a value that an
        earlier event changes and later undoes)."""
        rng = self.rng
        e = {"at": self.when(at), "type": "shock"}
        roll = rng.random()
        if roll < 0.08:
            e["hazard"] = 0
        elif roll < 0.16:
            e["hazard"] = 1
        elif roll < 0.3:
            e["hazard"] = num(rng, 0.001, 0.05)
        else:
            e["hazard"] = num(rng, 0.05, 0.9)
        roll = rng.random()
        if roll < 0.15:
            pass  # no `states`: every state
        elif roll < 0.35:
            e["states"] = "*"
        elif roll < 0.55:
            e["states"] = rng.choice(self.states)
        else:
            e["states"] = rng.sample(self.states, rng.randint(1, len(self.states)))
        if rng.random() < 0.4:
            e["until"] = self.when(rng.randint(at + 1, self.ticks))
        roll = rng.random()
        if roll < 0.35:
            e["once"] = True
        elif roll < 0.5:
            e["once"] = False
        kind = rng.choice(["inject", "affinity", "budget", "set"])
        effect = {"type": kind}
        self.body(kind, effect, scale)
        if kind in ("inject", "affinity") and rng.random() < 0.6:
            del effect["states"]  # the firing state is the target anyway
        if kind == "budget":
            # A shock may fire on every tick in every state: keep the budget
            # from compounding into the millions, where the 1e-9 absolute
            # tolerance on stocks would be below one ulp.
            c = effect["channel"]
            if "scale" in effect:
                effect["scale"] = 0 if rng.random() < 0.1 else num(rng, 0.5, 1.1)
            elif "add" in effect:
                effect["add"] = num(rng, -0.05 * scale[c], 0.05 * scale[c])
        if kind in ("budget", "affinity", "set") and earlier and rng.random() < 0.4:
            self.clash(effect, rng.choice(earlier)[0])
        if rng.random() < 0.2:
            effect["note"] = "effect"
        e["effect"] = effect
        return e

    def events(self, scale):
        rng = self.rng
        types = ["budget", "inject", "affinity", "set", "withdraw"]
        if self.blocs:
            types += ["join", "leave"]
        hot = [rng.randrange(self.ticks) for _ in range(3)]  # ticks where events pile up
        events = []
        n_shocks = 0
        for _ in range(rng.randint(0, 14)):
            at = rng.choice(hot) if rng.random() < 0.5 else rng.randrange(self.ticks)
            earlier = [x for x in events if x[0]["type"] in ("budget", "affinity", "set")]
            if self.shocky and rng.random() < 0.3:
                events.append((self.shock(at, scale, earlier), None))
                n_shocks += 1
                continue
            kind = rng.choice(types)
            e = {"at": self.when(at), "type": kind}
            self.body(kind, e, scale)
            until = None
            if kind in ("budget", "affinity", "set") and rng.random() < 0.6:
                hot_ends = [h for h in hot if h > at]
                if hot_ends and rng.random() < 0.5:
                    until = rng.choice(hot_ends)
                else:
                    until = rng.randint(at + 1, self.ticks)
            if kind in ("budget", "affinity", "set") and earlier and rng.random() < 0.4:
                other, other_until = rng.choice(earlier)
                self.clash(e, other)
                if other_until is not None and other_until > at and rng.random() < 0.6:
                    until = other_until
            if until is not None:
                e["until"] = self.when(until)
            if rng.random() < 0.2:
                e["note"] = "event %d" % len(events)
            events.append((e, until))
        while self.shocky and n_shocks < 1:
            at = rng.choice(hot) if rng.random() < 0.5 else rng.randrange(self.ticks)
            earlier = [x for x in events if x[0]["type"] in ("budget", "affinity", "set")]
            events.insert(rng.randint(0, len(events)), (self.shock(at, scale, earlier), None))
            n_shocks += 1
        return [e for e, _ in events]

    def clash(self, e, other):
        """Point event e at a parameter that the earlier event `other` changes,
        so that their effects and undos interleave on one value."""
        rng = self.rng
        star = "*" if rng.random() < 0.3 else None
        if other["type"] == "set":
            target = ("path", other["path"], other["value"])
        elif other["type"] == "budget":
            target = ("budget", other["power"], other["channel"])
        else:
            states = other["states"]
            s = states if isinstance(states, str) else rng.choice(states)
            target = ("affinity", other["power"], s)
        if e["type"] == "budget" and target[0] == "budget":
            e["power"], e["channel"] = target[1], target[2]
        elif e["type"] == "affinity" and target[0] == "affinity":
            e["power"] = target[1]
            e["states"] = target[2] if rng.random() < 0.5 else self.targets()
        elif e["type"] == "set" and target[0] == "budget":
            e["path"] = "powers.%s.budget.%s" % (star or target[1], target[2])
            e["value"] = num(rng, 0, 0.5 * self.scale[target[2]])
        elif e["type"] == "set" and target[0] == "affinity":
            e["path"] = "states.%s.affinity.%s" % (star or target[2], target[1])
            e["value"] = num(rng, -1, 1)
        elif e["type"] == "set" and target[0] == "path":
            e["path"] = target[1]
            e["value"] = self.other_value(target[1], target[2])

    def other_value(self, path, value):
        """A valid value for `path`, different from `value` where possible."""
        rng = self.rng
        last = path.split(".")[-2 if path.split(".")[-2] in ("weights", "saturation", "affinity", "budget", "priority", "multipliers") else -1]
        if last in ("responsiveness",):
            return num(rng, 0.01, 1.0)
        if last == "threshold":
            return num(rng, 0.0, 1.0)
        if last == "noise":
            return self.noise_value(self.random)
        if last in ("autonomy", "affinity", "bonus"):
            return value + num(rng, -0.5, 0.5)
        return value * num(rng, 0.5, 1.5)


def add_gg2(doc, seed):
    """Turn a generated format 1 scenario into format 2 (GG-2) with random
    values for GG-2's keys (docs/scenarios.md, "Format 2") and `set` events
    on GG-2's paths. Its own random stream (from the seed), so that the
    format 1 part is the scenario generate(seed) gives."""
    rng = random.Random("gg2-%d" % seed)
    out = {}
    for key, value in doc.items():  # "model" right after "format"
        out[key] = value
        if key == "format":
            out["format"] = 2
            out["model"] = "GG-2"
    doc = out
    states = [st["id"] for st in doc["states"]]
    channels = [c["id"] for c in doc["channels"]]
    powers = [p["id"] for p in doc["powers"]]
    for c in doc["channels"]:
        if rng.random() < 0.7:
            c["visibility"] = rng.choice([0, 1]) if rng.random() < 0.2 else num(rng, 0, 1)
        if rng.random() < 0.6:
            c["dependence"] = num(rng, 0, 2000)
        if rng.random() < 0.4:
            c["guarantor"] = rng.random() < 0.7
    listed = []
    for p in doc["powers"]:
        if rng.random() < 0.5:
            p["conditionality"] = num(rng, 0, 2)
        if rng.random() < 0.6:
            cp = {}
            for c in channels:
                if rng.random() < 0.5:
                    named = [s for s in states if rng.random() < 0.7]
                    cp[c] = {s: 0 if rng.random() < 0.1 else num(rng, 0, 3) for s in named}
                    listed.append((p["id"], c, named))
            p["channel_priority"] = cp
    ranges = {
        "ties_pull": (0, 2),
        "leverage": (0, 3),
        "regime_security": (0, 3),
        "unrest": (0, 1),
        "conditionality_aversion": (0, 2),
        "hedging": (0, 3),
    }
    defaults = doc.setdefault("defaults", {})
    for name, (lo, hi) in ranges.items():
        if rng.random() < 0.5:
            defaults[name] = num(rng, lo, hi)
    for st in doc["states"]:
        for name, (lo, hi) in ranges.items():
            if rng.random() < 0.3:
                st[name] = num(rng, lo, hi)
    events = doc.setdefault("events", [])
    ticks = doc["time"]["ticks"]
    for _ in range(rng.randint(0, 4)):
        roll = rng.random()
        if roll < 0.5:
            name = rng.choice(list(ranges))
            path = "states.%s.%s" % (rng.choice(states + ["*"]), name)
            value = num(rng, *ranges[name])
        elif roll < 0.7:
            path = "channels.%s.%s" % (rng.choice(channels + ["*"]), rng.choice(["visibility", "dependence"]))
            value = num(rng, 0, 1)
        elif roll < 0.8:
            path = "powers.%s.conditionality" % rng.choice(powers + ["*"])
            value = num(rng, 0, 2)
        elif listed:
            p, c, named = rng.choice(listed)
            path = "powers.%s.channel_priority.%s.%s" % (p, c, rng.choice(states + ["*"]))
            value = num(rng, 0, 3)
        else:
            continue
        e = {"type": "set", "at": rng.randrange(ticks), "path": path, "value": value}
        if rng.random() < 0.4:
            e["until"] = rng.randint(e["at"] + 1, ticks)
        events.insert(rng.randint(0, len(events)), e)
    return doc


def generate(seed, model=1):
    """Scenario `seed`: format 1 (GG-1), or with model=2 the same scenario
    made format 2 with GG-2's keys (add_gg2)."""
    doc = Gen(seed).build()
    return add_gg2(doc, seed) if model == 2 else doc


def main(argv):
    args = argv[1:]
    model = 1
    if args[:1] == ["--gg2"]:
        model, args = 2, args[1:]
    if len(args) not in (1, 2) or not args[0].isdigit():
        sys.stderr.write("usage: gen_scenario.py [--gg2] SEED [FILE]\n")
        return 2
    text = json.dumps(generate(int(args[0]), model), indent=1) + "\n"
    if len(args) == 2:
        with open(args[1], "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
