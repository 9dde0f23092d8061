#!/usr/bin/env bash
# parsafe-check against run-clang-tidy-19 on a real multi-TU project: parsafe's
# own sources (build/compile_commands.json) plus every example, with the same
# plugin checks and header filter. Prints wall times and ratios:
#   run-clang-tidy -j2 / parsafe-check -j2   (> 1: parsafe-check is faster)
#   parsafe-check -j1 / parsafe-check -j2    (the scaling on 2 workers)
# and checks both report the same findings (deduplicated by location+check).
#
# usage: bench/tool_bench.sh [BUILD_DIR]   (default: build; parsafe-check built)
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

checks='-*,parsafe-*'
now() { date +%s.%N; }

t0=$(now)
"$check" -p "$work" -j 2 --checks="$checks" --progress=never --format=json -o "$work/j2.json" 2>/dev/null || true
t1=$(now)
"$check" -p "$work" -j 1 --checks="$checks" --progress=never --format=json -o "$work/j1.json" 2>/dev/null || true
t2=$(now)
"$rct" -p "$work" -j 2 -clang-tidy-binary "$tidy" -load "$plugin" -checks="$checks" \
  -header-filter='.*' -quiet > "$work/rct.txt" 2>/dev/null || true
t3=$(now)

python3 - "$work" "$t0" "$t1" "$t2" "$t3" <<'PY'
import json, re, sys
work = sys.argv[1]
t0, t1, t2, t3 = map(float, sys.argv[2:])
j2, j1, rct = t1 - t0, t2 - t1, t3 - t2
ours = {(f["file"], f["line"], f["column"], f["check"])
        for f in json.load(open(work + "/j2.json"))["findings"] if f["check"].startswith("parsafe-")}
theirs = set()
for line in open(work + "/rct.txt", errors="replace"):
    m = re.match(r"(/[^:]+):(\d+):(\d+): warning: .* \[(parsafe-[a-z-]+)\]$", line.strip())
    if m:
        theirs.add((m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)))
print("parsafe-check -j2    %7.2f s" % j2)
print("parsafe-check -j1    %7.2f s" % j1)
print("run-clang-tidy-19 -j2 %6.2f s" % rct)
print("ratio run-clang-tidy -j2 / parsafe-check -j2 = %.2f  (goal >= 1.0)" % (rct / j2))
print("scaling parsafe-check -j1 / -j2             = %.2f  (goal >= 1.7)" % (j1 / j2))
print("findings: parsafe-check %d, run-clang-tidy %d unique, same set: %s"
      % (len(ours), len(theirs), ours == theirs))
PY
