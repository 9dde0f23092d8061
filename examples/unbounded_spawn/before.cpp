// parsafe-check: parsafe-unbounded-thread-spawn
// One thread per item: fine for the 8 items here, fatal for 100,000.
#include <cstdio>
#include <thread>
#include <vector>

static long square(long x) { return x * x; }

int main() {
  std::vector<long> items = {1, 2, 3, 4, 5, 6, 7, 8};
  std::vector<long> results(items.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < items.size(); ++i)
    threads.emplace_back([&results, &items, i] { results[i] = square(items[i]); });
  for (auto& t : threads)
    t.join();
  long total = 0;
  for (long r : results)
    total += r;
  std::printf("sum of squares: %ld\n", total);
}
