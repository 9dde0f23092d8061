// A program that uses Start::spawn but forgot PARSAFE_MAIN_GUARD: each worker
// re-runs main(). The pool must fail with a message naming the fix, and the
// workers must stop at their own ProcessPool instead of spawning more.
#include <parsafe/process_pool.hpp>

#include <cstdio>

int square(int x) { return x * x; }
PARSAFE_TASK(square);

int main() {  // NOLINT(parsafe-missing-main-guard): the missing guard is the test
  std::printf("main ran\n");
  std::fflush(stdout);
  try {
    parsafe::PoolOptions options;
    options.workers = 2;
    parsafe::ProcessPool pool(options);
    std::printf("pool started: %d\n", pool.submit<square>(3).get());
  } catch (const parsafe::StartError& e) {
    std::printf("StartError: %s\n", e.what());
  }
}
