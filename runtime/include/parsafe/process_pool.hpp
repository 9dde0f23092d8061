// parsafe/process_pool.hpp — a pool of worker processes running named tasks.
//
//   int square(int x) { return x * x; }
//   PARSAFE_TASK(square);                       // tasks are named, not pickled
//
//   int main(int argc, char** argv) {
//     PARSAFE_MAIN_GUARD(argc, argv);           // a spawned worker stops here
//     parsafe::ProcessPool pool({/*workers=*/4});
//     parsafe::Future<int> f = pool.submit<square>(7);
//     std::vector<int> r = pool.map<square>(std::vector<int>{1, 2, 3});
//   }
//
// What processes give that threads cannot, and how failures surface:
//  * arguments and results must be parsafe::transferable (compile error
//    naming the type otherwise) and are copied through pipes;
//  * a task that throws fails with RemoteError (type name + message);
//  * a worker that dies (signal, abort(), exit()) fails only its task with
//    WorkerCrashed and is replaced;
//  * a task past PoolOptions::task_timeout is killed: TaskTimeout;
//  * an initializer that throws breaks the pool: BrokenPool, with its error.
// Start methods: Start::spawn (default) re-executes /proc/self/exe, and main
// must begin with PARSAFE_MAIN_GUARD(argc, argv); Start::fork copies the
// parent and is refused (StartError) when the process has other threads.
// Shutdown reaps every worker (no zombies) and closes every descriptor; all
// descriptors are opened O_CLOEXEC. See docs/runtime/process_pool.md.
#pragma once

#include <parsafe/codec.hpp>
#include <parsafe/detail/frame.hpp>
#include <parsafe/detail/task_registry.hpp>
#include <parsafe/errors.hpp>
#include <parsafe/future.hpp>

#include <chrono>
#include <cstddef>
#include <algorithm>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace parsafe {

enum class Start {
  fork,   ///< fork() the parent: fast, needs a single-threaded process
  spawn,  ///< re-execute /proc/self/exe; needs PARSAFE_MAIN_GUARD in main
};

namespace detail {
class ProcessPoolCore;
/// An initializer call: a registered task's name and encoded arguments.
struct TaskCall {
  std::string name;
  std::string arguments;
};
/// Receives a task's answer (on the pool's I/O thread, or on a thread
/// blocked on that answer, see ResultSource).
class PendingResult {
public:
  virtual ~PendingResult() = default;
  /// The state the answer goes to: what a blocked Future waits on.
  virtual const StateBase* state() const noexcept = 0;
  virtual void deliver(std::string_view encoded_result) = 0;
  virtual void fail(std::exception_ptr error) = 0;
};
}  // namespace detail

struct PoolOptions {
  /// Worker processes; 0 means one per core.
  unsigned workers = 0;
  Start start = Start::spawn;
  /// A task running longer than this is killed (TaskTimeout); zero: no limit.
  std::chrono::milliseconds task_timeout{0};
  /// A worker is replaced after this many tasks; zero: never.
  unsigned max_tasks_per_child = 0;
  /// Largest encoded argument list or result, in bytes.
  std::size_t max_message_bytes = detail::kDefaultMaxPayload;
  /// How long a new worker may take to start (and run the initializer).
  std::chrono::milliseconds start_timeout{30000};
  /// Runs in every worker before its first task; make it with
  /// parsafe::initializer<fn>(args...). If it throws, the pool is broken.
  detail::TaskCall initializer;
};

/// An initializer for PoolOptions: the registered task `Fn` with `args`.
template <auto Fn, class... Args>
detail::TaskCall initializer(Args&&... args);

template <class T>
class FutureAccess {
public:
  /// Adopts one of `state`'s two references; the deliverer keeps the other.
  static Future<T> make(detail::ExternalResult<T>* state) { return Future<T>(state); }
};

class ProcessPool {
public:
  /// Starts the workers and waits until each has run the initializer.
  /// Throws StartError if they cannot start (see Start).
  ProcessPool() : ProcessPool(PoolOptions{}) {}
  explicit ProcessPool(PoolOptions options);
  ProcessPool(const ProcessPool&) = delete;
  ProcessPool& operator=(const ProcessPool&) = delete;
  /// Finishes queued tasks, then stops and reaps the workers. Never throws.
  ~ProcessPool();

  /// Runs the task `Fn` (registered with PARSAFE_TASK) with `args` in a
  /// worker. Throws BrokenPool, PoolShutDown, or Error if the arguments are
  /// over max_message_bytes.
  template <auto Fn, class... Args>
  Future<typename detail::task_traits<Fn>::result> submit(Args&&... args);

  /// Runs `Fn` on every element of `items`; results in input order. Items
  /// are sent in chunks (about four per worker); a chunk fails as a whole
  /// (a crash or timeout takes its whole chunk), and the first failure in
  /// input order is rethrown once every chunk finished.
  template <auto Fn, class Range>
  auto map(const Range& items);

  /// Blocks until nothing is queued or running.
  void wait();
  /// Stops accepting work and stops the workers once their tasks are done.
  /// With `cancel_pending`, queued tasks fail with Cancelled instead.
  void shutdown(bool cancel_pending = false);
  /// Kills every worker now; queued and running tasks fail with Terminated.
  void terminate();

  unsigned size() const noexcept;
  /// True once an initializer failed or a worker could not be replaced.
  bool broken() const;

private:
  void enqueue(std::string frame, std::unique_ptr<detail::PendingResult> result);
  std::size_t max_message_bytes() const noexcept;
  /// What the futures of this pool's tasks wait through.
  const std::shared_ptr<detail::ResultSource>& result_source() const noexcept;

  std::unique_ptr<detail::ProcessPoolCore> core_;
};

namespace detail {

/// PARSAFE_MAIN_GUARD's work: in a worker process started by a ProcessPool,
/// runs the worker loop and returns nonzero once it is done; elsewhere returns
/// 0 at once.
int dispatch_worker(int argc, char** argv);

template <class R>
class ResultFor final : public PendingResult {
public:
  explicit ResultFor(ExternalResult<R>* state) : state_(state) {}
  ResultFor(const ResultFor&) = delete;
  ResultFor& operator=(const ResultFor&) = delete;
  const StateBase* state() const noexcept override { return state_; }
  ~ResultFor() override {
    // The pool fails every result it drops; this is the backstop that keeps
    // a waiter from blocking forever if one is ever dropped silently.
    if (!delivered_)
      state_->deliver_error(std::make_exception_ptr(
          BrokenPool("parsafe: the process pool dropped this task's result")));
    state_->release();
  }
  void deliver(std::string_view encoded) override {
    delivered_ = true;
    // A decoding error becomes the future's exception (store() catches it).
    state_->deliver([&]() -> R {
      if constexpr (std::is_void_v<R>) {
        if (!encoded.empty())
          Reader::fail("a void task returned bytes");
      } else {
        return decode<R>(encoded);
      }
    });
  }
  void fail(std::exception_ptr error) override {
    delivered_ = true;
    state_->deliver_error(std::move(error));
  }

private:
  ExternalResult<R>* state_;
  bool delivered_ = false;
};

template <auto Fn, class... Args>
void encode_call(std::string& out, Args&&... args) {
  using traits = task_traits<Fn>;
  static_assert(traits::registered,
                "parsafe::ProcessPool: this function is not a registered task; add "
                "PARSAFE_TASK(fn) at global scope after its definition");
  static_assert(sizeof...(Args) == std::tuple_size_v<typename traits::params>,
                "parsafe::ProcessPool: wrong number of arguments for this task");
  if constexpr (traits::registered && traits::valid &&
                sizeof...(Args) == std::tuple_size_v<typename traits::params>) {
    Writer writer(out);
    std::string_view name = task_name<Fn>::value;
    writer.varint(name.size());
    writer.bytes(name.data(), name.size());
    write_arguments<typename traits::params>(
        writer, std::make_index_sequence<sizeof...(Args)>(), std::forward<Args>(args)...);
  }
}

}  // namespace detail

template <auto Fn, class... Args>
detail::TaskCall initializer(Args&&... args) {
  detail::TaskCall call;
  call.name = detail::task_name<Fn>::value ? detail::task_name<Fn>::value : "";
  detail::encode_call<Fn>(call.arguments, std::forward<Args>(args)...);
  return call;
}

template <auto Fn, class... Args>
Future<typename detail::task_traits<Fn>::result> ProcessPool::submit(Args&&... args) {
  using R = typename detail::task_traits<Fn>::result;
  std::string frame;
  std::size_t start = detail::begin_frame(frame);
  detail::encode_call<Fn>(frame, std::forward<Args>(args)...);
  detail::finish_frame(frame, start, detail::FrameKind::Call, max_message_bytes());
  auto* state = new detail::ExternalResult<R>(result_source());
  Future<R> future = FutureAccess<R>::make(state);
  enqueue(std::move(frame), std::make_unique<detail::ResultFor<R>>(state));
  return future;
}

template <auto Fn, class Range>
auto ProcessPool::map(const Range& items) {
  using R = typename detail::task_traits<Fn>::result;
  if constexpr (!detail::has_chunk_form<Fn>()) {
    // Tasks without a result: one call per item.
    std::vector<Future<R>> futures;
    for (const auto& item : items)
      futures.push_back(submit<Fn>(item));
    for (auto& f : futures)
      f.wait();
    for (auto& f : futures)
      f.get();
  } else {
    // Items travel in chunks (about 4 per worker, like multiprocessing.Pool's
    // default chunksize): one frame and one answer per chunk, not per item.
    using Item = detail::wire_type<std::tuple_element_t<0, typename detail::task_traits<Fn>::params>>;
    const std::size_t n = static_cast<std::size_t>(std::distance(std::begin(items), std::end(items)));
    const std::size_t chunks = std::max<std::size_t>(1, std::min<std::size_t>(n, size() * 4u));
    const std::string name = std::string(detail::task_name<Fn>::value) + "#map";
    std::vector<Future<std::vector<R>>> futures;
    auto it = std::begin(items);
    for (std::size_t c = 0; c < chunks && n > 0; ++c) {
      std::size_t count = n / chunks + (c < n % chunks ? 1 : 0);
      std::string frame;
      std::size_t start = detail::begin_frame(frame);
      detail::Writer writer(frame);
      writer.varint(name.size());
      writer.bytes(name.data(), name.size());
      writer.varint(count);
      for (std::size_t i = 0; i < count; ++i, ++it)
        detail::write_argument<Item>(writer, *it);
      detail::finish_frame(frame, start, detail::FrameKind::Call, max_message_bytes());
      auto* state = new detail::ExternalResult<std::vector<R>>(result_source());
      futures.push_back(FutureAccess<std::vector<R>>::make(state));
      enqueue(std::move(frame), std::make_unique<detail::ResultFor<std::vector<R>>>(state));
    }
    for (auto& f : futures)
      f.wait();
    std::vector<R> results;
    results.reserve(n);
    for (auto& f : futures)
      for (auto& r : f.get())  // the first failure, in input order, is rethrown
        results.push_back(std::move(r));
    return results;
  }
}

}  // namespace parsafe

/// The first statement of main() in a program that uses ProcessPool with
/// Start::spawn: in a worker process it runs the worker loop and returns from
/// main; in the parent it does nothing.
#define PARSAFE_MAIN_GUARD(argc, argv)                                                             \
  do {                                                                                             \
    if (::parsafe::detail::dispatch_worker(argc, argv))                                            \
      return 0;                                                                                    \
  } while (0)
