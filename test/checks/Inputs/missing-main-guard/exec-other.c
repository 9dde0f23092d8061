#include <unistd.h>

// exec of another program is not a re-execution of this one.
int main(int argc, char **argv) {
  if (fork() == 0)
    execl("/bin/ls", "ls", (char *)0);
  return argc > 0 && argv != 0 ? 0 : 1;
}
// CHECK-MESSAGES-NOT: warning
