#!/bin/sh
# The R package: R CMD INSTALL (a copy of engine/bindings/r, into a scratch
# library) against the library of the build tree, then its testthat tests,
# which compare with the greatgame program. Status 77 (skipped) without
# testthat.
# usage: r_check.sh R RSCRIPT SOURCE_DIR INCLUDE_DIR LIBRARY_DIR PROGRAM WORK
set -u
R=$1
RSCRIPT=$2
src=$3
inc=$4
libdir=$5
program=$6
w=$7
if ! "$RSCRIPT" -e 'quit(status = !requireNamespace("testthat", quietly = TRUE))' \
  > /dev/null 2>&1; then
  echo "the R package testthat is missing: skipped"
  exit 77
fi
rm -rf "$w" && mkdir -p "$w/lib" || exit 1
cp -R "$src/engine/bindings/r" "$w/greatgame" || exit 1
GREATGAME_INCLUDE_DIR=$inc GREATGAME_LIBRARY_DIR=$libdir \
  "$R" CMD INSTALL --no-test-load -l "$w/lib" "$w/greatgame" > "$w/install.log" 2>&1 || {
  cat "$w/install.log"
  echo "r_check: R CMD INSTALL failed"
  exit 1
}
cd "$w/greatgame/tests" || exit 1
GG_PROGRAM=$program R_LIBS="$w/lib" "$RSCRIPT" -e \
  'library(testthat); library(greatgame); r <- test_dir("testthat", reporter = "summary", stop_on_failure = TRUE)'
