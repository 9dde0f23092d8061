// A counter that four threads bump without a lock (parsafe-shared-state-race),
// and an unused variable (clangd's -Wunused-variable).
#include <pthread.h>
#include <stdio.h>

static long hits;

static void *count_hits(void *arg) {
  for (int i = 0; i < 1000; ++i)
    hits++;
  return arg;
}

int main(void) {
  int unused_total;
  pthread_t workers[4];
  for (int i = 0; i < 4; ++i)
    pthread_create(&workers[i], NULL, count_hits, NULL);
  for (int i = 0; i < 4; ++i)
    pthread_join(workers[i], NULL);
  printf("%ld\n", hits);
  return 0;
}
