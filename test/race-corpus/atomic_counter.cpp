// std::atomic counters shared by many threads.
#include <atomic>
#include <thread>
#include <vector>

std::atomic<long> hits{0};

int main() {
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back([] {
      for (int j = 0; j < 1000; ++j)
        hits.fetch_add(1, std::memory_order_relaxed); // NORACE
    });
  for (auto &w : workers)
    w.join();
  return static_cast<int>(hits.load());
}
