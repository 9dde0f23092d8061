// Thread-specific data: every thread stores its own heap buffer under one
// pthread_key_t, so the buffers are never shared.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_key_t buffer_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void make_key(void) { pthread_key_create(&buffer_key, free); }

static int *thread_buffer(void) {
  pthread_once(&key_once, make_key);
  int *buf = pthread_getspecific(buffer_key);
  if (!buf) {
    buf = calloc(8, sizeof *buf);
    pthread_setspecific(buffer_key, buf);
  }
  return buf;
}

static void *work(void *arg) {
  int *buf = thread_buffer();
  if (!buf)
    return NULL;
  for (int i = 0; i < 8; i++)
    buf[i] += (int)(long)arg; // NORACE
  printf("%d\n", buf[7]); // NORACE
  return NULL;
}

int main(void) {
  pthread_t t[3];
  for (long i = 0; i < 3; i++)
    pthread_create(&t[i], NULL, work, (void *)i);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
  return 0;
}
