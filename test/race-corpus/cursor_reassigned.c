// A worker walks a cursor over the shared table and then over its own
// scratch copy; the cursor's first target is shared with the main thread.
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 2

int table[8];

static void *worker(void *arg) {
  int scratch[8] = {0};
  int *cursor = &table[3];
  *cursor += 1; // RACE!
  cursor = scratch;
  cursor[3] += 1; // NORACE
  return arg;
}

int main(void) {
  pthread_t t[NTHREADS];
  for (int i = 0; i < NTHREADS; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
  printf("%d\n", table[3]);
  return 0;
}
