# Shards of a sweep (`greatgame sweep --shard`) and `greatgame merge`; a
# failed or killed merge is redone by the same command (merge_retry).
set(GG_SHARD_WORK ${CMAKE_CURRENT_BINARY_DIR}/shard_work)
foreach(t shard_merge shard_slurm merge_retry)
  add_test(NAME ${t} COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/${t}.sh $<TARGET_FILE:greatgame>
                             ${GG_SHARD_WORK}/${t})
  set_tests_properties(${t} PROPERTIES TIMEOUT 300)
endforeach()
