# Reference check: the engine against an independent Python implementation of
# GG-1 (tests/reference/gg1.py) on 200 generated scenarios (about half with
# utility noise and/or shock events, run with 2 replicates), the hand-written
# case_*.json and repro_*.json cases and the shipped scenarios as they are
# (noise and shocks included); and the engine against gg2.py, the independent
# Python GG-2, on 200 generated format 2 scenarios. docs/reference-check.md
# describes it.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_test(NAME reference_gg1
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/reference/compare.py
                   $<TARGET_FILE:greatgame> ${CMAKE_CURRENT_BINARY_DIR}/reference_work
                   --count 200 --first 1 --shipped ${PROJECT_SOURCE_DIR}/scenarios)
  set_tests_properties(reference_gg1 PROPERTIES TIMEOUT 120)
  # GG-2 (tests/reference/gg2.py) on 200 generated format 2 scenarios and the
  # gg2_case_*.json files.
  add_test(NAME reference_gg2
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/reference/compare.py
                   $<TARGET_FILE:greatgame> ${CMAKE_CURRENT_BINARY_DIR}/reference_work_gg2
                   --count 200 --first 1 --gg2)
  set_tests_properties(reference_gg2 PROPERTIES TIMEOUT 120)
  # The format 2 JSON Schema accepts what the engine reads as GG-2.
  add_test(NAME schema_format2
           COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/reference/check_schema2.sh ${Python3_EXECUTABLE}
                   $<TARGET_FILE:greatgame> ${PROJECT_SOURCE_DIR}
                   ${CMAKE_CURRENT_BINARY_DIR}/schema_format2_work)
  set_tests_properties(schema_format2 PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
else()
  message(STATUS "python3 not found: the reference_gg1 test is not registered")
endif()
