// RUN: %check_parsafe -check-suffixes=,BASE %s parsafe-shared-state-race %t-base -- -- -std=c++17
// RUN: %check_parsafe -check-suffixes=,OPTION %s parsafe-shared-state-race %t-option \
// RUN:   -- -config="{CheckOptions: {parsafe-shared-state-race.ThreadSafeTypes: 'app::ConcurrentLog;parsafe::Guarded;parsafe::Channel'}}" -- -std=c++17

#include <atomic>
#include <future>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include <parsafe/channel.hpp>
#include <parsafe/guarded.hpp>
#include <parsafe/thread_pool.hpp>

int compute(int);

// ---------------------------------------------------------------- positives

// Two threads push into one vector: the classic shared result list.
std::vector<int> g_results;
void append_results() {
  std::vector<std::thread> Threads;
  for (int I = 0; I < 4; ++I)
    Threads.emplace_back([I] { g_results.push_back(compute(I)); });
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: data race on 'g_results': this write runs concurrently with a write of 'g_results' in another thread, and no lock is held by both [parsafe-shared-state-race]
  // CHECK-MESSAGES: :[[@LINE-2]]:32: note: the same write runs in every copy of the thread, at the same time
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the thread is started here (more than one runs at once)
  // CHECK-MESSAGES: :[[@LINE-4]]:32: note: wrap 'g_results' in parsafe::Guarded<T> so it can only be reached under its lock, or return per-task results from parsafe::ThreadPool::map instead of sharing it
  for (auto &T : Threads)
    T.join();
}

// A local captured by reference, written by the thread and by the spawner
// before the join.
int local_capture() {
  int Sum = 0;
  std::thread Worker([&Sum] { Sum += compute(1); });
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: data race on 'Sum': this write runs concurrently with a write of 'Sum' in another thread
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: conflicting write of 'Sum' in the spawning thread here
  Sum += compute(2);
  Worker.join();
  return Sum;
}

// unique_lock released before the access: no longer protected.
std::mutex g_mutex;
std::map<std::string, int> g_counts;
void count_word(const std::string &Word) {
  std::unique_lock<std::mutex> Lock(g_mutex);
  Lock.unlock();
  g_counts[Word]++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'g_counts'
}
void count_words() {
  std::thread A(count_word, "a");
  std::thread B(count_word, "b");
  A.join();
  B.join();
}

// A writer under an exclusive lock, a reader without any.
std::shared_mutex g_table_mutex;
int g_table = 0;
void write_table() {
  std::lock_guard<std::shared_mutex> Lock(g_table_mutex);
  g_table = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'g_table': this write runs concurrently with a read of 'g_table' in another thread
}
int read_table_unlocked() { return g_table; }
void table_users() {
  std::thread Writer(write_table);
  auto Reader = std::async(std::launch::async, read_table_unlocked);
  Reader.get();
  Writer.join();
}

// Tasks submitted to a pool in a loop run at the same time.
long g_pool_total = 0;
void pool_tasks(parsafe::ThreadPool &Pool) {
  std::vector<parsafe::Future<void>> Done;
  for (int I = 0; I < 8; ++I)
    Done.push_back(Pool.submit([I] { g_pool_total += I; }));
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: data race on 'g_pool_total'
  for (auto &F : Done)
    F.get();
}

// A functor entry, started twice.
int g_functor_hits = 0;
struct Hit {
  void operator()() const { ++g_functor_hits; }
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: data race on 'g_functor_hits'
};
void functors() {
  std::thread A{Hit{}};
  std::thread B{Hit{}};
  A.join();
  B.join();
}

// A type the options call thread-safe (second RUN) is silent there only.
namespace app {
struct ConcurrentLog {
  void add(int);
};
} // namespace app
app::ConcurrentLog g_log;
void log_from_threads() {
  std::thread A([] { g_log.add(1); });
  // CHECK-MESSAGES-BASE: :[[@LINE-1]]:22: warning: data race on 'g_log'
  std::thread B([] { g_log.add(2); });
  A.join();
  B.join();
}

// ---------------------------------------------------------------- negatives

// Every access under the same mutex, with lock_guard and scoped_lock.
int g_locked = 0;
std::mutex g_lock;
void locked_increment() {
  std::lock_guard<std::mutex> Guard(g_lock);
  ++g_locked;
}
void scoped_increment() {
  std::scoped_lock Guard(g_lock);
  g_locked += 2;
}
void locked_users() {
  std::thread A(locked_increment);
  std::thread B(scoped_increment);
  A.join();
  B.join();
}

// Readers under shared locks, the writer under the exclusive one.
std::shared_mutex g_rw;
int g_shared_value = 0;
int shared_reader() {
  std::shared_lock<std::shared_mutex> Lock(g_rw);
  return g_shared_value;
}
void exclusive_writer() {
  std::unique_lock<std::shared_mutex> Lock(g_rw);
  g_shared_value = 5;
}
void rw_users() {
  auto R1 = std::async(std::launch::async, shared_reader);
  auto R2 = std::async(std::launch::async, shared_reader);
  std::thread W(exclusive_writer);
  R1.get();
  R2.get();
  W.join();
}

// Atomics, thread_local and const data.
std::atomic<int> g_atomic{0};
thread_local int t_scratch = 0;
const int kLimit = 100;
void safe_kinds() {
  std::thread A([] { g_atomic++; t_scratch++; (void)kLimit; });
  std::thread B([] { g_atomic += 2; t_scratch += 2; (void)kLimit; });
  A.join();
  B.join();
}

// parsafe's own thread-safe types.
parsafe::Guarded<std::vector<int>> g_guarded;
parsafe::Channel<int> g_channel(16);
void runtime_types() {
  std::thread A([] { g_guarded.with_lock([](auto &V) { V.push_back(1); }); g_channel.push(1); });
  std::thread B([] { g_guarded.with_lock([](auto &V) { V.push_back(2); }); g_channel.push(2); });
  A.join();
  B.join();
}

// Per-task results through map: nothing shared.
std::vector<int> squares(parsafe::ThreadPool &Pool, const std::vector<int> &In) {
  return Pool.map([](int X) { return X * X; }, In);
}

// Written before the thread starts, read after it is joined.
int g_config = 0;
void before_and_after() {
  g_config = 1;
  std::thread Reader([] { (void)compute(g_config); });
  Reader.join();
  g_config = 2;
}

// By-value captures are the thread's own copy.
void by_value() {
  int Local = 1;
  std::thread A([Local]() mutable { Local += 1; });
  Local += 3;
  A.join();
}

// Each thread writes its own slot.
int g_slots[4];
void own_slots() {
  std::vector<std::thread> Threads;
  for (int I = 0; I < 4; ++I)
    Threads.emplace_back([I] { g_slots[I] = compute(I); });
  for (auto &T : Threads)
    T.join();
}
