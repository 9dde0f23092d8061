// Threads append results to one std::vector.
#include <thread>
#include <vector>

std::vector<int> results;

int main() {
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back([i] { results.push_back(i * i); }); // RACE!
  for (auto &w : workers)
    w.join();
  return static_cast<int>(results.size());
}
