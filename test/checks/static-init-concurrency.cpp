// RUN: %check_parsafe %s parsafe-static-init-concurrency %t -- -- -std=c++20 -I %S/Inputs
// RUN: %check_parsafe -check-suffixes=,OPTION %s parsafe-static-init-concurrency %t-option \
// RUN:   -- -config="{CheckOptions: {parsafe-static-init-concurrency.ConcurrencyStartFunctions: 'app::launch_workers'}}" \
// RUN:   -- -std=c++20 -I %S/Inputs

#include <atomic>
#include <cstdlib>
#include <functional>
#include <future>
#include <mutex>
#include <pthread.h>
#include <spawn.h>
#include <thread>
#include <unistd.h>

#include "static-init-header.h"

// Minimal stand-ins with the runtime's names: the check recognizes the classes
// by qualified name.
namespace parsafe {
class ThreadPool {
public:
  explicit ThreadPool(unsigned Workers);
};
class ProcessPool {
public:
  ProcessPool();
};
} // namespace parsafe

void work();
int compute();
void *pthread_entry(void *);

// ---------------------------------------------------------------- positives

// A thread constructed directly by a namespace-scope initializer.
std::thread g_direct(work);
// CHECK-MESSAGES: :[[@LINE-1]]:13: warning: dynamic initialization of 'g_direct' starts a thread ('std::thread') before 'main' runs [parsafe-static-init-concurrency]
// CHECK-MESSAGES: :[[@LINE-2]]:13: note: a thread ('std::thread') started here
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: static initialization runs before 'main', in every re-executed worker process, and in an unspecified order across translation units; start it from 'main' instead: create a parsafe::ThreadPool there and pass it to the code that needs it

// Through a constructor and a helper: a note on every step of the chain.
void start_background() { std::thread(work).detach(); }
struct Service {
  Service() { start_background(); }
};
Service g_service;
// CHECK-MESSAGES: :[[@LINE-1]]:9: warning: dynamic initialization of 'g_service' starts a thread ('std::thread') before 'main' runs
// CHECK-MESSAGES: :[[@LINE-2]]:9: note: constructor of 'Service' runs here
// CHECK-MESSAGES: :[[@LINE-5]]:15: note: 'start_background' called here
// CHECK-MESSAGES: :[[@LINE-8]]:27: note: a thread ('std::thread') started here

// std::async with an explicit async policy, and with the default policy.
std::future<int> g_async = std::async(std::launch::async, compute);
// CHECK-MESSAGES: :[[@LINE-1]]:18: warning: dynamic initialization of 'g_async' starts asynchronous work ('std::async') before 'main' runs
std::future<int> g_async_default = std::async(compute);
// CHECK-MESSAGES: :[[@LINE-1]]:18: warning: dynamic initialization of 'g_async_default' starts asynchronous work ('std::async')

// fork and system during static initialization.
pid_t g_pid = fork();
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: dynamic initialization of 'g_pid' starts a child process ('fork') before 'main' runs
// CHECK-MESSAGES: :[[@LINE-2]]:15: note: a child process ('fork') started here
// CHECK-MESSAGES: :[[@LINE-3]]:7: note: static initialization runs {{.*}}; start processes from 'main', after 'PARSAFE_MAIN_GUARD(argc, argv)': create a parsafe::ProcessPool there, so re-executed workers never reach it
int g_shell = std::system("true");
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: dynamic initialization of 'g_shell' starts a shell process ('system') before 'main' runs

// pthread_create in a helper called by the initializer.
int start_pthread() {
  pthread_t Thread;
  return pthread_create(&Thread, nullptr, pthread_entry, nullptr);
}
int g_pthread_status = start_pthread();
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: dynamic initialization of 'g_pthread_status' starts a thread ('pthread_create') before 'main' runs
// CHECK-MESSAGES: :[[@LINE-2]]:24: note: 'start_pthread' called here
// CHECK-MESSAGES: :[[@LINE-5]]:10: note: a thread ('pthread_create') started here

// exec* and posix_spawn replace or start programs before main.
int run_exec() {
  char *Args[] = {nullptr};
  return execv("/bin/true", Args);
}
int g_exec = run_exec();
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: dynamic initialization of 'g_exec' starts a new program image ('execv') before 'main' runs
int run_spawn() {
  pid_t Child;
  char *Args[] = {nullptr};
  return posix_spawn(&Child, "/bin/true", nullptr, nullptr, Args, nullptr);
}
int g_spawned = run_spawn();
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: dynamic initialization of 'g_spawned' starts a child process ('posix_spawn') before 'main' runs

// A static data member, defined out of line.
struct Registry {
  static std::thread Watcher;
};
std::thread Registry::Watcher(work);
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: dynamic initialization of 'Watcher' starts a thread ('std::thread') before 'main' runs

// An inline variable (C++17), and a jthread (C++20).
inline std::thread g_inline{work};
// CHECK-MESSAGES: :[[@LINE-1]]:20: warning: dynamic initialization of 'g_inline' starts a thread ('std::thread') before 'main' runs
std::jthread g_jthread(work);
// CHECK-MESSAGES: :[[@LINE-1]]:14: warning: dynamic initialization of 'g_jthread' starts a thread ('std::jthread') before 'main' runs

// An immediately invoked lambda runs during initialization.
int g_lambda = [] {
  std::thread(work).detach();
  return 0;
}();
// CHECK-MESSAGES: :[[@LINE-4]]:5: warning: dynamic initialization of 'g_lambda' starts a thread ('std::thread') before 'main' runs
// CHECK-MESSAGES: :[[@LINE-5]]:16: note: 'operator()' called here
// CHECK-MESSAGES: :[[@LINE-5]]:3: note: a thread ('std::thread') started here

// A class template instantiated by a global.
template <class T> struct Spawner {
  Spawner() { std::thread(work).detach(); }
};
Spawner<int> g_spawner;
// CHECK-MESSAGES: :[[@LINE-1]]:14: warning: dynamic initialization of 'g_spawner' starts a thread ('std::thread') before 'main' runs
// CHECK-MESSAGES: :[[@LINE-2]]:14: note: constructor of 'Spawner<int>' runs here

// The thread is started by a default member initializer.
struct Holder {
  std::thread Background{work};
};
Holder g_holder;
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: dynamic initialization of 'g_holder' starts a thread ('std::thread') before 'main' runs
// CHECK-MESSAGES: :[[@LINE-4]]:25: note: a thread ('std::thread') started here

// The spawn is spelled through a macro.
#define START_IN_BACKGROUND(fn) std::thread(fn).detach()
bool init_from_macro() {
  START_IN_BACKGROUND(work);
  return true;
}
bool g_macro = init_from_macro();
// CHECK-MESSAGES: :[[@LINE-1]]:6: warning: dynamic initialization of 'g_macro' starts a thread ('std::thread') before 'main' runs

// Pools of parsafe's own runtime.
parsafe::ThreadPool g_pool(4);
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: dynamic initialization of 'g_pool' starts a thread pool ('parsafe::ThreadPool') before 'main' runs
parsafe::ProcessPool g_process_pool;
// CHECK-MESSAGES: :[[@LINE-1]]:22: warning: dynamic initialization of 'g_process_pool' starts a process pool ('parsafe::ProcessPool') before 'main' runs
// CHECK-MESSAGES: :[[@LINE-2]]:22: note: a process pool ('parsafe::ProcessPool') started here
// CHECK-MESSAGES: :[[@LINE-3]]:22: note: {{.*}}PARSAFE_MAIN_GUARD(argc, argv)

// Mutual recursion terminates and still finds the thread.
int ping(int N);
int pong(int N) {
  if (N == 0)
    std::thread(work).detach();
  return N == 0 ? 0 : ping(N - 1);
}
int ping(int N) { return pong(N); }
int g_recursive = ping(3);
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: dynamic initialization of 'g_recursive' starts a thread ('std::thread') before 'main' runs

// A constructor function: runs before main like any static initializer.
__attribute__((constructor)) static void boot() { std::thread(work).detach(); }
// CHECK-MESSAGES: :[[@LINE-1]]:42: warning: constructor function 'boot' starts a thread ('std::thread') before 'main' runs

// A spawn function named in the options.
namespace app {
int launch_workers(int Count);
}
int g_launched = app::launch_workers(2);
// CHECK-MESSAGES-OPTION: :[[@LINE-1]]:5: warning: dynamic initialization of 'g_launched' starts concurrent work ('app::launch_workers') before 'main' runs

// ---------------------------------------------------------------- negatives

// Default-constructed threads and synchronization objects start nothing.
std::thread g_default_thread;
std::mutex g_mutex;
std::once_flag g_once;
std::atomic<int> g_counter{0};
constexpr int kWorkers = 4;
int g_plain = 42;
parsafe::ThreadPool *g_pool_pointer = nullptr;

// A dynamic initializer that starts nothing.
int g_computed = compute();

// A lambda stored for later runs only when called (from main, here).
std::function<void()> g_task = [] { std::thread(work).detach(); };

// std::async with the deferred policy runs on the waiting thread.
std::future<int> g_deferred = std::async(std::launch::deferred, compute);

// Function-local statics are initialized when main first calls the function.
void lazy_start() {
  static std::thread Lazy(work);
  Lazy.detach();
}

// Classes that start threads, used only from main.
struct Server {
  Server() { std::thread(work).detach(); }
};
void run_server() { Server S; }

// A class template whose spawning constructor is never instantiated globally.
template <class T> struct LazySpawner {
  LazySpawner() { std::thread(work).detach(); }
};

// thread_local objects are initialized by the thread that first uses them.
thread_local int t_value = compute();

// A constructor function that starts nothing.
__attribute__((constructor)) static void configure() { g_plain = 7; }

// Without the option, a user-named function is an ordinary call.
namespace app {
int launch_later(int Count);
}
int g_not_named = app::launch_later(2);

int main() {
  lazy_start();
  run_server();
  LazySpawner<int> Local;
  g_task();
  std::thread T(work);
  T.join();
  return g_plain + kWorkers;
}

// A global in an included header (clang-tidy lists the header's diagnostics
// after the main file's).
// CHECK-MESSAGES: static-init-header.h:6:13: warning: dynamic initialization of 'g_header_thread' starts a thread ('std::thread') before 'main' runs
