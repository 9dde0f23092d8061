// The producer writes the payload before taking the mutex; the consumer reads
// it only after seeing the flag under the same mutex, so the producer's
// unlock orders the write before the read.
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
int ready;
int payload;

static void *producer(void *arg) {
  payload = 42; // NORACE
  pthread_mutex_lock(&m);
  ready = 1; // NORACE
  pthread_cond_signal(&cv);
  pthread_mutex_unlock(&m);
  return arg;
}

static void *consumer(void *arg) {
  pthread_mutex_lock(&m);
  while (!ready) // NORACE
    pthread_cond_wait(&cv, &m);
  pthread_mutex_unlock(&m);
  printf("%d\n", payload); // NORACE
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
