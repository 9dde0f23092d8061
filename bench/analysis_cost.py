#!/usr/bin/env python3
"""Times clang-tidy-19 with every parsafe check against clang++-19
-fsyntax-only on the same translation units — the project's own sources (from
build/compile_commands.json) and its examples — and prints the ratio. Each
measurement is the best of 3 runs. Usage: analysis_cost.py [BUILD_DIR]"""
import glob
import json
import os
import shlex
import subprocess
import sys
import time

build = sys.argv[1] if len(sys.argv) > 1 else "build"
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
plugin = os.path.join(build, "lib", "libparsafe-tidy.so")


def best_of(cmd, runs=3):
    best = None
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best


units = []  # (file, compiler flags)
with open(os.path.join(build, "compile_commands.json")) as f:
    for entry in json.load(f):
        args = entry.get("arguments") or shlex.split(entry["command"])
        flags = [a for a in args[1:] if a not in ("-c",) and not a.endswith((".cpp", ".o"))]
        flags = [a for i, a in enumerate(flags) if a != "-o" and (i == 0 or flags[i - 1] != "-o")]
        if entry["file"].startswith(os.path.join(root, "checks")) or \
           entry["file"].startswith(os.path.join(root, "runtime")):
            units.append((entry["file"], flags))
for path in sorted(glob.glob(os.path.join(root, "examples", "*", "*.cpp"))):
    units.append((path, ["-std=c++17", "-isystem", os.path.join(root, "runtime", "include")]))

total_parse = total_tidy = 0.0
print("%-60s %8s %8s %6s" % ("translation unit", "parse s", "tidy s", "ratio"))
for path, flags in units:
    parse = best_of(["clang++-19", "-fsyntax-only"] + flags + [path])
    tidy = best_of(["clang-tidy-19", "-load", plugin, "-checks=-*,parsafe-*", "--quiet", path,
                    "--"] + flags)
    total_parse += parse
    total_tidy += tidy
    print("%-60s %8.2f %8.2f %6.2f" % (os.path.relpath(path, root), parse, tidy, tidy / parse))
print("TOTAL %d TUs: parse %.2f s, clang-tidy with parsafe %.2f s, ratio %.2f"
      % (len(units), total_parse, total_tidy, total_tidy / total_parse))
