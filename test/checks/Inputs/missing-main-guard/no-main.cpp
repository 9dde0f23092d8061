#include "process-pool-stub.h"

// A library TU: a pool but no main, nothing to report here.
int run() {
  parsafe::ProcessPool Pool;
  return 0;
}
// CHECK-MESSAGES-NOT: warning
