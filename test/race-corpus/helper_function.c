// The racy update is in a helper called by the thread.
#include <pthread.h>

int requests;

static void count_request(void) { requests = requests + 1; } // RACE!

static void *serve(void *arg) {
  for (int i = 0; i < 10; i++)
    count_request();
  return arg;
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, serve, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  return requests;
}
