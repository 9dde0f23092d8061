#!/usr/bin/env python3
"""Runs every parsafe test in the given build directories and prints one total.

For each build directory:
  * lit on <build>/test, when the checks were built there (lit.site.cfg.py);
  * every GoogleTest binary listed in <build>/gtest-manifest.txt;
  * every libFuzzer target in <build>/fuzz-manifest.txt, for its time budget.

The last line is `N passed, N failed[, N skipped]`: lit tests, GoogleTest
cases and fuzz runs counted together. Exit status 1 when anything failed.
"""

import json
import os
import subprocess
import sys
import tempfile

LIT = "/usr/lib/llvm-19/build/utils/lit/lit.py"


class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.skipped = 0
        self.failures = []

    def record(self, ok, name, skipped=False):
        if skipped:
            self.skipped += 1
        elif ok:
            self.passed += 1
        else:
            self.failed += 1
            self.failures.append(name)


def flavor(build):
    return os.path.basename(os.path.normpath(build))


def run_lit(build, tally, jobs):
    site = os.path.join(build, "test", "lit.site.cfg.py")
    if not os.path.exists(site):
        return
    out = os.path.join(build, "lit-results.json")
    cmd = [sys.executable, LIT, "-sv", "-j", str(jobs), "--output", out,
           os.path.join(build, "test")]
    print("== lit (%s)" % flavor(build), flush=True)
    proc = subprocess.run(cmd)
    try:
        with open(out) as f:
            results = json.load(f)["tests"]
    except (OSError, ValueError, KeyError):
        tally.record(False, "%s: lit did not produce results (exit %d)" % (flavor(build), proc.returncode))
        return
    if not results:
        tally.record(False, "%s: lit found no tests" % flavor(build))
    for test in results:
        code = test["code"]
        tally.record(code in ("PASS", "XFAIL"), "%s: lit %s" % (flavor(build), test["name"]),
                     skipped=code == "UNSUPPORTED")


def read_manifest(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [line.strip() for line in f if line.strip()]


def run_gtest(build, exe, tally):
    name = "%s: %s" % (flavor(build), os.path.basename(exe))
    print("== gtest %s" % name, flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "report.json")
        proc = subprocess.run([exe, "--gtest_output=json:" + report, "--gtest_brief=1"])
        try:
            with open(report) as f:
                data = json.load(f)
        except (OSError, ValueError):
            tally.record(False, "%s (no report; exit %d)" % (name, proc.returncode))
            return
    failed_before = tally.failed
    for suite in data.get("testsuites", []):
        for case in suite.get("testsuite", []):
            case_name = "%s %s.%s" % (name, suite["name"], case["name"])
            if case.get("result") == "SKIPPED" or case.get("status") == "NOTRUN":
                tally.record(True, case_name, skipped=True)
            else:
                tally.record(not case.get("failures"), case_name)
    # A sanitizer report or a crash after the last test still fails the binary.
    if proc.returncode != 0 and tally.failed == failed_before:
        tally.record(False, "%s (exit %d after its tests)" % (name, proc.returncode))


def run_fuzzer(build, entry, tally):
    exe, seconds = entry.rsplit(" ", 1)
    name = "%s: fuzz %s" % (flavor(build), os.path.basename(exe))
    print("== %s (%ss)" % (name, seconds), flush=True)
    with tempfile.TemporaryDirectory() as corpus:
        proc = subprocess.run([exe, "-max_total_time=" + seconds, "-print_final_stats=1",
                               "-artifact_prefix=" + os.path.join(build, "fuzz-"), corpus])
    tally.record(proc.returncode == 0, name)


def main():
    builds = sys.argv[1:]
    if not builds:
        sys.exit("usage: run_tests.py BUILD_DIR [BUILD_DIR...]")
    jobs = int(os.environ.get("PARSAFE_JOBS", "2"))
    tally = Tally()
    for build in builds:
        if not os.path.isdir(build):
            tally.record(False, "%s: build directory missing" % build)
            continue
        run_lit(build, tally, jobs)
        for exe in read_manifest(os.path.join(build, "gtest-manifest.txt")):
            run_gtest(build, exe, tally)
        for entry in read_manifest(os.path.join(build, "fuzz-manifest.txt")):
            run_fuzzer(build, entry, tally)
    if tally.failures:
        print("\nFailed:")
        for name in tally.failures:
            print("  " + name)
    line = "%d passed, %d failed" % (tally.passed, tally.failed)
    if tally.skipped:
        line += ", %d skipped" % tally.skipped
    print(line)
    sys.exit(1 if tally.failed or tally.passed == 0 else 0)


if __name__ == "__main__":
    main()
