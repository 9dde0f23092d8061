// The worker spins on pthread_mutex_trylock, yielding until it gets the lock,
// and touches the counter only while holding it.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
long counter;

static void *work(void *arg) {
  for (int i = 0; i < 1000; i++) {
    while (pthread_mutex_trylock(&lock) != 0)
      sched_yield();
    counter++; // NORACE
    pthread_mutex_unlock(&lock);
  }
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, work, NULL);
  pthread_create(&b, NULL, work, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%ld\n", counter); // NORACE
  return 0;
}
