#!/usr/bin/env python3
"""A peer for the benchmarks: GG-1 in NumPy, vectorised across runs.

Many runs of one scenario advance together, every state variable an array
with the runs as its first axis: stocks X[r, s, p, c], alignments a[r, s, k],
affinities g[r, s, p] (shocks change them run by run). It implements the
model of docs/model.md step by step as greatgame does (events and shocks in
file order, blocs, the neighbour pull, fixed and contest strategies, the
noisy logit target and the partial adjustment), with NumPy's own random
numbers (PCG64 normals and uniforms) and exponential: the same model and the
same amount of arithmetic, not the same bits. It is how a careful Python
programmer would write a fast sweep, and it is the yardstick of the
performance targets (docs/performance.md).

The scenario is read by the reference model of tests/reference/gg1.py (its
parameters, blocs and events); the event types it supports are those of the
shipped scenarios: inject, withdraw, affinity (with and without `until`),
budget (fixed strategies only), and shocks whose effect is an affinity change
or an injection. Anything else stops it with a message.

usage: peer_numpy.py [SCENARIO] [--runs N] [--chunk R] [--seconds S]
  SCENARIO  default scenarios/great_game.json (the contested Central Asia case)
  --runs N     runs to time (default: as many chunks as fit in --seconds)
  --chunk R    runs advanced together (default 4096)
  --seconds S  time budget when --runs is not given (default 3)
Prints one line: runs, CPU seconds, runs per CPU-second; and the final
regional shares averaged over the runs (a check that the model behaves like
the engine's: compare with `greatgame run SCENARIO --replicates 1000`).
"""
import argparse
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "reference"))
import gg1  # noqa: E402  (the scenario reader of the reference model)

HUGE = 1e300


class Peer:
    def __init__(self, doc):
        m = gg1.Model(doc)
        self.m = m
        S, P, C = m.S, m.P, m.C
        self.S, self.P, self.C, self.K = S, P, C, P + 1
        par = m.par
        col = lambda name: np.array([p[name] for p in par])  # noqa: E731
        self.alpha = col("autonomy")
        self.lam = col("responsiveness")
        self.tau = col("decisiveness")
        self.beta = col("backlash.strength")
        self.theta = col("backlash.threshold")
        self.nu = col("neighbour_weight")
        self.sigma = col("noise")
        self.weight = {"population": col("population"), "gdp": col("gdp")}.get(
            doc.get("outputs", {}).get("weight", "population"), np.ones(S)
        )
        self.w = np.array(m.weights)  # [S, C]
        self.h = np.array(m.saturation)  # [S, C]
        self.W = np.array(m.W)  # [S, S] row-normalised neighbour weights
        self.prio = np.array(m.priority)  # [P, S]
        self.focus = np.array(m.focus)
        self.contest = np.array(m.contest)
        self.ret = np.array([2.0 ** (-1.0 / hl) for hl in m.half_life])  # [C]
        self.budget0 = np.array(m.budget)  # [P, C]
        self.g0 = np.array(m.g)  # [S, P]
        self.a0 = np.array(m.a)  # [S, K]
        self.X0 = np.array(m.X)  # [S, P, C]
        self.noisy = self.sigma > 0
        for item in m.events:
            ev = item["ev"]
            kind = ev["effect"]["type"] if item.get("shock") else ev["type"]
            if kind not in ("inject", "withdraw", "affinity", "budget"):
                raise SystemExit("peer_numpy.py: event type %r is not supported" % kind)
            if kind == "budget" and (item.get("shock") or item["until"] is not None):
                raise SystemExit("peer_numpy.py: budget events with `until` or in shocks")
        # bloc terms per tick, the same in every run (no join/leave events)
        self.ticks = m.clock.ticks
        self.bloc_cache = {}

    def blocs(self, t):
        key = tuple(
            self.m.member(b, s, t) for b in range(len(self.m.blocs)) for s in range(self.S)
        )
        if key not in self.bloc_cache:
            M, K = self.m.bloc_terms(t)
            self.bloc_cache[key] = (np.array(M), np.array(K))
        return self.bloc_cache[key]

    def targets(self, X, a, g, M, Kb, rng=None):
        """T[r, s, k] (with noise when rng is given)."""
        Rr = X / (X + self.h[None, :, None, :])  # [R, S, P, C]
        pres = Rr.sum(axis=3)  # [R, S, P]
        total = pres.sum(axis=2, keepdims=True)
        pi = np.divide(pres, total, out=np.zeros_like(pres), where=total > 0)
        back = self.beta[None, :, None] * np.maximum(pi - self.theta[None, :, None], 0.0)
        N = np.einsum("ij,rjk->rik", self.W, a)  # [R, S, K]
        pull = (self.w[None, :, None, :] * M[None] * Rr).sum(axis=3)
        U = np.empty_like(a)
        U[:, :, 0] = self.alpha[None, :] + self.nu[None, :] * N[:, :, 0]
        U[:, :, 1:] = g + pull + Kb[None] - back + self.nu[None, :, None] * N[:, :, 1:]
        if rng is not None:
            xi = rng.standard_normal(a.shape)
            xi[:, ~self.noisy, :] = 0.0
            U += self.sigma[None, :, None] * xi
        np.clip(U, -HUGE, HUGE, out=U)
        z = self.tau[None, :, None] * (U - U.max(axis=2, keepdims=True))
        E = np.exp(z)
        return E / E.sum(axis=2, keepdims=True)

    def efforts(self, X, a, g, M, Kb, budget):
        R = X.shape[0]
        u = np.zeros_like(X)
        psum = self.prio.sum(axis=1)
        T = None
        for p in range(self.P):
            b = np.maximum(budget[p], 0.0)  # [C]
            if not self.contest[p]:
                share = self.prio[p] / psum[p] if psum[p] > 0 else np.zeros(self.S)
                u[:, :, p, :] = share[None, :, None] * b[None, None, :]
                continue
            if T is None:
                T = self.targets(X, a, g, M, Kb)
            Tp = T[:, :, p + 1]  # [R, S]
            for c in range(self.C):
                h = self.h[:, c]
                xh = X[:, :, p, c] + h[None, :]
                m = (
                    self.prio[p][None, :] * self.tau[None, :] * Tp * (1.0 - Tp)
                    * self.w[None, :, c] * M[None, :, p, c] * h[None, :] / (xh * xh)
                )
                top = m.max(axis=1, keepdims=True)
                if self.focus[p] == 1.0:
                    wgt = m
                else:
                    wgt = np.power(np.divide(m, top, out=np.zeros_like(m), where=top > 0),
                                   self.focus[p])
                tot = wgt.sum(axis=1, keepdims=True)
                fixed = (self.prio[p] / psum[p])[None, :] if psum[p] > 0 else np.zeros((1, self.S))
                share = np.where(tot > 0, wgt / np.where(tot > 0, tot, 1.0), fixed)
                u[:, :, p, c] = b[c] * share
        return u

    def run(self, R, rng):
        """R runs from tick 0 to the end; the final shares [R, S, K]."""
        X = np.repeat(self.X0[None], R, axis=0)
        a = np.repeat(self.a0[None], R, axis=0)
        g = np.repeat(self.g0[None], R, axis=0)
        budget = self.budget0.copy()
        fired = {}
        for t in range(self.ticks):
            for item in self.m.events:  # undos at t, then events and shocks in file order
                ev = item["ev"]
                if not item.get("shock") and item["until"] == t and ev["type"] == "affinity":
                    states = gg1.state_list(ev.get("states", "*"), self.m.states)
                    g[:, states, self.m.powers.index(ev["power"])] -= float(ev["delta"])
            for idx, item in enumerate(self.m.events):
                ev = item["ev"]
                if item.get("shock"):
                    if not item["at"] <= t < item["until"]:
                        continue
                    states = item["targets"]
                    hit = rng.random((R, len(states))) < item["hazard"]
                    if item["once"]:
                        done = fired.setdefault(idx, np.zeros((R, len(states)), bool))
                        hit &= ~done
                        done |= hit
                    eff = ev["effect"]
                    p = self.m.powers.index(eff["power"])
                    for j, s in enumerate(states):
                        if eff["type"] == "affinity":
                            g[hit[:, j], s, p] += float(eff["delta"])
                        else:
                            c = self.m.channels.index(eff["channel"])
                            X[hit[:, j], s, p, c] += float(eff["amount"])
                elif item["at"] == t:
                    self.apply(ev, X, g, budget)
            M, Kb = self.blocs(t)
            u = self.efforts(X, a, g, M, Kb, budget)
            np.minimum(self.ret[None, None, None, :] * X + u, HUGE, out=X)
            T = self.targets(X, a, g, M, Kb, rng)
            lam = self.lam[None, :, None]
            a = (1.0 - lam) * a + lam * T
        return a

    def apply(self, ev, X, g, budget):
        kind = ev["type"]
        states = gg1.state_list(ev.get("states", "*"), self.m.states)
        if kind in ("inject", "withdraw"):
            p, c = self.m.powers.index(ev["power"]), self.m.channels.index(ev["channel"])
            if kind == "inject":
                X[:, states, p, c] += float(ev["amount"])
            else:
                X[:, states, p, c] *= 1.0 - float(ev["fraction"])
        elif kind == "affinity":
            g[:, states, self.m.powers.index(ev["power"])] += float(ev["delta"])
        else:
            p, c = self.m.powers.index(ev["power"]), self.m.channels.index(ev["channel"])
            op = next(k for k in ("set", "scale", "add") if k in ev)
            v = float(ev[op])
            budget[p, c] = v if op == "set" else budget[p, c] * v if op == "scale" else budget[p, c] + v


def main(argv):
    ap = argparse.ArgumentParser(description="GG-1 in NumPy, vectorised across runs")
    ap.add_argument("scenario", nargs="?",
                    default=os.path.join(HERE, "..", "scenarios", "great_game.json"))
    ap.add_argument("--runs", type=int, default=0)
    ap.add_argument("--chunk", type=int, default=4096)
    ap.add_argument("--seconds", type=float, default=3.0)
    o = ap.parse_args(argv[1:])
    import json

    with open(o.scenario, encoding="utf-8") as f:
        doc = json.load(f)
    peer = Peer(doc)
    rng = np.random.default_rng(1)
    done, shares = 0, []
    c0 = time.process_time()
    while (o.runs and done < o.runs) or (not o.runs and time.process_time() - c0 < o.seconds):
        R = min(o.chunk, o.runs - done) if o.runs else o.chunk
        a = peer.run(R, rng)
        region = (a * peer.weight[None, :, None]).sum(axis=1) / peer.weight.sum()
        shares.append(region.sum(axis=0))
        done += R
    cpu = time.process_time() - c0
    mean = np.sum(shares, axis=0) / done
    print("peer_numpy: %d runs in %.3f CPU-s: %.1f runs per CPU-second (numpy %s, chunk %d)"
          % (done, cpu, done / cpu, np.__version__, o.chunk))
    print("peer_numpy: mean final regional shares: %s"
          % " ".join("%.4f" % x for x in mean))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
