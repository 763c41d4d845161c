#!/bin/sh
# Every command's output set appears whole or not at all (finding F3,
# "calibrate files one by one"), on a full file system: calibrate into a
# new folder and with --force over earlier results, a sweep and its resume,
# and run --out --force. After a failure: exit 1, one error line, no file of
# the new set under its final name (earlier results with --force: as they
# were, for calibrate and for run), no temporary file and no lock left.
#
# The full disk is a small tmpfs mounted in a private mount namespace
# (unshare -m, as root); where that is not possible, a file size limit
# (ulimit -f, SIGXFSZ ignored) makes the large files fail instead.
# Usage: output_sets.sh GREATGAME SOURCE_DIR WORKDIR
set -u
# (GG_NO_TMPFS=1 forces the file size limit.)
if [ -z "${GG_IN_NS:-}" ] && [ -z "${GG_NO_TMPFS:-}" ] && [ "$(id -u)" = 0 ] &&
  unshare -m true 2>/dev/null; then
  GG_IN_NS=1 exec unshare -m sh "$0" "$@"
fi
gg=$1
src=$2
work=$3
. "$(dirname "$0")/lib.sh"
rm -rf "$work"
mkdir -p "$work/disk"
mode=ulimit
# Mount only in a mount namespace of our own (never on the host's).
if [ -n "${GG_IN_NS:-}" ] && [ "$(readlink /proc/$$/ns/mnt)" != "$(readlink /proc/$PPID/ns/mnt)" ] &&
  mount -t tmpfs -o size=4m tmpfs "$work/disk" 2>/dev/null; then
  mode=tmpfs
fi
echo "output sets: full disk by $mode"
disk="$work/disk"
targets="$src/scenarios/targets/central_asia_example.csv"
cal="calibrate --targets $targets --param states.*.responsiveness=0.01:0.3 --starts 1
     --max-iter 20 --quiet"
cal2="calibrate --targets $targets --param states.*.backlash.strength=0:4 --starts 1
      --max-iter 20 --quiet"
cal_files="fit.csv starts.csv residuals.csv profile.csv calibration.json scenario.json manifest.json"
sweep="sweep --param states.KZ.noise=0:0.1 --design lhs --samples 100 --replicates 2
       --block-runs 20 --threads 1 --quiet"

# Leave about $1 KiB free on the tmpfs (its pages are 4 KiB).
leave_free() {
  rm -f "$disk/filler" "$disk/spare"
  dd if=/dev/zero of="$disk/spare" bs=1024 count="$1" 2>/dev/null
  dd if=/dev/zero of="$disk/filler" bs=4096 2>/dev/null
  rm -f "$disk/spare"
}
roomy() {
  rm -f "$disk/filler" "$disk/spare"
}
# Run the greatgame command on a full disk: `full KIB LIMIT_KIB command...`
# leaves KIB free on the tmpfs, or limits each file to LIMIT_KIB.
full() {
  free=$1
  limit=$2
  shift 2
  if [ $mode = tmpfs ]; then
    leave_free "$free"
    # shellcheck disable=SC2068
    "$gg" $@ >/dev/null 2>"$work/err"
    echo $? >"$work/rc"
    roomy
  else
    (
      trap '' XFSZ
      ulimit -f $((limit * 2)) # 512-byte blocks (dash); bash counts KiB: still small
      # shellcheck disable=SC2068
      "$gg" $@ >/dev/null 2>"$work/err"
      echo $? >"$work/rc"
    )
  fi
  cat "$work/rc"
}
clean_after() {
  check_no_temps "$1"
  [ ! -e "$1/.greatgame.lock" ] || fail "$2: lock left in $1"
  # one error line (calibrate's warning about a noisy objective aside)
  [ "$(grep -vc '^warning: ' "$work/err")" -eq 1 ] || fail "$2: not one error line: $(cat "$work/err")"
}

# 1. calibrate into a new folder: fit.csv and starts.csv fit on the disk,
#    residuals.csv does not. Nothing may appear under a final name.
# shellcheck disable=SC2086
rc=$(full 12 8 $cal --out "$disk/cal")
[ "$rc" -eq 1 ] || fail "calibrate on a full disk: exit $rc, expected 1 ($(cat "$work/err"))"
for f in $cal_files; do
  [ ! -e "$disk/cal/$f" ] || fail "calibrate on a full disk: $f left under its final name"
done
clean_after "$disk/cal" "calibrate, new folder"

# 2. calibrate --force over earlier results: they stay exactly as they were.
# shellcheck disable=SC2086
"$gg" $cal --out "$disk/cal" 2>/dev/null || fail "calibrate with room failed"
cp -R "$disk/cal" "$work/cal.before"
# shellcheck disable=SC2086
rc=$(full 12 8 $cal2 --force --out "$disk/cal")
[ "$rc" -eq 1 ] || fail "calibrate --force on a full disk: exit $rc, expected 1"
diff -r "$disk/cal" "$work/cal.before" >/dev/null ||
  fail "calibrate --force on a full disk: the earlier results changed (new files beside old ones)"
clean_after "$disk/cal" "calibrate --force"
# With room, --force replaces the whole set (manifest.json last).
# shellcheck disable=SC2086
"$gg" $cal2 --force --out "$disk/cal" 2>/dev/null || fail "calibrate --force with room failed"
grep -q '^states\.\*\.backlash\.strength,' "$disk/cal/fit.csv" || fail "--force did not replace fit.csv"
grep -q 'backlash' "$disk/cal/manifest.json" || fail "--force did not replace manifest.json"

# 3. A sweep whose final files do not fit: design.csv, runs.csv and
#    summary.csv all absent, manifest.json still "running"; with room,
#    --resume completes it to the files of an uninterrupted sweep.
# shellcheck disable=SC2086
"$gg" $sweep --out "$work/sweep_ref" >/dev/null || fail "reference sweep failed"
# shellcheck disable=SC2086
"$gg" $sweep --keep-blocks --out "$disk/probe" >/dev/null || fail "probe sweep failed"
blocks_kib=$(du -sk "$disk/probe/blocks" | cut -f1)
rm -rf "$disk/probe"
# shellcheck disable=SC2086
rc=$(full $((blocks_kib + 24)) 24 $sweep --out "$disk/sweep")
[ "$rc" -eq 1 ] || fail "sweep on a full disk: exit $rc, expected 1 ($(cat "$work/err"))"
for f in design.csv runs.csv summary.csv; do
  [ ! -e "$disk/sweep/$f" ] || fail "sweep on a full disk: $f left under its final name"
done
grep -q '"status":[[:space:]]*"running"' "$disk/sweep/manifest.json" ||
  fail "sweep on a full disk: manifest.json does not say running"
clean_after "$disk/sweep" "sweep"
# shellcheck disable=SC2086
"$gg" $sweep --resume --out "$disk/sweep" >/dev/null || fail "resume after a full disk failed"
for f in design.csv runs.csv summary.csv; do
  cmp -s "$disk/sweep/$f" "$work/sweep_ref/$f" || fail "resumed sweep: $f differs"
done

# 4. run --out --force over earlier results: its five files are one set, so
#    a run that fails on a full disk leaves the earlier results exactly as
#    they were (at worst, were a rename to fail, without manifest.json:
#    visibly incomplete, never the new files beside a manifest).
"$gg" run --out "$disk/run" --quiet || fail "run with room failed"
cp -R "$disk/run" "$work/run.before"
rc=$(full 12 8 run --out "$disk/run" --replicates 3 --seed 7 --force --quiet)
[ "$rc" -eq 1 ] || fail "run --force on a full disk: exit $rc, expected 1 ($(cat "$work/err"))"
if ! diff -r "$disk/run" "$work/run.before" >/dev/null; then
  [ ! -e "$disk/run/manifest.json" ] ||
    fail "run --force on a full disk: the earlier results changed but manifest.json says complete"
  fail "run --force on a full disk: the earlier results changed (visibly incomplete)"
fi
clean_after "$disk/run" "run --force"
# A new folder: nothing under a final name.
rc=$(full 12 8 run --out "$disk/run2" --replicates 3 --quiet)
[ "$rc" -eq 1 ] || fail "run on a full disk: exit $rc, expected 1"
for f in alignment.csv stocks.csv utility.csv summary.json manifest.json; do
  [ ! -e "$disk/run2/$f" ] || fail "run on a full disk: $f left under its final name"
done
clean_after "$disk/run2" "run, new folder"
# With room (off the small disk: the old and the new set side by side do
# not fit on it), --force replaces the whole set (manifest.json last).
"$gg" run --out "$work/run.before" --seed 7 --force --quiet 2>"$work/err" ||
  fail "run --force with room failed: $(cat "$work/err")"
cmp -s "$work/run.before/alignment.csv" "$disk/run/alignment.csv" &&
  fail "run --force did not replace alignment.csv"
grep -q '"seed":[[:space:]]*"\{0,1\}7"\{0,1\},' "$work/run.before/manifest.json" ||
  fail "run --force did not replace manifest.json"
check_no_temps "$work/run.before"
[ ! -e "$work/run.before/.greatgame.lock" ] || fail "run --force with room: lock left"

[ $mode = tmpfs ] && umount "$disk"
echo "output sets: whole or not at all"
rm -rf "$work"
