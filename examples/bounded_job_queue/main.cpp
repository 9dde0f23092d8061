// The classic "run a queue of jobs with only 4 running at once, and get the
// results back", in C++: a bounded parsafe::ThreadPool gives backpressure
// (submit blocks while 8 jobs are waiting), and as_completed hands results
// back as they finish.
#include <parsafe/thread_pool.hpp>

#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

static int job(int n) {
  std::this_thread::sleep_for(std::chrono::milliseconds(n % 5));
  return n * n;
}

int main() {
  parsafe::ThreadPool pool(4, parsafe::ThreadPool::Options{8});
  std::vector<parsafe::Future<int>> results;
  for (int n = 0; n < 20; ++n)
    results.push_back(pool.submit(job, n)); // blocks while 8 are queued
  long total = 0;
  int finished = 0;
  for (auto& result : parsafe::as_completed(results)) {
    total += result.get();
    ++finished;
  }
  std::printf("%d jobs, sum of squares %ld\n", finished, total);
}
