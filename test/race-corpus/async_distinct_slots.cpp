// std::async tasks each fill their own element of a pre-sized vector captured
// by reference; main reads the vector after waiting on every future.
#include <future>
#include <vector>

int main() {
  const int n = 4;
  std::vector<long> partial(n, 0);
  std::vector<std::future<void>> tasks;
  for (int i = 0; i < n; ++i)
    tasks.push_back(std::async(std::launch::async, [&partial, i] {
      for (int k = 0; k < 1000; ++k)
        partial[i] += k % (i + 2); // NORACE
    }));
  for (auto &f : tasks)
    f.wait();
  long total = 0;
  for (long p : partial)
    total += p; // NORACE
  return static_cast<int>(total % 256);
}
