// The writer takes the write lock, but one reader skips the read lock.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

pthread_rwlock_t config_lock = PTHREAD_RWLOCK_INITIALIZER;
int timeout_ms = 100;
int verbose;

static void *locked_reader(void *arg) {
  pthread_rwlock_rdlock(&config_lock);
  int t = timeout_ms; // NORACE
  pthread_rwlock_unlock(&config_lock);
  return (void *)(long)t;
}

static void *unlocked_reader(void *arg) {
  long t = timeout_ms; // RACE!
  return (void *)t;
}

static void *writer(void *arg) {
  pthread_rwlock_wrlock(&config_lock);
  timeout_ms = 250; // RACE!
  verbose = 1; // NORACE
  pthread_rwlock_unlock(&config_lock);
  return arg;
}

int main(void) {
  pthread_t r1, r2, w;
  pthread_create(&w, NULL, writer, NULL);
  pthread_create(&r1, NULL, locked_reader, NULL);
  pthread_create(&r2, NULL, unlocked_reader, NULL);
  pthread_join(w, NULL);
  pthread_join(r1, NULL);
  pthread_join(r2, NULL);
  printf("%d %d\n", timeout_ms, verbose); // NORACE
  return 0;
}
