// volatile does not synchronize: the spin on a volatile flag is still a data
// race, and so is the read of the data it is meant to publish.
#include <pthread.h>
#include <stdio.h>

volatile int ready;
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
