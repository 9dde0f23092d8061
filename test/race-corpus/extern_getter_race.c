// The session table is defined in another file; this one only sees its
// getter. Both threads update the current session through it, unlocked.
#include <pthread.h>
#include <stdio.h>

struct session {
  long requests;
  long bytes;
};

extern struct session *current_session(void);

static void *serve(void *arg) {
  for (int i = 0; i < 100000; i++)
    current_session()->requests++; // RACE!
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, serve, NULL);
  struct session *s = current_session();
  for (int i = 0; i < 100000; i++)
    s->requests++; // RACE!
  pthread_join(t, NULL);
  printf("%ld\n", current_session()->requests);
  return 0;
}
