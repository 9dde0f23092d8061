// Each worker's argument struct points at the shared counter but at a mutex
// of its own, so the lock excludes no other worker.
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 4

struct worker_arg {
  long *counter;
  pthread_mutex_t *lock;
};

static void *worker(void *p) {
  struct worker_arg *a = (struct worker_arg *)p;
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(a->lock);
    (*a->counter)++; // RACE!
    pthread_mutex_unlock(a->lock);
  }
  return NULL;
}

int main(void) {
  long counter = 0;
  pthread_mutex_t locks[NTHREADS];
  pthread_t t[NTHREADS];
  struct worker_arg args[NTHREADS];
  for (int i = 0; i < NTHREADS; i++) {
    pthread_mutex_init(&locks[i], NULL);
    args[i].counter = &counter;
    args[i].lock = &locks[i];
    pthread_create(&t[i], NULL, worker, &args[i]);
  }
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
  printf("%ld\n", counter); // NORACE
  return 0;
}
