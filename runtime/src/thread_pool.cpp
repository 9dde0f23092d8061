// The non-template part of parsafe::ThreadPool: workers, queue, helping.

#include <parsafe/detail/pool_core.hpp>
#include <parsafe/errors.hpp>
#include <parsafe/future.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <utility>

namespace parsafe::detail {

namespace {
// The pool whose worker the current thread is (null elsewhere). Waits use it
// to decide whether to help.
thread_local PoolCore* current_pool = nullptr;
thread_local PoolCore::Batch* current_batch = nullptr;

constexpr std::size_t kParkingSlots = 64;
} // namespace

ParkingSlot& parking_slot(const void* address) noexcept {
  // Never destroyed: pools with static storage duration may still publish
  // results while static destructors run.
  static ParkingSlot* const slots = new ParkingSlot[kParkingSlots];
  auto bits = reinterpret_cast<std::uintptr_t>(address);
  return slots[(bits >> 6) % kParkingSlots];
}

TaskNode* TaskQueue::pop() noexcept {
  TaskNode* head = head_;
  TaskNode* next = head->next_.load(std::memory_order_acquire);
  if (head == &stub_) {
    if (next == nullptr)
      return nullptr;
    head_ = next;
    head = next;
    next = next->next_.load(std::memory_order_acquire);
  }
  if (next != nullptr) {
    head_ = next;
    return head;
  }
  if (head != tail_.load(std::memory_order_acquire))
    return nullptr; // a producer exchanged the tail and is about to link
  // `head` is the last node: put the stub behind it so it can be unlinked.
  push(&stub_);
  next = head->next_.load(std::memory_order_acquire);
  if (next != nullptr) {
    head_ = next;
    return head;
  }
  return nullptr;
}

PoolCore::PoolCore(unsigned workers, std::size_t max_queued) : max_queued_(max_queued) {
  workers_.reserve(workers);
  try {
    for (unsigned i = 0; i < workers; ++i)
      workers_.emplace_back([this] { worker_loop(); });
  } catch (...) {
    // Could not start every thread: stop the ones that did start.
    shutdown(/*cancel_pending=*/true);
    throw;
  }
}

PoolCore::~PoolCore() {
  std::vector<std::exception_ptr> unobserved = shutdown(/*cancel_pending=*/false);
  if (!unobserved.empty())
    std::fprintf(stderr,
                 "parsafe::ThreadPool: %zu exception(s) from detached tasks were never observed "
                 "(call wait() or set_error_handler())\n",
                 unobserved.size());
}

bool PoolCore::is_current_worker() const noexcept { return current_pool == this; }

bool PoolCore::reserve(bool block) {
  if (stopping_.load(std::memory_order_acquire))
    throw PoolShutDown("parsafe::ThreadPool");
  if (max_queued_ == 0) {
    queued_.fetch_add(1, std::memory_order_seq_cst);
  } else {
    std::size_t queued = queued_.load(std::memory_order_relaxed);
    for (;;) {
      if (queued < max_queued_) {
        if (queued_.compare_exchange_weak(queued, queued + 1, std::memory_order_seq_cst,
                                          std::memory_order_relaxed))
          break;
        continue;
      }
      if (!block)
        return false;
      if (is_current_worker()) {
        // A worker blocking on its own full queue could wait forever: run
        // queued work to make room instead.
        if (!run_one_pending())
          std::this_thread::yield();
      } else {
        // Workers decrement queued_ under mutex_, so this check-then-wait
        // cannot miss the room they make.
        std::unique_lock<std::mutex> lock(mutex_);
        ++space_waiters_;
        space_ready_.wait(lock, [this] {
          return queued_.load(std::memory_order_relaxed) < max_queued_ ||
                 stopping_.load(std::memory_order_relaxed);
        });
        --space_waiters_;
      }
      if (stopping_.load(std::memory_order_acquire))
        throw PoolShutDown("parsafe::ThreadPool");
      queued = queued_.load(std::memory_order_relaxed);
    }
  }
  // shutdown() sets stopping_ and then reads queued_ (both seq_cst): either
  // it sees this reservation and the workers wait for the task, or we see
  // stopping_ here and take the reservation back.
  if (stopping_.load(std::memory_order_seq_cst)) {
    unreserve();
    throw PoolShutDown("parsafe::ThreadPool");
  }
  return true;
}

void PoolCore::unreserve() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queued_.fetch_sub(1, std::memory_order_seq_cst);
    notify_if_idle();
  }
  space_ready_.notify_all();
}

void PoolCore::wake_worker() {
  // Dekker-style pairing with next_batch(): a worker increments sleeping_
  // and then reads queued_; a submitter increments queued_ and then reads
  // sleeping_ (all seq_cst), so at least one of them sees the other.
  // waking_ collapses the notifies of a burst of submissions into one; the
  // woken worker clears it and wakes the next sleeper if work remains.
  if (sleeping_.load(std::memory_order_seq_cst) == 0 ||
      waking_.load(std::memory_order_seq_cst) ||
      waking_.exchange(true, std::memory_order_seq_cst))
    return;
  { std::lock_guard<std::mutex> lock(mutex_); } // the sleeper is in wait() or not yet checking
  work_ready_.notify_one();
}

void PoolCore::push(TaskNode* task) {
  reserve(/*block=*/true);
  queue_.push(task);
  wake_worker();
}

bool PoolCore::try_push(TaskNode* task) {
  if (!reserve(/*block=*/false))
    return false;
  queue_.push(task);
  wake_worker();
  return true;
}

void PoolCore::notify_if_idle() {
  if (running_ == 0 && queued_.load(std::memory_order_seq_cst) == 0)
    idle_.notify_all();
}

void PoolCore::finish_one() {
  std::lock_guard<std::mutex> lock(mutex_);
  --running_;
  notify_if_idle();
}

bool PoolCore::run_one_pending() {
  if (!is_current_worker())
    return false;
  if (current_batch != nullptr && current_batch->next < current_batch->count) {
    current_batch->tasks[current_batch->next++]->run_and_release(false);
    finish_one();
    return true;
  }
  TaskNode* task = nullptr;
  bool space = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (queued_.load(std::memory_order_seq_cst) == 0 || (task = queue_.pop()) == nullptr)
      return false;
    queued_.fetch_sub(1, std::memory_order_seq_cst);
    ++running_;
    space = space_waiters_ > 0;
  }
  if (space)
    space_ready_.notify_all();
  task->run_and_release(false);
  finish_one();
  return true;
}

bool PoolCore::next_batch(Batch& batch, std::size_t finished) {
  // Spin a little before taking the lock to sleep: a submitter that finds no
  // sleeping worker skips the notify, and the task starts without a wake-up.
  for (int spin = 0; spin < kSpinRounds && queued_.load(std::memory_order_acquire) == 0 &&
                     !stopping_.load(std::memory_order_acquire);
       ++spin)
    std::this_thread::yield();
  std::unique_lock<std::mutex> lock(mutex_);
  running_ -= finished;
  notify_if_idle();
  for (;;) {
    std::size_t queued = queued_.load(std::memory_order_seq_cst);
    if (queued == 0) {
      if (stopping_.load(std::memory_order_seq_cst))
        return false; // stopping, and every accepted task has been taken
      sleeping_.fetch_add(1, std::memory_order_seq_cst);
      waking_.store(false, std::memory_order_seq_cst);
      while (queued_.load(std::memory_order_seq_cst) == 0 &&
             !stopping_.load(std::memory_order_seq_cst)) {
        work_ready_.wait(lock);
        // Woken for a task another worker took (or spuriously): this
        // wake-up is spent, so clear the mark before sleeping again, or
        // the next submitter would skip its notify (wake_worker) and its
        // task would wait for a busy worker.
        waking_.store(false, std::memory_order_seq_cst);
      }
      sleeping_.fetch_sub(1, std::memory_order_seq_cst);
      waking_.store(false, std::memory_order_seq_cst);
      continue;
    }
    // Take a share of the queue: at most kMaxBatch, and at most an even
    // split among the workers so the others get work too.
    std::size_t want = std::min(kMaxBatch, std::max<std::size_t>(1, queued / (workers_.size() + 1)));
    std::size_t got = 0;
    while (got < want) {
      TaskNode* task = queue_.pop();
      if (task == nullptr)
        break;
      batch.tasks[got++] = task;
    }
    if (got == 0) {
      // Reserved but not linked yet: the submitter is between two
      // instructions (or was preempted there).
      lock.unlock();
      std::this_thread::yield();
      lock.lock();
      continue;
    }
    batch.next = 0;
    batch.count = got;
    bool more = queued_.fetch_sub(got, std::memory_order_seq_cst) > got;
    running_ += got;
    bool space = space_waiters_ > 0;
    lock.unlock();
    if (space)
      space_ready_.notify_all();
    if (more)
      wake_worker();
    return true;
  }
}

void PoolCore::worker_loop() {
  current_pool = this;
  Batch batch;
  current_batch = &batch;
  std::size_t finished = 0;
  while (next_batch(batch, finished)) {
    finished = 0;
    // Tasks run by a helping wait advance batch.next themselves and are
    // accounted by finish_one().
    while (batch.next < batch.count) {
      batch.tasks[batch.next++]->run_and_release(false);
      ++finished;
    }
  }
  current_batch = nullptr;
  current_pool = nullptr;
}

std::vector<std::exception_ptr> PoolCore::wait_idle() {
  if (is_current_worker())
    throw Error("parsafe: ThreadPool::wait() called from one of its own tasks would wait for "
                "itself; wait on the futures of the tasks you need instead");
  {
    std::unique_lock<std::mutex> lock(mutex_);
    idle_.wait(lock, [this] {
      return queued_.load(std::memory_order_seq_cst) == 0 && running_ == 0;
    });
  }
  std::lock_guard<std::mutex> lock(errors_mutex_);
  return std::exchange(detached_errors_, {});
}

std::vector<std::exception_ptr> PoolCore::shutdown(bool cancel_pending) {
  if (is_current_worker())
    throw Error("parsafe: ThreadPool::shutdown() called from one of its own tasks; shut the "
                "pool down from the thread that owns it");
  std::vector<TaskNode*> cancelled;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_.store(true, std::memory_order_seq_cst);
    if (cancel_pending) {
      // Tasks still being linked by a racing submitter are left to the
      // workers: they were accepted before shutdown began.
      while (queued_.load(std::memory_order_seq_cst) > 0) {
        TaskNode* task = queue_.pop();
        if (task == nullptr)
          break;
        cancelled.push_back(task);
        queued_.fetch_sub(1, std::memory_order_seq_cst);
      }
    }
    notify_if_idle();
  }
  work_ready_.notify_all();
  space_ready_.notify_all();
  for (TaskNode* task : cancelled)
    task->run_and_release(true);
  bool join_now = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    join_now = !std::exchange(joined_, true);
  }
  if (join_now)
    for (std::thread& worker : workers_)
      if (worker.joinable())
        worker.join();
  std::lock_guard<std::mutex> lock(errors_mutex_);
  return std::exchange(detached_errors_, {});
}

void PoolCore::record_detached_error(std::exception_ptr error) {
  std::function<void(std::exception_ptr)> handler;
  {
    std::lock_guard<std::mutex> lock(errors_mutex_);
    if (!error_handler_) {
      detached_errors_.push_back(std::move(error));
      return;
    }
    handler = error_handler_;
  }
  try {
    handler(std::move(error));
  } catch (...) {
    // A throwing handler must not take the worker down; keep the error.
    std::lock_guard<std::mutex> lock(errors_mutex_);
    detached_errors_.push_back(std::current_exception());
  }
}

void PoolCore::set_error_handler(std::function<void(std::exception_ptr)> handler) {
  std::lock_guard<std::mutex> lock(errors_mutex_);
  error_handler_ = std::move(handler);
}

} // namespace parsafe::detail
