// std::ref hands the thread a reference to main's local, and main keeps
// updating the local before it joins.
#include <functional>
#include <thread>

static void add_range(long &sum, int n) {
  for (int i = 0; i < n; ++i)
    sum += i; // RACE!
}

int main() {
  long sum = 0;
  std::thread t(add_range, std::ref(sum), 1000);
  sum += 5; // RACE!
  t.join();
  return static_cast<int>(sum % 100); // NORACE
}
