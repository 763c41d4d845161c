"""The research toolkit through the Python module, against the greatgame
program: sweeps and sensitivity analyses with categorical factors, eFAST,
scenario discovery (PRIM) and the replay of one run of a sweep write the
program's files byte for byte (manifest.json apart from the command line
and the times), and mistakes raise greatgame.Error with the library's
message."""
import json
import os

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

import greatgame as gg


def read(path):
    with open(path, "rb") as f:
        return f.read()


def manifest(path, drop=("command_line", "started", "finished")):
    m = json.loads(read(path))
    for key in drop:
        m.pop(key, None)
    if "discover" in m:
        m["discover"].pop("sweep")  # the folder, as each caller named it
    return m


@pytest.fixture
def scen(source_dir):
    return os.path.join(source_dir, "scenarios", "central_asia_2020.json")


@pytest.fixture
def factor_sweep(cli, scen, tmp_path):
    """The same sweep with a categorical factor, by the program and the module."""
    a, b = tmp_path / "cli", tmp_path / "py"
    cli("sweep", scen, "--param", "powers.CN.budget.investment=100:700", "--factor",
        "blocs.EEU.enabled=0,1", "--factor", "powers.CN.strategy=fixed,contest", "--design", "lhs",
        "--samples", 40, "--metric", "final.KZ.CN", "--metric", "first.KZ.CN>=0.14", "--out", a,
        "-q")
    res = gg.sweep(scenario=gg.load(scen), params=["powers.CN.budget.investment=100:700"],
                   factors={"blocs.EEU.enabled": [0, 1],
                            "powers.CN.strategy": ["fixed", "contest"]},
                   design="lhs", samples=40, metrics=["final.KZ.CN", "first.KZ.CN>=0.14"], out=b)
    return a, b, res


def test_sweep_with_factors_equals_the_program(factor_sweep):
    a, b, res = factor_sweep
    for name in ("design.csv", "runs.csv", "summary.csv", "scenario.json"):
        assert read(a / name) == read(b / name), name
    assert manifest(a / "manifest.json") == manifest(b / "manifest.json")
    design = res.design
    assert list(design.columns) == ["sample", "powers.CN.budget.investment", "blocs.EEU.enabled",
                                    "powers.CN.strategy"]
    assert sorted(design["powers.CN.strategy"].unique()) == ["contest", "fixed"]
    varied = json.loads(read(b / "manifest.json"))["varied"]
    assert [v["path"] for v in varied] == ["powers.CN.budget.investment", "blocs.EEU.enabled",
                                          "powers.CN.strategy"]
    assert varied[2] == {"option": "--factor", "path": "powers.CN.strategy",
                         "levels": ["fixed", "contest"]}


def test_a_bad_factor_raises_the_library_message(tmp_path):
    with pytest.raises(gg.Error) as e:
        gg.sweep(params=[], factors=["powers.XX.strategy=fixed,contest"], out=tmp_path / "o")
    assert str(e.value) == ('factors powers.XX.strategy: unknown power "XX" '
                            '(the scenario has US, CN, RU)')
    assert e.value.fault_index == 0
    assert not (tmp_path / "o" / "manifest.json").exists()
    with pytest.raises(gg.Error) as e:
        gg.sweep(params=[], factors=["powers.CN.strategy=fixed"], out=tmp_path / "o")
    assert "a factor needs at least 2 levels" in str(e.value)


def test_efast_with_a_factor_equals_the_program(cli, scen, tmp_path):
    a, b = tmp_path / "cli", tmp_path / "py"
    cli("sensitivity", scen, "--param", "states.KZ.noise=0:0.1", "--factor",
        "blocs.EEU.enabled=0,1", "--method", "efast", "--samples", 65, "--metric", "final.KZ.CN",
        "--out", a, "-q")
    res = gg.sensitivity(params=["states.KZ.noise=0:0.1"], factors=["blocs.EEU.enabled=0,1"],
                         method="efast", samples=65, metrics=["final.KZ.CN"], scenario=gg.load(scen),
                         out=b)
    for name in ("design.csv", "runs.csv", "summary.csv", "indices.csv"):
        assert read(a / name) == read(b / name), name
    assert res.method == "efast"
    assert list(res.table.columns) == ["metric", "param", "S1", "S1_conf", "ST", "ST_conf"]
    table = pd.read_csv(a / "indices.csv", float_precision="round_trip")
    pdt.assert_frame_equal(res.table, table, check_exact=True)
    assert json.loads(read(b / "manifest.json"))["kind"] == "sensitivity"


def test_discover_equals_the_program(cli, factor_sweep, tmp_path):
    a, b, _ = factor_sweep
    cli("discover", a, "--metric", "final.KZ.CN", "--where", "final.KZ.CN>=0.13", "--out",
        tmp_path / "box_cli")
    png = tmp_path / "prim.png"
    res = gg.discover(b, metric="final.KZ.CN", where="final.KZ.CN>=0.13", out=tmp_path / "box_py",
                      png=png)
    for name in ("trajectory.csv", "box.csv"):
        assert read(tmp_path / "box_cli" / name) == read(tmp_path / "box_py" / name), name
    assert (manifest(tmp_path / "box_cli" / "manifest.json") ==
            manifest(tmp_path / "box_py" / "manifest.json"))
    assert list(res.box.columns) == ["input", "kind", "lo", "hi", "levels", "restricted",
                                     "quasi_p"]
    assert list(res.box.input) == ["powers.CN.budget.investment", "blocs.EEU.enabled",
                                   "powers.CN.strategy"]
    traj = res.trajectory
    assert len(traj) == res.steps and traj.box.iloc[0] == 0 and traj.coverage.iloc[0] == 1
    assert 0 <= res.chosen < res.steps
    assert 0 < res.coverage <= 1 and 0 < res.density <= 1
    runs = pd.read_csv(b / "runs.csv")
    assert res.runs == len(runs) and res.interesting == int((runs["final.KZ.CN"] >= 0.13).sum())
    assert res.png == os.fspath(png) and read(png)[:8] == b"\x89PNG\r\n\x1a\n"


def test_discover_errors_carry_the_library_message(factor_sweep, tmp_path):
    _, b, _ = factor_sweep
    with pytest.raises(gg.Error) as e:
        gg.discover(b, metric="final.KZ.CN", where="final.KZ.CN>=0.9", out=tmp_path / "o")
    assert str(e.value) == "where final.KZ.CN>=0.9: none of the 40 runs meets it; nothing to discover"
    assert not (tmp_path / "o").exists() or not os.listdir(tmp_path / "o")


def test_run_from_sweep_repeats_the_run_bit_for_bit(cli, factor_sweep, tmp_path):
    a, b, res = factor_sweep
    cli("run", "--from-sweep", a, "--sample", 7, "--replicate", 0, "--out", tmp_path / "rep_cli",
        "-q")
    df = gg.run_from_sweep(b, 7, 0, out=tmp_path / "rep_py")
    for name in ("alignment.csv", "stocks.csv", "utility.csv", "summary.json"):
        assert read(tmp_path / "rep_cli" / name) == read(tmp_path / "rep_py" / name), name
    # the run's final share is the sweep's metric for that run, exactly
    last = df[(df.tick == df.tick.max()) & (df.state == "KZ") & (df.component == "CN")]
    runs = res.runs
    assert last.share.iloc[0] == runs[runs["sample"] == 7]["final.KZ.CN"].iloc[0]
    assert last.seed.iloc[0] == runs[runs["sample"] == 7].seed.iloc[0]
    assert df.seed.dtype == np.uint64
    # without a folder: the same values
    pdt.assert_frame_equal(gg.run_from_sweep(b, 7, 0), df, check_exact=True)
    with pytest.raises(gg.Error) as e:
        gg.run_from_sweep(b, 40, 0)
    assert "40" in str(e.value)


def test_trajectories_of_stocks_and_indicators_equal_the_program(cli, source_dir, tmp_path):
    hist = os.path.join(source_dir, "scenarios", "history_2005.json")
    a, b = tmp_path / "cli", tmp_path / "py"
    cli("sweep", hist, "--param", "powers.CN.budget.investment=100:600", "--design", "lhs",
        "--samples", 3, "--trajectories=stocks,indicators", "--out", a, "-q")
    res = gg.sweep(scenario=gg.load(hist), params=["powers.CN.budget.investment=100:600"],
                   design="lhs", samples=3, trajectories=["stocks", "indicators"], out=b)
    for name in ("runs.csv", "trajectories_stocks.csv", "trajectories_indicators.csv"):
        assert read(a / name) == read(b / name), name
    assert not (b / "trajectories.csv").exists() and res.trajectories_of("shares") is None
    stocks = res.trajectories_of("stocks")
    assert list(stocks.columns[:3]) == ["sample", "replicate", "seed"]
    assert stocks.seed.dtype == np.uint64 and set(stocks["sample"]) == {0, 1, 2}
    with pytest.raises(ValueError):
        gg.sweep(params=["states.KZ.noise=0:0.1"], trajectories=["stock"], out=tmp_path / "x")


def test_compare_out_dir_equals_the_program(cli, scen, source_dir, factor_sweep, tmp_path):
    a, _, _ = factor_sweep
    pivot = os.path.join(source_dir, "scenarios", "us_pivot.json")
    cli("compare", scen, pivot, "--replicates", 3, "--design", a, "--out", tmp_path / "c_cli",
        "-q")
    df = gg.compare(gg.load(scen), gg.load(pivot), replicates=3, design=a, out=tmp_path / "c_py")
    assert read(tmp_path / "c_cli" / "compare.csv") == read(tmp_path / "c_py" / "compare.csv")
    m = manifest(tmp_path / "c_py" / "manifest.json")
    assert m == manifest(tmp_path / "c_cli" / "manifest.json")
    assert m["kind"] == "compare" and m["compare"]["design"] == os.fspath(a)
    assert "Monte Carlo error" in m["compare"]["interval"]
    table = pd.read_csv(tmp_path / "c_py" / "compare.csv", float_precision="round_trip")
    assert list(table.columns)[-1] == "effect"
    assert np.array_equal(table["diff_end"].to_numpy(), df["diff_end"].to_numpy())
    with pytest.raises(gg.Error) as e:
        gg.compare(gg.load(scen), gg.load(pivot), replicates=3, out=tmp_path / "c_py")
    assert str(e.value) == "%s: already holds results (manifest.json)" % (tmp_path / "c_py")


def test_ema_adapter_takes_structural_uncertainties(cli, tmp_path):
    from greatgame import ema
    f = ema.model(outcomes=["final.KZ.CN"], replicates=2,
                  names={"cn_invest": "powers.CN.budget.investment"})
    got = f(cn_invest=300.0, **{"blocs.EEU.enabled": 0, "powers.CN.strategy": "contest"})
    # the same point in a sweep of the program: the grid's first value, the
    # chosen levels, the mean over the two replicates
    cli("sweep", "--param", "powers.CN.budget.investment=300:900:2", "--factor",
        "blocs.EEU.enabled=0,1", "--factor", "powers.CN.strategy=contest,fixed", "--replicates", 2,
        "--metric", "final.KZ.CN", "--out", tmp_path / "s", "-q")
    design = pd.read_csv(tmp_path / "s" / "design.csv", dtype=str)
    pick = design[(design["powers.CN.budget.investment"] == "300") &
                  (design["blocs.EEU.enabled"] == "0") & (design["powers.CN.strategy"] == "contest")]
    runs = pd.read_csv(tmp_path / "s" / "runs.csv", float_precision="round_trip")
    expected = runs[runs["sample"] == int(pick["sample"].iloc[0])]["final.KZ.CN"].mean()
    assert got == {"final.KZ.CN": expected}
    # a structural choice alone, and a level the factor does not have
    alone = f(**{"blocs.EEU.enabled": 1})
    assert set(alone) == {"final.KZ.CN"} and 0 < alone["final.KZ.CN"] < 1
    assert alone != f(**{"blocs.EEU.enabled": 0})
    with pytest.raises(ValueError) as e:
        f(**{"powers.CN.strategy": "bold"})
    assert str(e.value) == "powers.CN.strategy: expected \"fixed\" or \"contest\", got 'bold'"
