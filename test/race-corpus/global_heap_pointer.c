// Shared statistics live on the heap behind a global pointer; the workers
// update them through the pointer without a lock.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct counters {
  long requests;
  long bytes;
};

struct counters *stats;

static void *serve(void *arg) {
  for (int i = 0; i < 100; i++) {
    stats->requests++; // RACE!
    stats->bytes += 512; // RACE!
  }
  return arg;
}

int main(void) {
  stats = calloc(1, sizeof *stats);
  if (!stats)
    return 1;
  pthread_t a, b;
  pthread_create(&a, NULL, serve, NULL);
  pthread_create(&b, NULL, serve, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%ld requests, %ld bytes\n", stats->requests, stats->bytes); // NORACE
  free(stats);
  return 0;
}
