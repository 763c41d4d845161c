#!/bin/sh
# Output folders are locked for the life of a command (finding F1, "two
# sweeps into one folder"): two sweeps started at once into the same new
# folder never mix their rows (one succeeds alone, the other is refused);
# a lock held by a live process is refused at once, naming it; a stale lock
# of a dead process of this host is taken over; a lock of another host is
# refused with the file to remove; the lock is released on every exit path
# (success, refusal, write failure, SIGINT, two signals), for sweep,
# calibrate and merge. Two `run --out` into one folder: the same (section 1b).
# Usage: folder_lock.sh GREATGAME SOURCE_DIR WORKDIR
set -u
gg=$1
src=$2
work=$3
. "$(dirname "$0")/lib.sh"
rm -rf "$work"
mkdir -p "$work"
host=$(uname -n)
targets="$src/scenarios/targets/central_asia_example.csv"
# 2000 runs on one thread: long enough (about a second) for two to overlap.
args="--param states.KZ.noise=0:0.1 --design lhs --samples 500 --replicates 4 --block-runs 100
      --threads 1 --quiet"
set_a="states.KZ.responsiveness=0.05"
set_b="states.KZ.responsiveness=0.06"

no_lock() {
  [ ! -e "$1/.greatgame.lock" ] || fail "$2: the lock $1/.greatgame.lock was left behind"
  [ ! -e "$1/.greatgame.lock.break" ] || fail "$2: $1/.greatgame.lock.break was left behind"
}

# The two sweeps alone, as references.
# shellcheck disable=SC2086
"$gg" sweep $args --set "$set_a" --out "$work/ref_a" >/dev/null || fail "reference sweep A failed"
# shellcheck disable=SC2086
"$gg" sweep $args --set "$set_b" --out "$work/ref_b" >/dev/null || fail "reference sweep B failed"
cmp -s "$work/ref_a/runs.csv" "$work/ref_b/runs.csv" && fail "the two sweeps give the same rows"

# 1. Two sweeps at once into one new folder, several times: each either
#    succeeds with only its own rows or is refused (the folder is locked,
#    or already holds the other's results); never a mix.
trial=0
locked=0
while [ $trial -lt 8 ]; do
  trial=$((trial + 1))
  out="$work/both$trial"
  # shellcheck disable=SC2086
  "$gg" sweep $args --set "$set_a" --out "$out" >/dev/null 2>"$work/ea$trial" &
  pa=$!
  # shellcheck disable=SC2086
  "$gg" sweep $args --set "$set_b" --out "$out" >/dev/null 2>"$work/eb$trial" &
  pb=$!
  wait $pa
  ra=$?
  wait $pb
  rb=$?
  if [ $ra -eq 0 ] && [ $rb -eq 0 ]; then
    fail "trial $trial: both sweeps into $out exited 0"
  elif [ $ra -eq 0 ]; then
    win=a
    lose_rc=$rb
    lose_err="$work/eb$trial"
  elif [ $rb -eq 0 ]; then
    win=b
    lose_rc=$ra
    lose_err="$work/ea$trial"
  else
    fail "trial $trial: neither sweep succeeded: $(cat "$work/ea$trial" "$work/eb$trial")"
  fi
  [ "$(wc -l <"$lose_err")" -eq 1 ] || fail "trial $trial: not one error line: $(cat "$lose_err")"
  if grep -q "^--out $out: in use by greatgame sweep, process [0-9]* on $host" "$lose_err"; then
    [ "$lose_rc" -eq 1 ] || fail "trial $trial: refused by the lock with exit $lose_rc, expected 1"
    locked=$((locked + 1))
  elif grep -q "^--out $out: already holds results" "$lose_err"; then
    [ "$lose_rc" -eq 2 ] || fail "trial $trial: refused (results) with exit $lose_rc, expected 2"
  else
    fail "trial $trial: unexpected refusal: $(cat "$lose_err")"
  fi
  for f in design.csv runs.csv summary.csv; do
    cmp -s "$out/$f" "$work/ref_$win/$f" || fail "trial $trial: $out/$f is not sweep $win's alone"
  done
  set_win=$set_a
  [ $win = b ] && set_win=$set_b
  grep -q "\"command_line\":.*$set_win" "$out/manifest.json" || fail "trial $trial: manifest names another command"
  no_lock "$out" "trial $trial"
  check_no_temps "$out"
done
echo "two sweeps at once, $trial trials: never mixed ($locked refused by the lock)"

# 1b. Two `run --out` into one folder. The runs' own files as references.
run_args="--replicates 20 --quiet"
run_files="alignment.csv stocks.csv utility.csv summary.json"
for x in a b; do
  seed=1
  [ $x = b ] && seed=2
  # shellcheck disable=SC2086
  "$gg" run $run_args --seed $seed --out "$work/run_ref_$x" || fail "reference run $x failed"
done
cmp -s "$work/run_ref_a/alignment.csv" "$work/run_ref_b/alignment.csv" && fail "the two runs agree"
# The folder holds the files of run $2 (a or b) alone, and no lock or temporary file.
run_alone() {
  for f in $run_files; do
    cmp -s "$1/$f" "$work/run_ref_$2/$f" || fail "$3: $1/$f is not run $2's alone"
  done
  s=1
  [ "$2" = b ] && s=2
  grep -q "\"seed\":[[:space:]]*\"\{0,1\}$s\"\{0,1\}," "$1/manifest.json" ||
    fail "$3: manifest.json is not run $2's"
  no_lock "$1" "$3"
  check_no_temps "$1"
}
# A run that holds the folder: a second one, even with --force, is refused
# at once (exit 1, one line naming the holder) and changes nothing.
# shellcheck disable=SC2086
"$gg" run $run_args --seed 1 --out "$work/run_held" 2>"$work/era" &
pa=$!
i=0
while [ ! -e "$work/run_held/.greatgame.lock" ] && [ $i -lt 400 ]; do
  sleep 0.01
  i=$((i + 1))
done
[ -e "$work/run_held/.greatgame.lock" ] || fail "the run never took its lock"
grep -q "^command run\$" "$work/run_held/.greatgame.lock" || fail "the run's lock does not name run"
# shellcheck disable=SC2086
"$gg" run $run_args --seed 2 --force --out "$work/run_held" 2>"$work/erb"
rc=$?
if wait $pa; then ra=0; else ra=$?; fi
[ $ra -eq 0 ] || fail "the run holding the folder failed: $(cat "$work/era")"
[ $rc -eq 1 ] || fail "second run into a held folder: exit $rc, expected 1"
check_err "$work/erb" "--out $work/run_held: in use by greatgame run, process $pa on $host"
run_alone "$work/run_held" a "held run folder"
# Two runs started at once into one new folder, several times: one wins
# with its own files alone; the other is refused with exit 1, by the lock
# or, when it starts after the winner ended, by the results; never a mix.
trial=0
locked=0
while [ $trial -lt 6 ]; do
  trial=$((trial + 1))
  out="$work/runs$trial"
  # shellcheck disable=SC2086
  "$gg" run $run_args --seed 1 --out "$out" 2>"$work/era$trial" &
  pa=$!
  # shellcheck disable=SC2086
  "$gg" run $run_args --seed 2 --out "$out" 2>"$work/erb$trial" &
  pb=$!
  if wait $pa; then ra=0; else ra=$?; fi
  if wait $pb; then rb=0; else rb=$?; fi
  if [ $ra -eq 0 ] && [ $rb -eq 0 ]; then
    fail "run trial $trial: both runs into $out exited 0"
  elif [ $ra -eq 0 ]; then
    win=a lose_rc=$rb lose_err="$work/erb$trial"
  elif [ $rb -eq 0 ]; then
    win=b lose_rc=$ra lose_err="$work/era$trial"
  else
    fail "run trial $trial: neither run succeeded: $(cat "$work/era$trial" "$work/erb$trial")"
  fi
  [ "$lose_rc" -eq 1 ] || fail "run trial $trial: refused with exit $lose_rc, expected 1"
  [ "$(wc -l <"$lose_err")" -eq 1 ] || fail "run trial $trial: not one error line: $(cat "$lose_err")"
  if grep -q "^--out $out: in use by greatgame run, process [0-9]* on $host" "$lose_err"; then
    locked=$((locked + 1))
  elif ! grep -q "^--out $out: already holds results (manifest.json); use --force to overwrite\$" \
    "$lose_err"; then
    fail "run trial $trial: unexpected refusal: $(cat "$lose_err")"
  fi
  run_alone "$out" "$win" "run trial $trial"
  rm -rf "$out"
done
echo "two runs at once, $trial trials: never mixed ($locked refused by the lock)"
# A run refused by the results leaves no lock.
# shellcheck disable=SC2086
"$gg" run $run_args --out "$work/run_ref_a" 2>/dev/null && fail "run over results accepted"
no_lock "$work/run_ref_a" "refused run"
rm -rf "$work/run_held" "$work/run_ref_a" "$work/run_ref_b"

# 2. A sweep that holds the folder: a second one is refused at once (exit 1,
#    one line naming the holder), and changes nothing.
# shellcheck disable=SC2086
"$gg" sweep $args --set "$set_a" --out "$work/held" >/dev/null 2>&1 &
pa=$!
i=0
while [ ! -e "$work/held/.greatgame.lock" ] && [ $i -lt 400 ]; do
  sleep 0.01
  i=$((i + 1))
done
[ -e "$work/held/.greatgame.lock" ] || fail "the sweep never took its lock"
grep -q "^pid $pa\$" "$work/held/.greatgame.lock" || fail "the lock does not hold the sweep's pid"
grep -q "^host $host\$" "$work/held/.greatgame.lock" || fail "the lock does not hold the host name"
# shellcheck disable=SC2086
"$gg" sweep $args --set "$set_b" --resume --out "$work/held" >/dev/null 2>"$work/e2"
rc=$?
[ $rc -eq 1 ] || fail "second sweep into a held folder: exit $rc, expected 1"
check_err "$work/e2" "--out $work/held: in use by greatgame sweep, process $pa on $host"
"$gg" calibrate --targets "$targets" --param 'states.*.responsiveness=0.01:0.3' --starts 1 \
  --max-iter 5 --force --quiet --out "$work/held" 2>"$work/e2c"
rc=$?
[ $rc -eq 1 ] || fail "calibrate into a held folder: exit $rc, expected 1"
check_err "$work/e2c" "--out $work/held: in use by greatgame sweep, process $pa"
wait $pa || fail "the sweep holding the folder failed"
for f in design.csv runs.csv summary.csv; do
  cmp -s "$work/held/$f" "$work/ref_a/$f" || fail "held folder: $f changed"
done
no_lock "$work/held" "after a sweep"

# 3. A lock left by a process of this host that no longer exists (killed
#    outright): taken over; the sweep runs and leaves no lock.
sh -c 'exit 0' &
dead=$!
wait $dead
mkdir -p "$work/stale"
printf 'greatgame lock\npid %s\nhost %s\ncommand sweep\nstarted 2026-01-01T00:00:00Z\nend\n' \
  "$dead" "$host" >"$work/stale/.greatgame.lock"
# shellcheck disable=SC2086
"$gg" sweep $args --set "$set_a" --out "$work/stale" >/dev/null 2>"$work/e3" ||
  fail "a stale lock of a dead process was not taken over: $(cat "$work/e3")"
cmp -s "$work/stale/runs.csv" "$work/ref_a/runs.csv" || fail "stale lock: wrong rows"
no_lock "$work/stale" "stale lock"

# 4. A lock of another host (its process cannot be checked): refused with
#    the file to remove; once removed, the sweep runs.
mkdir -p "$work/other"
printf 'greatgame lock\npid 12345\nhost elsewhere.invalid\ncommand merge\nstarted 2026-01-01T00:00:00Z\nend\n' \
  >"$work/other/.greatgame.lock"
# shellcheck disable=SC2086
"$gg" sweep $args --set "$set_a" --out "$work/other" >/dev/null 2>"$work/e4"
rc=$?
[ $rc -eq 1 ] || fail "lock of another host: exit $rc, expected 1"
check_err "$work/e4" "--out $work/other: locked by greatgame merge, process 12345 on elsewhere.invalid"
grep -q "remove $work/other/.greatgame.lock" "$work/e4" || fail "lock of another host: no hint to remove it"
[ -e "$work/other/.greatgame.lock" ] || fail "another host's lock was removed"
rm "$work/other/.greatgame.lock"
# shellcheck disable=SC2086
"$gg" sweep $args --set "$set_a" --out "$work/other" >/dev/null || fail "sweep after removing the lock"

# 4b. A Slurm job requeued onto another node: its earlier run's lock (same
#     SLURM_JOB_ID, a lower SLURM_RESTART_COUNT) is taken over; the lock of
#     another incarnation that is not older is not.
mkdir -p "$work/requeued"
printf 'greatgame lock\npid 12345\nhost node17.invalid\ncommand sweep\nstarted 2026-01-01T00:00:00Z\nslurm 4242 0\nend\n' \
  >"$work/requeued/.greatgame.lock"
# shellcheck disable=SC2086
SLURM_JOB_ID=4242 SLURM_RESTART_COUNT=0 "$gg" sweep $args --set "$set_a" --resume \
  --out "$work/requeued" >/dev/null 2>"$work/e4b"
[ $? -eq 1 ] || fail "a lock of the same Slurm run was not refused"
# shellcheck disable=SC2086
SLURM_JOB_ID=4242 SLURM_RESTART_COUNT=1 "$gg" sweep $args --set "$set_a" --resume \
  --out "$work/requeued" >/dev/null 2>"$work/e4b" ||
  fail "the lock of a requeued Slurm job's earlier run was not taken over: $(cat "$work/e4b")"
cmp -s "$work/requeued/runs.csv" "$work/ref_a/runs.csv" || fail "requeued: wrong rows"
no_lock "$work/requeued" "requeued Slurm job"

# 5. A lock held by a live process (not greatgame's, here `sleep`): refused
#    at once, for sweep, calibrate and merge; the lock is left alone.
sleep 30 &
live=$!
mkdir -p "$work/live"
printf 'greatgame lock\npid %s\nhost %s\ncommand run\nstarted 2026-01-01T00:00:00Z\nend\n' \
  "$live" "$host" >"$work/live/.greatgame.lock"
t0=$(date +%s)
# shellcheck disable=SC2086
"$gg" sweep $args --out "$work/live" >/dev/null 2>"$work/e5"
[ $? -eq 1 ] || fail "live lock: sweep not refused with exit 1"
check_err "$work/e5" "--out $work/live: in use by greatgame run, process $live on $host"
"$gg" calibrate --targets "$targets" --param 'states.*.responsiveness=0.01:0.3' --starts 1 \
  --quiet --out "$work/live" 2>"$work/e5c"
[ $? -eq 1 ] || fail "live lock: calibrate not refused with exit 1"
check_err "$work/e5c" "--out $work/live: in use by greatgame run, process $live"
for i in 0 1; do
  # shellcheck disable=SC2086
  "$gg" sweep $args --shard $i/2 --out "$work/shard$i" >/dev/null || fail "shard $i failed"
done
"$gg" merge "$work/live" "$work/shard0" "$work/shard1" >/dev/null 2>"$work/e5m"
[ $? -eq 1 ] || fail "live lock: merge not refused with exit 1"
check_err "$work/e5m" "$work/live: in use by greatgame run, process $live"
[ $(($(date +%s) - t0)) -lt 20 ] || fail "live lock: the refusals were not at once"
grep -q "^pid $live\$" "$work/live/.greatgame.lock" || fail "a live process's lock was changed"
kill $live 2>/dev/null
wait $live 2>/dev/null
[ "$(ls "$work/live" | wc -l)" -eq 0 ] || fail "a refused command wrote into $work/live"

# 6. The lock is released on every exit path.
# 6a. A refusal after the lock was taken (the folder holds results).
# shellcheck disable=SC2086
"$gg" sweep $args --set "$set_b" --out "$work/ref_a" >/dev/null 2>&1 && fail "sweep over results accepted"
no_lock "$work/ref_a" "refused sweep"
"$gg" merge "$work/ref_a" "$work/shard0" "$work/shard1" >/dev/null 2>&1 && fail "merge over results accepted"
no_lock "$work/ref_a" "refused merge"
# 6b. A write failure (a file size limit: the assembly cannot be written).
(
  trap '' XFSZ
  ulimit -f 200
  # shellcheck disable=SC2086
  "$gg" sweep $args --out "$work/full" >/dev/null 2>"$work/e6"
  echo $? >"$work/rc6"
)
[ "$(cat "$work/rc6")" -eq 1 ] || fail "sweep on a full disk: exit $(cat "$work/rc6"), expected 1"
no_lock "$work/full" "write failure"
check_no_temps "$work/full"
# 6c. SIGINT: the sweep stops between blocks, says how to resume, no lock.
# shellcheck disable=SC2086
"$gg" sweep $args --block-runs 20 --out "$work/int" >/dev/null 2>"$work/e6c" &
pa=$!
i=0
while [ "$(find "$work/int/blocks" -name 'block-*.csv' 2>/dev/null | wc -l)" -lt 2 ] && [ $i -lt 500 ]; do
  sleep 0.01
  i=$((i + 1))
done
kill -INT $pa
wait $pa
rc=$?
[ $rc -eq 1 ] || fail "sweep after SIGINT: exit $rc, expected 1"
grep -q "interrupted by SIGINT" "$work/e6c" || fail "SIGINT: $(cat "$work/e6c")"
no_lock "$work/int" "SIGINT"
# 6d. Two signals: the second stops at once, still removing the lock.
# shellcheck disable=SC2086
"$gg" sweep $args --block-runs 2000 --out "$work/int2" >/dev/null 2>"$work/e6d" &
pa=$!
i=0
while [ ! -e "$work/int2/.greatgame.lock" ] && [ $i -lt 400 ]; do
  sleep 0.01
  i=$((i + 1))
done
kill -TERM $pa
sleep 0.05
kill -TERM $pa 2>/dev/null
wait $pa
rc=$?
[ $rc -ne 0 ] || fail "sweep after two signals: exit 0"
no_lock "$work/int2" "two signals"
# 6e. calibrate stopped by SIGTERM: stops at once, no lock, no temporary
#     file, and earlier results (with --force) as they were.
"$gg" calibrate --targets "$targets" --param 'states.*.responsiveness=0.01:0.3' --starts 1 \
  --max-iter 5 --quiet --out "$work/cal" 2>/dev/null || fail "calibrate failed"
cp -R "$work/cal" "$work/cal.before"
"$gg" calibrate --targets "$targets" --param 'states.*.responsiveness=0.01:0.3' \
  --param 'states.*.backlash.strength=0:4' --starts 64 --threads 1 --force --quiet \
  --out "$work/cal" 2>"$work/e6e" &
pa=$!
i=0
while [ ! -e "$work/cal/.greatgame.lock" ] && [ $i -lt 400 ]; do
  sleep 0.01
  i=$((i + 1))
done
kill -TERM $pa
wait $pa
rc=$?
[ $rc -eq 1 ] || fail "calibrate after SIGTERM: exit $rc, expected 1"
grep -q "^calibrate: interrupted by SIGTERM; temporary files removed\$" "$work/e6e" ||
  fail "calibrate SIGTERM: $(cat "$work/e6e")"
no_lock "$work/cal" "calibrate SIGTERM"
check_no_temps "$work/cal"
diff -r "$work/cal" "$work/cal.before" >/dev/null || fail "calibrate SIGTERM: earlier results changed"

echo "folder lock: all checks passed"
rm -rf "$work"
