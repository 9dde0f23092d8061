// RUN: %check_parsafe -check-suffixes=,OPTION %s parsafe-pool-self-wait %t \
// RUN:   -- -config="{CheckOptions: {parsafe-pool-self-wait.PoolClasses: '::ThreadPool;app::Executor'}}" -- -std=c++17
// RUN: %check_parsafe -check-suffixes=,DEFAULT %s parsafe-pool-self-wait %t-default -- -- -std=c++17

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <vector>

#include <parsafe/thread_pool.hpp>

// The classic hand-written pool: enqueue returns a std::future.
class ThreadPool {
public:
  explicit ThreadPool(std::size_t Threads);
  template <class F, class... Args>
  auto enqueue(F &&Fn, Args &&...A) -> std::future<decltype(Fn(A...))> {
    auto Task = std::make_shared<std::packaged_task<decltype(Fn(A...))()>>(
        std::bind(std::forward<F>(Fn), std::forward<Args>(A)...));
    return Task->get_future();
  }
};

namespace app {
class Executor {
public:
  template <class F> auto submit(F Fn) -> std::future<decltype(Fn())> {
    std::packaged_task<decltype(Fn())()> Task(Fn);
    return Task.get_future();
  }
};
} // namespace app


int leaf(int X);

// ---------------------------------------------------------------- positives

int waits_at_once(ThreadPool &Pool) {
  auto Outer = Pool.enqueue([&Pool] {
    return Pool.enqueue(leaf, 1).get();
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: task blocks on work it queued to its own pool 'Pool'; when every worker does this, none is left to run the queued work and the pool deadlocks [parsafe-pool-self-wait]
    // CHECK-MESSAGES: :[[@LINE-2]]:12: note: the work is queued to 'Pool' here
    // CHECK-MESSAGES: :[[@LINE-4]]:16: note: the waiting task itself runs on 'Pool', queued here
    // CHECK-MESSAGES: :[[@LINE-4]]:34: note: use parsafe::ThreadPool, whose waiting workers run queued tasks, or do not block inside the task (return the future to the caller instead)
  });
  return Outer.get();
}

int waits_through_a_variable(ThreadPool &Pool) {
  auto Outer = Pool.enqueue([&Pool](int N) {
    auto Inner = Pool.enqueue(leaf, N);
    int Before = N * 2;
    return Before + Inner.get();
    // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: task blocks on work it queued to its own pool 'Pool'
  }, 3);
  return Outer.get();
}

void waits_with_wait(ThreadPool &Pool) {
  Pool.enqueue([&] {
    auto Inner = Pool.enqueue([] { return 0; });
    Inner.wait();
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: task blocks on work it queued to its own pool 'Pool'
  });
}

struct Service {
  ThreadPool Workers{4};
  int handle(int Request) {
    return Workers.enqueue([this, Request] { return Workers.enqueue(leaf, Request).get(); }).get();
    // CHECK-MESSAGES: :[[@LINE-1]]:84: warning: task blocks on work it queued to its own pool 'Workers'
  }
};

int task_function();
ThreadPool GlobalPool(2);
int task_function() { return GlobalPool.enqueue(leaf, 5).get(); }
// CHECK-MESSAGES: :[[@LINE-1]]:58: warning: task blocks on work it queued to its own pool 'GlobalPool'
void submit_function() { GlobalPool.enqueue(task_function); }

int custom_pool(app::Executor &Exec) {
  return Exec.submit([&Exec] { return Exec.submit([] { return 1; }).get(); }).get();
  // CHECK-MESSAGES-OPTION: :[[@LINE-1]]:69: warning: task blocks on work it queued to its own pool 'Exec'
}

// Asio's free post(pool, task) with packaged_task futures (asio::thread_pool is
// in the default PoolClasses, not in the OPTION run's list).
namespace asio {
class thread_pool {
public:
  explicit thread_pool(int);
};
template <class F> void post(thread_pool &Pool, F &&Fn) { (void)Pool; (void)Fn; }
} // namespace asio
void asio_style(asio::thread_pool &Pool) {
  asio::post(Pool, [&Pool] {
    std::packaged_task<int()> Inner([] { return 1; });
    auto Result = Inner.get_future();
    asio::post(Pool, std::move(Inner));
    Result.get();
    // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:12: warning: task blocks on work it queued to its own pool 'Pool'
  });
}

// A task given as a named lambda variable.
int named_task(ThreadPool &Pool) {
  auto Task = [&Pool] { return Pool.enqueue(leaf, 9).get(); };
  // CHECK-MESSAGES: :[[@LINE-1]]:54: warning: task blocks on work it queued to its own pool 'Pool'
  return Pool.enqueue(Task).get();
}

// In a function template, once instantiated.
template <class P> int in_template(P &Pool) {
  return Pool.enqueue([&Pool] { return Pool.enqueue(leaf, 4).get(); }).get();
  // CHECK-MESSAGES: :[[@LINE-1]]:62: warning: task blocks on work it queued to its own pool 'Pool'
}
template int in_template(ThreadPool &);

// ---------------------------------------------------------------- negatives

// A functor holding a pointer to the pool: the check cannot prove it is the
// same pool object, and stays silent rather than guess.
struct Recurse {
  ThreadPool *Pool;
  int operator()() const { return Pool->enqueue(leaf, 1).get(); }
};
int functor_task(ThreadPool &Pool) { return Pool.enqueue(Recurse{&Pool}).get(); }

// A wait with a timeout gives up instead of deadlocking.
void bounded_wait(ThreadPool &Pool) {
  Pool.enqueue([&Pool] {
    auto Inner = Pool.enqueue(leaf, 1);
    Inner.wait_for(std::chrono::milliseconds(10));
  });
}

// parsafe::ThreadPool: a waiting worker runs queued tasks.
int parsafe_pool(parsafe::ThreadPool &Pool) {
  return Pool.submit([&Pool] { return Pool.submit([] { return 1; }).get(); }).get();
}

// Waiting on a different pool cannot starve this one.
int other_pool(ThreadPool &First, ThreadPool &Second) {
  return First.enqueue([&Second] { return Second.enqueue(leaf, 1).get(); }).get();
}

// The future is handed back, not waited for inside the task.
std::future<int> hands_back(ThreadPool &Pool) {
  auto Outer = Pool.enqueue([&Pool] {
    auto Inner = Pool.enqueue(leaf, 2);
    (void)Inner; // the caller decides when to wait
    return 0;
  });
  Outer.get();
  return Pool.enqueue(leaf, 3);
}

// Waiting outside any task is the normal use.
int outside(ThreadPool &Pool) {
  auto A = Pool.enqueue(leaf, 1);
  auto B = Pool.enqueue(leaf, 2);
  return A.get() + B.get();
}

// Without the option, app::Executor is not a known pool (second RUN).
