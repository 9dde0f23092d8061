// RUN: %check_parsafe %s parsafe-unbounded-thread-spawn %t -- -- -std=c++20
// RUN: %check_parsafe -check-suffixes=,OPTION %s parsafe-unbounded-thread-spawn %t-option \
// RUN:   -- -config="{CheckOptions: {parsafe-unbounded-thread-spawn.ThreadStartFunctions: 'start_worker'}}" \
// RUN:   -- -std=c++20

#include <future>
#include <iostream>
#include <map>
#include <pthread.h>
#include <queue>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

void process(int Item);
void *entry(void *Arg);
int compute(int Item);
void start_worker(int Item);

// ---------------------------------------------------------------- positives

void range_over_container(const std::vector<int> &Items) {
  std::vector<std::thread> Threads;
  for (int Item : Items)
    Threads.emplace_back(process, Item);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: a thread ('emplace_back' of a container of threads) started for every iteration of a loop over data; the number of threads grows with the input [parsafe-unbounded-thread-spawn]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the loop's trip count depends on the data
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: use a bounded pool instead: parsafe::ThreadPool pool(std::thread::hardware_concurrency()); pool.map(fn, items) runs at most that many at once and returns the results in input order
  for (auto &T : Threads)
    T.join();
}

void index_up_to_size(const std::vector<int> &Items) {
  std::vector<std::thread> Threads;
  for (std::size_t I = 0; I < Items.size(); ++I)
    Threads.push_back(std::thread(process, Items[I]));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: a thread ('std::thread') started for every iteration of a loop over data
  for (auto &T : Threads)
    T.join();
}

void size_in_a_variable(const std::vector<int> &Items) {
  const std::size_t Count = Items.size();
  for (std::size_t I = 0; I < Count; ++I)
    std::thread(process, Items[I]).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: a thread ('std::thread') started for every iteration of a loop over data
}

void iterators(const std::map<int, int> &Table) {
  for (auto It = Table.begin(); It != Table.end(); ++It)
    std::thread(process, It->first).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: a thread ('std::thread') started for every iteration
}

void per_input_line() {
  std::string Line;
  while (std::getline(std::cin, Line))
    std::thread([Line] { process(static_cast<int>(Line.size())); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: a thread ('std::thread') started for every iteration
}

void per_connection(int Listener) {
  int Client;
  while ((Client = accept(Listener, nullptr, nullptr)) >= 0) {
    pthread_t Thread;
    pthread_create(&Thread, nullptr, entry, nullptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: a thread ('pthread_create') started for every iteration of a loop over data
    pthread_detach(Thread);
  }
}

void queue_drain(std::queue<int> &Work) {
  while (!Work.empty()) {
    int Item = Work.front();
    Work.pop();
    std::thread(process, Item).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: a thread ('std::thread') started for every iteration
  }
}

std::vector<std::future<int>> async_per_item(const std::vector<int> &Items) {
  std::vector<std::future<int>> Results;
  for (int Item : Items)
    Results.push_back(std::async(std::launch::async, compute, Item));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: asynchronous work ('std::async') started for every iteration
  return Results;
}

void jthreads(const std::vector<int> &Items) {
  std::vector<std::jthread> Threads;
  for (int Item : Items)
    Threads.emplace_back([Item] { process(Item); });
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: a thread ('emplace_back' of a container of threads) started for every iteration
}

// Two threads per item: still grows with the input.
void nested(const std::vector<int> &Items) {
  for (int Item : Items)
    for (int K = 0; K < 2; ++K)
      std::thread(process, Item + K).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: a thread ('std::thread') started for every iteration
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: the loop's trip count depends on the data
}

template <class Container> void in_template(const Container &Items) {
  for (const auto &Item : Items)
    std::thread(process, Item).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: a thread ('std::thread') started for every iteration
}
template void in_template(const std::vector<int> &);

void user_named(const std::vector<int> &Items) {
  for (int Item : Items)
    start_worker(Item);
  // CHECK-MESSAGES-OPTION: :[[@LINE-1]]:5: warning: concurrent work ('start_worker') started for every iteration
}

// ---------------------------------------------------------------- negatives

// A fixed worker count: a constant, a macro, a constexpr.
#define NUM_THREADS 4
constexpr int kWorkers = 8;
void fixed_workers() {
  pthread_t Threads[NUM_THREADS];
  for (int I = 0; I < NUM_THREADS; ++I)
    pthread_create(&Threads[I], nullptr, entry, nullptr);
  for (int I = 0; I < NUM_THREADS; ++I)
    pthread_join(Threads[I], nullptr);
  std::vector<std::thread> Pool;
  for (int I = 0; I < kWorkers; ++I)
    Pool.emplace_back(process, I);
  for (auto &T : Pool)
    T.join();
}

// Bounded by the number of cores.
void core_count(const std::vector<int> &Items) {
  const unsigned Workers = std::thread::hardware_concurrency();
  std::vector<std::thread> Pool;
  for (unsigned W = 0; W < Workers; ++W)
    Pool.emplace_back([&Items, W, Workers] {
      for (std::size_t I = W; I < Items.size(); I += Workers)
        process(Items[I]);
    });
  for (long C = 0; C < sysconf(_SC_NPROCESSORS_ONLN); ++C)
    std::thread(process, static_cast<int>(C)).detach();
  for (auto &T : Pool)
    T.join();
}

// A worker count the program was given.
void chosen_count(int NumThreads) {
  std::vector<std::thread> Pool;
  for (int I = 0; I < NumThreads; ++I)
    Pool.emplace_back(process, I);
  for (auto &T : Pool)
    T.join();
}

// Joined in the same iteration: at most one thread at a time.
void joined_each_iteration(const std::vector<int> &Items) {
  for (int Item : Items) {
    std::thread T(process, Item);
    T.join();
  }
  for (int Item : Items) {
    pthread_t Thread;
    pthread_create(&Thread, nullptr, entry, &Item);
    pthread_join(Thread, nullptr);
  }
}

// A fixed-size range.
void fixed_range() {
  int Parts[3] = {1, 2, 3};
  for (int Part : Parts)
    std::thread(process, Part).detach();
  for (int Part : {4, 5})
    std::thread(process, Part).detach();
}

// Deferred async runs on the caller; a default-constructed thread starts nothing.
void not_threads(const std::vector<int> &Items) {
  std::vector<std::future<int>> Lazy;
  std::vector<std::thread> Slots;
  for (int Item : Items) {
    Lazy.push_back(std::async(std::launch::deferred, compute, Item));
    Slots.emplace_back();
  }
}

// A thread started before the loop, fed by it.
void one_thread_fed_by_loop(const std::vector<int> &Items) {
  std::thread Worker([] { process(0); });
  for (int Item : Items)
    process(Item);
  Worker.join();
}
