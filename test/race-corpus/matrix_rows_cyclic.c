// Matrix multiplication with rows dealt out cyclically: thread id computes
// rows id, id + NTHREADS, ... of C and only reads A and B.
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 3
#define N 64

double A[N][N], B[N][N], C[N][N];

static void *multiply(void *arg) {
  long id = (long)arg;
  for (long i = id; i < N; i += NTHREADS)
    for (int j = 0; j < N; j++) {
      double s = 0.0;
      for (int k = 0; k < N; k++)
        s += A[i][k] * B[k][j]; // NORACE
      C[i][j] = s; // NORACE
    }
  return NULL;
}

int main(void) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      A[i][j] = i + j;
      B[i][j] = i == j;
    }
  pthread_t t[NTHREADS];
  for (long i = 0; i < NTHREADS; i++)
    pthread_create(&t[i], NULL, multiply, (void *)i);
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
  printf("%f\n", C[N - 1][N - 1]); // NORACE
  return 0;
}
