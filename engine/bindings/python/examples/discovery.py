"""Scenario discovery in Python (docs/python.md, "A discovery study"): which
Chinese investment budgets and which Eurasian Economic Union lead to a
Chinese share of Kazakhstan's alignment of at least 0.13 in January 2031?

    python3 discovery.py SCENARIO [OUT]   # writes into OUT (default: out-discovery)

SCENARIO is the Central Asia baseline file (scenarios/central_asia_2020.json).
The files in OUT/sweep and OUT/box are byte for byte those of

    greatgame sweep SCENARIO --param powers.CN.budget.investment=100:700 \\
        --factor blocs.EEU.enabled=0,1 --design lhs --samples 200 \\
        --metric final.KZ.CN --metric final.KZ.RU --out OUT/sweep
    greatgame discover OUT/sweep --metric final.KZ.CN --where 'final.KZ.CN>=0.13' \\
        --out OUT/box

(manifest.json apart from its command line and times; the program also
draws discover.png, which the module leaves to matplotlib: OUT/discover.png).
"""
import os
import sys

import greatgame as gg

if len(sys.argv) < 2:
    sys.exit("usage: python3 discovery.py SCENARIO [OUT]")
scenario_file = sys.argv[1]
out = sys.argv[2] if len(sys.argv) > 2 else "out-discovery"
os.makedirs(out, exist_ok=True)

# 1. Load the scenario.
base = gg.load(scenario_file)
print("%s: Chinese investment budget %.1f USD m a month" % (
    base.info()["name"], base.get("powers.CN.budget.investment")))

# 2. Sweep the budget (a number) and whether the EEU exists (a categorical
#    factor: the bloc, with the join and leave events that name it).
sweep = gg.sweep(params=["powers.CN.budget.investment=100:700"],
                 factors=["blocs.EEU.enabled=0,1"], design="lhs", samples=200,
                 metrics=["final.KZ.CN", "final.KZ.RU"], scenario=base,
                 out=os.path.join(out, "sweep"))
runs = sweep.runs.merge(sweep.design, on="sample")
print(runs.groupby("blocs.EEU.enabled")["final.KZ.CN"].describe()[["count", "mean", "min", "max"]]
      .round(4))

# 3. PRIM: the box of inputs where the share reaches 0.13.
box = gg.discover(os.path.join(out, "sweep"), metric="final.KZ.CN", where="final.KZ.CN>=0.13",
                  out=os.path.join(out, "box"))
print("%d of %d runs reach 0.13; the chosen box (%d) covers %.2f of them with density %.2f" % (
    box.interesting, box.runs, box.chosen, box.coverage, box.density))
print(box.box.to_string(index=False))

# 4. Plot the coverage-density trajectory (matplotlib, if installed).
try:
    import matplotlib  # noqa: F401
except ImportError:
    print("matplotlib is not installed: no plot (Debian: apt install python3-matplotlib)")
else:
    print("wrote", gg.plot_discover(box, os.path.join(out, "discover.png")))
