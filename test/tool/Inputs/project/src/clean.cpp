// No findings: a thread joined on every path.
#include <thread>

void clean() {
  std::thread t([] {});
  t.join();
}
