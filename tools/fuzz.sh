#!/usr/bin/env bash
# Fuzzes every decoder of untrusted bytes (tests/fuzz/) with libFuzzer, ASan and UBSan.
#   tools/fuzz.sh [SECONDS_PER_TARGET] [BUILD_DIR]
# BUILD_DIR (default build-fuzz) is configured with clang 14, RTCELL_FUZZ and RTCELL_SANITIZE,
# so it is also a complete clang build of the project whose ctest runs the whole suite under
# the sanitizers (tools/test.sh does that in CI). Each target starts from its stored corpus and
# the reliability reproducers; new inputs go to a scratch folder, and a crash is written to
# BUILD_DIR/fuzz-crash-<target>-* and fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}"
build="${2:-build-fuzz}"
if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DRTCELL_FUZZ=ON -DRTCELL_SANITIZE=ON -DRTCELL_NATIVE=OFF >/dev/null
fi
targets=(swc asc labels config wire control dashboard_stream browser_request nmodl)
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/#/rtcell_fuzz_}"
# target:reproducer folder (tests/data/reliability/<folder>)
declare -A repro=([swc]=swc [asc]=asc [labels]=label [config]=config [wire]=wire [control]=control
  [dashboard_stream]=wire [browser_request]=control [nmodl]=nmodl)
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
for t in "${targets[@]}"; do
  echo "fuzz: $t for ${seconds} s"
  mkdir -p "$scratch/$t"
  "$build/tests/fuzz/rtcell_fuzz_$t" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 -artifact_prefix="$build/fuzz-crash-$t-" \
    "$scratch/$t" "tests/fuzz/corpus/$t" "tests/data/reliability/${repro[$t]}" 2>&1 |
    grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY)" || true
  if ls "$build"/fuzz-crash-"$t"-* >/dev/null 2>&1; then
    echo "fuzz: $t found a failing input: $(ls "$build"/fuzz-crash-"$t"-*)" >&2
    exit 1
  fi
done
echo "fuzz: every target ran ${seconds} s without a failure"
