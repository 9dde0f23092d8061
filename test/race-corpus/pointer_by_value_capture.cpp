// The lambda captures a pointer by value: each thread has its own copy of
// the pointer, but they all increment the same heap object through it.
#include <memory>
#include <thread>
#include <vector>

int main() {
  auto counter = std::make_unique<long>(0);
  long *shared = counter.get();
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t)
    workers.emplace_back([shared] {
      for (int i = 0; i < 1000; ++i)
        ++*shared; // RACE!
    });
  for (auto &w : workers)
    w.join();
  return static_cast<int>(*counter % 128); // NORACE
}
