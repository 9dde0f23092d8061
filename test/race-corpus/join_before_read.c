// The result is read only after the join.
#include <pthread.h>
#include <stdio.h>

long result;

static void *compute(void *arg) {
  for (long i = 0; i < 1000; i++)
    result += i; // NORACE
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, compute, NULL);
  pthread_join(t, NULL);
  printf("%ld\n", result); // NORACE
  return 0;
}
