# Command-line tests of greatgame: the bad-input corpus (tests/bad), the
# valid edge cases (tests/good) and the behaviour of run, validate and params
# (tests/cli/*.sh, POSIX sh). Each script takes the program and a work folder.
set(GG_CLI_WORK ${CMAKE_CURRENT_BINARY_DIR}/cli_work)
add_test(NAME cli_bad_inputs
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/check_bad.sh $<TARGET_FILE:greatgame>
                 ${CMAKE_CURRENT_SOURCE_DIR}/bad ${GG_CLI_WORK}/bad)
set_tests_properties(cli_bad_inputs PROPERTIES TIMEOUT 300)
add_test(NAME cli_good_inputs
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/check_good.sh $<TARGET_FILE:greatgame>
                 ${CMAKE_CURRENT_SOURCE_DIR}/good ${GG_CLI_WORK}/good)
set_tests_properties(cli_good_inputs PROPERTIES TIMEOUT 300)
add_test(NAME cli_usage COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/usage.sh $<TARGET_FILE:greatgame>
                                ${GG_CLI_WORK}/usage)
add_test(NAME cli_run
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/run.sh $<TARGET_FILE:greatgame> ${GG_SCENARIO_DIR}
                 ${CMAKE_CURRENT_SOURCE_DIR}/good ${CMAKE_CURRENT_SOURCE_DIR}/bad ${GG_CLI_WORK}/run)
set_tests_properties(cli_usage cli_run PROPERTIES TIMEOUT 300)
