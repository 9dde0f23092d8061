#include "process-pool-stub.h"
#include <cstdio>

int main(int ac, char **av) {
  int Answer = 42;
  std::printf("parent only? no: every worker prints this\n");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: statement runs before PARSAFE_MAIN_GUARD in 'main': every worker process that parsafe::ProcessPool (start method 'spawn') starts runs it again [parsafe-missing-main-guard]
  PARSAFE_MAIN_GUARD(ac, av);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the worker dispatch is here; move it to the top of 'main'
  parsafe::ProcessPool Pool;
  return Answer - 42;
}
// CHECK-FIXES: int main(int ac, char **av) {
// CHECK-FIXES-NEXT: PARSAFE_MAIN_GUARD(ac, av);
// CHECK-FIXES-NEXT: int Answer = 42;
// CHECK-FIXES-NEXT: std::printf(
// CHECK-FIXES-NOT: PARSAFE_MAIN_GUARD
