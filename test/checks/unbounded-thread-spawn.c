// RUN: %check_parsafe %s parsafe-unbounded-thread-spawn %t -- -- -std=c11 -D_GNU_SOURCE

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NTHREADS 4

static void *worker(void *arg) { return arg; }

// One thread per line of input: grows with the file.
void per_line(FILE *in) {
  char line[256];
  while (fgets(line, sizeof line, in)) {
    pthread_t t;
    pthread_create(&t, NULL, worker, strdup(line));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: a thread ('pthread_create') started for every iteration of a loop over data; the number of threads grows with the input [parsafe-unbounded-thread-spawn]
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: the loop's trip count depends on the data
    pthread_detach(t);
  }
}

// One thread per character of a string.
void per_char(const char *text, pthread_t *out) {
  for (size_t i = 0; i < strlen(text); ++i)
    pthread_create(&out[i], NULL, worker, (void *)(text + i));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: a thread ('pthread_create') started for every iteration
}

// Negative: a fixed number of workers, joined later.
void fixed(void) {
  pthread_t threads[NTHREADS];
  for (int i = 0; i < NTHREADS; ++i)
    pthread_create(&threads[i], NULL, worker, NULL);
  for (int i = 0; i < NTHREADS; ++i)
    pthread_join(threads[i], NULL);
}

// Negative: a worker count passed in by the caller.
void chosen(int nthreads, pthread_t *threads) {
  for (int i = 0; i < nthreads; ++i)
    pthread_create(&threads[i], NULL, worker, NULL);
}

// Negative: joined in the same iteration.
void serial(FILE *in) {
  char line[256];
  while (fgets(line, sizeof line, in)) {
    pthread_t t;
    pthread_create(&t, NULL, worker, line);
    pthread_join(t, NULL);
  }
}
