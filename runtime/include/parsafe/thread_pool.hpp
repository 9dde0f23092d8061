// parsafe/thread_pool.hpp — a fixed set of worker threads running a FIFO queue
// of tasks.
//
//   parsafe::ThreadPool pool(4);                 // at most 4 tasks at once
//   auto f = pool.submit(square, 7);             // parsafe::Future<int>
//   std::vector<int> r = pool.map(square, xs);   // results in input order
//   pool.detach(log_line, "started");            // fire and forget
//   pool.wait();                                 // rethrows detached failures
//
// Guarantees:
//  * FIFO: tasks start in submission order.
//  * A task may wait for another task of the same pool (even with one worker):
//    waiting workers run queued tasks (see parsafe/future.hpp).
//  * Exceptions are never lost: submit/map deliver them through the result;
//    a detached task's exception reaches wait()/shutdown() (or the handler
//    set with set_error_handler).
//  * Bounded queues (Options::max_queued) give backpressure: submit() blocks,
//    try_submit() refuses.
//  * The destructor finishes the queued work and joins; it never throws.
#pragma once

#include <parsafe/detail/chunk_claims.hpp>
#include <parsafe/detail/pool_core.hpp>
#include <parsafe/errors.hpp>
#include <parsafe/future.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <cstddef>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <thread>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace parsafe {

class ThreadPool {
public:
  struct Options {
    /// Most tasks waiting in the queue; 0 means unbounded.
    std::size_t max_queued = 0;
  };

  /// Starts `workers` threads (at least one; by default one per core).
  explicit ThreadPool(unsigned workers = std::thread::hardware_concurrency())
      : ThreadPool(workers, Options{}) {}
  ThreadPool(unsigned workers, Options options)
      : core_(std::make_unique<detail::PoolCore>(std::max(1u, workers), options.max_queued)) {}

  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  /// Runs every queued task, then joins the workers. Errors of detached tasks
  /// that nobody collected go to the error handler, or to stderr.
  ~ThreadPool() = default;

  /// Queues `fn(args...)`; the future holds its result or exception.
  /// Blocks while a bounded queue is full. Throws PoolShutDown after shutdown().
  template <class F, class... Args>
  auto submit(F&& fn, Args&&... args) -> Future<std::invoke_result_t<std::decay_t<F>, std::decay_t<Args>...>> {
    auto task = package(std::forward<F>(fn), std::forward<Args>(args)...);
    core_->push(task.get());
    return adopt(std::move(task));
  }

  /// Like submit(), but returns std::nullopt at once when a bounded queue is full.
  template <class F, class... Args>
  auto try_submit(F&& fn, Args&&... args)
      -> std::optional<Future<std::invoke_result_t<std::decay_t<F>, std::decay_t<Args>...>>> {
    auto task = package(std::forward<F>(fn), std::forward<Args>(args)...);
    if (!core_->try_push(task.get()))
      return std::nullopt;
    return adopt(std::move(task));
  }

  /// Queues `fn(args...)` without a future. If it throws, the exception is
  /// delivered to the error handler if one is set, otherwise rethrown by the
  /// next wait() or shutdown().
  template <class F, class... Args>
  void detach(F&& fn, Args&&... args) {
    using Call = decltype(bind(std::forward<F>(fn), std::forward<Args>(args)...));
    auto task = std::make_unique<DetachedTask<Call>>(
        core_.get(), bind(std::forward<F>(fn), std::forward<Args>(args)...));
    core_->push(task.get());
    task.release(); // the queue owns it now
  }

  /// Calls `fn` on every element of `items` and returns the results in
  /// input order. The items are cut into contiguous chunks (kMapChunksPerWorker
  /// per worker) that the calling thread and up to size() - 1 helper tasks
  /// claim one after the other, so at most size() threads run the map, and a
  /// thread that is slow or descheduled holds up one chunk, not a fixed share.
  /// The caller starts alone — it would otherwise only wait — and queues the
  /// helpers only if the items it ran predict more than kMapHelpAfter of work
  /// left: a small map costs no hand-off at all. `fn` may therefore run on the
  /// calling thread. A chunk stops at its first exception; the first exception
  /// in input order is rethrown after every chunk finished. Throws
  /// PoolShutDown after shutdown().
  template <class F, class Range>
  auto map(F&& fn, const Range& items) {
    using Item = decltype(*std::begin(items));
    using R = std::invoke_result_t<std::decay_t<F>&, Item>;
    auto& function = fn;
    if constexpr (std::is_void_v<R>) {
      run_chunks(items, [&function](auto first, std::size_t, std::size_t count) {
        for (std::size_t i = 0; i < count; ++i, ++first)
          function(*first);
      });
    } else {
      using Slot = std::conditional_t<std::is_default_constructible_v<R>, R, std::optional<R>>;
      std::vector<Slot> slots(static_cast<std::size_t>(std::distance(std::begin(items), std::end(items))));
      run_chunks(items, [&function, &slots](auto first, std::size_t offset, std::size_t count) {
        for (std::size_t i = 0; i < count; ++i, ++first)
          slots[offset + i] = function(*first);
      });
      if constexpr (std::is_default_constructible_v<R>) {
        return slots;
      } else {
        std::vector<R> results;
        results.reserve(slots.size());
        for (auto& slot : slots)
          results.push_back(std::move(*slot));
        return results;
      }
    }
  }

  /// Chunks per worker in map(): enough that the workers finish together
  /// when one of them is slowed down, few enough that claiming a chunk (one
  /// atomic increment) costs nothing next to running it.
  static constexpr std::size_t kMapChunksPerWorker = 16;
  /// map() queues its helper tasks once the rest of the work is predicted to
  /// take longer than this: less is done sooner by one worker than by
  /// waking others (a wake-up costs several µs, tens on a busy VM). The
  /// prediction waits until the items run took kMapSample, so that reading
  /// the clock does not weigh on it.
  static constexpr std::chrono::microseconds kMapHelpAfter{20};
  static constexpr std::chrono::microseconds kMapSample{1};

  /// Blocks until nothing is queued or running. Rethrows the exception of a
  /// detached task that failed meanwhile (TaskErrors if several did).
  /// Must not be called from one of this pool's own tasks.
  void wait() { rethrow(core_->wait_idle()); }

  /// Stops accepting work and joins the workers. Queued tasks run first,
  /// unless `cancel_pending`: then their futures fail with parsafe::Cancelled.
  /// Rethrows detached failures like wait(). Later submissions throw PoolShutDown.
  void shutdown(bool cancel_pending = false) { rethrow(core_->shutdown(cancel_pending)); }

  /// Receives the exceptions of detached tasks (on the worker that ran them)
  /// instead of wait()/shutdown().
  void set_error_handler(std::function<void(std::exception_ptr)> handler) {
    core_->set_error_handler(std::move(handler));
  }

  unsigned size() const noexcept { return core_->worker_count(); }

private:
  template <class F, class... Args>
  static auto bind(F&& fn, Args&&... args) {
    return [fn = std::forward<F>(fn),
            args = std::make_tuple(std::forward<Args>(args)...)]() mutable -> decltype(auto) {
      return std::apply(fn, std::move(args));
    };
  }

  /// A detached task: runs its callable, hands an exception to the pool,
  /// and frees itself.
  template <class F>
  class DetachedTask final : public detail::TaskNode {
  public:
    DetachedTask(detail::PoolCore* core, F&& fn) : core_(core), fn_(std::move(fn)) {}
    void run_and_release(bool cancelled) noexcept override {
      if (!cancelled) {
        try {
          fn_();
        } catch (...) {
          core_->record_detached_error(std::current_exception());
        }
      }
      delete this;
    }

  private:
    detail::PoolCore* core_;
    F fn_;
  };

  template <class F, class... Args>
  auto package(F&& fn, Args&&... args) {
    using R = std::invoke_result_t<std::decay_t<F>, std::decay_t<Args>...>;
    using Call = decltype(bind(std::forward<F>(fn), std::forward<Args>(args)...));
    return std::make_unique<detail::PackagedTask<R, Call>>(
        core_.get(), bind(std::forward<F>(fn), std::forward<Args>(args)...));
  }

  /// The future of a queued task: takes the reference the task was created
  /// with for it (the queue holds the other).
  template <class R, class Call>
  static Future<R> adopt(std::unique_ptr<detail::PackagedTask<R, Call>> task) noexcept {
    return Future<R>(task.release());
  }

  /// Runs `body(first, offset, count)` over contiguous chunks of `items` on
  /// the calling thread and on at most worker_count() - 1 helper tasks, and
  /// returns once every chunk finished; see map().
  template <class Range, class Body>
  void run_chunks(const Range& items, Body body) {
    if (core_->stopped())
      throw PoolShutDown("parsafe::ThreadPool");
    using It = decltype(std::begin(items));
    const std::size_t n = static_cast<std::size_t>(std::distance(std::begin(items), std::end(items)));
    if (n == 0)
      return;
    const std::size_t chunks = std::min(n, std::size_t(core_->worker_count()) * kMapChunksPerWorker);
    std::vector<It> starts;
    starts.reserve(chunks);
    It it = std::begin(items);
    for (std::size_t c = 0; c < chunks; ++c) {
      starts.push_back(it);
      if (c + 1 < chunks)
        std::advance(it, static_cast<std::ptrdiff_t>(chunk_offset(n, chunks, c + 1) - chunk_offset(n, chunks, c)));
    }
    std::vector<std::exception_ptr> errors(chunks);
    auto run_chunk = [&](std::size_t c) {
      const std::size_t offset = chunk_offset(n, chunks, c);
      try {
        body(starts[c], offset, chunk_offset(n, chunks, c + 1) - offset);
      } catch (...) {
        errors[c] = std::current_exception();
      }
    };
    // The helpers only reach this frame through a chunk they claimed, and
    // this call returns only after every claimed chunk finished: a helper
    // that starts later finds nothing left and never touches `run_chunk`.
    auto claims = std::make_shared<detail::ChunkClaims>(chunks);
    auto claim_chunks = [claims, run = &run_chunk] {
      for (std::size_t c; (c = claims->claim()) < claims->chunks();) {
        (*run)(c);
        claims->finish();
      }
    };
    using Clock = std::chrono::steady_clock;
    const std::size_t helpers_wanted = std::min<std::size_t>(chunks, core_->worker_count()) - 1;
    bool decided = helpers_wanted == 0;
    auto decide = [&](Clock::duration elapsed, std::size_t done) {
      decided = true;
      const std::chrono::duration<double, std::nano> per_item = elapsed / double(done);
      if (per_item * double(n - done) <= kMapHelpAfter)
        return;
      for (std::size_t h = 0; h < helpers_wanted; ++h) {
        // Never block on a bounded queue, nor fail the map for want of a
        // helper: without one the caller runs the remaining chunks itself.
        try {
          if (!try_detach(claim_chunks))
            break;
        } catch (...) {
          break;
        }
      }
    };
    // Chunk 0, on the caller, in spans of 1, 2, 4, ... items, timed until decided.
    const Clock::time_point start = Clock::now();
    const std::size_t count = chunk_offset(n, chunks, 1);
    It first = starts[0];
    std::size_t done = 0;
    try {
      for (std::size_t span = 1; done < count; span *= 2) {
        span = std::min(span, count - done);
        body(first, done, span);
        done += span;
        if (done < count)
          std::advance(first, static_cast<std::ptrdiff_t>(span));
        if (!decided) {
          Clock::duration elapsed = Clock::now() - start;
          if (elapsed >= kMapSample || done == count)
            decide(elapsed, done);
        }
      }
    } catch (...) {
      errors[0] = std::current_exception();
      if (!decided)
        decide(Clock::now() - start, std::max<std::size_t>(done, 1));
    }
    claims->finish();
    claim_chunks();
    claims->wait_all();
    for (auto& error : errors)
      if (error)
        std::rethrow_exception(error); // first failure in input order
  }

  /// Queues `fn` as a detached task unless a bounded queue is full.
  /// Throws PoolShutDown.
  template <class F>
  bool try_detach(F fn) {
    auto task = std::make_unique<DetachedTask<F>>(core_.get(), std::move(fn));
    if (!core_->try_push(task.get()))
      return false;
    task.release(); // the queue owns it now
    return true;
  }

  /// Where chunk `c` of `chunks` nearly equal chunks of `n` items begins.
  static std::size_t chunk_offset(std::size_t n, std::size_t chunks, std::size_t c) noexcept {
    return c * (n / chunks) + std::min(c, n % chunks);
  }

  static void rethrow(std::vector<std::exception_ptr> errors) {
    if (errors.size() == 1)
      std::rethrow_exception(errors.front());
    if (errors.size() > 1)
      throw TaskErrors(std::move(errors));
  }

  std::unique_ptr<detail::PoolCore> core_;
};

}  // namespace parsafe
