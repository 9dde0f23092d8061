// The progress task runs on a pool and is waited for through its future;
// every path, the early return included, leaves nothing running.
#include <parsafe/thread_pool.hpp>

#include <atomic>
#include <cstdio>
#include <string>
#include <thread>

static int copy_file(parsafe::ThreadPool& pool, const std::string& name) {
  if (name.empty())
    return -1;
  std::atomic<bool> done{false};
  auto progress = pool.submit([&done] {
    while (!done)
      std::this_thread::yield();
  });
  done = true;
  progress.get();
  std::printf("copied %s\n", name.c_str());
  return 0;
}

int main() {
  parsafe::ThreadPool pool(1);
  return copy_file(pool, "report.txt");
}
