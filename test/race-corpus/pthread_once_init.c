// Lazy initialisation done right: pthread_once runs init_config exactly once
// and every caller sees its writes.
#include <pthread.h>
#include <stdio.h>

static pthread_once_t config_once = PTHREAD_ONCE_INIT;
int port;
int retries;

static void init_config(void) {
  port = 8080; // NORACE
  retries = 3; // NORACE
}

static void *client(void *arg) {
  pthread_once(&config_once, init_config);
  printf("connecting to %d (%d retries)\n", port, retries); // NORACE
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
