// parsafe-check: parsafe-unjoined-thread
// A progress thread that is joined on the happy path only: the early return
// (a missing input) destroys it while joinable, which calls std::terminate.
#include <atomic>
#include <cstdio>
#include <string>
#include <thread>

static int copy_file(const std::string& name) {
  std::atomic<bool> done{false};
  std::thread progress([&done] {
    while (!done)
      std::this_thread::yield();
  });
  if (name.empty())
    return -1; // std::terminate: 'progress' is still joinable
  done = true;
  progress.join();
  std::printf("copied %s\n", name.c_str());
  return 0;
}

int main() { return copy_file("report.txt"); }
