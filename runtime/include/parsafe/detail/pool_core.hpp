// parsafe/detail/pool_core.hpp — the non-template heart of ThreadPool: the
// queue, the workers, work-helping and the bookkeeping of detached errors.
// Compiled once in runtime/src/thread_pool.cpp.
//
// Cost model (see bench/README.md): a task is one heap node (callable, result
// and completion flag together, see parsafe/future.hpp); submitting it is one
// atomic counter increment and one atomic exchange, without a lock; a worker
// takes up to kMaxBatch nodes per lock; a notify is sent only when a worker
// sleeps and no other wake-up is already under way.
#pragma once

#include <parsafe/detail/node_allocator.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <new>
#include <thread>
#include <vector>

namespace parsafe::detail {

inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

/// Polls `done()` for a few microseconds before the caller blocks: a short
/// task's result usually arrives within that time, while blocking costs a
/// wake-up (tens of microseconds across cores here). It polls without
/// yielding: on a busy machine a thread that yields loses its place in the
/// run queue and resumes late once the result is there, whereas a blocked
/// thread is woken with priority (measured: map's median time fell from
/// ~3.4 ms to ~0.4 ms under a load average of 18 when the yield loop went).
template <class Done>
bool spin_until(Done done) noexcept {
  constexpr std::chrono::microseconds kSpinTime{4};
  if (done())
    return true;
  const auto until = std::chrono::steady_clock::now() + kSpinTime;
  do {
    for (int i = 0; i < 64; ++i) {
      if (done())
        return true;
      cpu_relax();
    }
  } while (std::chrono::steady_clock::now() < until);
  return done();
}

/// A queued unit of work, allocated once per task. The derived classes (in
/// future.hpp and thread_pool.hpp) hold the callable and, for submit(), the
/// result its Future reads.
class TaskNode {
public:
  TaskNode() = default;
  TaskNode(const TaskNode&) = delete;
  TaskNode& operator=(const TaskNode&) = delete;
  virtual ~TaskNode() = default;

  // Nodes come from slabs (node_allocator.hpp). The sized delete receives the
  // most-derived size through the virtual destructor. Over-aligned nodes
  // take the global aligned allocation.
  static void* operator new(std::size_t bytes) { return allocate_node(bytes); }
  static void operator delete(void* node, std::size_t bytes) noexcept {
    deallocate_node(node, bytes);
  }
  static void* operator new(std::size_t bytes, std::align_val_t alignment) {
    return ::operator new(bytes, alignment);
  }
  static void operator delete(void* node, std::size_t bytes, std::align_val_t alignment) noexcept {
    ::operator delete(node, bytes, alignment);
  }

  /// Runs the task — or, when `cancelled`, fails it with Cancelled instead —
  /// then drops the queue's reference: the node may be gone on return.
  virtual void run_and_release(bool cancelled) noexcept = 0;

private:
  friend class TaskQueue;
  std::atomic<TaskNode*> next_{nullptr};
};

/// FIFO of TaskNodes, linked through the nodes themselves (no allocation).
/// Any thread pushes without a lock: one atomic exchange orders it among all
/// pushes. Consumers pop while holding the pool's mutex. This is Dmitry
/// Vyukov's intrusive multi-producer/single-consumer queue; the stub node
/// keeps head and tail apart when the queue runs empty.
class TaskQueue {
public:
  TaskQueue() noexcept : tail_(&stub_), head_(&stub_) {}
  TaskQueue(const TaskQueue&) = delete;
  TaskQueue& operator=(const TaskQueue&) = delete;

  void push(TaskNode* node) noexcept {
    node->next_.store(nullptr, std::memory_order_relaxed);
    TaskNode* prev = tail_.exchange(node, std::memory_order_acq_rel);
    prev->next_.store(node, std::memory_order_release);
  }

  /// The oldest node, or null when the queue is empty or when the producer
  /// of the next node has exchanged the tail but not linked it yet (the
  /// caller retries shortly). Caller holds the consumer lock.
  TaskNode* pop() noexcept;

private:
  struct Stub final : TaskNode {
    void run_and_release(bool) noexcept override {}
  };

  alignas(64) std::atomic<TaskNode*> tail_; // written by producers
  alignas(64) TaskNode* head_;              // consumers only
  Stub stub_;
};

class PoolCore {
public:
  PoolCore(unsigned workers, std::size_t max_queued);
  PoolCore(const PoolCore&) = delete;
  PoolCore& operator=(const PoolCore&) = delete;
  ~PoolCore();

  /// Queues a task; blocks while a bounded queue is full (a worker of this
  /// pool runs queued work instead of blocking). Throws PoolShutDown, and
  /// then the caller still owns `task`.
  void push(TaskNode* task);
  /// Queues a task unless a bounded queue is full (then the caller keeps
  /// `task`). Throws PoolShutDown.
  bool try_push(TaskNode* task);

  /// On a worker of this pool: runs one queued task and returns true.
  /// Elsewhere, or with nothing queued: returns false.
  bool run_one_pending();
  /// True when the calling thread is one of this pool's workers.
  bool is_current_worker() const noexcept;

  /// Blocks until nothing is queued or running, then hands over the errors
  /// of detached tasks collected so far.
  std::vector<std::exception_ptr> wait_idle();
  /// Stops accepting work, runs or cancels what is queued, joins the workers.
  std::vector<std::exception_ptr> shutdown(bool cancel_pending);

  void record_detached_error(std::exception_ptr error);
  void set_error_handler(std::function<void(std::exception_ptr)> handler);

  unsigned worker_count() const noexcept { return static_cast<unsigned>(workers_.size()); }
  /// True once shutdown() began: nothing is accepted any more.
  bool stopped() const noexcept { return stopping_.load(std::memory_order_acquire); }

  /// Most tasks a worker takes under one lock.
  static constexpr std::size_t kMaxBatch = 16;
  /// The tasks a worker took and has not run yet. Helping waits look here
  /// first: a task waiting for a later task of the same batch must run it.
  struct Batch {
    TaskNode* tasks[kMaxBatch];
    std::size_t next = 0;
    std::size_t count = 0;
  };

private:
  /// Counts a task as queued, waiting for room in a bounded queue when
  /// `block`. False when full and not blocking. Throws PoolShutDown.
  bool reserve(bool block);
  /// Takes back a reservation made while shutdown() began.
  void unreserve();
  /// Wakes one sleeping worker unless another wake-up is under way.
  void wake_worker();
  /// Accounts `finished` tasks of the previous batch, then fills `batch`,
  /// sleeping while nothing is queued. False when the pool stops.
  bool next_batch(Batch& batch, std::size_t finished);
  /// Accounts one task run by a helping wait.
  void finish_one();
  void notify_if_idle();
  void worker_loop();

  TaskQueue queue_;
  // Reserved by submitters and not yet taken by a worker: counted before the
  // node is pushed, so it can be ahead of what pop() sees for a moment.
  alignas(64) std::atomic<std::size_t> queued_{0};
  // Workers blocked on work_ready_, and whether a notify is under way. Read
  // by every push; written only around sleeps.
  alignas(64) std::atomic<unsigned> sleeping_{0};
  std::atomic<bool> waking_{false};
  std::atomic<bool> stopping_{false};

  alignas(64) mutable std::mutex mutex_; // consumers, sleeps, running_
  std::condition_variable work_ready_;  // workers wait for tasks
  std::condition_variable space_ready_; // submitters wait for room (bounded)
  std::condition_variable idle_;        // wait() waits for nothing in flight
  std::size_t running_ = 0;             // taken from the queue, not finished
  std::size_t space_waiters_ = 0;
  std::size_t max_queued_;
  static constexpr int kSpinRounds = 256;
  bool joined_ = false;

  std::mutex errors_mutex_;
  std::vector<std::exception_ptr> detached_errors_;
  std::function<void(std::exception_ptr)> error_handler_;

  std::vector<std::thread> workers_;
};

}  // namespace parsafe::detail
