#!/usr/bin/env python3
"""Check the engine against the reference implementations gg1.py (format 1
scenarios, model GG-1) and gg2.py (format 2, model GG-2).

Usage:
    compare.py GREATGAME WORKDIR [--count N] [--first SEED] [--shipped DIR] [--gg2]

With --gg2 the generated scenarios are format 2 (gen_scenario.py --gg2),
and the case files checked are tests/reference/gg2_case_*.json instead of
case_*.json and repro_*.json.

For each generated scenario (gen_scenario.py, seeds FIRST..FIRST+N-1) and
each tests/reference/case_*.json and repro_*.json, it runs gg1.py and
`GREATGAME run --out` twice, with `--replicates 2` when the scenario draws
random numbers (utility noise or shocks; replicate 1 then checks the seed
derivation too), and checks that:
  - every share, every stock and effort and every noise term sigma * xi
    (the `noise` rows of utility.csv) agree within 1e-9 (absolute), row by
    row, with the same runs, seeds, ticks, dates, states, components, powers
    and channels in the same order;
  - each state's shares stay on the simplex: every share >= 0 and their sum
    within 1e-9 of the sum at tick 0;
  - the two runs wrote identical alignment.csv, stocks.csv and utility.csv
    bytes.
With --shipped DIR it also checks every DIR/*.json scenario (`shipped-NAME`)
as it is, noise and shocks included (one replicate: they are long).

Cases named in known_failures.txt (one name a line: `seed-N` or a repro
file name; `#` starts a comment) are run but do not fail the check.
Exit status: 0 all checked cases agree, 1 a mismatch, 2 bad usage.
"""

import concurrent.futures
import csv
import functools
import glob
import json
import multiprocessing
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # keep the source tree clean

import gen_scenario  # noqa: E402
import gg1  # noqa: E402
import gg2  # noqa: E402

TOL = 1e-9


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.reader(f))


def ref_tables(doc, max_replicates):
    """The reference's alignment, stocks and noise tables, as lists of
    string rows; whether replicate 0 drew random numbers; the number of
    replicates in the tables: max_replicates if it did, else 1."""
    tables = [[gg1.ALIGNMENT_HEADER], [gg1.STOCKS_HEADER], [gg1.NOISE_HEADER]]
    random_draws, replicates, r = False, 1, 0
    while r < replicates:
        model, shares, stocks = gg2.simulate_any(doc, r)
        if r == 0 and model.rng is not None:
            random_draws, replicates = True, max_replicates
        tables[0] += gg1.alignment_table(model, shares)
        tables[1] += gg1.stocks_table(model, stocks)
        tables[2] += gg1.noise_table(model)
        r += 1
    return tables, random_draws, replicates


def compare_table(what, engine, ref, value_cols, worst):
    """First difference between two tables, or None: the value columns
    may differ by TOL, every other column (run and seed included) must be
    equal. worst[what] is raised to the largest absolute difference seen,
    worst[what + " rel"] to the largest relative one between normal
    (not subnormal) numbers."""
    if engine[0] != ref[0]:
        return "%s: header %s, reference %s" % (what, ",".join(engine[0]), ",".join(ref[0]))
    if len(engine) != len(ref):
        return "%s: %d rows, reference %d" % (what, len(engine) - 1, len(ref) - 1)
    key_cols = [i for i in range(len(ref[0])) if i not in value_cols]
    for line, (e, r) in enumerate(zip(engine, ref), start=1):
        if line == 1 or e == r:  # the same text: no difference
            continue
        if len(e) != len(r) or [e[i] for i in key_cols] != [r[i] for i in key_cols]:
            return "%s line %d: engine %s, reference %s" % (what, line, ",".join(e), ",".join(r))
        for i in value_cols:
            ev, rv = float(e[i]), float(r[i])
            diff = abs(ev - rv)
            worst[what] = max(worst.get(what, 0.0), diff)
            if diff > 0 and min(abs(ev), abs(rv)) >= sys.float_info.min:  # not subnormal
                rel = diff / max(abs(ev), abs(rv))
                worst[what + " rel"] = max(worst.get(what + " rel", 0.0), rel)
            if not diff <= TOL:
                return "%s line %d: engine %s, reference %s (%s differs by %.3g)" % (
                    what,
                    line,
                    ",".join(e),
                    ",".join(r),
                    ref[0][i],
                    diff,
                )
    return None


def check_simplex(alignment):
    """Shares >= 0 and per-state sums constant within 1e-9 (in every run)."""
    sums = {}
    for line, row in enumerate(alignment[1:], start=2):
        run, tick, state, share = row[0], row[2], row[4], float(row[6])
        if not share >= 0.0:
            return "alignment.csv line %d: negative share %s" % (line, row[6])
        sums.setdefault((run, tick, state), 0.0)
        sums[(run, tick, state)] += share
    initial = {(r, st): v for (r, t, st), v in sums.items() if t == "0"}
    for (run, tick, state), total in sorted(sums.items()):
        if abs(total - initial[(run, state)]) > TOL:
            return "alignment.csv: run %s, state %s at tick %s: shares sum to %.17g, %.17g at tick 0" % (
                run,
                state,
                tick,
                total,
                initial[(run, state)],
            )
    return None


def noise_rows(path):
    """The header and the `noise` rows of a utility.csv."""
    with open(path, newline="") as f:
        lines = [next(f)] + [line for line in f if ",noise," in line]
    return [row for row in csv.reader(lines) if row[6] in ("term", "noise")]


def run_engine(greatgame, scenario, out_dir, replicates):
    proc = subprocess.run(
        [greatgame, "run", scenario, "--out", out_dir, "--force", "--quiet",
         "--replicates", str(replicates)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if proc.returncode != 0:
        return "engine exited with %d: %s" % (proc.returncode, proc.stderr.strip())
    return None


def check_case(greatgame, work, name, scenario, worst, max_replicates=2):
    """All checks for one scenario file; an error message or None."""
    with open(scenario, encoding="utf-8") as f:
        doc = json.load(f)
    try:
        (ref_a, ref_s, ref_n), random_draws, replicates = ref_tables(doc, max_replicates)
        worst["random cases"] = int(random_draws)
    except Exception as exc:  # a reference failure is reported, not raised
        return "reference failed: %s: %s" % (type(exc).__name__, exc)
    outs = [os.path.join(work, name + ".out1"), os.path.join(work, name + ".out2")]
    for out in outs:
        err = run_engine(greatgame, scenario, out, replicates)
        if err:
            return err
    for table in ("alignment.csv", "stocks.csv", "utility.csv"):
        with open(os.path.join(outs[0], table), "rb") as f1, open(os.path.join(outs[1], table), "rb") as f2:
            if f1.read() != f2.read():
                return "%s differs between two runs with the same seed" % table
    eng_a = read_csv(os.path.join(outs[0], "alignment.csv"))
    eng_s = read_csv(os.path.join(outs[0], "stocks.csv"))
    eng_n = noise_rows(os.path.join(outs[0], "utility.csv"))
    return (
        compare_table("noise terms", eng_n, ref_n, [7], worst)
        or compare_table("alignment.csv", eng_a, ref_a, [6], worst)
        or compare_table("stocks.csv", eng_s, ref_s, [7, 8], worst)
        or check_simplex(eng_a)
    )


def run_case(greatgame, work, case):
    """check_case for one (name, path) pair: (error or None, largest differences)."""
    worst = {}
    return check_case(greatgame, work, case[0], case[1], worst, case[2]), worst


def run_all(greatgame, work, cases):
    """run_case for every case. The reference is plain Python, so the cases
    are spread over worker processes (threads if processes are not
    available): four per core, at most eight, as a worker spends much of
    its time waiting for the engine's files. The generator's ziggurat
    tables are built first, once, and the forked workers inherit them."""
    gg1.kernel()
    job = functools.partial(run_case, greatgame, work)
    workers = max(1, min(8, 4 * (os.cpu_count() or 1)))
    try:
        ctx = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            return list(pool.map(job, cases, chunksize=4))
    except (ValueError, OSError, NotImplementedError, ImportError):
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            return list(pool.map(job, cases))


def is_scenario(path):
    """Whether a JSON file is a scenario (the shipped folder also holds the
    JSON schema)."""
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    return isinstance(doc, dict) and "states" in doc and "time" in doc


def load_known(path):
    known = set()
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.split("#", 1)[0].strip()
                if line:
                    known.add(line)
    return known


def main(argv):
    if len(argv) < 3 or argv[1] in ("-h", "--help"):
        sys.stderr.write(__doc__)
        return 2
    greatgame, work = argv[1], argv[2]
    count, first, shipped, model = 200, 1, None, 1
    rest = argv[3:]
    while rest:
        if rest[0] == "--gg2":
            model, rest = 2, rest[1:]
            continue
        if len(rest) < 2 or rest[0] not in ("--count", "--first", "--shipped"):
            sys.stderr.write("%s: unknown option\n" % rest[0])
            return 2
        if rest[0] == "--count":
            count = int(rest[1])
        elif rest[0] == "--first":
            first = int(rest[1])
        else:
            shipped = rest[1]
        rest = rest[2:]
    os.makedirs(work, exist_ok=True)
    known = load_known(os.path.join(HERE, "known_failures.txt"))

    cases = []
    for seed in range(first, first + count):
        path = os.path.join(work, "seed-%d.json" % seed)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(gen_scenario.generate(seed, model), f, indent=1)
            f.write("\n")
        cases.append(("seed-%d" % seed, path, 2))
    if model == 2:
        fixed_cases = glob.glob(os.path.join(HERE, "gg2_case_*.json"))
    else:
        fixed_cases = glob.glob(os.path.join(HERE, "case_*.json")) + glob.glob(os.path.join(HERE, "repro_*.json"))
    for path in sorted(fixed_cases):
        cases.append((os.path.basename(path), path, 2))
    if shipped:
        for src in sorted(glob.glob(os.path.join(shipped, "*.json"))):
            if is_scenario(src):
                cases.append(("shipped-" + os.path.basename(src), src, 1))

    failed, expected, fixed = 0, 0, []
    worst = {}
    results = run_all(greatgame, work, cases)
    random_cases = 0
    for (name, path, _), (err, case_worst) in zip(cases, results):
        random_cases += case_worst.pop("random cases", 0)
        for what, diff in case_worst.items():
            if not err:  # the largest differences of the cases that agree
                worst[what] = max(worst.get(what, 0.0), diff)
        if err and name in known:
            expected += 1
            print("known failure %s: %s" % (path, err))
        elif err:
            failed += 1
            print("FAIL %s: %s" % (path, err))
        elif name in known:
            fixed.append(name)
    for name in fixed:
        print("note: %s is listed in known_failures.txt but now agrees" % name)
    print(
        "%d cases: %d agree, %d differ, %d known failures"
        % (len(cases), len(cases) - failed - expected, failed, expected)
    )
    print("%d of them draw random numbers (noise or shocks)" % random_cases)
    print(
        "largest difference (cases that agree): shares %.3g, stocks and efforts %.3g, noise terms %.3g"
        % (worst.get("alignment.csv", 0.0), worst.get("stocks.csv", 0.0), worst.get("noise terms", 0.0))
    )
    print(
        "largest relative difference: shares %.3g, stocks and efforts %.3g, noise terms %.3g"
        % tuple(worst.get(w + " rel", 0.0) for w in ("alignment.csv", "stocks.csv", "noise terms"))
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
