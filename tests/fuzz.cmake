# Fuzz targets (GREATGAME_FUZZ, clang only) and their regression replays
# (always: ordinary programs replaying tests/fuzz/regressions and the seeds).
set(GG_FUZZ_DIR ${CMAKE_CURRENT_SOURCE_DIR}/fuzz)
set(GG_FUZZ_TARGETS fuzz_scenario fuzz_param)

foreach(t ${GG_FUZZ_TARGETS})
  add_executable(${t}_replay ${GG_FUZZ_DIR}/${t}.c ${GG_FUZZ_DIR}/replay_main.c)
  target_link_libraries(${t}_replay PRIVATE greatgame_static gg_flags)
endforeach()

add_test(NAME fuzz_scenario_regressions
         COMMAND fuzz_scenario_replay ${GG_FUZZ_DIR}/regressions/scenario ${PROJECT_SOURCE_DIR}/scenarios
                 ${CMAKE_CURRENT_SOURCE_DIR}/schema/invalid)
add_test(NAME fuzz_param_regressions COMMAND fuzz_param_replay ${GG_FUZZ_DIR}/regressions/param
                                             ${GG_FUZZ_DIR}/seeds/param)
if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/bad)
  add_test(NAME fuzz_scenario_bad_files COMMAND fuzz_scenario_replay ${CMAKE_CURRENT_SOURCE_DIR}/bad)
endif()
# Reproducers of engine bugs not fixed yet: expected to fail. When this test
# starts failing the bug is fixed: move the file into regressions/scenario.
file(GLOB GG_FUZZ_PENDING ${GG_FUZZ_DIR}/regressions/pending/*.json)
if(GG_FUZZ_PENDING)
  add_test(NAME fuzz_scenario_pending
           COMMAND sh -c "! \"$1\" \"$2\" 2>/dev/null" sh $<TARGET_FILE:fuzz_scenario_replay>
                   ${GG_FUZZ_DIR}/regressions/pending)
endif()
set_tests_properties(fuzz_scenario_regressions fuzz_param_regressions PROPERTIES TIMEOUT 300)

if(GREATGAME_FUZZ)
  # The library is instrumented (top-level CMakeLists.txt); the targets link libFuzzer.
  foreach(t ${GG_FUZZ_TARGETS})
    add_executable(${t} ${GG_FUZZ_DIR}/${t}.c)
    target_link_libraries(${t} PRIVATE greatgame_static gg_flags)
    target_compile_options(${t} PRIVATE -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all)
    target_link_options(${t} PRIVATE -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all)
  endforeach()
endif()
