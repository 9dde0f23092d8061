// On the error branch the lock is released before the error counter is
// updated, so two failing workers can update it at the same time.
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 4

pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
long processed;
long rejected;

static void handle(int item) {
  pthread_mutex_lock(&stats_lock);
  if (item % 3 == 0) {
    pthread_mutex_unlock(&stats_lock);
    rejected++; // RACE!
    return;
  }
  processed++; // NORACE
  pthread_mutex_unlock(&stats_lock);
}

static void *worker(void *arg) {
  long base = (long)arg;
  for (int i = 0; i < 100; i++)
    handle((int)(base * 100 + i));
  return NULL;
}

int main(void) {
  pthread_t t[NTHREADS];
  for (long i = 0; i < NTHREADS; i++)
    pthread_create(&t[i], NULL, worker, (void *)i);
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
  printf("%ld %ld\n", processed, rejected); // NORACE
  return 0;
}
