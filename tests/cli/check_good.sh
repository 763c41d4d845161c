#!/bin/sh
# Valid edge cases: every file of tests/good validates (exit 0, one "ok" line
# naming the file, nothing on standard error) and runs: `run FILE -o -`
# prints the header and (ticks+1) * states * (powers+1) rows, and
# `run FILE --out DIR` writes its five files.
# usage: check_good.sh GREATGAME GOOD_DIR WORK_DIR
set -eu
gg=$1
good=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
fails=0
n=0
fail() {
  echo "check_good: $*" >&2
  fails=$((fails + 1))
}
for path in "$good"/*.json; do
  f=${path##*/}
  n=$((n + 1))
  if ! (cd "$good" && "$gg" validate "$f" >"$work/out.txt" 2>"$work/err.txt"); then
    fail "validate $f: refused: $(cat "$work/err.txt")"
    continue
  fi
  [ -s "$work/err.txt" ] && fail "validate $f: wrote to standard error: $(cat "$work/err.txt")"
  line=$(cat "$work/out.txt")
  case "$line" in
  "$f: ok: "*) ;;
  *) fail "validate $f: unexpected output: $line" ;;
  esac
  # "..., 2 states, 2 powers, 2 channels, 1 blocs, 1 events, 12 ticks"
  states=$(printf '%s\n' "$line" | sed -n 's/.*, \([0-9]*\) states, .*/\1/p')
  powers=$(printf '%s\n' "$line" | sed -n 's/.*, \([0-9]*\) powers, .*/\1/p')
  ticks=$(printf '%s\n' "$line" | sed -n 's/.*, \([0-9]*\) ticks$/\1/p')
  if ! (cd "$good" && "$gg" run "$f" -o - >"$work/alignment.csv" 2>"$work/err.txt"); then
    fail "run $f -o -: failed: $(cat "$work/err.txt")"
    continue
  fi
  [ "$(head -n 1 "$work/alignment.csv")" = "run,seed,tick,date,state,component,share" ] ||
    fail "run $f -o -: bad header: $(head -n 1 "$work/alignment.csv")"
  rows=$(($(wc -l <"$work/alignment.csv") - 1))
  want=$(((ticks + 1) * states * (powers + 1)))
  [ "$rows" -eq "$want" ] || fail "run $f -o -: $rows rows, expected $want"
  if ! (cd "$good" && "$gg" run "$f" --quiet --out "$work/res_$f" 2>"$work/err.txt"); then
    fail "run $f --out: failed: $(cat "$work/err.txt")"
    continue
  fi
  for out in alignment.csv stocks.csv utility.csv summary.json manifest.json; do
    [ -s "$work/res_$f/$out" ] || fail "run $f --out: no $out"
  done
done
# The largest seed is read exactly, not through a double: the manifest
# records it, --seed with the same value gives the same run seeds, and the
# seed one below it gives other run seeds.
grep -q '"seed":[[:space:]]*18446744073709551615,' "$work/res_seed_max.json/manifest.json" ||
  fail "seed_max.json: manifest does not record seed 18446744073709551615"
seeds() { (cd "$good" && "$gg" run seed_max.json "$@" -o - | sed 1d | cut -d, -f2 | sort -u); }
s_file=$(seeds)
[ "$s_file" = "$(seeds --seed 18446744073709551615)" ] || fail "seed_max.json: --seed of the same value changes the run seed"
[ "$s_file" != "$(seeds --seed 18446744073709551614)" ] || fail "seed_max.json: seeds 2^64-1 and 2^64-2 give the same run seed"
[ "$n" -ge 10 ] || fail "only $n files in $good"
if [ $fails -ne 0 ]; then
  echo "check_good: $fails failures" >&2
  exit 1
fi
echo "check_good: $n files validate and run"
