// A hand-rolled spinlock on a C11 atomic_flag: test_and_set acquires, clear
// releases, so the counter is only ever touched by the lock holder.
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#define NTHREADS 4

atomic_flag spin = ATOMIC_FLAG_INIT;
long counter;

static void spin_lock(void) {
  while (atomic_flag_test_and_set_explicit(&spin, memory_order_acquire))
    ;
}

static void spin_unlock(void) { atomic_flag_clear_explicit(&spin, memory_order_release); }

static void *work(void *arg) {
  for (int i = 0; i < 10000; i++) {
    spin_lock();
    counter++; // NORACE
    spin_unlock();
  }
  return arg;
}

int main(void) {
  pthread_t t[NTHREADS];
  for (int i = 0; i < NTHREADS; i++)
    pthread_create(&t[i], NULL, work, NULL);
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
  printf("%ld\n", counter); // NORACE
  return 0;
}
