// Every thread allocates its own buffer, fills it, and hands the sum back as
// a heap-allocated return value that main reads after pthread_join.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define NTHREADS 4
#define LEN 256

static void *work(void *arg) {
  long seed = (long)arg;
  int *buf = malloc(LEN * sizeof *buf);
  long *sum = malloc(sizeof *sum);
  if (!buf || !sum) {
    free(buf);
    free(sum);
    return NULL;
  }
  *sum = 0;
  for (int i = 0; i < LEN; i++) {
    buf[i] = (int)(seed * i); // NORACE
    *sum += buf[i]; // NORACE
  }
  free(buf);
  return sum;
}

int main(void) {
  pthread_t t[NTHREADS];
  for (long i = 0; i < NTHREADS; i++)
    pthread_create(&t[i], NULL, work, (void *)i);
  long total = 0;
  for (int i = 0; i < NTHREADS; i++) {
    void *ret;
    pthread_join(t[i], &ret);
    if (ret) {
      total += *(long *)ret; // NORACE
      free(ret);
    }
  }
  printf("%ld\n", total);
  return 0;
}
