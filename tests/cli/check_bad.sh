#!/bin/sh
# The bad-input corpus: every file of tests/bad must be refused by both
# `greatgame validate FILE` and `greatgame run FILE --out DIR` with exit
# status 2, exactly one line on standard error (the one in EXPECTED), nothing
# on standard output, and DIR not created. Files of PENDING must be refused
# the same way; only their message is not compared (it is known to be wrong).
# usage: check_bad.sh GREATGAME BAD_DIR WORK_DIR
set -eu
gg=$1
bad=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
tab=$(printf '\t')
fails=0
checked=0

fail() {
  echo "check_bad: $*" >&2
  fails=$((fails + 1))
}

# check FILE EXPECTED_LINE EXACT(1|0) COMMAND...
check() {
  file=$1
  want=$2
  exact=$3
  shift 3
  set +e
  (cd "$bad" && "$gg" "$@" >"$work/out.txt" 2>"$work/err.txt" </dev/null)
  rc=$?
  set -e
  what="$1 $file"
  [ $rc -eq 2 ] || fail "$what: exit $rc, expected 2"
  [ -s "$work/out.txt" ] && fail "$what: wrote to standard output: $(head -c 200 "$work/out.txt" | tr "\n" " ")"
  lines=$(wc -l <"$work/err.txt")
  got=$(cat "$work/err.txt")
  [ "$lines" -eq 1 ] || fail "$what: $lines lines on standard error, expected 1: $got"
  if [ "$exact" = 1 ]; then
    [ "$got" = "$want" ] || fail "$what: got      '$got'
                    expected '$want'"
  else
    case "$got" in
    "$file"*) [ "$got" = "$want" ] && echo "check_bad: $file is fixed: move it from PENDING to EXPECTED" ;;
    *) fail "$what: message does not start with the file: $got" ;;
    esac
  fi
  if [ -e "$work/res" ]; then
    fail "$what: output folder created on bad input"
    rm -rf "$work/res"
  fi
}

run_list() {
  list=$1
  exact=$2
  while IFS="$tab" read -r file want; do
    case "$file" in '#'* | '') continue ;; esac
    [ -f "$bad/$file" ] || {
      fail "$list names $file, which does not exist"
      continue
    }
    check "$file" "$want" "$exact" validate "$file"
    check "$file" "$want" "$exact" run "$file" --out "$work/res"
    checked=$((checked + 1))
  done <"$bad/$list"
}

run_list EXPECTED 1
run_list PENDING 0

# Every file of the corpus is listed in exactly one of the two lists.
for f in "$bad"/*.json; do
  name=${f##*/}
  n=$(cut -f1 "$bad/EXPECTED" "$bad/PENDING" | grep -cxF -- "$name" || true)
  [ "$n" -eq 1 ] || fail "$name is listed $n times in EXPECTED and PENDING (expected once)"
done

if [ $fails -ne 0 ]; then
  echo "check_bad: $fails failures in $checked files" >&2
  exit 1
fi
echo "check_bad: $checked files refused as expected"
