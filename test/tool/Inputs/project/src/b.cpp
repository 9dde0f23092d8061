#include "spawn.h"

static void job() {}

// The safe idiom: joined on every path.
int run_b() {
  std::thread t(job);
  t.join();
  return 0;
}

void use_b() { spawn_and_forget(job); }
