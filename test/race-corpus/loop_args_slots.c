// The loop passes &ids[i], a slot of its own for every thread, and each
// thread writes only its own result slot.
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 6

int ids[NTHREADS];
long results[NTHREADS];

static long collatz_steps(long n) {
  long steps = 0;
  while (n != 1) {
    n = n % 2 ? 3 * n + 1 : n / 2;
    steps++;
  }
  return steps;
}

static void *worker(void *arg) {
  int id = *(int *)arg; // NORACE
  results[id] = collatz_steps(27 + id); // NORACE
  return NULL;
}

int main(void) {
  pthread_t t[NTHREADS];
  for (int i = 0; i < NTHREADS; i++) {
    ids[i] = i; // NORACE
    pthread_create(&t[i], NULL, worker, &ids[i]);
  }
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
  for (int i = 0; i < NTHREADS; i++)
    printf("%d: %ld\n", ids[i], results[i]); // NORACE
  return 0;
}
