#include <unistd.h>

// A hand-written worker pool that re-executes itself.
static void start_worker(char **argv) {
  if (fork() == 0)
    execv("/proc/self/exe", argv);
}

int main(int argc, char **argv) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'main' does not dispatch worker processes first: 'execv' of this program re-executes this program, and every worker would run 'main' again
  start_worker(argv);
  return argc;
}
// CHECK-MESSAGES: :[[@LINE-8]]:5: note: 'execv' of this program re-executes the program here
