#!/bin/sh
# Install what is missing, build greatgame (Release), and run the Central Asia baseline.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/install-deps.sh"
cmake -S "$here" -B "$here/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$here/build" -j"$(nproc)"
echo
"$here/build/engine/cli/greatgame" run --out "$here/out/baseline" --force
echo
echo "Trajectories, summary and manifest are in out/baseline/. The program is build/engine/cli/greatgame."
