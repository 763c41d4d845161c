# Documentation checks: the parameter table in docs/scenarios.md must be the
# one `greatgame params` prints (regenerate it with
# sh tests/cli/check_docs_params.sh GREATGAME docs/scenarios.md --update).
add_test(NAME docs_params_table
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/check_docs_params.sh $<TARGET_FILE:greatgame>
                 ${CMAKE_CURRENT_SOURCE_DIR}/../docs/scenarios.md)
set_tests_properties(docs_params_table PROPERTIES TIMEOUT 60)

# CITATION.cff names the engine version that the build and the header name,
# and the model version of the header.
add_test(NAME citation_versions
         COMMAND sh -c "grep -qx \"version: \\\"$1\\\"\" \"$2/CITATION.cff\" && grep -q \"model $3\" \"$2/CITATION.cff\""
                 sh ${PROJECT_VERSION} ${PROJECT_SOURCE_DIR} GG-1)

# The library example of docs/library.md compiles, runs, and matches the program.
add_executable(library_study ${PROJECT_SOURCE_DIR}/docs/examples/library_study.c)
target_link_libraries(library_study PRIVATE greatgame_static gg_flags)
add_test(NAME docs_library_example
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/docs_example.sh $<TARGET_FILE:library_study>
                 $<TARGET_FILE:greatgame> ${PROJECT_SOURCE_DIR}/scenarios
                 ${CMAKE_CURRENT_BINARY_DIR}/docs_example)
set_tests_properties(docs_library_example PROPERTIES TIMEOUT 120)

# The observed data of scenarios/observed/ (docs/data.md): columns, ranges, source ids.
# The fragments are included before tests/CMakeLists.txt looks for Python, so look here.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
  add_test(NAME observed_data
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/data/check_observed.py
                   ${PROJECT_SOURCE_DIR}/scenarios/observed)
  set_tests_properties(observed_data PROPERTIES TIMEOUT 60)
endif()
