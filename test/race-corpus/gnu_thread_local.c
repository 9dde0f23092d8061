// GNU __thread variables: each thread has its own depth and call count.
#include <pthread.h>
#include <stdio.h>

__thread int depth;
__thread long calls;

static long walk(int n) {
  calls++; // NORACE
  depth++; // NORACE
  long r = n <= 1 ? 1 : walk(n - 1) + walk(n - 2);
  depth--; // NORACE
  return r;
}

static void *run(void *arg) {
  long n = (long)arg;
  long r = walk((int)n);
  printf("%ld: %ld after %ld calls\n", n, r, calls); // NORACE
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, run, (void *)15L);
  pthread_create(&b, NULL, run, (void *)16L);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
