// Detached workers report completion under a mutex and a condition variable;
// main waits on it, so it never reads the count unlocked.
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 3

pthread_mutex_t done_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t all_done = PTHREAD_COND_INITIALIZER;
int finished;

static void *job(void *arg) {
  pthread_mutex_lock(&done_lock);
  finished++; // NORACE
  pthread_cond_signal(&all_done);
  pthread_mutex_unlock(&done_lock);
  return arg;
}

int main(void) {
  for (int i = 0; i < NTHREADS; i++) {
    pthread_t t;
    pthread_create(&t, NULL, job, NULL);
    pthread_detach(t);
  }
  pthread_mutex_lock(&done_lock);
  while (finished < NTHREADS) // NORACE
    pthread_cond_wait(&all_done, &done_lock);
  pthread_mutex_unlock(&done_lock);
  printf("all %d jobs done\n", NTHREADS);
  return 0;
}
