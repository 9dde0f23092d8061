// Workers add their partial sums with atomic_fetch_add and count themselves
// with an _Atomic int.
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#define NTHREADS 4

atomic_long total;
_Atomic int finished;

static void *worker(void *arg) {
  long id = (long)arg;
  long local = 0;
  for (long i = 0; i < 1000; i++)
    local += i + id;
  atomic_fetch_add(&total, local); // NORACE
  finished += 1; // NORACE
  return NULL;
}

int main(void) {
  pthread_t t[NTHREADS];
  for (long i = 0; i < NTHREADS; i++)
    pthread_create(&t[i], NULL, worker, (void *)i);
  while (atomic_load_explicit(&finished, memory_order_acquire) < NTHREADS) // NORACE
    ;
  printf("%ld\n", atomic_load(&total)); // NORACE
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
  return 0;
}
