// parsafe/detail/node_allocator.hpp — memory for task nodes.
//
// Every submitted task is one small heap node (64 bytes for a typical
// callable and result) that lives from submit() until its Future is read.
// A batch of a million outstanding nodes defeats malloc's per-thread caches:
// glibc ends up sorting and splitting free chunks on every allocation
// (measured: a third of the time of 1M tiny tasks, see bench/README.md).
// Nodes are therefore carved from 64 KiB slabs: allocation bumps a
// thread-local cursor, freeing — from any thread — decrements the slab's
// count of outstanding blocks, and the thread that frees the last block
// returns the whole slab to a small shared cache for reuse.
#pragma once

#include <cstddef>

namespace parsafe::detail {

/// Largest node served from slabs; bigger ones go to operator new.
inline constexpr std::size_t kMaxSlabNodeBytes = 128;

/// Memory for a node of `bytes` bytes, aligned to at least 16 (64 for the
/// nodes served from slabs). Throws std::bad_alloc.
void* allocate_node(std::size_t bytes);
/// Frees memory from allocate_node(bytes), on any thread.
void deallocate_node(void* node, std::size_t bytes) noexcept;

}  // namespace parsafe::detail
