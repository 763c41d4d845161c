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
emscripten"

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

# The JSON Schema checker used by the tests (pinned by tests/schema/package-lock.json).
here=$(cd "$(dirname "$0")/.." && pwd)
if [ -f "$here/tests/schema/package-lock.json" ] && [ ! -d "$here/tests/schema/node_modules" ]; then
  (cd "$here/tests/schema" && npm ci --silent --no-audit --no-fund)
fi
echo "Dependencies are installed."
