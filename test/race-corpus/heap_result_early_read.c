// The result block is allocated by main and filled by the worker, but main
// prints it before joining.
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
    r->sum += i; // RACE!
  r->done = 1; // RACE!
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
  if (r->done) // RACE!
    printf("sum = %ld\n", r->sum); // RACE!
  pthread_join(t, NULL);
  free(r);
  return 0;
}
