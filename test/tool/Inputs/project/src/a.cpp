#include "spawn.h"

static void work() {}

int run_a(bool fail) {
  std::thread t(work);
  if (fail)
    return -1;
  t.join();
  return 0;
}

void use_a() { spawn_and_forget(work); }
