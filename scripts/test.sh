#!/usr/bin/env bash
# Builds parsafe and runs every test: lit (checks, tools, editor path),
# GoogleTest for the runtime (plain, ThreadSanitizer, ASan+UBSan) and the
# bounded fuzz runs. Closing line: `N passed, N failed`.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${PARSAFE_JOBS:-2}

bash scripts/setup.sh
export CC=clang-19 CXX=clang++-19

# A developer's ccache, when there is one, makes rebuilds cheap; CI has none.
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi

configure() { # build-dir, extra cmake args...
  local dir=$1; shift
  cmake -G Ninja -S . -B "$dir" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON "${launcher[@]}" "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
}

configure build -DCMAKE_BUILD_TYPE=Release
configure build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARSAFE_BUILD_CHECKS=OFF \
  -DPARSAFE_SANITIZE=thread
configure build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARSAFE_BUILD_CHECKS=OFF \
  -DPARSAFE_SANITIZE=address,undefined

exec python3 scripts/run_tests.py build build-tsan build-asan
