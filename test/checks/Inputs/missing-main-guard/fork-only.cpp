#include "process-pool-stub.h"

// Fork-mode pools do not re-execute the program: no guard needed.
int main() {
  parsafe::PoolOptions Options;
  Options.start = parsafe::Start::fork;
  parsafe::ProcessPool Pool(Options);
  parsafe::ProcessPool Inline(parsafe::PoolOptions{4, parsafe::Start::fork});
  return 0;
}
// CHECK-MESSAGES-NOT: warning
