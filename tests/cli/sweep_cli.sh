#!/bin/sh
# Command-line errors of sweep and sensitivity: exit 2, one line starting
# with the option at fault, nothing written; --help prints usage.
# usage: sweep_cli.sh GREATGAME WORKDIR
set -eu
gg=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
"$gg" sweep --help | grep -q "usage: greatgame sweep"
"$gg" sensitivity --help | grep -q "usage: greatgame sensitivity"
expect_bad() {
  prefix=$1
  shift
  set +e
  "$gg" "$@" 2>"$work/err.txt" >/dev/null
  rc=$?
  set -e
  if [ $rc -ne 2 ]; then
    echo "sweep_cli: exit $rc, expected 2: $*" >&2
    exit 1
  fi
  if [ "$(wc -l <"$work/err.txt")" -ne 1 ] || ! head -c ${#prefix} "$work/err.txt" | grep -qF -- "$prefix"; then
    echo "sweep_cli: expected one line starting with $prefix, got:" >&2
    cat "$work/err.txt" >&2
    exit 1
  fi
  if [ -e "$work/out" ]; then
    echo "sweep_cli: output written on bad input: $*" >&2
    exit 1
  fi
}
p="--param states.KZ.noise=0:0.1"
expect_bad "--param" sweep --out "$work/out"
expect_bad "--param" sweep --param states.KZ.noise=0 --out "$work/out"
expect_bad "--param" sweep --param states.XX.noise=0:1 --out "$work/out"
expect_bad "--param" sweep --param states.KZ.backlash.threshold=0:5 --out "$work/out"
expect_bad "--design" sweep $p --design magic --out "$work/out"
expect_bad "--samples" sweep $p --design lhs --samples 0 --out "$work/out"
expect_bad "--samples" sweep $p --samples 10 --out "$work/out"
expect_bad "--metric" sweep $p --metric final.KZ.XX --out "$work/out"
expect_bad "--metric" sweep $p --metric sideways.KZ --out "$work/out"
expect_bad "--out" sweep $p
expect_bad "--bogus" sweep $p --bogus --out "$work/out"
expect_bad "--method" sensitivity $p --method fast --out "$work/out"
expect_bad "--samples" sensitivity $p --samples 1 --out "$work/out"
# numbers as JSON writes them, in sweeps too: no hexadecimal, inf or leading +
expect_bad "--set states.KZ.noise=0x10" sweep $p --set states.KZ.noise=0x10 --out "$work/out"
expect_bad "--param states.KZ.noise=0x0:1" sweep --param states.KZ.noise=0x0:1 --out "$work/out"
expect_bad "--param states.KZ.noise=0:inf" sweep --param states.KZ.noise=0:inf --out "$work/out"
expect_bad "--set states.KZ.noise=+1" sensitivity $p --set states.KZ.noise=+1 --out "$work/out"
echo "sweep_cli: ok"
