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

# The output size guard of `run` (--max-output): the estimate bounds the
# bytes written; a run over the limit is refused before anything is created.
add_executable(test_output_estimate ${GG_FAULTS_DIR}/test_output_estimate.c)
target_include_directories(test_output_estimate PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(test_output_estimate PRIVATE greatgame_static gg_flags)
target_compile_definitions(test_output_estimate PRIVATE GG_SCENARIO_DIR="${PROJECT_SOURCE_DIR}/scenarios")
add_test(NAME test_output_estimate COMMAND test_output_estimate)
add_test(NAME faults_output_limit COMMAND sh ${GG_FAULTS_DIR}/output_limit.sh $<TARGET_FILE:greatgame>
                                          ${CMAKE_CURRENT_BINARY_DIR}/faults_work/output_limit)
set_tests_properties(test_output_estimate faults_output_limit PROPERTIES TIMEOUT 300)

# F5: standard output full (/dev/full) or closed (>&-): every command that
# prints results exits 1 with one line.
add_test(NAME faults_stdout COMMAND sh ${GG_FAULTS_DIR}/stdout_faults.sh $<TARGET_FILE:greatgame>
                                    ${CMAKE_CURRENT_BINARY_DIR}/faults_work/stdout)
set_tests_properties(faults_stdout PROPERTIES TIMEOUT 300)

# Out of memory is a runtime failure: exit 1, never 2 (under ulimit -v;
# skipped, status 77, where the program cannot start under the limit, as
# under AddressSanitizer).
add_test(NAME faults_oom_exit COMMAND sh ${GG_FAULTS_DIR}/oom_exit.sh $<TARGET_FILE:greatgame>
                                      ${CMAKE_CURRENT_BINARY_DIR}/faults_work/oom_exit)
set_tests_properties(faults_oom_exit PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77)

# Output folders ("Nothing lost, nothing mixed"): the folder's lock (two
# sweeps into one folder never mix; stale and foreign locks; released on
# every exit path), output sets that appear whole or not at all on a full
# disk, and folders of other people's files.
foreach(t folder_lock output_sets foreign_folder)
  add_test(NAME faults_${t} COMMAND sh ${GG_FAULTS_DIR}/${t}.sh $<TARGET_FILE:greatgame>
                                    ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/faults_work/${t})
  set_tests_properties(faults_${t} PROPERTIES TIMEOUT 300)
endforeach()
