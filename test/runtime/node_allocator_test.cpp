// The slab allocator behind task nodes (parsafe/detail/node_allocator.hpp):
// blocks are distinct and aligned, freeing works from any thread and in any
// order, a thread that exits with a half-used slab leaks nothing that a
// later free cannot release, and nodes allocated during thread exit work.
// Plain builds exercise the slabs; under AddressSanitizer nodes come from
// operator new, and the same tests check that path.

#include <parsafe/detail/node_allocator.hpp>
#include <parsafe/thread_pool.hpp>

#include "sanitizer_scale.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <set>
#include <thread>
#include <vector>

using parsafe::detail::allocate_node;
using parsafe::detail::deallocate_node;

namespace {

struct Block {
  void* memory;
  std::size_t bytes;
};

/// Fills each block with a pattern derived from its index, so an overlap
/// between two live blocks shows up as a corrupted pattern.
void fill(const std::vector<Block>& blocks) {
  for (std::size_t i = 0; i < blocks.size(); ++i)
    std::memset(blocks[i].memory, static_cast<int>(i & 0xff), blocks[i].bytes);
}

bool intact(const std::vector<Block>& blocks) {
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    auto* bytes = static_cast<const unsigned char*>(blocks[i].memory);
    for (std::size_t b = 0; b < blocks[i].bytes; ++b)
      if (bytes[b] != (i & 0xff))
        return false;
  }
  return true;
}

std::vector<Block> allocate_mixed(std::size_t count) {
  // Both size classes, a size past them, and odd sizes in between.
  static const std::size_t sizes[] = {8, 40, 64, 65, 100, 128, 129, 512};
  std::vector<Block> blocks;
  for (std::size_t i = 0; i < count; ++i) {
    std::size_t bytes = sizes[i % std::size(sizes)];
    blocks.push_back({allocate_node(bytes), bytes});
  }
  return blocks;
}

TEST(NodeAllocator, BlocksAreDistinctAlignedAndKeepTheirContents) {
  // Enough 64-byte blocks for several slabs.
  std::vector<Block> blocks = allocate_mixed(parsafe::test::scaled(20'000));
  std::set<void*> distinct;
  for (const Block& block : blocks) {
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(block.memory) % 16, 0u);
    distinct.insert(block.memory);
  }
  EXPECT_EQ(distinct.size(), blocks.size());
  fill(blocks);
  EXPECT_TRUE(intact(blocks));
  for (const Block& block : blocks)
    deallocate_node(block.memory, block.bytes);
}

TEST(NodeAllocator, FreedSlabsAreReusedWithoutOverlap) {
  for (int round = 0; round < 5; ++round) {
    std::vector<Block> blocks = allocate_mixed(parsafe::test::scaled(10'000));
    // Free every other block, allocate again into the holes' slabs.
    std::vector<Block> kept;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      if (i % 2 == 0)
        deallocate_node(blocks[i].memory, blocks[i].bytes);
      else
        kept.push_back(blocks[i]);
    }
    std::vector<Block> more = allocate_mixed(blocks.size() / 2);
    kept.insert(kept.end(), more.begin(), more.end());
    fill(kept);
    EXPECT_TRUE(intact(kept));
    for (const Block& block : kept)
      deallocate_node(block.memory, block.bytes);
  }
}

TEST(NodeAllocator, BlocksFreedOnOtherThreadsInAnyOrder) {
  std::vector<Block> blocks = allocate_mixed(parsafe::test::scaled(40'000));
  fill(blocks);
  std::shuffle(blocks.begin(), blocks.end(), std::mt19937(7));
  std::vector<std::thread> freers;
  const std::size_t per_thread = blocks.size() / 4;
  for (std::size_t t = 0; t < 4; ++t)
    freers.emplace_back([&, t] {
      std::size_t end = t == 3 ? blocks.size() : (t + 1) * per_thread;
      for (std::size_t i = t * per_thread; i < end; ++i)
        deallocate_node(blocks[i].memory, blocks[i].bytes);
    });
  for (std::thread& freer : freers)
    freer.join();
  // The slabs are free again: a new batch fits and keeps its contents.
  std::vector<Block> again = allocate_mixed(parsafe::test::scaled(40'000));
  fill(again);
  EXPECT_TRUE(intact(again));
  for (const Block& block : again)
    deallocate_node(block.memory, block.bytes);
}

TEST(NodeAllocator, ThreadExitingWithAHalfUsedSlab) {
  // Each thread hands out part of a slab and exits; the main thread frees
  // the blocks afterwards (the slabs are released by those frees).
  for (int round = 0; round < 20; ++round) {
    std::vector<Block> blocks;
    std::thread([&] { blocks = allocate_mixed(300); }).join();
    fill(blocks);
    EXPECT_TRUE(intact(blocks));
    for (const Block& block : blocks)
      deallocate_node(block.memory, block.bytes);
  }
}

thread_local struct ExitAllocator {
  std::vector<Block>* sink = nullptr;
  ~ExitAllocator() {
    // Runs among the thread's exit destructors, possibly after the
    // allocator's own per-thread state is gone.
    if (sink != nullptr)
      *sink = allocate_mixed(50);
  }
} exit_allocator;

TEST(NodeAllocator, AllocationDuringThreadExit) {
  std::vector<Block> blocks;
  std::thread([&] {
    deallocate_node(allocate_node(64), 64); // create the allocator's per-thread state
    exit_allocator.sink = &blocks;
  }).join();
  ASSERT_EQ(blocks.size(), 50u);
  fill(blocks);
  EXPECT_TRUE(intact(blocks));
  for (const Block& block : blocks)
    deallocate_node(block.memory, block.bytes);
}

TEST(NodeAllocator, PoolTasksOutliveTheSubmittingThread) {
  // Nodes allocated on short-lived threads, completed by workers, read and
  // freed on the main thread.
  parsafe::ThreadPool pool(2);
  std::vector<parsafe::Future<std::size_t>> futures;
  for (int t = 0; t < 8; ++t)
    std::thread([&, t] {
      for (std::size_t i = 0; i < 500; ++i)
        futures.push_back(pool.submit([t, i] { return t * 1000 + i; }));
    }).join();
  std::size_t sum = 0;
  for (auto& future : futures)
    sum += future.get();
  std::size_t expected = 0;
  for (std::size_t t = 0; t < 8; ++t)
    for (std::size_t i = 0; i < 500; ++i)
      expected += t * 1000 + i;
  EXPECT_EQ(sum, expected);
}

}  // namespace
