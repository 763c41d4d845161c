#!/bin/sh
# The names libgreatgame gives the linker: every external symbol of the static
# library starts with gg (gg_ public, gga_ analysis internals, ggl_ loader
# internals), and the shared library exports only gg_ names, each declared in
# a public header. OpenMP's named critical sections are the one exception:
# the compiler names their locks .gomp_critical_user_NAME, global by design.
# usage: check_symbols.sh LIBGREATGAME.a LIBGREATGAME.so PUBLIC_INCLUDE_DIR
set -eu
static=$1
shared=$2
include=$3
failed=0
bad=$(nm -g --defined-only "$static" | awk '$2 ~ /^[TDBRVWC]$/ {print $3}' | grep -v '^gg\|^\.gomp_critical_user_' || true)
if [ -n "$bad" ]; then
  echo "$static: external names without the gg prefix:" $bad
  failed=$((failed + 1))
fi
exported=$(nm -D --defined-only "$shared" | awk '$2 ~ /^[TDBRVWC]$/ {print $3}' | grep -v '^\.gomp_critical_user_')
bad=$(echo "$exported" | grep -v '^gg_' || true)
if [ -n "$bad" ]; then
  echo "$shared: exports names that are not gg_:" $bad
  failed=$((failed + 1))
fi
internal=$(echo "$exported" | grep '^gga_\|^ggl_' || true)
if [ -n "$internal" ]; then
  echo "$shared: exports internal names:" $internal
  failed=$((failed + 1))
fi
undeclared=""
for name in $exported; do
  grep -q "\b$name(" "$include"/*.h || undeclared="$undeclared $name"
done
if [ -n "$undeclared" ]; then
  echo "$shared: exports names no public header declares:$undeclared"
  failed=$((failed + 1))
fi
n=$(echo "$exported" | grep -c '^gg_' || true)
echo "symbols: $n gg_ names exported"
echo "symbols: $((4 - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
