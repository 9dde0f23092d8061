#!/usr/bin/env python3
"""Times clang-tidy-19 with every parsafe check against clang++-19
-fsyntax-only on the same translation units — the project's own sources (from
build/compile_commands.json) and its examples — and prints the ratio. Each
measurement is the best of 3 runs. Usage: analysis_cost.py [BUILD_DIR]"""
import glob
import json
import os
import re
import shlex
import subprocess
import sys
import time

args = [a for a in sys.argv[1:] if not a.startswith("--")]
callgrind = "--callgrind" in sys.argv
unit_filter = None
if "--filter" in sys.argv:
    unit_filter = re.compile(sys.argv[sys.argv.index("--filter") + 1])
    args.remove(unit_filter.pattern)
build = args[0] if args else "build"
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
plugin = os.path.join(build, "lib", "libparsafe-tidy.so")


def instructions(cmd):
    """Instructions executed by cmd and its children, counted by callgrind."""
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + cmd,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          universal_newlines=True)
    counted = re.findall(r"Collected : (\d+)", proc.stderr)
    if not counted:
        sys.exit("callgrind failed on: %s\n%s" % (" ".join(cmd), proc.stderr[-2000:]))
    return int(counted[-1]) / 1e9


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

if unit_filter:
    units = [(path, flags) for path, flags in units if unit_filter.search(path)]
measure, unit = (instructions, "G instr") if callgrind else (best_of, "s")

total_parse = total_tidy = 0.0
print("%-60s %8s %8s %6s" % ("translation unit", "parse", "tidy", "ratio"))
for path, flags in units:
    parse = measure(["clang++-19", "-fsyntax-only"] + flags + [path])
    tidy = measure(["clang-tidy-19", "-load", plugin, "-checks=-*,parsafe-*", "--quiet", path,
                    "--"] + flags)
    total_parse += parse
    total_tidy += tidy
    print("%-60s %8.2f %8.2f %6.2f" % (os.path.relpath(path, root), parse, tidy, tidy / parse))
print("TOTAL %d TUs: parse %.2f %s, clang-tidy with parsafe %.2f %s, ratio %.2f"
      % (len(units), total_parse, unit, total_tidy, unit, total_tidy / total_parse))
