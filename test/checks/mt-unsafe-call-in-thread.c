// RUN: %check_parsafe %s parsafe-mt-unsafe-call-in-thread %t -- -- -std=c11 -D_GNU_SOURCE

#include <dirent.h>
#include <netdb.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <time.h>

static void scan(const char *path) {
  DIR *dir = opendir(path);
  struct dirent *entry;
  while ((entry = readdir(dir)) != NULL)
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'readdir' is not thread-safe: it keeps its state in static storage that every thread shares; use one DIR * per thread (readdir is then safe), or readdir_r [parsafe-mt-unsafe-call-in-thread]
    // CHECK-MESSAGES: :[[@LINE+5]]:3: note: 'scan' called here
    ;
  closedir(dir);
}
static void *walker(void *arg) {
  scan((const char *)arg);
  return NULL;
}

static int resolver(void *arg) {
  struct hostent *host = gethostbyname((const char *)arg);
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'gethostbyname' is not thread-safe: it keeps its state in static storage that every thread shares; use getaddrinfo
  return host != NULL;
}

static void *timer(void *arg) {
  time_t now = time(NULL);
  char *text = ctime(&now);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'ctime' is not thread-safe: it keeps its state in static storage that every thread shares; use ctime_r
  (void)text;
  (void)arg;
  return NULL;
}

// Negative: the reentrant form.
static void *safe_timer(void *arg) {
  time_t now = time(NULL);
  char buffer[32];
  ctime_r(&now, buffer);
  (void)arg;
  return NULL;
}

int main(void) {
  pthread_t a, b, c;
  thrd_t d;
  pthread_create(&a, NULL, walker, ".");
  pthread_create(&b, NULL, timer, NULL);
  pthread_create(&c, NULL, safe_timer, NULL);
  thrd_create(&d, resolver, "localhost");
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  pthread_join(c, NULL);
  thrd_join(d, NULL);
  // Negative: main's own calls, with no thread entry reaching them.
  char text[] = "a b";
  strtok(text, " ");
  return rand() % 2;
}
