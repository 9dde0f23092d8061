// Two threads protect the same variable with different mutexes.
#include <pthread.h>

int balance;
pthread_mutex_t deposit_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t withdraw_lock = PTHREAD_MUTEX_INITIALIZER;

static void *deposit(void *arg) {
  pthread_mutex_lock(&deposit_lock);
  balance += 10; // RACE!
  pthread_mutex_unlock(&deposit_lock);
  return arg;
}

static void *withdraw(void *arg) {
  pthread_mutex_lock(&withdraw_lock);
  balance -= 5; // RACE!
  pthread_mutex_unlock(&withdraw_lock);
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, deposit, NULL);
  pthread_create(&b, NULL, withdraw, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return balance;
}
