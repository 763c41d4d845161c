#!/bin/sh
# Build the web edition: the engine compiled to WebAssembly with Debian's
# emscripten, and the page that draws it, into a folder of static files that
# opens from disk (file://) or from any static web server, with no network.
#
#   scripts/build-web.sh [--build BUILD_DIR] [OUT_DIR]
#
# OUT_DIR     the site (default: build-web/site in the repository); open
#             OUT_DIR/index.html in a browser
# BUILD_DIR   where the wasm core and its dependencies are built (default:
#             build-wasm in the repository; scripts/build-wasm-core.sh,
#             which compiles cJSON from Debian's source package)
# Reuses an earlier build in BUILD_DIR. Prints the path of index.html last.
# Exit status: 0 success, 1 a step failed, 2 bad usage or emcc missing.
set -eu

me="build-web.sh"
die() { # die STATUS MESSAGE
  echo "$me: $2" >&2
  exit "$1"
}

repo=$(cd "$(dirname "$0")/.." && pwd)
build=$repo/build-wasm
out=""
while [ $# -gt 0 ]; do
  case $1 in
  -h | --help)
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  --build)
    if [ $# -lt 2 ] || [ -z "$2" ]; then die 2 "--build: expected a folder"; fi
    build=$2
    shift 2
    ;;
  --build=*)
    build=${1#--build=}
    [ -n "$build" ] || die 2 "--build: expected a folder"
    shift
    ;;
  -*) die 2 "$1: unknown option (see scripts/$me --help)" ;;
  *)
    [ -z "$out" ] || die 2 "$1: one output folder only (already given: $out)"
    out=$1
    shift
    ;;
  esac
done
[ -n "$out" ] || out=$repo/build-web/site

command -v emcc >/dev/null 2>&1 || die 2 "emcc not found on PATH (install Debian's emscripten package)"
command -v node >/dev/null 2>&1 || die 1 "node not found on PATH (emcc and the page's bundler need it)"

# Debian's emcc runs its JavaScript tools with the machine's node and needs the
# modules Debian ships in /usr/share/nodejs; a node that is not Debian's does
# not look there.
NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs"
export NODE_PATH

mkdir -p "$build" || die 1 "$build: cannot create the folder"
build=$(cd "$build" && pwd)
mkdir -p "$out" || die 1 "$out: cannot create the folder"
out=$(cd "$out" && pwd)

# 1. cJSON for wasm32 and the core library (libgreatgame_core.a).
log=$build/web-core.log
if ! "$repo/scripts/build-wasm-core.sh" "$build" >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  die 1 "scripts/build-wasm-core.sh $build failed (log: $log)"
fi
core=$build/core/engine/core/libgreatgame_core.a
cjson=$build/deps/lib/libcjson.a
[ -f "$core" ] || die 1 "the wasm build made no $core"
[ -f "$cjson" ] || die 1 "the wasm build made no $cjson"

# 2. The page's engine: the web API, and from the analysis library the
#    explanation, the scenario writer and the CSV writer (none needs GSL),
#    linked with the core. One file (the wasm is embedded in the .js), so the
#    page also works from file://, where a browser refuses to fetch a .wasm.
tmp=$out/.engine.tmp.js
log=$build/web-engine.log
# -ffp-contract=off as the core: the same bits as the native engine.
if ! emcc -std=c17 -O2 -ffp-contract=off -fno-fast-math -Wall -Wextra -Werror \
  -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
  -I"$repo/engine/include" -I"$repo/engine/core" -I"$repo/engine/analysis" \
  -I"$build/deps/include" \
  "$repo/render/web/gg_web.c" "$repo/engine/analysis/explain.c" \
  "$repo/engine/analysis/calibrate_scenario.c" "$repo/engine/analysis/trace.c" \
  "$core" "$cjson" -lm \
  -s MODULARIZE=1 -s EXPORT_NAME=createGreatgame -s SINGLE_FILE=1 \
  -s ENVIRONMENT=web,node -s ALLOW_MEMORY_GROWTH=1 -s WASM_ASYNC_COMPILATION=1 \
  -s "EXPORTED_FUNCTIONS=['_gw_load','_gw_reset','_gw_set','_gw_seed','_gw_run','_gw_csv','_gw_explain','_gw_save','_gw_version']" \
  -s "EXPORTED_RUNTIME_METHODS=['ccall']" \
  -o "$tmp" >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  rm -f "$tmp"
  die 1 "emcc failed to build the page's engine (log: $log)"
fi
mv "$tmp" "$out/greatgame-engine.js"

# 3. The page, its strings, the outlines and the what-if library.
for f in index.html app.js map.js charts.js style.css; do
  if ! cp "$repo/render/web/$f" "$out/$f.tmp" || ! mv "$out/$f.tmp" "$out/$f"; then
    die 1 "cannot copy render/web/$f into $out"
  fi
done
node "$repo/render/web/tools/bundle.js" "$repo" "$out/data.js" ||
  die 1 "render/web/tools/bundle.js failed"
echo "$out/index.html"
