// The result is printed before the worker is joined.
#include <pthread.h>
#include <stdio.h>

long result;

static void *compute(void *arg) {
  for (long i = 0; i < 1000; i++)
    result += i; // RACE!
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, compute, NULL);
  printf("%ld\n", result); // RACE!
  pthread_join(t, NULL);
  return 0;
}
