// A local captured by reference is updated by the thread and by main.
#include <thread>

int main() {
  long total = 0;
  std::thread worker([&total] {
    for (int i = 0; i < 1000; ++i)
      total += i; // RACE!
  });
  total += 1; // RACE!
  worker.join();
  return static_cast<int>(total);
}
