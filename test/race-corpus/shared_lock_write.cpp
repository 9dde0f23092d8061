// The cache refresh takes a std::shared_lock (a read lock) although it
// writes: two refreshing threads hold it at the same time.
#include <mutex>
#include <shared_mutex>
#include <thread>

std::shared_mutex cache_mutex;
int cached_value;
long refreshes;

int read_cache() {
  std::shared_lock<std::shared_mutex> lock(cache_mutex);
  return cached_value; // RACE!
}

void refresh(int v) {
  std::shared_lock<std::shared_mutex> lock(cache_mutex);
  cached_value = v; // RACE!
  ++refreshes; // RACE!
}

int main() {
  std::thread a(refresh, 1);
  std::thread b(refresh, 2);
  std::thread c([] { (void)read_cache(); });
  a.join();
  b.join();
  c.join();
  return static_cast<int>(refreshes); // NORACE
}
