// Numerical integration of pi: each thread sums its own strided share of the
// intervals locally and adds it to the global sum under a mutex.
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 4
#define STEPS 1000000

double pi_sum;
pthread_mutex_t sum_lock = PTHREAD_MUTEX_INITIALIZER;

static void *integrate(void *arg) {
  long id = (long)arg;
  double step = 1.0 / STEPS, local = 0.0;
  for (long i = id; i < STEPS; i += NTHREADS) {
    double x = (i + 0.5) * step;
    local += 4.0 / (1.0 + x * x);
  }
  pthread_mutex_lock(&sum_lock);
  pi_sum += local * step; // NORACE
  pthread_mutex_unlock(&sum_lock);
  return NULL;
}

int main(void) {
  pthread_t t[NTHREADS];
  for (long i = 0; i < NTHREADS; i++)
    pthread_create(&t[i], NULL, integrate, (void *)i);
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
  printf("pi = %.10f\n", pi_sum); // NORACE
  return 0;
}
