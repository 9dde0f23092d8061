// Two threads update different fields of one struct, and one field both do.
#include <pthread.h>

struct stats {
  long reads;
  long writes;
  long errors;
} stats;

static void *reader(void *arg) {
  stats.reads++; // NORACE
  stats.errors++; // RACE!
  return arg;
}

static void *writer(void *arg) {
  stats.writes++; // NORACE
  stats.errors++; // RACE!
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, reader, NULL);
  pthread_create(&b, NULL, writer, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return (int)(stats.reads + stats.writes + stats.errors);
}
