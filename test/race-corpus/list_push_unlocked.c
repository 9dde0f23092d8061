// Two threads push nodes onto a global singly linked list without a lock:
// both read the head and both overwrite it.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct node {
  int value;
  struct node *next;
};

struct node *head;

static void *pusher(void *arg) {
  long base = (long)arg;
  for (int i = 0; i < 100; i++) {
    struct node *n = malloc(sizeof *n);
    if (!n)
      break;
    n->value = (int)base + i;
    n->next = head; // RACE!
    head = n; // RACE!
  }
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, pusher, (void *)0L);
  pthread_create(&b, NULL, pusher, (void *)1000L);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  int count = 0;
  while (head) { // NORACE
    struct node *n = head; // NORACE
    head = n->next; // NORACE
    free(n);
    count++;
  }
  printf("%d\n", count);
  return 0;
}
