#include "process-pool-stub.h"
#include <cstdio>

int main(int argc, char **argv) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'main' does not dispatch worker processes first: parsafe::ProcessPool (start method 'spawn') re-executes this program, and every worker would run 'main' again [parsafe-missing-main-guard]
  std::puts("starting");
  parsafe::ProcessPool Pool;
  // CHECK-MESSAGES: :[[@LINE-1]]:24: note: parsafe::ProcessPool (start method 'spawn') re-executes the program here
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: start 'main' with PARSAFE_MAIN_GUARD(argc, argv): in a worker it runs the worker loop and exits, in the parent it returns at once
  return argc > 1 && argv != nullptr;
}
// CHECK-FIXES: int main(int argc, char **argv) {
// CHECK-FIXES-NEXT: PARSAFE_MAIN_GUARD(argc, argv);
