// parsafe/future.hpp — the result of a task submitted to a ThreadPool, and
// as_completed() for iterating futures in the order they finish.
//
// parsafe::Future<T> is like std::future<T> with one difference that matters
// for pools: when a task waits (get/wait) on another task of the *same* pool,
// the waiting worker runs queued tasks until its result is ready. So a task
// may wait for work it submitted even on a single-worker pool, and nested
// waits cannot deadlock the pool by occupying every worker.
#pragma once

#include <parsafe/detail/pool_core.hpp>
#include <parsafe/errors.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace parsafe {

namespace detail {

class StateBase {
public:
  explicit StateBase(PoolCore* owner) : owner_(owner) {}

  bool ready() const noexcept { return ready_.load(std::memory_order_acquire); }

  void wait() {
    if (ready())
      return;
    // Most tasks are short: a brief spin avoids a sleep/wake-up round trip
    // (tens of microseconds across cores) before blocking.
    for (int spin = 0; spin < kSpinRounds; ++spin) {
      if (ready())
        return;
      std::this_thread::yield();
    }
    if (owner_ && owner_->is_current_worker()) {
      // Work-helping: run queued tasks of our own pool while we wait. The
      // timed wait re-checks the queue for work submitted meanwhile.
      while (!ready()) {
        if (owner_->run_one_pending())
          continue;
        std::unique_lock<std::mutex> lock(mutex_);
        waiters_.fetch_add(1, std::memory_order_seq_cst);
        done_.wait_for(lock, std::chrono::microseconds(200), [this] { return ready(); });
        waiters_.fetch_sub(1, std::memory_order_relaxed);
      }
      return;
    }
    std::unique_lock<std::mutex> lock(mutex_);
    waiters_.fetch_add(1, std::memory_order_seq_cst);
    done_.wait(lock, [this] { return ready(); });
    waiters_.fetch_sub(1, std::memory_order_relaxed);
  }

  template <class Rep, class Period>
  bool wait_for(const std::chrono::duration<Rep, Period>& timeout) {
    if (ready())
      return true;
    std::unique_lock<std::mutex> lock(mutex_);
    waiters_.fetch_add(1, std::memory_order_seq_cst);
    bool done = done_.wait_for(lock, timeout, [this] { return ready(); });
    waiters_.fetch_sub(1, std::memory_order_relaxed);
    return done;
  }

  void fail(std::exception_ptr error) {
    error_ = std::move(error);
    publish();
  }

protected:
  void publish() {
    ready_.store(true, std::memory_order_seq_cst);
    // A waiter registers (under the mutex) before it checks ready_; taking the
    // mutex here orders our store against that check, so no wake-up is lost.
    // Without waiters — the common case — publishing costs one store.
    if (waiters_.load(std::memory_order_seq_cst) != 0) {
      { std::lock_guard<std::mutex> lock(mutex_); }
      done_.notify_all();
    }
  }
  static constexpr int kSpinRounds = 64;
  void rethrow_if_failed() const {
    if (error_)
      std::rethrow_exception(error_);
  }

private:
  PoolCore* owner_;
  std::mutex mutex_;
  std::condition_variable done_;
  std::atomic<bool> ready_{false};
  std::atomic<int> waiters_{0};
  std::exception_ptr error_;
};

template <class T>
class SharedState : public StateBase {
public:
  using StateBase::StateBase;
  template <class U>
  void set(U&& value) {
    value_.emplace(std::forward<U>(value));
    publish();
  }
  T take() {
    rethrow_if_failed();
    return std::move(*value_);
  }

private:
  std::optional<T> value_;
};

template <>
class SharedState<void> : public StateBase {
public:
  using StateBase::StateBase;
  void set() { publish(); }
  void take() { rethrow_if_failed(); }
};

/// Runs `fn` and stores its result or exception in `state`.
template <class R, class F>
void fulfil(SharedState<R>& state, F& fn) {
  try {
    if constexpr (std::is_void_v<R>) {
      fn();
      state.set();
    } else {
      state.set(fn());
    }
  } catch (...) {
    state.fail(std::current_exception());
  }
}

}  // namespace detail

/// The eventual result of a task. Move-only; get() may be called once.
template <class T>
class Future {
public:
  Future() noexcept = default;

  /// True if this future refers to a task (and get() was not called yet).
  bool valid() const noexcept { return state_ != nullptr; }
  /// True once the task has finished (successfully or not).
  bool ready() const noexcept { return state_ && state_->ready(); }

  /// Blocks until the task finished. On a worker of the same pool, runs
  /// queued tasks meanwhile (see the header comment).
  void wait() const { checked().wait(); }

  template <class Rep, class Period>
  std::future_status wait_for(const std::chrono::duration<Rep, Period>& timeout) const {
    return checked().wait_for(timeout) ? std::future_status::ready : std::future_status::timeout;
  }

  /// Waits, then returns the task's result or rethrows its exception.
  T get() {
    auto state = std::move(state_);
    if (!state)
      throw std::future_error(std::future_errc::no_state);
    state->wait();
    return state->take();
  }

private:
  template <class>
  friend class FutureAccess;
  friend class ThreadPool;
  explicit Future(std::shared_ptr<detail::SharedState<T>> state) : state_(std::move(state)) {}

  detail::SharedState<T>& checked() const {
    if (!state_)
      throw std::future_error(std::future_errc::no_state);
    return *state_;
  }

  std::shared_ptr<detail::SharedState<T>> state_;
};

namespace detail {
template <class F>
bool is_ready(F& future) {
  return future.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}
}  // namespace detail

/// Iterates over a container of futures (parsafe::Future or std::future) in
/// the order they become ready:
///
///   for (auto& f : parsafe::as_completed(futures)) use(f.get());
///
/// The container must outlive the loop; each future is visited once.
template <class Container>
class AsCompleted {
  using FutureT = std::remove_reference_t<decltype(*std::begin(std::declval<Container&>()))>;

public:
  explicit AsCompleted(Container& futures) {
    for (auto& f : futures)
      pending_.push_back(&f);
  }

  class iterator {
  public:
    using value_type = FutureT;
    using reference = FutureT&;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::input_iterator_tag;

    reference operator*() const { return *current_; }
    iterator& operator++() {
      current_ = owner_->next();
      return *this;
    }
    bool operator==(const iterator& other) const { return current_ == other.current_; }
    bool operator!=(const iterator& other) const { return current_ != other.current_; }

  private:
    friend class AsCompleted;
    iterator(AsCompleted* owner, FutureT* current) : owner_(owner), current_(current) {}
    AsCompleted* owner_;
    FutureT* current_;
  };

  iterator begin() { return iterator(this, next()); }
  iterator end() { return iterator(this, nullptr); }

private:
  /// The next future to finish, removed from the pending set; null when done.
  FutureT* next() {
    auto backoff = std::chrono::microseconds(10);
    while (!pending_.empty()) {
      for (std::size_t i = 0; i < pending_.size(); ++i) {
        if (pending_[i]->valid() && !detail::is_ready(*pending_[i]))
          continue;
        FutureT* done = pending_[i];
        pending_.erase(pending_.begin() + static_cast<std::ptrdiff_t>(i));
        return done;
      }
      // Nothing ready: sleep on the oldest one for a while, then rescan.
      pending_.front()->wait_for(backoff);
      backoff = std::min(backoff * 2, std::chrono::microseconds(2000));
    }
    return nullptr;
  }

  std::vector<FutureT*> pending_;
};

template <class Container>
AsCompleted<Container> as_completed(Container& futures) {
  return AsCompleted<Container>(futures);
}

}  // namespace parsafe
