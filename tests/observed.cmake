# The checker of scenarios/observed/ (tests/data/check_observed.py, ctest
# observed_data in tests/docs.cmake) must also refuse bad data: a fixture with
# one fault of each kind (a month 13, shares adding up to more than 1, a
# trade_share outside its export and import shares, a fact ending before it
# starts, a reversed size range, 30 February, an unknown source id, a vote
# outcome that is not one) must fail with exit status 1 and name every fault.
find_package(Python3 COMPONENTS Interpreter QUIET)
if(Python3_FOUND)
  add_test(NAME observed_data_rejects_bad
           COMMAND sh -c [[
out=$("$1" "$2/tests/data/check_observed.py" "$2/tests/data/observed_bad")
rc=$?
test $rc -eq 1 || { echo "exit status $rc, expected 1"; exit 1; }
for want in "observed.csv:6: date '2011-13'" \
            "partner shares add up to at most 1 (over: [('2010', 'KZ', 'export_share')])" \
            "trade_share lies between export_share and import_share (not: [('2010', 'KZ', 'CN')])" \
            "facts.csv line 2: start 2014-06-03 <= end 2001-12" \
            "facts.csv line 3: size '2500-2000'" \
            "facts.csv line 4: start '2022-02-30'" \
            "facts.csv line 5: source 's1;nosuch'" \
            "facts.csv line 6: outcome 'maybe'" \
            "observed: 67 passed, 8 failed"; do
  printf '%s\n' "$out" | grep -qF "$want" || { printf 'missing: %s\n%s\n' "$want" "$out"; exit 1; }
done
]] sh ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR})
  set_tests_properties(observed_data_rejects_bad PROPERTIES TIMEOUT 60)
endif()
