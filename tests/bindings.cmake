# Tests of the Python module and the R package (engine/bindings/): each
# compares what the binding gives with the greatgame program's files. Where
# the binding is not built (GREATGAME_PYTHON or GREATGAME_R off: python3-dev
# and NumPy, or r-base-dev, missing) or a tool its tests need is missing
# (pytest, pandas, xarray; testthat), the tests are skipped (status 77).
set(GG_BINDINGS_WORK ${CMAKE_CURRENT_BINARY_DIR}/bindings_work)
set(GG_BINDINGS_TESTS ${CMAKE_CURRENT_SOURCE_DIR}/bindings)

function(gg_bindings_skip name why)
  add_test(NAME ${name} COMMAND sh -c "echo '${why}: skipped'; exit 77")
  set_tests_properties(${name} PROPERTIES SKIP_RETURN_CODE 77)
endfunction()

if(NOT GREATGAME_CLI)
  return()
endif()

# ---- Python: pytest files, each one test --------------------------------------
set(GG_PY_TESTS python_run:test_python_run.py python_studies:test_python_studies.py
    python_toolkit:test_python_toolkit.py)
foreach(t ${GG_PY_TESTS})
  string(REPLACE ":" ";" parts ${t})
  list(GET parts 0 name)
  list(GET parts 1 file)
  if(GREATGAME_PYTHON)
    add_test(NAME bindings_${name}
             COMMAND sh ${GG_BINDINGS_TESTS}/run_pytest.sh ${GG_PYTHON_EXECUTABLE}
                     ${GG_BINDINGS_TESTS}/${file} ${GG_BINDINGS_WORK}/${name})
    set_tests_properties(
      bindings_${name}
      PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600
                 ENVIRONMENT
                 "PYTHONDONTWRITEBYTECODE=1;PYTHONPATH=${GG_PYTHON_BUILD_DIR};GG_PROGRAM=$<TARGET_FILE:greatgame>;GG_SOURCE_DIR=${PROJECT_SOURCE_DIR};OMP_NUM_THREADS=2")
  else()
    gg_bindings_skip(bindings_${name} "the Python module is not built (GREATGAME_PYTHON)")
  endif()
endforeach()

# A study from a fresh install: cmake --install, a virtual environment, pip
# offline, then load, sweep and plot (not in sanitizer builds, where the
# module is not built anyway).
if(GREATGAME_PYTHON AND GREATGAME_INSTALL)
  add_test(NAME bindings_python_fresh_install
           COMMAND sh ${GG_BINDINGS_TESTS}/fresh_install.sh ${PROJECT_BINARY_DIR}
                   ${PROJECT_SOURCE_DIR} $<TARGET_FILE:greatgame> ${GG_PYTHON_EXECUTABLE}
                   ${GG_BINDINGS_WORK}/fresh_install)
  set_tests_properties(bindings_python_fresh_install PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600)
else()
  gg_bindings_skip(bindings_python_fresh_install
                   "the Python module is not built or not installed (GREATGAME_PYTHON, GREATGAME_INSTALL)")
endif()

# ---- R: R CMD INSTALL into a scratch library, then testthat ------------------------
if(GREATGAME_R)
  add_test(NAME bindings_r
           COMMAND sh ${GG_BINDINGS_TESTS}/r_check.sh ${GG_R_EXECUTABLE} ${GG_RSCRIPT_EXECUTABLE}
                   ${PROJECT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/engine/include
                   $<TARGET_LINKER_FILE_DIR:greatgame_shared> $<TARGET_FILE:greatgame>
                   ${GG_BINDINGS_WORK}/r)
  set_tests_properties(bindings_r PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600)
else()
  gg_bindings_skip(bindings_r "the R package is not checked (GREATGAME_R)")
endif()
