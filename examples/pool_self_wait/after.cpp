// parsafe::ThreadPool: a task may wait for work it queued to its own pool,
// even with a single worker, because waiting workers run queued tasks.
#include <parsafe/thread_pool.hpp>

#include <cstdio>

int main() {
  parsafe::ThreadPool pool(1);
  auto total = pool.submit([&pool] {
    auto left = pool.submit([] { return 20; });
    auto right = pool.submit([] { return 22; });
    return left.get() + right.get();
  });
  std::printf("total: %d\n", total.get());
}
