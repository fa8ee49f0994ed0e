#!/usr/bin/env bash
# Installs what rtcell needs on a Debian 12 machine (run as root). Idempotent: when every
# package is already there it only checks and returns.
set -euo pipefail

packages=(
  cmake g++ make pkg-config
  libeigen3-dev libboost-dev libzmq3-dev cppzmq-dev catch2 libyaml-cpp-dev libbenchmark-dev nlohmann-json3-dev
  libhdf5-dev librsvg2-bin python3 python3-zmq python3-numpy python3-h5py python3-matplotlib
  pybind11-dev python3-dev python3-pytest
  chromium
)
# rtcell dashboard's page and its browser test take npm packages (below): Node.js and npm from
# Debian unless a Node.js with its own npm is installed already.
if ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi
# CI's second build (tools/test.sh with RTCELL_SANITIZE_TESTS=1): clang 14 and its sanitizer
# and libFuzzer runtimes.
if [ "${RTCELL_SETUP_CLANG:-0}" = "1" ]; then
  packages+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all packages present"
fi

# The dashboard's npm packages, pinned by tools/dashboard/web/package-lock.json: uPlot (served
# with the page) and puppeteer-core (its browser test drives Debian's chromium). Not in the
# repository; installed into tools/dashboard/web/node_modules.
web="$(dirname "$0")/dashboard/web"
if [ ! -f "$web/node_modules/uplot/dist/uPlot.iife.min.js" ] ||
   [ ! -f "$web/node_modules/puppeteer-core/package.json" ]; then
  echo "setup: installing the dashboard's npm packages"
  (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
fi
