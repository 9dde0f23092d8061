// Slab allocation of task nodes (see parsafe/detail/node_allocator.hpp).
//
// A slab is kSlabBytes of memory aligned to its own size, so the slab of any
// block is found by masking the block's address. Its first block holds the
// header. `outstanding` starts at the slab's block count and drops by one
// for every block freed; blocks never handed out (a thread that exits with
// a half-used slab) are dropped together. Whoever drops it to zero owns the
// slab again: the acq_rel decrements order every earlier use of the slab's
// blocks before its reuse.
//
// Under AddressSanitizer nodes come from operator new, so use-after-free of
// a node stays detectable.

#include <parsafe/detail/node_allocator.hpp>

#include <sys/mman.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <new>
#include <vector>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PARSAFE_NODES_FROM_OPERATOR_NEW 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define PARSAFE_NODES_FROM_OPERATOR_NEW 1
#endif

namespace parsafe::detail {

#ifdef PARSAFE_NODES_FROM_OPERATOR_NEW

void* allocate_node(std::size_t bytes) { return ::operator new(bytes); }
void deallocate_node(void* node, std::size_t) noexcept { ::operator delete(node); }

#else

namespace {

constexpr std::size_t kSlabBytes = 64 * 1024;
// Two size classes; a node of 65..128 bytes takes a 128-byte block.
constexpr std::size_t kBlockBytes[] = {64, kMaxSlabNodeBytes};
constexpr int kClasses = 2;
// Slabs mapped at once (1 MiB).
constexpr std::size_t kSlabsPerRegion = 16;
// Free slabs kept for reuse: 64 MiB, a million outstanding 64-byte nodes.
// A program that keeps that many tasks in flight once will likely do it
// again, and re-faulting the pages costs more than the nodes' work; beyond
// the cap, freed slabs are unmapped.
constexpr std::size_t kCachedSlabs = 1024;

struct alignas(64) SlabHeader {
  std::atomic<std::size_t> outstanding;
};

std::size_t blocks_per_slab(int size_class) {
  // The header takes the first block.
  return kSlabBytes / kBlockBytes[size_class] - 1;
}

/// Free slabs. Memory comes straight from mmap, kSlabsPerRegion slabs at a
/// time: malloc would serve a 64 KiB block aligned to 64 KiB from a fresh
/// mmap each time (the request crosses its mmap threshold) and unmap it on
/// free, so every slab would start with 16 page faults.
class SlabCache {
public:
  void* take() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (free_.empty())
      map_region();
    void* slab = free_.back();
    free_.pop_back();
    return slab;
  }

  void give_back(void* slab) noexcept {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (free_.size() < kCachedSlabs) {
        free_.push_back(slab);
        return;
      }
    }
    ::munmap(slab, kSlabBytes);
  }

private:
  /// Maps kSlabsPerRegion slabs aligned to kSlabBytes onto free_.
  void map_region() {
    const std::size_t bytes = kSlabsPerRegion * kSlabBytes;
    // Over-map by one slab, then unmap the unaligned head and the tail.
    void* mapped = ::mmap(nullptr, bytes + kSlabBytes, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED)
      throw std::bad_alloc();
    auto begin = reinterpret_cast<std::uintptr_t>(mapped);
    auto aligned = (begin + kSlabBytes - 1) & ~(std::uintptr_t{kSlabBytes} - 1);
    if (aligned != begin)
      ::munmap(mapped, aligned - begin);
    if (std::size_t tail = kSlabBytes - (aligned - begin))
      ::munmap(reinterpret_cast<void*>(aligned + bytes), tail);
    free_.reserve(free_.size() + kSlabsPerRegion);
    for (std::size_t i = kSlabsPerRegion; i-- > 0;)
      free_.push_back(reinterpret_cast<void*>(aligned + i * kSlabBytes));
  }

  std::mutex mutex_;
  std::vector<void*> free_;
};

SlabCache& slab_cache() {
  // Never destroyed: nodes may be freed while static destructors run.
  static SlabCache* const cache = new SlabCache;
  return *cache;
}

SlabHeader* new_slab(int size_class) {
  void* memory = slab_cache().take();
  auto* header = ::new (memory) SlabHeader;
  header->outstanding.store(blocks_per_slab(size_class), std::memory_order_relaxed);
  return header;
}

void drop(SlabHeader* slab, std::size_t blocks) noexcept {
  if (blocks != 0 && slab->outstanding.fetch_sub(blocks, std::memory_order_acq_rel) == blocks) {
    slab->~SlabHeader();
    slab_cache().give_back(slab);
  }
}

/// The slab each size class currently allocates from, on this thread.
class ThreadSlabs {
public:
  ~ThreadSlabs() {
    for (int c = 0; c < kClasses; ++c)
      if (slab_[c] != nullptr)
        drop(slab_[c], static_cast<std::size_t>(end_[c] - cursor_[c]) / kBlockBytes[c]);
    destroyed_ = true;
  }

  void* allocate(int c) {
    if (cursor_[c] == end_[c]) {
      // The previous slab is fully handed out: its blocks' frees release it.
      slab_[c] = new_slab(c);
      cursor_[c] = reinterpret_cast<char*>(slab_[c]) + kBlockBytes[c];
      end_[c] = reinterpret_cast<char*>(slab_[c]) + kSlabBytes;
    }
    void* block = cursor_[c];
    cursor_[c] += kBlockBytes[c];
    return block;
  }

  /// True once this thread's slabs were handed back (thread exit): a node
  /// allocated later gets a slab of its own.
  static bool destroyed() noexcept { return destroyed_; }

private:
  SlabHeader* slab_[kClasses] = {};
  char* cursor_[kClasses] = {};
  char* end_[kClasses] = {};
  static thread_local bool destroyed_;
};

thread_local bool ThreadSlabs::destroyed_ = false;
thread_local ThreadSlabs thread_slabs;

}  // namespace

void* allocate_node(std::size_t bytes) {
  if (bytes > kMaxSlabNodeBytes)
    return ::operator new(bytes);
  const int size_class = bytes <= kBlockBytes[0] ? 0 : 1;
  if (ThreadSlabs::destroyed()) {
    // Allocating during this thread's exit, after its slabs went back: a
    // slab that only this block will release.
    SlabHeader* slab = new_slab(size_class);
    drop(slab, blocks_per_slab(size_class) - 1);
    return reinterpret_cast<char*>(slab) + kBlockBytes[size_class];
  }
  return thread_slabs.allocate(size_class);
}

void deallocate_node(void* node, std::size_t bytes) noexcept {
  if (bytes > kMaxSlabNodeBytes) {
    ::operator delete(node);
    return;
  }
  auto address = reinterpret_cast<std::uintptr_t>(node);
  drop(reinterpret_cast<SlabHeader*>(address & ~(std::uintptr_t{kSlabBytes} - 1)), 1);
}

#endif

}  // namespace parsafe::detail
