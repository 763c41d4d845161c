#!/bin/sh
# F4: `plot` and `view --screenshot` on a full filesystem exit 1 with one
# line naming the file, and leave no PNG (truncated or not) and no temporary
# file. The filesystem is a 16 KiB tmpfs mounted in a private mount
# namespace (unshare -m): this needs root or user namespaces; where neither
# is permitted the test is skipped (exit 77) and says so.
# Usage: png_full_disk.sh GREATGAME WORKDIR
set -u
gg=$1
work=$2
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
rm -rf "$work"
mkdir -p "$work/mnt"
if ! command -v unshare >/dev/null 2>&1 ||
  ! unshare -m sh -c "mount -t tmpfs -o size=16k tmpfs '$work/mnt'" 2>/dev/null; then
  echo "skipped: cannot mount a small tmpfs here (unshare -m and mount need root or user namespaces)"
  rm -rf "$work"
  exit 77
fi
# Inside the namespace: the checks, their findings written to $work/result.
unshare -m sh -s "$gg" "$work" <<'EOF'
gg=$1
work=$2
mnt=$work/mnt
out=$work/result
note() { echo "$*" >>"$out"; }
mount -t tmpfs -o size=16k tmpfs "$mnt" || { note "FAIL mount"; exit 0; }
# A small PNG fits (the filesystem works).
"$gg" plot --kind bars --size 64x64 --out "$mnt/small.png" 2>"$work/e0" || note "FAIL small plot: exit $?: $(cat "$work/e0")"
[ -s "$mnt/small.png" ] || note "FAIL small plot: no file"
rm -f "$mnt/small.png"
# Charts far larger than the filesystem.
for kind in map timeseries; do
  "$gg" plot --kind $kind --out "$mnt/$kind.png" 2>"$work/e1"
  rc=$?
  [ $rc -eq 1 ] || note "FAIL plot $kind on a full disk: exit $rc, expected 1"
  [ "$(wc -l <"$work/e1")" -eq 1 ] || note "FAIL plot $kind: not one error line: $(cat "$work/e1")"
  grep -q "^$mnt/$kind.png: " "$work/e1" || note "FAIL plot $kind: message: $(cat "$work/e1")"
done
"$gg" view --screenshot "$mnt/view.png" 2>"$work/e2"
rc=$?
[ $rc -eq 1 ] || note "FAIL view --screenshot on a full disk: exit $rc, expected 1"
grep -q "^$mnt/view.png: " "$work/e2" || note "FAIL view --screenshot: message: $(cat "$work/e2")"
left=$(ls -A "$mnt")
[ -z "$left" ] || note "FAIL files left on the full disk: $left"
note "done"
EOF
[ -f "$work/result" ] || fail "the checks did not run"
if grep -q '^FAIL' "$work/result"; then
  grep '^FAIL' "$work/result" >&2
  exit 1
fi
grep -q '^done$' "$work/result" || fail "the checks stopped early: $(cat "$work/result")"
echo "PNG on a full disk: exit 1, one line, nothing left"
rm -rf "$work"
