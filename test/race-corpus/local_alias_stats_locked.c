// The race-free twin of local_alias_stats.c: the reporter's pointer may
// reach the block the worker updates, and both hold the same lock.
#include <pthread.h>
#include <stdio.h>

struct stats {
  long count;
  long last;
};

struct stats requests, errors;
pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  for (int i = 0; i < 100000; i++) {
    pthread_mutex_lock(&stats_lock);
    errors.count++; // NORACE
    pthread_mutex_unlock(&stats_lock);
  }
  return arg;
}

int main(int argc, char **argv) {
  (void)argv;
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  struct stats *target = argc > 1 ? &requests : &errors;
  long *counter = &target->count;
  for (int i = 0; i < 100000; i++) {
    pthread_mutex_lock(&stats_lock);
    *counter += 1; // NORACE
    pthread_mutex_unlock(&stats_lock);
  }
  target->last = 1; // NORACE
  pthread_join(t, NULL);
  printf("%ld %ld\n", requests.count, errors.count);
  return 0;
}
