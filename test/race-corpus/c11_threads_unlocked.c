// C11 <threads.h>: the workers take the mutex for the total but not for the
// maximum next to it.
#include <stdio.h>
#include <threads.h>

#define NTHREADS 4

mtx_t total_lock;
long total;
long largest;

static int worker(void *arg) {
  long id = (long)arg;
  mtx_lock(&total_lock);
  total += id; // NORACE
  mtx_unlock(&total_lock);
  if (id > largest) // RACE!
    largest = id; // RACE!
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
  printf("%ld %ld\n", total, largest); // NORACE
  return 0;
}
