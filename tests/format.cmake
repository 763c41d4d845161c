# Every C source and header is formatted with the committed .clang-format.
find_program(GG_CLANG_FORMAT clang-format)
if(GG_CLANG_FORMAT)
  file(GLOB_RECURSE GG_FORMAT_FILES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/engine/*.c
       ${PROJECT_SOURCE_DIR}/engine/*.h ${PROJECT_SOURCE_DIR}/render/*.c ${PROJECT_SOURCE_DIR}/render/*.h
       ${PROJECT_SOURCE_DIR}/tests/*.c ${PROJECT_SOURCE_DIR}/tests/*.h ${PROJECT_SOURCE_DIR}/bench/*.c
       ${PROJECT_SOURCE_DIR}/bench/*.h)
  list(FILTER GG_FORMAT_FILES EXCLUDE REGEX "node_modules")
  add_test(NAME clang_format COMMAND ${GG_CLANG_FORMAT} --dry-run -Werror ${GG_FORMAT_FILES})
endif()
