#include <parsafe/channel.hpp>

#include "sanitizer_scale.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

namespace {

TEST(Channel, FifoAndClose) {
  parsafe::Channel<int> ch(4);
  EXPECT_TRUE(ch.push(1));
  EXPECT_TRUE(ch.push(2));
  ch.close();
  EXPECT_FALSE(ch.push(3)); // closed: refused, not blocked
  EXPECT_EQ(ch.pop(), 1);
  EXPECT_EQ(ch.pop(), 2);
  EXPECT_EQ(ch.pop(), std::nullopt); // drained and closed
  EXPECT_TRUE(ch.closed());
}

TEST(Channel, TryVariantsNeverBlock) {
  parsafe::Channel<int> ch(1);
  EXPECT_EQ(ch.try_pop(), std::nullopt);
  int a = 1, b = 2;
  EXPECT_TRUE(ch.try_push(a));
  EXPECT_FALSE(ch.try_push(b)); // full
  EXPECT_EQ(b, 2);              // a refused item stays with the caller
  EXPECT_EQ(ch.try_pop(), 1);
  EXPECT_EQ(ch.pop_for(5ms), std::nullopt);
}

TEST(Channel, PushBlocksWhileFull) {
  parsafe::Channel<int> ch(1);
  ch.push(1);
  std::atomic<bool> pushed{false};
  std::thread producer([&] {
    ch.push(2);
    pushed = true;
  });
  std::this_thread::sleep_for(20ms);
  EXPECT_FALSE(pushed.load());
  EXPECT_EQ(ch.pop(), 1);
  producer.join();
  EXPECT_TRUE(pushed.load());
  EXPECT_EQ(ch.pop(), 2);
}

TEST(Channel, CloseWakesBlockedProducersAndConsumers) {
  parsafe::Channel<int> full(1), empty(1);
  full.push(0);
  std::thread producer([&] { EXPECT_FALSE(full.push(1)); });
  std::thread consumer([&] { EXPECT_EQ(empty.pop(), std::nullopt); });
  std::this_thread::sleep_for(10ms);
  full.close();
  empty.close();
  producer.join();
  consumer.join();
}

TEST(Channel, ManyProducersManyConsumersDeliverEachItemOnce) {
  const int per_producer = static_cast<int>(parsafe::test::scaled(50'000));
  const int producers = 4, consumers = 3;
  parsafe::Channel<int> ch(64);
  std::vector<std::atomic<int>> seen(static_cast<std::size_t>(producers * per_producer));
  std::vector<std::thread> threads;
  for (int p = 0; p < producers; ++p)
    threads.emplace_back([&, p] {
      for (int i = 0; i < per_producer; ++i)
        ch.push(p * per_producer + i);
    });
  std::vector<std::thread> readers;
  std::atomic<long> sum{0};
  for (int c = 0; c < consumers; ++c)
    readers.emplace_back([&] {
      for (int value : ch) {
        ++seen[static_cast<std::size_t>(value)];
        sum += value;
      }
    });
  for (auto& t : threads)
    t.join();
  ch.close();
  for (auto& t : readers)
    t.join();
  for (auto& count : seen)
    ASSERT_EQ(count.load(), 1);
  long n = long(producers) * per_producer;
  EXPECT_EQ(sum.load(), n * (n - 1) / 2);
}

TEST(Channel, MoveOnlyItems) {
  parsafe::Channel<std::unique_ptr<int>> ch(2);
  ch.push(std::make_unique<int>(5));
  auto item = ch.pop();
  ASSERT_TRUE(item.has_value());
  EXPECT_EQ(**item, 5);
}

} // namespace
