# Command-line tests of `greatgame backtest`: the shipped observed data on
# history_2013.json with scores.csv recomputed from forecasts.csv by an
# independent Python script, the baseline (no overlap: nothing to score), and
# a bad observed file refused with FILE:LINE, exit 2 and nothing written.
# Each test is a small sh script: $1 the program, $2 the source tree, $3 a
# scratch folder of its own, $4 python3.
find_package(Python3 COMPONENTS Interpreter QUIET)
set(GG_BT_TMP ${CMAKE_CURRENT_BINARY_DIR}/backtest_cli)

function(gg_backtest_cli_test name script)
  add_test(NAME ${name}
           COMMAND sh -c "${script}" sh $<TARGET_FILE:greatgame> ${PROJECT_SOURCE_DIR}
                   ${GG_BT_TMP}/${name} ${Python3_EXECUTABLE})
  set_tests_properties(${name} PROPERTIES TIMEOUT 300)
endfunction()

gg_backtest_cli_test(backtest_cli_scores [[
W="$3"
PY="${4:-python3}"
rm -rf "$W" && mkdir -p "$W" || exit 1
"$1" backtest "$2/scenarios/history_2013.json" --observed "$2/scenarios/observed/observed.csv" \
  --fit-until 2016 --out "$W/h" > "$W/stdout" 2> "$W/stderr" || exit 1
grep -q '^  all ' "$W/stdout" || exit 1
"$PY" "$2/tests/analysis/check_backtest_scores.py" "$W/h" || exit 1
"$1" backtest "$2/scenarios/history_2013.json" --observed "$2/scenarios/observed/observed.csv" \
  --fit-until 2016 --leave-out TJ --out "$W/l" > /dev/null 2>&1 || exit 1
"$PY" "$2/tests/analysis/check_backtest_scores.py" "$W/l" || exit 1
# a second run into the same folder is refused without --force
"$1" backtest "$2/scenarios/history_2013.json" --observed "$2/scenarios/observed/observed.csv" \
  --fit-until 2016 --out "$W/h" > /dev/null 2> "$W/err2"
test $? -eq 1 || exit 1
grep -q 'use --force' "$W/err2" || exit 1
# the baseline starts in 2020, the UN data end in 2019: nothing to score
"$1" backtest "$2/scenarios/central_asia_2020.json" --observed "$2/scenarios/observed/observed.csv" \
  --fit-until 2019 --out "$W/b" > "$W/bstdout" 2> "$W/bstderr" || exit 1
grep -q 'nothing to score' "$W/bstderr" || exit 1
"$PY" "$2/tests/analysis/check_backtest_scores.py" "$W/b"
]])

gg_backtest_cli_test(backtest_cli_bad_observed [[
W="$3"
rm -rf "$W" && mkdir -p "$W" || exit 1
printf 'date,state,indicator,partner,value\n2014,KZ,remittances_gdp,,1\n2015,KZ,remittances_gdp,,x\n' > "$W/bad.csv"
"$1" backtest "$2/scenarios/history_2013.json" --observed "$W/bad.csv" --fit-until 2014 \
  --out "$W/out" > "$W/stdout" 2> "$W/stderr"
test $? -eq 2 || exit 1
test "$(cat "$W/stderr")" = "$W/bad.csv:3: value \"x\" is not a number" || {
  cat "$W/stderr"
  exit 1
}
test ! -e "$W/out"
]])

# The history from 2005 (its start from observations), at the two split
# years of docs/validation.md and with a state left out: scores recomputed
# from forecasts.csv; the measurement model's fitted lines in measurement.csv.
gg_backtest_cli_test(backtest_cli_history_2005 [[
W="$3"
PY="${4:-python3}"
rm -rf "$W" && mkdir -p "$W" || exit 1
for y in 2012 2016; do
  "$1" backtest "$2/scenarios/history_2005.json" --observed "$2/scenarios/observed/observed.csv" \
    --fit-until $y --out "$W/h$y" > "$W/stdout$y" 2> "$W/stderr$y" || exit 1
  "$PY" "$2/tests/analysis/check_backtest_scores.py" "$W/h$y" || exit 1
  grep -q '^un_agreement,US,logit,share,' "$W/h$y/measurement.csv" || exit 1
  grep -q '"measurement_source":.*"scenario"' "$W/h$y/manifest.json" || exit 1
done
"$1" backtest "$2/scenarios/history_2005.json" --observed "$2/scenarios/observed/observed.csv" \
  --fit-until 2012 --leave-out KG --out "$W/l" > /dev/null 2>&1 || exit 1
"$PY" "$2/tests/analysis/check_backtest_scores.py" "$W/l"
]])

# run --out writes indicators.csv when the scenario has a measurement
# section; every value recomputed from alignment.csv and stocks.csv by an
# independent script (every term kind and link, two replicates, a withdraw
# event), and for the shipped history.
gg_backtest_cli_test(measurement_indicators [[
W="$3"
PY="${4:-python3}"
rm -rf "$W" && mkdir -p "$W" || exit 1
"$1" run "$2/tests/analysis/measured.json" --replicates 2 --out "$W/m" -q || exit 1
"$PY" "$2/tests/analysis/check_indicators.py" "$2/tests/analysis/measured.json" "$W/m" || exit 1
grep -q '"indicators.csv"' "$W/m/manifest.json" || exit 1
"$1" run "$2/scenarios/history_2005.json" --out "$W/h" -q || exit 1
"$PY" "$2/tests/analysis/check_indicators.py" "$2/scenarios/history_2005.json" "$W/h" || exit 1
# without a measurement section: no indicators.csv
"$1" run "$2/scenarios/central_asia_2020.json" --out "$W/b" -q || exit 1
test ! -e "$W/b/indicators.csv"
]])

# Free parameters fitted with the measurement model on the years up to the
# split: the fitted values lie within their intervals and are recorded; the
# scores are still recomputable; bad --param values are refused with exit 2,
# one line, and nothing written.
gg_backtest_cli_test(backtest_cli_free_params [[
W="$3"
PY="${4:-python3}"
rm -rf "$W" && mkdir -p "$W" || exit 1
S="$2/scenarios/history_2005.json"
O="$2/scenarios/observed/observed.csv"
"$1" backtest "$S" --observed "$O" --fit-until 2012 --param 'states.*.decisiveness=0.3:3' \
  --starts 2 --threads 1 --out "$W/f" > "$W/out" 2> "$W/err" || exit 1
"$PY" "$2/tests/analysis/check_backtest_scores.py" "$W/f" || exit 1
"$PY" - "$W/f/manifest.json" <<'PY' || exit 1
import json, sys
m = json.load(open(sys.argv[1]))
fp = m["free_parameters"]
assert len(fp) == 1 and fp[0]["path"] == "states.*.decisiveness", fp
assert 0.3 <= fp[0]["value"] <= 3, fp
assert m["fit_loss"] >= 0
PY
grep -q '^  fitted states\.\*\.decisiveness = ' "$W/out" || exit 1
check() { # expected message, then the arguments
  msg="$1"; prog="$2"; shift 2
  "$prog" backtest "$S" --observed "$O" --fit-until 2012 "$@" --out "$W/bad" > /dev/null 2> "$W/e"
  rc=$?
  [ $rc -eq 2 ] || { echo "exit $rc for $*"; return 1; }
  [ "$(cat "$W/e")" = "$msg" ] || { echo "got: $(cat "$W/e")"; echo "want: $msg"; return 1; }
  [ ! -e "$W/bad" ] || { echo "$W/bad written"; return 1; }
}
P="$1"
set -- "$P"
check '--param states.KZ.decisivenes=0.3:3: states.KZ.decisivenes: unknown parameter path; did you mean "states.KZ.decisiveness"?' "$P" --param 'states.KZ.decisivenes=0.3:3' || exit 1
check '--param states.KZ.decisiveness is given twice' "$P" --param 'states.KZ.decisiveness=0.3:3' --param 'states.KZ.decisiveness=1:2' || exit 1
]])

# docs/validation.md's tables are what scripts/validation_tables.py prints
# from the current program and data.
if(Python3_FOUND)
  add_test(NAME docs_validation_tables
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/validation_tables.py
                   $<TARGET_FILE:greatgame> --check ${PROJECT_SOURCE_DIR}/docs/validation.md)
  set_tests_properties(docs_validation_tables PROPERTIES TIMEOUT 600)
endif()

# The GG-2 measurement terms (ties, dependence, hedging) in indicators.csv
# equal the independent GG-2 reference's, on three generated scenarios.
if(Python3_FOUND)
  add_test(NAME measurement_gg2_terms
           COMMAND sh -c "for s in 7 12 33; do \"$2\" \"$3\" \"$1\" $s \"$4\" || exit 1; done" sh
                   $<TARGET_FILE:greatgame> ${Python3_EXECUTABLE}
                   ${PROJECT_SOURCE_DIR}/tests/analysis/check_gg2_terms.py
                   ${CMAKE_CURRENT_BINARY_DIR}/measurement_gg2)
  set_tests_properties(measurement_gg2_terms PROPERTIES TIMEOUT 300)
endif()
