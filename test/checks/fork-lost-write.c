// RUN: %check_parsafe %s parsafe-fork-lost-write %t -- -- -std=c11 -D_GNU_SOURCE

#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static int results[16];
static int count;

static void add(int value) { results[count++] = value; }

// The classic C attempt: children fill a global array the parent then prints.
void fill_in_children(int n) {
  for (int i = 0; i < n; i++) {
    pid_t pid = fork();
    if (pid == 0) {
      add(i * i);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the child's write to 'results' changes only the child's copy of memory; the parent reads 'results' after fork() and never sees it [parsafe-fork-lost-write]
      _exit(0);
    }
    waitpid(pid, NULL, 0);
  }
  for (int i = 0; i < n; i++)
    printf("%d\n", results[i]);
}

void status_flag(void) {
  int failed = 0;
  pid_t pid = fork();
  if (pid < 0) {
    perror("fork");
    return;
  }
  if (pid == 0) {
    failed = 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the child's write to 'failed' changes only the child's copy of memory
    _exit(1);
  }
  waitpid(pid, NULL, 0);
  if (failed)
    puts("child failed");
}

// Negative: the exit status is how the child reports; the parent reads that.
void exit_status(void) {
  pid_t pid = fork();
  if (pid == 0)
    _exit(count > 0);
  int status = 0;
  waitpid(pid, &status, 0);
  printf("%d\n", WEXITSTATUS(status));
}

// Negative: the parent reads nothing the child wrote.
void independent(void) {
  pid_t pid = fork();
  if (pid == 0) {
    count = 0;
    _exit(0);
  }
  waitpid(pid, NULL, 0);
  puts("done");
}
