#!/usr/bin/env python3
"""Runs parsafe checks on one lit test file and verifies what they report.

Usage (from a lit RUN line, through the %check_parsafe substitution):

  %check_parsafe [-check-suffix=S] [--expect-compile-errors] INPUT CHECKS TEMP \
      [-- CLANG_TIDY_ARGS... [-- COMPILER_ARGS...]]

The conventions are those of clang-tidy's own tests:
  * `// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: ... [parsafe-x]` lines are
    FileChecked against clang-tidy's output; any warning or error that no
    CHECK-MESSAGES line accounts for fails the test.
  * `// CHECK-FIXES: ...` lines are FileChecked against the file after
    `-fix`, and the fixed file must still compile.
  * A file with no CHECK-MESSAGES line must produce no parsafe diagnostic.

CHECK lines are blanked (not removed) in the analysed copy, so line numbers
agree and a fix pattern cannot match its own comment.
"""

import argparse
import os
import re
import subprocess
import sys


def fail(message, output=None):
    sys.stderr.write("check_parsafe: error: %s\n" % message)
    if output:
        sys.stderr.write("------ output ------\n%s\n--------------------\n" % output)
    sys.exit(1)


def run(cmd):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, errors="replace")
    return proc.returncode, proc.stdout


def split_on_dashes(args):
    """Splits [a, --, b, --, c] into ([a], [b], [c]); argparse would eat the '--'."""
    groups = [[]]
    for arg in args:
        if arg == "--" and len(groups) < 3:
            groups.append([])
        else:
            groups[-1].append(arg)
    while len(groups) < 3:
        groups.append([])
    return groups


def crashed(returncode, output):
    return returncode < 0 or "Stack dump:" in output or "PLEASE submit a bug report" in output


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--clang", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--runtime-include", required=True)
    parser.add_argument("-check-suffix", "-check-suffixes", "--check-suffixes", default="",
                        dest="check_suffix",
                        help="comma-separated; an empty entry stands for the plain prefixes, "
                             "so ',OPT' checks CHECK-MESSAGES and CHECK-MESSAGES-OPT lines")
    parser.add_argument("--expect-compile-errors", action="store_true",
                        help="the input does not compile; the checks must survive it")
    parser.add_argument("input")
    parser.add_argument("checks")
    parser.add_argument("temp")
    own_args, tidy_args, compiler_args = split_on_dashes(sys.argv[1:])
    known = parser.parse_args(own_args)

    with open(known.input, encoding="utf-8") as f:
        text = f.read()
    ext = os.path.splitext(known.input)[1]
    is_c = ext == ".c"
    suffixes = known.check_suffix.split(",")
    msg_prefixes = ["CHECK-MESSAGES" + ("-" + x if x else "") for x in suffixes]
    fix_prefixes = ["CHECK-FIXES" + ("-" + x if x else "") for x in suffixes]

    def uses(prefixes):
        return any(re.search(r"\b%s:" % re.escape(p), text) for p in prefixes)

    has_messages = uses(msg_prefixes)
    has_fixes = uses(fix_prefixes)
    msg_prefix = ",".join(msg_prefixes)
    fix_prefix = ",".join(fix_prefixes)

    temp = known.temp + ext
    os.makedirs(os.path.dirname(os.path.abspath(temp)), exist_ok=True)
    cleaned = re.sub(r"//\s*CHECK-[A-Z0-9-]+:[^\r\n]*", "//", text)
    with open(temp, "w", encoding="utf-8") as f:
        f.write(cleaned)

    if not compiler_args:
        compiler_args = ["-std=c11"] if is_c else ["-std=c++17"]
    compiler_args = compiler_args + ["-isystem", known.runtime_include]

    checks = "-*," + known.checks
    cmd = [known.clang_tidy, "-load", known.plugin, "-checks=" + checks,
           "--header-filter=.*", "--quiet"]
    if has_fixes:
        cmd.append("-fix")
    cmd += tidy_args + [temp, "--"] + compiler_args
    returncode, output = run(cmd)
    if crashed(returncode, output):
        fail("clang-tidy crashed", output)
    has_errors = re.search(r"\berror: ", output) is not None
    if has_errors and not known.expect_compile_errors:
        errors = [l for l in output.splitlines() if re.search(r"\berror: ", l)]
        fail("the test input does not compile", "\n".join(errors))
    if known.expect_compile_errors and not has_errors:
        fail("--expect-compile-errors given, but the input compiled", output)

    out_file = known.temp + ".msg"
    with open(out_file, "w", encoding="utf-8") as f:
        f.write(output)

    if has_messages:
        implicit = "{{warning}}:" if known.expect_compile_errors else "{{warning|error}}:"
        # FileCheck comes from LLVM's tools directory, which lit puts on PATH.
        rc, fc_out = run(["FileCheck", "-input-file=" + out_file, known.input,
                          "-check-prefixes=" + msg_prefix, "--allow-unused-prefixes", "-implicit-check-not=" + implicit])
        if rc != 0:
            fail("%s did not match clang-tidy's output" % msg_prefix, fc_out + "\n" + output)
    else:
        stray = [l for l in output.splitlines() if re.search(r"warning: .*\[parsafe-", l)]
        if stray:
            fail("no %s lines, but parsafe reported:" % msg_prefix, "\n".join(stray))

    if has_fixes:
        rc, fc_out = run(["FileCheck", "-input-file=" + temp, known.input,
                          "-check-prefixes=" + fix_prefix, "--allow-unused-prefixes"])
        if rc != 0:
            fail("%s did not match the fixed file" % fix_prefix, fc_out)
        rc, cc_out = run([known.clang, "-fsyntax-only", "-x", "c" if is_c else "c++"]
                         + compiler_args + [temp])
        if rc != 0:
            fail("the file no longer compiles after the fixes", cc_out)


if __name__ == "__main__":
    main()
