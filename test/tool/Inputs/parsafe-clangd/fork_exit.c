// The child of fork() calls exit() (parsafe-fork-unsafe-child, fix: _exit).
// The comment before the call holds 2-, 3- and 4-byte UTF-8 characters, so
// the fix's column is right only if it is counted in UTF-16 units.
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  printf("starting\n");
  pid_t child = fork();
  if (child == 0) {
    /* é → 🧵 */ exit(1);
  }
  waitpid(child, NULL, 0);
  int unused_status;
  return 0;
}
