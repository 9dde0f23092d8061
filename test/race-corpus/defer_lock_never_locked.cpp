// The unique_lock is built with std::defer_lock and never locked, so the
// update runs without the mutex.
#include <mutex>
#include <thread>

std::mutex count_mutex;
long count;

void work() {
  for (int i = 0; i < 1000; ++i) {
    std::unique_lock<std::mutex> lock(count_mutex, std::defer_lock);
    ++count; // RACE!
  }
}

int main() {
  std::thread a(work);
  std::thread b(work);
  a.join();
  b.join();
  return static_cast<int>(count % 128); // NORACE
}
