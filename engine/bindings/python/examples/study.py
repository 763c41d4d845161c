"""The researcher tutorial's study in Python (docs/tutorial-researchers.md):
a US diplomacy what-if with paired replicates, then a sweep of the US
diplomacy budget, plotted.

    python3 study.py [OUT]      # writes into OUT (default: out-python)

The sweep's files are those of

    greatgame sweep scenarios/central_asia_2020.json \\
        --param powers.US.budget.diplomacy=0:6:7 --replicates 20 \\
        --metric final.KZ.US --metric final.UZ.US --out OUT/sweep
"""
import os
import sys

import greatgame as gg

out = sys.argv[1] if len(sys.argv) > 1 else "out-python"
os.makedirs(out, exist_ok=True)

# 1. Load the baseline and the what-if (three times the US diplomacy budget).
# The tutorial's baseline is the GG-1 one, on which the what-if library is
# built (gg.baseline() gives the default, GG-2 baseline).
here = os.path.dirname(os.path.abspath(__file__))
base = gg.load(os.path.join(here, "..", "..", "..", "..", "scenarios", "central_asia_2020.json"))
pivot = base.copy()
pivot.set("powers.US.budget.diplomacy", 3 * base.get("powers.US.budget.diplomacy"))

# 2. Paired replicates: replicate r of both arms has the same seed.
keys = ["run", "seed", "tick", "date", "state", "component"]
pairs = gg.run(base, replicates=50).merge(gg.run(pivot, replicates=50), on=keys,
                                          suffixes=("_base", "_pivot"), validate="one_to_one")
pairs["diff"] = pairs["share_pivot"] - pairs["share_base"]
last = pairs[(pairs.tick == pairs.tick.max()) & (pairs.component == "US")]
print("US share at the end, what-if minus baseline (50 pairs):")
print(last.groupby("state")["diff"].describe(percentiles=[0.05, 0.95])
      [["count", "mean", "std", "5%", "95%"]].round(4))

# 3. A sweep of the US diplomacy budget, 7 values x 20 replicates.
sweep = gg.sweep(params=["powers.US.budget.diplomacy=0:6:7"], replicates=20, scenario=base,
                 metrics=["final.KZ.US", "final.UZ.US"], out=os.path.join(out, "sweep"))
summary = sweep.summary.merge(sweep.design, on="sample")
print(summary.pivot(index="powers.US.budget.diplomacy", columns="metric", values="mean")
      .round(4))

# 4. Plot the mean final US share against the budget (matplotlib, if installed).
try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    print("matplotlib is not installed: no plot (Debian: apt install python3-matplotlib)")
else:
    fig, ax = plt.subplots(figsize=(6, 4), dpi=100)
    for metric, label in (("final.KZ.US", "Kazakhstan"), ("final.UZ.US", "Uzbekistan")):
        s = summary[summary.metric == metric]
        ax.errorbar(s["powers.US.budget.diplomacy"], s["mean"], yerr=s["sd"], marker="o",
                    capsize=3, label=label)
    ax.set_xlabel("US diplomacy budget (engagement points per tick)")
    ax.set_ylabel("US alignment share, January 2031")
    ax.set_title("Final US share against its diplomacy budget (20 runs each)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(out, "sweep.png"))
    print("wrote", os.path.join(out, "sweep.png"))
