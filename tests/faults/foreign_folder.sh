#!/bin/sh
# Other people's files (finding F7): a folder that is not empty and holds no
# manifest.json of greatgame (here a user's alignment.csv, runs.csv, fit.csv
# and notes) is refused by run, sweep, sensitivity, calibrate and merge,
# and left exactly as it was; with --force, run and calibrate write their
# results and touch only greatgame's own file names (notes.txt stays).
# A folder holding only greatgame's temporary files or lock counts as empty.
# Usage: foreign_folder.sh GREATGAME SOURCE_DIR WORKDIR
set -u
gg=$1
src=$2
work=$3
. "$(dirname "$0")/lib.sh"
rm -rf "$work"
mkdir -p "$work"
targets="$src/scenarios/targets/central_asia_example.csv"
sweep="--param states.KZ.noise=0:0.1 --design lhs --samples 6 --replicates 2 --block-runs 4
       --threads 1 --quiet"

user_folder() {
  rm -rf "$1"
  mkdir -p "$1"
  echo "my alignment" >"$1/alignment.csv"
  echo "my runs" >"$1/runs.csv"
  echo "my fit" >"$1/fit.csv"
  echo "my notes" >"$1/notes.txt"
}
listing() {
  (cd "$1" && ls -A | sort | while read -r f; do printf '%s ' "$f"; cksum <"$f"; done)
}
# refused STATUS PREFIX DIR command...: the exit status, one line starting
# with PREFIX, and DIR exactly as it was.
refused() {
  want=$1
  prefix=$2
  dir=$3
  shift 3
  before=$(listing "$dir")
  "$@" >/dev/null 2>"$work/err"
  rc=$?
  [ $rc -eq "$want" ] || fail "exit $rc, expected $want: $* ($(cat "$work/err"))"
  grep -v '^warning: ' "$work/err" >"$work/err1"
  [ "$(wc -l <"$work/err1")" -eq 1 ] || fail "not one error line: $*: $(cat "$work/err")"
  check_err "$work/err1" "$prefix"
  [ "$(listing "$dir")" = "$before" ] || fail "$dir changed: $*"
}

user_folder "$work/u"
msg="$work/u: not empty and holds no greatgame results"
refused 1 "--out $msg" "$work/u" "$gg" run --out "$work/u" --quiet
grep -q -- "use --force to write into it anyway" "$work/err" || fail "run: no --force hint"
# shellcheck disable=SC2086
refused 1 "--out $msg" "$work/u" "$gg" sweep $sweep --out "$work/u"
grep -q -- "; use an empty or new folder" "$work/err" || fail "sweep: no hint"
# shellcheck disable=SC2086
refused 1 "--out $msg" "$work/u" "$gg" sweep $sweep --resume --out "$work/u"
refused 1 "--out $msg" "$work/u" "$gg" sensitivity --param states.KZ.noise=0:0.1 --samples 4 \
  --quiet --out "$work/u"
refused 1 "--out $msg" "$work/u" "$gg" calibrate --targets "$targets" \
  --param 'states.*.responsiveness=0.01:0.3' --starts 1 --quiet --out "$work/u"
grep -q -- "use --force to write into it anyway" "$work/err" || fail "calibrate: no --force hint"
for i in 0 1; do
  # shellcheck disable=SC2086
  "$gg" sweep $sweep --shard $i/2 --out "$work/s$i" >/dev/null || fail "shard $i failed"
done
refused 1 "$msg" "$work/u" "$gg" merge "$work/u" "$work/s0" "$work/s1"
grep -q -- "; merge into a new folder" "$work/err" || fail "merge: no hint"

# A manifest.json that greatgame did not write is not greatgame's results.
mkdir -p "$work/m"
echo '{"name": "my web app", "start_url": "/"}' >"$work/m/manifest.json"
refused 1 "--out $work/m: holds a manifest.json that greatgame did not write" "$work/m" \
  "$gg" calibrate --targets "$targets" --param 'states.*.responsiveness=0.01:0.3' --starts 1 \
  --quiet --out "$work/m"

# With --force: the results are written, the user's other files stay.
"$gg" run --out "$work/u" --force --quiet || fail "run --force into a user's folder failed"
[ "$(cat "$work/u/notes.txt")" = "my notes" ] || fail "run --force changed notes.txt"
[ "$(cat "$work/u/runs.csv")" = "my runs" ] || fail "run --force touched runs.csv, not one of its files"
test -s "$work/u/manifest.json" || fail "run --force: no manifest.json"
user_folder "$work/c"
"$gg" calibrate --targets "$targets" --param 'states.*.responsiveness=0.01:0.3' --starts 1 \
  --max-iter 10 --quiet --force --out "$work/c" 2>/dev/null || fail "calibrate --force failed"
[ "$(cat "$work/c/notes.txt")" = "my notes" ] || fail "calibrate --force changed notes.txt"
grep -q '^param,value' "$work/c/fit.csv" || fail "calibrate --force did not write fit.csv"
[ "$(cat "$work/c/alignment.csv")" = "my alignment" ] ||
  fail "calibrate --force touched alignment.csv, not one of its files"
# Over earlier greatgame results, --force leaves none of their files beside
# the new ones.
"$gg" run --out "$work/r" --quiet || fail "run failed"
"$gg" calibrate --targets "$targets" --param 'states.*.responsiveness=0.01:0.3' --starts 1 \
  --max-iter 10 --quiet --force --out "$work/r" 2>/dev/null || fail "calibrate --force failed"
for f in alignment.csv stocks.csv utility.csv summary.json; do
  [ ! -e "$work/r/$f" ] || fail "calibrate --force left run's $f beside its results"
done

# Only greatgame's temporary files (of a process that died) and a stale
# lock: the folder counts as empty.
mkdir -p "$work/t"
: >"$work/t/runs.csv.tmp.999999999"
# shellcheck disable=SC2086
"$gg" sweep $sweep --out "$work/t" >/dev/null || fail "sweep into a folder of temporary files refused"
check_no_temps "$work/t"

echo "foreign folders: refused, and --force touches only greatgame's names"
rm -rf "$work"
