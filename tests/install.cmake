# The installed library, its header and pkg-config file work for a user program.
add_test(NAME install_pkg_config
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/install/check_install.sh ${CMAKE_BINARY_DIR}
                 ${CMAKE_CURRENT_BINARY_DIR}/install_work ${CMAKE_SOURCE_DIR})
set_tests_properties(install_pkg_config PROPERTIES TIMEOUT 120)
