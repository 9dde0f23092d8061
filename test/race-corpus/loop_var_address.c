// The classic mistake: every thread gets the address of the loop variable,
// which the loop keeps incrementing while the threads read it.
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 4

static void *worker(void *arg) {
  int id = *(int *)arg; // RACE!
  printf("hello from thread %d\n", id);
  return NULL;
}

int main(void) {
  pthread_t t[NTHREADS];
  int i;
  for (i = 0; i < NTHREADS; i++) // RACE!
    pthread_create(&t[i], NULL, worker, &i);
  for (int j = 0; j < NTHREADS; j++)
    pthread_join(t[j], NULL);
  return 0;
}
