#!/bin/sh
# F5, standard output: every command that prints results checks that they
# were written. With standard output on a full device (>/dev/full) or closed
# (>&-) it exits 1 with one line, "standard output: write failed: REASON"
# (run -o - and generate -o - keep their own message). A command that prints
# nothing is not failed by a closed standard output, and a command that
# already failed keeps its status and its one message.
# Usage: stdout_faults.sh GREATGAME WORKDIR
set -u
gg=$1
work=$2
. "$(dirname "$0")/lib.sh"
sc=$(cd "$(dirname "$0")/../../scenarios" && pwd)
rm -rf "$work"
mkdir -p "$work"
full=0
[ -w /dev/full ] && full=1
checked=0

# one_line FILE WHAT: exactly one line on standard error
one_line() {
  [ "$(wc -l <"$1")" -eq 1 ] || fail "$2: expected one error line, got: $(cat "$1")"
}

# expect_lost PATTERN ARGS...: the command succeeds with standard output on
# a file, and exits 1 with one line matching PATTERN (a grep pattern;
# REASON stands for the reason) when standard output is full or closed.
expect_lost() {
  pat=$1
  shift
  rm -rf "$work/dir"
  "$gg" "$@" >"$work/out" 2>"$work/err" || fail "$*: exit $? with standard output on a file: $(cat "$work/err")"
  [ -s "$work/out" ] || fail "$*: printed nothing (not a command that prints)"
  if [ $full -eq 1 ]; then
    rm -rf "$work/dir"
    "$gg" "$@" >/dev/full 2>"$work/err"
    rc=$?
    [ $rc -eq 1 ] || fail "$* >/dev/full: exit $rc, expected 1"
    one_line "$work/err" "$* >/dev/full"
    p=$(printf '%s' "$pat" | sed 's/REASON/No space left on device/')
    grep -q "$p" "$work/err" || fail "$* >/dev/full: message: $(cat "$work/err")"
  fi
  rm -rf "$work/dir"
  "$gg" "$@" >&- 2>"$work/err"
  rc=$?
  [ $rc -eq 1 ] || fail "$* >&-: exit $rc, expected 1"
  one_line "$work/err" "$* >&-"
  p=$(printf '%s' "$pat" | sed 's/REASON/Bad file descriptor/')
  grep -q "$p" "$work/err" || fail "$* >&-: message: $(cat "$work/err")"
  checked=$((checked + 1))
}

std='^standard output: write failed: REASON$'

# 1. The commands that print results.
expect_lost "$std" --help
expect_lost "$std" --version
expect_lost "$std" params
expect_lost "$std" params --json
expect_lost "$std" explain --state KZ
expect_lost "$std" explain --state KZ --from 2021-01 --to 2024-06
expect_lost "$std" compare "$sc/central_asia_2020.json" "$sc/us_pivot.json" --replicates 2 -q
expect_lost "$std" validate "$sc/central_asia_2020.json" "$sc/us_pivot.json"
expect_lost "$std" run
expect_lost "$std" run --replicates 2 --set time.ticks=12
expect_lost '^-o -: write failed: REASON$' run -o - -q
expect_lost "$std" sweep --param 'powers.CN.budget.investment=100:600:3' --set time.ticks=12 --out "$work/dir"
expect_lost '^-: write' generate --states 3 --powers 2 -o -
# 2. Every command's --help, as the build has it.
for c in run validate params explain compare sweep sensitivity merge calibrate generate plot view; do
  if "$gg" "$c" --help >/dev/null 2>&1; then
    expect_lost "$std" "$c" --help
  fi
done
if "$gg" view --help >/dev/null 2>&1; then
  expect_lost "$std" view --screenshot "$work/view.png" --size 800x450 --frames 2
fi

# 3. A command that prints nothing succeeds with standard output closed,
#    and its files are those of a run with standard output open (no file
#    took descriptor 1 in its place).
"$gg" run -q >&- 2>"$work/err" || fail "run -q >&-: exit $?: $(cat "$work/err")"
"$gg" run --out "$work/open" -q --set time.ticks=12 || fail "run --out: exit $?"
"$gg" run --out "$work/closed" -q --set time.ticks=12 >&- 2>"$work/err" ||
  fail "run --out >&-: exit $?: $(cat "$work/err")"
for f in alignment.csv stocks.csv utility.csv summary.json; do
  cmp -s "$work/open/$f" "$work/closed/$f" || fail "run --out >&-: $f differs from a run with standard output open"
done
if "$gg" plot --help >/dev/null 2>&1; then
  "$gg" plot --kind bars --size 200x120 --out "$work/p.png" >&- 2>"$work/err" ||
    fail "plot >&-: exit $?: $(cat "$work/err")"
  [ -s "$work/p.png" ] || fail "plot >&-: no PNG"
fi
if [ $full -eq 1 ]; then
  "$gg" run --out "$work/full" -q --set time.ticks=12 >/dev/full 2>"$work/err" ||
    fail "run --out >/dev/full: exit $?: $(cat "$work/err")"
fi

# 4. A command that failed keeps its status and its own one line.
"$gg" validate "$sc/us_pivot.json" "$work/missing.json" >&- 2>"$work/err"
rc=$?
[ $rc -eq 2 ] || fail "validate with a missing file >&-: exit $rc, expected 2"
one_line "$work/err" "validate with a missing file >&-"
check_err "$work/err" "$work/missing.json"
"$gg" run --set states.XX.noise=1 >&- 2>"$work/err"
[ $? -eq 2 ] || fail "a bad --set >&-: exit not 2"
one_line "$work/err" "a bad --set >&-"

echo "standard output: $checked commands report a lost output"
rm -rf "$work"
