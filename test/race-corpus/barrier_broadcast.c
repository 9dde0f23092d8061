// Thread 0 sets up a parameter that every thread reads after a barrier
// (the master-then-barrier idiom of phase-parallel code): race-free. The
// progress counter every thread bumps after the barrier is not protected.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 4

double scale;
double out[NTHREADS];
int finished;
pthread_barrier_t ready;

static void *work(void *arg) {
  long id = (long)arg;
  if (id == 0)
    scale = 2.5; // NORACE
  pthread_barrier_wait(&ready);
  out[id] = scale * (double)id; // NORACE
  finished++; // RACE!
  return NULL;
}

int main(void) {
  pthread_t t[NTHREADS];
  pthread_barrier_init(&ready, NULL, NTHREADS);
  for (long i = 0; i < NTHREADS; i++)
    pthread_create(&t[i], NULL, work, (void *)i);
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
  pthread_barrier_destroy(&ready);
  printf("%f %d\n", out[1], finished); // NORACE
  return 0;
}
