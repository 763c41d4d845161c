"""greatgame: the geopolitical influence simulation engine from Python.

Every function here is one call of the greatgame C library (through the
extension module ``greatgame._greatgame``); options left out keep the
library's defaults, so the results are the command-line program's: the same
file bytes where a call writes files, the same values where a result is
turned into a pandas DataFrame or an xarray Dataset.

    import greatgame as gg
    sc = gg.baseline()                       # or gg.load("scenario.json")
    sc.set("powers.US.budget.diplomacy", 4.5)
    df = gg.run(sc, replicates=10)           # tidy DataFrame, as alignment.csv
    ds = gg.run_xarray(sc, replicates=10)    # dims run, tick, state, component

Failures reported by the library raise :class:`greatgame.Error`, whose text is
the library's one-line message.
"""

import json
import os
import tempfile

import numpy as np
import pandas as pd

from . import _greatgame as _c

Error = _c.Error

__version__, MODEL_VERSION = _c.versions()

__all__ = [
    "Error", "Scenario", "load", "parse", "baseline", "generate", "params", "seed_derive",
    "run", "run_xarray", "ties", "run_study", "compare", "explain", "sweep", "sensitivity", "merge",
    "calibrate", "backtest", "read_alignment", "SweepResult", "__version__", "MODEL_VERSION",
    "discover", "DiscoverResult", "plot_discover", "run_from_sweep",
]


class Scenario:
    """A validated scenario. Make one with :func:`load`, :func:`parse`,
    :func:`baseline` or :func:`generate`; change it with :meth:`set`."""

    __slots__ = ("_c",)

    def __init__(self, c):
        if not isinstance(c, _c.Scenario):
            raise TypeError("use greatgame.load, parse, baseline or generate to make a Scenario")
        self._c = c

    # -- parameters by path --------------------------------------------------
    def set(self, path, value):
        """Set every parameter that ``path`` names (``*`` matches any id) to
        ``value`` (a number, or its text as JSON writes it); ``"seed"`` sets
        the 64-bit seed exactly (an int). Returns how many parameters were
        set. Raises :class:`Error` with the library's message for an unknown
        path or a value out of range."""
        return self._c.set(path, value)

    def get(self, path):
        """A parameter's value (``"seed"``: the seed as an int)."""
        return self._c.get(path)

    def update(self, values):
        """Apply ``{path: value}`` in order; returns self."""
        for path, value in dict(values).items():
            self.set(path, value)
        return self

    def copy(self):
        """A deep copy (changing it leaves this one alone)."""
        return Scenario(self._c.copy())

    # -- what it holds -------------------------------------------------------
    def info(self):
        """Name, description, SHA-256, ticks, seed, step, weight and every id."""
        return self._c.info()

    @property
    def name(self):
        return self._c.info()["name"]

    @property
    def seed(self):
        return self._c.get("seed")

    @property
    def model(self):
        """The model the scenario runs: ``"GG-1"`` (format 1) or ``"GG-2"``
        (format 2 with ``"model": "GG-2"``)."""
        return self._c.model()

    @property
    def ticks(self):
        """Ticks a run steps (it records ticks 0..ticks)."""
        return self._c.info()["ticks"]

    @property
    def states(self):
        return self._c.info()["states"]

    @property
    def powers(self):
        return self._c.info()["powers"]

    @property
    def components(self):
        """``"autonomy"`` then the powers' ids."""
        return self._c.info()["components"]

    @property
    def sha256(self):
        return self._c.info()["sha256"]

    @property
    def path(self):
        """The file it was loaded from, or None."""
        return self._c.path

    def date(self, tick):
        """Tick ``tick``'s date ("2020-02", "2020-Q3" or "2021")."""
        return self._c.date(int(tick))

    def dates(self):
        """The dates of ticks 0..ticks."""
        return [self._c.date(t) for t in range(self.ticks + 1)]

    def tick_of(self, text):
        """A date in the scenario's step format, or a tick number, as a tick."""
        return self._c.tick_of(str(text))

    def text(self):
        """The JSON text the scenario was read from (changes made with
        :meth:`set` are not in it)."""
        return self._c.text()

    def to_dict(self):
        """The JSON the scenario was read from, as a dict (see :meth:`text`)."""
        return json.loads(self._c.text())

    def __repr__(self):
        i = self._c.info()
        return "<greatgame.Scenario %r: %d states, %d powers, %d ticks, seed %d>" % (
            i["name"], len(i["states"]), len(i["powers"]), i["ticks"], i["seed"])


def load(path):
    """Load and validate a scenario file."""
    return Scenario(_c.Scenario.load(os.fspath(path)))


def parse(text, name="(text)"):
    """Parse and validate a scenario given as JSON text, or as a dict (as
    ``json.loads`` of a scenario file gives: build a scenario in Python, then
    parse it); ``name`` is used in messages."""
    if isinstance(text, dict):
        text = json.dumps(text, allow_nan=False)
    return Scenario(_c.Scenario.parse(text, name))


def baseline():
    """The Central Asia 2020 baseline compiled into the library."""
    return Scenario(_c.Scenario.baseline())


def generate(**size):
    """A random valid scenario, as ``greatgame generate``: keywords
    ``states``, ``powers``, ``channels``, ``ticks``, ``contest``, ``seed``."""
    return parse(_c.generate(**size), "(generated)")


def params(model="GG-1"):
    """The parameter table (``greatgame params``) as a DataFrame; with
    ``model="GG-2"`` GG-2's rows follow GG-1's (``greatgame params --model
    GG-2``)."""
    if model not in ("GG-1", "GG-2"):
        raise ValueError("model: expected 'GG-1' or 'GG-2', got %r" % (model,))
    return pd.DataFrame(_c.params(2 if model == "GG-2" else 1))


def seed_derive(seed, sample, replicate):
    """The seed of replicate ``replicate`` of sweep sample ``sample``."""
    return _c.seed_derive(seed, sample, replicate)


def _scenario(sc):
    if sc is None:
        return None
    if isinstance(sc, Scenario):
        return sc._c
    if isinstance(sc, (str, os.PathLike)):
        return load(sc)._c
    raise TypeError("scenario: expected a greatgame.Scenario or a file name")


def _path_of(sc):
    """The file a scenario argument names, or None (the manifest says so)."""
    if isinstance(sc, Scenario):
        return sc.path
    return os.fspath(sc) if isinstance(sc, (str, os.PathLike)) else None


def _sets(values):
    """``{path: value}`` or ``["PATH=VALUE", ...]`` as the library's text."""
    if values is None:
        return None
    if isinstance(values, dict):
        out = []
        for path, value in values.items():
            if isinstance(value, bool):
                raise TypeError("sets[%r]: expected a number" % path)
            if isinstance(value, float):
                value = repr(float(value))
            out.append("%s=%s" % (path, value))
        return out
    return [str(v) for v in values]


# ---- runs ----------------------------------------------------------------

def _run_arrays(scenario, replicates, seed):
    sc = _scenario(scenario) if scenario is not None else baseline()._c
    info = sc.info()
    seeds, buf = _c.run_shares(sc, replicates, seed)
    T, S, K = info["ticks"], len(info["states"]), len(info["components"])
    shares = np.frombuffer(buf, dtype=np.float64).reshape(replicates, T + 1, S, K)
    dates = [sc.date(t) for t in range(T + 1)]
    return info, seeds, dates, shares


def run(scenario=None, replicates=1, seed=None):
    """Run ``scenario`` (default: the baseline) ``replicates`` times and
    return the alignment shares as a tidy DataFrame with the columns of
    ``alignment.csv``: run, seed (uint64), tick, date, state, component,
    share, in the same row order. Replicate r has the seed
    ``seed_derive(seed, 0, r)`` (``seed`` defaults to the scenario's), as
    ``greatgame run --replicates``."""
    info, seeds, dates, shares = _run_arrays(scenario, replicates, seed)
    R, T1, S, K = shares.shape
    per_run = T1 * S * K
    return pd.DataFrame({
        "run": np.repeat(np.arange(R, dtype=np.int64), per_run),
        "seed": np.repeat(np.array(seeds, dtype=np.uint64), per_run),
        "tick": np.tile(np.repeat(np.arange(T1, dtype=np.int64), S * K), R),
        "date": np.tile(np.repeat(np.array(dates, dtype=object), S * K), R),
        "state": np.tile(np.repeat(np.array(info["states"], dtype=object), K), R * T1),
        "component": np.tile(np.array(info["components"], dtype=object), R * T1 * S),
        "share": shares.reshape(-1).copy(),
    })


def run_xarray(scenario=None, replicates=1, seed=None):
    """The same runs as :func:`run` as an xarray Dataset: the variable
    ``share`` over the dimensions (run, tick, state, component), with the
    coordinates ``seed`` (per run, uint64) and ``date`` (per tick)."""
    import xarray as xr
    info, seeds, dates, shares = _run_arrays(scenario, replicates, seed)
    R = shares.shape[0]
    return xr.Dataset(
        {"share": (("run", "tick", "state", "component"), shares.copy())},
        coords={
            "run": np.arange(R, dtype=np.int64),
            "tick": np.arange(shares.shape[1], dtype=np.int64),
            "state": info["states"],
            "component": info["components"],
            "seed": ("run", np.array(seeds, dtype=np.uint64)),
            "date": ("tick", np.array(dates, dtype=object)),
        },
        attrs={"scenario": info["name"], "sha256": info["sha256"],
               "engine": __version__, "model": MODEL_VERSION},
    )


def ties(scenario, replicates=1, seed=None):
    """GG-2's ties, dependence index and hedging capacity of the runs
    :func:`run` makes (same replicates and seeds), as a DataFrame with the
    columns of ``ties.csv``: run, seed (uint64), tick, date, state, power,
    ties, dependence, hedging_capacity, from tick 1 (the values of the step
    to each tick), in the same row order. Raises :class:`Error` for a
    scenario that runs GG-1."""
    sc = _scenario(scenario)
    if sc is None:
        raise TypeError("ties: scenario is required (a GG-2 scenario)")
    info = sc.info()
    seeds, buf = _c.run_ties(sc, replicates, seed)
    T, S, P = info["ticks"], len(info["states"]), len(info["powers"])
    v = np.frombuffer(buf, dtype=np.float64).reshape(replicates, T, S, P, 3)
    dates = [sc.date(t) for t in range(1, T + 1)]
    per_run = T * S * P
    return pd.DataFrame({
        "run": np.repeat(np.arange(replicates, dtype=np.int64), per_run),
        "seed": np.repeat(np.array(seeds, dtype=np.uint64), per_run),
        "tick": np.tile(np.repeat(np.arange(1, T + 1, dtype=np.int64), S * P), replicates),
        "date": np.tile(np.repeat(np.array(dates, dtype=object), S * P), replicates),
        "state": np.tile(np.repeat(np.array(info["states"], dtype=object), P), replicates * T),
        "power": np.tile(np.array(info["powers"], dtype=object), replicates * T * S),
        "ties": v[..., 0].reshape(-1).copy(),
        "dependence": v[..., 1].reshape(-1).copy(),
        "hedging_capacity": v[..., 2].reshape(-1).copy(),
    })


def read_alignment(path):
    """Read an ``alignment.csv`` written by ``greatgame run`` exactly (seeds as
    uint64, shares with every digit), in the form :func:`run` returns."""
    return pd.read_csv(path, dtype={"run": np.int64, "seed": np.uint64, "tick": np.int64,
                                    "date": object, "state": object, "component": object,
                                    "share": np.float64},
                       float_precision="round_trip", keep_default_na=False)


class RunSummary(dict):
    """What :func:`run_study` returns: the statistics across runs (the
    content of summary.json) as DataFrames, plus ``runs`` and ``run_seeds``."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def run_study(scenario=None, replicates=None, seed=None, out=None, force=False,
              alignment_path=None, argv=None, max_output_bytes=None, started=None):
    """``greatgame run`` as one library call (gg_run_study). With ``out`` it
    writes alignment.csv, stocks.csv, utility.csv, summary.json and
    manifest.json into that folder, byte for byte the program's (the
    manifest's ``command_line`` is ``argv``, its ``started`` the time of the
    call unless given); with ``alignment_path`` only alignment.csv. Returns
    a :class:`RunSummary` of DataFrames: final_mean, final_sd, final_min,
    final_max and dominant_share (state x component), region_* (component),
    flips_mean and flips_max (state)."""
    s = scenario if isinstance(scenario, Scenario) else (
        load(scenario) if scenario is not None else baseline())
    path = s.path
    kw = dict(scenario=s._c, scenario_path=path, replicates=replicates, seed=seed,
              out_dir=None if out is None else os.fspath(out), force=bool(force),
              alignment_path=None if alignment_path is None else os.fspath(alignment_path),
              argv=argv, max_output_bytes=max_output_bytes, started=started)
    r = _c.run_study(**kw)
    info = s.info()
    st, comp = info["states"], info["components"]
    out_d = RunSummary(runs=r["runs"], run_seeds=r["run_seeds"])
    for key in ("final_mean", "final_sd", "final_min", "final_max", "dominant_share"):
        out_d[key] = pd.DataFrame(r[key], index=pd.Index(st, name="state"),
                                  columns=pd.Index(comp, name="component"))
    for key in ("region_mean", "region_sd", "region_min", "region_max"):
        out_d[key] = pd.Series(r[key][0], index=pd.Index(comp, name="component"), name=key)
    for key in ("flips_mean", "flips_max"):
        out_d[key] = pd.Series(r[key][0], index=pd.Index(st, name="state"), name=key)
    return out_d


# ---- comparison and explanation ---------------------------------------------

_COMPARE_COLUMNS = ["state", "state_index", "component", "component_index", "base_end",
                    "whatif_end", "diff_end", "diff_end_half", "diff_end_lo", "diff_end_hi",
                    "base_mean", "whatif_mean", "diff_mean", "diff_mean_half", "diff_mean_lo",
                    "diff_mean_hi"]


def compare(base, whatif, replicates=None, seed=None, csv=None, out=None, design=None,
            force=False, argv=None):
    """The paired comparison WHATIF - BASE with common random numbers
    (``greatgame compare``). Returns a DataFrame, one row per state (then
    "region") and component; ``df.attrs`` holds ``replicates``, ``seed`` and
    ``samples`` (rows x replicates x 4: base end, whatif end, base mean,
    whatif mean). ``csv`` also writes the program's ``--out FILE.csv``;
    ``out`` (a folder) writes compare.csv and manifest.json as ``--out DIR``
    does, with the effect sizes against the sweep folder ``design`` as
    compare.csv's last column when given (``--design``)."""
    sb, sw = _scenario(base), _scenario(whatif)
    r = _c.compare(base=sb, whatif=sw, replicates=replicates, seed=seed,
                   csv_path=None if csv is None else os.fspath(csv),
                   out_dir=None if out is None else os.fspath(out),
                   design=None if design is None else os.fspath(design), force=bool(force),
                   base_path=_path_of(base), whatif_path=_path_of(whatif), argv=argv)
    df = pd.DataFrame(r["rows"], columns=_COMPARE_COLUMNS)
    df.attrs["replicates"] = r["replicates"]
    df.attrs["seed"] = r["seed"]
    df.attrs["samples"] = np.frombuffer(r["samples"], dtype=np.float64).reshape(
        len(df), r["replicates"], 4)
    return df


def explain(scenario, state, start=None, end=None, seed=None):
    """The utility decomposition of every component of ``state`` in the
    steps to ticks ``start`` and ``end`` (ints, dates or tick text), as
    ``greatgame explain``. A DataFrame: component, kind, index, label, from,
    to; ``df.attrs`` holds the window and the seed."""
    r = _c.explain(scenario=_scenario(scenario), state=state, start=start, end=end, seed=seed)
    df = pd.DataFrame(r["rows"], columns=["component", "kind", "index", "label", "from", "to"])
    df.attrs.update(start=r["start"], end=r["end"], seed=r["seed"])
    return df


# ---- sweeps, sensitivity, merge -------------------------------------------------

def _read_sweep_csv(path):
    if not os.path.exists(path):
        return None
    return pd.read_csv(path, dtype={"seed": np.uint64, "reason": object},
                       float_precision="round_trip", keep_default_na=False, na_values=["nan"])


class SweepResult:
    """A finished sweep: ``info`` (what the library reported: hash, samples,
    runs, ...), ``out`` (its folder) and its files read with pandas:
    ``design``, ``runs``, ``summary`` (and ``trajectories``, ``indices``)."""

    def __init__(self, info, out):
        self.info = info
        self.out = out

    def _csv(self, name):
        return _read_sweep_csv(os.path.join(self.out, name))

    @property
    def design(self):
        return self._csv("design.csv")

    @property
    def runs(self):
        return self._csv("runs.csv")

    @property
    def summary(self):
        return self._csv("summary.csv")

    @property
    def trajectories(self):
        return self._csv("trajectories.csv")

    @property
    def indices(self):
        return self._csv("indices.csv")

    def trajectories_of(self, kind):
        """trajectories.csv ("shares") or trajectories_KIND.csv ("stocks",
        "indicators", "ties"), or None when the sweep did not record it."""
        if kind not in _TRAJECTORY_KINDS:
            raise ValueError("kind: expected shares, stocks, indicators or ties, got %r" % kind)
        return self._csv("trajectories.csv" if kind == "shares"
                         else "trajectories_%s.csv" % kind)

    def __repr__(self):
        return "<greatgame.SweepResult %s: %d samples, %d runs in %s>" % (
            self.info.get("hash", ""), self.info.get("samples", 0), self.info.get("runs", 0),
            self.out)


def _factors(factors):
    """``["PATH=L1,L2", ...]`` as ``--factor``, or ``{path: [levels]}``."""
    if factors is None:
        return None
    if isinstance(factors, dict):
        return ["%s=%s" % (p, ",".join(os.fspath(v) if isinstance(v, os.PathLike) else str(v)
                                       for v in levels)) for p, levels in factors.items()]
    return [str(f) for f in factors]


_TRAJECTORY_KINDS = ("shares", "stocks", "indicators", "ties")


def _trajectories(kinds):
    """True (the shares), or kinds as a list or a comma-separated text, as
    the library's mask (gg_sweep_options.trajectories)."""
    if kinds is None or isinstance(kinds, bool):
        return None if kinds is None else int(kinds)
    if isinstance(kinds, str):
        kinds = kinds.split(",")
    mask = 0
    for k in kinds:
        if k not in _TRAJECTORY_KINDS:
            raise ValueError("trajectories: %r: expected shares, stocks, indicators or ties" % k)
        mask |= 1 << _TRAJECTORY_KINDS.index(k)
    return mask


def _sweep_kw(scenario, params, sets, metrics, out, kw, factors=None):
    if params is not None and isinstance(params, dict):
        params = [(p,) + tuple(v) for p, v in params.items()]
    d = dict(scenario=_scenario(scenario), params=params, sets=_sets(sets),
             metrics=metrics, out=None if out is None else os.fspath(out),
             factors=_factors(factors))
    d.update(kw)
    return d


def sweep(params, out, scenario=None, sets=None, metrics=None, design=None, samples=None,
          replicates=None, independent_seeds=None, design_seed=None, trajectories=None,
          block_runs=None, threads=None, resume=None, force=None, keep_blocks=None, shard=None,
          command=None, factors=None):
    """``greatgame sweep`` as one library call (gg_sweep_run): writes
    design.csv, runs.csv, summary.csv and manifest.json into ``out``, byte
    for byte the program's with the same options (manifest.json apart from
    its command line and times).

    ``params``: ``["PATH=LO:HI[:STEPS]", ...]`` as ``--param``, tuples
    ``(path, lo, hi[, steps])``, or ``{path: (lo, hi[, steps])}``.
    ``sets``: ``{path: value}`` or ``["PATH=VALUE", ...]`` as ``--set``.
    ``metrics``: names as ``--metric``. ``design``: "grid" (default),
    "random", "lhs" or "sobol". ``factors``: categorical factors as
    ``--factor``, ``["powers.CN.strategy=fixed,contest", ...]`` or
    ``{"blocs.EEU.enabled": [0, 1]}``; ``params`` may then be empty.
    ``trajectories``: True (the shares, trajectories.csv) or kinds as
    ``--trajectories=KINDS``: ``["shares", "stocks", "indicators", "ties"]``
    (any of them; read them with ``trajectories_of(kind)``).
    Options left as None keep the library's defaults. Returns a
    :class:`SweepResult`."""
    kw = dict(design=design, samples=samples, replicates=replicates,
              independent_seeds=independent_seeds, design_seed=design_seed,
              trajectories=_trajectories(trajectories), block_runs=block_runs, threads=threads, resume=resume,
              force=force, keep_blocks=keep_blocks, shard=shard, command=command)
    info = _c.sweep(**_sweep_kw(scenario, params, sets, metrics, out, kw, factors))
    return SweepResult(info, os.fspath(out))


class SensitivityResult(SweepResult):
    """A sensitivity analysis: a :class:`SweepResult` plus ``table`` (the
    indices per metric and parameter as a DataFrame, as indices.csv),
    ``second`` (second-order Sobol indices, or None) and ``failed`` (why a
    metric could not be analysed, or None)."""

    def __init__(self, r, out):
        super().__init__(r["sweep"], out)
        M, D = len(r["metrics"]), len(r["params"])
        ind = np.frombuffer(r["indices"], dtype=np.float64).reshape(M, D, 4)
        cols = (["S1", "S1_conf", "ST", "ST_conf"] if r["method"] in ("sobol", "efast")
                else ["mu", "mu_star", "sigma", "mu_star_conf"])
        rows = []
        for m in range(M):
            for j in range(D):
                rows.append([r["metrics"][m], r["params"][j]] + list(ind[m, j]))
        self.method = r["method"]
        self.table = pd.DataFrame(rows, columns=["metric", "param"] + cols)
        self.second = None
        if r["second"] is not None:
            self.second = np.frombuffer(r["second"], dtype=np.float64).reshape(M, D, D, 2)
        self.failed = dict(zip(r["metrics"], r["failed"]))


def sensitivity(params, out, method=None, scenario=None, sets=None, metrics=None,
                samples=None, replicates=None, second_order=None, levels=None, resamples=None,
                confidence=None, bootstrap_seed=None, independent_seeds=None, design_seed=None,
                block_runs=None, threads=None, resume=None, force=None, keep_blocks=None,
                command=None, factors=None):
    """``greatgame sensitivity`` as one library call (gg_sensitivity_run):
    ``method`` "sobol" (default), "morris" or "efast"; ``factors`` as for
    :func:`sweep`; writes the sweep's files and indices.csv (indices2.csv
    with ``second_order``) into ``out``. Returns a
    :class:`SensitivityResult`."""
    kw = dict(method=method, samples=samples, replicates=replicates, second_order=second_order,
              levels=levels, resamples=resamples, confidence=confidence,
              bootstrap_seed=bootstrap_seed, independent_seeds=independent_seeds,
              design_seed=design_seed, block_runs=block_runs, threads=threads, resume=resume,
              force=force, keep_blocks=keep_blocks, command=command)
    r = _c.sensitivity(**_sweep_kw(scenario, params, sets, metrics, out, kw, factors))
    return SensitivityResult(r, os.fspath(out))


def merge(out, dirs, keep_blocks=None, command=None):
    """``greatgame merge``: join the shard folders ``dirs`` of one sweep into
    ``out``. Returns a :class:`SweepResult`."""
    info = _c.merge(out=os.fspath(out), dirs=[os.fspath(d) for d in dirs],
                    keep_blocks=keep_blocks, command=command)
    return SweepResult(info, os.fspath(out))


# ---- calibration and backtests ------------------------------------------------------

class CalibrationResult(dict):
    """What :func:`calibrate` returns: ``params`` (a DataFrame of the fitted
    values, standard errors and identification), ``starts``, ``holdout``,
    ``objective``, ``sigma2``, ``rank``, ``scenario`` (the calibrated
    :class:`Scenario`) and ``scenario_json``."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


_IDENTIFIED = {-1: "flat", 0: "rank", 1: "yes"}


def calibrate(params, targets=None, targets_csv=None, scenario=None, sets=None, method=None,
              starts=None, seed=None, max_iter=None, threads=None, holdout_from=None, out=None,
              force=None, command_line=None):
    """``greatgame calibrate`` as one library call (gg_calibrate_run): fit
    ``params`` (``["PATH=LO:HI", ...]``) to the targets file ``targets`` (or
    its text ``targets_csv``). With ``out`` the program's seven files are
    written there. ``holdout_from`` is a date or tick (text or int)."""
    s = None if scenario is None else (
        scenario if isinstance(scenario, Scenario) else load(scenario))
    r = _c.calibrate(
        scenario=None if s is None else s._c, scenario_path=None if s is None else s.path,
        targets=None if targets is None else os.fspath(targets), targets_csv=targets_csv,
        params=list(params), sets=_sets(sets), method=method, starts=starts, seed=seed,
        max_iter=max_iter, threads=threads,
        holdout_from=None if holdout_from is None else str(holdout_from),
        out_dir=None if out is None else os.fspath(out), force=force, command_line=command_line)
    res = CalibrationResult(r)
    table = pd.DataFrame(r["params"])
    table["identified"] = table["identified"].map(_IDENTIFIED)
    res["params"] = table
    res["scenario"] = Scenario(r["scenario"])
    return res


class BacktestResult(dict):
    """What :func:`backtest` returns: ``forecasts``, ``scores`` and
    ``params`` as DataFrames (forecasts.csv, scores.csv and the fitted
    measurement model), ``notes``, ``counts`` and ``observed_sha256``."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def backtest(scenario, observed, fit_until, indicators=None, leave_out=None, seed=None,
             out=None, force=None, argv=None):
    """``greatgame backtest`` as one library call (gg_backtest_run)."""
    r = _c.backtest(scenario=_scenario(scenario), observed=os.fspath(observed),
                    fit_until=fit_until, indicators=indicators, leave_out=leave_out, seed=seed,
                    out_dir=None if out is None else os.fspath(out), force=force, argv=argv)
    res = BacktestResult(r)
    res["forecasts"] = pd.DataFrame(r["forecasts"], columns=[
        "date", "state", "indicator", "partner", "observed", "forecast", "persistence", "trend"])
    res["scores"] = pd.DataFrame(r["scores"], columns=[
        "indicator", "state", "n", "rmse", "mae", "rmse_persistence", "rmse_trend",
        "skill_persistence", "skill_trend"])
    res["params"] = pd.DataFrame(r["params"], columns=[
        "indicator", "partner", "share_of", "link", "a", "b", "n"])
    return res


# ---- scenario discovery and the replay of one run ----------------------------------


class DiscoverResult(dict):
    """What :func:`discover` returns: ``trajectory`` (the peeling and pasting
    trajectory, trajectory.csv) and ``box`` (the chosen box's limits and
    quasi-p-values, box.csv) as DataFrames, ``out`` (the folder), ``png``
    (the chart's path, or None) and the library's figures: ``runs``,
    ``interesting``, ``steps``, ``chosen``, ``coverage``, ``density``,
    ``mass``."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def discover(sweep_dir, metric, where, out, peel=None, paste=None, min_mass=None,
             min_coverage=None, box=None, force=None, command=None, png=None):
    """``greatgame discover`` as one library call (gg_discover_run): PRIM
    (Friedman and Fisher 1999) over a finished sweep's design.csv and
    runs.csv. Writes trajectory.csv, box.csv and manifest.json into ``out``,
    byte for byte the program's with the same options (the manifest apart
    from its command line). The program's chart, discover.png, is drawn by
    the program's renderer; ``png`` (a path) draws the same trajectory with
    matplotlib instead (see :func:`plot_discover`)."""
    r = _c.discover(sweep_dir=os.fspath(sweep_dir), metric=metric, where=where,
                    out=os.fspath(out), peel=peel, paste=paste, min_mass=min_mass,
                    min_coverage=min_coverage, box=box, force=force, command=command)
    res = DiscoverResult(r)
    res["out"], res["metric"], res["where"] = os.fspath(out), metric, where
    read = dict(float_precision="round_trip", keep_default_na=False, na_values=[""])
    res["trajectory"] = pd.read_csv(os.path.join(res["out"], "trajectory.csv"), **read)
    res["box"] = pd.read_csv(os.path.join(res["out"], "box.csv"), dtype={"levels": object},
                             **read)
    res["png"] = None if png is None else plot_discover(res, png)
    return res


def plot_discover(result, path):
    """Draw a :func:`discover` result's coverage against density along the
    trajectory, the chosen box marked, with matplotlib (python3-matplotlib)
    into ``path``. Returns ``path``."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    t = result["trajectory"]
    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    ax.plot(t["coverage"], t["density"], marker="o", markersize=3, color="#1f4e79")
    c = t[t["box"] == result["chosen"]]
    ax.plot(c["coverage"], c["density"], marker="o", markersize=9, color="#c00000",
            linestyle="none", label="chosen box (%d)" % result["chosen"])
    ax.set_xlabel("coverage (share of the interesting runs inside the box)")
    ax.set_ylabel("density (share of the box's runs that are interesting)")
    if "where" in result:
        ax.set_title("PRIM peeling trajectory: %s" % result["where"])
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.legend(loc="lower left")
    fig.tight_layout()
    fig.savefig(os.fspath(path))
    plt.close(fig)
    return os.fspath(path)


def run_from_sweep(sweep_dir, sample, replicate=0, out=None, force=False, argv=None):
    """``greatgame run --from-sweep DIR --sample I --replicate R``: repeat one
    run of a finished sweep on its own, bit for bit (gg_sweep_replay gives
    the sample's scenario and the run's own seed). Returns the run's
    alignment as a DataFrame (as :func:`run`); with ``out`` also writes the
    program's run files into that folder, as :func:`run_study`."""
    c, seed = _c.sweep_replay(os.fspath(sweep_dir), int(sample), int(replicate))
    if out is not None:
        _c.run_study(scenario=c, scenario_path=os.path.join(os.fspath(sweep_dir), "scenario.json"),
                     replicates=1, seed=seed, exact_seed=True, out_dir=os.fspath(out),
                     force=bool(force), argv=argv)
        return read_alignment(os.path.join(os.fspath(out), "alignment.csv"))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "alignment.csv")
        _c.run_study(scenario=c, replicates=1, seed=seed, exact_seed=True, alignment_path=path)
        return read_alignment(path)
