#!/usr/bin/env bash
# README command 2 (and .ci/run): install what is missing, then build and run
# every test twice: a normal build, and an ASan+UBSan build; then build the
# libFuzzer harnesses with clang and run each briefly, seeded from fixtures/
# (a crash, leak, hang or violated property fails). Benchmarks are only
# built and run once on a tiny input (their figures live in
# docs/performance.md, never in tests).
# Environment: FUZZ_SECONDS per harness (default 10; 0 skips fuzzing),
# FUZZ_TIMEOUT seconds per input before it counts as a hang (default 30:
# instrumented builds on a busy 2-core machine are slow, not hung). CI
# fuzzing replays a fixed sequence (FUZZ_SEED=1, at most FUZZ_RUNS=2000
# inputs, fresh corpus), so a failure is the code's, not the dice's; run
# fuzz/run.sh without a seed to explore.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
jobs=$(nproc 2>/dev/null || echo 2)

echo "== build (RelWithDebInfo)"
BUILD_DIR=build scripts/build.sh
echo "== tests"
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== Python package: pip install into a fresh venv, binding and Dask tests against it"
scripts/test-python-package.sh build

echo "== install and build a consumer project (CMake package and pkg-config)"
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install build --prefix "$prefix" >/dev/null
cmake -S tests/install -B "$prefix/consumer-build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$prefix/consumer-build" >/dev/null
"$prefix/consumer-build/consumer"
PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --exists norm && echo "pkg-config norm ok"

echo "== benchmarks build and run (smoke)"
if [[ -x build/bench/norm_bench ]]; then
  build/bench/norm_bench --benchmark_min_time=0.001 >/dev/null
fi

echo "== build (ASan+UBSan)"
BUILD_DIR=build-asan scripts/build.sh -DNORM_SANITIZE=ON -DNORM_BUILD_BENCH=OFF
echo "== tests under ASan+UBSan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"

fuzz_seconds=${FUZZ_SECONDS:-10}
if ((fuzz_seconds > 0)); then
  echo "== fuzz harnesses (clang, libFuzzer, ASan+UBSan), ${fuzz_seconds}s each"
  BUILD_DIR=build-fuzz FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-30} FUZZ_SEED=${FUZZ_SEED:-1} \
    FUZZ_RUNS=${FUZZ_RUNS:-2000} fuzz/run.sh -t "$fuzz_seconds" \
    fuzz_decode fuzz_html fuzz_markdown fuzz_roundtrip fuzz_pipeline fuzz_filters
fi
