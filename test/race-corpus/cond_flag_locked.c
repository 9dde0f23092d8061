// The consumer waits for the flag under the mutex, in a loop around
// pthread_cond_wait, and reads the data while still holding it.
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
int ready;
int payload;

static void *producer(void *arg) {
  pthread_mutex_lock(&m);
  payload = 42; // NORACE
  ready = 1; // NORACE
  pthread_cond_signal(&cv);
  pthread_mutex_unlock(&m);
  return arg;
}

static void *consumer(void *arg) {
  pthread_mutex_lock(&m);
  while (!ready) // NORACE
    pthread_cond_wait(&cv, &m);
  int v = payload; // NORACE
  pthread_mutex_unlock(&m);
  printf("%d\n", v);
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
