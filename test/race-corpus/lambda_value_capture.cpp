// The lambdas capture by value (and are mutable), so each thread changes its
// own copy; main's variables are never shared.
#include <thread>
#include <vector>

int main() {
  int budget = 100;
  std::vector<int> steps{1, 2, 3};
  std::thread a([budget, steps]() mutable {
    for (int s : steps)
      budget -= s; // NORACE
    steps.push_back(budget); // NORACE
  });
  std::thread b([=]() mutable {
    budget *= 2; // NORACE
    steps.clear(); // NORACE
  });
  budget += 1; // NORACE
  steps.push_back(4); // NORACE
  a.join();
  b.join();
  return budget + static_cast<int>(steps.size());
}
