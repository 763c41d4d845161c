#!/bin/sh
# Schema checks for CTest. Exit 77 (skipped) when node is absent.
#   run.sh shipped  GREATGAME SCENARIO_DIR   every shipped scenario satisfies the schema
#   run.sh agree    GREATGAME SCENARIO_DIR   validate and the schema agree on the fixtures
#   run.sh ranges   GREATGAME SCENARIO_DIR   schema ranges match `greatgame params --json`
mode=$1 gg=$2 dir=$3
here=$(cd "$(dirname "$0")" && pwd)
schema=$dir/schema/scenario-format-1.json
command -v node >/dev/null 2>&1 || { echo "node not found: skipped"; exit 77; }
if [ ! -d "$here/node_modules/ajv" ]; then
  echo "$here/node_modules: missing; run npm ci --prefix tests/schema" >&2
  exit 1
fi
check() { node "$here/check.mjs" "$@"; }
case $mode in
shipped)
  # each file against the schema of its format
  set --
  two=""
  for f in "$dir"/*.json; do
    if grep -q '"format": *2' "$f"; then two="$two $f"; else set -- "$@" "$f"; fi
  done
  check valid "$schema" "$@" "$here/valid_minimal.json" || exit 1
  if [ -n "$two" ]; then
    # shellcheck disable=SC2086
    check valid "$dir/schema/scenario-format-2.json" $two || exit 1
  fi
  ;;
agree)
  fail=0
  "$gg" validate "$here/valid_minimal.json" >/dev/null || { echo "validate rejects valid_minimal.json" >&2; fail=1; }
  check valid "$schema" "$here/valid_minimal.json" >/dev/null || fail=1
  for f in "$here"/invalid/*.json; do
    "$gg" validate "$f" >/dev/null 2>"$here/.agree.err.$$"
    rc=$?
    if [ $rc -ne 2 ]; then
      echo "$f: greatgame validate exited $rc, expected 2" >&2
      fail=1
    else
      echo "$f: validate says: $(cat "$here/.agree.err.$$")"
    fi
    check invalid "$schema" "$f" >/dev/null || fail=1
  done
  rm -f "$here/.agree.err.$$"
  exit $fail
  ;;
ranges)
  tmp=${TMPDIR:-/tmp}/gg_params_$$.json
  "$gg" params --json >"$tmp" || { echo "greatgame params --json failed" >&2; rm -f "$tmp"; exit 1; }
  check ranges "$schema" "$tmp"
  rc=$?
  rm -f "$tmp"
  exit $rc
  ;;
*)
  echo "usage: run.sh shipped|agree|ranges GREATGAME SCENARIO_DIR" >&2
  exit 2
  ;;
esac
