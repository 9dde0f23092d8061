// Locking depends on a per-thread flag: the thread started without it
// updates the counter unprotected while the other holds the mutex.
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
long counter;

struct options {
  int use_lock;
};

static void *work(void *arg) {
  struct options *o = (struct options *)arg;
  for (int i = 0; i < 1000; i++) {
    if (o->use_lock)
      pthread_mutex_lock(&m);
    counter++; // RACE!
    if (o->use_lock)
      pthread_mutex_unlock(&m);
  }
  return NULL;
}

int main(void) {
  struct options locked = {1}, unlocked = {0};
  pthread_t a, b;
  pthread_create(&a, NULL, work, &locked);
  pthread_create(&b, NULL, work, &unlocked);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%ld\n", counter); // NORACE
  return 0;
}
