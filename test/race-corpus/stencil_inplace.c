// A 1-D smoothing step done in place: each thread owns a slice, but it reads
// its neighbours' boundary elements while they are being overwritten.
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 4
#define N 1024

double grid[N];

struct slice {
  int lo, hi;
};

static void *smooth(void *arg) {
  struct slice *s = (struct slice *)arg;
  for (int i = s->lo; i < s->hi; i++) {
    if (i == 0 || i == N - 1)
      continue;
    grid[i] = (grid[i - 1] + grid[i] + grid[i + 1]) / 3.0; // RACE!
  }
  return NULL;
}

int main(void) {
  pthread_t t[NTHREADS];
  struct slice s[NTHREADS];
  for (int i = 0; i < N; i++)
    grid[i] = (double)(i % 10);
  for (int i = 0; i < NTHREADS; i++) {
    s[i].lo = i * (N / NTHREADS);
    s[i].hi = (i + 1) * (N / NTHREADS);
    pthread_create(&t[i], NULL, smooth, &s[i]);
  }
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
  printf("%f\n", grid[N / 2]); // NORACE
  return 0;
}
