# The research toolkit: categorical factors, open metrics, guard rails and
# scenario discovery. The unit test compares the library with the program
# (GG_PROGRAM); the command-line test checks each message word for word.
if(TARGET greatgame)
  set_tests_properties(test_toolkit PROPERTIES ENVIRONMENT "GG_PROGRAM=$<TARGET_FILE:greatgame>")
  add_test(NAME toolkit_cli
           COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/analysis/toolkit_cli.sh $<TARGET_FILE:greatgame>
                   ${CMAKE_CURRENT_BINARY_DIR}/toolkit_work ${PROJECT_SOURCE_DIR}/scenarios)
  set_tests_properties(toolkit_cli PROPERTIES TIMEOUT 300)
endif()

# One run of a sweep repeated on its own, bit for bit (run --from-sweep).
if(TARGET greatgame)
  find_package(Python3 COMPONENTS Interpreter QUIET)
  add_test(NAME replay_cli
           COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/analysis/replay_cli.sh $<TARGET_FILE:greatgame>
                   ${CMAKE_CURRENT_BINARY_DIR}/replay_work ${PROJECT_SOURCE_DIR}/scenarios
                   ${Python3_EXECUTABLE})
  set_tests_properties(replay_cli PROPERTIES TIMEOUT 300)
endif()

# One manifest schema for every command (scenarios/schema/manifest.json),
# checked with ajv as the scenario schema is (tests/schema).
if(TARGET greatgame)
  add_test(NAME manifest_schema
           COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/schema/manifest.sh $<TARGET_FILE:greatgame>
                   ${PROJECT_SOURCE_DIR}/scenarios ${CMAKE_CURRENT_BINARY_DIR}/manifest_work)
  set_tests_properties(manifest_schema PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
endif()
