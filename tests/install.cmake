# The installed library, its header and pkg-config file work for a user program.
# (Not in sanitizer builds: a plain program cannot load an instrumented library.)
if(NOT GREATGAME_SANITIZE AND NOT GREATGAME_TSAN)
  add_test(NAME install_pkg_config
           COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/install/check_install.sh ${PROJECT_BINARY_DIR}
                   ${CMAKE_CURRENT_BINARY_DIR}/install_work ${PROJECT_SOURCE_DIR})
  set_tests_properties(install_pkg_config PROPERTIES TIMEOUT 120)
endif()
