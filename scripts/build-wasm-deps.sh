#!/bin/sh
# Build the WebAssembly dependencies of the engine's core into PREFIX:
# cJSON from Debian's own source package, compiled with Debian's emscripten.
#
#   scripts/build-wasm-deps.sh PREFIX
#
# Installs PREFIX/include/cjson/cJSON.h, PREFIX/lib/libcjson.a and
# PREFIX/lib/pkgconfig/libcjson.pc. The source comes from `apt-get source cjson`
# through a private apt folder, PREFIX/apt/, whose deb-src lines are derived
# from the machine's configured Debian mirror: /etc/apt is never changed, and
# it works as root or as a normal user. Nothing is copied into the repository.
# Idempotent: does nothing when PREFIX already holds this build.
# Exit status: 0 success, 1 a download or build failed, 2 bad usage or emcc missing.
set -eu

me="build-wasm-deps.sh"
die() { # die STATUS MESSAGE
  echo "$me: $2" >&2
  exit "$1"
}

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: scripts/$me PREFIX" >&2
  exit 2
fi
case $1 in -h | --help)
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
  ;;
esac

command -v emcc >/dev/null 2>&1 || die 2 "emcc not found on PATH (install Debian's emscripten package)"
command -v emar >/dev/null 2>&1 || die 2 "emar not found on PATH (install Debian's emscripten package)"

# Debian's emcc runs its JavaScript tools with the machine's node and needs the
# modules Debian ships in /usr/share/nodejs (acorn); a node that is not
# Debian's does not look there.
NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs"
export NODE_PATH

mkdir -p "$1" || die 1 "$1: cannot create the folder"
PREFIX=$(cd "$1" && pwd)
EMCC_VERSION=$(emcc -dumpversion 2>/dev/null) || die 2 "emcc does not run (emcc -dumpversion failed)"
CFLAGS_WASM="-O2 -ffp-contract=off"
stamp=$PREFIX/.cjson-wasm.stamp

built_ok() {
  [ -f "$stamp" ] && [ -f "$PREFIX/include/cjson/cJSON.h" ] && [ -f "$PREFIX/lib/libcjson.a" ] &&
    [ -f "$PREFIX/lib/pkgconfig/libcjson.pc" ] &&
    [ "$(sed -n 2p "$stamp")" = "emcc $EMCC_VERSION $CFLAGS_WASM" ] &&
    [ "$(sed -n 3p "$stamp")" = "prefix $PREFIX" ]
}
if built_ok; then
  echo "$me: $(sed -n 1p "$stamp") for wasm32 is already in $PREFIX"
  exit 0
fi

# ---- the private apt folder -------------------------------------------------
apt_dir=$PREFIX/apt
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/sources.list.d"

# deb-src lines for every enabled `deb` entry of this Debian release (suites
# CODENAME, CODENAME-updates, CODENAME-security), from the one-line .list
# format and the deb822 .sources format. Other vendors' repositories are left out.
# shellcheck disable=SC1091 # the machine's own file
codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}") || codename=""
if [ -z "$codename" ] && command -v lsb_release >/dev/null 2>&1; then
  codename=$(lsb_release -sc 2>/dev/null || true)
fi
[ -n "$codename" ] || die 1 "cannot tell this Debian release's codename (no VERSION_CODENAME in /etc/os-release)"

SL=/etc/apt/sources.list
SP=/etc/apt/sources.list.d
eval "$(apt-config shell SL Dir::Etc::SourceList/f SP Dir::Etc::SourceParts/d 2>/dev/null)" || true
SP=${SP%/}
list_files=""
[ -f "$SL" ] && list_files=$SL
for f in "$SP"/*.list; do [ -f "$f" ] && list_files="$list_files $f"; done
sources_files=""
for f in "$SP"/*.sources; do [ -f "$f" ] && sources_files="$sources_files $f"; done

{
  for f in $list_files; do
    awk -v cn="$codename" '
      { sub(/#.*/, "") }
      $1 == "deb" {
        i = 2; opts = ""
        if ($2 ~ /^\[/) {
          while (i <= NF) { opts = opts (opts == "" ? "" : " ") $i; if ($i ~ /\]$/) { i++; break } i++ }
        }
        uri = $i; suite = $(i + 1); comps = ""
        for (j = i + 2; j <= NF; j++) comps = comps " " $j
        if (suite == cn || index(suite, cn "-") == 1)
          print "deb-src" (opts == "" ? "" : " " opts) " " uri " " suite comps
      }' "$f"
  done
  for f in $sources_files; do
    awk -v cn="$codename" '
      function flush(   n, u, s, ui, si, opt) {
        if (types ~ /(^|[ \t])deb([ \t]|$)/ && enabled !~ /^[Nn][Oo]$/) {
          n = split(uris, u, /[ \t]+/); split(suites, s, /[ \t]+/)
          opt = (signed != "" && signed !~ /BEGIN/) ? "[signed-by=" signed "] " : ""
          for (ui = 1; ui <= n; ui++) for (si = 1; si in s; si++)
            if (u[ui] != "" && (s[si] == cn || index(s[si], cn "-") == 1))
              print "deb-src " opt u[ui] " " s[si] (comps == "" ? "" : " " comps)
        }
        types = uris = suites = comps = signed = enabled = ""
      }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      /^[ \t]/ { next }
      {
        key = tolower($0); sub(/:.*/, "", key)
        val = $0; sub(/^[^:]*:[ \t]*/, "", val); sub(/[ \t]+$/, "", val)
        if (key == "types") types = val
        else if (key == "uris") uris = val
        else if (key == "suites") suites = val
        else if (key == "components") comps = val
        else if (key == "signed-by") signed = val
        else if (key == "enabled") enabled = val
      }
      END { flush() }' "$f"
  done
} | awk '!seen[$0]++' >"$apt_dir/sources.list.new"

if ! [ -s "$apt_dir/sources.list.new" ]; then
  rm -f "$apt_dir/sources.list.new"
  die 1 "no enabled Debian '$codename' deb entry in $SL or $SP/ to derive a deb-src line from"
fi
mv "$apt_dir/sources.list.new" "$apt_dir/sources.list"

# Only our own lists, sources and cache; as root, no switch to the _apt user
# (PREFIX may be a folder _apt cannot enter).
set -- -o "Dir::Etc::SourceList=$apt_dir/sources.list" \
  -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d" \
  -o "Dir::State::Lists=$apt_dir/lists" \
  -o "Dir::Cache=$apt_dir/cache" \
  -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache="
if [ "$(id -u)" = 0 ]; then
  set -- "$@" -o "APT::Sandbox::User=root"
fi

# ---- the source package -------------------------------------------------------
src_dir=$PREFIX/src
find_source() {
  for d in "$src_dir"/cjson-*/; do
    if [ -f "$d/cJSON.c" ] && [ -f "$d/cJSON.h" ] && [ -f "$d/debian/changelog" ]; then
      echo "${d%/}"
      return 0
    fi
  done
  return 1
}
if ! cjson_src=$(find_source); then
  command -v apt-get >/dev/null 2>&1 || die 1 "apt-get not found: the cJSON source comes from Debian's source package"
  command -v dpkg-source >/dev/null 2>&1 || die 1 "dpkg-source not found (install dpkg-dev): apt-get source needs it"
  echo "$me: fetching Debian's cjson source package (deb-src: $(sed -n 1p "$apt_dir/sources.list"))"
  if ! apt-get "$@" -q update >"$apt_dir/update.log" 2>&1; then
    tail -n 5 "$apt_dir/update.log" >&2
    die 1 "apt-get update of the deb-src lists failed (log: $apt_dir/update.log)"
  fi
  got_index=""
  for f in "$apt_dir"/lists/*_Sources*; do [ -f "$f" ] && got_index=1; done
  if [ -z "$got_index" ]; then
    grep -E '^(W|E):' "$apt_dir/update.log" | tail -n 3 >&2 || true
    die 1 "apt-get update fetched no Sources index from $(awk '{print ($2 ~ /^\[/) ? $3 : $2; exit}' "$apt_dir/sources.list") (log: $apt_dir/update.log)"
  fi
  rm -rf "$src_dir"
  mkdir -p "$src_dir"
  if ! (cd "$src_dir" && apt-get "$@" -q source cjson) >"$apt_dir/source.log" 2>&1; then
    tail -n 5 "$apt_dir/source.log" >&2
    die 1 "apt-get source cjson failed (log: $apt_dir/source.log)"
  fi
  cjson_src=$(find_source) || die 1 "apt-get source cjson left no cjson-*/cJSON.c in $src_dir"
fi
for f in "$src_dir"/cjson_*.dsc; do
  [ -f "$f" ] || die 1 "no cjson_*.dsc in $src_dir: the source package did not arrive"
done

version=$(dpkg-parsechangelog -l "$cjson_src/debian/changelog" -S Version 2>/dev/null) ||
  version=$(sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' "$cjson_src/debian/changelog")
[ -n "$version" ] || die 1 "cannot read the version from $cjson_src/debian/changelog"
upstream=${version#*:}
upstream=${upstream%-*}

# ---- build and install ----------------------------------------------------------
build=$PREFIX/build/cjson
rm -rf "$build"
mkdir -p "$build"
# shellcheck disable=SC2086 # CFLAGS_WASM is a list of flags
emcc $CFLAGS_WASM -c "$cjson_src/cJSON.c" -o "$build/cJSON.o" >"$build/build.log" 2>&1 || {
  tail -n 5 "$build/build.log" >&2
  die 1 "emcc failed to compile $cjson_src/cJSON.c (log: $build/build.log)"
}
emar rcs "$build/libcjson.a" "$build/cJSON.o" >>"$build/build.log" 2>&1 ||
  die 1 "emar failed to archive libcjson.a (log: $build/build.log)"

rm -f "$stamp"
mkdir -p "$PREFIX/include/cjson" "$PREFIX/lib/pkgconfig"
cp "$cjson_src/cJSON.h" "$PREFIX/include/cjson/cJSON.h"
cp "$build/libcjson.a" "$PREFIX/lib/libcjson.a"
cat >"$PREFIX/lib/pkgconfig/libcjson.pc" <<EOF
prefix=$PREFIX
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: libcjson
Version: $upstream
Description: Ultralightweight JSON parser in ANSI C (Debian source $version, built for wasm32 with emcc $EMCC_VERSION)
Libs: -L\${libdir} -lcjson
Libs.private: -lm
Cflags: -I\${includedir} -I\${includedir}/cjson
EOF
printf 'cjson %s\nemcc %s %s\nprefix %s\n' "$version" "$EMCC_VERSION" "$CFLAGS_WASM" "$PREFIX" >"$stamp"
echo "$me: built cjson $version for wasm32 into $PREFIX"
