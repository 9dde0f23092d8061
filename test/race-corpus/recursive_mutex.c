// A recursive function re-locks a recursive mutex at every level; every
// update of the visit count holds it.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t tree_lock;
long visits;

static void visit(int depth) {
  pthread_mutex_lock(&tree_lock);
  visits++; // NORACE
  if (depth > 0) {
    visit(depth - 1);
    visit(depth - 1);
  }
  pthread_mutex_unlock(&tree_lock);
}

static void *walker(void *arg) {
  visit((int)(long)arg);
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&tree_lock, &attr);
  pthread_mutexattr_destroy(&attr);
  pthread_t a, b;
  pthread_create(&a, NULL, walker, (void *)5L);
  pthread_create(&b, NULL, walker, (void *)6L);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  pthread_mutex_destroy(&tree_lock);
  printf("%ld\n", visits); // NORACE
  return 0;
}
