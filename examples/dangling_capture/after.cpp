// The task owns its data and hands the result back through a future.
#include <parsafe/thread_pool.hpp>

#include <cstdio>

int main() {
  parsafe::ThreadPool pool(1);
  auto total = pool.submit([] {
    long sum = 0;
    for (long i = 1; i <= 100; ++i)
      sum += i;
    return sum;
  });
  std::printf("sum: %ld\n", total.get());
}
