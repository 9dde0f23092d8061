// Each thread writes only its own element of a shared array.
#include <pthread.h>
#include <stdio.h>

#define N 8
int partial[N];

static void *sum_part(void *arg) {
  long id = (long)arg;
  int s = 0;
  for (int i = 0; i < 100; i++)
    s += i * (int)id;
  partial[id] = s; // NORACE
  return NULL;
}

int main(void) {
  pthread_t t[N];
  for (long i = 0; i < N; i++)
    pthread_create(&t[i], NULL, sum_part, (void *)i);
  int total = 0;
  for (int i = 0; i < N; i++) {
    pthread_join(t[i], NULL);
    total += partial[i]; // NORACE
  }
  printf("%d\n", total);
  return 0;
}
