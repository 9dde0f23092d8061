// RUN: %check_parsafe -check-suffixes=,OPTION %s parsafe-nontransferable-payload %t \
// RUN:   -- -config="{CheckOptions: {parsafe-nontransferable-payload.ProcessFunctions: 'workers::run_in_worker', parsafe-nontransferable-payload.AdditionalSinks: 'log_bytes:0'}}" \
// RUN:   -- -std=c++17

#include <array>
#include <cstring>
#include <map>
#include <memory>
#include <mqueue.h>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>
#include <vector>

struct Job {
  int Id;
  std::string Name;
};
struct Header {
  int Kind;
  const char *Label;
};
struct Message {
  long Type;
  Header Head;
};
struct Node {
  int Value;
  Node *Next;
};
struct Shape {
  virtual ~Shape();
  double Area;
};
struct Batch {
  std::vector<int> Items;
};
struct Owner {
  std::unique_ptr<int> Data;
};
struct Locked {
  std::mutex Lock;
  int Count;
};
struct Callback {
  void (*Handler)(int);
};

// Portable layouts.
struct Record {
  int Id;
  char Name[32];
  double Weight;
};
enum class Color { Red, Green };
struct Nested {
  Record Inner[4];
  Color Tint;
  std::array<int, 3> Triple;
};

void log_bytes(const void *Data, std::size_t Size);

// ---------------------------------------------------------------- positives

void pipes_and_sockets(int Fd, Job &Work, Node &List, Shape &S) {
  write(Fd, &Work, sizeof Work);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: object of type 'Job' sent with 'write' cannot cross a process boundary: 'Job::Name' is a std::string: its characters live in this process's heap [parsafe-nontransferable-payload]
  // CHECK-MESSAGES: :[[@LINE-2]]:13: note: send it through parsafe::ProcessPool, which serializes std::string, containers and types with a serialize() member, or give it a portable layout (fixed-size arrays such as char[N] instead of pointers and std::string)
  send(Fd, &List, sizeof List, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: object of type 'Node' sent with 'send' cannot cross a process boundary: 'Node::Next' is a pointer: the address means nothing in another process
  write(Fd, &S, sizeof S);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: object of type 'Shape' sent with 'write' cannot cross a process boundary: it is a polymorphic class: its vtable pointer is only valid in this process
}

void nested_member(int Fd, const Message &M) {
  write(Fd, (const void *)&M, sizeof M);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: object of type 'Message' sent with 'write' cannot cross a process boundary: 'Message::Head.Label' is a pointer
}

void containers_and_owners(int Fd, const Batch &B, const Owner &O, const Locked &L) {
  write(Fd, &B, sizeof B);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: object of type 'Batch' sent with 'write' cannot cross a process boundary: 'Batch::Items' is a std::vector: its elements live in this process's heap
  write(Fd, &O, sizeof O);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: object of type 'Owner' sent with 'write' cannot cross a process boundary: 'Owner::Data' is a std::unique_ptr: it owns memory in this process's heap
  write(Fd, &L, sizeof L);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: object of type 'Locked' sent with 'write' cannot cross a process boundary: 'Locked::Lock' is a std::mutex: a handle that only means something in this process
}

void function_pointer(int Fd, const Callback &C) {
  write(Fd, &C, sizeof C);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: object of type 'Callback' sent with 'write' cannot cross a process boundary: 'Callback::Handler' is a function pointer: code addresses differ in another process
}

void a_string_object_itself(int Fd, const std::string &Text) {
  write(Fd, &Text, sizeof Text);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: object of type 'std::string' sent with 'write' cannot cross a process boundary: it is a std::string: its characters live in this process's heap
}

void array_of_jobs(int Fd, const std::vector<Job> &Jobs, Job (&Fixed)[4]) {
  write(Fd, Jobs.data(), Jobs.size() * sizeof(Job));
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: object of type 'Job' sent with 'write' cannot cross a process boundary
  write(Fd, Fixed, sizeof Fixed);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: object of type 'Job' sent with 'write' cannot cross a process boundary
}

void gather_write(int Fd, Node &N, Job &J) {
  struct iovec Parts[2];
  Parts[0].iov_base = &N;
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: object of type 'Node' placed in an iovec cannot cross a process boundary: 'Node::Next' is a pointer
  Parts[0].iov_len = sizeof N;
  struct iovec Single = {&J, sizeof J};
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: object of type 'Job' placed in an iovec cannot cross a process boundary
  writev(Fd, Parts, 1);
  writev(Fd, &Single, 1);
}

void message_queues(mqd_t Queue, int Id, const Job &J) {
  mq_send(Queue, reinterpret_cast<const char *>(&J), sizeof J, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: object of type 'Job' sent with 'mq_send' cannot cross a process boundary
}

void shared_memory(const Job &J) {
  void *Region = mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  Job *Slot = static_cast<Job *>(Region);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'Job' placed in shared memory cannot cross a process boundary: 'Job::Name' is a std::string
  // CHECK-MESSAGES: :[[@LINE-3]]:18: note: memory shared with other processes is mapped here
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: keep only portable data in shared memory: fixed-size arrays such as char[N] instead of pointers and std::string, offsets instead of pointers; or send values through parsafe::ProcessPool
  std::memcpy(Region, &J, sizeof J);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: object of type 'Job' copied into shared memory cannot cross a process boundary
  new (Region) Shape();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Shape' constructed in shared memory cannot cross a process boundary: it is a polymorphic class
  Node *Linked = (Node *)mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'Node' placed in shared memory cannot cross a process boundary: 'Node::Next' is a pointer
  (void)Slot;
  (void)Linked;
}

void system_v_segment(int SegmentId) {
  auto *Table = static_cast<std::map<int, int> *>(shmat(SegmentId, nullptr, 0));
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'std::map<int, int>' placed in shared memory cannot cross a process boundary: it is a std::map: its elements live in this process's heap
  (void)Table;
}

void user_named_sink(const Job &J) {
  log_bytes(&J, sizeof J);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: object of type 'Job' sent with 'log_bytes' cannot cross a process boundary
}

template <class T> void send_raw(int Fd, const T &Value) {
  write(Fd, &Value, sizeof Value);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: object of type 'Job' sent with 'write' cannot cross a process boundary
}
template void send_raw(int, const Job &);
template void send_raw(int, const Record &);

#define SEND_STRUCT(fd, s) write((fd), &(s), sizeof(s))
void through_macro(int Fd, Node &N) {
  SEND_STRUCT(Fd, N);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: object of type 'Node' sent with 'write' cannot cross a process boundary
}

namespace workers {
template <class F> void run_in_worker(F Task) { Task(); }
template <class F, class... A> void run_in_worker(F Task, A... Args) { Task(Args...); }
} // namespace workers

void process_api(std::vector<int> &Results, const std::string &Input) {
  int Total = 0;
  workers::run_in_worker([&Total] { Total = 1; });
  // CHECK-MESSAGES-OPTION: :[[@LINE-1]]:28: warning: 'Total' captured by reference by a task that runs in another process: the reference means nothing there
  // CHECK-MESSAGES-OPTION: :[[@LINE-2]]:28: note: capture it by value, with a type parsafe::ProcessPool can serialize, or return results instead of writing to it
  Node *Head = nullptr;
  workers::run_in_worker([Head] { (void)Head; });
  // CHECK-MESSAGES-OPTION: :[[@LINE-1]]:27: warning: captured variable 'Head' cannot cross a process boundary: it is a pointer
  workers::run_in_worker([](Node *) {}, Head);
  // CHECK-MESSAGES-OPTION: :[[@LINE-1]]:41: warning: argument of type 'Node *' cannot cross a process boundary: it is a pointer
  // Serializable values are fine at this level: strings, containers, PODs.
  workers::run_in_worker([Input, Results] { (void)Input; (void)Results; });
}

// ---------------------------------------------------------------- negatives

void portable(int Fd, const Record &R, const Nested &N, int Count, double Ratio, Color C) {
  write(Fd, &R, sizeof R);
  write(Fd, &N, sizeof N);
  write(Fd, &Count, sizeof Count);
  send(Fd, &Ratio, sizeof Ratio, 0);
  write(Fd, &C, sizeof C);
}

// Byte buffers: whatever produced them chose the encoding.
void bytes(int Fd, const std::string &Text, const std::vector<char> &Encoded,
           const std::vector<unsigned char> &Raw) {
  char Buffer[64] = {};
  write(Fd, Buffer, sizeof Buffer);
  write(Fd, Text.data(), Text.size());
  write(Fd, Text.c_str(), Text.size() + 1);
  write(Fd, Encoded.data(), Encoded.size());
  write(Fd, Raw.data(), Raw.size());
  std::byte Bytes[8] = {};
  write(Fd, Bytes, sizeof Bytes);
}

void portable_shared_memory(const Record &R) {
  void *Region = mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  Record *Slot = static_cast<Record *>(Region);
  std::memcpy(Region, &R, sizeof R);
  new (Region) Record{1, "one", 1.0};
  int *Counter = (int *)Region;
  (void)Slot;
  (void)Counter;
}

// Private mappings are not shared with other processes.
void private_mapping() {
  void *Region = mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  Job *Scratch = static_cast<Job *>(Region);
  (void)Scratch;
}

// A member function called write() is someone else's API.
struct Stream {
  void write(const void *Data, std::size_t Size);
};
void member_write(Stream &Out, const Job &J) { Out.write(&J, sizeof J); }

// Without the option, run_in_worker is an ordinary function (first RUN has it).
void not_a_process_api(int &Total) {
  auto Local = [&Total] { Total = 2; };
  Local();
}
