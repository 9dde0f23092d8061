// RUN: %check_parsafe -check-suffixes=,MT %s parsafe-fork-unsafe-child %t-mt \
// RUN:   -- -config="{CheckOptions: {parsafe-fork-unsafe-child.AssumeMultithreaded: true}}" -- -std=c11 -D_GNU_SOURCE
// RUN: %check_parsafe %s parsafe-fork-unsafe-child %t -- -- -std=c11 -D_GNU_SOURCE

// No thread is started in this file: unsafe calls are reported only when the
// AssumeMultithreaded option says the process may have threads (MT run).
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void report(const char *what) { fprintf(stderr, "%s\n", what); }

void child_prints(void) {
  pid_t pid = fork();
  if (!pid) {
    printf("child %d\n", getpid());
    // CHECK-MESSAGES-MT: :[[@LINE-1]]:5: warning: 'printf' is not async-signal-safe; in the child of fork() in a process that may have other threads, it can deadlock on a lock another thread held at the fork [parsafe-fork-unsafe-child]
    char *copy = malloc(16);
    // CHECK-MESSAGES-MT: :[[@LINE-1]]:18: note: 'malloc' is not async-signal-safe either
    free(copy);
    _exit(0);
  }
  waitpid(pid, NULL, 0);
}

void helper_in_child(void) {
  pid_t pid;
  if ((pid = fork()) == 0) {
    report("child");
    // CHECK-MESSAGES-MT: :[[@LINE-1]]:5: warning: 'report' calls 'fprintf', which is not async-signal-safe
    _exit(0);
  }
}

void exits(void) {
  pid_t pid = fork();
  if (pid == 0) {
    exit(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'exit' in the child of fork() runs the parent's atexit handlers and flushes the stdio buffers it inherited, writing their contents a second time; use '_exit'
    // CHECK-FIXES: {{^}}    _exit(1);
  }
}

void forks_in_a_loop(int n) {
  for (int i = 0; i < n; i++) {
    if (fork() == 0) {
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: the child process can leave its branch and run the parent's code that follows
      write(1, "w", 1);
    }
    // CHECK-FIXES: {{^}}      write(1, "w", 1);
    // CHECK-FIXES-NEXT: {{^}}      _exit(0);
  }
}

void vfork_misuse(char **argv) {
  pid_t pid = vfork();
  if (pid == 0) {
    int status = 0;
    status = 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: only '_exit' and exec* may follow vfork() in the child: it shares the parent's memory and stack, and anything else is undefined behaviour
    // CHECK-MESSAGES: :[[@LINE-5]]:15: note: vfork() called here
    execv("/bin/true", argv);
    _exit(status);
  }
}

void parent_switch(void) {
  switch (fork()) {
  case -1:
    perror("fork");
    return;
  case 0:
    write(1, "c", 1);
    break;
    // CHECK-MESSAGES: :[[@LINE-7]]:11: warning: the child process can leave its branch and run the parent's code that follows
    // CHECK-FIXES: {{^}}    _exit(0);
    // CHECK-FIXES-NEXT: {{^}}    break;
  default:
    wait(NULL);
  }
}

// ---------------------------------------------------------------- negatives

void vfork_exec(char **argv) {
  pid_t pid = vfork();
  if (pid == 0) {
    execv("/bin/true", argv);
    _exit(127);
  }
}

void safe_child(void) {
  pid_t pid = fork();
  if (pid == 0) {
    const char msg[] = "safe\n";
    write(1, msg, sizeof msg - 1);
    _exit(0);
  } else {
    printf("parent\n");
  }
}

void early_return_parent(void) {
  pid_t pid = fork();
  if (pid != 0)
    return;
  write(1, "x", 1);
  _exit(0);
}
