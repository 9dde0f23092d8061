#!/usr/bin/env bash
# parsafe-check against run-clang-tidy-19 on a real multi-TU project: parsafe's
# own sources (build/compile_commands.json) plus every example, with the same
# plugin checks and header filter. Prints wall times and ratios:
#   run-clang-tidy -j2 / parsafe-check -j2   (> 1: parsafe-check is faster)
#   parsafe-check -j1 / parsafe-check -j2    (the scaling on 2 workers)
# and checks both report the same findings (deduplicated by location+check).
#
# usage: [REPEAT=2] bench/tool_bench.sh [BUILD_DIR]   (default: build; parsafe-check built)
#   BENCH_SET=full   every TU, including those that include Clang's headers
#                    (checks/, tool/: ~5 s of parsing each)
#   BENCH_SET=light  (default) the TUs that do not include LLVM/Clang headers:
#                    the runtime, its tests and the examples
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
check="$build/bin/parsafe-check"
plugin="$build/lib/libparsafe-tidy.so"
rct=$(command -v run-clang-tidy-19 || echo /usr/lib/llvm-19/bin/run-clang-tidy)
tidy=$(command -v clang-tidy-19 || echo /usr/lib/llvm-19/bin/clang-tidy)
for f in "$check" "$plugin" "$rct" "$tidy"; do
  [ -e "$f" ] || { echo "tool_bench: missing $f" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$root" "$build" "$work" "${BENCH_SET:-light}" <<'PY'
import glob, json, os, sys
root, build, work, subset = sys.argv[1:]
db = json.load(open(os.path.join(build, "compile_commands.json")))
if subset == "light":
    db = [e for e in db if "llvm-19/include" not in e.get("command", " ".join(e.get("arguments", [])))]
for src in sorted(glob.glob(os.path.join(root, "examples", "*", "*.cpp"))):
    db.append({"directory": os.path.dirname(src), "file": src,
               "arguments": ["clang++-19", "-std=c++17", "-I" + os.path.join(root, "runtime", "include"),
                             "-c", src, "-o", "/dev/null"]})
json.dump(db, open(os.path.join(work, "compile_commands.json"), "w"), indent=1)
print("tool_bench: %d translation units (parsafe's sources + examples, set %s)" % (len(db), subset))
PY

python3 - "$work" "$check" "$rct" "$tidy" "$plugin" "${REPEAT:-2}" <<'PY'
import json, re, resource, subprocess, sys, time
work, check, rct, tidy, plugin, repeat = sys.argv[1:]
checks = "-*,parsafe-*"
runs = {
    "parsafe-check -j2": [check, "-p", work, "-j", "2", "--checks=" + checks, "--progress=never",
                          "--format=json", "-o", work + "/ours.json"],
    "parsafe-check -j1": [check, "-p", work, "-j", "1", "--checks=" + checks, "--progress=never",
                          "--format=json", "-o", work + "/ours.json"],
    "run-clang-tidy-19 -j2": [rct, "-p", work, "-j", "2", "-clang-tidy-binary", tidy, "-load", plugin,
                              "-checks=" + checks, "-header-filter=.*", "-quiet"],
}
wall = {name: [] for name in runs}
cpu = {name: [] for name in runs}
# Interleaved rounds, best of each: the machine is shared, and a burst of
# someone else's load should not land on one contestant only.
for _ in range(int(repeat)):
    for name, cmd in runs.items():
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.monotonic()
        out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                             errors="replace").stdout
        wall[name].append(time.monotonic() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[name].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        if name.startswith("run-clang-tidy"):
            theirs_text = out
best = {name: min(times) for name, times in wall.items()}
for name in runs:
    print("%-22s best %7.2f s  (runs: %s; CPU %s s)" % (
        name, best[name], ", ".join("%.1f" % t for t in wall[name]),
        ", ".join("%.1f" % t for t in cpu[name])))
j2, j1, rct = best["parsafe-check -j2"], best["parsafe-check -j1"], best["run-clang-tidy-19 -j2"]
print("ratio run-clang-tidy -j2 / parsafe-check -j2 = %.2f  (goal >= 1.0)" % (rct / j2))
print("scaling parsafe-check -j1 / -j2             = %.2f  (goal >= 1.7)" % (j1 / j2))
ours = {(f["file"], f["line"], f["column"], f["check"])
        for f in json.load(open(work + "/ours.json"))["findings"] if f["check"].startswith("parsafe-")}
theirs = set()
for line in theirs_text.splitlines():
    m = re.match(r"(/[^:]+):(\d+):(\d+): warning: .* \[(parsafe-[a-z-]+)\]$", line.strip())
    if m:
        theirs.add((m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)))
print("findings: parsafe-check %d, run-clang-tidy %d unique, same set: %s"
      % (len(ours), len(theirs), ours == theirs))
print("load average after: %s" % open("/proc/loadavg").read().split()[:3])
PY
