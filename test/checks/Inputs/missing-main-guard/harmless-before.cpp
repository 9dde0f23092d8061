#include "process-pool-stub.h"

// Declarations with constant initializers run nothing again in a worker.
int main(int argc, char **argv) {
  int Workers = 4;
  const char *Name = "pool";
  int Unset;
  ;
  PARSAFE_MAIN_GUARD(argc, argv);
  Unset = Workers;
  parsafe::ProcessPool Pool;
  return Name[0] == 'p' ? 0 : Unset;
}
// CHECK-MESSAGES-NOT: warning
