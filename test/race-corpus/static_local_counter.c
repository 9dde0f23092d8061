// A function-local static is one variable shared by every thread that calls
// the function.
#include <pthread.h>
#include <stdio.h>

static int next_ticket(void) {
  static int ticket;
  ticket = ticket + 1; // RACE!
  return ticket; // RACE!
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
