// The threads capture the histogram by reference and all add into its first
// bucket, which is one shared element.
#include <thread>
#include <vector>

int main() {
  std::vector<long> histogram(4, 0);
  std::vector<std::thread> workers;
  for (int t = 0; t < 3; ++t)
    workers.emplace_back([&histogram, t] {
      for (int i = 0; i < 100; ++i)
        histogram[0] += t; // RACE!
    });
  for (auto &w : workers)
    w.join();
  return static_cast<int>(histogram[0]); // NORACE
}
