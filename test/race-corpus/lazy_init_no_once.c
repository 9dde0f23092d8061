// Lazy initialisation with a plain flag instead of pthread_once: two threads
// can both see the flag clear and initialise while the other reads.
#include <pthread.h>
#include <stdio.h>

int initialized;
int port;
int retries;

static void init_config(void) {
  if (!initialized) { // RACE!
    port = 8080; // RACE!
    retries = 3; // RACE!
    initialized = 1; // RACE!
  }
}

static void *client(void *arg) {
  init_config();
  printf("connecting to %d (%d retries)\n", port, retries); // RACE!
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, client, NULL);
  pthread_create(&b, NULL, client, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
