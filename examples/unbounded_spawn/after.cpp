// A bounded pool does the same work with as many threads as there are cores.
#include <parsafe/thread_pool.hpp>

#include <cstdio>
#include <thread>
#include <vector>

static long square(long x) { return x * x; }

int main() {
  std::vector<long> items = {1, 2, 3, 4, 5, 6, 7, 8};
  parsafe::ThreadPool pool(std::thread::hardware_concurrency());
  long total = 0;
  for (long r : pool.map(square, items))
    total += r;
  std::printf("sum of squares: %ld\n", total);
}
