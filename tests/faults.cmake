# Fault tests: output faults, numeric limits, memory limits, signals.
set(GG_FAULTS_DIR ${CMAKE_CURRENT_SOURCE_DIR}/faults)

# Unit tests of the limits and signal helpers (they live in the program's
# sources, so the test compiles them in).
add_executable(test_limits ${GG_FAULTS_DIR}/test_limits.c ${PROJECT_SOURCE_DIR}/engine/cli/limits_cli.c
                           ${PROJECT_SOURCE_DIR}/engine/cli/signals.c ${PROJECT_SOURCE_DIR}/engine/cli/cli.c)
target_include_directories(test_limits PRIVATE ${CMAKE_CURRENT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/engine/cli)
target_link_libraries(test_limits PRIVATE greatgame_static gg_flags)
add_test(NAME test_limits COMMAND test_limits)

add_executable(gen_blocs ${GG_FAULTS_DIR}/gen_blocs.c)
target_link_libraries(gen_blocs PRIVATE greatgame_static gg_flags)

add_test(NAME faults_numeric_limits
         COMMAND sh ${GG_FAULTS_DIR}/numeric_limits.sh $<TARGET_FILE:greatgame> $<TARGET_FILE:gen_blocs>
                 ${CMAKE_CURRENT_BINARY_DIR}/faults_numeric)
add_test(NAME faults_output COMMAND sh ${GG_FAULTS_DIR}/output_faults.sh $<TARGET_FILE:greatgame>
                                    ${CMAKE_CURRENT_BINARY_DIR}/faults_output)
set_tests_properties(faults_numeric_limits faults_output PROPERTIES TIMEOUT 600)

# The interruption and memory-limit tests run once the commands call the
# helpers (engine/cli/signals.h, engine/cli/limits_cli.h).
file(READ ${PROJECT_SOURCE_DIR}/engine/cli/cmd_run.c GG_CMD_RUN_TEXT)
string(FIND "${GG_CMD_RUN_TEXT}" "gg_cli_signals_install" GG_RUN_HAS_SIGNALS)
if(GG_RUN_HAS_SIGNALS GREATER -1)
  add_test(NAME faults_signals_run COMMAND sh ${GG_FAULTS_DIR}/signals_run.sh $<TARGET_FILE:greatgame>
                                           ${CMAKE_CURRENT_BINARY_DIR}/faults_signals_run)
  set_tests_properties(faults_signals_run PROPERTIES TIMEOUT 300)
endif()
string(FIND "${GG_CMD_RUN_TEXT}" "gg_cli_check_memory" GG_RUN_HAS_MEMORY)
if(GG_RUN_HAS_MEMORY GREATER -1)
  add_test(NAME faults_memory_limit COMMAND sh ${GG_FAULTS_DIR}/memory_limit.sh $<TARGET_FILE:greatgame>
                                            ${CMAKE_CURRENT_BINARY_DIR}/faults_memory_limit)
endif()
file(READ ${PROJECT_SOURCE_DIR}/engine/cli/cmd_sweep.c GG_CMD_SWEEP_TEXT)
string(FIND "${GG_CMD_SWEEP_TEXT}" "gg_cli_signals_install" GG_SWEEP_HAS_SIGNALS)
if(GG_SWEEP_HAS_SIGNALS GREATER -1)
  add_test(NAME faults_signals_sweep COMMAND sh ${GG_FAULTS_DIR}/signals_sweep.sh $<TARGET_FILE:greatgame>
                                             ${CMAKE_CURRENT_BINARY_DIR}/faults_signals_sweep)
  set_tests_properties(faults_signals_sweep PROPERTIES TIMEOUT 300)
endif()

# Bounded reading: pipes, devices and folders refused at once, the size
# limit on scenario files, standard input with "-".
add_test(NAME faults_bounded_input COMMAND sh ${GG_FAULTS_DIR}/bounded_input.sh $<TARGET_FILE:greatgame>
                                           ${CMAKE_CURRENT_BINARY_DIR}/faults_work/bounded_input)
set_tests_properties(faults_bounded_input PROPERTIES TIMEOUT 120)
