// The same handshake with C11 atomics.
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

atomic_int ready;
_Atomic int hits;

static void *producer(void *arg) {
  atomic_fetch_add(&hits, 1);
  atomic_store(&ready, 1); // NORACE
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, producer, NULL);
  while (!atomic_load(&ready)) // NORACE
    ;
  pthread_join(t, NULL);
  printf("%d\n", atomic_load(&hits));
  return 0;
}
