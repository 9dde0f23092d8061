"""Runs a command and fails unless it exits with the expected code.

usage: expect_exit.py CODE COMMAND [ARGS...]   (stdout and stderr pass through)
"""
import subprocess
import sys

expected = int(sys.argv[1])
code = subprocess.call(sys.argv[2:])
if code != expected:
    sys.stderr.write("expect_exit: %s exited with %d, expected %d\n" % (sys.argv[2], code, expected))
    sys.exit(1)
