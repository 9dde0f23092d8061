// RUN: %check_parsafe %s parsafe-dangling-thread-capture %t -- -- -std=c++20

#include <functional>
#include <future>
#include <pthread.h>
#include <thread>
#include <vector>

void consume(int &Value);
void read_buffer(const char *Data);
void *entry(void *Arg);
void adopt(std::thread T);

namespace parsafe {
class ThreadPool {
public:
  explicit ThreadPool(unsigned);
  template <class F> void detach(F Fn) { Fn(); }
  void wait();
};
} // namespace parsafe

// ---------------------------------------------------------------- positives

void detached_lambda() {
  int Counter = 0;
  std::thread([&Counter] { ++Counter; }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: local variable 'Counter' is captured by reference by a thread that can outlive 'detached_lambda'; the thread may use it after it is destroyed [parsafe-dangling-thread-capture]
  // CHECK-MESSAGES: :[[@LINE-2]]:42: note: the thread is detached here
  // CHECK-MESSAGES: :[[@LINE-3]]:17: note: pass 'Counter' by value (capture ['Counter'], or pass a copy), or join the thread before 'Counter' goes out of scope; parsafe::ThreadPool::submit returns a future to wait on
}

void implicit_capture() {
  int Total = 0;
  std::thread Worker([&] { Total += 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: local variable 'Total' is captured by reference by a thread that can outlive 'implicit_capture'
  Worker.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: the thread is detached here
}

void std_ref_argument() {
  int Value = 1;
  std::thread Worker(consume, std::ref(Value));
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: local variable 'Value' is passed by reference (std::ref) to a thread that can outlive 'std_ref_argument'
  Worker.detach();
}

void address_argument() {
  char Buffer[64] = "data";
  std::thread(read_buffer, Buffer).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: local variable 'Buffer' is passed (as a pointer to its first element) to a thread that can outlive 'address_argument'
}

struct Worker {
  void run();
};
void member_function_object() {
  Worker W;
  std::thread(&Worker::run, &W).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: local variable 'W' is the object of a thread that can outlive 'member_function_object'
}

void moved_out() {
  int State = 0;
  std::thread Worker([&State] { State = 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: local variable 'State' is captured by reference by a thread that can outlive 'moved_out'
  adopt(std::move(Worker));
  // CHECK-MESSAGES: :[[@LINE-1]]:9: note: the thread is moved out of 'moved_out' here
}

struct Server {
  std::vector<std::thread> Threads;
  std::thread Background;
  void start() {
    int Port = 80;
    Threads.emplace_back([&Port] { (void)Port; });
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: local variable 'Port' is captured by reference by a thread that can outlive 'start'
    // CHECK-MESSAGES: :[[@LINE-2]]:13: note: the thread is stored where it outlives 'start'
    int Retries = 3;
    Background = std::thread([&Retries] { (void)Retries; });
    // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: local variable 'Retries' is captured by reference by a thread that can outlive 'start'
  }
};

std::thread returned_thread() {
  int Seed = 42;
  std::thread T([&Seed] { (void)Seed; });
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: local variable 'Seed' is captured by reference by a thread that can outlive 'returned_thread'
  return T;
}

std::future<int> returned_future() {
  int Input = 7;
  return std::async(std::launch::async, [&Input] { return Input * 2; });
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: local variable 'Input' is captured by reference by a thread that can outlive 'returned_future'
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the thread is returned here
}

void pthread_never_joined() {
  int Argument = 5;
  pthread_t Thread;
  pthread_create(&Thread, nullptr, entry, &Argument);
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: local variable 'Argument' is passed by address to a thread that can outlive 'pthread_never_joined'
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'pthread_never_joined' never joins this thread
}

void pthread_detached() {
  int Argument = 5;
  pthread_t Thread;
  pthread_create(&Thread, nullptr, entry, &Argument);
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: local variable 'Argument' is passed by address to a thread that can outlive 'pthread_detached'
  pthread_detach(Thread);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the thread is detached here
}

void pool_detach(parsafe::ThreadPool &Pool) {
  int Local = 0;
  Pool.detach([&Local] { ++Local; });
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: local variable 'Local' is captured by reference by a thread that can outlive 'pool_detach'
}

// ---------------------------------------------------------------- negatives

void joined() {
  int Counter = 0;
  std::thread Worker([&Counter] { ++Counter; });
  Worker.join();
  pthread_t Thread;
  pthread_create(&Thread, nullptr, entry, &Counter);
  pthread_join(Thread, nullptr);
}

void by_value() {
  int Counter = 0;
  std::thread([Counter] { (void)Counter; }).detach();
  std::thread(read_buffer, "literal").detach();
}

void jthread_in_scope() {
  int Counter = 0;
  std::jthread Worker([&Counter] { ++Counter; }); // joins at the end of the scope
}

void local_container() {
  int Shared = 0;
  std::vector<std::thread> Threads;
  Threads.emplace_back([&Shared] { ++Shared; });
  for (auto &T : Threads)
    T.join();
}

void static_and_global() {
  static int Calls = 0;
  std::thread([&] { ++Calls; }).detach(); // static storage outlives every thread
}

void pool_waits(parsafe::ThreadPool &Pool) {
  int Local = 0;
  Pool.detach([&Local] { ++Local; });
  Pool.wait();
}

void local_pool() {
  int Local = 0;
  parsafe::ThreadPool Pool(2);
  Pool.detach([&Local] { ++Local; }); // the pool is drained before Local dies
}

void future_waited() {
  int Input = 3;
  auto F = std::async(std::launch::async, [&Input] { return Input; });
  F.get();
}
