// A functor holds a reference to the caller's total; every thread gets its
// own copy of the functor, but all copies refer to the same total.
#include <thread>
#include <vector>

struct Accumulate {
  long &total;
  int from, to;
  void operator()() const {
    for (int i = from; i < to; ++i)
      total += i; // RACE!
  }
};

int main() {
  long total = 0;
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t)
    workers.emplace_back(Accumulate{total, t * 100, (t + 1) * 100});
  for (auto &w : workers)
    w.join();
  return static_cast<int>(total % 128); // NORACE
}
