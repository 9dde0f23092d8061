// The argument struct points at a shared stop flag that main sets while the
// workers poll it, with no lock and no atomic.
#include <pthread.h>
#include <stdio.h>

struct ctl {
  int id;
  int *stop;
  long iterations;
};

static void *spin(void *p) {
  struct ctl *c = p;
  while (!*c->stop) // RACE!
    c->iterations++;
  return NULL;
}

int main(void) {
  int stop = 0;
  struct ctl ctls[2];
  pthread_t t[2];
  for (int i = 0; i < 2; i++) {
    ctls[i].id = i;
    ctls[i].stop = &stop;
    ctls[i].iterations = 0;
    pthread_create(&t[i], NULL, spin, &ctls[i]);
  }
  for (volatile int k = 0; k < 100000; k++)
    ;
  stop = 1; // RACE!
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  printf("%ld %ld\n", ctls[0].iterations, ctls[1].iterations); // NORACE
  return 0;
}
