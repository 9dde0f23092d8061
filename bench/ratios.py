#!/usr/bin/env python3
"""Prints parsafe/peer ratios of per-item real time from a Google Benchmark
JSON file whose benchmarks are named <Workload>_<implementation>."""
import json
import sys

data = json.load(open(sys.argv[1]))
label = sys.argv[2] if len(sys.argv) > 2 else ""
per_item = {}
for b in data["benchmarks"]:
    workload, impl = b["name"].split("/")[0].split("_", 1)
    items = b.get("items_per_second")
    # time per item (ns): from items/s when counted, else time per iteration
    seconds = 1.0 / items if items else b["real_time"] * {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1}[b["time_unit"]]
    per_item.setdefault(workload, {})[impl] = seconds * 1e9
print("== %s (ns per item; ratio = parsafe / peer, below 1 means parsafe is faster)" % label)
for workload, impls in per_item.items():
    ours = impls.get("parsafe")
    row = ["%-10s parsafe %9.1f" % (workload, ours)]
    for impl, ns in impls.items():
        if impl != "parsafe":
            row.append("%s %9.1f (ratio %.2f)" % (impl, ns, ours / ns))
    print("  " + " | ".join(row))
