#!/bin/sh
# Build greatgame with every optional part and run the whole test suite (CTest).
# Usage: scripts/test.sh [BUILD_DIR]   (default: build-test)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$here/build-test}
mpi=OFF
if command -v mpicc >/dev/null 2>&1; then mpi=ON; fi
# Warnings are errors in CI (CI=true), never for users building it.
werror=OFF
if [ "${CI:-}" = true ]; then werror=ON; fi
cmake -S "$here" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGREATGAME_MPI=$mpi \
  -DGREATGAME_WERROR=$werror >/dev/null
cmake --build "$dir" -j"$(nproc)"
cd "$dir"
ctest --output-on-failure -j"$(nproc)"
