# Command-line tests of `greatgame sweep` and `greatgame sensitivity`.
set(GG_SWEEP_WORK ${CMAKE_CURRENT_BINARY_DIR}/sweep_work)
foreach(t sweep_threads sweep_resume sweep_cli sensitivity_cli)
  add_test(NAME ${t} COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/${t}.sh $<TARGET_FILE:greatgame>
                             ${GG_SWEEP_WORK}/${t})
  set_tests_properties(${t} PROPERTIES TIMEOUT 300)
endforeach()

# The public sweep API against the program: the unit test runs both with the
# same options and compares their files (GG_PROGRAM names the program).
set_tests_properties(test_sweep_api PROPERTIES ENVIRONMENT "GG_PROGRAM=$<TARGET_FILE:greatgame>")
