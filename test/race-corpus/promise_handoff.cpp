// The worker fills a vector and then fulfils a promise; main waits on the
// future before it reads the vector.
#include <future>
#include <thread>
#include <vector>

int main() {
  std::vector<int> primes;
  std::promise<void> done;
  std::future<void> ready = done.get_future();
  std::thread finder([&primes, &done] {
    for (int n = 2; n < 100; ++n) {
      bool prime = true;
      for (int d = 2; d * d <= n; ++d)
        if (n % d == 0)
          prime = false;
      if (prime)
        primes.push_back(n); // NORACE
    }
    done.set_value();
  });
  ready.wait();
  int count = static_cast<int>(primes.size()); // NORACE
  finder.join();
  return count;
}
