// A fresh argument block is malloc'd for every thread, which reads it and
// frees it; no two threads see the same block.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define NTHREADS 4

struct job {
  int id;
  int n;
};

static void *run(void *arg) {
  struct job *j = (struct job *)arg;
  long r = 0;
  for (int i = 0; i < j->n; i++) // NORACE
    r += i * j->id; // NORACE
  printf("job %d: %ld\n", j->id, r); // NORACE
  free(j);
  return NULL;
}

int main(void) {
  pthread_t t[NTHREADS];
  int started = 0;
  for (int i = 0; i < NTHREADS; i++) {
    struct job *j = malloc(sizeof *j);
    if (!j)
      break;
    j->id = i; // NORACE
    j->n = 100 * (i + 1); // NORACE
    pthread_create(&t[started++], NULL, run, j);
  }
  for (int i = 0; i < started; i++)
    pthread_join(t[i], NULL);
  return 0;
}
