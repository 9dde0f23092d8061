// Four threads increment a shared counter without a lock.
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 4
#define ITERS 100000
long counter;

static void *work(void *arg) {
  for (int i = 0; i < ITERS; i++)
    counter++; // RACE!
  return arg;
}

int main(void) {
  pthread_t t[NTHREADS];
  for (int i = 0; i < NTHREADS; i++)
    pthread_create(&t[i], NULL, work, NULL);
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
  printf("%ld\n", counter);
  return 0;
}
