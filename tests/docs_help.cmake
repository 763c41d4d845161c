# docs/commands.md shows each command's usage exactly as `--help` prints it.
add_test(NAME docs_commands_help
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/check_docs_help.sh $<TARGET_FILE:greatgame>
                 ${CMAKE_SOURCE_DIR}/docs/commands.md)
