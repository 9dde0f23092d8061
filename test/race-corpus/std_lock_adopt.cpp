// std::lock takes both mutexes without deadlock, and lock_guards adopt them;
// both counters are only touched while both are held.
#include <mutex>
#include <thread>

std::mutex in_mutex, out_mutex;
long received, sent;

void relay(int n) {
  for (int i = 0; i < n; ++i) {
    std::lock(in_mutex, out_mutex);
    std::lock_guard<std::mutex> in_lock(in_mutex, std::adopt_lock);
    std::lock_guard<std::mutex> out_lock(out_mutex, std::adopt_lock);
    ++received; // NORACE
    ++sent; // NORACE
  }
}

int main() {
  std::thread a(relay, 100);
  std::thread b(relay, 200);
  a.join();
  b.join();
  return static_cast<int>((received + sent) % 128); // NORACE
}
