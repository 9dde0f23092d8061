// RUN: %check_parsafe %s parsafe-static-init-concurrency %t -- -- -std=c11 -D_GNU_SOURCE

// C has no dynamic initializers: constructor functions are how C code runs
// before main.
#include <pthread.h>
#include <stdlib.h>
#include <threads.h>
#include <unistd.h>

static void *entry(void *arg) { return arg; }
static int c11_entry(void *arg) { return arg != 0; }

// ---------------------------------------------------------------- positives

__attribute__((constructor)) static void start_thread(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, entry, NULL);
}
// CHECK-MESSAGES: :[[@LINE-4]]:42: warning: constructor function 'start_thread' starts a thread ('pthread_create') before 'main' runs [parsafe-static-init-concurrency]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: a thread ('pthread_create') started here

static void spawn_helper(void) {
  thrd_t thread;
  thrd_create(&thread, c11_entry, NULL);
}
__attribute__((constructor(101))) static void start_c11(void) { spawn_helper(); }
// CHECK-MESSAGES: :[[@LINE-1]]:47: warning: constructor function 'start_c11' starts a thread ('thrd_create') before 'main' runs
// CHECK-MESSAGES: :[[@LINE-2]]:65: note: 'spawn_helper' called here
// CHECK-MESSAGES: :[[@LINE-5]]:3: note: a thread ('thrd_create') started here

__attribute__((constructor)) static void daemonize(void) {
  if (fork() != 0)
    _exit(0);
}
// CHECK-MESSAGES: :[[@LINE-4]]:42: warning: constructor function 'daemonize' starts a child process ('fork') before 'main' runs
// CHECK-MESSAGES: :[[@LINE-4]]:7: note: a child process ('fork') started here
// CHECK-MESSAGES: :[[@LINE-6]]:42: note: {{.*}}start processes from 'main', after 'PARSAFE_MAIN_GUARD(argc, argv)'

__attribute__((constructor)) static void run_setup_script(void) { system("true"); }
// CHECK-MESSAGES: :[[@LINE-1]]:42: warning: constructor function 'run_setup_script' starts a shell process ('system') before 'main' runs

#define BOOT_THREAD(t) pthread_create(&(t), NULL, entry, NULL)
__attribute__((constructor)) static void boot_from_macro(void) {
  pthread_t t;
  BOOT_THREAD(t);
}
// CHECK-MESSAGES: :[[@LINE-4]]:42: warning: constructor function 'boot_from_macro' starts a thread ('pthread_create') before 'main' runs

// ---------------------------------------------------------------- negatives

// Constant-initialized globals run no code.
static int counter = 0;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

// A constructor function that only sets state.
__attribute__((constructor)) static void configure(void) { counter = 1; }

// Thread creation from a function that only main calls.
static void start_workers(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, entry, NULL);
  pthread_join(thread, NULL);
}

// A destructor function runs after main, not before.
__attribute__((destructor)) static void finish(void) { start_workers(); }

int main(void) {
  pthread_mutex_lock(&lock);
  start_workers();
  pthread_mutex_unlock(&lock);
  return counter;
}
