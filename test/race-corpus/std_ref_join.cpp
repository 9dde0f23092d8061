// std::ref hands the thread a reference to main's local; main touches the
// local only after the join.
#include <functional>
#include <thread>

static void add_range(long &sum, int n) {
  for (int i = 0; i < n; ++i)
    sum += i; // NORACE
}

int main() {
  long sum = 0;
  std::thread t(add_range, std::ref(sum), 1000);
  t.join();
  sum += 5; // NORACE
  return static_cast<int>(sum % 100); // NORACE
}
