// The main thread spins on a plain int flag the worker sets: neither the flag
// nor the data it is meant to publish is synchronized.
#include <pthread.h>
#include <stdio.h>

int ready;
int data;

static void *producer(void *arg) {
  data = 42; // RACE!
  ready = 1; // RACE!
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, producer, NULL);
  while (!ready) // RACE!
    ;
  printf("%d\n", data); // RACE!
  pthread_join(t, NULL);
  return 0;
}
