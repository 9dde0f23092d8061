// RUN: %check_parsafe -check-suffixes=,BASE %s parsafe-shared-state-race %t-base -- -- -std=c++17 -I %S/Inputs
// RUN: %check_parsafe -check-suffixes=,OPTION %s parsafe-shared-state-race %t-option \
// RUN:   -- -config="{CheckOptions: {parsafe-shared-state-race.ThreadSafeTypes: 'app::ConcurrentLog;parsafe::Guarded;parsafe::Channel'}}" -- -std=c++17 -I %S/Inputs

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

#include "own-mutex-lock.h"

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

// `delete` while a thread still uses the object, as free() in C (positive);
// deleted after the join, or by the thread that owns it (negatives).
struct HitTally {
  int Hits = 0;
};
void delete_too_early() {
  HitTally *T = new HitTally;
  std::thread Worker([T] { T->Hits++; });
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: data race on 'T->Hits': this write runs concurrently with a delete of 'T->Hits' in another thread, and no lock is held by both [parsafe-shared-state-race]
  // CHECK-MESSAGES: :[[@LINE+3]]:3: note: conflicting delete of 'T->Hits' in the spawning thread here
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: the thread is started here
  // CHECK-MESSAGES: :[[@LINE-4]]:28: note: release the memory of 'T->Hits' only after every thread that uses it is joined, or hand it over to one thread through parsafe::Channel<T>
  delete T;
  Worker.join();
}
void delete_after_join() {
  HitTally *T = new HitTally;
  std::thread Worker([T] { T->Hits++; });
  Worker.join();
  delete T;
}
void delete_by_owner() {
  std::vector<std::thread> Workers;
  for (int I = 0; I < 4; ++I)
    Workers.emplace_back([] {
      HitTally *Own = new HitTally;
      Own->Hits++;
      delete Own;
    });
  for (std::thread &W : Workers)
    W.join();
}

// A destructor runs where its object ends, in the thread that made it: an
// RAII tracker's `--g_live_trackers` races (positive). Under a guard declared
// before the object (released after the destructor), or touching only its
// own members, it is silent.
int g_live_trackers;
struct LiveTracker {
  int Own = 0;
  ~LiveTracker() { --g_live_trackers; }
};
struct OwnCleanup {
  int Own = 1;
  ~OwnCleanup() { Own = 0; }
};
std::mutex g_tracker_lock;
void track_in_threads() {
  std::thread A([] { LiveTracker T; });
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: data race on 'g_live_trackers': this write (through a call) runs concurrently with a write of 'g_live_trackers' in another thread, and no lock is held by both [parsafe-shared-state-race]
  // CHECK-MESSAGES: :[[@LINE-10]]:20: note: the write of 'g_live_trackers' is here
  // CHECK-MESSAGES: :[[@LINE+1]]:34: note: conflicting write of 'g_live_trackers' in a thread here
  std::thread B([] { LiveTracker T; OwnCleanup C; });
  A.join();
  B.join();
}
void track_under_guard() {
  auto Work = [] {
    std::lock_guard<std::mutex> Hold(g_tracker_lock);
    LiveTracker T;
    OwnCleanup C;
  };
  std::thread A(Work);
  std::thread B(Work);
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

// A scoped lock class of the program's own, like std::lock_guard: its
// constructor locks what its argument names, its destructor unlocks it.
// Held to the end of the block (negatives); on different mutexes, or
// touched after the guard's block, a race (positives).
class ScopedMutexLock {
public:
  explicit ScopedMutexLock(std::mutex *M) : M_(M) { M_->lock(); }
  ~ScopedMutexLock() { M_->unlock(); }

private:
  std::mutex *M_;
};
// From a header of the program's own (Inputs/own-mutex-lock.h).
using RefMutexLock = OwnMutexLock;
std::mutex g_own_guard_lock, g_own_guard_other;
int g_own_guarded, g_own_wrong_mutex, g_own_after_block;
// Locks a global mutex of its own choosing.
struct OwnCriticalSection {
  OwnCriticalSection() { g_own_guard_lock.lock(); }
  ~OwnCriticalSection() { g_own_guard_lock.unlock(); }
};
void own_critical_section_worker() {
  OwnCriticalSection Section;
  ++g_own_guarded;
}
void own_guard_worker() {
  ScopedMutexLock Hold(&g_own_guard_lock);
  ++g_own_guarded;
  ++g_own_after_block;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'g_own_after_block': this write runs concurrently with a write of 'g_own_after_block' in another thread, and no lock is held by both [parsafe-shared-state-race]
  // CHECK-MESSAGES: :[[@LINE+13]]:3: note: conflicting write of 'g_own_after_block' in a thread here
  ++g_own_wrong_mutex;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'g_own_wrong_mutex': this write runs concurrently with a write of 'g_own_wrong_mutex' in another thread, and no lock is held by both [parsafe-shared-state-race]
  // CHECK-MESSAGES: :[[@LINE+9]]:3: note: conflicting write of 'g_own_wrong_mutex' in a thread here
}
void own_ref_guard_worker() {
  {
    RefMutexLock Hold(g_own_guard_lock);
    ++g_own_guarded;
    ++g_own_after_block;
  }
  RefMutexLock Other(g_own_guard_other);
  ++g_own_wrong_mutex;
  ++g_own_after_block;
}
void run_own_guards() {
  std::thread A(own_guard_worker);
  std::thread B(own_ref_guard_worker);
  std::thread C(own_critical_section_worker);
  A.join();
  B.join();
  C.join();
}

// std::thread neighbours of the one-copy rule: a worker given its own loop
// counter sets the result in copy 0 only (negative); copies other than 0
// all write it (positive).
int g_master_result, g_other_result;
void master_worker(int Id) {
  if (Id == 0)
    g_master_result = 1;
  if (Id != 0)
    g_other_result = Id;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: data race on 'g_other_result': this write runs concurrently with a write of 'g_other_result' in another thread
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the same write runs in every copy of the thread, at the same time
}
void run_master_workers() {
  std::vector<std::thread> Workers;
  for (int I = 0; I < 4; ++I)
    Workers.emplace_back(master_worker, I);
  for (std::thread &W : Workers)
    W.join();
}

// A scoped lock class template of the program's own holds its mutex too.
template <typename Mutex> class OwnLockGuard {
public:
  explicit OwnLockGuard(Mutex &M) : M_(M) { M_.lock(); }
  ~OwnLockGuard() { M_.unlock(); }

private:
  Mutex &M_;
};
std::mutex g_template_guard_lock;
int g_template_guarded;
void template_guard_worker() {
  OwnLockGuard<std::mutex> Hold(g_template_guard_lock);
  ++g_template_guarded;
}
void run_template_guards() {
  std::thread A(template_guard_worker);
  std::thread B(template_guard_worker);
  A.join();
  B.join();
}

// ------------------------------- objects reached through references and this

// std::ref: both threads write the spawner's variable.
void add_one(int &Total) { Total += 1; }
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: data race on 'Total': this write runs concurrently with a write of 'Total' in another thread, and no lock is held by both [parsafe-shared-state-race]
  // CHECK-MESSAGES: :[[@LINE+4]]:15: note: the thread is started here
  // CHECK-MESSAGES: :[[@LINE+3]]:44: note: the other thread is started here
void by_std_ref() {
  int Total = 0;
  std::thread A(add_one, std::ref(Total)), B(add_one, std::ref(Total));
  A.join();
  B.join();
}

// A pointer argument, and the spawner writing the same object meanwhile.
void add_through(int *Total) { *Total += 1; }
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: data race on 'Total': this write runs concurrently with a write of 'Total' in another thread
  // CHECK-MESSAGES: :[[@LINE+5]]:3: note: conflicting write of 'Total' in the spawning thread here
  // CHECK-MESSAGES: :[[@LINE-3]]:32: note: make 'Total' std::atomic (or _Atomic in C), or hold the same mutex around every access
void by_pointer() {
  int Total = 0;
  std::thread A(add_through, &Total);
  Total = 5;
  A.join();
}

// Member functions on `this`, and lambdas capturing `this`.
class Counter {
public:
  void run() { ++Count; }
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: data race on 'C.Count': this write runs concurrently with a write of 'C.Count' in another thread
  // CHECK-MESSAGES: :[[@LINE+34]]:37: note: the other thread is started here
  // CHECK-MESSAGES: :[[@LINE-3]]:16: warning: data race on 'this->Count': this write runs concurrently with a write of 'this->Count' in another thread
  // CHECK-MESSAGES: :[[@LINE+3]]:5: note: conflicting write of 'this->Count' in the spawning thread here
  void start() {
    std::thread T(&Counter::run, this);
    Count = 0;
    T.join();
  }
  void collect() {
    std::thread T([this] { Items.push_back(1); });
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: data race on 'this->Items': this write runs concurrently with a write of 'this->Items' in another thread
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: conflicting write of 'this->Items' in the spawning thread here
  // CHECK-MESSAGES: :[[@LINE-3]]:28: note: wrap 'this->Items' in parsafe::Guarded<T> so it can only be reached under its lock, or return per-task results from parsafe::ThreadPool::map instead of sharing it
    Items.push_back(2);
    T.join();
  }
  // Negative: both sides hold the member mutex.
  void collect_locked() {
    std::thread T([this] {
      std::lock_guard<std::mutex> Guard(Mutex);
      Items.push_back(1);
    });
    {
      std::lock_guard<std::mutex> Guard(Mutex);
      Items.push_back(2);
    }
    T.join();
  }
  int Count = 0;
  std::vector<int> Items;
  std::mutex Mutex;
};
void one_counter() {
  Counter C;
  std::thread A(&Counter::run, &C), B(&Counter::run, std::ref(C));
  A.join();
  B.join();
}

// Container mutation from two threads, and through a helper taking a reference.
void record(std::vector<int> &Out, int V) { Out.push_back(V); }
void push_from_two() {
  std::vector<int> Results;
  std::thread A([&] { Results.push_back(1); });
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: data race on 'Results': this write runs concurrently with a write of 'Results' in another thread
  // CHECK-MESSAGES: :[[@LINE+1]]:23: note: conflicting write of 'Results' in a thread here
  std::thread B([&] { record(Results, 2); });
  A.join();
  B.join();
}

// Negative: the helper locks inside; the caller's binding is not an access.
std::mutex g_record_mutex;
void record_locked(std::vector<int> &Out, int V) {
  std::lock_guard<std::mutex> Guard(g_record_mutex);
  Out.push_back(V);
}
void push_locked() {
  std::vector<int> Results;
  std::thread A([&] { record_locked(Results, 1); });
  std::thread B([&] { record_locked(Results, 2); });
  A.join();
  B.join();
}

// Negative: each thread gets its own element, or its own copy of the object.
void own_elements() {
  int Slots[4];
  std::vector<std::thread> Threads;
  for (int I = 0; I < 4; ++I)
    Threads.emplace_back(add_through, &Slots[I]);
  for (auto &T : Threads)
    T.join();
}
struct Tally {
  void run() { ++Hits; }
  int Hits = 0;
};
void own_copies() {
  Tally T;
  std::thread A(&Tally::run, T), B(&Tally::run, T);
  A.join();
  B.join();
}

// Negative: atomics reached by reference.
void atomic_by_reference() {
  std::atomic<int> N{0};
  std::thread A([&] { N++; }), B([&] { N.fetch_add(1); });
  A.join();
  B.join();
}

// A pool's tasks sharing an object captured by reference.
void pool_shared_local(parsafe::ThreadPool &Pool) {
  std::vector<int> Seen;
  for (int I = 0; I < 4; ++I)
    Pool.submit([&Seen, I] { Seen.push_back(I); });
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: data race on 'Seen': this write runs concurrently with a write of 'Seen' in another thread
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the thread is started here (more than one runs at once)
  Pool.wait();
}

// Negative: a promise orders the worker's writes before the waiter's reads.
void promise_handoff() {
  std::vector<int> Found;
  std::promise<void> Done;
  std::future<void> Ready = Done.get_future();
  std::thread Finder([&Found, &Done] {
    Found.push_back(1);
    Done.set_value();
  });
  Ready.wait();
  int N = static_cast<int>(Found.size());
  Finder.join();
  (void)N;
}

// The same hand-off, read before the wait: a race.
void promise_read_too_early() {
  std::vector<int> Found;
  std::promise<void> Done;
  std::future<void> Ready = Done.get_future();
  std::thread Finder([&Found, &Done] {
    Found.push_back(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: data race on 'Found': this write runs concurrently with a read of 'Found' in another thread
    Done.set_value();
  });
  int N = static_cast<int>(Found.size());
  // CHECK-MESSAGES: :[[@LINE-1]]:28: note: conflicting read of 'Found' in the spawning thread here
  Ready.wait();
  Finder.join();
  (void)N;
}

// Negative: a spinlock on std::atomic_flag protects the counter.
std::atomic_flag SpinFlag = ATOMIC_FLAG_INIT;
long SpinCounter;
void spin_worker() {
  while (SpinFlag.test_and_set(std::memory_order_acquire)) {
  }
  ++SpinCounter;
  SpinFlag.clear(std::memory_order_release);
}
void spinlock_users() {
  std::thread A(spin_worker), B(spin_worker);
  A.join();
  B.join();
}

// --------------------------------- a functor's reference and pointer members

// Copies of one functor, each holding a reference to the spawner's total.
struct AddRange {
  long &Total;
  int From, To;
  void operator()() const {
    for (int I = From; I < To; ++I)
      Total += I;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: data race on 'Total': this write runs concurrently with a write of 'Total' in another thread, and no lock is held by both [parsafe-shared-state-race]
      // CHECK-MESSAGES: :[[@LINE-2]]:7: note: the same write runs in every copy of the thread, at the same time
      // CHECK-MESSAGES: :[[@LINE+7]]:5: note: the thread is started here (more than one runs at once)
  }
};
void functor_reference_member() {
  long Total = 0;
  std::vector<std::thread> Workers;
  for (int T = 0; T < 4; ++T)
    Workers.emplace_back(AddRange{Total, T * 10, T * 10 + 10});
  for (auto &W : Workers)
    W.join();
}

// A constructor binding a pointer member, and a read in the spawner meanwhile.
class Appender {
public:
  explicit Appender(std::vector<int> *Out) : Out(Out) {}
  void operator()() { Out->push_back(1); }
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: data race on 'Items': this write runs concurrently with a read of 'Items' in another thread, and no lock is held by both [parsafe-shared-state-race]
  // CHECK-MESSAGES: :[[@LINE+9]]:28: note: conflicting read of 'Items' in the spawning thread here
  // CHECK-MESSAGES: :[[@LINE+7]]:15: note: the thread is started here

private:
  std::vector<int> *Out;
};
void functor_pointer_member() {
  std::vector<int> Items;
  std::thread T{Appender(&Items)};
  int N = static_cast<int>(Items.size());
  T.join();
  (void)N;
}

// Negative: the reference member and a mutex member reference: one lock.
struct LockedAdd {
  long &Total;
  std::mutex &Mutex;
  void operator()() const {
    std::lock_guard<std::mutex> Guard(Mutex);
    Total += 1;
  }
};
void functor_locked_members() {
  long Total = 0;
  std::mutex M;
  std::thread A(LockedAdd{Total, M}), B(LockedAdd{Total, M});
  {
    std::lock_guard<std::mutex> Guard(M);
    Total = 0;
  }
  A.join();
  B.join();
}

// Negative: each functor refers to its own slot.
struct Fill {
  long &Slot;
  void operator()() const { Slot = 1; }
};
void functor_own_slots() {
  long Slots[4];
  std::vector<std::thread> Workers;
  for (int T = 0; T < 4; ++T)
    Workers.emplace_back(Fill{Slots[T]});
  for (auto &W : Workers)
    W.join();
}

// Negative: a functor referring to a local of its own loop iteration.
struct Count {
  int &N;
  void operator()() const { ++N; }
};
void functor_joined_each() {
  for (int T = 0; T < 4; ++T) {
    int N = 0;
    std::thread W(Count{N});
    W.join();
  }
}

// Local pointers with known targets (PointerTargets), in lambda threads.
int alias_hits;
void alias_lambda_through_local() {
  int *p = &alias_hits;
  std::thread t([&] { *p += 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: data race on '*p' (which is 'alias_hits'): this write runs concurrently with a write of 'alias_hits' in another thread
  alias_hits = 2;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: conflicting write of 'alias_hits' in the spawning thread here
  t.join();
}
struct AliasCounter { int n; };
AliasCounter alias_counter;
void alias_lambda_local_copy() {
  std::thread t([] { AliasCounter *c = &alias_counter; c->n++; });
  // CHECK-MESSAGES: :[[@LINE-1]]:56: warning: data race on 'c->n' (which is 'alias_counter.n'): this write runs concurrently with a write of 'alias_counter.n' in another thread
  alias_counter.n = 3;
  t.join();
}
void alias_lambda_private() {
  std::thread t([] { int mine = 0; int *q = &mine; *q = 1; }); // negative: the thread's own
  int other = 0;
  int *r = &other;
  *r = 2; // negative: not handed to the thread
  t.join();
}

// An array of mutexes, through lock_guard and member lock(): the same
// constant element excludes, another element does not.
std::mutex shard_locks[4];
long shard_hits, shard_misses;
void shard_lambdas() {
  std::thread t([] {
    std::lock_guard<std::mutex> g(shard_locks[1]);
    ++shard_hits;
    ++shard_misses;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: data race on 'shard_misses': this write runs concurrently with a write of 'shard_misses' in another thread
  });
  shard_locks[1].lock();
  ++shard_hits; // negative: shard_locks[1] on both sides
  shard_locks[1].unlock();
  shard_locks[2].lock();
  ++shard_misses;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: conflicting write of 'shard_misses' in the spawning thread here
  shard_locks[2].unlock();
  t.join();
}

// A callback that takes a lock (lock_guard), handed to a function defined
// elsewhere: it may run beside the thread. Not when it is called right away
// by a function defined here.
extern void subscribe(void (*handler)(int));
std::mutex handler_mutex, worker_mutex;
long handled_events;
void handle_event(int) {
  std::lock_guard<std::mutex> g(handler_mutex);
  ++handled_events;
}
void call_now(void (*handler)(int)) { handler(1); }
void subscribe_while_working() {
  std::thread t([] {
    std::lock_guard<std::mutex> g(worker_mutex);
    ++handled_events;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: data race on 'handled_events': this write runs concurrently with a write of 'handled_events' in another thread
    // CHECK-MESSAGES: :[[@LINE-8]]:3: note: conflicting write of 'handled_events' in a thread here
    // CHECK-MESSAGES: :[[@LINE+2]]:3: note: 'handle_event' is handed to 'subscribe', which is not defined in this file and may run it on another thread ('handle_event' takes a lock)
  });
  subscribe(handle_event);
  t.join();
  call_now(handle_event);
}

// std::thread on the two branches of one if: the detached thread of one
// branch never runs beside the other branch's code.
long branch_events;
void branch_worker() { ++branch_events; }
void start_or_reset(bool start) {
  if (start) {
    std::thread(branch_worker).detach();
  } else {
    branch_events = 0; // negative: only reached when no thread was started
  }
}

// Lock striping with std::mutex arrays and lambdas: `locks[i]` guards
// `shards[i]`, whoever's i it is; a guard of another element does not.
struct Shard { long hits = 0; };
Shard *shards[8];
std::mutex shard_mutexes[8];
int pick_shard();
void count_in_shards() {
  std::thread t([] {
    int i = pick_shard();
    std::lock_guard<std::mutex> g(shard_mutexes[i]);
    shards[i]->hits++; // negative: striped by shard_mutexes[i]
  });
  int j = pick_shard();
  {
    std::lock_guard<std::mutex> g(shard_mutexes[j]);
    shards[j]->hits = 0; // negative
  }
  t.join();
}
Shard *unstriped_shards[8];
std::mutex unstriped_locks[8];
void count_in_wrong_shard() {
  std::thread t([] {
    int i = pick_shard();
    std::lock_guard<std::mutex> g(unstriped_locks[(i + 1) % 8]);
    unstriped_shards[i]->hits++;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: data race on 'unstriped_shards[]->hits': this write runs concurrently with a write of 'unstriped_shards[]->hits' in another thread
    // CHECK-MESSAGES: :[[@LINE+5]]:5: note: conflicting write of 'unstriped_shards[]->hits' in the spawning thread here
  });
  int j = pick_shard();
  {
    std::lock_guard<std::mutex> g(unstriped_locks[j]);
    unstriped_shards[j]->hits = 0;
  }
  t.join();
}

// The element a std::thread loop hands each thread (`&inputs[i]`) is that
// thread's: filled before the start, safe; overwritten after it, a race.
long inputs[4], filled_inputs[4];
void consume_input(long *in) { long copy = *in; (void)copy; }
void start_consumers_then_overwrite() {
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; i++) {
    filled_inputs[i] = i; // negative: before thread i starts
    workers.emplace_back(consume_input, &filled_inputs[i]);
    workers.emplace_back(consume_input, &inputs[i]);
    inputs[i] = -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: data race on 'inputs': this write runs concurrently with a read of 'inputs' in another thread
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the thread is started here
  }
  for (auto &w : workers)
    w.join();
}

// C++ neighbours of the stale-pointer lock and of publication: a lock_guard
// through a pointer that is then given another value guards the old object;
// a node stored into a global pointer is shared from there on.
struct Session { long hits = 0; std::mutex m; };
Session *next_cpp_session();
void count_cpp_sessions() {
  std::thread t([] {
    Session *s = next_cpp_session();
    std::lock_guard<std::mutex> g(s->m);
    s->hits++; // negative: the mutex of the same session
    s = next_cpp_session();
    s->hits++;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: data race on 's->hits' (which is 'next_cpp_session()->hits'): this write runs concurrently with a write of 'next_cpp_session()->hits' in another thread
    // CHECK-MESSAGES: :[[@LINE+6]]:5: note: conflicting write of 's->hits' (which is 'next_cpp_session()->hits') in the spawning thread here
    // CHECK-MESSAGES: :[[@LINE-6]]:35: note: this lock was taken through 's' before 's' was given another value
  });
  Session *s = next_cpp_session();
  {
    std::lock_guard<std::mutex> g(s->m);
    s->hits = 0;
  }
  t.join();
}
struct CppNode { int value = 0; CppNode *next = nullptr; };
CppNode *cpp_published;
std::mutex cpp_publish_mutex;
void publish_cpp_node() {
  std::thread reader([] {
    std::lock_guard<std::mutex> g(cpp_publish_mutex);
    if (cpp_published)
      (void)cpp_published->value;
  });
  CppNode *node = new CppNode;
  node->value = 1; // negative: not published yet
  {
    std::lock_guard<std::mutex> g(cpp_publish_mutex);
    cpp_published = node;
  }
  node->value = 2;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'node->value' (which is 'cpp_published->value'): this write runs concurrently with a read of 'cpp_published->value' in another thread
  // CHECK-MESSAGES: :[[@LINE-10]]:13: note: conflicting read of 'cpp_published->value' in a thread here
  reader.join();
}
