#!/bin/sh
# greatgame run and validate from the command line: the built-in baseline
# from any folder, -o -, --out and its files, refusing a folder of results,
# --set, --seed, reproducibility, --replicates, write errors, and validate
# with several files.
# usage: run.sh GREATGAME SCENARIO_DIR GOOD_DIR BAD_DIR WORK_DIR
set -eu
gg=$1
scen=$2
good=$3
bad=$4
work=$5
rm -rf "$work"
mkdir -p "$work"
fails=0
fail() {
  echo "run: $*" >&2
  fails=$((fails + 1))
}
# Known gaps of the engine, reported and awaiting a fix: noted, not failed.
# They are failures by default (GG_STRICT=0 turns them into warnings).
pending() {
  if [ "${GG_STRICT:-1}" = 1 ]; then
    fail "$*"
  else
    echo "run: pending in the engine: $*" >&2
  fi
}
# status_pending EXPECTED_EXIT ARGS...: like status, but a wrong exit is pending
status_pending() {
  want=$1
  shift
  set +e
  "$gg" "$@" >"$work/out.txt" 2>"$work/err.txt" </dev/null
  rc=$?
  set -e
  [ $rc -eq "$want" ] || pending "greatgame $*: exit $rc, expected $want: $(head -c 300 "$work/err.txt")"
}
status() {
  want=$1
  shift
  set +e
  "$gg" "$@" >"$work/out.txt" 2>"$work/err.txt" </dev/null
  rc=$?
  set -e
  [ $rc -eq "$want" ] || fail "greatgame $*: exit $rc, expected $want: $(head -c 300 "$work/err.txt")"
}
one_line() {
  n=$(wc -l <"$work/err.txt")
  [ "$n" -eq 1 ] || fail "expected one line on standard error, got $n: $(cat "$work/err.txt")"
  case "$(cat "$work/err.txt")" in
  "$1"*) ;;
  *) fail "expected an error starting with '$1', got: $(cat "$work/err.txt")" ;;
  esac
}
# column N of a CSV without its header, distinct values
col() { sed 1d "$1" | cut -d, -f"$2" | sort -u; }

# The baseline is built in: run from a folder that holds no scenario.
mkdir -p "$work/empty"
(cd "$work/empty" && "$gg" run -o - >"$work/base.csv" 2>"$work/err.txt") || fail "run -o - from an empty folder failed"
[ "$(head -n 1 "$work/base.csv")" = "run,seed,tick,date,state,component,share" ] ||
  fail "run -o -: header is $(head -n 1 "$work/base.csv")"
# the shipped copy of the baseline gives its size: "N states, P powers, ..., T ticks"
line=$("$gg" validate "$scen/central_asia_2020_gg2.json")
S=$(printf '%s\n' "$line" | sed -n 's/.*, \([0-9]*\) states, .*/\1/p')
P=$(printf '%s\n' "$line" | sed -n 's/.*, \([0-9]*\) powers, .*/\1/p')
T=$(printf '%s\n' "$line" | sed -n 's/.*, \([0-9]*\) ticks$/\1/p')
rows=$(($(wc -l <"$work/base.csv") - 1))
[ "$rows" -eq $(((T + 1) * S * (P + 1))) ] || fail "run -o -: $rows rows, expected (T+1)*S*(P+1) = $(((T + 1) * S * (P + 1)))"
[ "$(col "$work/base.csv" 1)" = 0 ] || fail "run -o -: run column is not 0"
[ "$(col "$work/base.csv" 3 | wc -l)" -eq $((T + 1)) ] || fail "run -o -: ticks are not 0..$T"
"$gg" run "$scen/central_asia_2020_gg2.json" -o - >"$work/shipped.csv"
cmp -s "$work/base.csv" "$work/shipped.csv" || fail "the built-in baseline differs from $scen/central_asia_2020_gg2.json"
# -o FILE writes the same bytes
(cd "$work/empty" && "$gg" run -o "$work/file.csv") || fail "run -o FILE failed"
cmp -s "$work/base.csv" "$work/file.csv" || fail "run -o FILE differs from run -o -"

# --out DIR: five files, no temporary leftovers, table not printed
status 0 run --out "$work/res" --quiet
# (the built-in baseline runs GG-2, so ties.csv too, and it has a
# measurement section, so indicators.csv)
for f in alignment.csv stocks.csv utility.csv ties.csv indicators.csv summary.json manifest.json; do
  [ -s "$work/res/$f" ] || fail "--out: $f missing or empty"
done
extra=$(ls -A "$work/res" | grep -vxE 'alignment.csv|stocks.csv|utility.csv|ties.csv|indicators.csv|summary.json|manifest.json' || true)
[ -z "$extra" ] || fail "--out: leftover files: $extra"
cmp -s "$work/base.csv" "$work/res/alignment.csv" || fail "--out alignment.csv differs from -o -"
[ "$(head -n 1 "$work/res/stocks.csv")" = "run,seed,tick,date,state,power,channel,stock,effort" ] ||
  fail "stocks.csv header: $(head -n 1 "$work/res/stocks.csv")"
# a folder that holds results is refused, unless --force
cp "$work/res/manifest.json" "$work/manifest.before"
# (exit 1 as the command's contract says; the engine exits 2 today)
status_pending 1 run --out "$work/res" --quiet --seed 5
one_line "--out $work/res"
cmp -s "$work/res/manifest.json" "$work/manifest.before" || fail "refused --out still rewrote manifest.json"
status 0 run --out "$work/res" --quiet --seed 5 --force
cmp -s "$work/res/manifest.json" "$work/manifest.before" && fail "--force did not rewrite the results"
# an empty existing folder is fine
mkdir -p "$work/emptyres"
status 0 run --out "$work/emptyres" --quiet

# --set: bad paths and values exit 2 naming --set and write nothing
for s in states.XX.noise=1 states.KZ.noise=abc states.KZ.noise=-1 states.KZ.patience=1 nonsense \
  states.KZ.backlash.threshold=1.5 time.ticks=0 time.ticks=2.5 seed=-1 \
  states.KZ.noise=0x10 states.KZ.noise=inf states.KZ.noise=+1 states.KZ.noise=.5 \
  states.KZ.noise=1e-400 'states.KZ.noise= 1'; do
  status 2 run --set "$s" --out "$work/set_res"
  one_line "--set"
  [ -e "$work/set_res" ] && fail "--set $s: output written"
done
status 2 run --set states.KZ.noise=0x10 -o "$work/hex.csv"
grep -qx -- '--set states.KZ.noise=0x10: expected a finite number, got "0x10"' "$work/err.txt" ||
  fail "--set 0x10: $(cat "$work/err.txt")"
status 0 run --set states.KZ.noise=5e-2 -o "$work/set_exp.csv"
status 0 run --set states.KZ.noise=0.05 --set 'states.*.responsiveness=0.2' -o "$work/set.csv"
cmp -s "$work/set.csv" "$work/base.csv" && fail "--set did not change the run"
status 0 run --set time.ticks=12 -o "$work/short.csv"
[ $(($(wc -l <"$work/short.csv") - 1)) -eq $((13 * S * (P + 1))) ] || fail "--set time.ticks=12: wrong row count"

# --seed changes the seeds column; the same seed twice gives the same bytes
status 0 run --seed 42 -o "$work/s42a.csv"
status 0 run --seed 42 -o "$work/s42b.csv"
status 0 run --seed 43 -o "$work/s43.csv"
cmp -s "$work/s42a.csv" "$work/s42b.csv" || fail "--seed 42 twice: different bytes"
[ "$(col "$work/s42a.csv" 2)" != "$(col "$work/base.csv" 2)" ] || fail "--seed 42 did not change the seeds column"
[ "$(col "$work/s42a.csv" 2)" != "$(col "$work/s43.csv" 2)" ] || fail "--seed 42 and 43: same seeds column"
status 0 run --seed 42 --out "$work/s42dir" --quiet
cmp -s "$work/s42a.csv" "$work/s42dir/alignment.csv" || fail "--seed 42: -o and --out differ"
# with noise the seed matters for the shares too
status 0 run --set 'states.*.noise=0.5' --seed 1 -o "$work/n1.csv"
status 0 run --set 'states.*.noise=0.5' --seed 2 -o "$work/n2.csv"
[ "$(cut -d, -f7 "$work/n1.csv" | md5sum)" != "$(cut -d, -f7 "$work/n2.csv" | md5sum)" ] ||
  fail "with noise, seeds 1 and 2 give the same shares"

# --replicates 3: runs 0..2, three distinct seeds, one per run
status 0 run --replicates 3 -o "$work/rep.csv"
[ "$(col "$work/rep.csv" 1 | tr '\n' ' ')" = "0 1 2 " ] || fail "--replicates 3: runs are $(col "$work/rep.csv" 1 | tr '\n' ' ')"
[ "$(col "$work/rep.csv" 2 | wc -l)" -eq 3 ] || fail "--replicates 3: not 3 distinct seeds"
[ "$(sed 1d "$work/rep.csv" | cut -d, -f1,2 | sort -u | wc -l)" -eq 3 ] || fail "--replicates 3: a run has several seeds"
[ $(($(wc -l <"$work/rep.csv") - 1)) -eq $((3 * (T + 1) * S * (P + 1))) ] || fail "--replicates 3: wrong row count"
# replicate 0 is the single run
[ "$(grep '^0,' "$work/rep.csv" | md5sum)" = "$(sed 1d "$work/base.csv" | md5sum)" ] ||
  fail "--replicates 3: run 0 differs from the single run"

# write errors: exit 1 with one line naming the place, nothing left behind
: >"$work/afile"
status_pending 1 run --out "$work/afile/res" --quiet
one_line "--out $work/afile/res"
[ -e "$work/afile/res" ] && fail "--out under a file: something was created"
status 1 run -o "$work/nodir/x.csv"
one_line "$work/nodir/x.csv"
if [ "$(id -u)" -ne 0 ]; then
  mkdir -p "$work/ro"
  chmod 555 "$work/ro"
  status_pending 1 run --out "$work/ro/res" --quiet
  one_line "--out $work/ro/res"
  chmod 755 "$work/ro"
fi
if [ -w /dev/full ]; then
  # a full disk: the engine exits 0 today without a word
  status_pending 1 run -o /dev/full
  [ "$(wc -l <"$work/err.txt")" -eq 1 ] || pending "run -o /dev/full: no error line on standard error"
fi

# One way to write a non-finite value in every CSV: nan, inf, -inf (never
# "-nan" or "NA"). One replicate leaves the compare intervals undefined.
status 0 compare "$scen/central_asia_2020.json" "$scen/us_pivot.json" --replicates 1 --quiet \
  --out "$work/cmp1.csv"
grep -q ',nan,nan,' "$work/cmp1.csv" || fail "compare --replicates 1: no nan interval bounds"
grep -q -- '-nan\|,NA\b' "$work/cmp1.csv" && fail "compare: a non-finite value written another way"

# validate with several files reports each, in order; exit 2 if any is bad
(cd "$good" && "$gg" validate minimal.json seed_max.json >"$work/out.txt" 2>"$work/err.txt") || fail "validate of two good files failed"
[ "$(cut -d: -f1 "$work/out.txt" | tr '\n' ' ')" = "minimal.json seed_max.json " ] || fail "validate: $(cat "$work/out.txt")"
set +e
(cd "$bad" && "$gg" validate format_2.json "$good/minimal.json" time_ticks_zero.json >"$work/out.txt" 2>"$work/err.txt")
rc=$?
set -e
[ $rc -eq 2 ] || fail "validate bad good bad: exit $rc, expected 2"
[ "$(cut -d: -f1 "$work/err.txt" | tr '\n' ' ')" = "format_2.json time_ticks_zero.json " ] ||
  fail "validate bad good bad: stderr $(cat "$work/err.txt")"
[ "$(wc -l <"$work/out.txt")" -eq 1 ] && grep -q "minimal.json: ok" "$work/out.txt" ||
  fail "validate bad good bad: stdout $(cat "$work/out.txt")"

# params: the table and --json list every path
status 0 params
grep -q '^| `states.<state>.responsiveness` |' "$work/out.txt" || fail "params: no responsiveness row"
status 0 params --json
grep -q '"states.<state>.responsiveness"' "$work/out.txt" || fail "params --json: no responsiveness path"

if [ $fails -ne 0 ]; then
  echo "run: $fails failures" >&2
  exit 1
fi
echo "run: ok"
