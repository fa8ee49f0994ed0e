#!/usr/bin/env bash
# Installs missing packages, builds rtcell and runs the whole test suite through ctest.
# With RTCELL_SANITIZE_TESTS=1 (set by CI), the suite also runs once under ASan/UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/build.sh
(cd build && ctest --output-on-failure -j"$(nproc)")
if [ "${RTCELL_SANITIZE_TESTS:-0}" = "1" ]; then
  BUILD_TYPE=Debug tools/build.sh -B build-sanitize -DRTCELL_SANITIZE=ON
  (cd build-sanitize && ctest --output-on-failure -j"$(nproc)")
fi
