// Each worker gets its own argument struct holding pointers to one shared
// counter and to the one mutex that protects it; every update takes that mutex.
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 4

struct worker_arg {
  int id;
  long *counter;
  pthread_mutex_t *lock;
};

static void *worker(void *p) {
  struct worker_arg *a = (struct worker_arg *)p;
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(a->lock);
    *a->counter += a->id; // NORACE
    pthread_mutex_unlock(a->lock);
  }
  return NULL;
}

int main(void) {
  long counter = 0;
  pthread_mutex_t lock;
  pthread_mutex_init(&lock, NULL);
  pthread_t t[NTHREADS];
  struct worker_arg args[NTHREADS];
  for (int i = 0; i < NTHREADS; i++) {
    args[i].id = i;
    args[i].counter = &counter;
    args[i].lock = &lock;
    pthread_create(&t[i], NULL, worker, &args[i]);
  }
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
  printf("%ld\n", counter); // NORACE
  pthread_mutex_destroy(&lock);
  return 0;
}
