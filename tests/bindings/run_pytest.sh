#!/bin/sh
# Run one pytest file of the Python module's tests; status 77 (skipped) when
# pytest, pandas or xarray is not installed.
# usage: run_pytest.sh PYTHON TEST_FILE BASETEMP
# (environment: PYTHONPATH with the built package, GG_PROGRAM, GG_SOURCE_DIR)
set -u
py=$1
file=$2
tmp=$3
if ! "$py" -c 'import pytest, numpy, pandas, xarray' 2>/dev/null; then
  echo "pytest, NumPy, pandas or xarray is missing for $py: skipped"
  exit 77
fi
rm -rf "$tmp" && mkdir -p "$tmp" || exit 1
exec "$py" -m pytest -q -p no:cacheprovider --basetemp="$tmp" "$file"
