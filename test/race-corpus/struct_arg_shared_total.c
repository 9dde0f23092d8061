// Each worker gets its own argument struct, but every struct points at the
// same total, which the workers update without a lock.
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 4
#define N 4000

struct work_arg {
  int id;
  const int *data;
  long *total;
};

static int values[N];

static void *worker(void *arg) {
  struct work_arg *a = (struct work_arg *)arg;
  int chunk = N / NTHREADS;
  for (int i = a->id * chunk; i < (a->id + 1) * chunk; i++)
    *a->total += a->data[i]; // RACE!
  return NULL;
}

int main(void) {
  pthread_t threads[NTHREADS];
  struct work_arg args[NTHREADS];
  long total = 0;
  for (int i = 0; i < N; i++)
    values[i] = i % 7;
  for (int i = 0; i < NTHREADS; i++) {
    args[i].id = i;
    args[i].data = values;
    args[i].total = &total;
    pthread_create(&threads[i], NULL, worker, &args[i]);
  }
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(threads[i], NULL);
  printf("total = %ld\n", total); // NORACE
  return 0;
}
