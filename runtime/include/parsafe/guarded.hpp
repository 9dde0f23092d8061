// parsafe/guarded.hpp — a value that can only be reached with its lock held.
//
//   parsafe::Guarded<std::vector<int>> squares;
//   squares.with_lock([&](auto& v) { v.push_back(x * x); });   // exclusive
//   std::size_t n = squares.with_shared_lock([](const auto& v) { return v.size(); });
//   { auto v = squares.lock(); v->push_back(1); v->push_back(2); }  // one critical section
//
// The mutex lives next to the data it protects, and there is no way to touch
// the data without it: the race a plain `std::vector` + `std::mutex` pair
// allows (forgetting the lock on one path) does not compile.
#pragma once

#include <mutex>
#include <shared_mutex>
#include <type_traits>
#include <utility>

namespace parsafe {

namespace detail {
template <class M, class = void>
struct is_shared_mutex : std::false_type {};
template <class M>
struct is_shared_mutex<M, std::void_t<decltype(std::declval<M&>().lock_shared())>>
    : std::true_type {};
}  // namespace detail

template <class T, class Mutex = std::shared_mutex>
class Guarded {
public:
  /// A handle that holds the lock for as long as it lives.
  template <class U, class Lock>
  class Locked {
  public:
    U* operator->() const noexcept { return value_; }
    U& operator*() const noexcept { return *value_; }

  private:
    friend class Guarded;
    Locked(U& value, Mutex& mutex) : lock_(mutex), value_(&value) {}
    Lock lock_;
    U* value_;
  };

  template <class... Args, class = std::enable_if_t<std::is_constructible_v<T, Args&&...>>>
  explicit Guarded(Args&&... args) : value_(std::forward<Args>(args)...) {}

  Guarded(const Guarded&) = delete;
  Guarded& operator=(const Guarded&) = delete;

  /// Calls `fn(T&)` with the lock held exclusively; returns what fn returns.
  template <class F>
  decltype(auto) with_lock(F&& fn) {
    std::unique_lock<Mutex> lock(mutex_);
    return std::forward<F>(fn)(value_);
  }

  /// Calls `fn(const T&)` with the lock held shared (several readers at once).
  template <class F>
  decltype(auto) with_shared_lock(F&& fn) const {
    if constexpr (has_shared_lock) {
      std::shared_lock<Mutex> lock(mutex_);
      return std::forward<F>(fn)(std::as_const(value_));
    } else {
      std::unique_lock<Mutex> lock(mutex_);
      return std::forward<F>(fn)(std::as_const(value_));
    }
  }

  /// Exclusive access through a handle: `auto v = g.lock(); v->push_back(1);`
  Locked<T, std::unique_lock<Mutex>> lock() { return {value_, mutex_}; }

  /// Shared, read-only access through a handle.
  auto read() const {
    if constexpr (has_shared_lock)
      return Locked<const T, std::shared_lock<Mutex>>(value_, mutex_);
    else
      return Locked<const T, std::unique_lock<Mutex>>(value_, mutex_);
  }

  /// A copy of the value, taken under a shared lock.
  T snapshot() const {
    return with_shared_lock([](const T& value) { return value; });
  }

private:
  static constexpr bool has_shared_lock = detail::is_shared_mutex<Mutex>::value;

  mutable Mutex mutex_;
  T value_;
};

}  // namespace parsafe
