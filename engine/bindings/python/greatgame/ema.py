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
"""

import os
import tempfile

import numpy as np

from . import _greatgame as _c
from . import _scenario, _read_sweep_csv, baseline


def _one_point(sc, path, v, sets, outcomes, replicates, threads, tmp):
    """The runs of one point through gg_sweep_run. The library refuses a
    parameter whose range is a single value, so the point is one end of a
    two-point grid (the end is taken exactly), and only its runs are kept."""
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
                _c.sweep(scenario=sc, params=[(path, lo, hi, 2)], sets=sets, metrics=outcomes,
                         replicates=replicates, threads=threads, out=out)
            except _c.Error as e:
                last = e
                continue
            runs = _read_sweep_csv(os.path.join(out, "runs.csv"))
            return runs[runs["sample"] == side].reset_index(drop=True)
    raise last


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
        items = [(p, float(v)) for p, v in items if p != "seed"]
        if not items:
            raise TypeError("give at least one parameter besides the seed")
        # Values the scenario refuses raise the library's message here.
        probe = sc.copy()
        for path, v in items:
            probe.set(path, v)
        # The sweep applies `sets` in order, then the design's value: the last
        # keyword is the design's, so that later keywords win as in the probe.
        sets += ["%s=%s" % (path, repr(v)) for path, v in items[:-1]]
        path, v = items[-1]
        with tempfile.TemporaryDirectory(prefix="greatgame-ema-") as tmp:
            runs = _one_point(sc, path, v, sets, outcomes, replicates, threads, tmp)
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
