// A user header: its declarations stay in the narrowed traversal.
#pragma once

inline long shared_hits = 0;

inline void record_hit() { shared_hits++; }

// Threads started inside a user header: found only if the matcher walk
// still visits user headers.
#include <thread>

inline long header_total = 0;

inline void count_in_two_threads() {
  std::thread first([] { header_total++; });
  std::thread second([] { header_total++; });
  first.join();
  second.join();
}
