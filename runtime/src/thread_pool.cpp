// The non-template part of parsafe::ThreadPool: workers, queue, helping.

#include <parsafe/detail/pool_core.hpp>
#include <parsafe/errors.hpp>

#include <cstdio>
#include <utility>

namespace parsafe::detail {

namespace {
// The pool whose worker the current thread is (null elsewhere). Waits use it
// to decide whether to help.
thread_local PoolCore* current_pool = nullptr;
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
  queue_.push_back(std::move(task));
  bool wake = sleeping_ > 0;
  lock.unlock();
  if (wake)
    work_ready_.notify_one();
}

bool PoolCore::try_push(Task& task) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (stopping_)
    throw PoolShutDown("parsafe::ThreadPool");
  if (max_queued_ != 0 && queue_.size() >= max_queued_)
    return false;
  queue_.push_back(std::move(task));
  bool wake = sleeping_ > 0;
  lock.unlock();
  if (wake)
    work_ready_.notify_one();
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
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (queue_.empty())
      return false;
    task = std::move(queue_.front());
    queue_.pop_front();
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
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    while (queue_.empty() && !stopping_) {
      ++sleeping_;
      work_ready_.wait(lock);
      --sleeping_;
    }
    if (queue_.empty())
      break; // stopping, and everything queued has been taken
    Task task = std::move(queue_.front());
    queue_.pop_front();
    ++in_flight_;
    lock.unlock();
    if (max_queued_ != 0)
      space_ready_.notify_one();
    task(false);
    lock.lock();
    if (--in_flight_ == 0 && queue_.empty())
      idle_.notify_all();
  }
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
