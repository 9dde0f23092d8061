// Worker objects hold references to the shared total and to the one mutex
// that guards it, both bound in the constructor.
#include <mutex>
#include <thread>
#include <vector>

class Adder {
public:
  Adder(long &total, std::mutex &mutex, int n) : total_(total), mutex_(mutex), n_(n) {}
  void operator()() const {
    for (int i = 0; i < n_; ++i) {
      std::lock_guard<std::mutex> guard(mutex_);
      total_ += i; // NORACE
    }
  }

private:
  long &total_;
  std::mutex &mutex_;
  int n_;
};

int main() {
  long total = 0;
  std::mutex mutex;
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t)
    workers.emplace_back(Adder(total, mutex, 100 * (t + 1)));
  for (auto &w : workers)
    w.join();
  return static_cast<int>(total % 128); // NORACE
}
