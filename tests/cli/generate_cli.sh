#!/bin/sh
# greatgame generate: generated scenarios of several sizes validate and run;
# the same options give the same bytes; bad usage exits 2 with one line
# starting with the option at fault and writes nothing.
# usage: generate_cli.sh GREATGAME WORKDIR
set -eu
gg=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
fail() {
  echo "generate_cli: $*" >&2
  exit 1
}
"$gg" generate --help | grep -q "usage: greatgame generate" || fail "--help prints no usage"

# states powers channels ticks [--contest]
for size in "1 1 1 1" "2 2 16 3" "5 3 3 132" "50 3 3 24" "50 8 3 24 --contest" "500 8 3 12" \
  "4096 3 3 2" "9 32 2 6 --contest"; do
  set -- $size
  f="$work/g_$1_$2_$3_$4.json"
  extra=""
  if [ $# -ge 5 ]; then extra=$5; fi
  "$gg" generate --states "$1" --powers "$2" --channels "$3" --ticks "$4" $extra --seed 11 -o "$f" \
    || fail "generate $size failed"
  "$gg" validate "$f" | grep -q "$1 states, $2 powers, $3 channels" || fail "$f does not validate"
  rm -rf "$work/out"
  "$gg" run "$f" --quiet --out "$work/out" || fail "run $f failed"
  rows=$(($(wc -l <"$work/out/alignment.csv") - 1))
  [ "$rows" -eq $(($1 * ($2 + 1) * ($4 + 1))) ] || fail "$f: $rows alignment rows"
  if grep -qi "nan\|inf" "$work/out/alignment.csv"; then fail "$f: non-finite shares"; fi
done

# Deterministic: same options, same bytes; another seed, other bytes.
"$gg" generate --states 40 --powers 4 --seed 5 -o "$work/a.json"
"$gg" generate --states 40 --powers 4 --seed 5 -o - >"$work/b.json"
"$gg" generate --states 40 --powers 4 --seed 6 -o "$work/c.json"
cmp -s "$work/a.json" "$work/b.json" || fail "the same seed gave different files"
if cmp -s "$work/a.json" "$work/c.json"; then fail "two seeds gave the same file"; fi

# Bad usage.
expect_bad() {
  prefix=$1
  shift
  set +e
  "$gg" generate "$@" -o "$work/bad.json" 2>"$work/err.txt" >/dev/null
  rc=$?
  set -e
  [ $rc -eq 2 ] || fail "exit $rc, expected 2: $*"
  [ "$(wc -l <"$work/err.txt")" -eq 1 ] || fail "expected one error line: $*"
  head -c ${#prefix} "$work/err.txt" | grep -qF -- "$prefix" || fail "error should start with $prefix: $(cat "$work/err.txt")"
  [ ! -e "$work/bad.json" ] || fail "file written on bad input: $*"
}
expect_bad "--states" --powers 3
expect_bad "--powers" --states 3
expect_bad "--states" --states 0 --powers 3
expect_bad "--states" --states 4097 --powers 3
expect_bad "--powers" --states 5 --powers 33
expect_bad "--channels" --states 5 --powers 3 --channels 17
expect_bad "--ticks" --states 5 --powers 3 --ticks 0
expect_bad "--seed" --states 5 --powers 3 --seed -1
expect_bad "--frobnicate" --states 5 --powers 3 --frobnicate
echo "generate_cli: ok"
