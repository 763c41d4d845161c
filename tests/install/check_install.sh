#!/bin/sh
# The library as a user meets it, three ways:
# 1. `cmake --install` into a temporary prefix, then a program built against
#    it through pkg-config;
# 2. the same prefix found by a CMake project with find_package(greatgame);
# 3. greatgame added to a CMake project with add_subdirectory.
# usage: check_install.sh BUILD_DIR WORK_DIR SOURCE_DIR
set -eu
build=$1
work=$2
src=$3
rm -rf "$work"
mkdir -p "$work"
passed=0
version=$(sed -n 's/^#define GG_VERSION_STRING "\(.*\)"/\1/p' "$src/engine/include/greatgame/base.h")
expect() { # NAME OUTPUT
  case "$2" in
    "$version Central Asia 2020 baseline, model GG-2 KZ "*) passed=$((passed + 1)) ;;
    *) echo "install: $1: unexpected output: $2" >&2; exit 1 ;;
  esac
}

cmake --install "$build" --prefix "$work/prefix" >"$work/install.log"
pc=$(find "$work/prefix" -name greatgame.pc | head -n 1)
[ -n "$pc" ] || { echo "no greatgame.pc installed" >&2; exit 1; }
export PKG_CONFIG_PATH="$(dirname "$pc")"
[ "$(pkg-config --modversion greatgame)" = "$version" ] || { echo "greatgame.pc: version is not $version" >&2; exit 1; }
libdir=$(pkg-config --variable=libdir greatgame)
cc -std=c17 -Wall -Werror "$src/tests/install/use_library.c" -o "$work/use_library" \
  $(pkg-config --cflags --libs greatgame) -Wl,-rpath,"$libdir"
expect pkg-config "$("$work/use_library")"

cmake -S "$src/tests/install/find_package" -B "$work/find_package" -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DUSE_LIBRARY_SOURCE="$src/tests/install/use_library.c" -DCMAKE_BUILD_RPATH="$libdir" >"$work/fp.log"
cmake --build "$work/find_package" >>"$work/fp.log" 2>&1 || { cat "$work/fp.log" >&2; exit 1; }
expect find_package "$("$work/find_package/use_library")"
expect find_package-static "$("$work/find_package/use_library_static")"

cmake -S "$src/tests/install/subdirectory" -B "$work/subdirectory" -DGREATGAME_SOURCE="$src" \
  -DUSE_LIBRARY_SOURCE="$src/tests/install/use_library.c" >"$work/sub.log" 2>&1 || { cat "$work/sub.log" >&2; exit 1; }
cmake --build "$work/subdirectory" -j2 >>"$work/sub.log" 2>&1 || { cat "$work/sub.log" >&2; exit 1; }
expect add_subdirectory "$("$work/subdirectory/use_library")"
echo "install: $passed passed, 0 failed"
