// Races only if counter.h's 'hits' is not atomic: the analysis must see the
// header as the editor has it, not as it is on disk.
#include <pthread.h>
#include "counter.h"

static void *count_hits(void *arg) {
  for (int i = 0; i < 1000; ++i)
    hits++;
  return arg;
}

int main(void) {
  pthread_t workers[4];
  for (int i = 0; i < 4; ++i)
    pthread_create(&workers[i], NULL, count_hits, NULL);
  for (int i = 0; i < 4; ++i)
    pthread_join(workers[i], NULL);
  return (int)hits;
}
