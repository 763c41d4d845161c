# Command-line tests of the shipped scenarios, the schema, explain and compare.
set(GG_BIN $<TARGET_FILE:greatgame>)

# Every shipped scenario passes `greatgame validate`.
file(GLOB GG_SHIPPED_SCENARIOS CONFIGURE_DEPENDS ${GG_SCENARIO_DIR}/*.json)
foreach(f ${GG_SHIPPED_SCENARIOS})
  get_filename_component(n ${f} NAME_WE)
  if(NOT n STREQUAL "schema")
    add_test(NAME validate_scenario_${n} COMMAND greatgame validate ${f})
  endif()
endforeach()

# The JSON Schema (skipped when node is absent).
foreach(mode shipped agree ranges)
  add_test(NAME schema_${mode} COMMAND sh ${GG_TEST_DIR}/schema/run.sh ${mode} ${GG_BIN}
                                       ${GG_SCENARIO_DIR})
  set_tests_properties(schema_${mode} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
endforeach()

# explain: the whole window of the baseline; bad input exits 2.
add_test(NAME explain_cli_baseline
         COMMAND greatgame explain --state KZ --from 2020-03 --to 2030-12)
set_tests_properties(explain_cli_baseline PROPERTIES
                     PASS_REGULAR_EXPRESSION "hedging.*ties.*blocs.*= utility.*share")
add_test(NAME explain_cli_one_tick
         COMMAND greatgame explain ${GG_SCENARIO_DIR}/us_pivot.json --state UZ --tick 12 --seed 3
                 --set states.UZ.noise=0)
set_tests_properties(explain_cli_one_tick PROPERTIES PASS_REGULAR_EXPRESSION "noise +0.000000")
add_test(NAME explain_cli_bad_state
         COMMAND sh -c "\"$1\" explain --state XX 2>&1; test $? -eq 2" sh ${GG_BIN})
set_tests_properties(explain_cli_bad_state PROPERTIES PASS_REGULAR_EXPRESSION "^--state")
add_test(NAME explain_cli_bad_tick
         COMMAND sh -c "\"$1\" explain --state KZ --tick 2040-01; test $? -eq 2" sh ${GG_BIN})

# compare: the US pivot raises the US regional share at the end (CSV column
# diff_end of the region/US row), and bad input writes nothing.
set(GG_CMP_CSV ${CMAKE_CURRENT_BINARY_DIR}/compare_us_pivot.csv)
add_test(NAME compare_cli_us_pivot
         COMMAND sh -c "rm -f \"$3\" && \"$1\" compare \"$2/central_asia_2020.json\" \"$2/us_pivot.json\" --replicates 4 --quiet --out \"$3\" >/dev/null && awk -F, '$1==\"region\" && $2==\"US\" { found=1; if ($6 > 0) ok=1 } END { exit !(found && ok) }' \"$3\""
                 sh ${GG_BIN} ${GG_SCENARIO_DIR} ${GG_CMP_CSV})
add_test(NAME compare_cli_bad_input_writes_nothing
         COMMAND sh -c "rm -f \"$3\"; \"$1\" compare \"$2/central_asia_2020.json\" \"$2/history_2013.json\" --out \"$3\"; rc=$?; test $rc -eq 2 && test ! -e \"$3\""
                 sh ${GG_BIN} ${GG_SCENARIO_DIR} ${CMAKE_CURRENT_BINARY_DIR}/compare_bad.csv)
add_test(NAME compare_cli_help COMMAND greatgame compare --help)
set_tests_properties(compare_cli_help PROPERTIES PASS_REGULAR_EXPRESSION "usage: greatgame compare")
add_test(NAME explain_cli_help COMMAND greatgame explain --help)
set_tests_properties(explain_cli_help PROPERTIES PASS_REGULAR_EXPRESSION "usage: greatgame explain")
