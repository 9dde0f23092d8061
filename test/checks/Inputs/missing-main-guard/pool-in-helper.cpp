#include "process-pool-stub.h"

// The pool is created by a helper; main still runs again in every worker.
static int run_jobs() {
  parsafe::ProcessPool Pool;
  return 0;
}
// CHECK-MESSAGES: :[[@LINE+1]]:5: warning: 'main' does not dispatch worker processes first
int main(int argc, char **argv) { return run_jobs(); }
// CHECK-MESSAGES: :[[@LINE-5]]:24: note: parsafe::ProcessPool (start method 'spawn') re-executes the program here
