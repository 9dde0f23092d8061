// A "fast path" reads the flag without the mutex and, when it is set, reads
// the payload unlocked too; the slow path under the mutex is correct.
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
  pthread_cond_broadcast(&cv);
  pthread_mutex_unlock(&m);
  return arg;
}

static void *consumer(void *arg) {
  if (!ready) { // RACE!
    pthread_mutex_lock(&m);
    while (!ready) // NORACE
      pthread_cond_wait(&cv, &m);
    pthread_mutex_unlock(&m);
  }
  printf("%d\n", payload); // RACE!
  return arg;
}

int main(void) {
  pthread_t p, c;
  pthread_create(&p, NULL, producer, NULL);
  pthread_create(&c, NULL, consumer, NULL);
  pthread_join(p, NULL);
  pthread_join(c, NULL);
  return 0;
}
