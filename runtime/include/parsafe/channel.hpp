// parsafe/channel.hpp — a bounded multi-producer multi-consumer queue.
//
//   parsafe::Channel<Job> jobs(64);
//   producer:  jobs.push(job);            // blocks while full; false once closed
//   consumer:  while (auto job = jobs.pop()) run(*job);   // ends after close()
//              for (Job& job : jobs) run(job);           // the same, as a loop
//   finally:   jobs.close();
//
// close() lets consumers drain what is queued and then see the end; pushes
// after close() fail (return false) instead of blocking forever.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <iterator>
#include <mutex>
#include <optional>
#include <utility>

namespace parsafe {

template <class T>
class Channel {
public:
  /// A channel holding at most `capacity` items (at least 1).
  explicit Channel(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

  Channel(const Channel&) = delete;
  Channel& operator=(const Channel&) = delete;

  /// Adds an item, waiting while the channel is full. Returns false (and
  /// drops nothing: the item stays with the caller) if the channel is closed.
  bool push(T item) {
    std::unique_lock<std::mutex> lock(mutex_);
    not_full_.wait(lock, [this] { return closed_ || items_.size() < capacity_; });
    if (closed_)
      return false;
    items_.push_back(std::move(item));
    lock.unlock();
    not_empty_.notify_one();
    return true;
  }

  /// Adds an item if there is room now; false if full or closed.
  bool try_push(T& item) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (closed_ || items_.size() >= capacity_)
      return false;
    items_.push_back(std::move(item));
    lock.unlock();
    not_empty_.notify_one();
    return true;
  }

  /// Takes the oldest item, waiting while the channel is empty. Returns
  /// std::nullopt once the channel is closed and drained.
  std::optional<T> pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    not_empty_.wait(lock, [this] { return closed_ || !items_.empty(); });
    return take(lock);
  }

  /// Takes the oldest item if there is one now.
  std::optional<T> try_pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    return take(lock);
  }

  /// Like pop(), but gives up after `timeout` (returns std::nullopt).
  template <class Rep, class Period>
  std::optional<T> pop_for(const std::chrono::duration<Rep, Period>& timeout) {
    std::unique_lock<std::mutex> lock(mutex_);
    not_empty_.wait_for(lock, timeout, [this] { return closed_ || !items_.empty(); });
    return take(lock);
  }

  /// No more pushes; consumers drain what is queued, then pop() returns
  /// std::nullopt. Idempotent.
  void close() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closed_ = true;
    }
    not_empty_.notify_all();
    not_full_.notify_all();
  }

  bool closed() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return closed_;
  }
  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return items_.size();
  }
  std::size_t capacity() const noexcept { return capacity_; }

  /// Input iteration: each step pops; the loop ends when closed and drained.
  class iterator {
  public:
    using value_type = T;
    using reference = T&;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::input_iterator_tag;
    T& operator*() { return *current_; }
    iterator& operator++() {
      current_ = channel_->pop();
      return *this;
    }
    bool operator==(const iterator& other) const {
      return current_.has_value() == other.current_.has_value();
    }
    bool operator!=(const iterator& other) const { return !(*this == other); }

  private:
    friend class Channel;
    explicit iterator(Channel* channel) : channel_(channel) {
      if (channel_)
        current_ = channel_->pop();
    }
    Channel* channel_;
    std::optional<T> current_;
  };
  iterator begin() { return iterator(this); }
  iterator end() { return iterator(nullptr); }

private:
  std::optional<T> take(std::unique_lock<std::mutex>& lock) {
    if (items_.empty())
      return std::nullopt;
    std::optional<T> item(std::move(items_.front()));
    items_.pop_front();
    lock.unlock();
    not_full_.notify_one();
    return item;
  }

  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable not_empty_;
  std::condition_variable not_full_;
  std::deque<T> items_;
  bool closed_ = false;
};

}  // namespace parsafe
