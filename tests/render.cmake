# Tests of the render module (plot and view); only when it is built.
if(TARGET gg_render)
  add_executable(render_checks ${GG_TEST_DIR}/render/render_checks.c ${PROJECT_SOURCE_DIR}/engine/cli/cli.c
                               ${PROJECT_SOURCE_DIR}/engine/cli/cmd_plot.c ${PROJECT_SOURCE_DIR}/engine/cli/cmd_view.c)
  target_link_libraries(render_checks PRIVATE gg_render greatgame_static gg_flags)
  target_include_directories(render_checks PRIVATE ${GG_TEST_DIR} ${PROJECT_SOURCE_DIR}/engine/cli)
  target_compile_definitions(render_checks PRIVATE GG_TEST_DIR="${GG_TEST_DIR}"
                                                   GG_SCENARIO_DIR="${GG_SCENARIO_DIR}")
  foreach(t plot_kinds_give_png_of_requested_size plot_map_fills_dominant_colour_and_pattern
            plot_results_folder_map plot_sweep_folder_fan plot_bad_input_writes_nothing
            view_scripted_session_offscreen view_headless_screenshot_after_ticks
            plot_full_device_fails view_screenshot_full_device_fails plot_unwritable_path_fails
            labels_never_overlap_or_clip labels_placed_apart_on_one_point
            view_ticker_month_and_random_shocks view_budget_steps_title_and_reset
            plot_ties_gg2_chart plot_ties_refused_without_gg2 view_gg2_state_panel_shows_ties
            plot_bars_gg2_show_ties)
    add_test(NAME render_${t} COMMAND render_checks ${t})
    set_tests_properties(render_${t} PROPERTIES TIMEOUT 120)
  endforeach()

  # The viewer in a real X server (Xvfb): start, play, step, screenshot, quit.
  find_program(GG_XVFB_RUN xvfb-run)
  if(GG_XVFB_RUN)
    add_test(NAME render_view_xvfb
             COMMAND sh -c "out=$(mktemp -d)/view.png && \"$1\" -a -s '-screen 0 1280x800x24' env SDL_VIDEODRIVER=x11 \"$2\" view --size 800x600 --screenshot \"$out\" --events 'space,wait:10,space,right,tab,3,up,S,q' && GG_RENDER_PNG=\"$out\" GG_RENDER_W=800 GG_RENDER_H=600 \"$3\" external_view_png && test -s \"$out\""
                     sh ${GG_XVFB_RUN} $<TARGET_FILE:greatgame> $<TARGET_FILE:render_checks>)
    set_tests_properties(render_view_xvfb PROPERTIES TIMEOUT 120)
    # A GG-2 scenario in the real X server: the state panel shows the ties.
    add_test(NAME render_view_xvfb_gg2
             COMMAND sh -c "dir=$(mktemp -d) && out=$dir/view.png && \"$1\" -a -s '-screen 0 1280x800x24' env SDL_VIDEODRIVER=x11 \"$2\" view \"$4\" --ticks 24 --screenshot \"$out\" --events 'S,q' && GG_RENDER_PNG=\"$out\" GG_RENDER_W=1280 GG_RENDER_H=720 \"$3\" external_view_gg2_png; rc=$?; rm -rf \"$dir\"; exit $rc"
                     sh ${GG_XVFB_RUN} $<TARGET_FILE:greatgame> $<TARGET_FILE:render_checks>
                     ${GG_SCENARIO_DIR}/history_2005_gg2.json)
    set_tests_properties(render_view_xvfb_gg2 PROPERTIES TIMEOUT 120)
  endif()

  # F4: PNGs on a full filesystem (a 16 KiB tmpfs mounted in a private mount
  # namespace; skipped, status 77, where that is not permitted).
  add_test(NAME render_png_full_disk
           COMMAND sh ${GG_TEST_DIR}/render/png_full_disk.sh $<TARGET_FILE:greatgame>
                   ${CMAKE_CURRENT_BINARY_DIR}/render_png_full_disk)
  set_tests_properties(render_png_full_disk PROPERTIES TIMEOUT 120 SKIP_RETURN_CODE 77)

  # Without a display, and without --screenshot, the viewer says so and
  # exits 2 (one line naming --screenshot) instead of running unseen; the
  # --frames limit only keeps a failing check from waiting.
  add_test(NAME render_view_no_display
           COMMAND sh -c "env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER \"$1\" view --frames 3 >\"$2.out\" 2>\"$2.err\"; rc=$?; cat \"$2.err\"; test $rc -eq 2 && test \"$(wc -l <\"$2.err\")\" -eq 1 && grep -q -- '--screenshot' \"$2.err\" && ! test -s \"$2.out\""
                   sh $<TARGET_FILE:greatgame> ${CMAKE_CURRENT_BINARY_DIR}/render_view_no_display)
  set_tests_properties(render_view_no_display PROPERTIES TIMEOUT 60)

  # Every picture in docs/img is what scripts/make-docs-images.sh makes now
  # with this build (see docs_images_current in render_checks.c for how two
  # pictures are compared).
  add_test(NAME render_docs_images_current
           COMMAND sh -c "fresh=$(mktemp -d) && sh \"$1/scripts/make-docs-images.sh\" \"$2\" \"$fresh\" >/dev/null && GG_DOCS_IMG=\"$1/docs/img\" GG_FRESH_IMG=\"$fresh\" \"$3\" docs_images_current; rc=$?; rm -rf \"$fresh\"; exit $rc"
                   sh ${PROJECT_SOURCE_DIR} ${CMAKE_BINARY_DIR} $<TARGET_FILE:render_checks>)
  set_tests_properties(render_docs_images_current PROPERTIES TIMEOUT 300)

  # `plot --kind ties` on a GG-1 scenario: status 2, one line naming the
  # option and saying ties exist only in GG-2 (format 2) scenarios, no file.
  add_test(NAME render_cli_plot_ties_gg1_refused
           COMMAND sh -c "out=$(mktemp -d) && \"$1\" plot \"$2\" --kind ties --state KZ --out \"$out/t.png\" 2>\"$out/err\"; rc=$?; cat \"$out/err\"; test $rc -eq 2 && test \"$(wc -l <\"$out/err\")\" -eq 1 && grep -q -- '--kind ties' \"$out/err\" && grep -q 'only in GG-2 (format 2)' \"$out/err\" && ! test -e \"$out/t.png\"; r=$?; rm -rf \"$out\"; exit $r"
                   sh $<TARGET_FILE:greatgame> ${GG_SCENARIO_DIR}/central_asia_2020.json)
  set_tests_properties(render_cli_plot_ties_gg1_refused PROPERTIES TIMEOUT 60)

  # Usage text and exit status of the commands.
  add_test(NAME render_cli_help COMMAND sh -c "\"$1\" plot --help | grep -q -- --kind && \"$1\" view --help | grep -q -- --screenshot" sh $<TARGET_FILE:greatgame>)
  add_test(NAME render_cli_plot_no_out
           COMMAND sh -c "\"$1\" plot --kind map 2>/dev/null; test $? -eq 2" sh $<TARGET_FILE:greatgame>)
endif()
