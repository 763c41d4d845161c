"""The Python module's studies against the greatgame program: sweeps,
sensitivity analyses, paired comparisons, calibrations and backtests made
through the module write the program's files byte for byte (manifest.json
apart from the command line and the times), and the DataFrames hold the
values of those files."""
import json
import os

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

import greatgame as gg
from greatgame import ema


def read(path):
    with open(path, "rb") as f:
        return f.read()


def same_manifest(a, b, drop=("command", "command_line", "started", "finished", "created")):
    ma, mb = json.loads(read(a)), json.loads(read(b))
    for m in (ma, mb):
        for key in drop:
            m.pop(key, None)
        if "sweep" in m:
            m.pop("timing", None)
    assert ma == mb


def test_sweep_files_equal_the_program(cli, source_dir, tmp_path):
    scen = os.path.join(source_dir, "scenarios", "central_asia_2020.json")
    a, b = tmp_path / "cli", tmp_path / "py"
    cli("sweep", scen, "--param", "powers.CN.budget.investment=100:600", "--design", "lhs",
        "--samples", 12, "--replicates", 2, "--metric", "final.KZ.CN", "--metric", "region.CN",
        "--set", "powers.US.budget.diplomacy=4.5", "--out", a, "-q")
    res = gg.sweep(scenario=gg.load(scen), params=["powers.CN.budget.investment=100:600"],
                   design="lhs", samples=12, replicates=2, metrics=["final.KZ.CN", "region.CN"],
                   sets={"powers.US.budget.diplomacy": 4.5}, out=b)
    for name in ("design.csv", "runs.csv", "summary.csv"):
        assert read(a / name) == read(b / name), name
    assert res.info["samples"] == 12 and res.info["runs"] == 24
    runs = res.runs
    assert runs.seed.dtype == np.uint64 and len(runs) == 24
    expected = pd.read_csv(a / "runs.csv", dtype={"seed": np.uint64},
                           float_precision="round_trip", keep_default_na=False)
    pdt.assert_series_equal(runs["final.KZ.CN"], expected["final.KZ.CN"], check_exact=True)
    assert list(res.design.columns) == ["sample", "powers.CN.budget.investment"]


def test_grid_sweep_with_tuples_and_trajectories(cli, tmp_path):
    a, b = tmp_path / "cli", tmp_path / "py"
    cli("sweep", "--param", "powers.US.budget.diplomacy=0:6:4", "--replicates", 2,
        "--trajectories", "--threads", 1, "--out", a, "-q")
    res = gg.sweep(params=[("powers.US.budget.diplomacy", 0, 6, 4)], replicates=2,
                   trajectories=True, threads=1, out=b)
    for name in ("design.csv", "runs.csv", "summary.csv", "trajectories.csv"):
        assert read(a / name) == read(b / name), name
    same_manifest(a / "manifest.json", b / "manifest.json")
    assert list(res.design["powers.US.budget.diplomacy"]) == [0, 2, 4, 6]


def test_sweep_errors_are_the_library_messages(tmp_path):
    with pytest.raises(gg.Error) as e:
        gg.sweep(params=["states.XX.noise=0:1"], out=tmp_path / "x")
    assert "\n" not in str(e.value) and 'XX' in str(e.value)
    assert not os.path.exists(tmp_path / "x")
    with pytest.raises(gg.Error):
        gg.sweep(params=["powers.US.budget.diplomacy=0:6"], metrics=["final.QQ.US"],
                 out=tmp_path / "y")
    assert not os.path.exists(tmp_path / "y")


def test_sensitivity_files_equal_the_program(cli, tmp_path):
    a, b = tmp_path / "cli", tmp_path / "py"
    args = ["--param", "powers.US.budget.diplomacy=0:6", "--param",
            "powers.US.budget.investment=0:50", "--metric", "final.UZ.US"]
    cli("sensitivity", "--method", "morris", "--samples", 6, *args, "--out", a, "-q")
    res = gg.sensitivity(method="morris", samples=6, out=b, metrics=["final.UZ.US"],
                         params=["powers.US.budget.diplomacy=0:6",
                                 "powers.US.budget.investment=0:50"])
    for name in ("design.csv", "runs.csv", "summary.csv", "indices.csv"):
        assert read(a / name) == read(b / name), name
    table = pd.read_csv(a / "indices.csv", float_precision="round_trip")
    assert len(res.table) == 2
    for col in ("mu", "mu_star", "sigma", "mu_star_conf"):
        if col in table.columns:
            assert np.array_equal(res.table[col].to_numpy(), table[col].to_numpy(),
                                  equal_nan=True), col


def test_compare_csv_equals_the_program(cli, source_dir, tmp_path):
    base = os.path.join(source_dir, "scenarios", "central_asia_2020.json")
    what = os.path.join(source_dir, "scenarios", "us_pivot.json")
    cli("compare", base, what, "--replicates", 8, "--out", tmp_path / "cli.csv", "-q")
    df = gg.compare(gg.load(base), gg.load(what), replicates=8, csv=tmp_path / "py.csv")
    assert read(tmp_path / "cli.csv") == read(tmp_path / "py.csv")
    assert df.attrs["replicates"] == 8
    assert df.attrs["samples"].shape == (len(df), 8, 4)
    row = df[(df.state == "UZ") & (df.component == "US")].iloc[0]
    # the mean of the paired differences of the replicates is the row's
    s = df.attrs["samples"][row.name]
    assert abs(np.mean(s[:, 1] - s[:, 0]) - row.diff_end) < 1e-15
    assert row.diff_end > 0


def test_calibration_files_equal_the_program(cli, source_dir, tmp_path):
    targets = os.path.join(source_dir, "scenarios", "targets", "central_asia_example.csv")
    a, b = tmp_path / "cli", tmp_path / "py"
    cli("calibrate", "--targets", targets, "--param", "states.*.responsiveness=0.01:0.3",
        "--starts", 2, "--max-iter", 50, "--threads", 1, "--holdout-from", "2024-01",
        "--out", a, "-q")
    r = gg.calibrate(params=["states.*.responsiveness=0.01:0.3"], targets=targets, starts=2,
                     max_iter=50, threads=1, holdout_from="2024-01", out=b)
    for name in ("fit.csv", "starts.csv", "residuals.csv", "profile.csv", "calibration.json",
                 "scenario.json"):
        assert read(a / name) == read(b / name), name
    same_manifest(a / "manifest.json", b / "manifest.json")
    assert r.params.path.tolist() == ["states.*.responsiveness"]
    assert 0.01 < r.params.value[0] < 0.3
    assert r.holdout["from_date"] == "2024-01"
    assert r.scenario.get("states.KZ.responsiveness") == r.params.value[0]
    assert any("seed" in w for w in r.warnings)


def test_calibration_error_is_the_library_message(source_dir):
    targets = os.path.join(source_dir, "scenarios", "targets", "central_asia_example.csv")
    with pytest.raises(gg.Error) as e:
        gg.calibrate(params=["states.*.responsivness=0.01:0.3"], targets=targets)
    assert str(e.value).startswith("states.*.responsivness=0.01:0.3")


def test_backtest_files_equal_the_program(cli, source_dir, tmp_path):
    scen = os.path.join(source_dir, "scenarios", "history_2013.json")
    obs = os.path.join(source_dir, "scenarios", "observed", "observed.csv")
    a, b = tmp_path / "cli", tmp_path / "py"
    cli("backtest", scen, "--observed", obs, "--fit-until", 2016, "--out", a)
    r = gg.backtest(gg.load(scen), obs, 2016, out=b)
    for name in sorted(os.listdir(a)):
        if name != "manifest.json":
            assert read(a / name) == read(b / name), name
    same_manifest(a / "manifest.json", b / "manifest.json")
    forecasts = pd.read_csv(a / "forecasts.csv", float_precision="round_trip",
                            keep_default_na=False, na_values=["nan"])
    assert len(r.forecasts) == len(forecasts)
    assert np.array_equal(r.forecasts.forecast.to_numpy(), forecasts.forecast.to_numpy(),
                          equal_nan=True)
    assert r.counts["rows"] > 0 and r.notes


def test_explain_matches_the_utility_file(tmp_path):
    out = tmp_path / "r"
    gg.run_study(out=out)
    sc = gg.baseline()
    end = sc.tick_of("2030-12")
    ex = gg.explain(sc, "KZ", start=1, end="2030-12")
    assert ex.attrs["end"] == end
    util = pd.read_csv(out / "utility.csv", float_precision="round_trip")
    row = util[(util.tick == end) & (util.state == "KZ") & (util.power == "US")
               & (util.term == "utility")]
    mine = ex[(ex.component == "US") & (ex.kind == "utility")]
    assert mine["to"].item() == row.value.item()


def test_ema_adapter_outcomes_are_the_sweep_metrics(cli, tmp_path):
    a = tmp_path / "cli"
    cli("sweep", "--param", "powers.US.budget.diplomacy=4.5:6:2", "--set",
        "states.*.responsiveness=0.06", "--replicates", 3, "--metric", "final.KZ.US",
        "--metric", "mean.UZ.US", "--out", a, "-q")
    runs = pd.read_csv(a / "runs.csv", float_precision="round_trip")
    runs = runs[runs["sample"] == 0]
    f = ema.model(outcomes=["final.KZ.US", "mean.UZ.US"], replicates=3,
                  names={"us_diplomacy": "powers.US.budget.diplomacy",
                         "responsiveness": "states.*.responsiveness"})
    out = f(us_diplomacy=4.5, responsiveness=0.06)
    assert set(out) == {"final.KZ.US", "mean.UZ.US"}
    assert out["final.KZ.US"] == float(runs["final.KZ.US"].to_numpy().mean())
    assert out["mean.UZ.US"] == float(runs["mean.UZ.US"].to_numpy().mean())
    per = ema.model(outcomes=["final.KZ.US"], replicates=3, aggregate=None)(
        **{"powers.US.budget.diplomacy": 4.5, "states.*.responsiveness": 0.06})
    assert np.array_equal(per["final.KZ.US"], runs["final.KZ.US"].to_numpy())
    with pytest.raises(gg.Error) as e:
        f(us_diplomacy=-1.0)
    assert str(e.value).startswith("powers.US.budget.diplomacy")
    # a value at the top of its range (shares lie in [0, 1])
    top = ema.model(outcomes=["final.KZ.US"])(**{"states.*.backlash.threshold": 1.0})
    assert 0 < top["final.KZ.US"] < 1


def test_shards_merged_equal_the_whole_sweep(tmp_path):
    opts = dict(params=["powers.US.budget.diplomacy=0:6:5"], replicates=3, block_runs=4,
                metrics=["final.UZ.US"])
    gg.sweep(out=tmp_path / "whole", **opts)
    for i in range(2):
        gg.sweep(out=tmp_path / ("s%d" % i), shard="%d/2" % i, **opts)
    res = gg.merge(tmp_path / "m", [tmp_path / "s1", tmp_path / "s0"])
    for name in ("design.csv", "runs.csv", "summary.csv"):
        assert read(tmp_path / "whole" / name) == read(tmp_path / "m" / name), name
    assert res.info["runs"] == 15


def test_sobol_with_second_order_equals_the_program(cli, tmp_path):
    a, b = tmp_path / "cli", tmp_path / "py"
    cli("sensitivity", "--method", "sobol", "--samples", 8, "--second-order", "--param",
        "powers.US.budget.diplomacy=0:6", "--param", "powers.CN.budget.investment=200:600",
        "--metric", "region.US", "--out", a, "-q")
    res = gg.sensitivity(params={"powers.US.budget.diplomacy": (0, 6),
                                 "powers.CN.budget.investment": (200, 600)},
                         method="sobol", samples=8, second_order=True, metrics=["region.US"],
                         out=b)
    for name in ("design.csv", "runs.csv", "indices.csv", "indices2.csv"):
        assert read(a / name) == read(b / name), name
    assert res.method == "sobol" and res.info["runs"] == 8 * (2 * 2 + 2)
    assert res.second.shape == (1, 2, 2, 2)
    table = pd.read_csv(a / "indices.csv", float_precision="round_trip")
    st = table[table.columns[table.columns.str.upper() == "ST"][0]].to_numpy()
    assert np.array_equal(res.table.ST.to_numpy(), st)
