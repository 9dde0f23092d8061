// Two phases separated by a barrier: each thread writes its own slot, waits
// for everyone, then reads its neighbour's slot.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 4

int value[NTHREADS];
int sum_with_next[NTHREADS];
pthread_barrier_t phase;

static void *step(void *arg) {
  long id = (long)arg;
  value[id] = (int)(id * 10); // NORACE
  pthread_barrier_wait(&phase);
  int next = value[(id + 1) % NTHREADS]; // NORACE
  sum_with_next[id] = value[id] + next; // NORACE
  return NULL;
}

int main(void) {
  pthread_t t[NTHREADS];
  pthread_barrier_init(&phase, NULL, NTHREADS);
  for (long i = 0; i < NTHREADS; i++)
    pthread_create(&t[i], NULL, step, (void *)i);
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
  pthread_barrier_destroy(&phase);
  for (int i = 0; i < NTHREADS; i++)
    printf("%d\n", sum_with_next[i]); // NORACE
  return 0;
}
