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
test $? -eq 2 || exit 1
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
