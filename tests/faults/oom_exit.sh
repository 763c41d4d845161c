#!/bin/sh
# Out of memory is a runtime failure, not bad input: under an address-space
# limit (ulimit -v) a command that cannot get the memory it needs exits 1
# with one line that says so, never 2 (status 2 is for bad usage and bad
# input). The scenario is the largest the format allows (4096 states, 32
# powers, 16 channels, 27 MB): loading it needs about 250 MB.
# Exit 77 (skipped) where the program cannot start under these limits (under
# AddressSanitizer, say) or ulimit -v is not available.
# Usage: oom_exit.sh GREATGAME WORKDIR
set -u
gg=$1
work=$2
. "$(dirname "$0")/lib.sh"
rm -rf "$work"
mkdir -p "$work"
big="$work/big.json"
"$gg" generate --states 4096 --powers 32 --channels 16 --ticks 2 -o "$big" || fail "generate failed"

# under KB ARGS...: run the command under an address-space limit of KB KiB;
# sets rc and leaves standard error in $work/err.
under() {
  kb=$1
  shift
  (
    ulimit -v "$kb" 2>/dev/null || exit 99
    exec "$gg" "$@" >"$work/out" 2>"$work/err"
  )
  rc=$?
}

oom=0
tried=0
for kb in 60000 120000 200000 400000; do
  under "$kb" --version
  if [ $rc -ne 0 ]; then
    echo "note: the program does not start under ulimit -v $kb (exit $rc); limit skipped"
    continue
  fi
  for args in "run $big -q" "run $big -q --replicates 1000" "validate $big" \
    "explain $big --state S1 --tick 1" "compare $big $big --replicates 1 -q" \
    "run $big --set time.ticks=1 -q" "plot $big --kind bars --size 64x64 --out $work/p.png"; do
    case $args in plot*) "$gg" plot --help >/dev/null 2>&1 || continue ;; esac
    # shellcheck disable=SC2086 # the words of $args are the arguments
    under "$kb" $args
    tried=$((tried + 1))
    case $rc in
    0) ;;
    1)
      [ "$(wc -l <"$work/err")" -eq 1 ] || fail "ulimit -v $kb, $args: exit 1 with not one line: $(cat "$work/err")"
      if grep -q "out of memory" "$work/err"; then
        oom=$((oom + 1))
      else
        fail "ulimit -v $kb, $args: exit 1 without 'out of memory': $(cat "$work/err")"
      fi
      ;;
    *) fail "ulimit -v $kb, $args: exit $rc (expected 1 when out of memory): $(head -c 300 "$work/err")" ;;
    esac
  done
done
if [ $oom -eq 0 ]; then
  echo "skipped: no command ran out of memory under the limits tried ($tried runs)"
  rm -rf "$work"
  exit 77
fi
echo "out of memory: $oom of $tried runs under a memory limit exited 1 with one line"
rm -rf "$work"
