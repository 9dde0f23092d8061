// RUN: %check_parsafe %s parsafe-shared-state-race %t -- -- -std=c++17

// A C++ library: member functions that lock, and no thread started here.
#include <mutex>

namespace cache {
long lookups;
std::mutex table_mutex, stats_mutex;

class Table {
public:
  void insert() {
    std::lock_guard<std::mutex> g(table_mutex);
    ++lookups;
  }
  long size() {
    std::scoped_lock g(stats_mutex);
    return lookups;
    // CHECK-MESSAGES: :[[@LINE-5]]:5: warning: data race on 'lookups': this write runs concurrently with a read of 'lookups' in another thread, and no lock is held by both
    // CHECK-MESSAGES: :[[@LINE-2]]:12: note: conflicting read of 'lookups' in a thread here
  }
  long size_locked() {
    std::lock_guard<std::mutex> g(table_mutex);
    return lookups; // negative: table_mutex on both sides
  }
};
} // namespace cache
