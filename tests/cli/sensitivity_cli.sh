#!/bin/sh
# greatgame sensitivity end to end on the baseline: Sobol and Morris write
# indices.csv with SALib's columns, and runs.csv in the design's order.
# usage: sensitivity_cli.sh GREATGAME WORKDIR
set -eu
gg=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
p="--param states.KZ.backlash.strength=0:2 --param powers.CN.budget.investment=0:20"
"$gg" sensitivity $p --method sobol --samples 32 --metric final.KZ.CN --metric region.CN \
  --threads 2 --quiet --out "$work/sobol" >"$work/sobol.txt"
test "$(head -n 1 "$work/sobol/indices.csv")" = "metric,param,S1,S1_conf,ST,ST_conf"
test "$(wc -l <"$work/sobol/indices.csv")" -eq 5
# N (D + 2) runs plus the header.
test "$(wc -l <"$work/sobol/runs.csv")" -eq $((32 * 4 + 1))
grep -q "final.KZ.CN" "$work/sobol.txt"

"$gg" sensitivity $p --method sobol --second-order --samples 16 --metric final.KZ.CN \
  --quiet --out "$work/sobol2" >/dev/null
test "$(wc -l <"$work/sobol2/runs.csv")" -eq $((16 * 6 + 1))
test "$(head -n 1 "$work/sobol2/indices2.csv")" = "metric,param1,param2,S2,S2_conf"

"$gg" sensitivity $p --method morris --samples 10 --metric final.KZ.CN --quiet \
  --out "$work/morris" >/dev/null
test "$(head -n 1 "$work/morris/indices.csv")" = "metric,param,mu,mu_star,sigma,mu_star_conf"
test "$(wc -l <"$work/morris/runs.csv")" -eq $((10 * 3 + 1))
echo "sensitivity_cli: ok"
