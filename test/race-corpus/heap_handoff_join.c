// Main allocates the result block, the worker fills it, and main reads it
// only after the join.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct result {
  long sum;
  int done;
};

static void *compute(void *arg) {
  struct result *r = (struct result *)arg;
  for (long i = 1; i <= 1000; i++)
    r->sum += i; // NORACE
  r->done = 1; // NORACE
  return NULL;
}

int main(void) {
  struct result *r = malloc(sizeof *r);
  if (!r)
    return 1;
  r->sum = 0;
  r->done = 0;
  pthread_t t;
  pthread_create(&t, NULL, compute, r);
  pthread_join(t, NULL);
  if (r->done) // NORACE
    printf("sum = %ld\n", r->sum); // NORACE
  free(r);
  return 0;
}
