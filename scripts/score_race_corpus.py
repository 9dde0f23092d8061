#!/usr/bin/env python3
"""Scores parsafe-shared-state-race on the labelled corpus test/race-corpus/.

Labels: a line ending in `// RACE!` takes part in a data race; a line ending
in `// NORACE` looks suspicious but is race-free. A file with no RACE! line is
race-free. A RACE! line counts as found when a parsafe-shared-state-race
warning or one of its notes points at it.

Prints: recall of RACE! lines, racy files found, race-free files kept
silent, NORACE lines reported (at a warning or a note, and at a warning
alone), and a per-file table with --verbose.
Usage: score_race_corpus.py PLUGIN [CORPUS_DIR] [--verbose] [--include=DIR]
       [--min-racy-files=P] [--min-silent-files=P] [--max-norace-lines=P]
--include adds a header directory (an external corpus's stubs). With
thresholds (percentages), exits 1 when a score misses its target. A file
that does not compile is named (it counts as not reported); a plugin that
does not load, or a directory without programs, is an error (exit 2).
"""
import glob
import os
import re
import subprocess
import sys


def fail(message):
    sys.stderr.write("score_race_corpus: error: %s\n" % message)
    sys.exit(2)


def analyse(plugin, path, includes):
    flags = ["-std=gnu11", "-D_GNU_SOURCE"] if path.endswith(".c") else ["-std=c++17"]
    flags += ["-I" + d for d in includes]
    proc = subprocess.run(["clang-tidy-19", "-load", plugin, "-checks=-*,parsafe-shared-state-race",
                           path, "--"] + flags, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)
    if "-load request ignored" in proc.stdout:
        fail("clang-tidy could not load the plugin %s" % plugin)
    warned, pointed, at_warning = 0, set(), set()
    compiled = "Error while processing" not in proc.stdout
    in_race = False
    name = re.escape(os.path.basename(path))
    for line in proc.stdout.splitlines():
        m = re.match(r".*%s:(\d+):\d+: (warning|note): " % name, line)
        if not m:
            continue
        if m.group(2) == "warning":
            in_race = "[parsafe-shared-state-race]" in line
            warned += in_race
            if in_race:
                at_warning.add(int(m.group(1)))
        if in_race:
            pointed.add(int(m.group(1)))
    return warned, pointed, at_warning, compiled


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    verbose = "--verbose" in sys.argv
    plugin = args[0]
    corpus = args[1] if len(args) > 1 else os.path.join(os.path.dirname(__file__), "..", "test", "race-corpus")
    includes = [a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--include=")]
    if not os.path.isfile(plugin):
        fail("no plugin at %s (build it first)" % plugin)
    race_lines = race_found = norace_lines = norace_hit = norace_warned = 0
    broken = []
    racy = racy_found = clean = clean_silent = 0
    paths = sorted(glob.glob(os.path.join(corpus, "*.c")) + glob.glob(os.path.join(corpus, "*.cpp")))
    if not paths:
        fail("no .c or .cpp programs in %s" % corpus)
    for path in paths:
        lines = open(path).read().splitlines()
        races = {i + 1 for i, l in enumerate(lines) if re.search(r"//\s*RACE!\s*$", l)}
        noraces = {i + 1 for i, l in enumerate(lines) if re.search(r"//\s*NORACE!?\s*$", l)}
        warned, pointed, at_warning, compiled = analyse(plugin, path, includes)
        if not compiled:
            broken.append(os.path.basename(path))
        race_lines += len(races)
        race_found += len(races & pointed)
        norace_lines += len(noraces)
        norace_hit += len(noraces & pointed)
        norace_warned += len(noraces & at_warning)
        if races:
            racy += 1
            racy_found += warned > 0
        else:
            clean += 1
            clean_silent += warned == 0
        if verbose:
            print("%-40s races %d/%d  norace hit %d/%d  warnings %d" % (
                os.path.basename(path), len(races & pointed), len(races), len(noraces & pointed),
                len(noraces), warned))
    pct = lambda a, b: 100.0 * a / b if b else 100.0
    print("RACE! lines found: %d/%d (%.1f%%)" % (race_found, race_lines, pct(race_found, race_lines)))
    print("racy files reported: %d/%d (%.1f%%)" % (racy_found, racy, pct(racy_found, racy)))
    print("race-free files silent: %d/%d (%.1f%%)" % (clean_silent, clean, pct(clean_silent, clean)))
    print("NORACE lines reported: %d/%d (%.1f%%)" % (norace_hit, norace_lines, pct(norace_hit, norace_lines)))
    print("NORACE lines at a warning: %d/%d (%.1f%%)" % (norace_warned, norace_lines,
                                                       pct(norace_warned, norace_lines)))
    for name in broken:
        print("did not compile: %s" % name)
    limits = dict(a[2:].split("=", 1) for a in sys.argv[1:] if a.startswith("--") and "=" in a)
    failed = []
    if pct(racy_found, racy) < float(limits.get("min-racy-files", 0)):
        failed.append("racy files reported")
    if pct(clean_silent, clean) < float(limits.get("min-silent-files", 0)):
        failed.append("race-free files silent")
    if pct(norace_hit, norace_lines) > float(limits.get("max-norace-lines", 100)):
        failed.append("NORACE lines reported")
    for name in failed:
        print("BELOW TARGET: " + name)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
