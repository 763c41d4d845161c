#!/bin/sh
# Build the web edition into the build tree for the browser tests.
#
#   tests/web/browser/build_site.sh REPO WASM_BUILD_DIR SITE_DIR
#
# Runs REPO/scripts/build-web.sh --build WASM_BUILD_DIR SITE_DIR (reusing an
# earlier build there). Exit status: 0 built, 1 failed, 2 bad usage,
# 77 skipped (emcc not installed).
set -eu
if [ $# -ne 3 ]; then
  echo "usage: tests/web/browser/build_site.sh REPO WASM_BUILD_DIR SITE_DIR" >&2
  exit 2
fi
if ! command -v emcc >/dev/null 2>&1; then
  echo "skipped: emcc not installed (Debian package emscripten)"
  exit 77
fi
"$1/scripts/build-web.sh" --build "$2" "$3"
