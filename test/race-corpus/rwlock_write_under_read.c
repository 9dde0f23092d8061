// Lookups take the read lock, which is right for the table, but they also
// bump a hit counter: two readers hold the read lock at once.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

#define SIZE 64

pthread_rwlock_t table_lock = PTHREAD_RWLOCK_INITIALIZER;
int table[SIZE];
long hits;

static int lookup(int key) {
  pthread_rwlock_rdlock(&table_lock);
  int v = table[key % SIZE];
  hits++; // RACE!
  pthread_rwlock_unlock(&table_lock);
  return v;
}

static void *reader(void *arg) {
  long sum = 0;
  for (int i = 0; i < 100; i++)
    sum += lookup(i);
  return (void *)sum;
}

static void *writer(void *arg) {
  pthread_rwlock_wrlock(&table_lock);
  for (int i = 0; i < SIZE; i++)
    table[i] = i;
  pthread_rwlock_unlock(&table_lock);
  return arg;
}

int main(void) {
  pthread_t r1, r2, w;
  pthread_create(&w, NULL, writer, NULL);
  pthread_create(&r1, NULL, reader, NULL);
  pthread_create(&r2, NULL, reader, NULL);
  pthread_join(w, NULL);
  pthread_join(r1, NULL);
  pthread_join(r2, NULL);
  printf("%ld hits\n", hits); // NORACE
  return 0;
}
