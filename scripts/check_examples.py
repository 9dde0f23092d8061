#!/usr/bin/env python3
"""Verifies the bundled examples (examples/<topic>/).

For every topic with a before/after pair:
  * before.cpp names the check it illustrates on its first line
    (`// parsafe-check: parsafe-<name>`) and that check reports it;
  * after.cpp is silent under every parsafe check;
  * both compile, run, exit 0, and print exactly the same output.
A topic with only main.cpp (a runtime demo) must be silent and run cleanly.

Usage: check_examples.py SRC_ROOT BUILD_DIR   (prints one line per verdict)
"""

import os
import re
import subprocess
import sys
import tempfile

CLANG_TIDY = "clang-tidy-19"
CXX = "clang++-19"


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, errors="replace", **kw)


def parsafe_warnings(src, root, build):
    proc = run([CLANG_TIDY, "-load", os.path.join(build, "lib", "libparsafe-tidy.so"),
                "-checks=-*,parsafe-*", "--quiet", src, "--", "-std=c++17",
                "-isystem", os.path.join(root, "runtime", "include")])
    if proc.returncode < 0 or "Stack dump" in proc.stdout:
        return None, proc.stdout
    return re.findall(r"warning: .*\[(parsafe-[a-z-]+)\]", proc.stdout), proc.stdout


def build_and_run(src, root, build, tmp):
    exe = os.path.join(tmp, os.path.basename(os.path.dirname(src)) + "-" +
                       os.path.splitext(os.path.basename(src))[0])
    proc = run([CXX, "-std=c++17", "-O1", "-pthread", "-isystem",
                os.path.join(root, "runtime", "include"), src,
                os.path.join(build, "runtime", "libparsafe_runtime.a"), "-o", exe])
    if proc.returncode != 0:
        return None, "compile failed:\n" + proc.stdout
    proc = run([exe], timeout=60)
    if proc.returncode != 0:
        return None, "exit %d:\n%s" % (proc.returncode, proc.stdout)
    return proc.stdout, ""


def main():
    root, build = sys.argv[1], sys.argv[2]
    examples = os.path.join(root, "examples")
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for topic in sorted(os.listdir(examples)):
            path = os.path.join(examples, topic)
            if not os.path.isdir(path):
                continue
            before = os.path.join(path, "before.cpp")
            after = os.path.join(path, "after.cpp")
            demo = os.path.join(path, "main.cpp")

            def verdict(ok, text):
                nonlocal failures
                failures += 0 if ok else 1
                print("%s: %s: %s" % ("PASS" if ok else "FAIL", topic, text))

            if os.path.exists(demo):
                warnings, out = parsafe_warnings(demo, root, build)
                verdict(warnings == [], "demo is parsafe-clean" if warnings == [] else out)
                output, err = build_and_run(demo, root, build, tmp)
                verdict(output is not None, "demo runs" if output is not None else err)
                continue
            if not (os.path.exists(before) and os.path.exists(after)):
                verdict(False, "needs before.cpp and after.cpp, or main.cpp")
                continue
            with open(before) as f:
                first = f.readline()
            match = re.match(r"//\s*parsafe-check:\s*(parsafe-[a-z-]+)", first)
            if not match:
                verdict(False, "before.cpp must start with '// parsafe-check: parsafe-<name>'")
                continue
            check = match.group(1)
            warnings, out = parsafe_warnings(before, root, build)
            verdict(warnings is not None and check in warnings,
                    "before.cpp flagged by %s" % check if warnings and check in warnings
                    else "before.cpp not flagged by %s:\n%s" % (check, out))
            warnings, out = parsafe_warnings(after, root, build)
            verdict(warnings == [], "after.cpp is parsafe-clean" if warnings == [] else
                    "after.cpp has parsafe diagnostics:\n" + out)
            out_before, err_b = build_and_run(before, root, build, tmp)
            out_after, err_a = build_and_run(after, root, build, tmp)
            same = out_before is not None and out_before == out_after
            verdict(same, "same output" if same else
                    "outputs differ or a program failed:\n--- before\n%s%s\n--- after\n%s%s" %
                    (out_before, err_b, out_after, err_a))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
