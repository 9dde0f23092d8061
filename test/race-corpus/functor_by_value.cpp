// std::thread copies the functor, so each thread counts into its own copy;
// the results come back through a slot per thread.
#include <thread>
#include <vector>

struct Counter {
  long count = 0;
  long *out;
  void operator()(int n) {
    for (int i = 0; i < n; ++i)
      ++count; // NORACE
    *out = count; // NORACE
  }
};

int main() {
  Counter proto;
  std::vector<long> results(4, 0);
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t) {
    proto.out = &results[t]; // NORACE
    workers.emplace_back(proto, 100 * (t + 1));
  }
  for (auto &w : workers)
    w.join();
  long total = 0;
  for (long r : results)
    total += r; // NORACE
  return static_cast<int>(total % 100 + proto.count); // NORACE
}
