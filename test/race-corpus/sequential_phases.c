// Two workers write the same global, but the second is started only after
// the first has been joined.
#include <pthread.h>
#include <stdio.h>

long accumulator;

static void *add_evens(void *arg) {
  for (long i = 0; i < 100; i += 2)
    accumulator += i; // NORACE
  return arg;
}

static void *add_odds(void *arg) {
  for (long i = 1; i < 100; i += 2)
    accumulator += i; // NORACE
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, add_evens, NULL);
  pthread_join(t, NULL);
  accumulator *= 2; // NORACE
  pthread_create(&t, NULL, add_odds, NULL);
  pthread_join(t, NULL);
  printf("%ld\n", accumulator); // NORACE
  return 0;
}
