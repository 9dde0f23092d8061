// The race-free twin of extern_getter_race.c: the session the getter
// returns is only updated under one lock; the allocation helper's nodes
// are each thread's own.
#include <pthread.h>
#include <stdio.h>

struct session {
  long requests;
  long bytes;
};

extern struct session *current_session(void);
extern struct session *session_create(void);
pthread_mutex_t session_lock = PTHREAD_MUTEX_INITIALIZER;

static void *serve(void *arg) {
  struct session *mine = session_create();
  for (int i = 0; i < 100000; i++) {
    pthread_mutex_lock(&session_lock);
    current_session()->requests++; // NORACE
    pthread_mutex_unlock(&session_lock);
    mine->bytes += i; // NORACE
  }
  return mine;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, serve, NULL);
  struct session *s = current_session();
  for (int i = 0; i < 100000; i++) {
    pthread_mutex_lock(&session_lock);
    s->requests++; // NORACE
    pthread_mutex_unlock(&session_lock);
  }
  pthread_join(t, NULL);
  printf("%ld\n", current_session()->requests);
  return 0;
}
