#include <parsafe/guarded.hpp>
#include <parsafe/thread_pool.hpp>

#include "sanitizer_scale.hpp"

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

TEST(Guarded, ManyWritersCountExactly) {
  parsafe::Guarded<long> counter(0);
  const int per_thread = static_cast<int>(parsafe::test::scaled(200'000));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < per_thread; ++i)
        counter.with_lock([](long& value) { ++value; });
    });
  for (auto& t : threads)
    t.join();
  EXPECT_EQ(counter.snapshot(), 4L * per_thread);
}

TEST(Guarded, LockedHandleIsOneCriticalSection) {
  parsafe::Guarded<std::vector<int>> values;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&values, t] {
      for (int i = 0; i < 100; ++i) {
        auto v = values.lock();
        v->push_back(t);
        v->push_back(t); // the pair is never split by another writer
      }
    });
  for (auto& t : threads)
    t.join();
  auto v = values.read();
  ASSERT_EQ(v->size(), 800u);
  for (std::size_t i = 0; i < v->size(); i += 2)
    EXPECT_EQ((*v)[i], (*v)[i + 1]);
}

TEST(Guarded, SharedReadersRunTogether) {
  parsafe::Guarded<std::map<std::string, int>> table;
  table.with_lock([](auto& m) { m["a"] = 1; });
  std::atomic<int> inside{0}, most{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t)
    readers.emplace_back([&] {
      table.with_shared_lock([&](const auto& m) {
        int now = ++inside;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        --inside;
        return m.at("a");
      });
    });
  for (auto& t : readers)
    t.join();
  EXPECT_GE(most.load(), 2) << "shared locks did not overlap";
}

TEST(Guarded, WithLockReturnsTheResult) {
  parsafe::Guarded<std::vector<int>, std::mutex> values(3, 7);
  EXPECT_EQ(values.with_lock([](auto& v) { return v.size(); }), 3u);
  EXPECT_EQ(values.with_shared_lock([](const auto& v) { return v[0]; }), 7);
}

TEST(Guarded, SharedResultListBuiltFromAPool) {
  parsafe::Guarded<std::vector<int>> results;
  parsafe::ThreadPool pool(2);
  for (int i = 0; i < 1000; ++i)
    pool.detach([&results, i] { results.with_lock([i](auto& v) { v.push_back(i * i); }); });
  pool.wait();
  EXPECT_EQ(results.read()->size(), 1000u);
}

} // namespace
