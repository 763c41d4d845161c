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

# The folder can be used again without --force (it holds no results).
"$gg" run --out "$work/a" -q || fail "the interrupted folder cannot be reused"
echo "signals during run: clean"
rm -rf "$work"
