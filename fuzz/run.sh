#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang, ASan+UBSan, coverage) into
# build-fuzz/ and runs each for SECONDS, seeded from fixtures/.
# Usage: fuzz/run.sh [-t SECONDS] [HARNESS...]   (default: 60 s each, all)
# Crashes, leaks and hangs (-timeout) land in build-fuzz/artifacts/; turn
# each into a fixtures/regress/<name>/ case or a named unit test, then fix.
# Environment: BUILD_DIR (default build-fuzz), FUZZ_TIMEOUT (seconds per
# input before a hang is reported, default 10), FUZZ_SEED (a fixed random
# seed; the corpus then starts fresh from the seeds, so the run replays the
# same input sequence every time: CI's mode), FUZZ_RUNS (at most this many
# inputs per harness, with FUZZ_SEED: a prefix of that sequence).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=60
if [[ ${1:-} == -t ]]; then
  seconds=$2
  shift 2
fi
build=${BUILD_DIR:-build-fuzz}
jobs=$(nproc 2>/dev/null || echo 2)
all=(fuzz_decode fuzz_html fuzz_markdown fuzz_roundtrip fuzz_pipeline fuzz_filters)
harnesses=("$@")
((${#harnesses[@]})) || harnesses=("${all[@]}")

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_COMPILER=clang++ -DNORM_BUILD_FUZZ=ON -DNORM_BUILD_TESTS=OFF \
  -DNORM_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j"$jobs" --target "${harnesses[@]}"
rm -rf "$build/seeds"
fuzz/seed-corpus.sh "$build/seeds"
mkdir -p "$build/artifacts"
corpus_root=$build/corpus
replay=()
if [[ -n ${FUZZ_SEED:-} ]]; then
  corpus_root=$(mktemp -d)
  trap 'rm -rf "$corpus_root"' EXIT
  replay=(-seed="$FUZZ_SEED")
  [[ -n ${FUZZ_RUNS:-} ]] && replay+=(-runs="$FUZZ_RUNS")
fi

failed=()
for h in "${harnesses[@]}"; do
  mkdir -p "$corpus_root/$h"
  echo "== $h (${seconds}s)"
  if ! ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/fuzz/$h" -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-10}" \
    -rss_limit_mb=2048 -max_len=65536 -dict=fuzz/markup.dict -print_final_stats=0 \
    "${replay[@]}" -artifact_prefix="$build/artifacts/$h-" "$corpus_root/$h" "$build/seeds" \
    >"$build/$h.log" 2>&1; then
    failed+=("$h")
    tail -n 60 "$build/$h.log"
  else
    grep -E '^#[0-9]+.*DONE|stat::number_of_executed_units' "$build/$h.log" | tail -n1 || true
  fi
done
if ((${#failed[@]})); then
  echo "fuzz: failures in ${failed[*]} (inputs in $build/artifacts/)" >&2
  exit 1
fi
