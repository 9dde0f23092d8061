// Textbook partial sums: each worker gets its own argument struct with its
// bounds and writes its result into that struct; main adds them after join.
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 4
#define N 10000

struct task {
  int lo, hi;
  long sum;
};

static int data[N];

static void *partial_sum(void *arg) {
  struct task *t = (struct task *)arg;
  long s = 0;
  for (int i = t->lo; i < t->hi; i++)
    s += data[i]; // NORACE
  t->sum = s; // NORACE
  return NULL;
}

int main(void) {
  pthread_t threads[NTHREADS];
  struct task tasks[NTHREADS];
  for (int i = 0; i < N; i++)
    data[i] = i % 10;
  for (int i = 0; i < NTHREADS; i++) {
    tasks[i].lo = i * (N / NTHREADS);
    tasks[i].hi = (i + 1) * (N / NTHREADS);
    tasks[i].sum = 0;
    pthread_create(&threads[i], NULL, partial_sum, &tasks[i]);
  }
  long total = 0;
  for (int i = 0; i < NTHREADS; i++) {
    pthread_join(threads[i], NULL);
    total += tasks[i].sum; // NORACE
  }
  printf("%ld\n", total);
  return 0;
}
