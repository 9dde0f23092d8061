#!/usr/bin/env bash
# Builds and runs bench/thread_pool_bench twice — unpinned, and pinned to one
# core (taskset -c 0: no cross-core wake-ups, so it measures pure overhead) —
# and prints per-item time ratios parsafe/peer (below 1: parsafe is faster).
# Each benchmark runs PARSAFE_BENCH_REPS times (default 5), repetitions of all
# benchmarks randomly interleaved so that a burst of load elsewhere on the
# machine hits every library alike; ratios.py compares the best runs and
# prints the spread. PARSAFE_BENCH_FILTER selects benchmarks (a regex).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
cmake -G Ninja -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DPARSAFE_BUILD_CHECKS=OFF \
  -DPARSAFE_BUILD_TESTS=OFF -DPARSAFE_BUILD_BENCH=ON \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 >/dev/null
cmake --build build-bench -j "${PARSAFE_JOBS:-2}" --target thread_pool_bench >/dev/null
for mode in unpinned pinned; do
  prefix=()
  [ "$mode" = pinned ] && prefix=(taskset -c 0)
  "${prefix[@]}" build-bench/bench/thread_pool_bench --benchmark_format=json \
    --benchmark_repetitions="${PARSAFE_BENCH_REPS:-5}" --benchmark_enable_random_interleaving=true \
    --benchmark_filter="${PARSAFE_BENCH_FILTER:-.}" \
    --benchmark_out="build-bench/thread_pool_$mode.json" --benchmark_out_format=json >/dev/null
  python3 bench/ratios.py "build-bench/thread_pool_$mode.json" "$mode"
done
