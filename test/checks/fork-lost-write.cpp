// RUN: %check_parsafe %s parsafe-fork-lost-write %t -- -- -std=c++17

#include <cstdio>
#include <map>
#include <string>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

int g_total = 0;
std::vector<int> g_results;
static int s_calls = 0;
struct Stats {
  int done;
  long bytes;
};
Stats g_stats;

int work(int Item);
void record(int Value) { g_results.push_back(Value); }

// ---------------------------------------------------------------- positives

// The C++ form of appending to a plain list in a child process.
void append_in_child() {
  pid_t Pid = fork();
  if (Pid == 0) {
    g_results.push_back(work(1));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the child's write to 'g_results' changes only the child's copy of memory; the parent reads 'g_results' after fork() and never sees it [parsafe-fork-lost-write]
    // CHECK-MESSAGES: :[[@LINE+6]]:32: note: the parent reads 'g_results' here
    // CHECK-MESSAGES: :[[@LINE-5]]:15: note: the processes split here
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: send the value back through a pipe, return it from a parsafe::ProcessPool task, or keep it in memory mapped with MAP_SHARED
    _exit(0);
  }
  waitpid(Pid, nullptr, 0);
  std::printf("%zu results\n", g_results.size());
}

void counter_in_child() {
  if (fork() == 0) {
    g_total += 10;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the child's write to 'g_total' changes only the child's copy of memory
    _exit(0);
  }
  wait(nullptr);
  std::printf("total %d\n", g_total);
}

void local_flag() {
  bool Succeeded = false;
  pid_t Pid = fork();
  if (Pid == 0) {
    Succeeded = work(2) == 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the child's write to 'Succeeded' changes only the child's copy of memory
    _exit(0);
  } else {
    waitpid(Pid, nullptr, 0);
    if (Succeeded)
      std::puts("ok");
  }
}

void field_of_a_struct() {
  pid_t Pid = fork();
  if (!Pid) {
    g_stats.done++;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the child's write to 'g_stats' changes only the child's copy of memory
    _exit(0);
  }
  waitpid(Pid, nullptr, 0);
  std::printf("%d done\n", g_stats.done);
}

void through_a_helper() {
  pid_t Pid = fork();
  if (Pid == 0) {
    record(7);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the child's write to 'g_results'
    // CHECK-MESSAGES: :{{[0-9]+}}:26: note: the called function writes 'g_results' here
    _exit(0);
  }
  waitpid(Pid, nullptr, 0);
  std::printf("%zu\n", g_results.size());
}

void array_element(int Index) {
  static int s_codes[8];
  pid_t Pid = fork();
  if (Pid == 0) {
    s_codes[Index] = 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the child's write to 's_codes' changes only the child's copy of memory
    _exit(0);
  }
  waitpid(Pid, nullptr, 0);
  std::printf("%d\n", s_codes[Index]);
}

void map_in_child() {
  std::map<std::string, int> Counts;
  pid_t Pid = fork();
  if (Pid == 0) {
    Counts["child"] = 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the child's write to 'Counts' changes only the child's copy of memory
    _exit(0);
  }
  waitpid(Pid, nullptr, 0);
  std::printf("%zu\n", Counts.size());
}

void switch_shape() {
  switch (pid_t Pid = fork()) {
  case 0:
    s_calls = 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the child's write to 's_calls' changes only the child's copy of memory
    _exit(0);
  default:
    waitpid(Pid, nullptr, 0);
    std::printf("%d\n", s_calls);
  }
}

void string_assigned(std::string &Out) {
  std::string Message;
  pid_t Pid = fork();
  if (Pid == 0) {
    Message = "from the child";
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the child's write to 'Message' changes only the child's copy of memory
    _exit(0);
  }
  waitpid(Pid, nullptr, 0);
  Out = Message;
}

void in_a_loop(int Workers) {
  for (int I = 0; I < Workers; ++I) {
    pid_t Pid = fork();
    if (Pid == 0) {
      g_total += I;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the child's write to 'g_total' changes only the child's copy of memory
      _exit(0);
    }
    waitpid(Pid, nullptr, 0);
    std::printf("%d\n", g_total);
  }
}

// ---------------------------------------------------------------- negatives

// The parent never reads what the child wrote.
void child_only_state() {
  pid_t Pid = fork();
  if (Pid == 0) {
    g_total = 5;
    _exit(0);
  }
  waitpid(Pid, nullptr, 0);
}

// The value comes back through a pipe.
void through_a_pipe() {
  int Fd[2];
  pipe(Fd);
  pid_t Pid = fork();
  if (Pid == 0) {
    int Result = work(3);
    write(Fd[1], &Result, sizeof Result);
    _exit(0);
  }
  int Result = 0;
  read(Fd[0], &Result, sizeof Result);
  waitpid(Pid, nullptr, 0);
  std::printf("%d\n", Result);
}

// Shared memory: writes through the mapping are visible to the parent.
void shared_mapping() {
  int *Shared = static_cast<int *>(
      mmap(nullptr, sizeof(int), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  pid_t Pid = fork();
  if (Pid == 0) {
    *Shared = 42;
    _exit(0);
  }
  waitpid(Pid, nullptr, 0);
  std::printf("%d\n", *Shared);
}

// The parent sets the value itself before reading it.
void parent_overwrites() {
  pid_t Pid = fork();
  if (Pid == 0) {
    g_total = 1;
    _exit(0);
  }
  g_total = 0;
  waitpid(Pid, nullptr, 0);
  std::printf("%d\n", g_total);
}

// A variable declared in the child belongs to the child.
void child_local() {
  pid_t Pid = fork();
  if (Pid == 0) {
    int Mine = work(4);
    Mine += 1;
    _exit(Mine);
  }
  int Status = 0;
  waitpid(Pid, &Status, 0);
}

// The parent only reads things the child did not write.
void parent_reads_other() {
  pid_t Pid = fork();
  if (Pid == 0) {
    s_calls++;
    _exit(0);
  }
  waitpid(Pid, nullptr, 0);
  std::printf("%d\n", g_total);
}
