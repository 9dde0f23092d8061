// The same results, appended under a lock_guard.
#include <mutex>
#include <thread>
#include <vector>

std::vector<int> results;
std::mutex results_mutex;

int main() {
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back([i] {
      std::lock_guard<std::mutex> lock(results_mutex);
      results.push_back(i * i); // NORACE
    });
  for (auto &w : workers)
    w.join();
  return static_cast<int>(results.size());
}
