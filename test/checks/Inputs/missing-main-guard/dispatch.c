#include <string.h>
#include <unistd.h>

static int worker_main(void) { return 0; }

// Hand-written dispatch first: a worker never reaches the re-exec below.
int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "--worker") == 0)
    return worker_main();
  char *args[] = {argv[0], "--worker", 0};
  if (fork() == 0)
    execv("/proc/self/exe", args);
  return 0;
}
// CHECK-MESSAGES-NOT: warning
