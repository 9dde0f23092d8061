// The reporter picks which statistics block to update through a local
// pointer; the worker updates the "errors" block directly. When the
// reporter's pointer ends up at the same block, both write it unlocked.
#include <pthread.h>
#include <stdio.h>

struct stats {
  long count;
  long last;
};

struct stats requests, errors;
pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  for (int i = 0; i < 100000; i++)
    errors.count++; // RACE!
  return arg;
}

int main(int argc, char **argv) {
  (void)argv;
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  struct stats *target = argc > 1 ? &requests : &errors;
  long *counter = &target->count;
  for (int i = 0; i < 100000; i++)
    *counter += 1; // RACE!
  pthread_join(t, NULL);
  printf("%ld %ld\n", requests.count, errors.count);
  return 0;
}
