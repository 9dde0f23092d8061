// The completion count is atomic, but the total next to it is a plain long
// that every worker adds to.
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#define NTHREADS 4

long total;
atomic_int done;

static void *worker(void *arg) {
  long id = (long)arg;
  long local = 0;
  for (long i = 0; i < 1000; i++)
    local += i * id;
  total += local; // RACE!
  atomic_fetch_add(&done, 1); // NORACE
  return NULL;
}

int main(void) {
  pthread_t t[NTHREADS];
  for (long i = 0; i < NTHREADS; i++)
    pthread_create(&t[i], NULL, worker, (void *)i);
  while (atomic_load(&done) < NTHREADS) // NORACE
    ;
  printf("%ld\n", total); // NORACE
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
  return 0;
}
