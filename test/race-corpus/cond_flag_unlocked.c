// The producer sets the flag under the mutex, but the consumer polls it
// without taking the mutex and then reads the data unlocked.
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
int ready;
int payload;

static void *producer(void *arg) {
  pthread_mutex_lock(&m);
  payload = 42; // RACE!
  ready = 1; // RACE!
  pthread_cond_signal(&cv);
  pthread_mutex_unlock(&m);
  return arg;
}

static void *consumer(void *arg) {
  while (!ready) // RACE!
    ;
  printf("%d\n", payload); // RACE!
  return arg;
}

int main(void) {
  pthread_t p, c;
  pthread_create(&c, NULL, consumer, NULL);
  pthread_create(&p, NULL, producer, NULL);
  pthread_join(p, NULL);
  pthread_join(c, NULL);
  return 0;
}
