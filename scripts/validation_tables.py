#!/usr/bin/env python3
"""Run GG-1's backtests of docs/validation.md and print its tables.

    python3 scripts/validation_tables.py GREATGAME [--check docs/validation.md]

GREATGAME is the built program (e.g. build/engine/cli/greatgame). The
backtests: scenarios/history_2005.json against scenarios/observed/observed.csv
fitted up to 2012 and up to 2016; each state left out in turn; and the same
two splits with two judgment parameters fitted too (decisiveness and
responsiveness of every state, 4 starts, 1 thread). The tables go to standard
output between the markers the page uses; with --check, the page's block is
compared with them and the script exits 1 when it is stale.
"""
import csv
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIO = "scenarios/history_2005.json"
SCENARIO_GG2 = "scenarios/history_2005_gg2.json"
OBSERVED = "scenarios/observed/observed.csv"
SPLITS = (2012, 2016)
STATES = ("KZ", "KG", "TJ", "TM", "UZ")
FREE = ("states.*.decisiveness=0.3:3", "states.*.responsiveness=0.01:0.2")
BEGIN = "<!-- validation tables: begin (scripts/validation_tables.py) -->"
END = "<!-- validation tables: end -->"


def backtest(prog, out, split, extra=(), scenario=SCENARIO):
    cmd = [prog, "backtest", scenario, "--observed", OBSERVED, "--fit-until", str(split),
           "--out", out, *extra]
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    with open(os.path.join(out, "scores.csv"), newline="") as f:
        return list(csv.DictReader(f))


def fmt(v, digits=3):
    if v in ("", "nan"):
        return "–"
    x = float(v)
    return f"{x:+.{digits}f}" if digits == 3 else f"{x:.{digits}g}"


def command(split, extra=()):
    parts = ["greatgame backtest", SCENARIO, "--observed", OBSERVED, "--fit-until", str(split)]
    parts += [f"'{e}'" if "*" in e else e for e in extra]
    return " ".join(parts + ["--out", f"out/bt{split}"])


def tables(prog):
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        full = {y: backtest(prog, os.path.join(tmp, f"f{y}"), y) for y in SPLITS}
        lines.append("**By indicator** (all states; skill above 0 beats the reference):")
        lines.append("")
        lines.append("| split | indicator | n | RMSE | RMSE persistence | RMSE trend | "
                     "skill vs persistence | skill vs trend |")
        lines.append("|---|---|---|---|---|---|---|---|")
        for y in SPLITS:
            for r in full[y]:
                if r["state"] != "all":
                    continue
                name = "pooled (raw units)" if r["indicator"] == "all" else r["indicator"]
                lines.append(f"| {y} | {name} | {r['n']} | {fmt(r['rmse'], 4)} | "
                             f"{fmt(r['rmse_persistence'], 4)} | {fmt(r['rmse_trend'], 4)} | "
                             f"{fmt(r['skill_persistence'])} | {fmt(r['skill_trend'])} |")
        lines.append("")
        lines.append("**By state** (UN agreement; skill vs persistence / vs trend):")
        lines.append("")
        lines.append("| split | " + " | ".join(STATES) + " |")
        lines.append("|---|" + "---|" * len(STATES))
        for y in SPLITS:
            cells = []
            for s in STATES:
                row = [r for r in full[y] if r["indicator"] == "un_agreement" and r["state"] == s]
                cells.append(f"{fmt(row[0]['skill_persistence'])} / {fmt(row[0]['skill_trend'])}"
                             if row else "–")
            lines.append(f"| {y} | " + " | ".join(cells) + " |")
        lines.append("")
        lines.append("**Leave one state out** (fitted without the state, scored on it alone; "
                     "UN agreement, skill vs persistence / vs trend):")
        lines.append("")
        lines.append("| split | " + " | ".join(STATES) + " |")
        lines.append("|---|" + "---|" * len(STATES))
        for y in SPLITS:
            cells = []
            for s in STATES:
                rows = backtest(prog, os.path.join(tmp, f"l{y}{s}"), y, ("--leave-out", s))
                row = [r for r in rows if r["indicator"] == "un_agreement" and r["state"] == s]
                cells.append(f"{fmt(row[0]['skill_persistence'])} / {fmt(row[0]['skill_trend'])}"
                             if row else "–")
            lines.append(f"| {y} | " + " | ".join(cells) + " |")
        lines.append("")
        lines.append("**With two judgment parameters fitted too** (every state's decisiveness "
                     "in [0.3, 3] and responsiveness in [0.01, 0.2]; all states):")
        lines.append("")
        lines.append("| split | indicator | n | skill vs persistence | skill vs trend |")
        lines.append("|---|---|---|---|---|")
        extra = []
        for e in FREE:
            extra += ["--param", e]
        extra += ["--starts", "4", "--threads", "1"]
        for y in SPLITS:
            rows = backtest(prog, os.path.join(tmp, f"p{y}"), y, extra)
            for r in rows:
                if r["state"] != "all" or r["indicator"] == "all":
                    continue
                lines.append(f"| {y} | {r['indicator']} | {r['n']} | "
                             f"{fmt(r['skill_persistence'])} | {fmt(r['skill_trend'])} |")
        lines.append("")
        lines.append("**GG-2 against GG-1** (`history_2005_gg2.json`: the same start, events and "
                     "measurement model, run by GG-2; skill against persistence, all states; "
                     "the pooled row is the criterion GG-2 must pass):")
        lines.append("")
        lines.append("| split | indicator | n | GG-1 | GG-2 | GG-2 better |")
        lines.append("|---|---|---|---|---|---|")
        for y in SPLITS:
            g2 = backtest(prog, os.path.join(tmp, f"g{y}"), y, scenario=SCENARIO_GG2)
            for r in full[y]:
                if r["state"] != "all":
                    continue
                o = [x for x in g2 if x["indicator"] == r["indicator"] and x["state"] == "all"][0]
                a, b = float(r["skill_persistence"]), float(o["skill_persistence"])
                name = "pooled" if r["indicator"] == "all" else r["indicator"]
                better = "yes" if b > a else ("same" if b == a else "no")
                lines.append(f"| {y} | {name} | {r['n']} | {fmt(r['skill_persistence'])} | "
                             f"{fmt(o['skill_persistence'])} | {better} |")
        lines.append("")
        lines.append("**GG-2 against GG-1, each state left out** (pooled skill against "
                     "persistence on the state left out, GG-1 / GG-2):")
        lines.append("")
        lines.append("| split | " + " | ".join(STATES) + " |")
        lines.append("|---|" + "---|" * len(STATES))
        for y in SPLITS:
            cells = []
            for s in STATES:
                pair = []
                for name, sc in (("1", SCENARIO), ("2", SCENARIO_GG2)):
                    rows = backtest(prog, os.path.join(tmp, f"lo{name}{y}{s}"), y,
                                    ("--leave-out", s), scenario=sc)
                    row = [r for r in rows if r["indicator"] == "all" and r["state"] == "all"]
                    pair.append(fmt(row[0]["skill_persistence"]) if row else "–")
                cells.append(" / ".join(pair))
            lines.append(f"| {y} | " + " | ".join(cells) + " |")
        lines.append("")
        lines.append("Commands (one per split; add `--leave-out STATE` or the `--param` "
                     "options above, or use the GG-2 scenario):")
        lines.append("")
        lines.append("```sh")
        for y in SPLITS:
            lines.append(command(y))
        for y in SPLITS:
            lines.append(command(y).replace(SCENARIO, SCENARIO_GG2).replace(f"out/bt{y}",
                                                                            f"out/bt{y}-gg2"))
        lines.append("```")
    return "\n".join([BEGIN, *lines, END])


def main():
    if len(sys.argv) not in (2, 4) or (len(sys.argv) == 4 and sys.argv[2] != "--check"):
        print(__doc__, file=sys.stderr)
        return 2
    text = tables(os.path.abspath(sys.argv[1]))
    if len(sys.argv) == 4:
        with open(sys.argv[3]) as f:
            page = f.read()
        if BEGIN not in page or END not in page:
            print(f"{sys.argv[3]}: no block between the validation-table markers")
            return 1
        block = page[page.index(BEGIN):page.index(END) + len(END)]
        if block != text:
            print(f"{sys.argv[3]}: the tables are stale; rerun scripts/validation_tables.py "
                  "and paste its output")
            return 1
        print("validation tables: current")
        return 0
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
