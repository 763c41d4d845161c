"""An adapter for exploratory modelling tools such as the EMA Workbench.

:func:`model` turns a scenario into a plain Python function that takes the
uncertainties and levers as keyword arguments (parameter paths, or short
names mapped to paths) and returns a dict of outcomes. Each call is a
one-point sweep through the library (gg_sweep_run) in a temporary folder,
so the outcomes are the sweep metrics of ``greatgame sweep`` (``final.KZ.US``,
``mean.KZ.US``, ``region.US``, ``flips.KZ``), value for value, with its seeds
(common random numbers)::

    from greatgame import ema
    f = ema.model(outcomes=["final.KZ.US", "region.US"], replicates=5,
                  names={"us_diplomacy": "powers.US.budget.diplomacy"})
    f(us_diplomacy=4.5)   # {'final.KZ.US': 0.08..., 'region.US': 0.10...}

With the EMA Workbench: ``Model("gg", function=f)`` with parameters named
after the keywords and ``ScalarOutcome`` objects named after the outcomes.

Structural uncertainties are keywords too (``CategoricalParameter`` in the
EMA Workbench): a power's strategy (``powers.CN.strategy="contest"``), an
event or a bloc on or off (``events.3.enabled=0``, ``blocs.EEU.enabled=1``),
run as ``greatgame sweep --factor`` runs them.
"""

import os
import tempfile

import numpy as np
import pandas as pd

from . import _greatgame as _c
from . import _scenario, _read_sweep_csv, baseline


def _is_factor(path):
    """A structural choice that ``greatgame sweep --factor`` varies."""
    parts = path.split(".")
    return ((len(parts) == 3 and parts[0] == "powers" and parts[2] == "strategy") or
            (len(parts) == 3 and parts[0] in ("events", "blocs") and parts[2] == "enabled"))


def _level(path, v):
    """A factor's level as text, and a second level (a factor has two or more)."""
    if path.endswith(".strategy"):
        if v not in ("fixed", "contest"):
            raise ValueError('%s: expected "fixed" or "contest", got %r' % (path, v))
        return v, "contest" if v == "fixed" else "fixed"
    if v in (0, 1, "0", "1") or isinstance(v, bool):
        level = "1" if v in (1, "1", True) else "0"
        return level, "0" if level == "1" else "1"
    raise ValueError("%s: expected 0 or 1, got %r" % (path, v))


def _one_point(sc, path, v, sets, factors, outcomes, replicates, threads, tmp):
    """The runs of one point through gg_sweep_run. The library refuses a
    parameter whose range is a single value, so the point is one end of a
    two-point grid (the end is taken exactly); each factor gets the chosen
    level and a second one; only the runs of the chosen point are kept.
    ``path`` None: factors alone."""
    fs = ["%s=%s,%s" % (p, lv, other) for p, (lv, other) in factors]
    if path is None:
        out = os.path.join(tmp, "sweep-0")
        _c.sweep(scenario=sc, params=[], factors=fs, sets=sets, metrics=outcomes,
                 replicates=replicates, threads=threads, out=out)
        return _chosen_runs(out, None, None, factors)
    spans = [max(1.0, abs(v)), max(1.0, abs(v)) * 1e-6, None]
    last = None
    for side in (0, 1):
        for span in spans:
            if span is None:
                other = float(np.nextafter(v, np.inf if side == 0 else -np.inf))
            else:
                other = v + span if side == 0 else v - span
            lo, hi = (v, other) if side == 0 else (other, v)
            out = os.path.join(tmp, "sweep-%d" % len(os.listdir(tmp)))
            try:
                _c.sweep(scenario=sc, params=[(path, lo, hi, 2)], factors=fs, sets=sets,
                         metrics=outcomes, replicates=replicates, threads=threads, out=out)
            except _c.Error as e:
                last = e
                continue
            return _chosen_runs(out, path, v, factors)
    raise last


def _chosen_runs(out, path, v, factors):
    """The runs.csv rows of the design's sample at value v of path (exact)
    and the chosen level of every factor."""
    design = pd.read_csv(os.path.join(out, "design.csv"), dtype=str, keep_default_na=False)
    keep = np.ones(len(design), dtype=bool)
    if path is not None:
        keep &= design[path].astype(np.float64).to_numpy() == v
    for p, (lv, _) in factors:
        keep &= (design[p] == lv).to_numpy()
    samples = design["sample"][keep].astype(np.int64).tolist()
    if len(samples) != 1:
        raise RuntimeError("ema: the design does not hold the point asked for")
    runs = _read_sweep_csv(os.path.join(out, "runs.csv"))
    return runs[runs["sample"] == samples[0]].reset_index(drop=True)


def model(scenario=None, outcomes=("region.*",), replicates=1, names=None, aggregate="mean",
          threads=1):
    """A function ``f(**values) -> {outcome: value}``.

    ``scenario``: a Scenario or file (default: the baseline). ``outcomes``:
    sweep metric names; ``*`` expands as in ``greatgame sweep --metric``.
    ``replicates``: runs per call, with the seeds of ``greatgame sweep``
    (common random numbers: the same seeds at every call). ``names``: maps
    keyword names to parameter paths (keywords not in it are paths
    themselves; ``seed`` sets the scenario's seed). ``aggregate``: "mean"
    (each outcome is the mean over the replicates) or None (a NumPy array of
    one value per replicate). ``threads``: worker threads per call (1 suits
    tools that run calls in parallel themselves)."""
    sc = _scenario(scenario) if scenario is not None else baseline()._c
    sc = sc.copy()
    names = dict(names or {})
    outcomes = list(outcomes)
    if aggregate not in ("mean", None):
        raise ValueError('aggregate: expected "mean" or None')

    def f(**values):
        if not values:
            raise TypeError("give at least one uncertainty or lever as a keyword")
        items = [(names.get(k, k), v) for k, v in values.items()]
        sets = ["seed=%d" % int(v) for p, v in items if p == "seed"]
        factors = [(p, _level(p, v)) for p, v in items if _is_factor(p)]
        items = [(p, float(v)) for p, v in items if p != "seed" and not _is_factor(p)]
        if not items and not factors:
            raise TypeError("give at least one parameter or structural choice besides the seed")
        # Values the scenario refuses raise the library's message here.
        probe = sc.copy()
        for path, v in items:
            probe.set(path, v)
        # The sweep applies `sets` in order, then the design's value: the last
        # keyword is the design's, so that later keywords win as in the probe.
        sets += ["%s=%s" % (path, repr(v)) for path, v in items[:-1]]
        path, v = items[-1] if items else (None, None)
        with tempfile.TemporaryDirectory(prefix="greatgame-ema-") as tmp:
            runs = _one_point(sc, path, v, sets, factors, outcomes, replicates, threads, tmp)
        metric_cols = [c for c in runs.columns
                       if c not in ("sample", "replicate", "seed", "status", "reason")]
        result = {}
        for c in metric_cols:
            vals = runs[c].to_numpy(dtype=np.float64)
            result[c] = float(vals.mean()) if aggregate == "mean" else vals
        return result

    f.outcomes = outcomes
    f.names = names
    return f
