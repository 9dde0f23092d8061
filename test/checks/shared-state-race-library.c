// RUN: %check_parsafe %s parsafe-shared-state-race %t -- -- -std=c11 -D_GNU_SOURCE
// RUN: %parsafe_tidy -checks='-*,parsafe-shared-state-race' %s \
// RUN:   -config="{CheckOptions: {parsafe-shared-state-race.LibraryFunctionsAsThreads: false}}" \
// RUN:   -- -std=c11 | FileCheck %s --check-prefix=OFF --allow-empty
// OFF-NOT: warning:

// A library: no main, no thread started here, functions that lock. Its
// externally visible lock-taking functions are taken to be called from
// different threads at the same time.
#include <pthread.h>

int hits, guarded_hits, unlocked_hits, helper_hits;
pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;

void count_under_a(void) {
  pthread_mutex_lock(&lock_a);
  hits++;
  guarded_hits++;
  pthread_mutex_unlock(&lock_a);
}

void count_under_b(void) {
  pthread_mutex_lock(&lock_b);
  hits++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'hits': this write runs concurrently with a write of 'hits' in another thread, and no lock is held by both
  // CHECK-MESSAGES: :[[@LINE-9]]:3: note: conflicting write of 'hits' in a thread here
  // CHECK-MESSAGES: :[[@LINE-5]]:6: note: this file has no main and starts no thread, and 'count_under_b' and 'count_under_a' take locks: they are taken to be called from different threads at the same time
  pthread_mutex_unlock(&lock_b);
  pthread_mutex_lock(&lock_a);
  guarded_hits++; // negative: lock_a on both sides
  pthread_mutex_unlock(&lock_a);
}

// Negative: a function that takes no lock is not taken as a thread, nor is
// a static one (only this file calls it).
void count_unlocked(void) { unlocked_hits++; helper_hits++; }
static void count_helper(void) {
  pthread_mutex_lock(&lock_b);
  unlocked_hits++;
  pthread_mutex_unlock(&lock_b);
}
void use_helper(void) { count_helper(); }
