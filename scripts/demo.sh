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

# The same through parsafe-check, the whole-project driver (one file here,
# flags after --). Exit code 1 means "findings", which is what a before.cpp has.
echo "== parsafe-check: examples/dangling_capture/before.cpp"
rc=0
build/bin/parsafe-check --progress=never examples/dangling_capture/before.cpp -- \
  -std=c++17 -I runtime/include || rc=$?
[ "$rc" -le 1 ] || status=$rc
exit "$status"
