#!/usr/bin/env bash
# Installs missing packages, builds rtcell and runs the whole test suite through ctest.
# With RTCELL_SANITIZE_TESTS=1 (set by CI), the suite also runs once more, built with clang 14
# under ASan/UBSan with libFuzzer's instrumentation (build-fuzz/), and then every fuzz target
# is fuzzed for RTCELL_FUZZ_SECONDS (default 15) each (tools/fuzz.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/build.sh
(cd build && ctest --output-on-failure -j"$(nproc)")
if [ "${RTCELL_SANITIZE_TESTS:-0}" = "1" ]; then
  RTCELL_SETUP_CLANG=1 tools/setup.sh
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DRTCELL_FUZZ=ON -DRTCELL_SANITIZE=ON -DRTCELL_NATIVE=OFF >/dev/null
  cmake --build build-fuzz -j"$(nproc)"
  (cd build-fuzz && ctest --output-on-failure -j"$(nproc)")
  tools/fuzz.sh "${RTCELL_FUZZ_SECONDS:-15}" build-fuzz
fi
