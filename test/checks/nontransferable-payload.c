// RUN: %check_parsafe %s parsafe-nontransferable-payload %t -- -- -std=c11 -D_GNU_SOURCE

#include <string.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/socket.h>
#include <unistd.h>

struct request {
  int id;
  char *path; /* points into the sender's heap */
};

struct reply {
  int status;
  char text[64];
};

struct list {
  int value;
  struct list *next;
};

struct queued {
  long mtype;
  struct request body;
};

// ---------------------------------------------------------------- positives

void send_request(int fd, struct request *req) {
  write(fd, req, sizeof *req);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: object of type 'struct request' sent with 'write' cannot cross a process boundary: 'request::path' is a pointer: the address means nothing in another process [parsafe-nontransferable-payload]
}

void send_list(int sock, struct list *head) {
  sendto(sock, head, sizeof *head, 0, NULL, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: object of type 'struct list' sent with 'sendto' cannot cross a process boundary: 'list::next' is a pointer
}

void queue_request(int queue, struct queued *msg) {
  msgsnd(queue, msg, sizeof msg->body, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: object of type 'struct queued' sent with 'msgsnd' cannot cross a process boundary: 'queued::body.path' is a pointer
}

void share_list(void) {
  struct list *nodes = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'struct list' placed in shared memory cannot cross a process boundary: 'list::next' is a pointer
  struct list *typed = (struct list *)mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'struct list' placed in shared memory cannot cross a process boundary: 'list::next' is a pointer
  (void)nodes;
  (void)typed;
}

void copy_into_shared(struct request *req) {
  void *region = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  memcpy(region, req, sizeof *req);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: object of type 'struct request' copied into shared memory cannot cross a process boundary
}

// ---------------------------------------------------------------- negatives

void send_reply(int fd, const struct reply *rep, int count) {
  write(fd, rep, sizeof *rep);
  write(fd, &count, sizeof count);
  pwrite(fd, rep, sizeof *rep, 0);
}

void send_text(int fd, const char *text) { write(fd, text, strlen(text)); }

void shared_replies(const struct reply *rep) {
  struct reply *slots = (struct reply *)mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  memcpy(slots, rep, sizeof *rep);
  void *private_copy = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  memcpy(private_copy, rep, sizeof *rep);
}
