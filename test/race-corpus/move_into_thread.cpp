// The vector is moved into the lambda (an init-capture), so the thread owns
// it outright; main builds a fresh one meanwhile.
#include <numeric>
#include <thread>
#include <utility>
#include <vector>

int main() {
  std::vector<int> batch(100);
  std::iota(batch.begin(), batch.end(), 0);
  long sum = 0;
  std::thread worker([data = std::move(batch), &sum]() mutable {
    data.push_back(100); // NORACE
    sum = std::accumulate(data.begin(), data.end(), 0L); // NORACE
  });
  batch = std::vector<int>(10, 1); // NORACE
  batch.push_back(2); // NORACE
  worker.join();
  return static_cast<int>((sum + batch.size()) % 128); // NORACE
}
