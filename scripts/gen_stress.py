#!/usr/bin/env python3
"""Writes a C++ translation unit that stresses parsafe's analyses: thousands
of functions, a deep call chain reached from a thread entry, and one function
of 5,000 lines that starts threads and touches shared state throughout."""
import sys

out = []
w = out.append
w("#include <mutex>\n#include <thread>\n#include <vector>\n")
w("int g_counter;\nstd::mutex g_mutex;\nint g_values[64];\n")
# 3,000 small functions
for i in range(3000):
    w("int f%d(int x) { return x * %d + g_values[%d]; }\n" % (i, i % 7, i % 64))
# a call chain 200 deep
for i in range(200):
    w("int chain%d(int x);\n" % i)
for i in range(200):
    nxt = "chain%d(x + 1)" % (i + 1) if i < 199 else "x"
    w("int chain%d(int x) { std::lock_guard<std::mutex> l(g_mutex); g_counter += 1; return %s; }\n" % (i, nxt))
# a 5,000-line function that spawns threads and touches shared state
w("void big() {\n  std::vector<std::thread> ts;\n")
w("  for (int i = 0; i < 4; ++i) ts.emplace_back([] { chain0(1); g_counter++; });\n")
for i in range(5000):
    if i % 3 == 0:
        w("  g_values[%d] = f%d(%d);\n" % (i % 64, i % 3000, i))
    elif i % 3 == 1:
        w("  { std::lock_guard<std::mutex> l(g_mutex); g_counter += f%d(%d); }\n" % (i % 3000, i))
    else:
        w("  g_counter = g_counter + %d;\n" % i)
w("  for (auto& t : ts) t.join();\n}\n")
sys.stdout.write("".join(out))
