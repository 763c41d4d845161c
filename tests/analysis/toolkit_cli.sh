#!/bin/sh
# The toolkit's command-line messages, word for word: each guard rail of
# sweep and sensitivity, the factors, the metrics and discover. Errors exit
# with status 2 and write nothing; warnings leave the exit status 0.
# usage: toolkit_cli.sh GREATGAME WORKDIR SCENARIO_DIR
set -eu
gg=$1
work=$2
scen=$3
rm -rf "$work"
mkdir -p "$work"
fail() {
  echo "toolkit_cli: $*" >&2
  exit 1
}
# expect STATUS "EXACT STDERR" ARGS...: the status and the whole of stderr.
expect() {
  want_rc=$1
  want=$2
  shift 2
  set +e
  "$gg" "$@" >"$work/out.txt" 2>"$work/err.txt"
  rc=$?
  set -e
  [ "$rc" -eq "$want_rc" ] || fail "exit $rc, expected $want_rc: $*: $(cat "$work/err.txt")"
  printf '%s\n' "$want" >"$work/want.txt"
  if ! cmp -s "$work/want.txt" "$work/err.txt"; then
    echo "toolkit_cli: $*: expected on stderr:" >&2
    cat "$work/want.txt" >&2
    echo "got:" >&2
    cat "$work/err.txt" >&2
    exit 1
  fi
  if [ "$want_rc" -ne 0 ] && [ -e "$work/o" ]; then fail "output written on bad input: $*"; fi
  rm -rf "$work/o"
}
p="--param states.KZ.noise=0:0.1"
o="--out $work/o --quiet"
# Guard rails of the parameters.
expect 2 "--param states.KZ.noise: given twice" sweep $p $p $o
expect 2 "--param states.*.noise: overlaps states.KZ.noise (both would set the same parameter)" \
  sweep $p --param 'states.*.noise=0:0.2' $o
expect 2 "--param states.KZ.noise: also given as --set states.KZ.noise=0.05 (a parameter is either fixed or swept)" \
  sweep $p --set states.KZ.noise=0.05 $o
expect 2 "--param states.KZ.noise: LO equals HI, so nothing varies (fix a value with --set)" \
  sweep --param states.KZ.noise=0.1:0.1 $o
expect 2 "--param states.KZ.noise: given twice" sensitivity $p $p $o
# Warnings: the run goes on.
expect 0 "warning: --samples 100: not a power of two; Sobol points are balanced only at powers of two (e.g. 64)" \
  sweep $p --design sobol --samples 100 --metric final.KZ.CN $o
# eFAST.
expect 2 "--samples 64: efast needs more than 64 points per parameter" \
  sensitivity $p --method efast --samples 64 $o
"$gg" sensitivity $p --factor blocs.EEU.enabled=0,1 --method efast --samples 65 --metric final.KZ.CN \
  --out "$work/ef" --quiet >/dev/null || fail "sensitivity --method efast failed"
head -1 "$work/ef/indices.csv" | grep -qx 'metric,param,S1,S1_conf,ST,ST_conf' || fail "efast indices.csv header"
[ "$(wc -l <"$work/ef/indices.csv")" -eq 3 ] || fail "efast indices.csv: expected 2 rows"
grep -q '^final.KZ.CN,blocs.EEU.enabled,' "$work/ef/indices.csv" || fail "efast: no row for the factor"
# Factors.
expect 2 "--factor powers.XX.strategy: unknown power \"XX\" (the scenario has US, CN, RU)" \
  sweep --factor powers.XX.strategy=fixed,contest $o
expect 2 "--factor powers.CN.strategy=fixed,bold: level \"bold\": expected fixed or contest" \
  sweep --factor powers.CN.strategy=fixed,bold $o
expect 2 "--factor powers.CN.strategy=fixed: a factor needs at least 2 levels" \
  sweep --factor powers.CN.strategy=fixed $o
expect 2 "--factor blocs.EEU.enabled=0,1,1: level \"1\" is given twice" \
  sweep --factor blocs.EEU.enabled=0,1,1 $o
expect 2 "--factor events.40.enabled: the scenario has 7 events (number them from 1)" \
  sweep --factor events.40.enabled=0,1 $o
good=$(dirname "$0")/../good
expect 2 "--factor: the scenario with scenario=$good/minimal.json has other states or powers than the sweep's scenario (metrics would not match)" \
  sweep --factor "scenario=$scen/central_asia_2020.json,$good/minimal.json" $o
expect 2 "--param: at least one PATH=LO:HI (or a --factor) is required (see greatgame sweep --help)" \
  sweep $o
# Metrics: did you mean, dates, thresholds.
expect 2 "--metric final.KZZ.CN: unknown state \"KZZ\"; did you mean \"KZ\"?" sweep $p --metric final.KZZ.CN $o
expect 2 "--metric stock.KZ.CN.investmnt: unknown channel \"investmnt\"; did you mean \"investment\"?" \
  sweep $p --metric stock.KZ.CN.investmnt $o
expect 2 "--metric at.KZ.CN@2040-01: the date must lie from 2020-02 to 2031-01 (ticks 0 to 131)" \
  sweep $p --metric at.KZ.CN@2040-01 $o
expect 2 "--metric first.KZ.CN>=2: expected a share from 0 to 1 after >=, got \"2\"" \
  sweep $p --metric 'first.KZ.CN>=2' $o
# A sweep with a factor, then discover.
"$gg" sweep --param 'powers.CN.budget.investment=100:700' --factor blocs.EEU.enabled=0,1 \
  --design lhs --samples 64 --metric final.KZ.CN --out "$work/sw" --quiet >/dev/null
head -1 "$work/sw/design.csv" | grep -qx 'sample,powers.CN.budget.investment,blocs.EEU.enabled' ||
  fail "design.csv header: $(head -1 "$work/sw/design.csv")"
expect 2 "--metric final.KZ.RU: not a metric of the sweep in $work/sw (it has final.KZ.CN)" \
  discover "$work/sw" --metric final.KZ.RU --where 'final.KZ.RU>=0.5' --out "$work/o"
expect 2 "--where final.KZ.CN=0.5: expected final.KZ.CN>=X, final.KZ.CN<=X, final.KZ.CN>X or final.KZ.CN<X" \
  discover "$work/sw" --metric final.KZ.CN --where 'final.KZ.CN=0.5' --out "$work/o"
expect 2 "--where final.KZ.CN>=0.9: none of the 64 runs meets it; nothing to discover" \
  discover "$work/sw" --metric final.KZ.CN --where 'final.KZ.CN>=0.9' --out "$work/o"
expect 2 "--peel 0.6: expected a share above 0 and below 0.5" \
  discover "$work/sw" --metric final.KZ.CN --where 'final.KZ.CN>=0.13' --peel 0.6 --out "$work/o"
expect 2 "$work/nothing/manifest.json: cannot open: No such file or directory" \
  discover "$work/nothing" --metric final.KZ.CN --where 'final.KZ.CN>=0.13' --out "$work/o"
mkdir -p "$work/damaged"
cp "$work/sw/design.csv" "$work/sw/runs.csv" "$work/sw/manifest.json" "$work/damaged/"
printf '0,0,1,ok,,abc\n' >>"$work/damaged/runs.csv"
expect 2 "$work/damaged/runs.csv line 66: final.KZ.CN is not a number" \
  discover "$work/damaged" --metric final.KZ.CN --where 'final.KZ.CN>=0.13' --out "$work/o"
"$gg" discover "$work/sw" --metric final.KZ.CN --where 'final.KZ.CN>=0.13' --out "$work/d" >/dev/null
for f in trajectory.csv box.csv manifest.json; do
  [ -s "$work/d/$f" ] || fail "discover wrote no $f"
done
head -1 "$work/d/box.csv" | grep -qx 'input,kind,lo,hi,levels,restricted,quasi_p' || fail "box.csv header"
expect 1 "--out $work/d: already holds results (manifest.json); use --force to replace them" \
  discover "$work/sw" --metric final.KZ.CN --where 'final.KZ.CN>=0.13' --out "$work/d"
"$gg" discover "$work/sw" --metric final.KZ.CN --where 'final.KZ.CN>=0.13' --out "$work/d" --force >/dev/null
# compare: effect sizes against a sweep's spread.
expect 2 "--design $work/nothing/summary.csv: cannot open: No such file or directory" \
  compare "$scen/central_asia_2020.json" "$scen/us_pivot.json" --replicates 2 --design "$work/nothing" --quiet
"$gg" compare "$scen/central_asia_2020.json" "$scen/us_pivot.json" --replicates 2 --design "$work/sw" \
  --quiet >"$work/cmp.txt" || fail "compare --design failed"
grep -q '^KZ       CN .* [+-][0-9.]*$' "$work/cmp.txt" || fail "compare --design: no effect for KZ CN"
grep -q '^KZ       US .* -$' "$work/cmp.txt" || fail "compare --design: KZ US should have no effect"
# A sweep with a factor split into shards and merged gives the files of the whole sweep.
a="--param states.KZ.noise=0:0.1 --factor powers.CN.strategy=fixed,contest --design lhs --samples 8 --block-runs 2 --metric final.KZ.CN"
"$gg" sweep $a --shard 0/2 --out "$work/sh0" --quiet >/dev/null
"$gg" sweep $a --shard 1/2 --out "$work/sh1" --quiet >/dev/null
"$gg" merge "$work/shm" "$work/sh0" "$work/sh1" >/dev/null
"$gg" sweep $a --out "$work/whole" --quiet >/dev/null
for f in design.csv runs.csv summary.csv scenario.json; do
  cmp -s "$work/whole/$f" "$work/shm/$f" || fail "merged $f differs from the whole sweep's"
done
# --force starts over; without it a folder with results is refused.
expect 1 "--out $work/whole: already holds results (use --resume to finish an interrupted sweep, --force to start over, or another folder)" \
  sweep $a --out "$work/whole" --quiet
"$gg" sweep $a --out "$work/whole" --quiet --force >/dev/null || fail "sweep --force failed"
expect 2 "--trajectory: unknown option; did you mean --trajectories? (see greatgame sweep --help)" \
  sweep $a --trajectory --out "$work/o"
# --trajectories=KINDS: the rows of each kind equal those of run --out for
# the same run (run --from-sweep), value for value, bit for bit.
expect 2 "--trajectories=shares,stock: \"stock\": expected shares, stocks, indicators or ties (comma-separated)" \
  sweep $p --trajectories=shares,stock $o
# rows of sample $2, replicate $3 of a sweep's file $1 without those two
# columns, against the rows of a run's file $4 without its run column
same_rows() {
  awk -F, -v s="$2" -v r="$3" 'NR > 1 && $1 == s && $2 == r { sub(/^[^,]*,[^,]*,/, ""); print }' "$1" >"$work/a.txt"
  awk 'NR > 1 { sub(/^[^,]*,/, ""); print }' "$4" >"$work/b.txt"
  [ -s "$work/a.txt" ] || fail "$1: no rows of sample $2, replicate $3"
  cmp -s "$work/a.txt" "$work/b.txt" || fail "$1: the rows of sample $2, replicate $3 differ from $4"
}
"$gg" sweep "$scen/history_2005.json" --param 'powers.CN.budget.investment=100:600' --design lhs \
  --samples 3 --replicates 2 --trajectories=shares,stocks,indicators --out "$work/tr" --quiet >/dev/null ||
  fail "sweep --trajectories=shares,stocks,indicators failed"
"$gg" run --from-sweep "$work/tr" --sample 2 --replicate 1 --out "$work/tr_run" --quiet ||
  fail "run --from-sweep of the trajectories sweep failed"
same_rows "$work/tr/trajectories.csv" 2 1 "$work/tr_run/alignment.csv"
same_rows "$work/tr/trajectories_stocks.csv" 2 1 "$work/tr_run/stocks.csv"
same_rows "$work/tr/trajectories_indicators.csv" 2 1 "$work/tr_run/indicators.csv"
head -1 "$work/tr/trajectories_stocks.csv" | grep -qx 'sample,replicate,seed,tick,date,state,power,channel,stock,effort' ||
  fail "trajectories_stocks.csv header"
"$gg" sweep "$scen/central_asia_2020_gg2.json" --param 'states.KZ.noise=0:0.1' --design lhs --samples 2 \
  --trajectories=ties --out "$work/tt" --quiet >/dev/null || fail "sweep --trajectories=ties failed"
"$gg" run --from-sweep "$work/tt" --sample 1 --out "$work/tt_run" --quiet || fail "run --from-sweep (GG-2) failed"
same_rows "$work/tt/trajectories_ties.csv" 1 0 "$work/tt_run/ties.csv"
[ ! -e "$work/tt/trajectories.csv" ] || fail "--trajectories=ties wrote the shares too"
# compare says what its interval measures.
"$gg" compare "$scen/central_asia_2020.json" "$scen/us_pivot.json" --replicates 2 --quiet >"$work/cmp2.txt" ||
  fail "compare failed"
head -1 "$work/cmp2.txt" | grep -q '; WHATIF - BASE, 95% CI of the Monte Carlo error of paired runs (\* excludes 0)$' ||
  fail "compare: the interval is not labelled as the Monte Carlo error of paired runs: $(head -1 "$work/cmp2.txt")"
# A calibrated value at an end of its interval is not identified ("bound"),
# without a standard error.
"$gg" calibrate "$scen/central_asia_2020.json" --targets "$scen/targets/central_asia_example.csv" \
  --param 'states.*.responsiveness=0.01:0.012' --starts 1 --method lm --out "$work/calb" \
  >"$work/calb.txt" 2>"$work/calb.err" || fail "calibrate at a bound failed"
grep -q '^states\.\*\.responsiveness,[0-9.e-]*,nan,0\.01,0\.012,bound$' "$work/calb/fit.csv" ||
  fail "calibrate: a value at its bound is not reported as bound: $(sed -n 2p "$work/calb/fit.csv")"
grep -q 'states\.\*\.responsiveness .* -  *- *NO: at an end of its interval$' "$work/calb.txt" ||
  fail "calibrate: the table does not say the value is at an end: $(grep responsiveness "$work/calb.txt")"
grep -q '^warning: states\.\*\.responsiveness: the fitted value [0-9.e-]* sits at an end of its interval \[0\.01, 0\.012\]: not identified (the targets push it further; widen the interval or drop it)$' "$work/calb.err" ||
  fail "calibrate: no warning for a value at its bound: $(cat "$work/calb.err")"
# compare --out DIR: compare.csv and manifest.json; the folder rules of run --out.
"$gg" compare "$scen/central_asia_2020.json" "$scen/us_pivot.json" --replicates 2 --design "$work/sw" \
  --quiet --out "$work/cmpdir" >/dev/null || fail "compare --out DIR failed"
head -1 "$work/cmpdir/compare.csv" | grep -q ',diff_mean_hi,effect$' || fail "compare.csv: no effect column"
grep -q '"kind":[[:space:]]*"compare"' "$work/cmpdir/manifest.json" || fail "compare: manifest kind"
expect 1 "--out $work/cmpdir: already holds results (manifest.json); use --force to overwrite" \
  compare "$scen/central_asia_2020.json" "$scen/us_pivot.json" --replicates 2 --quiet --out "$work/cmpdir"
"$gg" compare "$scen/central_asia_2020.json" "$scen/us_pivot.json" --replicates 2 --quiet \
  --out "$work/cmpdir" --force >/dev/null || fail "compare --out DIR --force failed"
head -1 "$work/cmpdir/compare.csv" | grep -q ',diff_mean_hi$' || fail "compare --force: old effect column kept"
expect 2 "--force: only with --out DIR (a folder that may hold results)" \
  compare "$scen/central_asia_2020.json" "$scen/us_pivot.json" --force --out "$work/o.csv"
# A fan chart shows one input: a sweep of two is refused (where plot is built).
if "$gg" plot --help >/dev/null 2>&1; then
  expect 2 "--kind fan: $work/sw varies 2 inputs (powers.CN.budget.investment,blocs.EEU.enabled); a fan chart needs a sweep of one parameter or factor (plot runs.csv against design.csv for more)" \
    plot "$work/sw" --kind fan --out "$work/o/fan.png"
  [ ! -e "$work/o/fan.png" ] || fail "plot wrote a fan chart of two inputs"
fi
echo "toolkit_cli: ok"
