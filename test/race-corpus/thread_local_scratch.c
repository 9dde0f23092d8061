// Per-thread scratch space and a constant table: nothing shared is written.
#include <pthread.h>

_Thread_local int scratch;
static const int weights[4] = {1, 2, 3, 4};

static void *work(void *arg) {
  for (int i = 0; i < 4; i++)
    scratch += weights[i]; // NORACE
  return arg;
}

int main(void) {
  pthread_t t[3];
  for (int i = 0; i < 3; i++)
    pthread_create(&t[i], NULL, work, NULL);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
  return 0;
}
