#!/bin/sh
# SIGINT and SIGTERM during `run --out` and `run -o`: exit 1, a message that
# names the signal, no file under a final name and no temporary file left.
# Usage: signals_run.sh GREATGAME WORKDIR
set -u
gg=$1
work=$2
. "$(dirname "$0")/lib.sh"
rm -rf "$work"
mkdir -p "$work"

# interrupt SIGNAL NAME ARGS...: start a long run, signal it once its
# temporary files exist, check what is left.
interrupt() {
  sig=$1
  name=$2
  shift 2
  "$gg" run --replicates 400 -q "$@" 2>"$work/$name.err" &
  pid=$!
  i=0
  while [ $i -lt 400 ] && ! find "$work" -name '*.tmp.*' | grep -q .; do
    sleep 0.02
    i=$((i + 1))
  done
  [ $i -lt 400 ] || fail "$name: no temporary file appeared"
  sleep 0.2
  kill -"$sig" $pid
  wait $pid
  rc=$?
  [ $rc -eq 1 ] || fail "$name: exit $rc after SIG$sig, expected 1"
  grep -q "SIG$sig" "$work/$name.err" || fail "$name: the message does not name SIG$sig: $(cat "$work/$name.err")"
  check_no_temps "$work"
}

interrupt INT out_int --out "$work/a"
for f in alignment.csv stocks.csv utility.csv summary.json manifest.json; do
  [ ! -e "$work/a/$f" ] || fail "SIGINT: $f left under its final name"
done
interrupt TERM out_term --out "$work/b"
for f in alignment.csv stocks.csv utility.csv summary.json manifest.json; do
  [ ! -e "$work/b/$f" ] || fail "SIGTERM: $f left under its final name"
done
interrupt INT file_int -o "$work/c.csv"
[ ! -e "$work/c.csv" ] || fail "SIGINT: c.csv left under its final name"
# SIGHUP (the terminal closed) is handled like SIGINT (F9).
interrupt HUP out_hup --out "$work/h"
for f in alignment.csv stocks.csv utility.csv summary.json manifest.json; do
  [ ! -e "$work/h/$f" ] || fail "SIGHUP: $f left under its final name"
done

# A file size limit (ulimit -f, SIGXFSZ): no death by signal, a message,
# exit 1, no temporary file left (F9).
(ulimit -f 64 && exec "$gg" run --replicates 50 -q --out "$work/x") 2>"$work/xfsz.err"
rc=$?
[ $rc -eq 1 ] || fail "ulimit -f: exit $rc, expected 1: $(cat "$work/xfsz.err")"
grep -q "write failed\|File too large" "$work/xfsz.err" || fail "ulimit -f: no message: $(cat "$work/xfsz.err")"
check_no_temps "$work"

# Temporary files of a process that died without cleaning up (kill -9) are
# removed by the next command that writes the same file (F9).
sh -c 'exit 0' &
dead=$!
wait $dead
mkdir -p "$work/stale"
echo partial >"$work/stale/alignment.csv.tmp.$dead"
echo partial >"$work/c2.csv.tmp.$dead"
echo mine >"$work/stale/notes.tmp.$dead"
"$gg" run -q --force --out "$work/stale" || fail "run into a folder with stale temporary files failed"
"$gg" run -q -o "$work/c2.csv" || fail "run -o next to a stale temporary file failed"
[ ! -e "$work/stale/alignment.csv.tmp.$dead" ] || fail "a stale alignment.csv.tmp.$dead was left"
[ ! -e "$work/c2.csv.tmp.$dead" ] || fail "a stale c2.csv.tmp.$dead was left"
[ -e "$work/stale/notes.tmp.$dead" ] || fail "a file that is not ours was removed"
rm -f "$work/stale/notes.tmp.$dead"

# The folder can be used again without --force (it holds no results).
"$gg" run --out "$work/a" -q || fail "the interrupted folder cannot be reused"
echo "signals during run: clean"
rm -rf "$work"
