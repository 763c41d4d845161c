#!/bin/sh
# The output size guard of `run`: a run whose files would be larger than
# the limit (2 GiB by default, --max-output SIZE to change, 0 for none) is
# refused up front with exit status 2, one line giving the estimate and how
# to raise the limit, and nothing written; within the limit it runs.
# Usage: output_limit.sh GREATGAME WORKDIR
set -u
gg=$1
work=$2
. "$(dirname "$0")/lib.sh"
rm -rf "$work"
mkdir -p "$work"

# 1. A 10^6-tick baseline (about 25 GB of files): refused at once by the
#    default limit. The file size limit keeps a program without the guard
#    from filling the disk: it then fails on a write instead (exit 1).
(
  trap '' XFSZ
  ulimit -f 65536
  "$gg" run --set time.ticks=1000000 --out "$work/big" 2>"$work/e1" >"$work/o1"
  echo $? >"$work/rc1"
)
rc=$(cat "$work/rc1")
[ "$rc" -eq 2 ] || fail "10^6 ticks: exit $rc, expected 2: $(head -c 300 "$work/e1")"
want="(baseline): 1 replicate of 1000000 ticks would write up to 28.5 GiB into $work/big, over the output limit of 2.0 GiB (the default); raise it with --max-output SIZE"
[ "$(cat "$work/e1")" = "$want" ] || fail "10^6 ticks: message
  got:  $(cat "$work/e1")
  want: $want"
[ ! -e "$work/big" ] || fail "10^6 ticks: $work/big was created"
[ ! -s "$work/o1" ] || fail "10^6 ticks: something on standard output"

# 2. A small run under a tiny limit: refused, nothing written, for a folder,
#    a file and standard output.
"$gg" run --max-output 100K --out "$work/small" -q 2>"$work/e2"
rc=$?
[ $rc -eq 2 ] || fail "--max-output 100K --out: exit $rc, expected 2"
[ "$(wc -l <"$work/e2")" -eq 1 ] || fail "--max-output 100K: not one line: $(cat "$work/e2")"
grep -q "^(baseline): 1 replicate of 131 ticks would write up to [0-9.]* MiB into $work/small, over the output limit of 100.0 KiB; raise it with --max-output SIZE\$" "$work/e2" ||
  fail "--max-output 100K: message: $(cat "$work/e2")"
[ ! -e "$work/small" ] || fail "--max-output 100K: $work/small was created"
"$gg" run --max-output 1K -o "$work/a.csv" --replicates 3 -q 2>"$work/e3"
rc=$?
[ $rc -eq 2 ] || fail "--max-output 1K -o: exit $rc, expected 2"
grep -q "^(baseline): 3 replicates of 131 ticks would write up to [0-9.]* KiB into $work/a.csv, over the output limit of 1.0 KiB; raise it" "$work/e3" ||
  fail "--max-output 1K -o: message: $(cat "$work/e3")"
[ ! -e "$work/a.csv" ] || fail "--max-output 1K: a.csv was written"
check_no_temps "$work"
"$gg" run --max-output 1K -o - >"$work/o4" 2>"$work/e4"
rc=$?
[ $rc -eq 2 ] || fail "--max-output 1K -o -: exit $rc, expected 2"
[ ! -s "$work/o4" ] || fail "--max-output 1K -o -: something on standard output"

# 3. The default passes the baseline, and so does a limit just big enough.
"$gg" run --out "$work/ok" -q || fail "the baseline refused by the default limit"
for f in alignment.csv stocks.csv utility.csv summary.json manifest.json; do
  [ -s "$work/ok/$f" ] || fail "the baseline: $f missing"
done
"$gg" run --max-output 12M --out "$work/ok12" -q || fail "the baseline refused by --max-output 12M"
"$gg" run --max-output 0 -o "$work/nolimit.csv" --set time.ticks=24 -q || fail "--max-output 0 refused"

# 4. Malformed limits.
"$gg" run --max-output 25% -q 2>"$work/e5"
[ $? -eq 2 ] || fail "--max-output 25%: accepted"
check_err "$work/e5" "--max-output 25%"
"$gg" run --max-output 12furlongs -q 2>"$work/e6"
[ $? -eq 2 ] || fail "--max-output 12furlongs: accepted"
check_err "$work/e6" "--max-output 12furlongs"

echo "output limit: refused up front with the estimate"
rm -rf "$work"
