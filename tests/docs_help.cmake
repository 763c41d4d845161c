# docs/commands.md shows each command's usage exactly as `--help` prints it.
add_test(NAME docs_commands_help
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli/check_docs_help.sh $<TARGET_FILE:greatgame>
                 ${PROJECT_SOURCE_DIR}/docs/commands.md)
