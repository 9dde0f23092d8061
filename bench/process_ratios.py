#!/usr/bin/env python3
"""Runs process_pool_bench and process_pool_python.py in the same session
(same worker count) and prints parsafe's ratios against Python's process
pools and the raw pipe floor.

Usage: process_ratios.py PATH/TO/process_pool_bench [workers] [tasks]
"""
import os
import subprocess
import sys


def run(cmd):
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, universal_newlines=True).stdout
    return {k: v for k, v in (line.split(None, 1) for line in out.splitlines() if line.strip())}


def main():
    exe = sys.argv[1]
    workers = sys.argv[2] if len(sys.argv) > 2 else "2"
    tasks = sys.argv[3] if len(sys.argv) > 3 else "100000"
    ours = run([exe, workers, tasks])
    py = run([sys.executable, os.path.join(os.path.dirname(__file__), "process_pool_python.py"),
              workers, tasks])
    f = lambda d, k: float(d[k])
    print("== ProcessPool vs Python %s, %s workers, %s tiny tasks" % (py["python"], workers, tasks))
    print("throughput (tasks/s; ratio = parsafe / peer, goal >= 20):")
    for mode in ("submit", "map"):
        mine = f(ours, "%s_tasks_per_s" % mode)
        row = "  %-6s parsafe %9.0f" % (mode, mine)
        for peer in ("executor", "mp_pool"):
            theirs = f(py, "%s_%s_tasks_per_s" % (peer, mode))
            row += " | %s %8.0f (x%.1f)" % (peer, theirs, mine / theirs)
        print(row)
    rt = f(ours, "round_trip_us")
    raw = f(ours, "raw_pipe_round_trip_us")
    print("round trip (median us; goal: parsafe within 2x of the raw pipe):")
    print("  parsafe %.1f | raw pipe %.1f (x%.2f) | raw socketpair %.1f | executor %.1f | mp_pool %.1f" %
          (rt, raw, rt / raw, f(ours, "raw_socket_round_trip_us"),
           f(py, "executor_round_trip_us"), f(py, "mp_pool_round_trip_us")))


if __name__ == "__main__":
    main()
