// The statistics object counts with std::atomic members, so threads calling
// its member functions and main reading it meanwhile do not race.
#include <atomic>
#include <thread>
#include <vector>

class Stats {
public:
  void hit() { hits_.fetch_add(1, std::memory_order_relaxed); } // NORACE
  void miss() { ++misses_; } // NORACE
  long total() const { return hits_.load() + misses_.load(); } // NORACE

private:
  std::atomic<long> hits_{0};
  std::atomic<long> misses_{0};
};

int main() {
  Stats stats;
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back([&stats, i] {
      for (int k = 0; k < 100; ++k)
        (k % (i + 2) == 0) ? stats.miss() : stats.hit();
    });
  long seen = stats.total();
  for (auto &w : workers)
    w.join();
  return static_cast<int>((seen + stats.total()) % 128);
}
