#include "process-pool-stub.h"

int main() {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'main' does not dispatch worker processes first
  parsafe::ProcessPool Pool;
  return 0;
}
// CHECK-FIXES: int main(int argc, char **argv) {
// CHECK-FIXES-NEXT: PARSAFE_MAIN_GUARD(argc, argv);
