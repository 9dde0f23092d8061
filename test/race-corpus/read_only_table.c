// Main fills the lookup table before starting the threads, the threads only
// read it, and main changes it again only after joining them.
#include <pthread.h>
#include <stdio.h>

#define SIZE 256
#define NTHREADS 3

int squares[SIZE];
int scale;

static void *query(void *arg) {
  long k = (long)arg;
  long sum = 0;
  for (int i = 0; i < SIZE; i += (int)k + 1)
    sum += squares[i] * scale; // NORACE
  printf("%ld\n", sum);
  return NULL;
}

int main(void) {
  pthread_t t[NTHREADS];
  for (int i = 0; i < SIZE; i++)
    squares[i] = i * i;
  scale = 2;
  for (long i = 0; i < NTHREADS; i++)
    pthread_create(&t[i], NULL, query, (void *)i);
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
  scale = 3; // NORACE
  return squares[1] * scale; // NORACE
}
