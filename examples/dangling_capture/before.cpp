// parsafe-check: parsafe-dangling-thread-capture
// A detached thread writes to a local of the function that started it. It
// works here only because main spins until the result arrives; remove the
// spin (or return earlier) and the thread writes into a dead stack frame.
#include <atomic>
#include <cstdio>
#include <thread>

static std::atomic<bool> g_ready{false};

static void start_sum(long& result) {
  long local_total = 0;
  std::thread([&local_total, &result] {
    for (long i = 1; i <= 100; ++i)
      local_total += i;
    result = local_total;
    g_ready = true;
  }).detach();
  while (!g_ready) // without this, local_total dies while the thread uses it
    std::this_thread::yield();
}

int main() {
  long result = 0;
  start_sum(result);
  std::printf("sum: %ld\n", result);
}
