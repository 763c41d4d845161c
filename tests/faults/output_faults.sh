#!/bin/sh
# Output faults: an unwritable folder, a full disk (file size limit and a
# full standard output), a folder that already holds results, and output
# that vanishes mid-run. Each: a clear error, a non-zero exit (1 for write
# failures) and no truncated file under a final name.
# Usage: output_faults.sh GREATGAME WORKDIR
set -u
gg=$1
work=$2
. "$(dirname "$0")/lib.sh"
rm -rf "$work"
mkdir -p "$work"
finals="alignment.csv stocks.csv utility.csv summary.json manifest.json"

no_finals() {
  for f in $finals; do
    [ ! -e "$1/$f" ] || fail "$2: $1/$f exists after a failure"
  done
  check_no_temps "$1"
}

# 1. A folder that cannot be created (a file stands in the way).
: >"$work/file"
"$gg" run --out "$work/file/sub" -q 2>"$work/e1"
rc=$?
[ $rc -eq 1 ] || [ $rc -eq 2 ] || fail "uncreatable folder: exit $rc"
check_err "$work/e1" "--out $work/file/sub"
[ ! -e "$work/file/sub" ] || fail "uncreatable folder: something was created"

# 1b. A read-only folder (only meaningful when not running as root).
if [ "$(id -u)" != 0 ]; then
  mkdir "$work/ro" && chmod 555 "$work/ro"
  "$gg" run --out "$work/ro/out" -q 2>"$work/e1b"
  rc=$?
  [ $rc -ne 0 ] || fail "read-only folder: exit 0"
  check_err "$work/e1b" "--out $work/ro/out"
  "$gg" run -o "$work/ro/a.csv" -q 2>"$work/e1c"
  [ $? -eq 1 ] || fail "read-only folder, -o: exit not 1"
  [ ! -e "$work/ro/a.csv" ] || fail "read-only folder: a.csv written"
  chmod 755 "$work/ro"
fi

# 2. Disk full while writing: a file size limit makes writes fail (EFBIG)
#    part-way, as a full disk does (ENOSPC).
(
  trap '' XFSZ
  ulimit -f 64
  "$gg" run --out "$work/full" --replicates 4 -q 2>"$work/e2"
  echo $? >"$work/rc2"
)
[ "$(cat "$work/rc2")" -eq 1 ] || fail "disk full (--out): exit $(cat "$work/rc2"), expected 1"
check_err "$work/e2" "\(--out \)\{0,1\}$work/full"
no_finals "$work/full" "disk full (--out)"
(
  trap '' XFSZ
  ulimit -f 16
  "$gg" run -o "$work/full.csv" --replicates 4 -q 2>"$work/e2b"
  echo $? >"$work/rc2b"
)
[ "$(cat "$work/rc2b")" -eq 1 ] || fail "disk full (-o): exit $(cat "$work/rc2b"), expected 1"
check_err "$work/e2b" "\(-o \)\{0,1\}$work/full.csv"
[ ! -e "$work/full.csv" ] || fail "disk full (-o): truncated full.csv left"
check_no_temps "$work"

# 2b. Standard output on a full device.
if [ -w /dev/full ]; then
  "$gg" run -o - -q >/dev/full 2>"$work/e2c"
  [ $? -eq 1 ] || fail "-o - to /dev/full: exit not 1"
  check_err "$work/e2c" "\(-o \)\{0,1\}-"
fi

# 3. A folder that already holds results: refused without --force, the
#    results untouched; replaced with --force.
"$gg" run --out "$work/done" -q 2>/dev/null || fail "first run failed"
sum1=$(cat "$work/done/alignment.csv" | cksum)
"$gg" run --out "$work/done" --seed 99 -q 2>"$work/e3"
rc=$?
[ $rc -ne 0 ] || fail "existing results overwritten without --force"
check_err "$work/e3" "--out $work/done"
grep -q -- "--force" "$work/e3" || fail "existing results: the message does not mention --force"
[ "$(cat "$work/done/alignment.csv" | cksum)" = "$sum1" ] || fail "existing results changed"
"$gg" run --out "$work/done" --seed 99 --force -q || fail "--force refused"
[ "$(cat "$work/done/alignment.csv" | cksum)" != "$sum1" ] || fail "--force did not replace the results"
check_no_temps "$work/done"

# 4. The output folder vanishes mid-run: the final rename fails.
"$gg" run --out "$work/gone" --replicates 60 -q 2>"$work/e4" &
pid=$!
i=0
while [ $i -lt 200 ] && ! ls "$work/gone" 2>/dev/null | grep -q tmp; do
  sleep 0.05
  i=$((i + 1))
done
rm -rf "$work/gone"
wait $pid
rc=$?
if [ $i -lt 200 ]; then
  [ $rc -eq 1 ] || fail "vanished folder: exit $rc, expected 1"
  check_err "$work/e4" "\(--out \)\{0,1\}$work/gone"
  no_finals "$work/gone" "vanished folder"
fi

# 5. The -o file's folder vanishes mid-run.
mkdir -p "$work/gone2"
"$gg" run -o "$work/gone2/a.csv" --replicates 60 -q 2>"$work/e5" &
pid=$!
i=0
while [ $i -lt 200 ] && ! ls "$work/gone2" 2>/dev/null | grep -q tmp; do
  sleep 0.05
  i=$((i + 1))
done
rm -rf "$work/gone2"
wait $pid
rc=$?
if [ $i -lt 200 ]; then
  [ $rc -eq 1 ] || fail "vanished -o folder: exit $rc, expected 1"
  [ ! -e "$work/gone2/a.csv" ] || fail "vanished -o folder: a.csv exists"
fi

echo "output faults: all refused cleanly"
rm -rf "$work"
