// A semaphore used as a lock, but initialised to 2: two threads can be in
// the "critical section" at once.
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

#define NTHREADS 4

sem_t slots;
long in_use_total;

static void *work(void *arg) {
  for (int i = 0; i < 1000; i++) {
    sem_wait(&slots);
    in_use_total++; // RACE!
    sem_post(&slots);
  }
  return arg;
}

int main(void) {
  sem_init(&slots, 0, 2);
  pthread_t t[NTHREADS];
  for (int i = 0; i < NTHREADS; i++)
    pthread_create(&t[i], NULL, work, NULL);
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
  sem_destroy(&slots);
  printf("%ld\n", in_use_total); // NORACE
  return 0;
}
