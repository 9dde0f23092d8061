// A recursive function counts its calls in a global; two threads run it.
#include <pthread.h>
#include <stdio.h>

long calls;

static long fib(int n) {
  calls++; // RACE!
  if (n < 2)
    return n;
  return fib(n - 1) + fib(n - 2);
}

static void *run(void *arg) {
  long n = (long)arg;
  long r = fib((int)n);
  printf("fib(%ld) = %ld\n", n, r);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, run, (void *)20L);
  pthread_create(&b, NULL, run, (void *)21L);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%ld calls\n", calls); // NORACE
  return 0;
}
