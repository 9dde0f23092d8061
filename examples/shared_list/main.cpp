// The classic "threads append to a shared list", done safely two ways:
// a parsafe::Guarded<std::vector> (the lock comes with the data), and
// per-task results collected by ThreadPool::map (no sharing at all).
#include <parsafe/guarded.hpp>
#include <parsafe/thread_pool.hpp>

#include <algorithm>
#include <cstdio>
#include <vector>

int main() {
  parsafe::ThreadPool pool(4);
  std::vector<int> inputs;
  for (int i = 0; i < 100; ++i)
    inputs.push_back(i);

  parsafe::Guarded<std::vector<int>> shared;
  for (int x : inputs)
    pool.detach([&shared, x] { shared.with_lock([x](auto& v) { v.push_back(x * x); }); });
  pool.wait();
  std::vector<int> guarded = shared.snapshot();
  std::sort(guarded.begin(), guarded.end());

  std::vector<int> mapped = pool.map([](int x) { return x * x; }, inputs);

  std::printf("guarded: %zu items, mapped: %zu items, equal: %s\n", guarded.size(), mapped.size(),
              guarded == mapped ? "yes" : "no");
}
