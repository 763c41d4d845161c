#!/bin/sh
# `cmake --install` into a temporary prefix, then build and run a program
# against the installed library through pkg-config.
# usage: check_install.sh BUILD_DIR WORK_DIR SOURCE_DIR
set -eu
build=$1
work=$2
src=$3
rm -rf "$work"
mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" >"$work/install.log"
pc=$(find "$work/prefix" -name greatgame.pc | head -n 1)
[ -n "$pc" ] || { echo "no greatgame.pc installed" >&2; exit 1; }
export PKG_CONFIG_PATH="$(dirname "$pc")"
libdir=$(pkg-config --variable=libdir greatgame)
cc -std=c17 -Wall -Werror "$src/tests/install/use_library.c" -o "$work/use_library" \
  $(pkg-config --cflags --libs greatgame) -Wl,-rpath,"$libdir"
out=$("$work/use_library")
echo "$out"
case "$out" in
  "0.1.0 Central Asia 2020 baseline KZ RU "*) echo "install: 1 passed, 0 failed" ;;
  *) echo "install: unexpected output" >&2; exit 1 ;;
esac
