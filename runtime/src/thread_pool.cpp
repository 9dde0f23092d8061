// The non-template part of parsafe::ThreadPool: workers, queue, helping.

#include <parsafe/detail/pool_core.hpp>
#include <parsafe/errors.hpp>

#include <algorithm>
#include <cstdio>
#include <utility>

namespace parsafe::detail {

namespace {
// The pool whose worker the current thread is (null elsewhere). Waits use it
// to decide whether to help.
thread_local PoolCore* current_pool = nullptr;
// Tasks this worker took from the queue in one batch and has not run yet.
// run_one_pending() looks here first: a task waiting for a task of the same
// batch must be able to run it.
thread_local std::deque<Task>* current_batch = nullptr;
// Most tasks a worker takes under one lock: fewer lock round trips when the
// queue is long, while short queues are still shared among the workers.
constexpr std::size_t kMaxBatch = 16;
} // namespace

PoolCore::PoolCore(unsigned workers, std::size_t max_queued) : max_queued_(max_queued) {
  workers_.reserve(workers);
  try {
    for (unsigned i = 0; i < workers; ++i)
      workers_.emplace_back([this, i] { worker_loop(i); });
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

void PoolCore::append_and_wake(Task task, std::unique_lock<std::mutex>& lock) {
  queue_.push_back(std::move(task));
  has_work_.store(true, std::memory_order_release);
  // Spinning workers see has_work_; only sleeping ones need a notify.
  bool wake = sleeping_ > 0;
  lock.unlock();
  if (wake)
    work_ready_.notify_one();
}

void PoolCore::push(Task task) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (stopping_)
    throw PoolShutDown("parsafe::ThreadPool");
  while (max_queued_ != 0 && queue_.size() >= max_queued_) {
    if (is_current_worker()) {
      // A worker blocking on its own full queue could wait forever: run
      // queued work to make room instead.
      lock.unlock();
      run_one_pending();
      lock.lock();
    } else {
      space_ready_.wait(lock);
    }
    if (stopping_)
      throw PoolShutDown("parsafe::ThreadPool");
  }
  append_and_wake(std::move(task), lock);
}

bool PoolCore::try_push(Task& task) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (stopping_)
    throw PoolShutDown("parsafe::ThreadPool");
  if (max_queued_ != 0 && queue_.size() >= max_queued_)
    return false;
  append_and_wake(std::move(task), lock);
  return true;
}

void PoolCore::finish_one() noexcept {
  std::lock_guard<std::mutex> lock(mutex_);
  if (--in_flight_ == 0 && queue_.empty())
    idle_.notify_all();
}

bool PoolCore::run_one_pending() {
  if (!is_current_worker())
    return false;
  Task task;
  if (current_batch && !current_batch->empty()) {
    task = std::move(current_batch->front());
    current_batch->pop_front();
    task(false);
    finish_one();
    return true;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (queue_.empty())
      return false;
    task = std::move(queue_.front());
    queue_.pop_front();
    has_work_.store(!queue_.empty(), std::memory_order_release);
    ++in_flight_;
  }
  if (max_queued_ != 0)
    space_ready_.notify_one();
  task(false);
  finish_one();
  return true;
}

void PoolCore::worker_loop(unsigned) {
  current_pool = this;
  std::deque<Task> batch;
  current_batch = &batch;
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    if (queue_.empty() && !stopping_) {
      // Spin a little before sleeping: a submitter that finds no sleeping
      // worker skips the notify, and the task starts without a wake-up.
      lock.unlock();
      for (int spin = 0; spin < kSpinRounds && !has_work_.load(std::memory_order_acquire); ++spin)
        std::this_thread::yield();
      lock.lock();
    }
    while (queue_.empty() && !stopping_) {
      ++sleeping_;
      work_ready_.wait(lock);
      --sleeping_;
    }
    if (queue_.empty())
      break; // stopping, and everything queued has been taken
    // Take a share of the queue: at most kMaxBatch, and at most an even
    // split among the workers so the others get work too.
    std::size_t take = std::min(kMaxBatch, std::max<std::size_t>(1, queue_.size() / (workers_.size() + 1)));
    for (std::size_t i = 0; i < take; ++i) {
      batch.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    has_work_.store(!queue_.empty(), std::memory_order_release);
    in_flight_ += take;
    lock.unlock();
    if (max_queued_ != 0)
      space_ready_.notify_all();
    std::size_t finished = 0;
    while (!batch.empty()) {
      Task task = std::move(batch.front());
      batch.pop_front();
      task(false);
      ++finished;
    }
    lock.lock();
    // Tasks run by helping from this batch were counted by finish_one().
    in_flight_ -= finished;
    if (in_flight_ == 0 && queue_.empty())
      idle_.notify_all();
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
    idle_.wait(lock, [this] { return queue_.empty() && in_flight_ == 0; });
  }
  std::lock_guard<std::mutex> lock(errors_mutex_);
  return std::exchange(detached_errors_, {});
}

std::vector<std::exception_ptr> PoolCore::shutdown(bool cancel_pending) {
  if (is_current_worker())
    throw Error("parsafe: ThreadPool::shutdown() called from one of its own tasks; shut the "
                "pool down from the thread that owns it");
  std::deque<Task> cancelled;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    if (cancel_pending)
      cancelled.swap(queue_);
  }
  work_ready_.notify_all();
  space_ready_.notify_all();
  for (Task& task : cancelled)
    task(true);
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
