# The web edition (render/web/) in a real browser: Debian's chromium,
# headless, driven by puppeteer-core (tests/web/browser/). browser_build
# compiles the engine to WebAssembly and writes the site into the build tree;
# each check then loads the page from disk. Skipped (status 77) where emcc,
# chromium or the npm test driver is not installed.
if(TARGET greatgame AND NOT GREATGAME_SANITIZE AND NOT GREATGAME_TSAN AND NOT GREATGAME_FUZZ)
  set(GG_WEB_SITE ${PROJECT_BINARY_DIR}/web/site)
  set(GG_WEB_OUT ${PROJECT_BINARY_DIR}/web/browser)
  add_test(NAME browser_build
           COMMAND sh ${PROJECT_SOURCE_DIR}/tests/web/browser/build_site.sh ${PROJECT_SOURCE_DIR}
                   ${PROJECT_BINARY_DIR}/wasm ${GG_WEB_SITE})
  # The wasm folder is shared with wasm_identical: never build it twice at once.
  set_tests_properties(browser_build PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600 FIXTURES_SETUP
                                                gg_web_site RESOURCE_LOCK gg_wasm_build)
  foreach(check identical slider save labels screenshots link file ties)
    add_test(NAME browser_${check}
             COMMAND sh ${PROJECT_SOURCE_DIR}/tests/web/browser/run.sh ${check} ${GG_WEB_SITE}
                     $<TARGET_FILE:greatgame> ${GG_WEB_OUT})
    set_tests_properties(browser_${check} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120
                                                     FIXTURES_REQUIRED gg_web_site)
  endforeach()
endif()

# The page's data: the outlines name their source, every interface string
# has its Russian translation, the what-if library is readable (needs node only).
find_program(GG_NODE node)
if(GG_NODE)
  add_test(NAME web_data
           COMMAND ${GG_NODE} ${PROJECT_SOURCE_DIR}/tests/web/check_web_data.js ${PROJECT_SOURCE_DIR}
                   ${PROJECT_BINARY_DIR}/web/data-check.js)
endif()
