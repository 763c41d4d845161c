# The output files and commands of a GG-2 run (manifest.json, utility.csv,
# ties.csv, explain, params --model), checked by a Python script that
# recomputes the ties, dependence and hedging capacity from stocks.csv.
if(TARGET greatgame)
  find_package(Python3 COMPONENTS Interpreter QUIET)
  if(Python3_Interpreter_FOUND)
    add_test(NAME gg2_outputs_cli
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/analysis/check_gg2_outputs.py
                     $<TARGET_FILE:greatgame> ${CMAKE_CURRENT_SOURCE_DIR}/good/gg2_outputs.json
                     ${CMAKE_CURRENT_SOURCE_DIR}/good/minimal.json
                     ${CMAKE_CURRENT_BINARY_DIR}/gg2_outputs_work)
    set_tests_properties(gg2_outputs_cli PROPERTIES TIMEOUT 120)
  endif()
endif()

# The library side: memory and output estimates of a GG-2 run, and
# gg_explain_run with GG-2's terms.
if(COMMAND gg_add_unit_test)
  gg_add_unit_test(analysis/test_gg2_outputs.c)
endif()
