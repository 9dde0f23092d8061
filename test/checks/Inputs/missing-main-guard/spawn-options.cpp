#include "process-pool-stub.h"

int main(int argc, char **argv) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'main' does not dispatch worker processes first
  parsafe::PoolOptions Options;
  Options.workers = 4;
  Options.start = parsafe::Start::spawn;
  parsafe::ProcessPool Pool(Options);
  return 0;
}
// CHECK-FIXES: PARSAFE_MAIN_GUARD(argc, argv);
// CHECK-FIXES: parsafe::PoolOptions Options;
