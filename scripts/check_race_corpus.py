#!/usr/bin/env python3
"""Checks that every program of the labelled race corpus is well formed.

Each file of test/race-corpus/ must compile cleanly (-Wall -Werror) as C11 or
C++17 with -pthread, start with a comment saying what it shows, and carry
labels only in the exact forms the scorer reads: a line ending in `// RACE!`
or `// NORACE`. A misspelt label would silently drop out of the score.

Usage: check_race_corpus.py CLANG [CORPUS_DIR]
Prints one line per problem and a summary; exits 1 when any file fails.
"""
import glob
import os
import re
import subprocess
import sys

LABEL = re.compile(r"//\s*(NO\s*-?\s*RACE|RACE)\b")


def label_problems(lines):
    problems = []
    for number, line in enumerate(lines, 1):
        text = line.rstrip()
        if text.endswith("// RACE!") or text.endswith("// NORACE"):
            continue
        if LABEL.search(text):
            problems.append("line %d: malformed label: %s" % (number, text.strip()))
    if not lines or not lines[0].startswith("//"):
        problems.append("line 1: missing the leading comment that says what the program shows")
    return problems


def compile_problems(clang, path):
    if path.endswith(".c"):
        cmd = [clang, "-fsyntax-only", "-x", "c", "-std=c11"]
    else:
        cmd = [clang, "--driver-mode=g++", "-fsyntax-only", "-x", "c++", "-std=c++17"]
    cmd += ["-pthread", "-Wall", "-Werror", path]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)
    if proc.returncode == 0:
        return []
    first = next((l for l in proc.stdout.splitlines() if "error" in l), proc.stdout.strip())
    return ["does not compile: " + first]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    clang = sys.argv[1]
    corpus = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(__file__), "..", "test", "race-corpus")
    paths = sorted(glob.glob(os.path.join(corpus, "*.c")) + glob.glob(os.path.join(corpus, "*.cpp")))
    if not paths:
        sys.exit("error: no .c or .cpp files in %s" % corpus)
    failed = racy = c_files = 0
    for path in paths:
        lines = open(path).read().splitlines()
        racy += any(l.rstrip().endswith("// RACE!") for l in lines)
        c_files += path.endswith(".c")
        problems = label_problems(lines) + compile_problems(clang, path)
        for problem in problems:
            print("FAILED %s: %s" % (os.path.basename(path), problem))
        failed += bool(problems)
    print("corpus files: %d (%d C, %d C++), racy %d, race-free %d, failed %d" % (
        len(paths), c_files, len(paths) - c_files, racy, len(paths) - racy, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
