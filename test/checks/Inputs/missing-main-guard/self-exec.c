#include <spawn.h>
#include <sys/types.h>

extern char **environ;

int main(int argc, char **argv) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'main' does not dispatch worker processes first: 'posix_spawn' of this program re-executes this program
  pid_t child;
  posix_spawn(&child, argv[0], 0, 0, argv, environ);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'posix_spawn' of this program re-executes the program here
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: dispatch worker processes at the top of 'main', before anything else runs (parsafe::ProcessPool with PARSAFE_MAIN_GUARD(argc, argv) does this in C++)
  return argc;
}
