// parsafe/detail/pool_core.hpp — the non-template heart of ThreadPool: the
// queue, the workers, work-helping and the bookkeeping of detached errors.
// Compiled once in runtime/src/thread_pool.cpp.
#pragma once

#include <parsafe/detail/unique_function.hpp>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace parsafe::detail {

/// A queued unit of work. Called with `false` to run it, or with `true`
/// when the pool cancels it instead (its future then fails with Cancelled).
using Task = UniqueFunction<void(bool cancelled)>;

class PoolCore {
public:
  PoolCore(unsigned workers, std::size_t max_queued);
  PoolCore(const PoolCore&) = delete;
  PoolCore& operator=(const PoolCore&) = delete;
  ~PoolCore();

  /// Queues a task; blocks while a bounded queue is full (a worker of this
  /// pool runs queued work instead of blocking). Throws PoolShutDown.
  void push(Task task);
  /// Queues a task unless a bounded queue is full. Throws PoolShutDown.
  bool try_push(Task& task);

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

private:
  /// Appends under `lock`, releases it, and wakes a sleeping worker if any.
  void append_and_wake(Task task, std::unique_lock<std::mutex>& lock);
  void worker_loop(unsigned index);
  void finish_one() noexcept;

  mutable std::mutex mutex_;
  std::condition_variable work_ready_;  // workers wait for tasks
  std::condition_variable space_ready_; // submitters wait for room (bounded)
  std::condition_variable idle_;        // wait() waits for nothing in flight
  std::deque<Task> queue_;
  std::size_t max_queued_;
  std::size_t sleeping_ = 0;  // workers blocked on work_ready_
  std::size_t in_flight_ = 0; // taken from the queue, not finished
  std::atomic<bool> has_work_{false}; // queue_ non-empty, readable without the lock
  static constexpr int kSpinRounds = 256;
  bool stopping_ = false;
  bool joined_ = false;

  std::mutex errors_mutex_;
  std::vector<std::exception_ptr> detached_errors_;
  std::function<void(std::exception_ptr)> error_handler_;

  std::vector<std::thread> workers_;
};

}  // namespace parsafe::detail
