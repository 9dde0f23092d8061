// Off-by-one slice bounds: each thread also writes the first element of the
// next thread's slice.
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 4
#define CHUNK 256
#define N (NTHREADS * CHUNK + 1)

int squares[N];

static void *fill(void *arg) {
  long id = (long)arg;
  long lo = id * CHUNK;
  long hi = lo + CHUNK;
  for (long i = lo; i <= hi; i++)
    squares[i] = (int)(i * i); // RACE!
  return NULL;
}

int main(void) {
  pthread_t t[NTHREADS];
  for (long i = 0; i < NTHREADS; i++)
    pthread_create(&t[i], NULL, fill, (void *)i);
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
  printf("%d\n", squares[N - 1]); // NORACE
  return 0;
}
