// RUN: %check_parsafe %s parsafe-shared-state-race %t -- -- -std=c++17 -I %S/Inputs

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

// The library's own scoped lock class (from its header) says as much as
// std::lock_guard: its users take a lock, and it holds the mutex it is given.
#include "own-mutex-lock.h"
namespace hits {
using Hold = OwnMutexLock;
std::mutex a_mutex, b_mutex;
int total, guarded;
void count_under_a() {
  Hold H(a_mutex);
  ++total;
  ++guarded;
}
void count_under_b() {
  Hold H(b_mutex);
  ++total;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'total': this write runs concurrently with a write of 'total' in another thread, and no lock is held by both
  // CHECK-MESSAGES: :[[@LINE-7]]:3: note: conflicting write of 'total' in a thread here
}
void count_guarded() {
  Hold H(a_mutex);
  ++guarded; // negative: a_mutex on both sides
}
} // namespace hits
