// A pre-sized vector of results, one element per thread; the index is
// captured by value and the vector by reference.
#include <numeric>
#include <thread>
#include <vector>

int main() {
  const int n = 4;
  std::vector<int> input(4000);
  std::iota(input.begin(), input.end(), 0);
  std::vector<long> sums(n, 0);
  std::vector<std::thread> workers;
  for (int t = 0; t < n; ++t)
    workers.emplace_back([&input, &sums, t] {
      std::size_t chunk = input.size() / n;
      for (std::size_t i = t * chunk; i < (t + 1) * chunk; ++i)
        sums[t] += input[i]; // NORACE
    });
  for (auto &w : workers)
    w.join();
  return static_cast<int>(std::accumulate(sums.begin(), sums.end(), 0L) % 256); // NORACE
}
