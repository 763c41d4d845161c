#!/bin/sh
# Install the Debian 12 packages greatgame needs to build, test and run.
# Idempotent: packages already installed are left alone. Run as root (or with sudo).
set -eu

PACKAGES="build-essential cmake pkg-config git
libcjson-dev libgsl-dev
libsdl2-dev libsdl2-image-dev libsdl2-ttf-dev fonts-dejavu-core
libopenmpi-dev openmpi-bin
xvfb xauth python3
clang libclang-rt-14-dev libomp-dev clang-format
emscripten chromium
python3-dev python3-numpy python3-pandas python3-xarray python3-pytest
python3-venv python3-pip python3-matplotlib
r-base-dev r-cran-testthat"

# Node.js and npm (for the JSON Schema test) may come from elsewhere than
# Debian: take Debian's only if they are missing.
command -v node >/dev/null 2>&1 || PACKAGES="$PACKAGES nodejs"
command -v npm >/dev/null 2>&1 || PACKAGES="$PACKAGES npm"

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -n "$missing" ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  echo "Installing:$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# The test drivers from the npm registry, each pinned by its package-lock.json:
# the JSON Schema checker and the browser driver (puppeteer-core, which uses
# Debian's chromium and downloads no browser).
here=$(cd "$(dirname "$0")/.." && pwd)
for d in tests/schema tests/web/browser; do
  if [ -f "$here/$d/package-lock.json" ] && [ ! -d "$here/$d/node_modules" ]; then
    (cd "$here/$d" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --silent --no-audit --no-fund)
  fi
done
echo "Dependencies are installed."
