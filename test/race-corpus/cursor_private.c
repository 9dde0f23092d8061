// The race-free twin of cursor_reassigned.c: the cursor is moved to the
// worker's own scratch copy before anything is written through it.
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 2

int table[8];

static void *worker(void *arg) {
  int scratch[8] = {0};
  int *cursor = &table[3];
  int seen = *cursor; // NORACE
  cursor = scratch;
  *cursor += seen; // NORACE
  cursor[3] += 1; // NORACE
  return (void *)(long)scratch[0];
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
