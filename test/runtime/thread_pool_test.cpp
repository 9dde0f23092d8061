#include <parsafe/thread_pool.hpp>

#include "sanitizer_scale.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <memory>
#include <mutex>
#include <numeric>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using namespace std::chrono_literals;

namespace {

/// Aborts the test binary with a message if the scope is not left within
/// `limit`: a lost wake-up shows up as a clear failure, not a hung test run.
class Watchdog {
public:
  Watchdog(const char* what, std::chrono::seconds limit)
      : thread_([this, what, limit] {
          std::unique_lock<std::mutex> lock(mutex_);
          if (!done_cv_.wait_for(lock, limit, [this] { return done_; })) {
            std::fprintf(stderr, "watchdog: %s still running after %llds (lost wake-up?)\n", what,
                         static_cast<long long>(limit.count()));
            std::abort();
          }
        }) {}
  ~Watchdog() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    done_cv_.notify_one();
    thread_.join();
  }

private:
  std::mutex mutex_;
  std::condition_variable done_cv_;
  bool done_ = false;
  std::thread thread_;
};

TEST(ThreadPool, SubmitReturnsResults) {
  parsafe::ThreadPool pool(2);
  auto square = pool.submit([](int x) { return x * x; }, 7);
  auto text = pool.submit([] { return std::string("done"); });
  EXPECT_EQ(square.get(), 49);
  EXPECT_EQ(text.get(), "done");
}

TEST(ThreadPool, SingleWorkerRunsTasksInSubmissionOrder) {
  parsafe::ThreadPool pool(1);
  std::vector<int> order; // only the single worker touches it
  std::vector<parsafe::Future<void>> done;
  for (int i = 0; i < 100; ++i)
    done.push_back(pool.submit([&order, i] { order.push_back(i); }));
  for (auto& f : done)
    f.get();
  std::vector<int> expected(100);
  std::iota(expected.begin(), expected.end(), 0);
  EXPECT_EQ(order, expected);
}

TEST(ThreadPool, ExceptionsTravelToGet) {
  parsafe::ThreadPool pool(2);
  auto failing = pool.submit([]() -> int { throw std::runtime_error("boom"); });
  EXPECT_THROW(
      {
        try {
          failing.get();
        } catch (const std::runtime_error& e) {
          EXPECT_STREQ(e.what(), "boom");
          throw;
        }
      },
      std::runtime_error);
}

TEST(ThreadPool, GetTwiceIsAnError) {
  parsafe::ThreadPool pool(1);
  auto f = pool.submit([] { return 1; });
  EXPECT_EQ(f.get(), 1);
  EXPECT_FALSE(f.valid());
  EXPECT_THROW(f.get(), std::future_error);
}

TEST(ThreadPool, MapKeepsInputOrder) {
  parsafe::ThreadPool pool(3);
  std::vector<int> items(10007);
  std::iota(items.begin(), items.end(), 0);
  std::vector<long> squares = pool.map([](int x) { return long(x) * x; }, items);
  ASSERT_EQ(squares.size(), items.size());
  for (std::size_t i = 0; i < items.size(); ++i)
    ASSERT_EQ(squares[i], long(i) * long(i));
}

TEST(ThreadPool, MapRethrowsFirstFailureAfterAllChunks) {
  parsafe::ThreadPool pool(2);
  std::vector<int> items(1000);
  std::iota(items.begin(), items.end(), 0);
  // 500: a chunk in the middle; 0: the first item of the task that starts
  // the map alone (it must still queue helpers and finish every chunk).
  for (int failing : {500, 0}) {
    std::atomic<int> calls{0};
    EXPECT_THROW(pool.map(
                     [&calls, failing](int x) {
                       ++calls;
                       if (x == failing)
                         throw std::invalid_argument(std::to_string(x));
                       return x;
                     },
                     items),
                 std::invalid_argument);
    // Every chunk ran; only the one containing the failure (32 items at
    // most, 2 workers x 16 chunks) stopped early.
    EXPECT_GE(calls.load(), 1000 - 31) << failing;
  }
}

TEST(ThreadPool, MapOfNothingAndVoid) {
  parsafe::ThreadPool pool(2);
  std::vector<int> none;
  EXPECT_TRUE(pool.map([](int x) { return x; }, none).empty());
  std::atomic<int> sum{0};
  std::vector<int> items{1, 2, 3, 4};
  pool.map([&sum](int x) { sum += x; }, items);
  EXPECT_EQ(sum.load(), 10);
}

// map()'s caller runs items first and queues helpers once the items it ran
// predict enough work left. Slow items predict it at the first item: the
// caller and one helper (size() - 1) run items, never more than two at once.
TEST(ThreadPool, MapOfSlowItemsUsesEveryWorkerAndNoMore) {
  parsafe::ThreadPool pool(2);
  std::vector<int> items(64);
  std::iota(items.begin(), items.end(), 0);
  std::mutex mutex;
  std::set<std::thread::id> threads;
  std::atomic<int> running{0}, most{0};
  auto doubled = pool.map(
      [&](int x) {
        int now = ++running;
        for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
        }
        {
          std::lock_guard<std::mutex> lock(mutex);
          threads.insert(std::this_thread::get_id());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        --running;
        return 2 * x;
      },
      items);
  for (int i = 0; i < 64; ++i)
    EXPECT_EQ(doubled[static_cast<std::size_t>(i)], 2 * i);
  EXPECT_EQ(threads.size(), 2u);
  EXPECT_EQ(threads.count(std::this_thread::get_id()), 1u);
  EXPECT_LE(most.load(), 2);
}

// A helper can be dequeued after its map returned (here the only worker is
// held until then): the map must not wait for it, and the helper must find
// nothing left to run rather than touch the finished map's frame.
TEST(ThreadPool, MapFinishesOnTheCallerWhileEveryWorkerIsBusy) {
  parsafe::ThreadPool pool(2);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> holding{0};
  std::vector<parsafe::Future<void>> gates;
  for (int w = 0; w < 2; ++w)
    gates.push_back(pool.submit([&holding, released] {
      ++holding;
      released.wait();
    }));
  while (holding.load() < 2)
    std::this_thread::yield();
  std::vector<int> items(64);
  std::iota(items.begin(), items.end(), 0);
  std::set<std::thread::id> threads;
  auto tripled = pool.map(
      [&threads](int x) {
        threads.insert(std::this_thread::get_id());  // only the caller runs items
        std::this_thread::sleep_for(std::chrono::microseconds(200));  // predicts a long map
        return 3 * x;
      },
      items);
  for (int i = 0; i < 64; ++i)
    EXPECT_EQ(tripled[static_cast<std::size_t>(i)], 3 * i);
  EXPECT_EQ(threads, std::set<std::thread::id>{std::this_thread::get_id()});
  release.set_value();
  for (auto& gate : gates)
    gate.get();
  pool.wait();  // the late helper ran and found every chunk taken
}

TEST(ThreadPool, MapAfterShutdownThrows) {
  parsafe::ThreadPool pool(2);
  pool.shutdown();
  std::vector<int> items{1, 2, 3};
  EXPECT_THROW(pool.map([](int x) { return x; }, items), parsafe::PoolShutDown);
}

// A worker woken for a task that another worker (still spinning) took
// first goes back to sleep; it must not leave the "a wake-up is on its way"
// mark set, or the next submission wakes nobody and waits for the busy
// worker. Fresh pools make the spinning-worker race likely; the first task
// holds its worker until the second one ran.
TEST(ThreadPool, SecondTaskRunsWhileTheFirstHoldsItsWorker) {
  const int rounds = static_cast<int>(parsafe::test::scaled(2000));
  for (int round = 0; round < rounds; ++round) {
    parsafe::ThreadPool pool(2);
    std::promise<void> second_ran;
    std::shared_future<void> done = second_ran.get_future().share();
    auto first = pool.submit([done] {
      return done.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
    });
    std::this_thread::sleep_for(std::chrono::microseconds(round % 50));
    pool.submit([&second_ran] { second_ran.set_value(); }).get();
    ASSERT_TRUE(first.get()) << "round " << round;
  }
}

// map() must not block on a full bounded queue to add helpers (here both
// workers are held until the map is done, and the queue's one place is
// taken): the caller runs the whole map itself.
TEST(ThreadPool, MapWithAFullQueueRunsOnItsCaller) {
  parsafe::ThreadPool pool(2, parsafe::ThreadPool::Options{1});
  std::mutex mutex;
  std::condition_variable changed;
  int gates_running = 0;
  bool release = false;
  std::vector<parsafe::Future<void>> gates;
  for (int w = 0; w < 2; ++w) {
    gates.push_back(pool.submit([&] {
      std::unique_lock<std::mutex> lock(mutex);
      ++gates_running;
      changed.notify_all();
      changed.wait(lock, [&] { return release; });
    }));
    // The queue holds one task: wait until a worker took this one.
    std::unique_lock<std::mutex> lock(mutex);
    changed.wait(lock, [&] { return gates_running == w + 1; });
  }
  auto filler = pool.submit([] { return 7; });  // takes the queue's one place
  std::vector<int> items(256);
  std::iota(items.begin(), items.end(), 0);
  std::set<std::thread::id> threads;
  auto out = pool.map(
      [&threads](int x) {
        threads.insert(std::this_thread::get_id());
        if (x == 0)
          std::this_thread::sleep_for(std::chrono::milliseconds(5));  // predicts a long map
        return x + 1;
      },
      items);
  for (int i = 0; i < 256; ++i)
    EXPECT_EQ(out[static_cast<std::size_t>(i)], i + 1);
  EXPECT_EQ(threads, std::set<std::thread::id>{std::this_thread::get_id()});
  {
    std::lock_guard<std::mutex> lock(mutex);
    release = true;
    changed.notify_all();
  }
  for (auto& gate : gates)
    gate.get();
  EXPECT_EQ(filler.get(), 7);
}

TEST(ThreadPool, NestedWaitsOnOneWorkerDoNotDeadlock) {
  parsafe::ThreadPool pool(1);
  // Each level submits the next and waits for it: with one worker this only
  // finishes because a waiting worker runs the queued task.
  std::function<int(int)> depth = [&](int level) -> int {
    if (level == 0)
      return 0;
    return 1 + pool.submit(depth, level - 1).get();
  };
  EXPECT_EQ(pool.submit(depth, 8).get(), 8);
}

TEST(ThreadPool, TasksWaitingOnEachOtherWithAllWorkersBusy) {
  parsafe::ThreadPool pool(2);
  std::vector<parsafe::Future<int>> outer;
  for (int i = 0; i < 16; ++i)
    outer.push_back(pool.submit([&pool, i] {
      auto a = pool.submit([i] { return i; });
      auto b = pool.submit([i] { return i * 10; });
      return a.get() + b.get();
    }));
  for (int i = 0; i < 16; ++i)
    EXPECT_EQ(outer[i].get(), i * 11);
}

TEST(ThreadPool, MapFromInsideATask) {
  parsafe::ThreadPool pool(1);
  std::vector<int> items{1, 2, 3};
  auto total = pool.submit([&] {
    auto doubled = pool.map([](int x) { return 2 * x; }, items);
    return std::accumulate(doubled.begin(), doubled.end(), 0);
  });
  EXPECT_EQ(total.get(), 12);
}

TEST(ThreadPool, DetachedExceptionReachesWait) {
  parsafe::ThreadPool pool(2);
  pool.detach([] { throw std::logic_error("lost?"); });
  EXPECT_THROW(pool.wait(), std::logic_error);
  pool.wait(); // reported once
}

TEST(ThreadPool, SeveralDetachedExceptionsArriveTogether) {
  parsafe::ThreadPool pool(2);
  for (int i = 0; i < 3; ++i)
    pool.detach([] { throw std::runtime_error("x"); });
  try {
    pool.wait();
    FAIL() << "wait() did not rethrow";
  } catch (const parsafe::TaskErrors& errors) {
    EXPECT_EQ(errors.errors().size(), 3u);
  }
}

TEST(ThreadPool, DetachedExceptionReachesHandler) {
  parsafe::ThreadPool pool(2);
  std::atomic<int> handled{0};
  pool.set_error_handler([&handled](std::exception_ptr) { ++handled; });
  pool.detach([] { throw 42; });
  pool.detach([] {});
  EXPECT_NO_THROW(pool.wait());
  EXPECT_EQ(handled.load(), 1);
}

TEST(ThreadPool, DetachedExceptionReachesShutdown) {
  parsafe::ThreadPool pool(1);
  pool.detach([] { throw std::runtime_error("at shutdown"); });
  EXPECT_THROW(pool.shutdown(), std::runtime_error);
}

TEST(ThreadPool, ShutdownWithCancelFailsQueuedFutures) {
  parsafe::ThreadPool pool(1);
  std::atomic<bool> started{false}, release{false};
  auto blocker = pool.submit([&] {
    started = true;
    while (!release)
      std::this_thread::sleep_for(1ms);
  });
  while (!started) // the blocker must be running, not queued, when we cancel
    std::this_thread::sleep_for(1ms);
  std::vector<parsafe::Future<int>> queued;
  for (int i = 0; i < 10; ++i)
    queued.push_back(pool.submit([i] { return i; }));
  std::thread releaser([&release] {
    std::this_thread::sleep_for(20ms);
    release = true;
  });
  pool.shutdown(/*cancel_pending=*/true);
  releaser.join();
  blocker.get(); // the running task finished normally
  for (auto& f : queued)
    EXPECT_THROW(f.get(), parsafe::Cancelled);
}

TEST(ThreadPool, ShutdownWithoutCancelRunsQueuedWork) {
  parsafe::ThreadPool pool(2);
  std::atomic<int> ran{0};
  for (int i = 0; i < 1000; ++i)
    pool.detach([&ran] { ++ran; });
  pool.shutdown();
  EXPECT_EQ(ran.load(), 1000);
}

TEST(ThreadPool, SubmitAfterShutdownThrows) {
  parsafe::ThreadPool pool(1);
  pool.shutdown();
  EXPECT_THROW(pool.submit([] { return 1; }), parsafe::PoolShutDown);
  EXPECT_THROW(pool.detach([] {}), parsafe::PoolShutDown);
  EXPECT_NO_THROW(pool.shutdown()); // idempotent
}

TEST(ThreadPool, ShutdownUnderLoadFromManyProducers) {
  parsafe::ThreadPool pool(2);
  std::atomic<int> accepted{0}, ran{0}, refused{0};
  std::vector<std::thread> producers;
  for (int p = 0; p < 4; ++p)
    producers.emplace_back([&] {
      for (int i = 0; i < 2000; ++i) {
        try {
          pool.detach([&ran] { ++ran; });
          ++accepted;
        } catch (const parsafe::PoolShutDown&) {
          ++refused;
        }
      }
    });
  std::this_thread::sleep_for(1ms);
  pool.shutdown();
  for (auto& t : producers)
    t.join();
  EXPECT_EQ(accepted.load() + refused.load(), 8000);
  EXPECT_EQ(ran.load(), accepted.load()); // everything accepted ran
}

TEST(ThreadPool, DestructorDrainsPendingWork) {
  std::atomic<int> ran{0};
  {
    parsafe::ThreadPool pool(2);
    for (int i = 0; i < 500; ++i)
      pool.detach([&ran] { ++ran; });
  }
  EXPECT_EQ(ran.load(), 500);
}

TEST(ThreadPool, BoundedQueueBlocksAndTrySubmitRefuses) {
  parsafe::ThreadPool pool(1, parsafe::ThreadPool::Options{2});
  std::atomic<bool> release{false};
  auto blocker = pool.submit([&release] {
    while (!release)
      std::this_thread::sleep_for(1ms);
  });
  // Wait until the worker took the blocker, so the queue is empty.
  while (pool.try_submit([] {}).has_value() == false)
    std::this_thread::sleep_for(1ms);
  auto second = pool.try_submit([] { return 2; });
  auto third = pool.try_submit([] { return 3; });
  EXPECT_FALSE(third.has_value() && second.has_value()) << "queue bound of 2 not enforced";
  std::atomic<bool> submitted{false};
  std::thread producer([&] {
    pool.submit([] {}).get();
    submitted = true;
  });
  std::this_thread::sleep_for(20ms);
  EXPECT_FALSE(submitted.load()) << "submit() did not block on a full queue";
  release = true;
  producer.join();
  EXPECT_TRUE(submitted.load());
  blocker.get();
}

TEST(ThreadPool, OneMillionTinyTasks) {
  const std::size_t n = parsafe::test::scaled(1'000'000);
  parsafe::ThreadPool pool(2);
  std::vector<parsafe::Future<std::size_t>> futures;
  futures.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    futures.push_back(pool.submit([i] { return i; }));
  std::size_t sum = 0;
  for (auto& f : futures)
    sum += f.get();
  EXPECT_EQ(sum, n * (n - 1) / 2);
}

TEST(ThreadPool, AsCompletedVisitsEachFutureOnceInCompletionOrder) {
  parsafe::ThreadPool pool(2);
  std::vector<parsafe::Future<int>> futures;
  futures.push_back(pool.submit([] {
    std::this_thread::sleep_for(50ms);
    return 0;
  }));
  futures.push_back(pool.submit([] { return 1; }));
  futures.push_back(pool.submit([] { return 2; }));
  std::vector<int> seen;
  for (auto& f : parsafe::as_completed(futures))
    seen.push_back(f.get());
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen.back(), 0); // the slow one comes last
}

TEST(ThreadPool, AsCompletedWorksWithStdFutures) {
  std::vector<std::future<int>> futures;
  for (int i = 0; i < 5; ++i)
    futures.push_back(std::async(std::launch::async, [i] { return i; }));
  int sum = 0;
  for (auto& f : parsafe::as_completed(futures))
    sum += f.get();
  EXPECT_EQ(sum, 10);
}

TEST(ThreadPool, WaitFromATaskIsRefusedClearly) {
  parsafe::ThreadPool pool(1);
  auto f = pool.submit([&pool] { pool.wait(); });
  EXPECT_THROW(f.get(), parsafe::Error);
}

TEST(ThreadPool, ConcurrentProducersKeepTheirOwnOrder) {
  // Submissions from several threads at once: one worker must start each
  // producer's tasks in that producer's order (the queue is one FIFO).
  constexpr int kProducers = 4;
  const int per_producer = static_cast<int>(parsafe::test::scaled(20'000));
  parsafe::ThreadPool pool(1);
  std::vector<std::pair<int, int>> started; // only the single worker appends
  std::vector<std::thread> producers;
  for (int p = 0; p < kProducers; ++p)
    producers.emplace_back([&, p] {
      for (int i = 0; i < per_producer; ++i)
        pool.detach([&started, p, i] { started.emplace_back(p, i); });
    });
  for (auto& t : producers)
    t.join();
  pool.wait();
  ASSERT_EQ(started.size(), std::size_t(kProducers) * per_producer);
  std::vector<int> next(kProducers, 0);
  for (auto [p, i] : started)
    ASSERT_EQ(i, next[p]++) << "producer " << p << " started out of order";
}

TEST(ThreadPool, TrySubmitFromManyThreadsFillsExactlyTheBound) {
  constexpr std::size_t kBound = 5;
  parsafe::ThreadPool pool(1, parsafe::ThreadPool::Options{kBound});
  std::atomic<bool> running{false}, release{false};
  auto blocker = pool.submit([&] {
    running = true;
    while (!release)
      std::this_thread::sleep_for(1ms);
  });
  while (!running)
    std::this_thread::sleep_for(1ms);
  // The worker is busy and the queue empty: racing try_submit calls may
  // succeed exactly kBound times in total.
  std::atomic<int> accepted{0}, ran{0};
  std::mutex futures_mutex;
  std::vector<parsafe::Future<void>> futures;
  std::vector<std::thread> producers;
  for (int p = 0; p < 4; ++p)
    producers.emplace_back([&] {
      for (int i = 0; i < 200; ++i)
        if (auto f = pool.try_submit([&ran] { ++ran; })) {
          ++accepted;
          std::lock_guard<std::mutex> lock(futures_mutex);
          futures.push_back(std::move(*f));
        }
    });
  for (auto& t : producers)
    t.join();
  EXPECT_EQ(accepted.load(), int(kBound));
  release = true;
  blocker.get();
  for (auto& f : futures)
    f.get();
  EXPECT_EQ(ran.load(), int(kBound));
}

TEST(ThreadPool, BlockedSubmittersAllGetThrough) {
  // Producers outnumber the room in the queue; every blocked submit must be
  // woken when a worker makes room (a lost notify would hang here).
  Watchdog watchdog("BlockedSubmittersAllGetThrough", std::chrono::seconds(120));
  parsafe::ThreadPool pool(2, parsafe::ThreadPool::Options{3});
  const int per_producer = static_cast<int>(parsafe::test::scaled(10'000));
  std::atomic<long> sum{0};
  std::vector<std::thread> producers;
  for (int p = 0; p < 4; ++p)
    producers.emplace_back([&] {
      for (int i = 0; i < per_producer; ++i)
        pool.detach([&sum, i] { sum += i; });
    });
  for (auto& t : producers)
    t.join();
  pool.wait();
  EXPECT_EQ(sum.load(), 4L * per_producer * (per_producer - 1) / 2);
}

TEST(ThreadPool, WakeUpsAreNotLostWhenWorkersSleep) {
  // Alternate idle gaps (long enough for the workers to stop spinning and
  // sleep) with single submissions and bursts from several threads. Each
  // get() only returns if the submission woke a worker.
  Watchdog watchdog("WakeUpsAreNotLostWhenWorkersSleep", std::chrono::seconds(120));
  parsafe::ThreadPool pool(2);
  const int rounds = static_cast<int>(parsafe::test::scaled(4'000));
  for (int round = 0; round < rounds; ++round) {
    if (round % 8 == 0)
      std::this_thread::sleep_for(std::chrono::microseconds(300));
    if (round % 3 == 0) {
      std::vector<std::thread> burst;
      std::atomic<int> done{0};
      for (int p = 0; p < 3; ++p)
        burst.emplace_back([&] { done += pool.submit([] { return 1; }).get(); });
      for (auto& t : burst)
        t.join();
      ASSERT_EQ(done.load(), 3);
    } else {
      ASSERT_EQ(pool.submit([round] { return round; }).get(), round);
    }
  }
}

TEST(ThreadPool, WaitForTimesOutThenSucceeds) {
  parsafe::ThreadPool pool(1);
  std::atomic<bool> release{false};
  auto f = pool.submit([&release] {
    while (!release)
      std::this_thread::sleep_for(1ms);
    return 5;
  });
  EXPECT_EQ(f.wait_for(5ms), std::future_status::timeout);
  EXPECT_FALSE(f.ready());
  release = true;
  EXPECT_EQ(f.wait_for(60s), std::future_status::ready);
  EXPECT_TRUE(f.ready());
  EXPECT_EQ(f.get(), 5);
  // A timeout beyond the clock's range waits without overflowing.
  release = false;
  auto g = pool.submit([&release] {
    while (!release)
      std::this_thread::sleep_for(1ms);
    return 6;
  });
  std::thread releaser([&release] {
    std::this_thread::sleep_for(10ms);
    release = true;
  });
  EXPECT_EQ(g.wait_for(std::chrono::hours::max()), std::future_status::ready);
  releaser.join();
  EXPECT_EQ(g.get(), 6);
}

TEST(ThreadPool, DroppedFuturesAndCancelledTasksFreeTheirState) {
  // Abandoned futures, results never collected, and cancelled tasks that own
  // resources: each captured shared_ptr must be released (ASan/LSan check the
  // node memory itself).
  auto token = std::make_shared<int>(0);
  {
    parsafe::ThreadPool pool(1);
    std::atomic<bool> release{false};
    auto blocker = pool.submit([&release] {
      while (!release)
        std::this_thread::sleep_for(1ms);
    });
    for (int i = 0; i < 50; ++i) {
      pool.submit([token] { return std::string(100, 'x'); }); // future dropped at once
      auto kept = pool.submit([token] { return std::vector<int>(10, 1); });
      (void)kept; // dropped at the end of the iteration
    }
    std::thread releaser([&release] {
      std::this_thread::sleep_for(5ms);
      release = true;
    });
    pool.shutdown(/*cancel_pending=*/true);
    releaser.join();
  }
  EXPECT_EQ(token.use_count(), 1);
}

TEST(ThreadPool, MoveOnlyAndNonDefaultConstructibleResults) {
  parsafe::ThreadPool pool(2);
  auto owned = pool.submit([] { return std::make_unique<int>(7); });
  EXPECT_EQ(*owned.get(), 7);
  struct NoDefault {
    explicit NoDefault(int v) : value(v) {}
    int value;
  };
  std::vector<int> items{1, 2, 3};
  auto mapped = pool.map([](int x) { return NoDefault(x * 2); }, items);
  ASSERT_EQ(mapped.size(), 3u);
  EXPECT_EQ(mapped[2].value, 6);
  parsafe::Future<int> moved_to;
  moved_to = pool.submit([] { return 9; });
  EXPECT_EQ(moved_to.get(), 9);
}

} // namespace
