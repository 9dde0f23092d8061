// The lambda captures everything by reference, including the loop index,
// which the loop keeps incrementing while the threads read it.
#include <thread>
#include <vector>

int main() {
  std::vector<int> squares(8, 0);
  std::vector<std::thread> workers;
  int i;
  for (i = 0; i < 4; ++i) // RACE!
    workers.emplace_back([&] { squares[i] = i * i; }); // RACE!
  for (auto &w : workers)
    w.join();
  return squares[1]; // NORACE
}
