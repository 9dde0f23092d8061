#include <stdlib.h>
#include <unistd.h>

void spawn_child(void) {
  pid_t pid = fork();
  if (pid == 0) {
    exit(1);
  }
}
