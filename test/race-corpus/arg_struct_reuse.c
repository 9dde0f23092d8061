// One argument struct is reused for every thread: main overwrites its id
// for the next thread while the previous threads are still reading it.
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 4

struct arg {
  int id;
  const char *name;
};

static void *greet(void *p) {
  struct arg *a = (struct arg *)p;
  int id = a->id; // RACE!
  printf("%s %d\n", a->name, id); // NORACE
  return NULL;
}

int main(void) {
  pthread_t t[NTHREADS];
  struct arg a;
  a.name = "worker";
  for (int i = 0; i < NTHREADS; i++) {
    a.id = i; // RACE!
    pthread_create(&t[i], NULL, greet, &a);
  }
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
  return 0;
}
