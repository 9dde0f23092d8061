// Main reads each worker's result right after joining that worker, while
// the other worker may still be running on its own variable.
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
    result_b += i; // NORACE
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, work_a, NULL);
  pthread_create(&b, NULL, work_b, NULL);
  pthread_join(a, NULL);
  printf("a = %ld\n", result_a); // NORACE
  pthread_join(b, NULL);
  printf("b = %ld\n", result_b); // NORACE
  return 0;
}
