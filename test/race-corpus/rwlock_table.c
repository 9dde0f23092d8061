// Readers under a read lock, a writer under the write lock.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>

int table[16];
int version;
pthread_rwlock_t table_lock = PTHREAD_RWLOCK_INITIALIZER;

static void *reader(void *arg) {
  pthread_rwlock_rdlock(&table_lock);
  int v = version; // NORACE
  pthread_rwlock_unlock(&table_lock);
  return (void *)(long)v;
}

static void *writer(void *arg) {
  pthread_rwlock_wrlock(&table_lock);
  version++; // NORACE
  pthread_rwlock_unlock(&table_lock);
  return arg;
}

int main(void) {
  pthread_t r1, r2, w;
  pthread_create(&r1, NULL, reader, NULL);
  pthread_create(&r2, NULL, reader, NULL);
  pthread_create(&w, NULL, writer, NULL);
  pthread_join(r1, NULL);
  pthread_join(r2, NULL);
  pthread_join(w, NULL);
  return version;
}
