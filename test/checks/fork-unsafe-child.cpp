// RUN: %check_parsafe %s parsafe-fork-unsafe-child %t -- -- -std=c++17

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

void work();
std::mutex g_lock;

// This program has a thread when it forks: the evidence the check needs.
std::thread start_background() { return std::thread(work); }

void log_from_child(const char *Message) { std::printf("%s\n", Message); }

// ---------------------------------------------------------------- positives

void unsafe_calls() {
  pid_t Pid = fork();
  if (Pid == 0) {
    std::printf("child\n");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'printf' is not async-signal-safe; in the child of fork() in a process that may have other threads, it can deadlock on a lock another thread held at the fork [parsafe-fork-unsafe-child]
    std::string Name = "worker";
    // CHECK-MESSAGES: :[[@LINE-1]]:24: note: constructing a 'std::string' is not async-signal-safe either
    // CHECK-MESSAGES: :[[@LINE-6]]:15: note: fork() called here
    // CHECK-MESSAGES: :[[@LINE-14]]:41: note: the process may have other threads when it forks: one is started here
    // CHECK-MESSAGES: :[[@LINE-6]]:5: note: between fork() and exec*() call only async-signal-safe functions (write, dup2, close, exec*, _exit); to run work in another process use posix_spawn() or parsafe::ProcessPool
    _exit(0);
  }
  waitpid(Pid, nullptr, 0);
}

void through_a_helper() {
  if (fork() == 0) {
    log_from_child("hello");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'log_from_child' calls 'printf', which is not async-signal-safe
    // CHECK-MESSAGES: :[[@LINE-23]]:44: note: 'printf' called here
    _exit(0);
  }
}

void allocation_and_locks() {
  pid_t Pid = fork();
  if (Pid != 0) {
    waitpid(Pid, nullptr, 0);
  } else {
    int *Buffer = new int[64];
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'new' (malloc) is not async-signal-safe
    std::lock_guard<std::mutex> Hold(g_lock);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: note: constructing a 'std::lock_guard<std::mutex>' is not async-signal-safe either
    Buffer[0] = 1;
    _exit(0);
  }
}

void iostreams_in_switch() {
  switch (pid_t Pid = fork()) {
  case 0:
    std::cout << "child\n";
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::operator<<' is not async-signal-safe
    _exit(0);
  case -1:
    std::perror("fork");
    break;
  default:
    waitpid(Pid, nullptr, 0);
  }
}

void uses_exit() {
  if (fork() == 0) {
    write(1, "x", 1);
    exit(3);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'exit' in the child of fork() runs the parent's atexit handlers and flushes the stdio buffers it inherited, writing their contents a second time; use '_exit'
    // CHECK-FIXES: {{^}}    _exit(3);
  }
}

void falls_through_in_a_loop() {
  for (int I = 0; I < 4; ++I) {
    pid_t Pid = fork();
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: the child process can leave its branch and run the parent's code that follows
    if (Pid == 0) {
      write(1, "child\n", 6);
    }
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: the child's branch ends here without '_exit'
    // CHECK-MESSAGES: :[[@LINE-6]]:17: note: end the child with '_exit' (after a failed exec*, '_exit(127)'), or let parsafe::ProcessPool run the work in a worker process
    // CHECK-FIXES: {{^}}      write(1, "child\n", 6);
    // CHECK-FIXES-NEXT: {{^}}      _exit(0);
    // CHECK-FIXES-NEXT: {{^}}    }
  }
}

void exec_without_exit(char **Argv) {
  if (fork() == 0) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: if 'execv' fails, the child process continues into the parent's code
    execv("/bin/true", Argv);
  }
  // CHECK-FIXES: {{^}}    execv("/bin/true", Argv);
  // CHECK-FIXES-NEXT: {{^}}    _exit(127);
}

void child_returns_to_caller() {
  pid_t Pid = fork();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: the child process can leave its branch and run the parent's code that follows
  if (Pid == 0) {
    write(1, "c", 1);
    return;
  }
  waitpid(Pid, nullptr, 0);
}

int main(int Argc, char **Argv) {
  std::thread Background = start_background();
  pid_t Pid = fork();
  if (Pid > 0) {
    waitpid(Pid, nullptr, 0);
    Background.join();
    return 0;
  }
  write(1, "in child\n", 9);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: returning from 'main' in the child of fork() calls exit(): the parent's atexit handlers run and its inherited stdio buffers are flushed a second time; use '_exit'
  // CHECK-FIXES: {{^}}  _exit(0);
}

// ---------------------------------------------------------------- negatives

// Only async-signal-safe calls, then exec, then _exit.
void safe_child(char **Argv) {
  pid_t Pid = fork();
  if (Pid == 0) {
    int Fd[2];
    pipe(Fd);
    dup2(Fd[1], 1);
    close(Fd[0]);
    write(2, "exec\n", 5);
    execv("/bin/true", Argv);
    _exit(127);
  } else if (Pid > 0) {
    std::printf("parent\n"); // the parent may call anything
    waitpid(Pid, nullptr, 0);
  }
}

// The error branch of fork is the parent's.
void error_branch() {
  pid_t Pid = fork();
  if (Pid < 0) {
    std::perror("fork");
    return;
  }
  if (Pid == 0) {
    _exit(0);
  }
  std::printf("parent continues\n");
}

// A server loop in the child never falls out.
void server_child() {
  if (fork() == 0) {
    for (;;)
      pause();
  }
}

// After a failed exec, perror and _exit: what follows exec runs only when it
// failed, and is not reported.
void exec_then_report(char **Argv) {
  if (fork() == 0) {
    execvp("tool", Argv);
    std::perror("execvp");
    _exit(127);
  }
}
