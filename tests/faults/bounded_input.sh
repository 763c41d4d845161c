#!/bin/sh
# Bounded reading of scenario files (F6 and the FIFO finding of the attack
# review): what is not a regular file is refused at once unless asked for
# with "-" (standard input), a file over the size limit is refused before it
# is read, the limit can be raised, and standard input is read up to it.
# Usage: bounded_input.sh GREATGAME WORKDIR
set -u
gg=$1
work=$2
. "$(dirname "$0")/lib.sh"
rm -rf "$work"
mkdir -p "$work"
passed=0
expect() { # EXIT LINE CMD...: exit status and the exact one-line message
  want=$1
  line=$2
  shift 2
  timeout 20 "$@" >"$work/out" 2>"$work/err" </dev/null
  rc=$?
  [ "$rc" -eq "$want" ] || fail "$*: exit $rc, expected $want: $(cat "$work/err")"
  [ -z "$line" ] || [ "$(cat "$work/err")" = "$line" ] || fail "$*: message '$(cat "$work/err")', expected '$line'"
  passed=$((passed + 1))
}
scen=$(dirname "$0")/../../scenarios/us_pivot.json

mkfifo "$work/fifo"
expect 2 "$work/fifo: is a pipe (FIFO), expected a regular file" "$gg" validate "$work/fifo"
expect 2 "$work/fifo: is a pipe (FIFO), expected a regular file" "$gg" run "$work/fifo" -o "$work/f.csv"
[ ! -e "$work/f.csv" ] || fail "a refused FIFO wrote output"
expect 2 "/dev/zero: is a character device, expected a regular file" "$gg" validate /dev/zero
expect 2 "$work: is a folder, expected a regular file" "$gg" validate "$work"

# 65 MiB of spaces: over the default 64 MiB, refused without being read
head -c 68157440 /dev/zero | tr '\0' ' ' >"$work/big.json"
expect 2 "$work/big.json: file of 65.0 MiB, larger than the limit of 64.0 MiB" "$gg" validate "$work/big.json"
expect 2 "$scen: file of 9.7 KiB, larger than the limit of 1.0 KiB" "$gg" --max-scenario-size 1K validate "$scen"
expect 0 "" "$gg" --max-scenario-size=1M validate "$scen"
expect 2 "--max-scenario-size 12Q: unknown unit \"Q\" (use B, K, M, G, T or %)" "$gg" --max-scenario-size 12Q validate "$scen"

# --max-memory counts from the first byte: a scenario whose loading alone
# may need more is refused before it is read (48 bytes per byte of the file
# plus 1 MiB, an upper bound)
"$gg" generate --states 2000 --powers 32 --channels 16 -o "$work/gen.json" || fail "generate"
size=$(wc -c <"$work/gen.json")
"$gg" run "$work/gen.json" --max-memory 100M -o "$work/gen.csv" >"$work/out" 2>"$work/err"
rc=$?
[ $rc -eq 2 ] || fail "run --max-memory 100M on a $size-byte scenario: exit $rc"
grep -q "^$work/gen.json: reading a scenario file of .* may need up to .* of memory, over the limit of 100.0 MiB; raise it with --max-memory SIZE\$" "$work/err" ||
  fail "run --max-memory: $(cat "$work/err")"
[ ! -e "$work/gen.csv" ] || fail "run --max-memory: output written"
passed=$((passed + 1))

# standard input, when asked for with "-", up to the limit
"$gg" validate - <"$scen" >"$work/out" 2>"$work/err" || fail "validate - <file: $(cat "$work/err")"
passed=$((passed + 1))
head -c 2000000 /dev/zero | timeout 20 "$gg" --max-scenario-size 1M validate - >"$work/out" 2>"$work/err"
rc=$?
[ $rc -eq 2 ] && [ "$(cat "$work/err")" = "-: more than the limit of 1.0 MiB" ] ||
  fail "an endless standard input: exit $rc: $(cat "$work/err")"
passed=$((passed + 1))
echo "bounded input: $passed passed, 0 failed"
rm -rf "$work"
