"""The Python module's scenarios and runs against the greatgame program:
DataFrames equal the program's CSV files value for value, files written
through the module equal the program's byte for byte, seeds stay exact, and
errors carry the library's one-line message."""
import json
import os

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

import greatgame as gg

PIVOT = "powers.US.budget.diplomacy=4.5"


def read(path):
    with open(path, "rb") as f:
        return f.read()


def test_run_dataframe_equals_cli_alignment_csv(cli, tmp_path):
    out = tmp_path / "alignment.csv"
    cli("run", "--replicates", 3, "--set", PIVOT, "-o", out)
    sc = gg.baseline()
    assert sc.set("powers.US.budget.diplomacy", 4.5) == 1
    df = gg.run(sc, replicates=3)
    expected = pd.read_csv(out, dtype={"seed": np.uint64}, float_precision="round_trip")
    assert len(df) == 3 * (sc.ticks + 1) * 5 * 4
    pdt.assert_frame_equal(df, expected, check_exact=True)
    pdt.assert_frame_equal(gg.read_alignment(out), df, check_exact=True)


def test_run_of_a_scenario_file_with_a_seed(cli, source_dir, tmp_path):
    path = os.path.join(source_dir, "scenarios", "us_pivot.json")
    out = tmp_path / "a.csv"
    cli("run", path, "--seed", 7, "--replicates", 2, "-o", out)
    df = gg.run(gg.load(path), replicates=2, seed=7)
    pdt.assert_frame_equal(df, gg.read_alignment(out), check_exact=True)


def test_xarray_dataset_holds_the_same_values(cli, tmp_path):
    out = tmp_path / "alignment.csv"
    cli("run", "--replicates", 2, "-o", out)
    ds = gg.run_xarray(replicates=2)
    assert ds.share.dims == ("run", "tick", "state", "component")
    assert ds.share.shape == (2, gg.baseline().ticks + 1, 5, 4)
    csv = gg.read_alignment(out)
    flat = ds.share.values.reshape(-1)
    assert np.array_equal(flat, csv.share.to_numpy())
    assert list(ds.seed.values) == list(csv.drop_duplicates("run").seed)
    assert list(ds.date.values) == list(csv.drop_duplicates("tick").date)
    # a cell picked by its labels is the CSV's row
    row = csv[(csv.run == 1) & (csv.tick == 60) & (csv.state == "UZ") & (csv.component == "CN")]
    assert ds.share.sel(run=1, tick=60, state="UZ", component="CN").item() == row.share.item()


def test_run_study_writes_the_program_files(cli, tmp_path):
    a, b = tmp_path / "cli", tmp_path / "py"
    cli("run", "--replicates", 2, "--set", PIVOT, "--out", a, "-q")
    sc = gg.baseline()
    sc.set("powers.US.budget.diplomacy", "4.5")
    summary = gg.run_study(sc, replicates=2, out=b,
                           argv=["greatgame", "run", "--replicates", "2", "--set", PIVOT])
    for name in ("alignment.csv", "stocks.csv", "utility.csv", "summary.json"):
        assert read(a / name) == read(b / name), name
    ma, mb = json.loads(read(a / "manifest.json")), json.loads(read(b / "manifest.json"))
    for m in (ma, mb):
        for key in ("command_line", "started", "finished"):
            m.pop(key)
    assert ma == mb
    # the statistics are summary.json's
    sj = json.loads(read(a / "summary.json"))
    assert summary.runs == 2
    assert summary.run_seeds == ma["run_seeds"]
    text = json.dumps(sj)
    assert repr(summary.final_mean.loc["UZ", "US"]) in text or \
        ("%.17g" % summary.final_mean.loc["UZ", "US"]) in text


def test_run_study_refuses_a_folder_with_results(cli, tmp_path):
    out = tmp_path / "r"
    gg.run_study(out=out)
    with pytest.raises(gg.Error) as e:
        gg.run_study(out=out)
    assert str(e.value) == "%s: already holds results (manifest.json)" % out
    assert e.value.status == 11
    gg.run_study(out=out, force=True)


def test_seeds_are_exact_64_bit_integers(cli, tmp_path):
    top = 2**64 - 1
    out = tmp_path / "a.csv"
    cli("run", "--seed", top, "--replicates", 2, "-o", out)
    sc = gg.baseline()
    sc.set("seed", top)
    assert sc.seed == top and sc.get("seed") == top
    df = gg.run(sc, replicates=2)
    seeds = df.drop_duplicates("run").seed.tolist()
    assert seeds == [gg.seed_derive(top, 0, 0), gg.seed_derive(top, 0, 1)]
    with open(out) as f:
        f.readline()
        assert int(f.readline().split(",")[1]) == seeds[0]
    with pytest.raises(ValueError):
        sc.set("seed", 2**64)
    with pytest.raises(ValueError):
        gg.run(sc, seed=-1)


def test_set_error_is_the_library_message(cli):
    p = cli("run", "--set", "powers.XX.budget.diplomacy=1", "-q", check=False)
    assert p.returncode == 2
    sc = gg.baseline()
    with pytest.raises(gg.Error) as e:
        sc.set("powers.XX.budget.diplomacy", 1)
    assert p.stderr.strip() == "--set " + str(e.value)
    assert "\n" not in str(e.value)
    with pytest.raises(gg.Error) as e:
        sc.set("powers.US.budget.diplomacy", -1)
    assert str(e.value).startswith("powers.US.budget.diplomacy")
    with pytest.raises(ValueError):
        sc.set("powers.US.budget.diplomacy", "1e")


def test_bad_scenarios_raise_the_program_line(cli, source_dir):
    """Every invalid scenario of tests/bad: the exception's text is the one
    line `greatgame validate` prints (tests/bad/EXPECTED lists them)."""
    bad = os.path.join(source_dir, "tests", "bad")
    names = sorted(f for f in os.listdir(bad) if f.endswith(".json"))
    assert len(names) >= 20
    for name in names:
        p = cli("validate", name, check=False, cwd=bad)
        assert p.returncode == 2, name
        cwd = os.getcwd()
        os.chdir(bad)
        try:
            with pytest.raises(gg.Error) as e:
                gg.load(name)
        finally:
            os.chdir(cwd)
        assert p.stderr == str(e.value) + "\n", name


def test_scenario_accessors(source_dir):
    sc = gg.load(os.path.join(source_dir, "scenarios", "central_asia_2020.json"))
    assert sc.states == ["KZ", "KG", "TJ", "TM", "UZ"]
    assert sc.components == ["autonomy", "US", "CN", "RU"]
    assert sc.ticks == 132 and sc.date(0) == "2020-01" and sc.date(132) == "2031-01"
    assert sc.tick_of("2021-06") == 17 and sc.tick_of("17") == 17
    default = gg.load(os.path.join(source_dir, "scenarios", "central_asia_2020_gg2.json"))
    assert default.sha256 == gg.baseline().sha256  # the default is the GG-2 baseline
    assert sc.sha256 != gg.baseline().sha256
    c = sc.copy()
    c.set("powers.*.budget.diplomacy", 2)
    assert c.get("powers.RU.budget.diplomacy") == 2.0
    assert sc.get("powers.RU.budget.diplomacy") == 3.0
    assert sc.path.endswith("central_asia_2020.json")
    p = gg.params()
    assert "powers.<power>.budget.<channel>" in set(p.path)


def test_generated_scenario_equals_the_program(cli, tmp_path):
    out = tmp_path / "g.json"
    cli("generate", "--states", 7, "--powers", 2, "--seed", 5, "-o", out)
    assert gg.generate(states=7, powers=2, seed=5).text() == read(out).decode()


def test_unknown_options_and_wrong_types_are_refused():
    with pytest.raises(TypeError):
        gg._c.run_study(scenario=gg.baseline()._c, replicate=2)
    with pytest.raises(ValueError):
        gg.run(replicates=0)
    with pytest.raises(TypeError):
        gg.run(scenario=3)


def test_package_versions_are_the_engine_version(source_dir):
    """pyproject.toml and the R package's DESCRIPTION name the engine version."""
    base = os.path.join(source_dir, "engine", "bindings")
    with open(os.path.join(base, "python", "pyproject.toml")) as f:
        py = [l.split("=", 1)[1].strip().strip('"') for l in f if l.startswith("version")]
    with open(os.path.join(base, "r", "DESCRIPTION")) as f:
        r = [l.split(":", 1)[1].strip() for l in f if l.startswith("Version:")]
    assert py == [gg.__version__] and r == [gg.__version__]
    assert gg.MODEL_VERSION == "GG-1"


def test_a_scenario_built_as_a_dict(source_dir):
    """A scenario built in Python (a dict) runs as the file it came from."""
    path = os.path.join(source_dir, "scenarios", "us_pivot.json")
    d = gg.load(path).to_dict()
    assert gg.parse(d).sha256 != ""
    built = gg.parse(d, "built")
    pdt.assert_frame_equal(gg.run(built), gg.run(gg.load(path)), check_exact=True)
    d["states"][0]["id"] = d["states"][1]["id"]
    with pytest.raises(gg.Error) as e:
        gg.parse(d, "built")
    assert str(e.value).startswith("built")


# ---- GG-2 --------------------------------------------------------------------

GG2 = os.path.join("tests", "good", "gg2_outputs.json")


def test_gg2_ties_equal_the_program_ties_csv(cli, source_dir, tmp_path):
    """greatgame.ties gives the rows of ties.csv, value for value; the
    scenario says which model it runs; run_study writes ties.csv and a GG-2
    manifest."""
    path = os.path.join(source_dir, GG2)
    sc = gg.load(path)
    assert sc.model == "GG-2"
    assert gg.baseline().model == "GG-2"
    assert gg.load(os.path.join(source_dir, "scenarios", "central_asia_2020.json")).model == "GG-1"
    out = tmp_path / "cli"
    cli("run", path, "--replicates", 2, "--seed", 5, "--out", out, "-q")
    df = gg.ties(sc, replicates=2, seed=5)
    expected = pd.read_csv(out / "ties.csv", dtype={"seed": np.uint64},
                           float_precision="round_trip")
    assert list(df.columns) == ["run", "seed", "tick", "date", "state", "power", "ties",
                                "dependence", "hedging_capacity"]
    assert len(df) == 2 * sc.ticks * len(sc.states) * len(sc.powers)
    pdt.assert_frame_equal(df, expected, check_exact=True)
    # the same runs as gg.run: ties.csv's seeds are alignment.csv's
    assert set(df["seed"]) == set(gg.run(sc, replicates=2, seed=5)["seed"])
    py = tmp_path / "py"
    gg.run_study(sc, replicates=2, seed=5, out=py)
    assert read(out / "ties.csv") == read(py / "ties.csv")
    assert read(out / "utility.csv") == read(py / "utility.csv")
    man = json.loads(read(py / "manifest.json"))
    assert man["model"] == "GG-2" and "ties.csv" in man["files"]
    assert man["parameters"]["states.B.hedging"] == 1.1


def test_gg2_ties_refuse_a_gg1_scenario(source_dir):
    with pytest.raises(gg.Error) as e:
        gg.ties(gg.load(os.path.join(source_dir, "scenarios", "central_asia_2020.json")))
    assert "runs GG-1" in str(e.value)


def test_gg2_params_and_explain(cli, source_dir):
    g1, g2 = gg.params(), gg.params(model="GG-2")
    assert len(g2) > len(g1)
    assert list(g2["path"][:len(g1)]) == list(g1["path"])
    assert "states.<state>.hedging" in set(g2["path"])
    cli_rows = json.loads(cli("params", "--model", "GG-2", "--json").stdout)
    assert list(g2["path"]) == [r["path"] for r in cli_rows]
    with pytest.raises(ValueError):
        gg.params(model="GG-3")
    df = gg.explain(gg.load(os.path.join(source_dir, GG2)), "B", start=5, end=7)
    kinds = set(df["kind"])
    assert {"ties", "dependence", "regime", "conditionality", "hedging"} <= kinds
    for comp, rows in df.groupby("component"):
        terms = rows[~rows["kind"].isin(["utility", "share"])]
        total = rows[rows["kind"] == "utility"]
        assert abs(terms["to"].sum() - float(total["to"].iloc[0])) < 1e-12, comp
