#!/usr/bin/env python3
"""Prints parsafe/peer ratios of per-item real time from a Google Benchmark
JSON file whose benchmarks are named <Workload>_<implementation>.

With --benchmark_repetitions, each benchmark has several runs: the ratio uses
the best (fastest) run of each side, and `spread` is slowest/fastest run, a
measure of how noisy the machine was. The ratio of the median runs is
printed too: on a loaded machine the best run of one side may be the one
that escaped a descheduling, while the median compares typical runs."""
import json
import statistics
import sys

data = json.load(open(sys.argv[1]))
label = sys.argv[2] if len(sys.argv) > 2 else ""
runs = {}
for b in data["benchmarks"]:
    if b.get("run_type", "iteration") != "iteration":
        continue  # mean/median/stddev rows of repetitions
    workload, impl = b["name"].split("/")[0].split("_", 1)
    items = b.get("items_per_second")
    # time per item (ns): from items/s when counted, else time per iteration
    seconds = 1.0 / items if items else b["real_time"] * {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1}[b["time_unit"]]
    runs.setdefault(workload, {}).setdefault(impl, []).append(seconds * 1e9)
print("== %s (ns per item, best of n runs, spread = slowest/best;"
      " ratio = parsafe / peer on best runs, below 1 means parsafe is faster)" % label)
for workload, impls in runs.items():
    ours = min(impls["parsafe"])
    def cell(name, times):
        return "%s %9.1f (n=%d, spread %.2f)" % (name, min(times), len(times), max(times) / min(times))
    row = ["%-10s %s" % (workload, cell("parsafe", impls["parsafe"]))]
    for impl, times in impls.items():
        if impl != "parsafe":
            row.append("%s ratio %.2f (medians %.2f)" % (
                cell(impl, times), ours / min(times),
                statistics.median(impls["parsafe"]) / statistics.median(times)))
    print("  " + " | ".join(row))
