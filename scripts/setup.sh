#!/usr/bin/env bash
# Installs every Debian package parsafe's build, tests and benchmarks need.
# Safe to run twice: packages already present are skipped without touching apt.
set -euo pipefail

packages=(
  clang-19 clang-tidy-19 clangd-19 libclang-19-dev llvm-19-dev llvm-19-tools
  libclang-rt-19-dev
  cmake ninja-build python3
  libgtest-dev libgmock-dev libbenchmark-dev
  libtbb-dev libasio-dev
  neovim
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
