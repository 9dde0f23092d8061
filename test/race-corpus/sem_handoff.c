// A POSIX semaphore hands the buffer from producer to consumer: sem_post
// after the write and sem_wait before the read order the two accesses.
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

sem_t filled;
int buffer[16];

static void *producer(void *arg) {
  for (int i = 0; i < 16; i++)
    buffer[i] = i * i; // NORACE
  sem_post(&filled);
  return arg;
}

static void *consumer(void *arg) {
  sem_wait(&filled);
  long sum = 0;
  for (int i = 0; i < 16; i++)
    sum += buffer[i]; // NORACE
  printf("%ld\n", sum);
  return arg;
}

int main(void) {
  sem_init(&filled, 0, 0);
  pthread_t p, c;
  pthread_create(&c, NULL, consumer, NULL);
  pthread_create(&p, NULL, producer, NULL);
  pthread_join(p, NULL);
  pthread_join(c, NULL);
  sem_destroy(&filled);
  return 0;
}
