// The lock is released before the shared map is updated.
#include <map>
#include <mutex>
#include <string>
#include <thread>

std::map<std::string, int> counts;
std::mutex counts_mutex;

void count(const std::string &word) {
  std::unique_lock<std::mutex> lock(counts_mutex);
  bool known = counts.count(word) > 0; // RACE!
  lock.unlock();
  if (!known)
    counts[word] = 1; // RACE!
}

int main() {
  std::thread a(count, "alpha");
  std::thread b(count, "beta");
  a.join();
  b.join();
  return static_cast<int>(counts.size());
}
