# The GG-2 baseline (scenarios/central_asia_2020_gg2.json): the file is what
# scripts/make_central_asia_2020_gg2.py builds from its inputs table; the
# seed's claims hold over the priors at least as often as docs/claims.md
# reports (a Latin hypercube of 1,000 points, scripts/claims_gg2.py); and
# docs/validation.md's table of its 2020-2024 stretch is current.
find_package(Python3 COMPONENTS Interpreter QUIET)
if(Python3_FOUND)
  add_test(NAME baseline_gg2_built_from_inputs
           COMMAND sh -c [[
"$1" "$2/scripts/make_central_asia_2020_gg2.py" "$3" || exit 1
cmp "$3" "$2/scenarios/central_asia_2020_gg2.json" ||
  { echo "scenarios/central_asia_2020_gg2.json is not what its script builds from scenarios/inputs/"; exit 1; }
"$1" "$2/scripts/make_central_asia_2020_gg2.py" --events "$3" || exit 1
cmp "$3" "$2/scenarios/central_asia_2020_gg2_events.json" ||
  { echo "scenarios/central_asia_2020_gg2_events.json is not what its script builds"; exit 1; }
]] sh ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/baseline_gg2_built.json)
  add_test(NAME claims_gg2
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/claims_gg2.py
                   $<TARGET_FILE:greatgame> --check ${PROJECT_SOURCE_DIR}/docs/claims.md)
  add_test(NAME docs_baseline_2020_2024
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/compare_2020_2024.py
                   $<TARGET_FILE:greatgame> --check ${PROJECT_SOURCE_DIR}/docs/validation.md)
  set_tests_properties(baseline_gg2_built_from_inputs claims_gg2 docs_baseline_2020_2024
                       PROPERTIES TIMEOUT 300)
endif()

# GG-1 is unchanged by GG-2 and by the number format: every format 1
# scenario gives the same doubles as the engine before GG-2
# (tests/data/gg1_values.sh, tests/data/gg1_values.txt).
if(Python3_FOUND)
  add_test(NAME gg1_same_values
           COMMAND sh ${PROJECT_SOURCE_DIR}/tests/data/gg1_values.sh $<TARGET_FILE:greatgame>
                   ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/gg1_values)
  set_tests_properties(gg1_same_values PROPERTIES TIMEOUT 300)
endif()

# The GG-2 what-ifs are what scripts/make_whatifs_gg2.py writes, and
# docs/whatifs.md's table of their effects is current.
if(Python3_FOUND)
  add_test(NAME whatifs_gg2
           COMMAND sh -c [[
mkdir -p "$4" && "$1" "$2/scripts/make_whatifs_gg2.py" "$4" || exit 1
for f in "$4"/*.json; do
  cmp "$f" "$2/scenarios/$(basename "$f")" || { echo "scenarios/$(basename "$f") is not what scripts/make_whatifs_gg2.py writes"; exit 1; }
done
"$1" "$2/scripts/make_whatifs_gg2.py" --table "$3" --check "$2/docs/whatifs.md"
]] sh ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR} $<TARGET_FILE:greatgame>
             ${CMAKE_CURRENT_BINARY_DIR}/whatifs_gg2)
  set_tests_properties(whatifs_gg2 PROPERTIES TIMEOUT 300)
endif()

# The GG-2 baseline's predicted indicators (stock_gdp:, stock_share: and the
# fitted lines) recomputed from its alignment and stocks by an independent
# route (tests/analysis/check_indicators.py).
if(Python3_FOUND)
  add_test(NAME baseline_gg2_indicators
           COMMAND sh -c [[
rm -rf "$4" && "$3" run "$2/scenarios/central_asia_2020_gg2.json" --replicates 2 --out "$4" -q &&
  "$1" "$2/tests/analysis/check_indicators.py" "$2/scenarios/central_asia_2020_gg2.json" "$4"
]] sh ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR} $<TARGET_FILE:greatgame>
             ${CMAKE_CURRENT_BINARY_DIR}/baseline_gg2_indicators)
  set_tests_properties(baseline_gg2_indicators PROPERTIES TIMEOUT 300)
endif()
