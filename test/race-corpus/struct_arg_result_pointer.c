// Each worker's argument struct points at the worker's own result slot; main
// reads the results after joining.
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 4

struct job {
  int n;
  double *result;
};

static void *square_sum(void *p) {
  struct job *j = p;
  double s = 0;
  for (int i = 1; i <= j->n; i++)
    s += (double)i * i;
  *j->result = s; // NORACE
  return NULL;
}

int main(void) {
  double results[NTHREADS];
  struct job jobs[NTHREADS];
  pthread_t t[NTHREADS];
  for (int i = 0; i < NTHREADS; i++) {
    jobs[i].n = 100 * (i + 1);
    jobs[i].result = &results[i];
    pthread_create(&t[i], NULL, square_sum, &jobs[i]);
  }
  for (int i = 0; i < NTHREADS; i++) {
    pthread_join(t[i], NULL);
    printf("%.0f\n", results[i]); // NORACE
  }
  return 0;
}
