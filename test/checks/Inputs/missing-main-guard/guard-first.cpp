#include "process-pool-stub.h"

int main(int argc, char **argv) {
  PARSAFE_MAIN_GUARD(argc, argv);
  parsafe::ProcessPool Pool;
  return 0;
}
// CHECK-MESSAGES-NOT: warning
