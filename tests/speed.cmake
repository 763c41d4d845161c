# Batched simulations on generated scenarios: random scenarios with every
# feature of the format (tests/reference/gen_scenario.py, 120 seeds) and a few
# large ones from `greatgame generate` (many states, many powers, contest,
# 16 channels), each run in batches of every width and instruction set next
# to gg_sim, bit for bit (tests/core/test_batch.c; the shipped scenarios and
# reference cases are its own unit test, test_batch).
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  set(GG_BATCH_WORK ${CMAKE_CURRENT_BINARY_DIR}/batch_work)
  add_test(
    NAME batch_generated
    COMMAND
      sh -c "set -e; rm -rf \"$1\"; mkdir -p \"$1\"; \
for i in $(seq 1 120); do \"$2\" \"$3\" $((i * 7919 + 13)) \"$1/gen_$i.json\"; done; \
\"$4\" generate --states 150 --powers 3 --seed 3 -o \"$1/large_fixed.json\"; \
\"$4\" generate --states 40 --powers 6 --channels 5 --contest --seed 4 -o \"$1/large_contest.json\"; \
\"$4\" generate --states 9 --powers 1 --channels 16 --ticks 300 --seed 6 -o \"$1/channels.json\"; \
\"$5\" \"$1\"/*.json"
      sh ${GG_BATCH_WORK} ${Python3_EXECUTABLE}
      ${CMAKE_CURRENT_SOURCE_DIR}/reference/gen_scenario.py $<TARGET_FILE:greatgame>
      $<TARGET_FILE:test_batch>)
  set_tests_properties(batch_generated PROPERTIES TIMEOUT 600)
else()
  message(STATUS "python3 not found: the batch_generated test is not registered")
endif()

# A sweep and a sensitivity analysis in batches (every --lanes, instruction
# set and thread count) write the same bytes as one run at a time.
add_test(NAME batch_sweep_identical
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/core/test_batch_sweep.sh $<TARGET_FILE:greatgame>
                 ${CMAKE_CURRENT_BINARY_DIR}/batch_sweep_work)
set_tests_properties(batch_sweep_identical PROPERTIES TIMEOUT 600)

# The shortest number text's table of powers of ten is what its generator
# computes with exact integers (and the generator checks the formulas the
# formatter uses for logarithms).
if(Python3_Interpreter_FOUND)
  add_test(NAME numfmt_table_current
           COMMAND sh -c "\"$1\" \"$2\" \"$4\" && cmp \"$4\" \"$3\""
                   sh ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/gen_numfmt_table.py
                   ${PROJECT_SOURCE_DIR}/engine/core/numfmt_table.h
                   ${CMAKE_CURRENT_BINARY_DIR}/numfmt_table.h)
endif()
