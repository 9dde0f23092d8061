// RUN: %check_parsafe %s parsafe-shared-state-race %t -- -- -std=c11 -D_GNU_SOURCE

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <threads.h>

int counter;
int protected_counter;
_Atomic int atomic_counter;
_Thread_local int per_thread;
const int limit = 10;
int slots[8];
struct stats { int done; int failed; } stats;
pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t other_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_rwlock_t table_lock = PTHREAD_RWLOCK_INITIALIZER;
int table;
int wrong_lock_counter;

static void bump(void) { counter++; }

// ---------------------------------------------------------------- positives

void *worker(void *arg) {
  bump();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'counter': this write (through a call) runs concurrently with a write of 'counter' in another thread, and no lock is held by both [parsafe-shared-state-race]
  // CHECK-MESSAGES: :[[@LINE-7]]:26: note: the write of 'counter' is here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the same write runs in every copy of the thread, at the same time
  // CHECK-MESSAGES: :{{[0-9]+}}:5: note: the thread is started here (more than one runs at once)
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: make 'counter' std::atomic (or _Atomic in C), or hold the same mutex around every access
  pthread_mutex_lock(&lock);
  protected_counter++;
  pthread_mutex_unlock(&lock);
  pthread_mutex_lock(&other_lock);
  wrong_lock_counter++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'wrong_lock_counter': this write runs concurrently with a write of 'wrong_lock_counter' in another thread
  // CHECK-MESSAGES: :{{[0-9]+}}:3: note: conflicting write of 'wrong_lock_counter' in a thread here
  pthread_mutex_unlock(&other_lock);
  atomic_counter++;
  per_thread++;
  slots[(long)arg] = limit;
  stats.done++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'stats.done': this write runs concurrently with a write of 'stats.done' in another thread
  pthread_rwlock_wrlock(&table_lock);
  table++;
  pthread_rwlock_unlock(&table_lock);
  return 0;
}

// Different mutexes do not protect each other.
void *other_worker(void *arg) {
  pthread_mutex_lock(&lock);
  wrong_lock_counter--; // the other side of the race reported in worker()
  pthread_mutex_unlock(&lock);
  pthread_rwlock_rdlock(&table_lock);
  int seen = table; // a read under the read lock: excluded by the writer's wrlock
  pthread_rwlock_unlock(&table_lock);
  stats.failed = seen;
  return arg;
}

int run_workers(void) {
  pthread_t threads[4];
  pthread_t other;
  for (long i = 0; i < 4; i++)
    pthread_create(&threads[i], 0, worker, (void *)i);
  pthread_create(&other, 0, other_worker, 0);
  for (int i = 0; i < 4; i++)
    pthread_join(threads[i], 0);
  pthread_join(other, 0);
  return counter + stats.done; // after the joins: no race
}

// The spawner touches the global while the thread runs.
int flag;
void *set_flag(void *arg) {
  flag = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'flag': this write runs concurrently with a read of 'flag' in another thread
  // CHECK-MESSAGES: :[[@LINE+6]]:11: note: conflicting read of 'flag' in the spawning thread here
  return arg;
}
int poll_flag(void) {
  pthread_t t;
  pthread_create(&t, 0, set_flag, 0);
  while (!flag) {
  }
  pthread_join(t, 0);
  return flag;
}

// C11 threads.
int c11_total;
static int c11_worker(void *arg) {
  c11_total += 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'c11_total'
  return arg != 0;
}
void run_c11(void) {
  thrd_t a, b;
  thrd_create(&a, c11_worker, 0);
  thrd_create(&b, c11_worker, 0);
  thrd_join(a, 0);
  thrd_join(b, 0);
}

// ---------------------------------------------------------------- negatives

// Touched only before the first spawn and after the last join.
int setup_value;
void *read_setup(void *arg) { return (void *)(long)setup_value; }
void sequential(void) {
  setup_value = 1;
  pthread_t t;
  pthread_create(&t, 0, read_setup, 0);
  pthread_join(t, 0);
  setup_value = 2;
}

// Joined in the same iteration: one thread at a time.
int serial_total;
void *add_serial(void *arg) {
  serial_total++;
  return arg;
}
void one_at_a_time(void) {
  for (int i = 0; i < 4; i++) {
    pthread_t t;
    pthread_create(&t, 0, add_serial, 0);
    pthread_join(t, 0);
  }
}

// Every thread reads, none writes.
int config = 3;
void *reader(void *arg) { return (void *)(long)(config * 2); }
void readers_only(void) {
  pthread_t a, b;
  pthread_create(&a, 0, reader, 0);
  pthread_create(&b, 0, reader, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
}

// ------------------------------------------- C library calls and sizeof

#include <string.h>

// memset writes the object it is given; memcpy reads its source.
long hit_count;
char last_name[16];
void *count_hits(void *arg) {
  hit_count++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'hit_count': this write runs concurrently with a write of 'hit_count' in another thread, and no lock is held by both [parsafe-shared-state-race]
  // CHECK-MESSAGES: :[[@LINE+13]]:3: note: conflicting write of 'hit_count' in the spawning thread here
  // CHECK-MESSAGES: :[[@LINE+11]]:3: note: the thread is started here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: make 'hit_count' std::atomic (or _Atomic in C), or hold the same mutex around every access
  strcpy(last_name, "worker");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'last_name': this write runs concurrently with a read of 'last_name' in another thread, and no lock is held by both [parsafe-shared-state-race]
  // CHECK-MESSAGES: :[[@LINE+10]]:16: note: conflicting read of 'last_name' in the spawning thread here
  // CHECK-MESSAGES: :[[@LINE+6]]:3: note: the thread is started here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: wrap 'last_name' in parsafe::Guarded<T>
  return arg;
}
void reset_while_counting(void) {
  pthread_t t;
  pthread_create(&t, 0, count_hits, 0);
  memset(&hit_count, 0, sizeof hit_count);
  char copy[16];
  memcpy(copy, last_name, sizeof copy);
  pthread_join(t, 0);
}

// free() while a thread still uses the block.
void *use_block(void *arg) {
  *(int *)arg += 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on '*block': this write runs concurrently with a free of '*block' in another thread, and no lock is held by both [parsafe-shared-state-race]
  // CHECK-MESSAGES: :[[@LINE+10]]:3: note: conflicting free of '*block' in the spawning thread here
  // CHECK-MESSAGES: :[[@LINE+8]]:3: note: the thread is started here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: release the memory of '*block' only after every thread that uses it is joined (pthread_join){{$}}
  return 0;
}
void free_too_early(void) {
  int *block = malloc(sizeof *block);
  *block = 0;
  pthread_t t;
  pthread_create(&t, 0, use_block, block);
  free(block);
  pthread_join(t, 0);
}

// realloc() while a thread still uses the block: the block may move.
void *read_grown(void *arg) {
  return (void *)(long)((int *)arg)[0];
}
int *grow_too_early(int *cells) {
  pthread_t t;
  pthread_create(&t, 0, read_grown, cells);
  int *grown = realloc(cells, 64 * sizeof *cells);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: data race on '*cells': this realloc runs concurrently with a read of '*cells' in another thread, and no lock is held by both [parsafe-shared-state-race]
  // CHECK-MESSAGES: :[[@LINE-7]]:24: note: conflicting read of '*cells' in a thread here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: the thread is started here
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: release the memory of '*cells' only after every thread that uses it is joined (pthread_join){{$}}
  pthread_join(t, 0);
  return grown;
}

// Negatives: sizeof, _Generic and typeof do not evaluate their operand (a
// VLA's size does); the library writes into a buffer of the spawner's own;
// free after the join.
long sized_total;
void *add_sized(void *arg) {
  sized_total += 2;
  return arg;
}
void unevaluated_operands(int n) {
  pthread_t t;
  pthread_create(&t, 0, add_sized, 0);
  long bytes = sizeof sized_total + sizeof(sized_total) + _Alignof(long);
  int kind = _Generic(sized_total, long: 1, default: 0);
  __typeof__(sized_total) same_type = 0;
  char own[32];
  memset(own, 0, sizeof own);
  snprintf(own, sizeof own, "%ld", bytes + kind + same_type + n);
  pthread_join(t, 0);
}
// Each thread fills in and frees its own heap job: per-thread, silent.
struct named_job { int id; char name[16]; };
void *finish_own_job(void *arg) {
  struct named_job *job = arg;
  strcpy(job->name, "done");
  free(job);
  return 0;
}
void own_jobs_freed_by_threads(void) {
  pthread_t t[4];
  for (int i = 0; i < 4; i++) {
    struct named_job *job = malloc(sizeof *job);
    job->id = i;
    pthread_create(&t[i], 0, finish_own_job, job);
  }
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
}
void free_after_join(void) {
  int *block = malloc(sizeof *block);
  *block = 0;
  pthread_t t;
  pthread_create(&t, 0, use_block, block);
  pthread_join(t, 0);
  free(block);
}

// ------------------------------- mutexes passed to a helper that locks them

// The helper locks whatever mutex its caller passes: the thread passes one,
// the spawner another.
long munged;
pthread_mutex_t munge_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t munge_b = PTHREAD_MUTEX_INITIALIZER;
static void munge(pthread_mutex_t *m) {
  pthread_mutex_lock(m);
  munged++;
  pthread_mutex_unlock(m);
}
void *munge_with_a(void *arg) {
  munge(&munge_a);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'munged': this write (through a call) runs concurrently with a write of 'munged' in another thread, and no lock is held by both [parsafe-shared-state-race]
  // CHECK-MESSAGES: :[[@LINE-6]]:3: note: the write of 'munged' is here
  // CHECK-MESSAGES: :[[@LINE+7]]:3: note: conflicting write of 'munged' in the spawning thread here
  // CHECK-MESSAGES: :[[@LINE+5]]:3: note: the thread is started here
  return arg;
}
void munge_with_b(void) {
  pthread_t t;
  pthread_create(&t, 0, munge_with_a, 0);
  munge(&munge_b);
  pthread_join(t, 0);
}

// Negative: both pass the same mutex, directly or through a parameter.
long munged_once;
static void munge_once(pthread_mutex_t *m) {
  pthread_mutex_lock(m);
  munged_once++;
  pthread_mutex_unlock(m);
}
static void munge_via(pthread_mutex_t *m) { munge_once(m); }
void *munge_same(void *arg) {
  munge_once(&munge_a);
  return arg;
}
void munge_same_twice(void) {
  pthread_t t;
  pthread_create(&t, 0, munge_same, 0);
  munge_via(&munge_a);
  pthread_join(t, 0);
}

// ------------------------------------- calls through function pointers

// A global function pointer with one target, called by the thread.
long events;
static void count_event(void) { events++; }
void (*on_event)(void) = count_event;
void *dispatch(void *arg) {
  on_event();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'events': this write (through a call) runs concurrently with a read of 'events' in another thread, and no lock is held by both [parsafe-shared-state-race]
  // CHECK-MESSAGES: :[[@LINE-5]]:33: note: the write of 'events' is here
  // CHECK-MESSAGES: :[[@LINE+7]]:15: note: conflicting read of 'events' in the spawning thread here
  // CHECK-MESSAGES: :[[@LINE+5]]:3: note: the thread is started here
  return arg;
}
long read_events(void) {
  pthread_t t;
  pthread_create(&t, 0, dispatch, 0);
  long seen = events;
  pthread_join(t, 0);
  return seen;
}

// A callback parameter: the function the caller passes runs, through a
// local copy of the pointer too.
long ticks;
static void tick(void) { ticks++; }
static void run_callback(void (*callback)(void)) {
  void (*copy)(void) = callback;
  copy();
}
void *ticker(void *arg) {
  ticks++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'ticks': this write runs concurrently with a write of 'ticks' in another thread, and no lock is held by both [parsafe-shared-state-race]
  // CHECK-MESSAGES: :[[@LINE+9]]:3: note: conflicting write of 'ticks' in the spawning thread here
  // CHECK-MESSAGES: :[[@LINE-6]]:3: note: 'tick' called here
  // CHECK-MESSAGES: :[[@LINE-10]]:26: note: the conflicting write of 'ticks' is here
  // CHECK-MESSAGES: :[[@LINE+5]]:3: note: the thread is started here
  return arg;
}
void tick_twice(void) {
  pthread_t t;
  pthread_create(&t, 0, ticker, 0);
  run_callback(tick);
  pthread_join(t, 0);
}

// Negatives: the callback runs under the lock the thread also holds; a
// pointer given two different functions has no known target.
long guarded_ticks;
static void guarded_tick(void) { guarded_ticks++; }
static void locked_callback(void (*callback)(void)) {
  pthread_mutex_lock(&lock);
  callback();
  pthread_mutex_unlock(&lock);
}
void *guarded_ticker(void *arg) {
  locked_callback(guarded_tick);
  return arg;
}
void guarded_tick_twice(void) {
  pthread_t t;
  pthread_create(&t, 0, guarded_ticker, 0);
  locked_callback(guarded_tick);
  pthread_join(t, 0);
}
long left_count, right_count;
static void count_left(void) { left_count++; }
static void count_right(void) { right_count++; }
void (*either)(void) = count_left;
void *call_either(void *arg) {
  either();
  return arg;
}
void choose_side(int right) {
  if (right)
    either = count_right;
  pthread_t t;
  pthread_create(&t, 0, call_either, 0);
  pthread_join(t, 0);
}

// ------------------------------------------- objects reached through pointers

#include <semaphore.h>
#include <stdlib.h>

// One object passed to every thread of a loop, cast back from void *.
struct job { int hits; int id; pthread_mutex_t *lock; };
void *hit(void *arg) {
  struct job *j = (struct job *)arg;
  j->hits++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'common.hits': this write runs concurrently with a write of 'common.hits' in another thread, and no lock is held by both [parsafe-shared-state-race]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the same write runs in every copy of the thread, at the same time
  // CHECK-MESSAGES: :[[@LINE+8]]:5: note: the thread is started here (more than one runs at once)
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: make 'common.hits' std::atomic (or _Atomic in C), or hold the same mutex around every access
  return 0;
}
void shared_job(void) {
  struct job common = {0, 0, 0};
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], 0, hit, &common);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
}

// Negative: each thread its own element, or its own heap block.
void own_jobs(void) {
  struct job jobs[4];
  pthread_t t[4];
  for (int i = 0; i < 4; i++) {
    jobs[i].id = i;
    pthread_create(&t[i], 0, hit, &jobs[i]);
  }
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
}
void heap_jobs(void) {
  pthread_t t[4];
  for (int i = 0; i < 4; i++) {
    struct job *j = malloc(sizeof *j);
    j->id = i;
    pthread_create(&t[i], 0, hit, j);
  }
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
}

// Through a helper that writes what its parameter points to.
static void add_to(int *where, int n) { *where += n; }
void *add_worker(void *arg) {
  add_to((int *)arg, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'total': this write (through a call) runs concurrently with a write of 'total' in another thread
  // CHECK-MESSAGES: :[[@LINE-4]]:41: note: the write of 'total' is here
  // CHECK-MESSAGES: :[[@LINE+7]]:3: note: the thread is started here
  // CHECK-MESSAGES: :[[@LINE+7]]:3: note: the other thread is started here
  return 0;
}
void helper_through_pointer(void) {
  int total = 0;
  pthread_t a, b;
  pthread_create(&a, 0, add_worker, &total);
  pthread_create(&b, 0, add_worker, &total);
  pthread_join(a, 0);
  pthread_join(b, 0);
}

// Recursion does not loop the summaries.
static void walk(int *node, int depth) {
  if (depth > 0)
    walk(node, depth - 1);
  *node = depth;
}
void *walker(void *arg) {
  walk(arg, 3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'root': this write (through a call) runs concurrently with a write of 'root' in another thread
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: the write of 'root' is here
  // CHECK-MESSAGES: :[[@LINE+7]]:3: note: conflicting write of 'root' in the spawning thread here
  return 0;
}
void recursive_helper(void) {
  int root = 0;
  pthread_t a;
  pthread_create(&a, 0, walker, &root);
  root = 1;
  pthread_join(a, 0);
}

// The loop counter's address: the spawner's increment races the thread's read.
void *read_index(void *arg) { return (void *)(long)*(int *)arg; }
void pass_loop_counter(void) {
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: data race on 'i': this write runs concurrently with a read of 'i' in another thread
  // CHECK-MESSAGES: :[[@LINE-5]]:52: note: conflicting read of 'i' in a thread here
  // CHECK-MESSAGES: :[[@LINE+1]]:5: note: the thread is started here
    pthread_create(&t[i], 0, read_index, &i);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
}

// Negative: the lock reached through the shared object protects it.
void *locked_hit(void *arg) {
  struct job *j = arg;
  pthread_mutex_lock(j->lock);
  j->hits++;
  pthread_mutex_unlock(j->lock);
  return 0;
}
void locked_jobs(void) {
  pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
  struct job common = {0, 0, &m};
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], 0, locked_hit, &common);
  pthread_mutex_lock(&m);
  common.hits = 0;
  pthread_mutex_unlock(&m);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
}

// ------------------------------------- locks taken under a tested local flag

pthread_mutex_t level_lock = PTHREAD_MUTEX_INITIALIZER;
long level;
long careless_level;
void *raise_level(void *arg) {
  pthread_mutex_lock(&level_lock);
  level++;
  careless_level++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'careless_level': this write runs concurrently with a write of 'careless_level' in another thread, and no lock is held by both [parsafe-shared-state-race]
  // CHECK-MESSAGES: :[[@LINE+19]]:5: note: conflicting write of 'careless_level' in the spawning thread here
  // CHECK-MESSAGES: :[[@LINE+10]]:3: note: the thread is started here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: make 'careless_level' std::atomic
  pthread_mutex_unlock(&level_lock);
  return arg;
}
// Negative: `level` is only touched on the paths where `safe` took the lock.
// Positive: `careless_level` is touched after `safe` may have changed.
void adjust_level(int argc) {
  int safe = argc > 1;
  pthread_t t;
  pthread_create(&t, 0, raise_level, 0);
  if (safe)
    pthread_mutex_lock(&level_lock);
  if (safe)
    level--;
  int locked = safe;
  safe = argc > 2;
  if (safe)
    careless_level--;
  if (locked)
    pthread_mutex_unlock(&level_lock);
  pthread_join(t, 0);
}

// The tested local changed by a constant: `if (n - 1)` after `n++` is the
// test `if (n)` made before (negative). Tested unshifted after the change,
// it is another test (positive).
long shifted_level, unshifted_level;
void *raise_shifted_level(void *arg) {
  pthread_mutex_lock(&level_lock);
  shifted_level++;
  unshifted_level++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'unshifted_level': this write runs concurrently with a write of 'unshifted_level' in another thread, and no lock is held by both [parsafe-shared-state-race]
  // CHECK-MESSAGES: :[[@LINE+16]]:5: note: conflicting write of 'unshifted_level' in the spawning thread here
  pthread_mutex_unlock(&level_lock);
  return arg;
}
void adjust_shifted_level(int n) {
  pthread_t t;
  pthread_create(&t, 0, raise_shifted_level, 0);
  if (n)
    pthread_mutex_lock(&level_lock);
  n++;
  if (n - 1)
    shifted_level--;
  n += 2;
  if (n - 3 != 0)
    shifted_level--;
  if (n)
    unshifted_level--;
  if (n - 3)
    pthread_mutex_unlock(&level_lock);
  pthread_join(t, 0);
}

// ------------------------------------------------------ locks across branches

pthread_mutex_t branch_lock = PTHREAD_MUTEX_INITIALIZER;
int branch_counter;
// Released on one branch: not held after the merge.
void *release_on_branch(void *arg) {
  pthread_mutex_lock(&branch_lock);
  if (arg)
    pthread_mutex_unlock(&branch_lock);
  branch_counter++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'branch_counter': this write runs concurrently with a write of 'branch_counter' in another thread
  // CHECK-MESSAGES: :[[@LINE+11]]:3: note: conflicting write of 'branch_counter' in a thread here
  pthread_mutex_unlock(&branch_lock);
  return 0;
}
// Negative: the branch that releases returns, so the lock is held below.
void *release_and_return(void *arg) {
  pthread_mutex_lock(&branch_lock);
  if (!arg) {
    pthread_mutex_unlock(&branch_lock);
    return 0;
  }
  branch_counter--;
  pthread_mutex_unlock(&branch_lock);
  return 0;
}
void branch_users(void) {
  pthread_t a, b;
  pthread_create(&a, 0, release_on_branch, 0);
  pthread_create(&b, 0, release_and_return, &a);
  pthread_join(a, 0);
  pthread_join(b, 0);
}

// Negative: a semaphore handing data over (post after the write, wait
// before the read), and one used as a lock.
sem_t ready, guard;
int handed_over, sem_counter;
void *producer(void *arg) {
  handed_over = 42;
  sem_post(&ready);
  return arg;
}
void *consumer(void *arg) {
  sem_wait(&ready);
  sem_wait(&guard);
  sem_counter += handed_over;
  sem_post(&guard);
  return arg;
}
void semaphores(void) {
  pthread_t p, c1, c2;
  pthread_create(&p, 0, producer, 0);
  pthread_create(&c1, 0, consumer, 0);
  pthread_create(&c2, 0, consumer, 0);
  pthread_join(p, 0);
  pthread_join(c1, 0);
  pthread_join(c2, 0);
}

// ------------------------------------- pointers stored in argument structs

// Each thread its own argument struct; every struct points at one total.
struct slice { int id; long *total; };
void *add_slice(void *arg) {
  struct slice *s = arg;
  *s->total += s->id;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'total': this write runs concurrently with a write of 'total' in another thread, and no lock is held by both [parsafe-shared-state-race]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the same write runs in every copy of the thread, at the same time
  // CHECK-MESSAGES: :[[@LINE+12]]:5: note: the thread is started here (more than one runs at once)
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: make 'total' std::atomic (or _Atomic in C), or hold the same mutex around every access
  return 0;
}
void slices_one_total
(void) {
  long total = 0;
  struct slice args[4];
  pthread_t t[4];
  for (int i = 0; i < 4; i++) {
    args[i].id = i;
    args[i].total = &total;
    pthread_create(&t[i], 0, add_slice, &args[i]);
  }
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
}

// Negative: each struct points at the thread's own result.
struct own_slice { int id; long *out; };
void *fill_slice(void *arg) {
  struct own_slice *s = arg;
  *s->out = s->id;
  return 0;
}
void slices_own_results(void) {
  long results[4];
  struct own_slice args[4];
  pthread_t t[4];
  for (int i = 0; i < 4; i++) {
    args[i].id = i;
    args[i].out = &results[i];
    pthread_create(&t[i], 0, fill_slice, &args[i]);
  }
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
}

// Negative: the mutex reached through the struct is one mutex for all.
struct locked_slice { int id; long *total; pthread_mutex_t *lock; };
void *add_locked(void *arg) {
  struct locked_slice *s = arg;
  pthread_mutex_lock(s->lock);
  *s->total += s->id;
  pthread_mutex_unlock(s->lock);
  return 0;
}
void slices_one_lock(void) {
  long total = 0;
  pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
  struct locked_slice args[4];
  pthread_t t[4];
  for (int i = 0; i < 4; i++) {
    args[i] = (struct locked_slice){i, &total, &m};
    pthread_create(&t[i], 0, add_locked, &args[i]);
  }
  pthread_mutex_lock(&m);
  total = -1;
  pthread_mutex_unlock(&m);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
}

// Each thread locks a mutex of its own (reached through its struct): nothing
// excludes the other threads.
struct own_lock_slice { int id; long *total; pthread_mutex_t *lock; };
void *add_own_lock(void *arg) {
  struct own_lock_slice *s = arg;
  pthread_mutex_lock(s->lock);
  *s->total += s->id;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'total': this write runs concurrently with a write of 'total' in another thread, and no lock is held by both [parsafe-shared-state-race]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the same write runs in every copy of the thread, at the same time
  // CHECK-MESSAGES: :[[@LINE+15]]:5: note: the thread is started here (more than one runs at once)
  pthread_mutex_unlock(s->lock);
  return 0;
}
void slices_own_locks(void) {
  long total = 0;
  pthread_mutex_t locks[4];
  struct own_lock_slice *args[4];
  pthread_t t[4];
  for (int i = 0; i < 4; i++) {
    pthread_mutex_init(&locks[i], 0);
    args[i] = malloc(sizeof(struct own_lock_slice));
    args[i]->id = i;
    args[i]->total = &total;
    args[i]->lock = &locks[i];
    pthread_create(&t[i], 0, add_own_lock, args[i]);
  }
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
}

// Through two pointers: the shared block and its mutex; and a helper.
struct block { long sum; long unguarded; pthread_mutex_t lock; };
struct block_arg { int id; struct block *blk; };
static void add_to_long(long *where, long n) { *where += n; }
void *add_block(void *arg) {
  struct block_arg *a = arg;
  pthread_mutex_lock(&a->blk->lock);
  a->blk->sum += a->id;
  pthread_mutex_unlock(&a->blk->lock);
  add_to_long(&a->blk->unguarded, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'b.unguarded': this write (through a call) runs concurrently with a write of 'b.unguarded' in another thread, and no lock is held by both [parsafe-shared-state-race]
  // CHECK-MESSAGES: :[[@LINE-8]]:48: note: the write of 'b.unguarded' is here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the same write runs in every copy of the thread, at the same time
  return 0;
}
void blocks(void) {
  struct block b = {0, 0, PTHREAD_MUTEX_INITIALIZER};
  struct block_arg args[2];
  pthread_t t[2];
  for (int i = 0; i < 2; i++) {
    struct block_arg a = {i, &b};
    args[i] = a;
    pthread_create(&t[i], 0, add_block, &args[i]);
  }
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
}

// ----------------------------------------- every conflicting access is shown

// The other side in a callee, and the reads racing the same writes.
int config_ready, config_port;
static void load_config(void) {
  if (!config_ready) {
    config_port = 8080;
    config_ready = 1;
  }
}
static void *config_client(void *arg) {
  load_config();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'config_port': this write (through a call) runs concurrently with a write of 'config_port' in another thread
  // CHECK-MESSAGES: :[[@LINE-7]]:5: note: the write of 'config_port' is here
  // CHECK-MESSAGES: :[[@LINE+3]]:24: note: read of 'config_port' in a thread here conflicts too
  // CHECK-MESSAGES: :[[@LINE-4]]:3: warning: data race on 'config_ready': this write (through a call) runs concurrently with a write of 'config_ready' in another thread
  // CHECK-MESSAGES: :[[@LINE-11]]:8: note: read of 'config_ready' in a thread here conflicts too
  return (void *)(long)config_port;
}
void lazy_config(void) {
  pthread_t a, b;
  pthread_create(&a, 0, config_client, 0);
  pthread_create(&b, 0, config_client, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
}

// The conflicting read is in a callee of the other thread.
int shared_level;
static int read_level(void) { return shared_level; }
static void *level_reader(void *arg) { return (void *)(long)read_level(); }
static void *level_writer(void *arg) {
  shared_level = 3;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'shared_level': this write runs concurrently with a read of 'shared_level' in another thread
  // CHECK-MESSAGES: :[[@LINE-4]]:61: note: conflicting read of 'shared_level' in a thread here
  // CHECK-MESSAGES: :[[@LINE-6]]:38: note: the conflicting read of 'shared_level' is here
  return arg;
}
void levels(void) {
  pthread_t a, b;
  pthread_create(&a, 0, level_writer, 0);
  pthread_create(&b, 0, level_reader, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
}

// ------------------------------------------------------------------ bit-fields

// Adjacent bit-fields are one memory location: writing either races.
struct bits { unsigned dirty : 1; unsigned locked : 1; int plain; unsigned apart : 1; unsigned : 0; unsigned own : 1; } bits;
static void *set_dirty(void *arg) {
  bits.dirty = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'bits.dirty': this write runs concurrently with a write of 'bits.dirty' in another thread
  // CHECK-MESSAGES: :[[@LINE+4]]:3: note: conflicting write of 'bits.locked' (a neighbouring bit-field) in a thread here
  return arg;
}
static void *set_locked(void *arg) {
  bits.locked = 1;
  return arg;
}
// Negative: a plain member, or a zero-width bit-field, ends the run.
static void *set_apart(void *arg) {
  bits.apart = 1;
  return arg;
}
static void *set_own(void *arg) {
  bits.own = 1;
  bits.plain = 2;
  return arg;
}
void bit_fields(void) {
  pthread_t a, b, c, d;
  pthread_create(&a, 0, set_dirty, 0);
  pthread_create(&b, 0, set_locked, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  pthread_create(&c, 0, set_apart, 0);
  pthread_create(&d, 0, set_own, 0);
  pthread_join(c, 0);
  pthread_join(d, 0);
}

// ------------------------------------------ indices read out of memory

// A histogram's bins are chosen by the input, not by the thread.
int bins[8];
int samples[64];
static void *count_bins(void *arg) {
  for (int i = 0; i < 64; i++)
    bins[samples[i] % 8]++;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: data race on 'bins': this write runs concurrently with a write of 'bins' in another thread
  return arg;
}
// Negative: each thread its own bin, chosen by its argument.
static void *own_bin(void *arg) {
  bins[(long)arg]++;
  return arg;
}
void histogram(void) {
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], 0, count_bins, 0);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
  for (long i = 0; i < 4; i++)
    pthread_create(&t[i], 0, own_bin, (void *)i);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
}

// ------------------------------------------ lock calls that fail or are unknown

// A lock call whose result is tested may fail: the failure branch holds nothing.
int lock_checked;
pthread_mutex_t checked_lock = PTHREAD_MUTEX_INITIALIZER;
static void *bump_checked(void *arg) {
  pthread_mutex_lock(&checked_lock);
  lock_checked++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'lock_checked': this write runs concurrently with a write of 'lock_checked' in another thread
  // CHECK-MESSAGES: :[[@LINE+8]]:5: note: conflicting write of 'lock_checked' in the spawning thread here
  pthread_mutex_unlock(&checked_lock);
  return arg;
}
void lock_failure_branch(void) {
  pthread_t t;
  pthread_create(&t, 0, bump_checked, 0);
  if (pthread_mutex_lock(&checked_lock)) {
    lock_checked++; // the failure branch holds nothing
  } else {
    lock_checked++; // negative: the lock succeeded on this branch
    pthread_mutex_unlock(&checked_lock);
  }
  // Negative: a failed lock returns, so what follows holds it.
  if (pthread_mutex_lock(&checked_lock) != 0)
    return;
  lock_checked--;
  pthread_mutex_unlock(&checked_lock);
  pthread_join(t, 0);
}

// An unlock through a local pointer locked through nothing may release any mutex.
int unknown_unlocked;
pthread_mutex_t unknown_lock = PTHREAD_MUTEX_INITIALIZER;
static void *unlock_unknown(void *arg) {
  pthread_mutex_t *which = arg;
  pthread_mutex_lock(&unknown_lock);
  pthread_mutex_unlock(which);
  unknown_unlocked++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'unknown_unlocked': this write runs concurrently with a write of 'unknown_unlocked' in another thread
  // CHECK-MESSAGES: :[[@LINE+20]]:3: note: conflicting write of 'unknown_unlocked' in the spawning thread here
  // CHECK-MESSAGES: :[[@LINE+10]]:3: note: write of 'unknown_unlocked' in a thread here conflicts too
  pthread_mutex_unlock(&unknown_lock);
  return arg;
}
// Negative: the same local pointer locked, then unlocked, releases only itself.
static void *unlock_own_pointer(void *arg) {
  pthread_mutex_t *mine = &unknown_lock;
  pthread_mutex_lock(&unknown_lock);
  pthread_mutex_lock(mine);
  pthread_mutex_unlock(mine);
  unknown_unlocked++;
  pthread_mutex_unlock(&unknown_lock);
  return arg;
}
void unknown_unlock(pthread_mutex_t *m) {
  pthread_t a, b;
  pthread_create(&a, 0, unlock_unknown, m);
  pthread_create(&b, 0, unlock_own_pointer, 0);
  pthread_mutex_lock(&unknown_lock);
  unknown_unlocked++;
  pthread_mutex_unlock(&unknown_lock);
  pthread_join(a, 0);
  pthread_join(b, 0);
}

// A store whose value comes from a call that unlocks happens after the unlock.
int stored_late;
pthread_mutex_t late_lock = PTHREAD_MUTEX_INITIALIZER;
static int read_and_unlock(void) {
  int value = stored_late + 1; // negative: the caller's lock is still held here
  pthread_mutex_unlock(&late_lock);
  return value;
}
static void *store_after_unlock(void *arg) {
  pthread_mutex_lock(&late_lock);
  stored_late = read_and_unlock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'stored_late': this write runs concurrently with a write of 'stored_late' in another thread
  return arg;
}
void late_store(void) {
  pthread_t t;
  pthread_create(&t, 0, store_after_unlock, 0);
  pthread_mutex_lock(&late_lock);
  stored_late = stored_late + 1;
  pthread_mutex_unlock(&late_lock);
  pthread_join(t, 0);
}

// A read lock licenses reads: a write made under it is not protected.
int written_under_read;
pthread_rwlock_t read_only_lock = PTHREAD_RWLOCK_INITIALIZER;
static void *write_under_rdlock(void *arg) {
  pthread_rwlock_rdlock(&read_only_lock);
  written_under_read++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'written_under_read': this write runs concurrently with a read of 'written_under_read' in another thread
  pthread_rwlock_unlock(&read_only_lock);
  return arg;
}
void write_under_read_lock(void) {
  pthread_t t;
  pthread_create(&t, 0, write_under_rdlock, 0);
  pthread_rwlock_wrlock(&read_only_lock);
  printf("%d\n", written_under_read);
  pthread_rwlock_unlock(&read_only_lock);
  pthread_join(t, 0);
}

// ---------------------------------------------------------------------------
// Local pointers with known targets (PointerTargets): an access through one
// is an access of what it points to.
#include <time.h>

int alias_total;
static void *alias_write_direct(void *arg) {
  alias_total = 5;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'alias_total': this write runs concurrently with a write of 'alias_total' in another thread, and no lock is held by both [parsafe-shared-state-race]
  return arg;
}
void alias_local_of_global(void) {
  pthread_t t;
  pthread_create(&t, 0, alias_write_direct, 0);
  int *p = &alias_total;
  *p = 8;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: conflicting write of '*p' (which is 'alias_total') in the spawning thread here
  pthread_join(t, 0);
}

// Assigned on two branches: `*d` may be either slot (a may-write).
struct alias_slot { int datum; int other; } alias_first, alias_second;
static void *alias_write_second(void *arg) {
  alias_second.datum = 5;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'alias_second.datum': this write runs concurrently with a write of 'alias_second.datum' in another thread
  return arg;
}
void alias_either_slot(int which) {
  struct alias_slot *s;
  int *d;
  if (which)
    s = &alias_first;
  else
    s = &alias_second;
  d = &s->datum;
  pthread_t t;
  pthread_create(&t, 0, alias_write_second, 0);
  *d = 8;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: conflicting write of '*d' (which may be 'alias_second.datum') in the spawning thread here
  s->other = 1; // negative: no thread touches 'other'
  pthread_join(t, 0);
}

// A copy of a global pointer in the thread reaches what the global points to.
struct alias_slot *alias_current;
static void *alias_through_copy(void *arg) {
  struct alias_slot *mine = alias_current;
  mine->datum++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'mine->datum' (which is 'alias_current->datum'): this write runs concurrently with a read of 'alias_current->datum' in another thread
  return arg;
}
void alias_global_pointer_copy(void) {
  pthread_t t;
  pthread_create(&t, 0, alias_through_copy, 0);
  int seen = alias_current->datum;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: note: conflicting read of 'alias_current->datum' in the spawning thread here
  pthread_join(t, 0);
  (void)seen;
}

// Passed on to a callee: its summary's write lands on the target.
long alias_grand_total;
static void alias_update(long *where) { *where += 1; }
static void *alias_update_through_local(void *arg) {
  long *target = &alias_grand_total;
  alias_update(target);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'alias_grand_total': this write (through a call) runs concurrently with a write of 'alias_grand_total' in another thread
  // CHECK-MESSAGES: :[[@LINE-5]]:41: note: the write of 'alias_grand_total' is here
  return arg;
}
void alias_callee_through_local(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; ++i)
    pthread_create(&t[i], 0, alias_update_through_local, 0);
  for (int i = 0; i < 2; ++i)
    pthread_join(t[i], 0);
}

// Negatives: each thread's own objects, through local pointers.
int alias_private_target;
static void *alias_own_objects(void *arg) {
  int mine = 0;
  int *p = &mine; // a local of the thread
  *p = 1;
  int *q = &alias_private_target;
  q = &mine; // reassigned before the write: only 'mine' reaches it
  *q = 2;
  struct alias_slot *fresh = malloc(sizeof *fresh); // this thread's own heap object
  struct alias_slot *alias = fresh;
  alias->datum = 3;
  free(fresh);
  time_t now = 0;
  struct tm buf;
  struct tm *tm = localtime_r(&now, &buf); // a system header's function
  tm->tm_sec = 0;
  return arg;
}
void alias_private_objects(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; ++i)
    pthread_create(&t[i], 0, alias_own_objects, 0);
  for (int i = 0; i < 2; ++i)
    pthread_join(t[i], 0);
  alias_private_target = 1;
}

// The spawner's pointer follows its reassignment too.
struct alias_slot alias_left, alias_right;
pthread_mutex_t alias_left_lock = PTHREAD_MUTEX_INITIALIZER;
static void *alias_locked_left(void *arg) {
  pthread_mutex_lock(&alias_left_lock);
  alias_left.datum++;
  pthread_mutex_unlock(&alias_left_lock);
  alias_right.other++;
  return arg;
}
void alias_reassigned_in_spawner(void) {
  pthread_t t;
  pthread_create(&t, 0, alias_locked_left, 0);
  struct alias_slot *p = &alias_right;
  p->datum = 1; // negative: the thread writes alias_right.other only
  p = &alias_left;
  pthread_mutex_lock(&alias_left_lock);
  p->datum = 2; // negative: under the same lock
  pthread_mutex_unlock(&alias_left_lock);
  pthread_join(t, 0);
}

// ---------------------------------------------------------------------------
// A pointer returned by a function without a body may point to any object
// of its record type, also one nested in another struct.
struct alias_S { int field; int arr[2]; };
struct alias_T { struct alias_S s; };
extern struct alias_S *alias_getS(void);
extern struct alias_T *alias_getT(void);
static void *alias_write_any_S(void *arg) {
  alias_getS()->field = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'alias_getS()->field': this write runs concurrently with a write of 'alias_getT()->s.field' in another thread
  alias_getS()->arr[1] = 1; // negative: another member
  return arg;
}
void alias_typed_nested(void) {
  pthread_t t;
  pthread_create(&t, 0, alias_write_any_S, 0);
  alias_getT()->s.field = 2;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: conflicting write of 'alias_getT()->s.field' (which may be the same memory) in the spawning thread here
  // CHECK-MESSAGES: :[[@LINE-13]]:24: note: 'alias_getS' has no body here: the pointer it returns may point to any 'struct alias_S', so accesses through it may touch the same memory
  pthread_join(t, 0);
}

struct alias_S alias_global_S;
static void *alias_read_global_S(void *arg) {
  return (void *)(long)alias_global_S.field;
}
void alias_typed_global(void) {
  pthread_t t;
  pthread_create(&t, 0, alias_read_global_S, 0);
  struct alias_S *s = alias_getS();
  s->field = 3;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 's->field' (which is 'alias_getS()->field'): this write runs concurrently with a read of 'alias_global_S.field' in another thread
  pthread_join(t, 0);
}

// Negatives: system headers' functions return fresh or library memory.
static void *alias_own_allocation(void *arg) {
  struct alias_slot *node = calloc(1, sizeof *node);
  node->datum = 1;
  free(node);
  div_t *none = 0;
  (void)none;
  return arg;
}
void alias_library_results(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; ++i)
    pthread_create(&t[i], 0, alias_own_allocation, 0);
  for (int i = 0; i < 2; ++i)
    pthread_join(t[i], 0);
}

// Negative: a function whose name says it makes an object returns the
// caller's own one, like malloc (each thread writes its fresh node).
struct alias_node { int value; };
extern struct alias_node *alias_create_node(void);
extern struct alias_node *aliasNewNode(void);
static void *alias_fill_fresh(void *arg) {
  struct alias_node *node = alias_create_node();
  node->value = 1;
  aliasNewNode()->value = 2;
  return arg;
}
void alias_fresh_nodes(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; ++i)
    pthread_create(&t[i], 0, alias_fill_fresh, 0);
  for (int i = 0; i < 2; ++i)
    pthread_join(t[i], 0);
}

// A getter without a body called by every thread: the object it returns may
// be the same one each time.
struct alias_node *alias_get_current(void);
static void *alias_bump_current(void *arg) {
  alias_get_current()->value++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'alias_get_current()->value': this write runs concurrently with a write of 'alias_get_current()->value' in another thread
  return arg;
}
void alias_shared_getter(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; ++i)
    pthread_create(&t[i], 0, alias_bump_current, 0);
  for (int i = 0; i < 2; ++i)
    pthread_join(t[i], 0);
}

// ------------------------------------------ joins that miss some of the threads

int partial_total;
pthread_mutex_t partial_lock = PTHREAD_MUTEX_INITIALIZER;
static void *add_partial(void *arg) {
  pthread_mutex_lock(&partial_lock);
  partial_total++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'partial_total': this write runs concurrently with a write of 'partial_total' in another thread
  // CHECK-MESSAGES: :[[@LINE+11]]:3: note: conflicting write of 'partial_total' in the spawning thread here
  pthread_mutex_unlock(&partial_lock);
  return arg;
}
// The join loop stops one short: the last thread still runs.
void join_all_but_slot_three(void) {
  pthread_t ids[8];
  for (int i = 0; i < 8; i++)
    pthread_create(&ids[i], 0, add_partial, 0);
  for (int i = 0; i < 8 - 1; i++)
    pthread_join(ids[i], 0);
  partial_total = 0;
}
// One slot of two joined.
int slot_total;
static void *add_slot(void *arg) {
  pthread_mutex_lock(&partial_lock);
  slot_total++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'slot_total': this write runs concurrently with a write of 'slot_total' in another thread
  // CHECK-MESSAGES: :[[@LINE+9]]:3: note: conflicting write of 'slot_total' in the spawning thread here
  pthread_mutex_unlock(&partial_lock);
  return arg;
}
void join_one_slot(void) {
  pthread_t two[2];
  pthread_create(&two[0], 0, add_slot, 0);
  pthread_create(&two[1], 0, add_slot, 0);
  pthread_join(two[0], 0);
  slot_total = 1;
  pthread_join(two[1], 0);
}
// One handle overwritten by every start: only the last thread is joined.
int reused_total;
static void *add_reused(void *arg) {
  reused_total++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'reused_total': this write runs concurrently with a write of 'reused_total' in another thread
  return arg;
}
void join_reused_handle(void) {
  pthread_t id;
  for (int i = 0; i < 4; i++)
    pthread_create(&id, 0, add_reused, 0);
  pthread_join(id, 0);
  reused_total = 2;
}
// Negatives: every thread joined, by a loop over the same bound or slot by slot.
void join_every_thread(int n) {
  pthread_t ids[8];
  for (int i = 0; i < n; i++)
    pthread_create(&ids[i], 0, add_partial, 0);
  for (int j = 0; j < n; j++)
    pthread_join(ids[j], 0);
  partial_total = 3;
  pthread_t two[2];
  pthread_create(&two[0], 0, add_slot, 0);
  pthread_create(&two[1], 0, add_slot, 0);
  pthread_join(two[1], 0);
  pthread_join(two[0], 0);
  slot_total = 4;
  for (int i = 0; i < 4; i++) {
    pthread_t one;
    pthread_create(&one, 0, add_reused, 0);
    pthread_join(one, 0);
  }
  reused_total = 5;
}

// ------------------------------------------ threads that outlive their starter

// A helper starts a thread and returns: the caller runs on beside it.
int logger_lines;
pthread_t logger_thread;
static void *write_log(void *arg) {
  logger_lines++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'logger_lines': this write runs concurrently with a write of 'logger_lines' in another thread
  // CHECK-MESSAGES: :[[@LINE+11]]:3: note: conflicting write of 'logger_lines' in the spawning thread here
  // CHECK-MESSAGES: :[[@LINE+9]]:3: note: this call starts a thread that keeps running after it
  // CHECK-MESSAGES: :[[@LINE+4]]:3: note: the thread is started here
  return arg;
}
static void start_logger(void) {
  pthread_create(&logger_thread, 0, write_log, 0);
}
static void stop_logger(void) { pthread_join(logger_thread, 0); }
void log_beside(void) {
  start_logger();
  logger_lines = 0;
  stop_logger();
  logger_lines = 1; // negative: the helper joined it
}

// A thread starts a thread and returns: the grandchild runs on beside the
// spawner.
int grandchild_hits;
static void *grandchild(void *arg) {
  grandchild_hits++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'grandchild_hits': this write runs concurrently with a read of 'grandchild_hits' in another thread
  // CHECK-MESSAGES: :[[@LINE+14]]:10: note: conflicting read of 'grandchild_hits' in the spawning thread here
  // CHECK-MESSAGES: :[[@LINE+11]]:3: note: the thread started here starts a thread that keeps running after it
  // CHECK-MESSAGES: :[[@LINE+5]]:3: note: the thread is started here
  return arg;
}
static void *child(void *arg) {
  pthread_t t;
  pthread_create(&t, 0, grandchild, 0);
  return arg;
}
int spawn_grandchild(void) {
  pthread_t c;
  pthread_create(&c, 0, child, 0);
  pthread_join(c, 0);
  return grandchild_hits;
}
// Negative: a thread that joins what it starts.
int joined_grandchild_hits;
static void *joined_grandchild(void *arg) {
  joined_grandchild_hits++;
  return arg;
}
static void *joining_child(void *arg) {
  pthread_t t;
  pthread_create(&t, 0, joined_grandchild, 0);
  pthread_join(t, 0);
  return arg;
}
int spawn_joined_grandchild(void) {
  pthread_t c;
  pthread_create(&c, 0, joining_child, 0);
  pthread_join(c, 0);
  return joined_grandchild_hits;
}

// ------------------------------------------ locks held around a thread's start

// The spawner holds the mutex from the start to the join: the thread is
// protected against every other holder of it (negative)...
int creation_total;
pthread_mutex_t creation_lock = PTHREAD_MUTEX_INITIALIZER;
static void *add_holding_lock(void *arg) {
  pthread_mutex_lock(&creation_lock);
  creation_total++;
  pthread_mutex_unlock(&creation_lock);
  return arg;
}
static void *add_under_spawner(void *arg) {
  creation_total++;
  return arg;
}
void held_from_start_to_join(void) {
  pthread_t a, b;
  pthread_create(&a, 0, add_holding_lock, 0);
  pthread_mutex_lock(&creation_lock);
  pthread_create(&b, 0, add_under_spawner, 0);
  pthread_join(b, 0);
  pthread_mutex_unlock(&creation_lock);
  pthread_join(a, 0);
}
// ...but not against the spawner itself, which holds it.
int spawner_own_total;
pthread_mutex_t spawner_own_lock = PTHREAD_MUTEX_INITIALIZER;
static void *add_beside_holder(void *arg) {
  spawner_own_total++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'spawner_own_total': this write runs concurrently with a write of 'spawner_own_total' in another thread
  return arg;
}
void holder_races_its_thread(void) {
  pthread_t t;
  pthread_mutex_lock(&spawner_own_lock);
  pthread_create(&t, 0, add_beside_holder, 0);
  spawner_own_total++;
  pthread_join(t, 0);
  pthread_mutex_unlock(&spawner_own_lock);
}
// A thread that must take the mutex the spawner held at its start runs after
// the spawner's accesses made before it released it (negative)...
int handed_over;
pthread_mutex_t hand_over_lock = PTHREAD_MUTEX_INITIALIZER;
static void *after_hand_over(void *arg) {
  pthread_mutex_lock(&hand_over_lock);
  pthread_mutex_unlock(&hand_over_lock);
  handed_over++;
  return arg;
}
void hand_over(void) {
  pthread_t t;
  pthread_mutex_lock(&hand_over_lock);
  pthread_create(&t, 0, after_hand_over, 0);
  handed_over = 1;
  pthread_mutex_unlock(&hand_over_lock);
  pthread_join(t, 0);
}
// ...but not its accesses after the release.
int handed_too_late;
static void *after_early_release(void *arg) {
  pthread_mutex_lock(&hand_over_lock);
  pthread_mutex_unlock(&hand_over_lock);
  handed_too_late++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'handed_too_late': this write runs concurrently with a write of 'handed_too_late' in another thread
  return arg;
}
void release_then_write(void) {
  pthread_t t;
  pthread_mutex_lock(&hand_over_lock);
  pthread_create(&t, 0, after_early_release, 0);
  pthread_mutex_unlock(&hand_over_lock);
  handed_too_late = 1;
  pthread_join(t, 0);
}

// ------------------------------------------ a function pointer with several targets

// The handler may be either function the file gives it: each is followed.
int handled;
pthread_mutex_t handler_lock = PTHREAD_MUTEX_INITIALIZER;
static void handle_locked(void) {
  pthread_mutex_lock(&handler_lock);
  handled++; // negative: under the lock the reader holds
  pthread_mutex_unlock(&handler_lock);
}
static void handle_unlocked(void) {
  handled++;
}
static void (*current_handler)(void) = handle_locked;
static void *run_handler(void *arg) {
  void (*h)(void) = current_handler;
  h();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'handled': this write (through a call) runs concurrently with a read of 'handled' in another thread
  // CHECK-MESSAGES: :[[@LINE-7]]:3: note: the write of 'handled' is here
  return arg;
}
void switch_handler(int fast) {
  if (fast)
    current_handler = handle_unlocked;
  pthread_t t;
  pthread_create(&t, 0, run_handler, 0);
  pthread_mutex_lock(&handler_lock);
  printf("%d\n", handled);
  pthread_mutex_unlock(&handler_lock);
  pthread_join(t, 0);
}

// ------------------------------------------ the same with C11 threads

// A helper that starts a C11 thread and returns it running.
int c11_background_ticks;
static int tick_c11(void *arg) {
  c11_background_ticks++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'c11_background_ticks': this write runs concurrently with a read of 'c11_background_ticks' in another thread
  return arg != 0;
}
static void start_ticker_c11(void) {
  thrd_t t;
  thrd_create(&t, tick_c11, 0);
}
int read_ticks_c11(void) {
  start_ticker_c11();
  return c11_background_ticks;
}
// A join loop over C11 threads one short, and (negative) a full one.
int c11_partial;
static int add_c11_partial(void *arg) {
  c11_partial++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'c11_partial': this write runs concurrently with a write of 'c11_partial' in another thread
  return arg != 0;
}
void c11_join_prefix(void) {
  thrd_t ts[4];
  for (int i = 0; i < 4; i++)
    thrd_create(&ts[i], add_c11_partial, 0);
  for (int i = 0; i < 3; i++)
    thrd_join(ts[i], 0);
  c11_partial = 0;
}
int c11_full;
mtx_t c11_full_lock;
static int add_c11_full(void *arg) {
  mtx_lock(&c11_full_lock);
  c11_full++;
  mtx_unlock(&c11_full_lock);
  return arg != 0;
}
void c11_join_all(void) {
  thrd_t ts[4];
  for (int i = 0; i < 4; i++)
    thrd_create(&ts[i], add_c11_full, 0);
  for (int i = 0; i < 4; i++)
    thrd_join(ts[i], 0);
  c11_full = 1;
}

// A join loop one short of a bound that is a variable: `n - 1` against `n`.
int prefix_of_n;
static void *add_prefix_of_n(void *arg) {
  pthread_mutex_lock(&partial_lock);
  prefix_of_n++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'prefix_of_n': this write runs concurrently with a write of 'prefix_of_n' in another thread
  // CHECK-MESSAGES: :[[@LINE+10]]:3: note: conflicting write of 'prefix_of_n' in the spawning thread here
  pthread_mutex_unlock(&partial_lock);
  return arg;
}
void join_prefix_of_n(int n) {
  pthread_t ids[16];
  for (int i = 0; i < n; i++)
    pthread_create(&ids[i], 0, add_prefix_of_n, 0);
  for (int i = 0; i < n - 1; i++)
    pthread_join(ids[i], 0);
  prefix_of_n = 0;
}

// Constant subscripts tell elements apart: the thread fills slot 0, the
// spawner slot 1 (and grid[1][3] is not grid[1][2]); the same slot races.
int split_slots[2];
int split_grid[2][4];
static void *fill_slot_zero(void *arg) {
  split_slots[0] = 1;
  split_grid[1][2] = 1;
  return arg;
}
void fill_both_slots(void) {
  pthread_t t;
  pthread_create(&t, 0, fill_slot_zero, 0);
  split_slots[1] = 2;
  split_grid[1][3] = 2;
  pthread_join(t, 0);
}
int same_slot[2];
static void *fill_same_slot(void *arg) {
  same_slot[1] = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'same_slot': this write runs concurrently with a write of 'same_slot' in another thread
  // CHECK-MESSAGES: :[[@LINE+6]]:3: note: conflicting write of 'same_slot' in the spawning thread here
  return arg;
}
void fill_one_slot_twice(void) {
  pthread_t t;
  pthread_create(&t, 0, fill_same_slot, 0);
  same_slot[1] = 2;
  pthread_join(t, 0);
}

// Constant elements of the block a global pointer points to: `heap_cells[2]`
// and `heap_cells[3]` are other memory (negative); the same element is not
// (positive).
int *heap_cells;
static void *fill_heap_cells(void *arg) {
  heap_cells[2] = 1;
  heap_cells[3] = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on '*heap_cells': this write runs concurrently with a read of '*heap_cells' in another thread
  // CHECK-MESSAGES: :[[@LINE+8]]:18: note: conflicting read of '*heap_cells' in the spawning thread here
  return arg;
}
int read_heap_cells(void) {
  pthread_t t;
  heap_cells = calloc(8, sizeof *heap_cells);
  pthread_create(&t, 0, fill_heap_cells, 0);
  int first = heap_cells[0] + heap_cells[4];
  return first + heap_cells[3];
}
// Phases split by a barrier every thread waits on once: thread 0 sets the
// scale (`if (id == 0)`, id being its own loop counter) and every thread
// reads it after the barrier (negative). Read before the barrier, with the
// barrier in a loop (the next round's write meets this round's reads), with
// the id changed after it was handed over, or with every thread given the
// same id, it races (positives).
pthread_barrier_t phase_barrier;
int phase_scale, early_scale, round_scale, same_id_scale, moved_id_scale;
long phase_out[4];
static void *phase_worker(void *arg) {
  long id = (long)arg;
  if (id == 0)
    phase_scale = 3;
  pthread_barrier_wait(&phase_barrier);
  phase_out[id] = id * phase_scale;
  return arg;
}
static void *early_worker(void *arg) {
  long id = (long)arg;
  if (id == 0)
    early_scale = 3;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: data race on 'early_scale': this write runs concurrently with a read of 'early_scale' in another thread
  // CHECK-MESSAGES: :[[@LINE+1]]:24: note: conflicting read of 'early_scale' in a thread here
  phase_out[id] = id * early_scale;
  pthread_barrier_wait(&phase_barrier);
  return arg;
}
static void *round_worker(void *arg) {
  long id = (long)arg;
  for (int round = 0; round < 3; round++) {
    if (id == 0)
      round_scale = round;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: data race on 'round_scale': this write runs concurrently with a read of 'round_scale' in another thread
    // CHECK-MESSAGES: :[[@LINE+2]]:22: note: conflicting read of 'round_scale' in a thread here
    pthread_barrier_wait(&phase_barrier);
    phase_out[id] += round_scale;
  }
  return arg;
}
static void *moved_id_worker(void *arg) {
  long id = (long)arg;
  id = id / 2; // copies 0 and 1 both get 0
  if (id == 0)
    moved_id_scale = 3;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: data race on 'moved_id_scale': this write runs concurrently with a write of 'moved_id_scale' in another thread
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the same write runs in every copy of the thread, at the same time
  return arg;
}
static void *same_id_worker(void *arg) {
  long id = (long)arg;
  if (id == 0)
    same_id_scale = 3;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: data race on 'same_id_scale': this write runs concurrently with a write of 'same_id_scale' in another thread
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the same write runs in every copy of the thread, at the same time
  pthread_barrier_wait(&phase_barrier);
  return arg;
}
void run_phases(void) {
  pthread_t t[4];
  pthread_barrier_init(&phase_barrier, 0, 4);
  for (long i = 0; i < 4; i++)
    pthread_create(&t[i], 0, phase_worker, (void *)i);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
  for (long i = 0; i < 4; i++)
    pthread_create(&t[i], 0, early_worker, (void *)i);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
  for (long i = 0; i < 4; i++)
    pthread_create(&t[i], 0, round_worker, (void *)i);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
  for (long i = 0; i < 4; i++)
    pthread_create(&t[i], 0, moved_id_worker, (void *)i);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
  for (long i = 0; i < 4; i++)
    pthread_create(&t[i], 0, same_id_worker, (void *)0);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
}

// An array of mutexes: two different elements do not exclude each other,
// nor do two elements chosen at run time; the same constant element does.
pthread_mutex_t stripe_locks[4];
int striped_total, striped_same;
static void *add_under_stripe_zero(void *arg) {
  pthread_mutex_lock(&stripe_locks[0]);
  striped_total++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'striped_total': this write runs concurrently with a write of 'striped_total' in another thread
  // CHECK-MESSAGES: :[[@LINE+9]]:3: note: conflicting write of 'striped_total' in the spawning thread here
  striped_same++;
  pthread_mutex_unlock(&stripe_locks[0]);
  return arg;
}
void add_under_stripe_one(void) {
  pthread_t t;
  pthread_create(&t, 0, add_under_stripe_zero, 0);
  pthread_mutex_lock(&stripe_locks[1]);
  striped_total++;
  pthread_mutex_unlock(&stripe_locks[1]);
  pthread_mutex_lock(&stripe_locks[0]);
  striped_same++;
  pthread_mutex_unlock(&stripe_locks[0]);
  pthread_join(t, 0);
}
int by_stripe;
static void *add_under_any_stripe(void *arg) {
  int k = *(int *)arg;
  pthread_mutex_lock(&stripe_locks[k]);
  by_stripe++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'by_stripe': this write runs concurrently with a write of 'by_stripe' in another thread
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the same write runs in every copy of the thread
  pthread_mutex_unlock(&stripe_locks[k]);
  return arg;
}
void add_under_stripes(int *keys) {
  pthread_t ts[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&ts[i], 0, add_under_any_stripe, &keys[i]);
  for (int i = 0; i < 4; i++)
    pthread_join(ts[i], 0);
}

// Joins that leave a thread of the pool running: one slot skipped by a test
// of the index, a detached slot, an overwritten slot, a slot started into
// again, an index kept in a struct field. Testing the slot itself
// (`if (started[i])`) still joins every thread that ran.
pthread_mutex_t pool_lock;
int skipped_join, detached_join, overwritten_join, restarted_join, field_index_join, tested_join;
static void *add_skipped(void *arg) {
  pthread_mutex_lock(&pool_lock);
  skipped_join++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'skipped_join': this write runs concurrently with a write of 'skipped_join' in another thread
  // CHECK-MESSAGES: :[[@LINE+11]]:3: note: conflicting write of 'skipped_join' in the spawning thread here
  pthread_mutex_unlock(&pool_lock);
  return arg;
}
void join_skipping_slot_three(void) {
  pthread_t ids[8];
  for (int i = 0; i < 8; i++)
    pthread_create(&ids[i], 0, add_skipped, 0);
  for (int i = 0; i < 8; i++)
    if (i != 3)
      pthread_join(ids[i], 0);
  skipped_join = 0;
}
static void *add_detached(void *arg) {
  pthread_mutex_lock(&pool_lock);
  detached_join++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'detached_join': this write runs concurrently with a write of 'detached_join' in another thread
  // CHECK-MESSAGES: :[[@LINE+11]]:3: note: conflicting write of 'detached_join' in the spawning thread here
  pthread_mutex_unlock(&pool_lock);
  return arg;
}
void join_after_detach(void) {
  pthread_t ids[8];
  for (int i = 0; i < 8; i++)
    pthread_create(&ids[i], 0, add_detached, 0);
  pthread_detach(ids[3]);
  for (int i = 0; i < 8; i++)
    pthread_join(ids[i], 0);
  detached_join = 0;
}
static void *add_overwritten(void *arg) {
  pthread_mutex_lock(&pool_lock);
  overwritten_join++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'overwritten_join': this write runs concurrently with a write of 'overwritten_join' in another thread
  // CHECK-MESSAGES: :[[@LINE+11]]:3: note: conflicting write of 'overwritten_join' in the spawning thread here
  pthread_mutex_unlock(&pool_lock);
  return arg;
}
void join_after_overwrite(void) {
  pthread_t ids[8];
  for (int i = 0; i < 8; i++)
    pthread_create(&ids[i], 0, add_overwritten, 0);
  ids[2] = ids[3];
  for (int i = 0; i < 8; i++)
    pthread_join(ids[i], 0);
  overwritten_join = 0;
}
static void *add_restarted(void *arg) {
  pthread_mutex_lock(&pool_lock);
  restarted_join++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'restarted_join': this write runs concurrently with a write of 'restarted_join' in another thread
  // CHECK-MESSAGES: :[[@LINE+11]]:3: note: conflicting write of 'restarted_join' in the spawning thread here
  pthread_mutex_unlock(&pool_lock);
  return arg;
}
void join_after_restart(void) {
  pthread_t ids[8];
  pthread_create(&ids[0], 0, add_restarted, 0);
  for (int i = 0; i < 8; i++)
    pthread_create(&ids[i], 0, add_restarted, 0);
  for (int i = 0; i < 8; i++)
    pthread_join(ids[i], 0);
  restarted_join = 0;
}
static void *add_field_index(void *arg) {
  pthread_mutex_lock(&pool_lock);
  field_index_join++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'field_index_join': this write runs concurrently with a write of 'field_index_join' in another thread
  // CHECK-MESSAGES: :[[@LINE+11]]:3: note: conflicting write of 'field_index_join' in the spawning thread here
  pthread_mutex_unlock(&pool_lock);
  return arg;
}
void join_by_field_index(void) {
  pthread_t ids[8];
  struct { int index; } c;
  for (c.index = 0; c.index < 8; c.index++)
    pthread_create(&ids[c.index], 0, add_field_index, 0);
  for (c.index = 0; c.index < 8 - 1; c.index++)
    pthread_join(ids[c.index], 0);
  field_index_join = 0;
}
static void *add_tested(void *arg) {
  pthread_mutex_lock(&pool_lock);
  tested_join++;
  pthread_mutex_unlock(&pool_lock);
  return arg;
}
void join_started_only(void) {
  pthread_t ids[8];
  int started[8];
  for (int i = 0; i < 8; i++)
    started[i] = pthread_create(&ids[i], 0, add_tested, 0) == 0;
  for (int i = 0; i < 8; i++)
    if (started[i])
      pthread_join(ids[i], 0);
  tested_join = 0;
}

// A mutex the spawner holds from one thread's start until it has joined a
// sibling: the first thread, once it takes the mutex, runs after the
// sibling has ended. Unlocked before that join, it orders nothing.
pthread_mutex_t handoff_lock;
int handed_off, not_handed_off;
static void *after_handoff(void *arg) {
  pthread_mutex_lock(&handoff_lock);
  pthread_mutex_unlock(&handoff_lock);
  handed_off++;
  return arg;
}
static void *before_handoff(void *arg) {
  handed_off++;
  return arg;
}
void hand_off(void) {
  pthread_t a, b;
  pthread_mutex_lock(&handoff_lock);
  pthread_create(&a, 0, after_handoff, 0);
  pthread_create(&b, 0, before_handoff, 0);
  pthread_join(b, 0);
  pthread_mutex_unlock(&handoff_lock);
  pthread_join(a, 0);
}
static void *after_early_unlock(void *arg) {
  pthread_mutex_lock(&handoff_lock);
  pthread_mutex_unlock(&handoff_lock);
  not_handed_off++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'not_handed_off': this write runs concurrently with a write of 'not_handed_off' in another thread
  // CHECK-MESSAGES: :[[@LINE+4]]:3: note: conflicting write of 'not_handed_off' in a thread here
  return arg;
}
static void *before_early_unlock(void *arg) {
  not_handed_off++;
  return arg;
}
void hand_off_too_early(void) {
  pthread_t a, b;
  pthread_mutex_lock(&handoff_lock);
  pthread_create(&a, 0, after_early_unlock, 0);
  pthread_create(&b, 0, before_early_unlock, 0);
  pthread_mutex_unlock(&handoff_lock);
  pthread_join(b, 0);
  pthread_join(a, 0);
}

// A thread that a thread starts and joins: it runs within its parent's
// life, against the spawner's other threads. Under a mutex its parent holds
// from its start to its join, it is excluded from the mutex's other
// holders; so is a thread whose parent the spawner holds the mutex around.
pthread_mutex_t nest_lock;
int nested_total, nested_guarded, nested_inherited;
static void *nested_worker(void *arg) {
  nested_total++;
  return arg;
}
static void *nest_parent(void *arg) {
  pthread_t child;
  pthread_create(&child, 0, nested_worker, 0);
  pthread_join(child, 0);
  return arg;
}
static void *nest_sibling(void *arg) {
  pthread_mutex_lock(&nest_lock);
  nested_total++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'nested_total': this write runs concurrently with a write of 'nested_total' in another thread
  // CHECK-MESSAGES: :[[@LINE-13]]:3: note: conflicting write of 'nested_total' in a thread here
  // CHECK-MESSAGES: :[[@LINE+10]]:3: note: the thread is started here
  // CHECK-MESSAGES: :[[@LINE+10]]:3: note: the thread started here starts a thread and joins it
  // CHECK-MESSAGES: :[[@LINE-11]]:3: note: the other thread is started here
  nested_guarded++;
  nested_inherited++;
  pthread_mutex_unlock(&nest_lock);
  return arg;
}
void run_nested(void) {
  pthread_t a, b;
  pthread_create(&a, 0, nest_sibling, 0);
  pthread_create(&b, 0, nest_parent, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
}
static void *guarded_child(void *arg) {
  nested_guarded++;
  return arg;
}
static void *guarding_parent(void *arg) {
  pthread_t child;
  pthread_mutex_lock(&nest_lock);
  pthread_create(&child, 0, guarded_child, 0);
  pthread_join(child, 0);
  pthread_mutex_unlock(&nest_lock);
  return arg;
}
static void *inheriting_child(void *arg) {
  nested_inherited++;
  return arg;
}
static void *inheriting_parent(void *arg) {
  pthread_t child;
  pthread_create(&child, 0, inheriting_child, 0);
  pthread_join(child, 0);
  return arg;
}
void run_nested_under_locks(void) {
  pthread_t a, b, c;
  pthread_create(&a, 0, nest_sibling, 0);
  pthread_create(&b, 0, guarding_parent, 0);
  pthread_mutex_lock(&nest_lock);
  pthread_create(&c, 0, inheriting_parent, 0);
  pthread_join(c, 0);
  pthread_mutex_unlock(&nest_lock);
  pthread_join(a, 0);
  pthread_join(b, 0);
}
// One hold around two threads does not keep them apart.
int one_hold_total;
static void *one_hold_first(void *arg) {
  one_hold_total++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'one_hold_total': this write runs concurrently with a write of 'one_hold_total' in another thread
  // CHECK-MESSAGES: :[[@LINE+4]]:3: note: conflicting write of 'one_hold_total' in a thread here
  return arg;
}
static void *one_hold_second(void *arg) {
  one_hold_total++;
  return arg;
}
void run_under_one_hold(void) {
  pthread_t a, b;
  pthread_mutex_lock(&nest_lock);
  pthread_create(&a, 0, one_hold_first, 0);
  pthread_create(&b, 0, one_hold_second, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  pthread_mutex_unlock(&nest_lock);
}

// A grandchild the spawner joins through a global handle, while holding
// the mutex it held when it started the grandchild's parent: the grandchild
// runs inside that hold. It is excluded from the mutex's other holders, and
// a thread started under the hold that takes the mutex runs after it.
// Released before that join, the hold protects nothing.
pthread_mutex_t outer_hold;
pthread_t held_grandchild_id, freed_grandchild_id;
int held_grandchild_hits, waited_grandchild_hits, freed_grandchild_hits;
static void *held_grandchild(void *arg) {
  held_grandchild_hits++;
  waited_grandchild_hits++;
  return arg;
}
static void *held_grandparent(void *arg) {
  pthread_create(&held_grandchild_id, 0, held_grandchild, 0);
  return arg;
}
static void *held_grandchild_rival(void *arg) {
  pthread_mutex_lock(&outer_hold);
  held_grandchild_hits++;
  pthread_mutex_unlock(&outer_hold);
  return arg;
}
static void *held_grandchild_waiter(void *arg) {
  pthread_mutex_lock(&outer_hold);
  pthread_mutex_unlock(&outer_hold);
  waited_grandchild_hits++;
  return arg;
}
void run_held_grandchild(void) {
  pthread_t rival, waiter, parent;
  pthread_create(&rival, 0, held_grandchild_rival, 0);
  pthread_mutex_lock(&outer_hold);
  pthread_create(&waiter, 0, held_grandchild_waiter, 0);
  pthread_create(&parent, 0, held_grandparent, 0);
  pthread_join(held_grandchild_id, 0);
  pthread_mutex_unlock(&outer_hold);
  pthread_join(rival, 0);
  pthread_join(waiter, 0);
  pthread_join(parent, 0);
}
static void *freed_grandchild(void *arg) {
  freed_grandchild_hits++;
  return arg;
}
static void *freed_grandparent(void *arg) {
  pthread_create(&freed_grandchild_id, 0, freed_grandchild, 0);
  return arg;
}
static void *freed_grandchild_rival(void *arg) {
  pthread_mutex_lock(&outer_hold);
  freed_grandchild_hits++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'freed_grandchild_hits': this write runs concurrently with a write of 'freed_grandchild_hits' in another thread
  // CHECK-MESSAGES: :[[@LINE-11]]:3: note: conflicting write of 'freed_grandchild_hits' in a thread here
  // CHECK-MESSAGES: :[[@LINE+8]]:3: note: the thread is started here
  // CHECK-MESSAGES: :[[@LINE+9]]:3: note: the thread started here starts a thread that keeps running after it
  // CHECK-MESSAGES: :[[@LINE-10]]:3: note: the other thread is started here
  pthread_mutex_unlock(&outer_hold);
  return arg;
}
void run_freed_grandchild(void) {
  pthread_t rival, parent;
  pthread_create(&rival, 0, freed_grandchild_rival, 0);
  pthread_mutex_lock(&outer_hold);
  pthread_create(&parent, 0, freed_grandparent, 0);
  pthread_mutex_unlock(&outer_hold);
  pthread_join(freed_grandchild_id, 0);
  pthread_join(rival, 0);
  pthread_join(parent, 0);
}

// A function that takes a lock, handed to a function without a body here,
// may run on another thread (a registered callback): directly, or in a
// struct of callbacks. A callback that takes no lock, or one handed to the C
// library (atexit), is taken to run where it is called.
extern void register_callback(int (*callback)(void));
struct device_ops {
  int (*probe)(void);
  void (*tick)(void);
};
extern void register_device(struct device_ops *ops);
pthread_mutex_t callback_lock, other_callback_lock;
int callback_hits, device_ticks, quiet_hits, atexit_hits;
static int on_registered_event(void) {
  pthread_mutex_lock(&callback_lock);
  callback_hits++;
  pthread_mutex_unlock(&callback_lock);
  return 0;
}
static void on_tick(void) {
  pthread_mutex_lock(&callback_lock);
  device_ticks++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'device_ticks': this write runs concurrently with a write of 'device_ticks' in another thread
  // CHECK-MESSAGES: :[[@LINE+33]]:3: note: conflicting write of 'device_ticks' in the spawning thread here
  // CHECK-MESSAGES: :[[@LINE+27]]:3: note: 'on_tick' is handed to 'register_device', which is not defined in this file and may run it on another thread ('on_tick' takes a lock)
  pthread_mutex_unlock(&callback_lock);
}
static int probe_quietly(void) {
  quiet_hits++;
  return 0;
}
static struct device_ops device = {.probe = probe_quietly, .tick = on_tick};
static void at_exit_handler(void) {
  pthread_mutex_lock(&callback_lock);
  atexit_hits++;
  pthread_mutex_unlock(&callback_lock);
}
static void *callback_worker(void *arg) {
  pthread_mutex_lock(&other_callback_lock);
  callback_hits++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'callback_hits': this write runs concurrently with a write of 'callback_hits' in another thread
  // CHECK-MESSAGES: :[[@LINE-26]]:3: note: conflicting write of 'callback_hits' in a thread here
  // CHECK-MESSAGES: :[[@LINE+10]]:3: note: the thread is started here
  // CHECK-MESSAGES: :[[@LINE+10]]:3: note: 'on_registered_event' is handed to 'register_callback', which is not defined in this file and may run it on another thread ('on_registered_event' takes a lock)
  pthread_mutex_unlock(&other_callback_lock);
  quiet_hits++;
  atexit_hits++;
  return arg;
}
void register_callbacks(void) {
  pthread_t t;
  register_device(&device);
  pthread_create(&t, 0, callback_worker, 0);
  register_callback(on_registered_event);
  register_callback(probe_quietly);
  atexit(at_exit_handler);
  device_ticks = 0;
  pthread_join(t, 0);
}

// A mutex field of a named struct is that struct's own: A.mutex does not
// exclude B.mutex; the same struct's does.
struct locked_account {
  int balance;
  pthread_mutex_t mutex;
} account_a, account_b;
int transfers, audits;
static void *transfer_under_a(void *arg) {
  pthread_mutex_lock(&account_a.mutex);
  transfers++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'transfers': this write runs concurrently with a write of 'transfers' in another thread
  // CHECK-MESSAGES: :[[@LINE+9]]:3: note: conflicting write of 'transfers' in the spawning thread here
  audits++;
  pthread_mutex_unlock(&account_a.mutex);
  return arg;
}
void transfer_under_b(void) {
  pthread_t t;
  pthread_create(&t, 0, transfer_under_a, 0);
  pthread_mutex_lock(&account_b.mutex);
  transfers++;
  pthread_mutex_unlock(&account_b.mutex);
  pthread_mutex_lock(&account_a.mutex);
  audits++;
  pthread_mutex_unlock(&account_a.mutex);
  pthread_join(t, 0);
}

// A loop from one constant to another reaches every element: two such
// loops meet. A thread's own share of a range (`i < end`) stays its own.
int swept[16], shared_out[16];
static void *sweep_all(void *arg) {
  for (int i = 0; i < 16; i++)
    swept[i] = i;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: data race on 'swept': this write runs concurrently with a read of 'swept' in another thread
  // CHECK-MESSAGES: :[[@LINE+18]]:12: note: conflicting read of 'swept' in the spawning thread here
  return arg;
}
struct share { int begin, end; };
static void *fill_share(void *arg) {
  struct share *s = arg;
  for (int i = s->begin; i < s->end; i++)
    shared_out[i] = i;
  return arg;
}
int sweep_and_sum(void) {
  pthread_t t, u[2];
  struct share shares[2] = {{0, 8}, {8, 16}};
  pthread_create(&t, 0, sweep_all, 0);
  for (int k = 0; k < 2; k++)
    pthread_create(&u[k], 0, fill_share, &shares[k]);
  int sum = 0;
  for (int j = 0; j < 16; j++)
    sum += swept[j];
  pthread_join(t, 0);
  for (int k = 0; k < 2; k++)
    pthread_join(u[k], 0);
  return sum;
}

// A mutex taken through a local pointer with known targets is that mutex:
// `m = &acct->mutex` with acct set to one of two accounts. The datum reached
// through the same choice is protected by it; the other account's mutex
// held by the thread is not.
struct guarded_cell {
  int datum;
  pthread_mutex_t mutex;
} cell_a, cell_b;
static void *write_b_under_a(void *arg) {
  pthread_mutex_lock(&cell_a.mutex);
  cell_b.datum = 5;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'cell_b.datum': this write runs concurrently with a write of 'cell_b.datum' in another thread
  // CHECK-MESSAGES: :[[@LINE+22]]:3: note: conflicting write of '*d' (which may be 'cell_b.datum') in the spawning thread here
  pthread_mutex_unlock(&cell_a.mutex);
  return arg;
}
static void *write_a_under_a(void *arg) {
  pthread_mutex_lock(&cell_a.mutex);
  cell_a.datum = 5;
  pthread_mutex_unlock(&cell_a.mutex);
  return arg;
}
void write_cells(int pick) {
  struct guarded_cell *c;
  if (pick)
    c = &cell_a;
  else
    c = &cell_b;
  pthread_mutex_t *m = &c->mutex;
  int *d = &c->datum;
  pthread_t t, u;
  pthread_create(&t, 0, write_b_under_a, 0);
  pthread_create(&u, 0, write_a_under_a, 0);
  pthread_mutex_lock(m);
  *d = 8;
  pthread_mutex_unlock(m);
  pthread_join(t, 0);
  pthread_join(u, 0);
}

// Threads started on the two branches of one if never run together, and
// neither runs beside the other branch's code; in a loop they may.
int branch_total, looped_branch_total;
static void *branch_one(void *arg) {
  branch_total++;
  return arg;
}
static void *branch_two(void *arg) {
  branch_total++;
  return arg;
}
void start_one_of_two(int which) {
  pthread_t t;
  if (which) {
    pthread_create(&t, 0, branch_one, 0);
  } else {
    branch_total = 0;
    pthread_create(&t, 0, branch_two, 0);
  }
  pthread_detach(t);
}
static void *loop_branch_one(void *arg) {
  looped_branch_total++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'looped_branch_total': this write runs concurrently with a write of 'looped_branch_total' in another thread
  return arg;
}
static void *loop_branch_two(void *arg) {
  looped_branch_total--;
  return arg;
}
void start_one_of_two_repeatedly(int n) {
  pthread_t t;
  for (int i = 0; i < n; i++) {
    if (i % 2)
      pthread_create(&t, 0, loop_branch_one, 0);
    else
      pthread_create(&t, 0, loop_branch_two, 0);
    pthread_detach(t);
  }
}

// Elements of a mutex array named by a macro or an enumerator are constant
// elements too; pthread_rwlock arrays follow the same rule.
#define FIRST_SLOT 0
enum { SLOT_ZERO, SLOT_ONE };
pthread_mutex_t named_slots[2];
pthread_rwlock_t table_locks[2];
int named_slot_total, table_rows;
static void *add_under_named_slot(void *arg) {
  pthread_mutex_lock(&named_slots[FIRST_SLOT]);
  named_slot_total++;
  pthread_mutex_unlock(&named_slots[FIRST_SLOT]);
  pthread_rwlock_wrlock(&table_locks[SLOT_ONE]);
  table_rows++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'table_rows': this write runs concurrently with a write of 'table_rows' in another thread
  // CHECK-MESSAGES: :[[@LINE+11]]:3: note: conflicting write of 'table_rows' in the spawning thread here
  pthread_rwlock_unlock(&table_locks[SLOT_ONE]);
  return arg;
}
void add_under_enumerated_slot(void) {
  pthread_t t;
  pthread_create(&t, 0, add_under_named_slot, 0);
  pthread_mutex_lock(&named_slots[SLOT_ZERO]);
  named_slot_total++; // negative: FIRST_SLOT and SLOT_ZERO are both element 0
  pthread_mutex_unlock(&named_slots[SLOT_ZERO]);
  pthread_rwlock_wrlock(&table_locks[SLOT_ZERO]);
  table_rows++;
  pthread_rwlock_unlock(&table_locks[SLOT_ZERO]);
  pthread_join(t, 0);
}

// A callback handed over by address (`&on_flush`) is handed over too.
extern void register_flush(void (*flush)(void));
pthread_mutex_t flush_lock, flusher_lock;
int flushes;
static void on_flush(void) {
  pthread_mutex_lock(&flush_lock);
  flushes++;
  pthread_mutex_unlock(&flush_lock);
}
static void *flusher(void *arg) {
  pthread_mutex_lock(&flusher_lock);
  flushes++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'flushes': this write runs concurrently with a write of 'flushes' in another thread
  // CHECK-MESSAGES: :[[@LINE+7]]:3: note: 'on_flush' is handed to 'register_flush', which is not defined in this file and may run it on another thread ('on_flush' takes a lock)
  pthread_mutex_unlock(&flusher_lock);
  return arg;
}
void register_flush_by_address(void) {
  pthread_t t;
  pthread_create(&t, 0, flusher, 0);
  register_flush(&on_flush);
  pthread_join(t, 0);
}

// Lock striping: an element of a mutex array chosen by the same index as the
// element accessed (`lock(&m[i]); list_push(slot[i])`) protects it; another
// thread doing the same with its own index holds the same mutex for the same
// element and reaches another element otherwise.
struct stripe_node { int datum; struct stripe_node *next; };
pthread_mutex_t list_locks[10];
struct stripe_node *list_slots[10];
extern int pick_slot(void);
static void stripe_push(struct stripe_node *node, struct stripe_node *list) {
  node->next = list->next;
  list->next = node;
}
static void *stripe_same_index(void *arg) {
  int i = pick_slot();
  pthread_mutex_lock(&list_locks[i]);
  stripe_push(arg, list_slots[i]); // negative: striped by list_locks[i]
  pthread_mutex_unlock(&list_locks[i]);
  return NULL;
}
void start_striped_lists(struct stripe_node *node) {
  pthread_t t;
  int j = pick_slot();
  pthread_create(&t, 0, stripe_same_index, node);
  pthread_mutex_lock(&list_locks[j]);
  struct stripe_node *first = list_slots[j]->next; // negative
  pthread_mutex_unlock(&list_locks[j]);
  pthread_join(t, 0);
  (void)first;
}

// The neighbour element's mutex does not protect it (`m[i + 1]` around
// `slot[i]`), and neither does one fixed element of the array around every
// slot: the element is shared (it is taken under a lock), not the thread's own.
struct stripe_node *shifted_slots[10];
pthread_mutex_t shifted_locks[10];
static void *stripe_shifted_index(void *arg) {
  int i = pick_slot();
  pthread_mutex_lock(&shifted_locks[i + 1]);
  stripe_push(arg, shifted_slots[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'shifted_slots[]->next': this write (through a call) runs concurrently with a read of 'shifted_slots[]->next' in another thread
  // CHECK-MESSAGES: :[[@LINE+9]]:31: note: conflicting read of 'shifted_slots[]->next' in the spawning thread here
  pthread_mutex_unlock(&shifted_locks[i + 1]);
  return NULL;
}
void start_shifted_stripes(struct stripe_node *node) {
  pthread_t t;
  int j = pick_slot();
  pthread_create(&t, 0, stripe_shifted_index, node);
  pthread_mutex_lock(&shifted_locks[j]);
  struct stripe_node *first = shifted_slots[j]->next;
  pthread_mutex_unlock(&shifted_locks[j]);
  pthread_join(t, 0);
  (void)first;
}
struct stripe_node *fixed_slots[10];
pthread_mutex_t fixed_locks[10];
static void *stripe_fixed_element(void *arg) {
  for (int i = 0; i < 10; i++) {
    pthread_mutex_lock(&fixed_locks[0]);
    stripe_push(arg, fixed_slots[i]);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: data race on 'fixed_slots[]->next': this write (through a call) runs concurrently with a write of 'fixed_slots[]->next' in another thread
    // CHECK-MESSAGES: :[[@LINE+10]]:5: note: conflicting write of 'fixed_slots[]->next' in the spawning thread here
    pthread_mutex_unlock(&fixed_locks[0]);
  }
  return NULL;
}
void start_fixed_stripe(struct stripe_node *node) {
  pthread_t t;
  pthread_create(&t, 0, stripe_fixed_element, node);
  for (int j = 0; j < 10; j++) {
    pthread_mutex_lock(&fixed_locks[j]);
    fixed_slots[j]->next = NULL;
    pthread_mutex_unlock(&fixed_locks[j]);
  }
  pthread_join(t, 0);
}

// A mutex embedded in each element (`&buckets[i].lock`) stripes its element
// too; a bucket another index picks is not protected by it.
struct bucket { pthread_mutex_t lock; int hits; };
struct bucket buckets[16], other_buckets[16];
static void *bucket_hit(void *arg) {
  int i = pick_slot();
  pthread_mutex_lock(&buckets[i].lock);
  buckets[i].hits++; // negative: striped by buckets[i].lock
  pthread_mutex_unlock(&buckets[i].lock);
  int k = pick_slot();
  pthread_mutex_lock(&other_buckets[i].lock);
  other_buckets[k].hits++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'other_buckets': this write runs concurrently with a write of 'other_buckets' in another thread
  // CHECK-MESSAGES: :[[@LINE+12]]:3: note: conflicting write of 'other_buckets' in the spawning thread here
  pthread_mutex_unlock(&other_buckets[i].lock);
  return arg;
}
void start_bucket_hits(void) {
  pthread_t t;
  pthread_create(&t, 0, bucket_hit, 0);
  int j = pick_slot();
  pthread_mutex_lock(&buckets[j].lock);
  buckets[j].hits = 0; // negative
  pthread_mutex_unlock(&buckets[j].lock);
  pthread_mutex_lock(&other_buckets[j].lock);
  other_buckets[j].hits = 0;
  pthread_mutex_unlock(&other_buckets[j].lock);
  pthread_join(t, 0);
}

// Without a lock, a pointer element chosen by the thread's own index is the
// thread's own object (one result record per thread): no race.
struct result_record { int value; };
struct result_record *result_records[4];
static void *fill_own_record(void *arg) {
  int id = *(int *)arg;
  result_records[id]->value = id; // negative: the thread's own record
  return arg;
}
void start_record_fillers(int *ids) {
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], 0, fill_own_record, &ids[i]);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
}

// A thread that reaches the element through a pointer (`e = &entries[i]`)
// locks and writes that one element: its index is not visible, so it is
// taken to be the element its lock belongs to, like the striped side.
struct entry { pthread_mutex_t lock; int uses; } entries[8];
static void *use_entry_by_pointer(void *arg) {
  struct entry *e = &entries[pick_slot()];
  pthread_mutex_lock(&e->lock);
  e->uses++; // negative: the lock of the same element
  pthread_mutex_unlock(&e->lock);
  return arg;
}
void use_entries(void) {
  pthread_t t;
  pthread_create(&t, 0, use_entry_by_pointer, 0);
  int j = pick_slot();
  pthread_mutex_lock(&entries[j].lock);
  entries[j].uses = 0; // negative: striped by entries[j].lock
  pthread_mutex_unlock(&entries[j].lock);
  pthread_join(t, 0);
}

// A helper that locks the mutex inside the element it is given
// (`lock(&e->lock)`): called with `&counters[i]`, it holds element i's
// mutex. A caller holding element 4's mutex for element 5 is not protected
// by it; element 5's mutex around element 5 is. An offset from the pointer
// (`e[1]`) is another element than the one whose mutex is held.
struct ref_counter { int refs; pthread_mutex_t lock; } counters[10], shifted_counters[10];
static void counter_addref(struct ref_counter *e) {
  pthread_mutex_lock(&e->lock);
  e->refs++;
  pthread_mutex_unlock(&e->lock);
}
static void *addref_every_counter(void *arg) {
  for (int i = 0; i < 10; i++)
    counter_addref(&counters[i]);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: data race on 'counters.refs': this write (through a call) runs concurrently with a write of 'counters.refs' in another thread
    // CHECK-MESSAGES: :[[@LINE+7]]:3: note: conflicting write of 'counters.refs' in the spawning thread here
  return arg;
}
void addref_under_wrong_element(void) {
  pthread_t t;
  pthread_create(&t, 0, addref_every_counter, 0);
  pthread_mutex_lock(&counters[4].lock);
  counters[5].refs++;
  pthread_mutex_unlock(&counters[4].lock);
  pthread_mutex_lock(&counters[5].lock);
  counters[5].refs++; // (no second report: one per variable)
  pthread_mutex_unlock(&counters[5].lock);
  for (int j = 0; j < 10; j++)
    counter_addref(&counters[j]); // negative: striped on both sides
  pthread_join(t, 0);
}
static void *addref_right_element(void *arg) {
  for (int i = 0; i < 10; i++)
    counter_addref(&shifted_counters[i]); // negative: counters[i].lock
  return arg;
}
void addref_under_own_element(void) {
  pthread_t t;
  pthread_create(&t, 0, addref_right_element, 0);
  pthread_mutex_lock(&shifted_counters[5].lock);
  shifted_counters[5].refs++; // negative: element 5 under its own mutex
  pthread_mutex_unlock(&shifted_counters[5].lock);
  pthread_join(t, 0);
}
struct ref_counter neighbour_counters[10];
static void counter_addref_neighbour(struct ref_counter *e) {
  pthread_mutex_lock(&e->lock);
  e[1].refs++;
  pthread_mutex_unlock(&e->lock);
}
static void *addref_neighbours(void *arg) {
  for (int i = 0; i < 9; i++)
    counter_addref_neighbour(&neighbour_counters[i]);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: data race on 'neighbour_counters.refs': this write (through a call) runs concurrently with a write of 'neighbour_counters.refs' in another thread
    // CHECK-MESSAGES: :[[@LINE-7]]:3: note: the write of 'neighbour_counters.refs' is here
    // CHECK-MESSAGES: :[[@LINE+7]]:5: note: conflicting write of 'neighbour_counters.refs' in the spawning thread here
  return arg;
}
void addref_neighbour_counters(void) {
  pthread_t t;
  pthread_create(&t, 0, addref_neighbours, 0);
  for (int j = 0; j < 9; j++)
    counter_addref(&neighbour_counters[j]);
  pthread_join(t, 0);
}

// The element a spawning loop hands a thread (`&job_args[i]`) is that
// thread's: writing it before the spawn, or after the join, is safe; the
// spawner writing it after the hand-over, in the same iteration, races with
// the thread reading it.
int job_args[8], prepared_args[8];
static void *read_job_arg(void *arg) {
  int *mine = arg;
  int value = *mine;
  return (void *)(long)value;
}
void hand_over_then_write(void) {
  pthread_t t[8];
  for (int i = 0; i < 8; i++) {
    pthread_create(&t[i], 0, read_job_arg, &job_args[i]);
    job_args[i] = i;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: data race on 'job_args': this write runs concurrently with a read of 'job_args' in another thread
    // CHECK-MESSAGES: :[[@LINE-9]]:15: note: conflicting read of 'job_args' in a thread here
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: the thread is started here
  }
  for (int i = 0; i < 8; i++)
    pthread_join(t[i], 0);
}
void write_then_hand_over(void) {
  pthread_t t[8];
  for (int i = 0; i < 8; i++) {
    prepared_args[i] = i; // negative: before thread i starts
    pthread_create(&t[i], 0, read_job_arg, &prepared_args[i]);
  }
  for (int i = 0; i < 8; i++)
    pthread_join(t[i], 0);
  for (int i = 0; i < 8; i++)
    prepared_args[i] = 0; // negative: after every join
}

// The same, with the write in a callee (`store_through(d)`): the caller's
// lock through m is resolved against what d points to, as for a direct write.
struct guarded_cell callee_cell_a, callee_cell_b;
static void store_through(int *p) { *p = 8; }
static void *write_callee_b_under_a(void *arg) {
  pthread_mutex_lock(&callee_cell_a.mutex);
  callee_cell_b.datum = 5;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'callee_cell_b.datum': this write runs concurrently with a write of 'callee_cell_b.datum' in another thread
  // CHECK-MESSAGES: :[[@LINE+22]]:3: note: conflicting write of 'callee_cell_b.datum' in the spawning thread here
  pthread_mutex_unlock(&callee_cell_a.mutex);
  return arg;
}
static void *write_callee_a_under_a(void *arg) {
  pthread_mutex_lock(&callee_cell_a.mutex);
  callee_cell_a.datum = 5; // negative: m is callee_cell_a.mutex whenever d is its datum
  pthread_mutex_unlock(&callee_cell_a.mutex);
  return arg;
}
void write_cells_in_callee(int pick) {
  struct guarded_cell *c;
  if (pick)
    c = &callee_cell_a;
  else
    c = &callee_cell_b;
  pthread_mutex_t *m = &c->mutex;
  int *d = &c->datum;
  pthread_t t, u;
  pthread_create(&t, 0, write_callee_b_under_a, 0);
  pthread_create(&u, 0, write_callee_a_under_a, 0);
  pthread_mutex_lock(m);
  store_through(d);
  pthread_mutex_unlock(m);
  pthread_join(t, 0);
  pthread_join(u, 0);
}

// Pointer fields that only initializers set point where each global's
// initializer says: two heads sharing one node share its data, whatever
// lock each head has; heads with nodes of their own do not.
struct init_node { int datum; struct init_node *next; };
struct init_node shared_node = {9, NULL}, own_node_a = {1, NULL}, own_node_b = {2, NULL};
struct init_node head_a = {3, &shared_node}, head_b = {5, &shared_node};
struct init_node own_head_a = {3, &own_node_a}, own_head_b = {5, &own_node_b};
pthread_mutex_t head_a_lock = PTHREAD_MUTEX_INITIALIZER, head_b_lock = PTHREAD_MUTEX_INITIALIZER;
static void *bump_through_head_a(void *arg) {
  pthread_mutex_lock(&head_a_lock);
  head_a.next->datum++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'head_a.next->datum' (which is 'shared_node.datum'): this write runs concurrently with a write of 'shared_node.datum' in another thread
  // CHECK-MESSAGES: :[[@LINE+10]]:3: note: conflicting write of 'n->datum' (which is 'shared_node.datum') in the spawning thread here
  own_head_a.next->datum++; // negative: own_node_a is only reached under head_a_lock
  pthread_mutex_unlock(&head_a_lock);
  return arg;
}
void bump_through_head_b(void) {
  pthread_t t;
  pthread_create(&t, 0, bump_through_head_a, 0);
  pthread_mutex_lock(&head_b_lock);
  struct init_node *n = head_b.next;
  n->datum++;
  own_head_b.next->datum++; // negative
  pthread_mutex_unlock(&head_b_lock);
  pthread_join(t, 0);
}

// A thread starts holding nothing: unlocking a mutex it never locked (a
// mismatched unlock) is no hold of it. A helper that unlocks its caller's
// mutex still counts it as held when the thread did lock it.
pthread_mutex_t list_head_lock = PTHREAD_MUTEX_INITIALIZER, list_tail_lock = PTHREAD_MUTEX_INITIALIZER;
int list_head_count, list_tail_count;
static void release_tail(void) { pthread_mutex_unlock(&list_tail_lock); }
pthread_mutex_t list_node_lock = PTHREAD_MUTEX_INITIALIZER;
static void *relink_with_wrong_unlock(void *arg) {
  pthread_mutex_lock(&list_node_lock);
  list_head_count++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'list_head_count': this write runs concurrently with a read of 'list_head_count' in another thread
  // CHECK-MESSAGES: :[[@LINE+11]]:14: note: conflicting read of 'list_head_count' in the spawning thread here
  pthread_mutex_unlock(&list_head_lock);
  pthread_mutex_lock(&list_tail_lock);
  list_tail_count++; // negative: list_tail_lock is held, and released by a helper
  release_tail();
  return arg;
}
void read_list_under_head_lock(void) {
  pthread_t t;
  pthread_create(&t, 0, relink_with_wrong_unlock, 0);
  pthread_mutex_lock(&list_head_lock);
  int seen = list_head_count;
  pthread_mutex_unlock(&list_head_lock);
  pthread_mutex_lock(&list_tail_lock);
  list_tail_count = seen;
  pthread_mutex_unlock(&list_tail_lock);
  pthread_join(t, 0);
}

// Storing a new object into a global pointer publishes it: from there on,
// writes through the local pointer are writes of what the global points to.
struct pub_node { int value; struct pub_node *next; };
struct pub_node *published, *published_locked;
pthread_mutex_t publish_lock = PTHREAD_MUTEX_INITIALIZER;
static void *read_published(void *arg) {
  pthread_mutex_lock(&publish_lock);
  struct pub_node *n = published ? published->next : NULL;
  int v = published_locked ? published_locked->value : 0;
  pthread_mutex_unlock(&publish_lock);
  return n ? arg : (void *)(long)v;
}
void publish_then_write(void) {
  pthread_t t;
  pthread_create(&t, 0, read_published, 0);
  struct pub_node *node = malloc(sizeof *node);
  node->next = NULL; // negative: not published yet
  pthread_mutex_lock(&publish_lock);
  published = node;
  pthread_mutex_unlock(&publish_lock);
  node->next = node;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 'node->next' (which is 'published->next'): this write runs concurrently with a read of 'published->next' in another thread
  // CHECK-MESSAGES: :[[@LINE-15]]:36: note: conflicting read of 'published->next' in a thread here
  struct pub_node *other = malloc(sizeof *other);
  pthread_mutex_lock(&publish_lock);
  published_locked = other;
  other->value = 1; // negative: under the lock the reader takes
  pthread_mutex_unlock(&publish_lock);
  pthread_join(t, 0);
}

// A lock taken through a pointer guards the object the pointer named then:
// after `s = next_session()` the held mutex is the previous session's.
struct session { int hits; pthread_mutex_t lock; };
extern struct session *next_session(void);
static void *count_in_session(void *arg) {
  struct session *s = next_session();
  pthread_mutex_lock(&s->lock);
  s->hits++; // negative: the lock of the same session
  s = next_session();
  s->hits++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: data race on 's->hits' (which is 'next_session()->hits'): this write runs concurrently with a write of 'next_session()->hits' in another thread
  // CHECK-MESSAGES: :[[@LINE+10]]:3: note: conflicting write of 's->hits' (which is 'next_session()->hits') in the spawning thread here
  // CHECK-MESSAGES: :[[@LINE-6]]:22: note: this lock was taken through 's' before 's' was given another value: it guards the object 's' pointed to then, not the one accessed
  pthread_mutex_unlock(&s->lock);
  return arg;
}
void count_sessions(void) {
  pthread_t t;
  pthread_create(&t, 0, count_in_session, 0);
  struct session *s = next_session();
  pthread_mutex_lock(&s->lock);
  s->hits = 0;
  pthread_mutex_unlock(&s->lock);
  pthread_join(t, 0);
}
