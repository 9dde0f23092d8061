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

/// A mutex and condition variable that threads blocked on a task's result
/// share: a fixed table, indexed by the state's address, so a state carries
/// no synchronisation object of its own (it only needs one while somebody
/// is blocked on it, which is rare).
struct alignas(64) ParkingSlot {
  std::mutex mutex;
  std::condition_variable woken;
};
ParkingSlot& parking_slot(const void* address) noexcept;

/// Completion, error and reference count of one submitted task; the result
/// and the callable live in the derived classes, in the same allocation.
/// Two references: the queue's (dropped after the task ran or was
/// cancelled) and the Future's.
class StateBase : public TaskNode {
public:
  explicit StateBase(PoolCore* owner) noexcept : owner_(owner) {}

  bool ready() const noexcept { return (flags_.load(std::memory_order_acquire) & kReady) != 0; }

  void wait() {
    if (ready() || wait_directly())
      return;
    if (spin_until_ready())
      return;
    if (owner_ != nullptr && owner_->is_current_worker()) {
      // Work-helping: run queued tasks of our own pool while we wait. The
      // timed wait re-checks the queue for work submitted meanwhile.
      while (!ready()) {
        if (owner_->run_one_pending())
          continue;
        park_until(std::chrono::steady_clock::now() + std::chrono::microseconds(200));
      }
      return;
    }
    park_until(std::chrono::steady_clock::time_point::max());
  }

  /// Blocks until ready or `deadline`; true if ready.
  bool park_until(std::chrono::steady_clock::time_point deadline) {
    if (ready())
      return true;
    ParkingSlot& slot = parking_slot(this);
    std::unique_lock<std::mutex> lock(slot.mutex);
    // Setting kWaiting and reading kReady is one atomic step, ordered against
    // publish()'s; publish() then takes the slot's mutex, which we hold until
    // we sleep, so its notify cannot fall between our check and our wait.
    while ((flags_.fetch_or(kWaiting, std::memory_order_acq_rel) & kReady) == 0) {
      if (deadline == std::chrono::steady_clock::time_point::max())
        slot.woken.wait(lock);
      else if (slot.woken.wait_until(lock, deadline) == std::cv_status::timeout)
        return ready();
    }
    return true;
  }

  void release() noexcept {
    if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1)
      delete this;
  }

protected:
  void fail(std::exception_ptr error) noexcept { error_ = std::move(error); }

  /// A chance for a result produced elsewhere to be fetched by the waiting
  /// thread itself (see ExternalResult). True once ready; false: park.
  virtual bool wait_directly() { return false; }

  /// Marks the result ready. Without blocked waiters — the common case — this
  /// is one atomic operation.
  void publish() noexcept {
    const unsigned done = error_ ? kReady | kFailed : kReady;
    if ((flags_.fetch_or(done, std::memory_order_acq_rel) & kWaiting) != 0) {
      ParkingSlot& slot = parking_slot(this);
      { std::lock_guard<std::mutex> lock(slot.mutex); }
      slot.woken.notify_all();
    }
  }

  /// Hands the exception over to the thrower (moved out, so the node's
  /// destructor, possibly on a worker, never touches the exception again).
  void rethrow_if_failed() {
    if ((flags_.load(std::memory_order_acquire) & kFailed) != 0)
      std::rethrow_exception(std::move(error_));
  }
  bool has_value() const noexcept {
    return (flags_.load(std::memory_order_acquire) & (kReady | kFailed)) == kReady;
  }

  bool spin_until_ready() const noexcept {
    return spin_until([this] { return ready(); });
  }

private:
  static constexpr unsigned kReady = 1;
  static constexpr unsigned kWaiting = 2;
  static constexpr unsigned kFailed = 4;

  std::exception_ptr error_;
  std::atomic<unsigned> refs_{2};
  std::atomic<unsigned> flags_{0};
  PoolCore* owner_;
};

/// The result slot of a task returning T: constructed in place by the task,
/// moved out by Future::get().
template <class T>
class ResultState : public StateBase {
public:
  explicit ResultState(PoolCore* owner) noexcept : StateBase(owner) {}
  ~ResultState() override {
    if (has_value())
      value_.~T();
  }
  T take() {
    rethrow_if_failed();
    return std::move(value_);
  }

protected:
  /// Runs `fn` and keeps its result or exception (publish() follows).
  template <class F>
  void store(F& fn) noexcept {
    try {
      ::new (static_cast<void*>(std::addressof(value_))) T(fn());
    } catch (...) {
      fail(std::current_exception());
    }
  }

private:
  union {
    T value_;
  };
};

template <>
class ResultState<void> : public StateBase {
public:
  explicit ResultState(PoolCore* owner) noexcept : StateBase(owner) {}
  void take() { rethrow_if_failed(); }

protected:
  template <class F>
  void store(F& fn) noexcept {
    try {
      fn();
    } catch (...) {
      fail(std::current_exception());
    }
  }
};

/// A submitted task: its callable and its result in one allocation. The
/// callable is destroyed as soon as it ran (releasing what it captured)
/// before the result is published.
template <class T, class F>
class PackagedTask final : public ResultState<T> {
public:
  PackagedTask(PoolCore* owner, F&& fn) : ResultState<T>(owner) {
    ::new (static_cast<void*>(std::addressof(fn_))) F(std::move(fn));
  }
  ~PackagedTask() override {
    if (!this->ready())
      fn_.~F(); // never ran
  }

  void run_and_release(bool cancelled) noexcept override {
    if (cancelled)
      this->fail(std::make_exception_ptr(Cancelled()));
    else
      this->store(fn_);
    fn_.~F();
    this->publish();
    this->release();
  }

private:
  union {
    F fn_;
  };
};

/// Where the results of ExternalResults come from (a ProcessPool), when a
/// thread blocked on one may fetch it itself instead of being woken by the
/// thread that would deliver it: one cross-thread wake-up less per result.
class ResultSource {
public:
  /// Returns once `state` is ready, or when the caller must park and let the
  /// source deliver it (e.g. the source is gone or busy). Fetching may
  /// deliver other results on the way.
  virtual void wait_ready(const StateBase& state) = 0;

protected:
  ~ResultSource() = default;
};

/// The result slot of work that runs outside a ThreadPool (a ProcessPool
/// task): whoever finishes the work delivers a value or an error, once, and
/// then releases its reference; the Future holds the other.
template <class T>
class ExternalResult final : public ResultState<T> {
public:
  ExternalResult() noexcept : ResultState<T>(nullptr) {}
  explicit ExternalResult(std::shared_ptr<ResultSource> source) noexcept
      : ResultState<T>(nullptr), source_(std::move(source)) {}

  /// Stores what `make()` returns (or throws) and wakes the waiters.
  template <class Make>
  void deliver(Make&& make) noexcept {
    this->store(make);
    this->publish();
  }
  void deliver_error(std::exception_ptr error) noexcept {
    this->fail(std::move(error));
    this->publish();
  }

private:
  void run_and_release(bool) noexcept override {}  // never queued on a ThreadPool
  bool wait_directly() override {
    if (source_)
      source_->wait_ready(*this);
    return this->ready();
  }

  std::shared_ptr<ResultSource> source_;
};

}  // namespace detail

template <class T>
class FutureAccess;

/// The eventual result of a task. Move-only; get() may be called once.
template <class T>
class Future {
public:
  Future() noexcept = default;
  Future(Future&& other) noexcept : state_(std::exchange(other.state_, nullptr)) {}
  Future& operator=(Future&& other) noexcept {
    if (this != &other) {
      reset();
      state_ = std::exchange(other.state_, nullptr);
    }
    return *this;
  }
  Future(const Future&) = delete;
  Future& operator=(const Future&) = delete;
  /// Dropping a future does not cancel its task; the task still runs.
  ~Future() { reset(); }

  /// True if this future refers to a task (and get() was not called yet).
  bool valid() const noexcept { return state_ != nullptr; }
  /// True once the task has finished (successfully or not).
  bool ready() const noexcept { return state_ && state_->ready(); }

  /// Blocks until the task finished. On a worker of the same pool, runs
  /// queued tasks meanwhile (see the header comment).
  void wait() const { checked().wait(); }

  template <class Rep, class Period>
  std::future_status wait_for(const std::chrono::duration<Rep, Period>& timeout) const {
    auto& state = checked();
    if (state.ready())
      return std::future_status::ready;
    using Clock = std::chrono::steady_clock;
    const auto now = Clock::now();
    // A timeout past the clock's range (e.g. hours::max()) means no deadline.
    const auto deadline =
        timeout >= std::chrono::duration_cast<std::chrono::duration<Rep, Period>>(Clock::time_point::max() - now)
            ? Clock::time_point::max()
            : now + std::chrono::ceil<Clock::duration>(timeout);
    return state.park_until(deadline) ? std::future_status::ready : std::future_status::timeout;
  }

  /// Waits, then returns the task's result or rethrows its exception.
  T get() {
    if (!state_)
      throw std::future_error(std::future_errc::no_state);
    struct Release {
      detail::ResultState<T>* state;
      ~Release() { state->release(); }
    } owned{std::exchange(state_, nullptr)};
    owned.state->wait();
    return owned.state->take();
  }

private:
  friend class ThreadPool;
  friend class FutureAccess<T>;
  /// Adopts one reference to `state`.
  explicit Future(detail::ResultState<T>* state) noexcept : state_(state) {}

  detail::ResultState<T>& checked() const {
    if (!state_)
      throw std::future_error(std::future_errc::no_state);
    return *state_;
  }
  void reset() noexcept {
    if (state_ != nullptr)
      std::exchange(state_, nullptr)->release();
  }

  detail::ResultState<T>* state_ = nullptr;
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
