// RUN: %check_parsafe -check-suffixes=,BASE %s parsafe-mt-unsafe-call-in-thread %t-base -- -- -std=c++17
// RUN: %check_parsafe -check-suffixes=,OPTION %s parsafe-mt-unsafe-call-in-thread %t \
// RUN:   -- -config="{CheckOptions: {parsafe-mt-unsafe-call-in-thread.ExtraFunctions: 'legacy_parse=legacy_parse_r', parsafe-mt-unsafe-call-in-thread.IgnoredFunctions: 'getenv'}}" \
// RUN:   -- -std=c++17

#include <cstdlib>
#include <cstring>
#include <ctime>
#include <future>
#include <pthread.h>
#include <thread>
#include <vector>

extern "C" int legacy_parse(const char *);
namespace parsafe {
class ThreadPool {
public:
  explicit ThreadPool(unsigned);
  template <class F> void detach(F Fn) { Fn(); }
};
} // namespace parsafe

// ---------------------------------------------------------------- positives

void tokenize(char *Line) {
  for (char *Word = std::strtok(Line, " "); Word; Word = std::strtok(nullptr, " "))
    ;
  // CHECK-MESSAGES: :[[@LINE-2]]:21: warning: 'strtok' is not thread-safe: it keeps its state in static storage that every thread shares; use strtok_r [parsafe-mt-unsafe-call-in-thread]
  // CHECK-MESSAGES: :{{[0-9]+}}:15: note: reachable from the entry of a thread ('std::thread'), which runs concurrently
  // CHECK-MESSAGES: :[[@LINE-4]]:58: warning: 'strtok' is not thread-safe
}

void stamp() {
  std::time_t Now = std::time(nullptr);
  std::tm *Local = std::localtime(&Now);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'localtime' is not thread-safe: it keeps its state in static storage that every thread shares; use localtime_r
  // CHECK-MESSAGES: :{{[0-9]+}}:27: note: 'stamp' called here
  (void)Local;
}

void roll() {
  int Dice = std::rand() % 6;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'rand' is not thread-safe: it keeps its state in static storage that every thread shares; use rand_r, or a std::mt19937 per thread
  (void)Dice;
}

void *pthread_worker(void *Arg) {
  std::strerror(*static_cast<int *>(Arg));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'strerror' is not thread-safe: it keeps its state in static storage that every thread shares; use strerror_r
  // CHECK-MESSAGES: :{{[0-9]+}}:3: note: reachable from the entry of a thread ('pthread_create'), which runs concurrently
  return nullptr;
}

void legacy() { legacy_parse("x"); }
// CHECK-MESSAGES-OPTION: :[[@LINE-1]]:17: warning: 'legacy_parse' is not thread-safe: it keeps its state in static storage that every thread shares; use legacy_parse_r

int main() {
  static char Line[] = "a b c";
  pthread_t Thread;
  int Code = 2;
  pthread_create(&Thread, nullptr, pthread_worker, &Code);
  std::thread First(tokenize, Line);
  std::thread Second([] { stamp(); });
  auto Future = std::async(std::launch::async, roll);
  std::vector<std::thread> Pool;
  Pool.emplace_back([] { std::getenv("HOME"); });
  // CHECK-MESSAGES-BASE: :[[@LINE-1]]:26: warning: 'getenv' is not thread-safe: it keeps its state in static storage that every thread shares; use values read once before the threads start
  parsafe::ThreadPool Tasks(2);
  Tasks.detach(legacy);
  First.join();
  Second.join();
  Future.get();
  for (auto &T : Pool)
    T.join();
  pthread_join(Thread, nullptr);
  // ------------------------------------------------------------ negatives
  // The same functions on the main thread, outside any thread entry.
  char Other[] = "x y";
  std::strtok(Other, " ");
  std::srand(1);
  return std::rand() + (std::getenv("PATH") != nullptr);
}

// Never started as a thread: silent.
void single_threaded_helper() {
  std::time_t Now = std::time(nullptr);
  std::gmtime(&Now);
  std::strtok(nullptr, ",");
}

// Reentrant forms are fine in threads.
void reentrant() {
  std::time_t Now = std::time(nullptr);
  std::tm Out;
  localtime_r(&Now, &Out);
  char Text[] = "a,b";
  char *Save = nullptr;
  strtok_r(Text, ",", &Save);
  unsigned Seed = 1;
  rand_r(&Seed);
}
void start_reentrant() { std::thread(reentrant).detach(); }

// A function of the program named like a libc one is not the libc one.
namespace app {
int rand();
}
void own_rand() { app::rand(); }
void start_own() { std::thread(own_rand).detach(); }
