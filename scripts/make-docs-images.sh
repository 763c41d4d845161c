#!/bin/sh
# Make every picture in docs/img with the program of a build folder, using
# only the program's own commands and options (greatgame plot, greatgame
# view --screenshot, greatgame sweep). The test render_docs_images_current
# runs this script into a temporary folder and compares the result with
# docs/img, so a picture that no longer matches the program fails the suite.
#
# Usage: scripts/make-docs-images.sh BUILD_DIR [OUT_DIR]
#   BUILD_DIR  a build folder (the program is BUILD_DIR/engine/cli/greatgame)
#   OUT_DIR    where the pictures go (default: docs/img)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: scripts/make-docs-images.sh BUILD_DIR [OUT_DIR]" >&2
  exit 2
fi
gg=$(cd "$1" 2>/dev/null && pwd)/engine/cli/greatgame
if [ ! -x "$gg" ]; then
  echo "$1: no program engine/cli/greatgame in this build folder (build it first)" >&2
  exit 2
fi
out=${2:-$here/docs/img}
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
# The same pictures whatever the caller's settings: SDL's offscreen driver
# for the viewer's screenshots, the default font.
SDL_VIDEODRIVER=offscreen
export SDL_VIDEODRIVER
unset GREATGAME_FONT
cd "$here" # scenario paths below are relative to the repository

# docs/classroom.md and docs/tutorial-teachers.md: the lesson uses the GG-1
# baseline, named (the default is the GG-2 one)
"$gg" view scenarios/central_asia_2020.json --screenshot "$out/classroom_view_start.png"
"$gg" view scenarios/central_asia_2020.json --ticks 132 --screenshot "$out/classroom_view_2031.png"
# The class triples the US investment and diplomacy budgets with the keys
# (20 presses of Up, a tenth of the scenario's value each), then plays on.
up20=$(printf 'up,%.0s' $(seq 20))
"$gg" view scenarios/central_asia_2020.json --screenshot "$out/classroom_view_us_push.png" \
  --events "1,${up20}c,c,${up20}space,wait:140,S,q" >/dev/null
"$gg" plot scenarios/central_asia_2020.json --kind timeseries --state UZ --out "$out/classroom_uz_baseline.png"
"$gg" plot scenarios/us_pivot.json --kind ternary --out "$out/classroom_ternary_us_pivot.png"
"$gg" plot scenarios/central_asia_2020.json --kind map --out "$out/classroom_map_2031.png"
"$gg" plot scenarios/central_asia_2020.json --kind map --power US --tick 2025-01 --out "$out/classroom_map_us_2025.png"
"$gg" plot scenarios/central_asia_2020.json --kind bars --out "$out/classroom_bars_2031.png"
# Model GG-2: Kazakhstan's ties beside its alignment in the GG-2 baseline,
# as a chart and in the viewer's state panel
"$gg" plot scenarios/central_asia_2020_gg2.json --kind ties --state KZ \
  --out "$out/classroom_ties_kz_gg2.png"
"$gg" view scenarios/central_asia_2020_gg2.json --ticks 120 --screenshot "$out/classroom_view_gg2.png"

# docs/sweeps.md
"$gg" sweep scenarios/central_asia_2020.json --param powers.CN.budget.investment=0:800:17 --replicates 50 \
  --metric final.KZ.CN --out "$work/kz-fan" >/dev/null 2>&1
"$gg" plot "$work/kz-fan" --kind fan --metric final.KZ.CN --out "$out/sweeps_kz_fan.png"

# docs/discovery.md
"$gg" sweep scenarios/central_asia_2020.json --param powers.CN.budget.investment=100:700 --param states.KZ.backlash.strength=0:4 \
  --factor blocs.EEU.enabled=0,1 --factor powers.RU.strategy=fixed,contest \
  --design lhs --samples 512 --metric final.KZ.CN --out "$work/kz-sweep" >/dev/null 2>&1
"$gg" discover "$work/kz-sweep" --metric final.KZ.CN --where 'final.KZ.CN>=0.14' \
  --out "$work/kz-box" >/dev/null
cp "$work/kz-box/discover.png" "$out/discovery_kz_trajectory.png"

echo "pictures written to $out"
