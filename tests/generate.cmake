# greatgame generate: generated scenarios of several sizes validate and run.
add_test(NAME generate_cli
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/generate_cli.sh $<TARGET_FILE:greatgame>
                 ${CMAKE_CURRENT_BINARY_DIR}/generate_work)
set_tests_properties(generate_cli PROPERTIES TIMEOUT 300)
