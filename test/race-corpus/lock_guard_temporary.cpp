// The lock_guard is an unnamed temporary: it unlocks at the end of its own
// statement, before the total is updated.
#include <mutex>
#include <thread>

std::mutex total_mutex;
long total;

void add(int n) {
  for (int i = 0; i < n; ++i) {
    std::lock_guard<std::mutex>{total_mutex};
    total += i; // RACE!
  }
}

int main() {
  std::thread a(add, 100);
  std::thread b(add, 200);
  a.join();
  b.join();
  return static_cast<int>(total % 128); // NORACE
}
