# Command-line tests of `greatgame calibrate`: usage, one-line errors with
# exit status 2 and nothing written, a full run on the baseline with the
# example targets, and identical files whatever the thread count.
# Each test is a small sh script: $1 the program, $2 the source tree, $3 a
# scratch folder of its own. test_calibrate_api (a unit test, listed in
# tests/CMakeLists.txt) runs the program too, to compare its files with the
# library's.
set(GG_CAL_TMP ${CMAKE_CURRENT_BINARY_DIR}/calibrate_cli)
set(GG_CAL_TARGETS ${PROJECT_SOURCE_DIR}/scenarios/targets/central_asia_example.csv)

function(gg_calibrate_cli_test name script)
  add_test(NAME ${name}
           COMMAND sh -c "${script}" sh $<TARGET_FILE:greatgame> ${PROJECT_SOURCE_DIR}
                   ${GG_CAL_TMP}/${name})
  set_tests_properties(${name} PROPERTIES TIMEOUT 300)
endfunction()

gg_calibrate_cli_test(calibrate_cli_help [[
mkdir -p "$3" || exit 1
"$1" calibrate --help > "$3/out" 2> "$3/err" || exit 1
grep -q '^usage: greatgame calibrate' "$3/out" || exit 1
test ! -s "$3/err"
]])

# Bad input: exit 2, one line on stderr starting with the option or file at
# fault, and no output folder.
gg_calibrate_cli_test(calibrate_cli_bad_input [[
fail() {
  echo "$1"
  exit 1
}
G="$1"
W="$3"
rm -rf "$W" && mkdir -p "$W" || exit 1
T="$2/scenarios/targets/central_asia_example.csv"
check() {
  want="$1"
  shift
  "$G" calibrate "$@" --out "$W/out" > "$W/stdout" 2> "$W/stderr"
  rc=$?
  test "$rc" = 2 || fail "exit $rc for: $*"
  test ! -e "$W/out" || fail "output written for: $*"
  test "$(wc -l < "$W/stderr")" = 1 || fail "not one line for: $* ($(cat "$W/stderr"))"
  grep -q "^$want" "$W/stderr" || fail "expected $want for: $* ($(cat "$W/stderr"))"
}
printf 'date_or_tick,state,component,value\n2021-01,XX,RU,0.3\n' > "$W/bad.csv"
printf 'date_or_tick,state,component,value\n2021-01,KZ,RU,0.3\n' > "$W/one.csv"
check "--param" --targets "$T" --param 'states.*.responsivness=0.01:0.3'
check "--param" --targets "$T" --param 'states.*.responsiveness=0.3:0.01'
check "--param" --targets "$T" --param 'states.*.responsiveness=0.01:2'
check "--targets" --param 'states.*.responsiveness=0.01:0.3'
check "--method" --targets "$T" --param 'states.*.responsiveness=0.01:0.3' --method simplex
check "--starts" --targets "$T" --param 'states.*.responsiveness=0.01:0.3' --starts 0
check "--holdout-from" --targets "$T" --param 'states.*.responsiveness=0.01:0.3' --holdout-from 2040-01
check "$W/bad.csv:2: unknown state" --targets "$W/bad.csv" --param 'states.*.responsiveness=0.01:0.3'
check "$W/missing.csv" --targets "$W/missing.csv" --param 'states.*.responsiveness=0.01:0.3'
check "--method lm" --targets "$W/one.csv" --param 'states.*.responsiveness=0.01:0.3' --param 'states.*.backlash.strength=0:4' --method lm
check "--bogus" --targets "$T" --param 'states.*.responsiveness=0.01:0.3' --bogus
check "$W/nothere.json" "$W/nothere.json" --targets "$T" --param 'states.*.responsiveness=0.01:0.3'
# Targets that cannot be observations: a share above 1 or below 0, a
# negative ratio, and two rows for the same date, state and component with
# different values (CN+RU and RU+CN are the same; 2021-01 is tick 11 of the
# default baseline, which starts in February 2020).
printf 'date_or_tick,state,component,value\n2021-01,KZ,RU,0.3\n2021-01,KZ,CN,1.2\n' > "$W/above.csv"
printf 'date_or_tick,state,component,value\n2021-01,KZ,RU,-0.1\n' > "$W/below.csv"
printf 'date_or_tick,state,component,value\n2021-01,KZ,RU/US,-2\n' > "$W/ratio.csv"
printf 'date_or_tick,state,component,value\n2021-01,KZ,CN+RU,0.6\n2021-01,UZ,RU,0.3\n11,KZ,RU+CN,0.7\n' > "$W/conflict.csv"
P='states.*.responsiveness=0.01:0.3'
check "$W/above.csv:3: value 1.2 of CN is not a share" --targets "$W/above.csv" --param "$P"
check "$W/below.csv:2: value -0.1 of RU is not a share" --targets "$W/below.csv" --param "$P"
check "$W/ratio.csv:2: value -2 of the ratio RU/US is negative" --targets "$W/ratio.csv" --param "$P"
check "$W/conflict.csv:4: KZ RU+CN at 2021-01 is 0.7 here but 0.6 on line 2" --targets "$W/conflict.csv" --param "$P"
exit 0
]])

# Targets that are fine: a ratio above 1, a share of exactly 0 or 1, and a
# row repeated with the same value.
gg_calibrate_cli_test(calibrate_cli_targets_accepted [[
rm -rf "$3" && mkdir -p "$3" || exit 1
printf 'date_or_tick,state,component,value\n2021-01,KZ,RU/US,6.4\n2021-01,KZ,RU,0.5\n2021-01,KZ,RU,0.5\n2022-01,TM,autonomy,1\n2022-01,TM,US,0\n' > "$3/t.csv"
"$1" calibrate --targets "$3/t.csv" --param 'states.*.responsiveness=0.01:0.3' --starts 1 \
  --max-iter 5 --quiet --out "$3/out" 2> "$3/err" || { cat "$3/err"; exit 1; }
test -s "$3/out/manifest.json"
]])

# The issue's use case in one command: responsiveness and backlash of the
# baseline against the example targets, with a hold-out.
gg_calibrate_cli_test(calibrate_cli_baseline_example [[
fail() {
  echo "$1"
  exit 1
}
rm -rf "$3" && mkdir -p "$3" || exit 1
"$1" calibrate --targets "$2/scenarios/targets/central_asia_example.csv" \
  --param 'states.*.responsiveness=0.01:0.3' --param 'states.*.backlash.strength=0:4' \
  --starts 3 --holdout-from 2024-01 --method lm --out "$3/out" > "$3/stdout" 2> "$3/stderr" || fail "$(cat "$3/stderr")"
for f in fit.csv starts.csv residuals.csv profile.csv calibration.json scenario.json manifest.json
do
  test -s "$3/out/$f" || fail "missing $f"
done
ls "$3/out" | grep -q tmp && fail "temporary file left"
grep -q 'hold-out from 2024-01' "$3/stdout" || exit 1
grep -q '^states\.\*\.responsiveness,' "$3/out/fit.csv" || exit 1
grep -q '"skill"' "$3/out/calibration.json" || exit 1
"$1" validate "$3/out/scenario.json" > /dev/null || fail "calibrated copy does not validate"
# a second run into the same folder needs --force
"$1" calibrate --targets "$2/scenarios/targets/central_asia_example.csv" \
  --param 'states.*.responsiveness=0.01:0.3' --starts 1 --out "$3/out" > /dev/null 2>&1
test $? = 1 || fail "overwrote results without --force"
exit 0
]])

gg_calibrate_cli_test(calibrate_cli_threads_identical [[
rm -rf "$3" && mkdir -p "$3" || exit 1
for t in 1 3
do
  "$1" calibrate --targets "$2/scenarios/targets/central_asia_example.csv" \
    --param 'states.*.responsiveness=0.01:0.3' --param 'states.*.backlash.strength=0:4' \
    --starts 4 --max-iter 200 --threads $t --quiet --out "$3/t$t" || exit 1
done
for f in fit.csv starts.csv residuals.csv profile.csv scenario.json
do
  cmp "$3/t1/$f" "$3/t3/$f" || exit 1
done
]])

if(TARGET test_calibrate_api)
  target_compile_definitions(test_calibrate_api PRIVATE GG_PROGRAM="$<TARGET_FILE:greatgame>")
  add_dependencies(test_calibrate_api greatgame)
endif()
