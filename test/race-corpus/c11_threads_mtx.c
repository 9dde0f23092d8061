// C11 <threads.h>: thrd_create workers update a total under an mtx_t.
#include <stdio.h>
#include <threads.h>

#define NTHREADS 4

mtx_t total_lock;
long total;

static int worker(void *arg) {
  long id = (long)arg;
  for (int i = 0; i < 1000; i++) {
    mtx_lock(&total_lock);
    total += id; // NORACE
    mtx_unlock(&total_lock);
  }
  return 0;
}

int main(void) {
  thrd_t t[NTHREADS];
  mtx_init(&total_lock, mtx_plain);
  for (long i = 0; i < NTHREADS; i++)
    thrd_create(&t[i], worker, (void *)i);
  for (int i = 0; i < NTHREADS; i++)
    thrd_join(t[i], NULL);
  mtx_destroy(&total_lock);
  printf("%ld\n", total); // NORACE
  return 0;
}
