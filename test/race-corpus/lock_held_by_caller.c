// The helper does not lock, but its only caller holds the mutex around the
// call.
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
long counter;
long largest;

static void record(long value) {
  counter++; // NORACE
  if (value > largest) // NORACE
    largest = value; // NORACE
}

static void *work(void *arg) {
  long base = (long)arg;
  for (long i = 0; i < 100; i++) {
    pthread_mutex_lock(&m);
    record(base + i);
    pthread_mutex_unlock(&m);
  }
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, work, (void *)0L);
  pthread_create(&b, NULL, work, (void *)1000L);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%ld %ld\n", counter, largest); // NORACE
  return 0;
}
