// The ticket dispenser keeps its counter in a function-local static, but
// takes a mutex around it.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t ticket_lock = PTHREAD_MUTEX_INITIALIZER;

static int next_ticket(void) {
  static int ticket;
  pthread_mutex_lock(&ticket_lock);
  int mine = ++ticket; // NORACE
  pthread_mutex_unlock(&ticket_lock);
  return mine;
}

static void *customer(void *arg) {
  int mine = next_ticket();
  printf("got ticket %d\n", mine);
  return arg;
}

int main(void) {
  pthread_t t[3];
  for (int i = 0; i < 3; i++)
    pthread_create(&t[i], NULL, customer, NULL);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
  return 0;
}
