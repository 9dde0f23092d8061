// When the trylock fails the worker updates the counter anyway, racing with
// the thread that holds the lock.
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
long counter;

static void *work(void *arg) {
  for (int i = 0; i < 1000; i++) {
    if (pthread_mutex_trylock(&lock) == 0) {
      counter++; // RACE!
      pthread_mutex_unlock(&lock);
    } else {
      counter++; // RACE!
    }
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
