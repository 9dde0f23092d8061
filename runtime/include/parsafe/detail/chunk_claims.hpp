// parsafe/detail/chunk_claims.hpp — the state ThreadPool::map shares between
// its caller and its helper tasks: which chunk is next, how many finished.
#pragma once

#include <parsafe/detail/pool_core.hpp>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace parsafe::detail {

/// Chunk claims of one map. Reference-counted (held by std::shared_ptr)
/// because a helper task can be dequeued after its map returned — every
/// chunk was claimed by then — and must still find the counter to learn that
/// nothing is left. A helper touches the caller's data only for a chunk it
/// claimed, and the caller returns only after every claimed chunk finished.
class ChunkClaims {
public:
  /// Chunk 0 is the caller's own and is never handed out by claim().
  explicit ChunkClaims(std::size_t chunks) noexcept : chunks_(chunks) {}
  ChunkClaims(const ChunkClaims&) = delete;
  ChunkClaims& operator=(const ChunkClaims&) = delete;

  std::size_t chunks() const noexcept { return chunks_; }

  /// The next unclaimed chunk, or chunks() when every chunk is taken.
  std::size_t claim() noexcept {
    return std::min(next_.fetch_add(1, std::memory_order_relaxed), chunks_);
  }

  /// Marks one chunk finished; what its runner wrote before is visible to
  /// the thread that wait_all() returns on.
  void finish() {
    if (finished_.fetch_add(1, std::memory_order_acq_rel) + 1 < chunks_)
      return;
    std::lock_guard<std::mutex> lock(mutex_);
    all_finished_.notify_all();
  }

  /// Blocks until every chunk finished.
  void wait_all() {
    auto all = [this] { return finished_.load(std::memory_order_acquire) == chunks_; };
    if (spin_until(all))
      return;
    std::unique_lock<std::mutex> lock(mutex_);
    all_finished_.wait(lock, all);
  }

private:
  const std::size_t chunks_;
  alignas(64) std::atomic<std::size_t> next_{1};
  alignas(64) std::atomic<std::size_t> finished_{0};
  std::mutex mutex_;
  std::condition_variable all_finished_;
};

}  // namespace parsafe::detail
