# Reference check: the engine against an independent Python implementation of
# GG-1 (tests/reference/gg1.py) on 200 generated scenarios (about half with
# utility noise and/or shock events, run with 2 replicates), the hand-written
# case_*.json and repro_*.json cases and the shipped scenarios as they are
# (noise and shocks included). docs/reference-check.md describes it.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_test(NAME reference_gg1
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/reference/compare.py
                   $<TARGET_FILE:greatgame> ${CMAKE_CURRENT_BINARY_DIR}/reference_work
                   --count 200 --first 1 --shipped ${PROJECT_SOURCE_DIR}/scenarios)
  set_tests_properties(reference_gg1 PROPERTIES TIMEOUT 120)
else()
  message(STATUS "python3 not found: the reference_gg1 test is not registered")
endif()
