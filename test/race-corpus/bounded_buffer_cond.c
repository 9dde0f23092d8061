// Producer/consumer on a bounded ring buffer with a mutex and two condition
// variables; every access to the buffer state holds the mutex.
#include <pthread.h>
#include <stdio.h>

#define SIZE 8
#define ITEMS 100

int buffer[SIZE];
int count, in, out;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;

static void *producer(void *arg) {
  for (int i = 0; i < ITEMS; i++) {
    pthread_mutex_lock(&m);
    while (count == SIZE) // NORACE
      pthread_cond_wait(&not_full, &m);
    buffer[in] = i; // NORACE
    in = (in + 1) % SIZE; // NORACE
    count++; // NORACE
    pthread_cond_signal(&not_empty);
    pthread_mutex_unlock(&m);
  }
  return arg;
}

static void *consumer(void *arg) {
  long sum = 0;
  for (int i = 0; i < ITEMS; i++) {
    pthread_mutex_lock(&m);
    while (count == 0) // NORACE
      pthread_cond_wait(&not_empty, &m);
    sum += buffer[out]; // NORACE
    out = (out + 1) % SIZE; // NORACE
    count--; // NORACE
    pthread_cond_signal(&not_full);
    pthread_mutex_unlock(&m);
  }
  printf("%ld\n", sum);
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
