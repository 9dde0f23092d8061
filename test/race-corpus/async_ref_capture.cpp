// std::async task captures a counter by reference; main changes it before
// calling get().
#include <future>

int main() {
  int processed = 0;
  auto task = std::async(std::launch::async, [&processed] {
    for (int i = 0; i < 100; ++i)
      ++processed; // RACE!
    return 1;
  });
  processed = -1; // RACE!
  int ok = task.get();
  return ok + processed; // NORACE
}
