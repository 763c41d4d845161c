#!/bin/sh
# Usage and option errors of greatgame: --help for every command built in,
# --version, no arguments, unknown commands and unknown options.
# usage: usage.sh GREATGAME WORK_DIR
set -eu
gg=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
fails=0
fail() {
  echo "usage: $*" >&2
  fails=$((fails + 1))
}
# status EXPECTED_EXIT ARGS...: run greatgame, keep stdout/stderr in $work
status() {
  want=$1
  shift
  set +e
  "$gg" "$@" >"$work/out.txt" 2>"$work/err.txt" </dev/null
  rc=$?
  set -e
  [ $rc -eq "$want" ] || fail "greatgame $*: exit $rc, expected $want"
}
# one_line PREFIX: stderr is exactly one line, starting with PREFIX
one_line() {
  n=$(wc -l <"$work/err.txt")
  [ "$n" -eq 1 ] || fail "expected one line on standard error, got $n: $(cat "$work/err.txt")"
  case "$(cat "$work/err.txt")" in
  "$1"*) ;;
  *) fail "expected an error starting with '$1', got: $(cat "$work/err.txt")" ;;
  esac
}

status 0 --help
grep -q '^usage: greatgame \[--max-scenario-size SIZE\] COMMAND' "$work/out.txt" || fail "--help: no usage line"
cmds=$(sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p' "$work/out.txt")
for c in run validate params; do
  printf '%s\n' "$cmds" | grep -qx "$c" || fail "--help does not list $c"
done
for c in $cmds; do
  status 0 "$c" --help
  grep -q "^usage: greatgame $c" "$work/out.txt" || fail "$c --help: no 'usage: greatgame $c' line"
  [ -s "$work/err.txt" ] && fail "$c --help: wrote to standard error"
  status 0 "$c" -h
  grep -q "^usage: greatgame $c" "$work/out.txt" || fail "$c -h: no usage line"
done

status 0 --version
grep -qx 'greatgame [0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*.*' "$work/out.txt" || fail "--version: got $(cat "$work/out.txt")"

status 2
grep -q 'usage: greatgame \[--max-scenario-size SIZE\] COMMAND' "$work/err.txt" || fail "no arguments: no usage on standard error"
[ -s "$work/out.txt" ] && fail "no arguments: wrote to standard output"

status 2 frobnicate
one_line "frobnicate:"
status 2 --frobnicate
one_line "--frobnicate:"
for c in run validate params; do
  status 2 "$c" --frobnicate
  one_line "--frobnicate:"
  [ -s "$work/out.txt" ] && fail "$c --frobnicate: wrote to standard output"
done
# options that need a value
status 2 run --seed
one_line "--seed"
status 2 run --seed -3
one_line "--seed"
status 2 run --seed 12abc
one_line "--seed"
status 2 run --seed 18446744073709551616
one_line "--seed"
status 2 run --replicates 0
one_line "--replicates"
status 2 run --replicates 1.5
one_line "--replicates"
status 2 run --out
one_line "--out"
status 2 run --out "$work/a" -o "$work/b.csv"
one_line "-o"
[ -e "$work/a" ] || [ -e "$work/b.csv" ] && fail "run --out with -o: wrote something"
status 2 validate
one_line "validate"
status 2 run "$work/missing.json"
one_line "$work/missing.json"

if [ $fails -ne 0 ]; then
  echo "usage: $fails failures" >&2
  exit 1
fi
echo "usage: ok ($(printf '%s\n' "$cmds" | wc -l) commands)"
