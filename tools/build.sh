#!/usr/bin/env bash
# Installs missing packages, then configures and builds rtcell (Release) in build/.
# Extra arguments go to CMake, e.g. tools/build.sh -DRTCELL_SANITIZE=ON -B build-asan
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
build_dir=build
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    -B) build_dir="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" "${args[@]}" >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
