// A short critical section protected by a pthread spinlock.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 4

pthread_spinlock_t spin;
long counter;

static void *work(void *arg) {
  for (int i = 0; i < 10000; i++) {
    pthread_spin_lock(&spin);
    counter++; // NORACE
    pthread_spin_unlock(&spin);
  }
  return arg;
}

int main(void) {
  pthread_t t[NTHREADS];
  pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
  for (int i = 0; i < NTHREADS; i++)
    pthread_create(&t[i], NULL, work, NULL);
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
  pthread_spin_destroy(&spin);
  printf("%ld\n", counter); // NORACE
  return 0;
}
