#!/usr/bin/env python3
"""Reference implementation of the GG-2 influence model.

Written from docs/model.md ("GG-2") and docs/scenarios.md ("Format 2") as an
independent check of the C engine, in the plain style of gg1.py, whose
scenario reading, events, blocs, random streams and output tables it reuses:
GG-2 keeps GG-1's tick (events, blocs, efforts, stocks, targets, alignment)
and changes what the utilities are made of and how a power allocates each
channel.

Usage (as gg1.py):
    gg2.py SCENARIO [--replicates N] [--stocks | --noise | --out DIR]

Per state s and power p, with R[p][c] = X / (X + h) and M the bloc
multipliers:
    ties        E[p] = sum_c w[c] * M[p][c] * R[p][c]
    dependence  D[p] = sum_c d[c] * X[p][c] / (1000 * gdp)
    visible     V[p] = sum_c v[c] * R[p][c], piV = V[p] / sum V (0 if 0)
    guarantor   G[p] = sum of R[p][c] over guarantor channels
    hedging     H = sum of E over every power but the first strongest
    U[0]   = alpha + eta * H + nu * N[0] (+ noise)
    U[p+1] = g + psi * E + mu * D + rho * u * G - kappa * cond[p] + bonus
             - beta * max(0, piV - theta) + nu * N[p+1] (+ noise)
Efforts: a channel listed in the power's channel_priority is split by those
weights, others by priority; a contest power's marginal gain is
prio * tau * T (1 - T) * ((psi w M + rho u [guarantor]) h / (X + h)^2
+ mu d / (1000 gdp)).
"""

import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import gg1  # noqa: E402

HUGE = 1e300
STATE_KEYS2 = {
    "ties_pull": 1.0,
    "leverage": 0.0,
    "regime_security": 0.0,
    "unrest": 0.0,
    "conditionality_aversion": 0.0,
    "hedging": 0.0,
}


class Model2(gg1.Model):
    """A GG-2 run: GG-1's model with GG-2's parameters and equations."""

    def __init__(self, doc, replicate=0):
        if doc.get("format") != 2 or doc.get("model") != "GG-2":
            raise gg1.ScenarioError('a GG-2 scenario has "format": 2 and "model": "GG-2"')
        super().__init__(doc, replicate)
        chans = doc["channels"]
        self.visibility = [float(c.get("visibility", 1.0)) for c in chans]
        self.dependence = [float(c.get("dependence", 0.0)) for c in chans]
        self.guarantor = [bool(c.get("guarantor", False)) for c in chans]
        self.conditionality = [float(p.get("conditionality", 0.0)) for p in doc["powers"]]
        # channel_priority[p][c]: a list over states, or None (use priority)
        self.cprio = []
        for p in doc["powers"]:
            listed = p.get("channel_priority", {})
            row = []
            for c in self.channels:
                if c in listed:
                    row.append([float(listed[c].get(s, 0.0)) for s in self.states])
                else:
                    row.append(None)
            self.cprio.append(row)
        defaults = doc.get("defaults", {})
        for s, st in enumerate(doc["states"]):
            for name, default in STATE_KEYS2.items():
                value = st.get(name, defaults.get(name, default))
                self.par[s][name] = float(value)

    def prio(self, p, c):
        row = self.cprio[p][c]
        return row if row is not None else self.priority[p]

    def path_targets(self, path):
        parts = path.split(".")

        def ids(which, token):
            if token == "*":
                return list(range(len(which)))
            return [which.index(token)]

        if parts[0] == "channels" and parts[2] in ("visibility", "dependence"):
            table = self.visibility if parts[2] == "visibility" else self.dependence
            return [(table, c) for c in ids(self.channels, parts[1])]
        if parts[0] == "powers" and parts[2] == "conditionality":
            return [(self.conditionality, p) for p in ids(self.powers, parts[1])]
        if parts[0] == "powers" and parts[2] == "channel_priority":
            out = []
            for p in ids(self.powers, parts[1]):
                for c in ids(self.channels, parts[3]):
                    row = self.cprio[p][c]
                    if row is None:
                        if parts[1] != "*" and parts[3] != "*":
                            raise gg1.ScenarioError("%s: channel not listed" % path)
                        continue
                    out += [(row, s) for s in ids(self.states, parts[4])]
            return out
        return super().path_targets(path)

    # ---- steps 4 to 7 ----------------------------------------------------

    def terms(self, X, M, s):
        """R, E, D, V, G of state s from stocks X."""
        S, P, C = self.S, self.P, self.C
        gdp = self.par[s]["gdp"]
        h = self.saturation[s]
        R = [[X[s][p][c] / (X[s][p][c] + h[c]) for c in range(C)] for p in range(P)]
        E = [min(HUGE, sum(self.weights[s][c] * M[s][p][c] * R[p][c] for c in range(C))) for p in range(P)]
        D = [min(HUGE, sum(self.dependence[c] * X[s][p][c] / (1000.0 * gdp) for c in range(C))) for p in range(P)]
        V = [sum(self.visibility[c] * R[p][c] for c in range(C)) for p in range(P)]
        G = [sum(R[p][c] for c in range(C) if self.guarantor[c]) for p in range(P)]
        return R, E, D, V, G

    def targets(self, X, M, K, noise=None):
        S, P = self.S, self.P
        T = []
        self.last_ties, self.last_dependence, self.last_hedging = [], [], []
        for s in range(S):
            par = self.par[s]
            _, E, D, V, G = self.terms(X, M, s)
            strongest = max(range(P), key=lambda p: (E[p], -p))
            H = sum(E[p] for p in range(P) if p != strongest)
            vtotal = sum(V)
            N = [sum(self.W[s][n] * self.a[n][k] for n in range(S)) for k in range(P + 1)]
            U = [0.0] * (P + 1)
            U[0] = par["autonomy"] + par["hedging"] * H + par["neighbour_weight"] * N[0]
            for p in range(P):
                pi = V[p] / vtotal if vtotal > 0 else 0.0
                backlash = par["backlash.strength"] * max(0.0, pi - par["backlash.threshold"])
                A = (
                    self.g[s][p]
                    + par["ties_pull"] * E[p]
                    + par["leverage"] * D[p]
                    + par["regime_security"] * par["unrest"] * G[p]
                    - par["conditionality_aversion"] * self.conditionality[p]
                    + K[s][p]
                    - backlash
                )
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
            self.last_ties.append(E)
            self.last_dependence.append(D)
            self.last_hedging.append(H)
            tau = par["decisiveness"]
            U = [max(-HUGE, min(HUGE, u)) for u in U]
            top = max(U)
            ex = [math.exp(tau * (u - top)) for u in U]
            z = sum(ex)
            T.append([e / z for e in ex])
        return T

    # ---- step 2 ----------------------------------------------------------

    def efforts(self, M, K):
        S, P, C = self.S, self.P, self.C
        u = [[[0.0] * C for _ in range(P)] for _ in range(S)]
        T = None
        for p in range(P):
            for c in range(C):
                prio = self.prio(p, c)
                budget = max(0.0, self.budget[p][c])
                shares = None
                if self.contest[p]:
                    if T is None:
                        T = self.targets(self.X, M, K)
                    m = []
                    for s in range(S):
                        par = self.par[s]
                        h = self.saturation[s][c]
                        x = self.X[s][p][c]
                        slope = par["ties_pull"] * self.weights[s][c] * M[s][p][c]
                        if self.guarantor[c]:
                            slope += par["regime_security"] * par["unrest"]
                        gain = slope * h / ((x + h) * (x + h))
                        gain += par["leverage"] * self.dependence[c] / (1000.0 * par["gdp"])
                        Tp = T[s][p + 1]
                        m.append(prio[s] * par["decisiveness"] * Tp * (1.0 - Tp) * gain)
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


def simulate(doc, replicate=0):
    """gg1.simulate for a GG-2 scenario: (model, shares, stocks)."""
    model = Model2(doc, replicate)
    S, P, C = model.S, model.P, model.C
    zero = [[[0.0] * C for _ in range(P)] for _ in range(S)]
    shares = [[row[:] for row in model.a]]
    stocks = [([[row[:] for row in xs] for xs in model.X], zero)]
    for t in range(model.clock.ticks):
        u = model.step(t)
        shares.append([row[:] for row in model.a])
        stocks.append(([[row[:] for row in xs] for xs in model.X], u))
    return model, shares, stocks


def simulate_any(doc, replicate=0):
    """GG-2 for format 2 scenarios, GG-1 (gg1.py) for format 1."""
    if doc.get("format") == 2:
        return simulate(doc, replicate)
    return gg1.simulate(doc, replicate)


def main(argv):
    gg1.simulate = simulate_any  # gg1's writers, with the model the file names
    return gg1.main(argv)


if __name__ == "__main__":
    sys.dont_write_bytecode = True
    sys.exit(main(sys.argv))
