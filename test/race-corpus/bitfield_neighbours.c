// Two threads write different bit-fields, but adjacent bit-fields share one
// memory location, so the two read-modify-writes race.
#include <pthread.h>
#include <stdio.h>

struct flags {
  unsigned dirty : 1;
  unsigned locked : 1;
  unsigned count : 6;
} flags;

static void *mark_dirty(void *arg) {
  flags.dirty = 1; // RACE!
  return arg;
}

static void *take_lock(void *arg) {
  flags.locked = 1; // RACE!
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, mark_dirty, NULL);
  pthread_create(&b, NULL, take_lock, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%u %u\n", flags.dirty, flags.locked); // NORACE
  return 0;
}
