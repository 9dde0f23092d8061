#!/usr/bin/env bash
# Sets up, builds parsafe, and runs its checks on the bundled examples.
# Each "before" program is a bug parsafe explains; each "after" is its fix.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${PARSAFE_JOBS:-2}

bash scripts/setup.sh
cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 >/dev/null
cmake --build build -j "$jobs"

status=0
for file in examples/*/before.c examples/*/before.cpp examples/*/after.c examples/*/after.cpp; do
  [ -e "$file" ] || continue
  case "$file" in
    *.c) flags=(-std=c11 -D_GNU_SOURCE) ;;
    *) flags=(-std=c++17) ;;
  esac
  echo "== parsafe: $file"
  clang-tidy-19 -load build/lib/libparsafe-tidy.so -checks='-*,parsafe-*' --quiet \
    "$file" -- "${flags[@]}" -I runtime/include 2>/dev/null || status=$?
done
exit "$status"
