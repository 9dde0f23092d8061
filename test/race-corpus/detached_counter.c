// Detached workers bump a global counter that main polls without a lock.
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 3

int finished;

static void *job(void *arg) {
  finished++; // RACE!
  return arg;
}

int main(void) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  for (int i = 0; i < NTHREADS; i++) {
    pthread_t t;
    pthread_create(&t, &attr, job, NULL);
  }
  pthread_attr_destroy(&attr);
  while (finished < NTHREADS) // RACE!
    ;
  printf("all %d jobs done\n", NTHREADS);
  return 0;
}
