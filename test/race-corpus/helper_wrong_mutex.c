// The log helper protects the event count with the log mutex, while the
// worker updates the same count under the queue mutex.
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
int events;
int queue_len;

static void log_event(const char *what) {
  pthread_mutex_lock(&log_lock);
  events++; // RACE!
  fprintf(stderr, "%s\n", what);
  pthread_mutex_unlock(&log_lock);
}

static void *worker(void *arg) {
  for (int i = 0; i < 10; i++) {
    pthread_mutex_lock(&queue_lock);
    queue_len++; // NORACE
    events++; // RACE!
    pthread_mutex_unlock(&queue_lock);
    log_event("enqueued");
  }
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%d %d\n", events, queue_len); // NORACE
  return 0;
}
