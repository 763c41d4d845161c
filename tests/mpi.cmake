# Sweeps under mpirun: only when the program is built with Open MPI.
if(GREATGAME_MPI AND MPIEXEC_EXECUTABLE)
  add_test(NAME shard_mpi
           COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/shard_mpi.sh ${MPIEXEC_EXECUTABLE}
                   $<TARGET_FILE:greatgame> ${CMAKE_CURRENT_BINARY_DIR}/shard_work/shard_mpi)
  set_tests_properties(shard_mpi PROPERTIES TIMEOUT 300)
  if(GREATGAME_SANITIZE)
    # Open MPI's own allocations are never freed; the program's are checked
    # by the tests that run without MPI.
    set_tests_properties(shard_mpi PROPERTIES ENVIRONMENT "ASAN_OPTIONS=detect_leaks=0")
  endif()
endif()
