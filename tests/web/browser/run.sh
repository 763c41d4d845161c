#!/bin/sh
# Run one check of tests/web/browser/browser_test.js (see there) for CTest.
#
#   tests/web/browser/run.sh CHECK SITE_DIR NATIVE_GREATGAME OUT_DIR
#
# Exit status: 0 pass, 1 fail, 2 bad usage, 77 skipped (emcc, chromium,
# node or the npm test driver not installed; CTest's SKIP_RETURN_CODE).
set -eu
if [ $# -ne 4 ]; then
  echo "usage: tests/web/browser/run.sh CHECK SITE_DIR NATIVE_GREATGAME OUT_DIR" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
chromium=${GG_CHROMIUM:-/usr/bin/chromium}
if ! command -v emcc >/dev/null 2>&1; then
  echo "skipped: emcc not installed (Debian package emscripten)"
  exit 77
fi
if ! [ -x "$chromium" ]; then
  echo "skipped: $chromium not installed (Debian package chromium)"
  exit 77
fi
if ! command -v node >/dev/null 2>&1; then
  echo "skipped: node not installed"
  exit 77
fi
if ! [ -d "$here/node_modules/puppeteer-core" ]; then
  echo "skipped: puppeteer-core not installed (run scripts/install-deps.sh, or npm ci in tests/web/browser)"
  exit 77
fi
[ -x "$3" ] || { echo "run.sh: $3: no such program" >&2; exit 2; }
exec node "$here/browser_test.js" "$@"
