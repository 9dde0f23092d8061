// Vector addition split into disjoint per-thread slices of a global array.
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 4
#define N 4096

double a[N], b[N], c[N];

static void *vadd(void *arg) {
  long id = (long)arg;
  long chunk = N / NTHREADS;
  for (long i = id * chunk; i < (id + 1) * chunk; i++)
    c[i] = a[i] + b[i]; // NORACE
  pthread_exit(NULL);
}

int main(void) {
  pthread_t t[NTHREADS];
  for (int i = 0; i < N; i++) {
    a[i] = i;
    b[i] = 2 * i;
  }
  for (long i = 0; i < NTHREADS; i++)
    pthread_create(&t[i], NULL, vadd, (void *)i);
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
  printf("%f\n", c[N - 1]); // NORACE
  return 0;
}
