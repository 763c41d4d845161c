#!/bin/sh
# --max-memory: a run over the limit is refused up front (exit 2, the
# estimate in the message, nothing written); within the limit it runs.
# Usage: memory_limit.sh GREATGAME WORKDIR
set -u
gg=$1
work=$2
. "$(dirname "$0")/lib.sh"
rm -rf "$work"
mkdir -p "$work"
"$gg" run --max-memory 4K --out "$work/small" -q 2>"$work/e1"
rc=$?
[ $rc -eq 2 ] || fail "over the limit: exit $rc, expected 2"
grep -q "would need about [0-9.]* [KMG]*i*B" "$work/e1" || fail "no estimate in: $(cat "$work/e1")"
grep -q "4.0 KiB" "$work/e1" || fail "the limit is not in: $(cat "$work/e1")"
[ ! -e "$work/small" ] || fail "something was written although the run was refused"
"$gg" run --max-memory 1G --out "$work/ok" -q || fail "within the limit: refused"
"$gg" run --max-memory 12furlongs -q 2>"$work/e2"
[ $? -eq 2 ] || fail "a malformed size was accepted"
check_err "$work/e2" "--max-memory 12furlongs"
# More replicates need more memory (the record keeps each one).
"$gg" run --max-memory 64K --replicates 1000 -q 2>"$work/e3"
[ $? -eq 2 ] || fail "1000 replicates fit in 64 KiB?"
echo "memory limit: refused up front with the estimate"
rm -rf "$work"
