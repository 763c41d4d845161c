#!/bin/sh
# Build the engine's core for WebAssembly with Debian's emscripten, and the
# test driver tests/web/wasm_run.c linked with it.
#
#   scripts/build-wasm-core.sh [BUILD_DIR]      (default: build-wasm in the repository)
#
# BUILD_DIR/deps   cJSON for wasm32 (scripts/build-wasm-deps.sh)
# BUILD_DIR/core   the CMake build (GREATGAME_CORE_ONLY=ON); its program is
#                  BUILD_DIR/core/tests/web/gg_wasm_run.js (+ .wasm), run as
#                  `node gg_wasm_run.js [SCENARIO.json] [--replicates N]`.
# Reuses an earlier build in BUILD_DIR. Prints the path of gg_wasm_run.js last.
# Exit status: 0 success, 1 a step failed, 2 bad usage or emcc missing.
set -eu

me="build-wasm-core.sh"
die() { # die STATUS MESSAGE
  echo "$me: $2" >&2
  exit "$1"
}

case ${1:-} in -h | --help)
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
  ;;
esac
[ $# -le 1 ] || die 2 "usage: scripts/$me [BUILD_DIR]"

repo=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$repo/build-wasm}
[ -n "$build" ] || die 2 "usage: scripts/$me [BUILD_DIR]"

command -v emcc >/dev/null 2>&1 || die 2 "emcc not found on PATH (install Debian's emscripten package)"
command -v emcmake >/dev/null 2>&1 || die 2 "emcmake not found on PATH (install Debian's emscripten package)"
command -v cmake >/dev/null 2>&1 || die 1 "cmake not found on PATH"
command -v pkg-config >/dev/null 2>&1 || die 1 "pkg-config not found on PATH (CMake finds cJSON through it)"
command -v node >/dev/null 2>&1 || die 1 "node not found on PATH (emcc and the program need it)"

# Debian's emcc runs its JavaScript tools with the machine's node and needs the
# modules Debian ships in /usr/share/nodejs (acorn); a node that is not
# Debian's does not look there.
NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs"
export NODE_PATH

mkdir -p "$build" || die 1 "$build: cannot create the folder"
build=$(cd "$build" && pwd)

"$repo/scripts/build-wasm-deps.sh" "$build/deps"

# pkg-config sees the wasm cJSON only, never the host's .pc files.
PKG_CONFIG_LIBDIR=$build/deps/lib/pkgconfig
PKG_CONFIG_PATH=
export PKG_CONFIG_LIBDIR PKG_CONFIG_PATH
unset PKG_CONFIG_SYSROOT_DIR 2>/dev/null || true

# CMAKE_FIND_ROOT_PATH: emscripten's toolchain file searches libraries only
# under its sysroot; add the deps prefix so the library that pkg-config names
# (BUILD_DIR/deps/lib/libcjson.a) is found too.
log=$build/core-configure.log
if ! emcmake cmake -S "$repo" -B "$build/core" \
  -DGREATGAME_CORE_ONLY=ON \
  -DCMAKE_BUILD_TYPE=Release \
  -DGREATGAME_INSTALL=OFF \
  "-DCMAKE_FIND_ROOT_PATH=$build/deps" \
  "-DPKG_CONFIG_EXECUTABLE=$(command -v pkg-config)" \
  >"$log" 2>&1; then
  tail -n 15 "$log" >&2
  die 1 "configuring the wasm build failed (log: $log)"
fi

log=$build/core-build.log
if ! cmake --build "$build/core" --target gg_wasm_run --parallel 2 >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  die 1 "building gg_wasm_run failed (log: $log)"
fi

js=$build/core/tests/web/gg_wasm_run.js
[ -f "$js" ] || die 1 "the build made no $js"
[ -f "${js%.js}.wasm" ] || die 1 "the build made no ${js%.js}.wasm"
node "$js" --help >/dev/null 2>&1 || die 1 "node $js --help failed: the program does not start under node $(node --version)"
echo "$js"
