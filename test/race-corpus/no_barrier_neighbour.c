// Each thread publishes its own value and then reads its neighbour's, with
// nothing making sure the neighbour has written it yet.
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 4

int value[NTHREADS];
int sum_with_next[NTHREADS];

static void *step(void *arg) {
  long id = (long)arg;
  value[id] = (int)(id * 10); // RACE!
  int next = value[(id + 1) % NTHREADS]; // RACE!
  sum_with_next[id] = value[id] + next; // NORACE
  return NULL;
}

int main(void) {
  pthread_t t[NTHREADS];
  for (long i = 0; i < NTHREADS; i++)
    pthread_create(&t[i], NULL, step, (void *)i);
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
  for (int i = 0; i < NTHREADS; i++)
    printf("%d\n", sum_with_next[i]); // NORACE
  return 0;
}
