// Each thread formats into its own thread_local buffer; the shared log
// is appended to under a mutex.
#include <mutex>
#include <string>
#include <thread>
#include <vector>

thread_local std::string scratch;
std::vector<std::string> log_lines;
std::mutex log_mutex;

void report(int id) {
  scratch.clear(); // NORACE
  scratch += "worker "; // NORACE
  scratch += std::to_string(id); // NORACE
  std::scoped_lock lock(log_mutex);
  log_lines.push_back(scratch); // NORACE
}

int main() {
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back(report, i);
  for (auto &w : workers)
    w.join();
  return static_cast<int>(log_lines.size()); // NORACE
}
