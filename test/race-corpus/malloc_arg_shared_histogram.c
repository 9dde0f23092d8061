// Workers get a malloc'd argument with their slice bounds and a pointer to one
// shared histogram, which they all increment without a lock.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define NTHREADS 4
#define N 4096
#define BINS 8

struct slice {
  const int *data;
  int lo, hi;
  int *hist;
};

static int input[N];

static void *count(void *p) {
  struct slice *s = p;
  for (int i = s->lo; i < s->hi; i++)
    s->hist[input[i] % BINS]++; // RACE!
  free(s);
  return NULL;
}

int main(void) {
  int hist[BINS] = {0};
  pthread_t t[NTHREADS];
  for (int i = 0; i < N; i++)
    input[i] = (i * 7) % 13;
  for (int i = 0; i < NTHREADS; i++) {
    struct slice *s = malloc(sizeof *s);
    s->data = input;
    s->lo = i * (N / NTHREADS);
    s->hi = (i + 1) * (N / NTHREADS);
    s->hist = hist;
    pthread_create(&t[i], NULL, count, s);
  }
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
  for (int b = 0; b < BINS; b++)
    printf("%d ", hist[b]); // NORACE
  printf("\n");
  return 0;
}
