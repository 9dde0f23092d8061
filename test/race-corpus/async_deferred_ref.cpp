// A std::launch::deferred task runs inside get(), on the calling thread, so
// its by-reference capture is never touched by two threads.
#include <future>

int main() {
  int hits = 0;
  auto task = std::async(std::launch::deferred, [&hits] {
    hits += 10; // NORACE
    return hits; // NORACE
  });
  hits += 1; // NORACE
  int r = task.get();
  return r + hits; // NORACE
}
