// Main joins the first worker and then reads both results, although the
// second worker may still be writing its own.
#include <pthread.h>
#include <stdio.h>

long result_a;
long result_b;

static void *work_a(void *arg) {
  for (long i = 0; i < 1000; i++)
    result_a += i; // NORACE
  return arg;
}

static void *work_b(void *arg) {
  for (long i = 0; i < 2000; i++)
    result_b += i; // RACE!
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, work_a, NULL);
  pthread_create(&b, NULL, work_b, NULL);
  pthread_join(a, NULL);
  printf("a = %ld\n", result_a); // NORACE
  printf("b = %ld\n", result_b); // RACE!
  pthread_join(b, NULL);
  return 0;
}
