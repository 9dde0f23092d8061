#include <thread>

void work();

int run(bool fail) {
  std::thread t(work);
  if (fail)
    return -1;
  t.join();
  return 0;
}
