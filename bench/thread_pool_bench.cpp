// parsafe::ThreadPool against oneTBB, standalone Asio and std::async on the
// same three workloads, with the same worker count:
//   (a) TinyTasks: 1,000,000 tiny tasks submitted, then every result collected
//   (b) Map:       a function over 1,000,000 items, results in input order
//   (c) RoundTrip: one task submitted and waited for (latency)
// Each peer uses its idiomatic way to get results back: futures where it has
// them (parsafe, Asio + std::packaged_task, std::async), result slots and
// task_group::wait / parallel_for where it does not (TBB).
#include <parsafe/thread_pool.hpp>

#include <asio/post.hpp>
#include <asio/thread_pool.hpp>
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include <future>
#include <numeric>
#include <vector>

namespace {

constexpr unsigned kWorkers = 2;
constexpr std::size_t kTasks = 1'000'000;
constexpr std::size_t kAsyncTasks = 10'000; // std::async starts a thread per task
// Every TinyTasks benchmark runs one untimed round first: the timed rounds
// measure the steady state, not the first touch of fresh heap pages (1M
// futures keep 1M results alive; on this VM a page fault costs several µs,
// which made parsafe's first round 5-10x slower than the next ones).
// kMapWarmUp: so does every Map benchmark. A map's first round in a
// repetition pays the first touch of its 8 MB result (and the pool's threads
// starting): 3-6 ms against 0.3-0.5 ms, for every library alike, which was
// the 7-15x "spread" of the Map rows.

inline long tiny(long x) { return x * 3 + 1; }

std::vector<long> inputs(std::size_t n) {
  std::vector<long> v(n);
  std::iota(v.begin(), v.end(), 0);
  return v;
}

// ---------------------------------------------------------------- (a)

void TinyTasks_parsafe(benchmark::State& state) {
  parsafe::ThreadPool pool(kWorkers);
  std::vector<parsafe::Future<long>> futures;
  futures.reserve(kTasks);
  auto round = [&] {
    futures.clear();
    for (std::size_t i = 0; i < kTasks; ++i)
      futures.push_back(pool.submit(tiny, long(i)));
    long sum = 0;
    for (auto& f : futures)
      sum += f.get();
    benchmark::DoNotOptimize(sum);
  };
  round(); // warm-up, see kWarmUp
  for (auto _ : state)
    round();
  state.SetItemsProcessed(state.iterations() * kTasks);
}

void TinyTasks_tbb(benchmark::State& state) {
  tbb::task_arena arena(kWorkers);
  std::vector<long> results(kTasks);
  auto round = [&] {
    arena.execute([&] {
      tbb::task_group group;
      for (std::size_t i = 0; i < kTasks; ++i)
        group.run([&results, i] { results[i] = tiny(long(i)); });
      group.wait();
    });
    benchmark::DoNotOptimize(std::accumulate(results.begin(), results.end(), 0L));
  };
  round(); // warm-up
  for (auto _ : state)
    round();
  state.SetItemsProcessed(state.iterations() * kTasks);
}

void TinyTasks_asio(benchmark::State& state) {
  asio::thread_pool pool(kWorkers);
  std::vector<std::future<long>> futures;
  futures.reserve(kTasks);
  auto round = [&] {
    futures.clear();
    for (std::size_t i = 0; i < kTasks; ++i) {
      std::packaged_task<long()> task([i] { return tiny(long(i)); });
      futures.push_back(task.get_future());
      asio::post(pool, std::move(task));
    }
    long sum = 0;
    for (auto& f : futures)
      sum += f.get();
    benchmark::DoNotOptimize(sum);
  };
  round(); // warm-up
  for (auto _ : state)
    round();
  state.SetItemsProcessed(state.iterations() * kTasks);
  pool.join();
}

void TinyTasks_std_async(benchmark::State& state) {
  std::vector<std::future<long>> futures;
  futures.reserve(kAsyncTasks);
  auto round = [&] {
    futures.clear();
    for (std::size_t i = 0; i < kAsyncTasks; ++i)
      futures.push_back(std::async(std::launch::async, tiny, long(i)));
    long sum = 0;
    for (auto& f : futures)
      sum += f.get();
    benchmark::DoNotOptimize(sum);
  };
  round(); // warm-up
  for (auto _ : state)
    round();
  state.SetItemsProcessed(state.iterations() * kAsyncTasks);
}

// ---------------------------------------------------------------- (b)

void Map_parsafe(benchmark::State& state) {
  parsafe::ThreadPool pool(kWorkers);
  const std::vector<long> items = inputs(kTasks);
  auto round = [&] {
    // A lambda, like the peers' inlined calls (a function pointer would cost
    // an indirect call per item).
    std::vector<long> out = pool.map([](long x) { return tiny(x); }, items);
    benchmark::DoNotOptimize(out.data());
  };
  round(); // warm-up, see kMapWarmUp
  for (auto _ : state)
    round();
  state.SetItemsProcessed(state.iterations() * kTasks);
}

/// oneTBB's map: `parallel_for` writing results in place (inside an arena).
std::vector<long> tbb_map(const std::vector<long>& items) {
  std::vector<long> out(items.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, items.size()),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      for (std::size_t i = r.begin(); i != r.end(); ++i)
                        out[i] = tiny(items[i]);
                    });
  return out;
}

void Map_tbb(benchmark::State& state) {
  tbb::task_arena arena(kWorkers);
  const std::vector<long> items = inputs(kTasks);
  auto round = [&] {
    arena.execute([&] {
      std::vector<long> out = tbb_map(items);
      benchmark::DoNotOptimize(out.data());
    });
  };
  round(); // warm-up
  for (auto _ : state)
    round();
  state.SetItemsProcessed(state.iterations() * kTasks);
}

// (b') The fixed cost of one map: many maps of 1,000 items each. oneTBB's
// caller runs such a map on its own; so does parsafe's since its caller
// leads (helpers are queued only for more than ~20 µs of work).
constexpr std::size_t kSmallMapItems = 1000;
constexpr std::size_t kSmallMaps = 2000;

void SmallMap_parsafe(benchmark::State& state) {
  parsafe::ThreadPool pool(kWorkers);
  const std::vector<long> items = inputs(kSmallMapItems);
  auto round = [&] {
    for (std::size_t m = 0; m < kSmallMaps; ++m) {
      std::vector<long> out = pool.map([](long x) { return tiny(x); }, items);
      benchmark::DoNotOptimize(out.data());
    }
  };
  round(); // warm-up
  for (auto _ : state)
    round();
  state.SetItemsProcessed(state.iterations() * kSmallMaps * kSmallMapItems);
}

void SmallMap_tbb(benchmark::State& state) {
  tbb::task_arena arena(kWorkers);
  const std::vector<long> items = inputs(kSmallMapItems);
  auto round = [&] {
    arena.execute([&] {
      for (std::size_t m = 0; m < kSmallMaps; ++m) {
        std::vector<long> out = tbb_map(items);
        benchmark::DoNotOptimize(out.data());
      }
    });
  };
  round(); // warm-up
  for (auto _ : state)
    round();
  state.SetItemsProcessed(state.iterations() * kSmallMaps * kSmallMapItems);
}

template <class Launch>
std::vector<long> chunked_map(const std::vector<long>& items, std::size_t chunks, Launch launch) {
  std::vector<long> out(items.size());
  std::vector<std::future<void>> parts;
  std::size_t begin = 0;
  for (std::size_t c = 0; c < chunks; ++c) {
    std::size_t end = begin + items.size() / chunks + (c < items.size() % chunks ? 1 : 0);
    parts.push_back(launch([&items, &out, begin, end] {
      for (std::size_t i = begin; i < end; ++i)
        out[i] = tiny(items[i]);
    }));
    begin = end;
  }
  for (auto& p : parts)
    p.get();
  return out;
}

void Map_asio(benchmark::State& state) {
  asio::thread_pool pool(kWorkers);
  const std::vector<long> items = inputs(kTasks);
  auto round = [&] {
    auto out = chunked_map(items, kWorkers * 4, [&pool](auto fn) {
      std::packaged_task<void()> task(std::move(fn));
      auto f = task.get_future();
      asio::post(pool, std::move(task));
      return f;
    });
    benchmark::DoNotOptimize(out.data());
  };
  round(); // warm-up
  for (auto _ : state)
    round();
  state.SetItemsProcessed(state.iterations() * kTasks);
  pool.join();
}

void Map_std_async(benchmark::State& state) {
  const std::vector<long> items = inputs(kTasks);
  auto round = [&] {
    auto out = chunked_map(items, kWorkers * 4,
                           [](auto fn) { return std::async(std::launch::async, std::move(fn)); });
    benchmark::DoNotOptimize(out.data());
  };
  round(); // warm-up
  for (auto _ : state)
    round();
  state.SetItemsProcessed(state.iterations() * kTasks);
}

// ---------------------------------------------------------------- (c)

void RoundTrip_parsafe(benchmark::State& state) {
  parsafe::ThreadPool pool(kWorkers);
  for (auto _ : state)
    benchmark::DoNotOptimize(pool.submit(tiny, 1L).get());
}

void RoundTrip_tbb(benchmark::State& state) {
  tbb::task_arena arena(kWorkers);
  for (auto _ : state) {
    long result = 0;
    arena.execute([&] {
      tbb::task_group group;
      group.run([&result] { result = tiny(1); });
      group.wait();
    });
    benchmark::DoNotOptimize(result);
  }
}

void RoundTrip_asio(benchmark::State& state) {
  asio::thread_pool pool(kWorkers);
  for (auto _ : state) {
    std::packaged_task<long()> task([] { return tiny(1); });
    auto f = task.get_future();
    asio::post(pool, std::move(task));
    benchmark::DoNotOptimize(f.get());
  }
  pool.join();
}

void RoundTrip_std_async(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(std::async(std::launch::async, tiny, 1L).get());
}

} // namespace

BENCHMARK(TinyTasks_parsafe)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();
BENCHMARK(TinyTasks_tbb)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();
BENCHMARK(TinyTasks_asio)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();
BENCHMARK(TinyTasks_std_async)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();
BENCHMARK(Map_parsafe)->Unit(benchmark::kMillisecond)->Iterations(20)->UseRealTime();
BENCHMARK(Map_tbb)->Unit(benchmark::kMillisecond)->Iterations(20)->UseRealTime();
BENCHMARK(Map_asio)->Unit(benchmark::kMillisecond)->Iterations(20)->UseRealTime();
BENCHMARK(Map_std_async)->Unit(benchmark::kMillisecond)->Iterations(20)->UseRealTime();
BENCHMARK(SmallMap_parsafe)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();
BENCHMARK(SmallMap_tbb)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();
BENCHMARK(RoundTrip_parsafe)->Unit(benchmark::kMicrosecond)->MinTime(0.5)->UseRealTime();
BENCHMARK(RoundTrip_tbb)->Unit(benchmark::kMicrosecond)->MinTime(0.5)->UseRealTime();
BENCHMARK(RoundTrip_asio)->Unit(benchmark::kMicrosecond)->MinTime(0.5)->UseRealTime();
BENCHMARK(RoundTrip_std_async)->Unit(benchmark::kMicrosecond)->MinTime(0.5)->UseRealTime();

BENCHMARK_MAIN();
