#include "process-pool-stub.h"
#include <cstdio>

// No process pool in this program: main needs no guard.
int main() {
  std::puts("threads only");
  parsafe::PoolOptions Unused;
  return Unused.workers;
}
// CHECK-MESSAGES-NOT: warning
