// The argument struct carries pointers to the shared total and to the mutex
// that protects it; every update takes that mutex.
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 4

struct shared {
  long total;
  pthread_mutex_t lock;
};

struct arg {
  int id;
  struct shared *sh;
};

static void *worker(void *p) {
  struct arg *a = (struct arg *)p;
  long local = 0;
  for (int i = 0; i < 1000; i++)
    local += a->id;
  pthread_mutex_lock(&a->sh->lock);
  a->sh->total += local; // NORACE
  pthread_mutex_unlock(&a->sh->lock);
  return NULL;
}

int main(void) {
  struct shared sh;
  sh.total = 0;
  pthread_mutex_init(&sh.lock, NULL);
  pthread_t t[NTHREADS];
  struct arg args[NTHREADS];
  for (int i = 0; i < NTHREADS; i++) {
    args[i].id = i;
    args[i].sh = &sh;
    pthread_create(&t[i], NULL, worker, &args[i]);
  }
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
  printf("%ld\n", sh.total); // NORACE
  pthread_mutex_destroy(&sh.lock);
  return 0;
}
