// A worker class keeps a reference to the caller's counter, bound in its
// constructor; two workers update it without a lock.
#include <thread>

class Counter {
public:
  explicit Counter(long &total) : total_(total) {}
  void operator()() {
    for (int i = 0; i < 1000; ++i)
      total_ += 1; // RACE!
  }

private:
  long &total_;
};

int main() {
  long total = 0;
  std::thread a{Counter(total)};
  std::thread b{Counter(total)};
  a.join();
  b.join();
  return static_cast<int>(total % 2); // NORACE
}
